"""Amazon Kinesis Data Streams: the engine's `kinesis.stream` node.

Placement ("Kinesis Data Streams terminology and concepts"): the MD5 hash of the partition
key, read as a 128-bit integer, picks the shard whose hash-key range contains it; a new
stream's shards split the key space evenly. Per-shard writes are limited to 1 MiB/s or
1,000 records/s ("Quotas and limits"); a put over the limit fails with
ProvisionedThroughputExceededException. Records stay for the retention period whoever
reads them; consumers are event source mappings (`engine.polling.stream_source`).
"""

from __future__ import annotations

import hashlib
from typing import Any

from engine.core.message import Copy
from engine.core.shapes import obj, one_of
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime import names
from engine.runtime.shards import StreamResource, StreamStore

HASH_SPACE = 2**128
MIB = 1_048_576
# "Quotas and limits": each shard takes up to 1 MiB/s or 1,000 records/s.
SHARD_RECORDS_PER_S = 1000
SHARD_BYTES_PER_S = MIB
# On-demand streams start with about 4 MiB/s of write capacity and absorb up to twice their
# previous peak ("On-demand mode"); their records are spread over this many shards.
ON_DEMAND_SHARDS = 4
THROTTLED = "ProvisionedThroughputExceededException"

SPEC = NodeSpec(
    type="kinesis.stream",
    metrics=(
        "IncomingRecords",
        "IncomingBytes",
        "GetRecords.Records",
        "GetRecords.IteratorAgeMilliseconds",
        "WriteProvisionedThroughputExceeded",
        "ReadProvisionedThroughputExceeded",
        "Records",
        "Shards",
    ),
    group="Streaming",
    stream=True,
    name_prop="Name",
    arn_format="arn:aws:kinesis:{region}:{account}:stream/{name}",
    metric_namespace="AWS/Kinesis",
    metric_dimension="StreamName",
    counters=(
        ("IncomingRecords", "in"),
        ("GetRecords.IteratorAgeMilliseconds", "iter age ms"),
        ("WriteProvisionedThroughputExceeded", "throttled"),
    ),
    label="Kinesis data stream",
    description="Ordered records per shard, kept for the retention period and read by every "
    "consumer independently.",
    cfn_type="AWS::Kinesis::Stream",
    props=(
        FieldSpec(
            "Name",
            "string",
            None,
            pattern=r"[A-Za-z0-9_.-]{1,128}",
            help="Up to 128 letters, digits, '_', '.' and '-'.",
        ),
        FieldSpec(
            "ShardCount",
            "int",
            1,
            minimum=1,
            maximum=500,
            help="Provisioned mode: shards, each 1 MiB/s or 1,000 records/s of writes.",
        ),
        FieldSpec(
            "StreamModeDetails",
            "json",
            None,
            check="stream_mode",
            help='{"StreamMode": "PROVISIONED"} or {"StreamMode": "ON_DEMAND"}.',
        ),
        FieldSpec(
            "RetentionPeriodHours",
            "int",
            24,
            minimum=24,
            maximum=8760,
            help="How long records are kept, whether read or not.",
        ),
    ),
)


def hash_key(partition_key: str) -> int:
    """The 128-bit hash key of a partition key: MD5 of its UTF-8 bytes, big-endian."""
    return int.from_bytes(hashlib.md5(partition_key.encode("utf-8")).digest(), "big")


def shard_for_partition_key(key: str, shard_count: int) -> int:
    """The 0-based shard of `key` in a stream of `shard_count` evenly split shards."""
    if shard_count < 1:
        raise ValueError("a stream has at least one shard")
    return hash_key(key) * shard_count // HASH_SPACE


def is_on_demand(props: dict[str, Any]) -> bool:
    return (props.get("StreamModeDetails") or {}).get("StreamMode") == "ON_DEMAND"


class WriteWindow:
    """Records and bytes written in the current whole second of simulated time."""

    __slots__ = ("second", "records", "bytes")

    def __init__(self):
        self.second, self.records, self.bytes = -1, 0, 0

    def roll(self, now: float) -> None:
        second = int(now)
        if second != self.second:
            self.second, self.records, self.bytes = second, 0, 0


class KinesisStream(StreamResource):
    """Invariants: a shard never takes more than its write limit in one second; every
    stored record stays in its shard, in sequence order, until retention ends."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        props = node.props
        self.on_demand = is_on_demand(props)
        shards = ON_DEMAND_SHARDS if self.on_demand else props["ShardCount"]
        self.store = StreamStore(self, shards, props["RetentionPeriodHours"] * 3600.0)
        self.windows = [WriteWindow() for _ in range(shards)]
        self.stream_window = WriteWindow()
        self.peak_records, self.peak_bytes = 0, 0
        self.incoming = self.incoming_bytes = self.write_throttles = 0
        self.arn = names.arn(node)

    batch_info_key = "KinesisBatchInfo"

    @property
    def shard_count(self) -> int:
        return len(self.store.shards)

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """PutRecord: the partition key picks the shard; over the limit, it is refused."""
        key = copy.partition_key or copy.id
        copy.partition_key = key
        shard = shard_for_partition_key(key, self.shard_count)
        size = copy.size + len(key.encode("utf-8"))
        if not self._has_capacity(shard, size):
            self.write_throttles += 1
            self.rec.emit(
                "throttle",
                self.id,
                copy,
                shard=self.store.shard_ids[shard],
                partitionKey=key,
                edge=edge,
            )
            return THROTTLED
        place = self.store.append(shard, copy)
        self.incoming += 1
        self.incoming_bytes += size
        self.rec.emit("put-record", self.id, copy, edge=edge, **place)
        return None

    def _has_capacity(self, shard: int, size: int) -> bool:
        now = self.kernel.now
        if self.on_demand:
            window = self.stream_window
            if int(now) != window.second:
                self.peak_records = max(self.peak_records, window.records)
                self.peak_bytes = max(self.peak_bytes, window.bytes)
            window.roll(now)
            limit_records = max(ON_DEMAND_SHARDS * SHARD_RECORDS_PER_S, 2 * self.peak_records)
            limit_bytes = max(ON_DEMAND_SHARDS * SHARD_BYTES_PER_S, 2 * self.peak_bytes)
        else:
            window = self.windows[shard]
            window.roll(now)
            limit_records, limit_bytes = SHARD_RECORDS_PER_S, SHARD_BYTES_PER_S
        if window.records + 1 > limit_records or window.bytes + size > limit_bytes:
            return False
        window.records += 1
        window.bytes += size
        return True

    def record_view(self, copy: Copy) -> dict[str, Any]:
        """What an event-source filter sees of a record: `data` is the payload."""
        return {"data": copy.payload, "partitionKey": copy.partition_key}

    def metrics(self) -> dict[str, Any]:
        return {
            "IncomingRecords": self.incoming,
            "IncomingBytes": self.incoming_bytes,
            "GetRecords.Records": self.read_records,
            "GetRecords.IteratorAgeMilliseconds": round(self.iterator_age_ms, 3),
            "WriteProvisionedThroughputExceeded": self.write_throttles,
            "ReadProvisionedThroughputExceeded": self.read_throttles,
            "Records": self.store.held(),
            "Shards": self.shard_count,
        }


STREAM_MODE = obj(
    '{"StreamMode": "PROVISIONED"} or {"StreamMode": "ON_DEMAND"}',
    required=("StreamMode",),
    StreamMode=one_of("PROVISIONED", "ON_DEMAND"),
)
