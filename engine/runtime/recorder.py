"""The one place resources report to: the trace and the ledger.

Trace events are plain dicts in simulated-time order (contract section 4); the ledger counts
every copy that ever existed by how it ended. Resources know nothing of files or sockets:
callers drain the trace and read the ledger.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import Copy
from engine.runtime.kernel import Kernel

# How a copy can end; together with the buckets resources hold (in_queues, in_flight,
# dead_lettered) they account for every copy produced or copied.
ENDINGS = ("deleted", "processed", "filtered", "expired", "deduplicated", "dropped")
HELD = ("in_queues", "in_flight", "dead_lettered", "in_streams")
TIME_DECIMALS = 6


class Recorder:
    """Invariants: `produced + copies` equals the copies that ended plus those still held;
    `held_bytes` is the size (body and attributes, as SQS counts MaximumMessageSize) of
    every copy made and not yet ended, that is of every copy held."""

    def __init__(self, kernel: Kernel, *, trace: bool = True):
        self.kernel = kernel
        self.tracing = trace
        self.buffer: list[dict[str, Any]] = []
        self.count = 0
        self.produced = 0
        self.copies = 0
        self.held_bytes = 0
        self.ended = dict.fromkeys(ENDINGS, 0)
        self._now, self._t = 0.0, 0.0

    def made(self, copy: Copy, *, produced: bool) -> None:
        """Count a new copy: `produced` (published from outside) or made inside the system."""
        if produced:
            self.produced += 1
        else:
            self.copies += 1
        copy.counted = copy.size
        self.held_bytes += copy.counted

    def replaced(self, copy: Copy) -> None:
        """A copy made inside the system that the copies made from it replace (an
        EventBridge event becomes one copy per target): it is no longer counted at all."""
        self.copies -= 1
        self.held_bytes -= copy.counted
        copy.counted = 0

    def resized(self, copy: Copy) -> None:
        """A held copy's attributes changed (an EventBridge DLQ adds its own)."""
        self.held_bytes += copy.size - copy.counted
        copy.counted = copy.size

    def emit(self, event: str, node: str, copy: Copy, **extra: Any) -> None:
        self.count += 1
        if self.tracing:
            now = self.kernel.now
            if now != self._now:  # many events share an instant: round once per instant
                self._now, self._t = now, round(now, TIME_DECIMALS)
            item = {
                "t": self._t,
                "event": event,
                "node": node,
                "message": copy.id,
                "origin": copy.origin,
            }
            if extra:
                item.update(extra)
            self.buffer.append(item)

    def note(self, event: str, node: str, **fields: Any) -> None:
        """An event about a node rather than a message (e.g. a throttled batch)."""
        self.count += 1
        if self.tracing:
            item = {"t": round(self.kernel.now, TIME_DECIMALS), "event": event, "node": node}
            item.update(fields)
            self.buffer.append(item)

    def end(self, copy: Copy, bucket: str) -> None:
        self.ended[bucket] += 1
        self.held_bytes -= copy.counted
        copy.counted = 0

    def drain(self) -> list[dict[str, Any]]:
        events, self.buffer = self.buffer, []
        return events

    def ledger(self, held: dict[str, int]) -> dict[str, int]:
        data = {"produced": self.produced, "copies": self.copies}
        data.update(self.ended)
        data.update(held)
        created = self.produced + self.copies
        data["unaccounted"] = created - sum(self.ended.values()) - sum(held.values())
        return data
