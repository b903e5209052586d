"""FIFO message groups of an SQS FIFO queue ("Message grouping in FIFO queues").

Visible messages wait per group in send order; a group with a message in flight is
blocked and returns nothing more until that message is deleted, dead-lettered or expires,
while other groups go on. Kept apart from `engine.services.sqs.queue` so each stays readable.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from engine.core.message import Copy


class FifoGroups:
    """Invariants: `ready` lists, once each, exactly the groups that have a visible message
    and none in flight; each group's visible messages are in send (`seq`) order; `visible`
    counts them all."""

    def __init__(self, on_ready: Callable[[], None]):
        self.on_ready = on_ready  # something became receivable
        self.groups: dict[str, deque[Copy]] = {}
        self.ready: deque[str] = deque()
        self.ready_set: set[str] = set()
        self.in_flight: dict[str, int] = {}
        self.visible = 0

    def add(self, copy: Copy) -> None:
        """A message becomes visible: a new one at its group's end, a returning one before
        every later message of its group."""
        group = self.groups.get(copy.group)
        if group is None:
            group = self.groups[copy.group] = deque()
        if not group or group[-1].seq < copy.seq:
            group.append(copy)
        else:
            index = next(i for i, other in enumerate(group) if other.seq > copy.seq)
            group.insert(index, copy)
        self.visible += 1
        self._mark_ready(copy.group)

    def _mark_ready(self, name: str) -> None:
        if name not in self.ready_set and not self.in_flight.get(name) and self.groups.get(name):
            self.ready.append(name)
            self.ready_set.add(name)
            self.on_ready()

    def take(self, max_messages: int, taken: list[Copy], take: Callable[[Copy], None]) -> None:
        """One receive: whole runs of ready groups, in order, up to `max_messages`."""
        while self.ready and len(taken) < max_messages:
            name = self.ready.popleft()
            self.ready_set.discard(name)
            group = self.groups[name]
            while group and len(taken) < max_messages:
                self.visible -= 1
                take(group.popleft())
            if not group:
                del self.groups[name]
            elif not self.in_flight.get(name):  # all it gave were dead-lettered
                self.ready.appendleft(name)
                self.ready_set.add(name)

    def started(self, name: str) -> None:
        self.in_flight[name] = self.in_flight.get(name, 0) + 1

    def finished(self, name: str) -> None:
        left = self.in_flight[name] - 1
        if left:
            self.in_flight[name] = left
        else:
            del self.in_flight[name]
            self._mark_ready(name)

    def remove(self, copy: Copy) -> None:
        """A visible message leaves without being received (retention expiry)."""
        group = self.groups[copy.group]
        group.remove(copy)
        self.visible -= 1
        if not group:
            del self.groups[copy.group]
            if copy.group in self.ready_set:
                self.ready.remove(copy.group)
                self.ready_set.discard(copy.group)
