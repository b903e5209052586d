"""Time bookkeeping shared by resources: many deadlines on one kernel timer, and the
five-minute deduplication window of SQS FIFO queues and SNS FIFO topics.

Entries hold ids and numbers, never the copies themselves, so finished copies are freed at
once and long runs do not carry every message they ever saw.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Hashable

from engine.runtime.kernel import STATE, Kernel


class Deadlines:
    """Due times for many keys with a single armed kernel timer.

    Invariant: every entry fires once, at its due time, in due order. Most entries arrive in
    due order (a fixed timeout after now) and wait in a deque; an earlier one goes to a small
    heap. `fire(key, token)` decides whether an entry is still current.
    """

    def __init__(self, kernel: Kernel, fire: Callable[[str, int], None]):
        self.kernel = kernel
        self.fire = fire
        self.queue: deque[tuple[float, str, int]] = deque()
        self.early: list[tuple[float, str, int]] = []
        self.armed: float | None = None

    def add(self, due: float, key: str, token: int) -> None:
        """Fire `key` at `due`; a due time already past fires now (a standard DLQ keeps a
        message's first enqueue time, so its retention may have run out on arrival)."""
        now = self.kernel.now
        if due < now:
            due = now
        if self.queue and due < self.queue[-1][0]:
            heapq.heappush(self.early, (due, key, token))
        else:
            self.queue.append((due, key, token))
        if self.armed is None or due < self.armed:
            self.armed = due
            self.kernel.at(due, STATE, self._due, due)

    def prune(self, is_current: Callable[[str, int], bool]) -> None:
        """Drop finished entries from the front, so a busy queue keeps few of them."""
        queue = self.queue
        while queue and not is_current(queue[0][1], queue[0][2]):
            queue.popleft()

    def _due(self, armed: float) -> None:
        if armed != self.armed:
            return  # an earlier deadline re-armed the timer; that call does the work
        now = self.kernel.now
        queue, early = self.queue, self.early
        while True:
            if queue and queue[0][0] <= now and (not early or queue[0] <= early[0]):
                _due, key, token = queue.popleft()
            elif early and early[0][0] <= now:
                _due, key, token = heapq.heappop(early)
            else:
                break
            self.fire(key, token)
        fronts = [entries[0][0] for entries in (queue, early) if entries]
        self.armed = min(fronts) if fronts else None
        if self.armed is not None:
            self.kernel.at(self.armed, STATE, self._due, self.armed)


# "Exactly-once processing in Amazon SQS": the deduplication interval of FIFO queues and
# topics is five minutes.
DEDUP_INTERVAL = 300.0


class DedupWindow:
    """Deduplication ids seen in the last `interval` seconds.

    Invariant: `seen` holds exactly the keys first seen less than `interval` ago."""

    def __init__(self, interval: float = DEDUP_INTERVAL):
        self.interval = interval
        self.seen: dict[Hashable, float] = {}
        self.order: deque[tuple[float, Hashable]] = deque()

    def is_repeat(self, key: Hashable, now: float) -> bool:
        """True for a key seen within the window; otherwise remember it from now."""
        order, seen = self.order, self.seen
        while order and order[0][0] <= now:
            expires, old = order.popleft()
            if seen.get(old) == expires:
                del seen[old]
        if key in seen:
            return True
        seen[key] = now + self.interval
        order.append((now + self.interval, key))
        return False
