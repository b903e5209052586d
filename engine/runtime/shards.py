"""Shards of stored records, shared by Kinesis Data Streams and DynamoDB Streams.

Unlike a queue, a stream keeps every record until its retention ends, whoever reads it:
each consumer has its own position in each shard. Records are ordered per shard by
sequence number; positions are absolute indices, so trimming the front never moves them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from engine.core.message import GONE, Copy
from engine.runtime.kernel import ACTION, STATE
from engine.runtime.resource import Resource
from engine.runtime.templates import iso_time


def sequence_number(shard: int, seq: int) -> str:
    """A Kinesis-style sequence number: digits, increasing within a shard."""
    return f"4960{shard:04d}{seq:048d}"


def shard_id(shard: int) -> str:
    return f"shardId-{shard:012d}"


class Shard:
    """Invariant: `records[i]` has absolute index `base + i`; sequence numbers increase."""

    __slots__ = ("index", "records", "base", "next_seq", "waiters")

    def __init__(self, index: int):
        self.index = index
        self.records: deque[Copy] = deque()
        self.base = 0
        self.next_seq = 0
        self.waiters: list[Callable[[], None]] = []

    @property
    def end(self) -> int:
        """The absolute index the next record will get."""
        return self.base + len(self.records)

    def record_at(self, position: int) -> Copy | None:
        offset = position - self.base
        return self.records[offset] if 0 <= offset < len(self.records) else None


class StreamStore:
    """Invariants: every stored record is held by `owner` until it expires; a record
    expires `retention` seconds after it arrived, oldest first in each shard."""

    def __init__(self, owner: Resource, shard_count: int, retention: float):
        self.owner = owner
        self.kernel = owner.kernel
        self.rec = owner.rec
        self.retention = retention
        self.shards = [Shard(i) for i in range(shard_count)]
        self.shard_ids = [shard_id(i) for i in range(shard_count)]
        self._armed: float | None = None

    def append(self, shard_index: int, copy: Copy) -> dict[str, str]:
        """Store `copy` at the end of a shard; returns (and keeps on the copy) the trace
        fields that place it: shard, sequence number and partition key."""
        shard = self.shards[shard_index]
        shard.next_seq += 1
        copy.seq = shard.next_seq
        copy.shard = shard_index
        copy.sent_at = self.kernel.now
        copy.holder = self.owner
        shard.records.append(copy)
        expires = copy.sent_at + self.retention
        if self._armed is None:
            self._armed = expires
            self.kernel.at(expires, STATE, self._expire_due, expires)
        if shard.waiters:
            waiters, shard.waiters = shard.waiters, []
            for callback in waiters:
                self.kernel.at(self.kernel.now, ACTION, callback)
        copy.place = {
            "shard": self.shard_ids[shard_index],
            "sequence": sequence_number(shard_index, copy.seq),
            "partitionKey": copy.partition_key,
        }
        return copy.place

    def wait(self, shard_index: int, callback: Callable[[], None]) -> None:
        """`callback` runs once the shard gets its next record."""
        self.shards[shard_index].waiters.append(callback)

    def _expire_due(self, armed: float) -> None:
        if armed != self._armed:
            return
        now = self.kernel.now
        earliest = None
        for shard in self.shards:
            while shard.records and shard.records[0].sent_at + self.retention <= now:
                copy = shard.records.popleft()
                shard.base += 1
                self.rec.emit(
                    "expire",
                    self.owner.id,
                    copy,
                    **copy.place,
                )
                copy.state = GONE
                copy.holder = None
                self.rec.end(copy, "expired")
            if shard.records:
                due = shard.records[0].sent_at + self.retention
                earliest = due if earliest is None else min(earliest, due)
        self._armed = earliest
        if earliest is not None:
            self.kernel.at(earliest, STATE, self._expire_due, earliest)

    def held(self) -> int:
        return sum(len(shard.records) for shard in self.shards)


class StreamResource(Resource):
    """A resource that keeps its records in a `StreamStore` for event source mappings to
    read: Kinesis streams and DynamoDB tables. Subclasses set `store` and `arn`.

    Invariant: `read_calls` counts GetRecords calls per (shard, second) for the shared
    read limit; the read counters only grow."""

    batch_info_key = "StreamBatchInfo"  # how an OnFailure record names the batch
    shared_reads = True  # GetRecords calls share a per-shard quota (5 a second)
    idle_poll = 1.0  # how soon a mapping polls an idle shard again
    default_window = 0.0  # a mapping's batching window when the document sets none

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.store: StreamStore
        self.read_records = self.read_throttles = 0
        self.iterator_age_ms = 0.0
        self.read_calls: dict[tuple[int, int], int] = {}

    def fetch_wait(self, shard: int, records: list[Copy]) -> float:
        """Seconds a reader of `records` from `shard` must wait for a byte quota (0:
        none). Kinesis's 2 MiB a second a shard is not modelled; Kafka topics override."""
        return 0.0

    def describe(self, copy: Copy) -> dict[str, str]:
        """Trace fields that place a record: shard, sequence number, partition key."""
        return copy.place

    def holdings(self) -> dict[str, int]:
        return {"in_streams": self.store.held()}

    def batch_info(self, shard: int, first: Copy, last: Copy, count: int) -> dict[str, Any]:
        """How an OnFailure record names a discarded batch ("Retaining discarded
        batches"): its place in the stream, not its data."""
        return {
            "shardId": shard_id(shard),
            "startSequenceNumber": sequence_number(shard, first.seq),
            "endSequenceNumber": sequence_number(shard, last.seq),
            "approximateArrivalOfFirstRecord": iso_time(first.sent_at),
            "approximateArrivalOfLastRecord": iso_time(last.sent_at),
            "batchSize": count,
            "streamArn": self.arn,
        }
