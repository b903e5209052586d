"""Amazon SQS queues, standard and FIFO: the engine's `sqs.queue` node.

Reproduces the message lifecycle of the SQS Developer Guide ("Amazon SQS visibility
timeout", "Amazon SQS message deduplication", "Using dead-letter queues"): delays,
visibility timeouts, receive counts, redrive after maxReceiveCount, retention expiry,
FIFO message groups and five-minute deduplication.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from engine.core.message import DELAYED, GONE, IN_FLIGHT, VISIBLE, Copy
from engine.runtime.deadlines import Deadlines, DedupWindow
from engine.runtime.kernel import ACTION, STATE
from engine.runtime.resource import Resource
from engine.services.sqs.groups import FifoGroups

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_ATTRIBUTES = 10  # "Amazon SQS message attributes": up to 10 per message


class SqsQueue(Resource):
    """Invariants: every copy in `held` is DELAYED, VISIBLE or IN_FLIGHT, exactly one; the
    counters `delayed`, visible and `in_flight` add up to `len(held)`. A FIFO group with a
    copy in flight is never in `ready`; a FIFO group's visible copies keep their send order."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = self.props
        self.fifo = bool(p["FifoQueue"])
        self._trace = self._trace_with_group if self.fifo else self.rec.emit
        self.visibility_timeout = float(p["VisibilityTimeout"])
        self.retention = float(p["MessageRetentionPeriod"])
        self.delay_seconds = float(p["DelaySeconds"])
        self.max_size = p["MaximumMessageSize"]
        self.content_dedup = bool(p["ContentBasedDeduplication"])
        self.dedup_per_group = p["DeduplicationScope"] == "messageGroup"
        self.duplicate_rate = float(node.sim["duplicateRate"] or 0)
        self.held: dict[str, Copy] = {}  # insertion order = arrival order
        self.visible: deque[Copy] = deque()  # standard queues
        self.groups = FifoGroups(self._notify)  # FIFO queues' visible copies
        self.delayed = 0
        self.in_flight = 0
        self.dead_letter: tuple[str, SqsQueue, int] | None = None  # (edge, queue, maxReceive)
        self.waiters: deque[Callable[[], None]] = deque()
        self._dedup = DedupWindow()
        self._retention = Deadlines(self.kernel, self._expire_id)
        self._visibility = Deadlines(self.kernel, self._visibility_over)
        self._seq = 0
        self._receipts = 0
        self.sent = self.received = self.deleted = self.deduplicated = 0
        self.sent_bytes = 0

    @property
    def is_fifo(self) -> bool:
        return self.fifo

    def wire_out(self, edge, target) -> None:
        if edge.kind == "dead-letter":
            self.dead_letter = (edge.id, target, edge.props["maxReceiveCount"])
        super().wire_out(edge, target)

    @property
    def visible_count(self) -> int:
        return self.groups.visible if self.fifo else len(self.visible)

    @property
    def can_receive(self) -> bool:
        """Whether a receive now would return something: a FIFO queue whose visible
        messages all belong to groups with a message in flight returns nothing."""
        return bool(self.groups.ready) if self.fifo else bool(self.visible)

    # --- sending -------------------------------------------------------------------
    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        if copy.size > self.max_size:
            return "MessageTooLong"  # "Amazon SQS message quotas": larger messages are refused
        if len(copy.attributes) > MAX_ATTRIBUTES:
            return "InvalidParameterValue: more than 10 message attributes"
        if self.fifo:
            key = copy.dedup or (copy.body_sha256() if self.content_dedup else None)
            if key is None:
                return "MissingDeduplicationId"
            if self.dedup_per_group:
                key = (copy.group, key)
            if self._dedup.is_repeat(key, self.kernel.now):
                self.deduplicated += 1
                self._trace("drop", self.id, copy, reason="deduplicated", edge=edge)
                self.rec.end(copy, "deduplicated")
                return None
        self._store(copy, edge)
        if self.duplicate_rate and self.sim.rng.random() < self.duplicate_rate:
            self._store(self.sim.duplicate(copy), edge, duplicate=True)
        return None

    def _store(
        self,
        copy: Copy,
        edge: str | None,
        *,
        duplicate: bool = False,
        keep_enqueued: bool = False,
        moved: bool = False,
        sent: bool = True,
    ) -> None:
        now = self.kernel.now
        self._seq += 1
        copy.seq = self._seq
        copy.holder = self
        copy.sent_at = now
        if not keep_enqueued:
            copy.enqueued_at = now
        copy.receive_count = 0
        self.held[copy.id] = copy
        if sent:
            self.sent += 1
            self.sent_bytes += copy.size
        extra = {"edge": edge} if edge else {}
        if self.fifo:
            extra["group"] = copy.group
        if duplicate:
            extra["duplicate"] = True
        self.rec.emit("deliver", self.id, copy, **extra)
        if moved:
            delay = 0.0  # a move to a dead-letter queue is not a send: no delay applies
        else:
            delay = self.delay_seconds if (self.fifo or copy.delay is None) else copy.delay
        if delay > 0:
            copy.state = DELAYED
            self.delayed += 1
            self.kernel.after(delay, STATE, self._delay_over, copy)
        else:
            self._make_visible(copy)
        self._schedule_expiry(copy)

    def _delay_over(self, copy: Copy) -> None:
        if copy.holder is self and copy.state == DELAYED:
            self.delayed -= 1
            self._make_visible(copy)

    def _make_visible(self, copy: Copy) -> None:
        copy.state = VISIBLE
        if self.fifo:
            self.groups.add(copy)
        else:
            self.visible.append(copy)
            self._notify()

    def _notify(self) -> None:
        """Wake one long-polling consumer: something can be received now."""
        if self.waiters:
            self.kernel.at(self.kernel.now, ACTION, self.waiters.popleft())

    # --- receiving -----------------------------------------------------------------
    def wait(self, callback: Callable[[], None]) -> None:
        """Long polling: `callback` runs once a copy becomes visible."""
        self.waiters.append(callback)

    def receive(self, max_messages: int) -> list[Copy]:
        """ReceiveMessage: up to `max_messages` copies, now in flight with fresh receipts.
        A copy already received maxReceiveCount times moves to the DLQ instead."""
        taken: list[Copy] = []
        if self.fifo:
            # "Message grouping": one receive may return several messages of a group, in
            # order; a group with a message in flight returns nothing more until it is done.
            self.groups.take(max_messages, taken, lambda copy: self._take(copy, taken))
        else:
            visible = self.visible
            while visible and len(taken) < max_messages:
                self._take(visible.popleft(), taken)
        return taken

    def _take(self, copy: Copy, taken: list[Copy]) -> None:
        if self.dead_letter and copy.receive_count >= self.dead_letter[2]:
            self._move_to_dead_letter(copy)
            return
        now = self.kernel.now
        self._receipts += 1
        copy.receipt = self._receipts
        copy.state = IN_FLIGHT
        copy.receive_count += 1
        if copy.first_receive is None:
            copy.first_receive = now
        self.in_flight += 1
        self.received += 1
        if self.fifo:
            self.groups.started(copy.group)
        self._trace("receive", self.id, copy, receiveCount=copy.receive_count)
        visibility = self._visibility
        visibility.add(now + self.visibility_timeout, copy.id, copy.receipt)
        if len(visibility.queue) > 64:
            visibility.prune(self._is_in_flight)
        taken.append(copy)

    def _is_in_flight(self, copy_id: str, receipt: int) -> bool:
        copy = self.held.get(copy_id)
        return copy is not None and copy.state == IN_FLIGHT and copy.receipt == receipt

    def _leave_flight(self, copy: Copy) -> None:
        self.in_flight -= 1
        if self.fifo:
            self.groups.finished(copy.group)

    def _visibility_over(self, copy_id: str, receipt: int) -> None:
        copy = self.held.get(copy_id)
        if copy is None or copy.state != IN_FLIGHT or copy.receipt != receipt:
            return
        self._trace("visibility-timeout", self.id, copy, receiveCount=copy.receive_count)
        self._leave_flight(copy)
        self._make_visible(copy)

    def _move_to_dead_letter(self, copy: Copy) -> None:
        edge, dlq, _max = self.dead_letter
        count = copy.receive_count
        self._release(copy)
        # "Using dead-letter queues": a standard DLQ keeps the original enqueue timestamp,
        # a FIFO DLQ resets it when the message moves.
        error = dlq.accept_dead_letter(
            copy, self.id, edge, keep_enqueued=not dlq.fifo, redrive=True, receiveCount=count
        )
        if error is not None:
            self._trace("drop", dlq.id, copy, reason=error, edge=edge)
            self.rec.end(copy, "dropped")

    def accept_dead_letter(
        self,
        copy: Copy,
        source: str,
        edge: str,
        *,
        keep_enqueued: bool = False,
        redrive: bool = False,
        **fields: Any,
    ) -> str | None:
        """Take a copy that `source` gave up on: an SQS redrive (`redrive`), or a message an
        SNS subscription or EventBridge target could not deliver. "Troubleshooting
        dead-letter queues": a redrive is not a send, so it does not count in the DLQ's
        NumberOfMessagesSent; what SNS or EventBridge sends to a DLQ does."""
        if copy.size > self.max_size:
            return "MessageTooLong"
        self._trace("dead-letter", source, copy, target=self.id, edge=edge, **fields)
        copy.dead = True
        self._store(copy, edge, keep_enqueued=keep_enqueued, moved=True, sent=not redrive)
        return None

    def _trace_with_group(self, event: str, node: str, copy: Copy, **extra: Any) -> None:
        """A FIFO queue's trace events carry the copy's message group (contract section 4);
        `_trace` is this for a FIFO queue and the recorder's `emit` for a standard one."""
        extra["group"] = copy.group
        self.rec.emit(event, node, copy, **extra)

    # --- finishing -----------------------------------------------------------------
    def delete(self, copy: Copy, receipt: int) -> bool:
        """DeleteMessage with a receipt: only the latest receive's receipt deletes
        ("DeleteMessage": an older one may succeed without deleting). On a standard queue
        the latest receipt still deletes after the visibility timeout has run out; a FIFO
        queue refuses a receipt whose visibility timeout has expired."""
        if copy.holder is not self or copy.receipt != receipt:
            return False
        if copy.state == IN_FLIGHT:
            self._leave_flight(copy)
        elif copy.state == VISIBLE and not self.fifo:
            self.visible.remove(copy)
        else:
            return False
        self.deleted += 1
        self._trace("delete", self.id, copy)
        self._release(copy)
        self.rec.end(copy, "deleted")
        return True

    def discard(self, copy: Copy, receipt: int, bucket: str) -> None:
        """Remove an in-flight copy that a consumer's filter turned away. "Lambda event
        filtering": Lambda deletes such messages from the queue, so they count in
        NumberOfMessagesDeleted."""
        if copy.holder is self and copy.state == IN_FLIGHT and copy.receipt == receipt:
            self.deleted += 1
            self._leave_flight(copy)
            self._release(copy)
            self.rec.end(copy, bucket)

    def _release(self, copy: Copy) -> None:
        del self.held[copy.id]
        copy.state = GONE
        copy.holder = None

    # --- retention -----------------------------------------------------------------
    def _schedule_expiry(self, copy: Copy) -> None:
        retention = self._retention
        retention.add(copy.enqueued_at + self.retention, copy.id, copy.seq)
        if len(retention.queue) > 64:
            retention.prune(self._is_held)

    def _is_held(self, copy_id: str, seq: int) -> bool:
        copy = self.held.get(copy_id)
        return copy is not None and copy.seq == seq

    def _expire_id(self, copy_id: str, seq: int) -> None:
        copy = self.held.get(copy_id)
        if copy is not None and copy.seq == seq:
            self._expire(copy)

    def _expire(self, copy: Copy) -> None:
        if copy.state == VISIBLE:
            if self.fifo:
                self.groups.remove(copy)
            else:
                self.visible.remove(copy)
        elif copy.state == DELAYED:
            self.delayed -= 1
        else:
            self._leave_flight(copy)
        self._trace("expire", self.id, copy)
        self._release(copy)
        self.rec.end(copy, "expired")

    # --- reporting -----------------------------------------------------------------
    def holdings(self) -> dict[str, int]:
        counts = {"in_queues": 0, "in_flight": 0, "dead_lettered": 0}
        for copy in self.held.values():
            if copy.dead:
                counts["dead_lettered"] += 1
            elif copy.state == IN_FLIGHT:
                counts["in_flight"] += 1
            else:
                counts["in_queues"] += 1
        return counts

    def metrics(self) -> dict[str, Any]:
        now = self.kernel.now
        oldest = next(iter(self.held.values()), None)
        data = {
            "NumberOfMessagesSent": self.sent,
            "NumberOfMessagesReceived": self.received,
            "NumberOfMessagesDeleted": self.deleted,
            "ApproximateNumberOfMessagesVisible": self.visible_count,
            "ApproximateNumberOfMessagesNotVisible": self.in_flight,
            "ApproximateNumberOfMessagesDelayed": self.delayed,
            "ApproximateAgeOfOldestMessage": int(now - oldest.sent_at) if oldest else 0,
            "SentMessageSize": round(self.sent_bytes / self.sent) if self.sent else 0,
        }
        if self.fifo:
            data["ApproximateNumberOfGroupsWithInflightMessages"] = len(self.groups.in_flight)
            data["NumberOfDeduplicatedSentMessages"] = self.deduplicated
        return data
