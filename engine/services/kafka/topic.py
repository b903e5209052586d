"""Amazon MSK topics (`kafka.topic`): a Kafka topic of an MSK Serverless cluster.

A topic is partitions of records kept for `RetentionMs` whoever reads them; a record's
offset is its place in its partition. Keyed records go to Kafka's default partition for
their key (`partitioner.partition_for_key`), keyless ones to their producer's sticky
partition. Readers are consumer groups, each with its own committed offset per partition:
a Lambda event source mapping (`engine.polling.stream_source`, one batch in flight per
partition, in order) or a worker fleet (`GroupReader`, partitions assigned to its pollers
as the range assignor does). Each group reads every record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.core.message import Copy
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime import names
from engine.runtime.kernel import ACTION, STATE
from engine.runtime.shards import StreamResource, StreamStore
from engine.runtime.templates import iso_time
from engine.services.kafka.partitioner import StickyPartitioner, partition_for_key

DEFAULT_RETENTION_MS = 604_800_000  # Kafka's retention.ms default: 7 days
# "MSK Serverless quotas": each partition takes at most 5 MiB a second in; a producer over
# it is throttled (its requests wait), not refused.
PARTITION_IN_BYTES_S = 5 * 1024 * 1024
RETRY_DELAY = 1.0  # a worker group re-reads a failed record after a second

SPEC = NodeSpec(
    type="kafka.topic",
    metrics=(
        "MessagesInPerSec",
        "BytesInPerSec",
        "SumOffsetLag",
        "IncomingRecords",
        "IncomingBytes",
        "Records",
        "EstimatedMaxTimeLag",
        "ProduceThrottleTime",
    ),
    group="Streaming",
    name_prop="TopicName",
    arn_format="arn:aws:kafka:{region}:{account}:topic/{name}",
    metric_namespace="AWS/Kafka",
    metric_dimension="Topic",
    counters=(
        ("IncomingRecords", "in"),
        ("SumOffsetLag", "lag"),
        ("Records", "kept"),
    ),
    label="MSK topic",
    description="A Kafka topic on an Amazon MSK Serverless cluster: partitions, offsets, "
    "retention, consumer groups.",
    cfn_type="AWS::MSK::ServerlessCluster",
    stream=True,
    props=(
        FieldSpec(
            "ClusterName",
            "string",
            "eventyard",
            pattern=r"[A-Za-z][A-Za-z0-9-]{0,63}",
            help="The MSK Serverless cluster the topic lives in (one cluster per name).",
        ),
        FieldSpec(
            "TopicName",
            "string",
            None,
            pattern=r"[A-Za-z0-9._-]{1,249}",
            help="Letters, digits, dots, hyphens and underscores.",
        ),
        FieldSpec(
            "NumPartitions",
            "int",
            3,
            minimum=1,
            maximum=2400,
            help="Partitions: order holds within one; each group reads one batch per partition.",
        ),
        FieldSpec(
            "ReplicationFactor",
            "int",
            3,
            minimum=3,
            maximum=3,
            help="MSK Serverless keeps 3 replicas of every partition.",
        ),
        FieldSpec(
            "RetentionMs",
            "int",
            DEFAULT_RETENTION_MS,
            minimum=3_600_000,
            maximum=2_592_000_000,
            help="How long records are kept (ms): 1 hour to 30 days here.",
        ),
    ),
)


class KafkaTopic(StreamResource):
    """Invariants: each record is in exactly one partition at the offset it was given;
    offsets increase by one within a partition; records leave only by retention."""

    batch_info_key = "KafkaBatchInfo"
    shared_reads = False  # no per-partition read-call quota, unlike Kinesis shards
    idle_poll = 0.0
    # "Using Lambda with Amazon MSK": a mapping's batching window defaults to 500 ms.
    default_window = 0.5

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        self.name = names.resource_name(node)
        self.arn = names.arn(node)
        self.cluster = p["ClusterName"]
        self.partitions = p["NumPartitions"]
        self.store = StreamStore(self, self.partitions, p["RetentionMs"] / 1000.0)
        self.senders: dict[str, str] = {}  # publish edge id: sender node id
        self.sticky: dict[str, StickyPartitioner] = {}
        self.incoming = self.incoming_bytes = 0
        # MessagesInPerSec / BytesInPerSec: the last whole second's produce rate.
        self.second, self.in_second, self.bytes_second = 0, 0, 0
        self.rate, self.byte_rate = 0, 0
        self.lags: list[Callable[[], int]] = []  # each consumer group's lag, in records
        # the ingress quota: per partition, the second being filled and its bytes so far
        self.quota_second = [0] * self.partitions
        self.quota_bytes = [0] * self.partitions
        self.throttled = 0  # records held back by the quota, not yet appended
        self.requests = 0
        self.throttle_s = 0.0

    def wire_in(self, edge, source) -> None:
        if edge.kind == "publish":
            self.senders[edge.id] = source.id

    def open_reader(self, edge: str) -> GroupReader:
        reader = GroupReader(self, edge)
        self.lags.append(reader.lag)
        return reader

    # --- producing -----------------------------------------------------------------------
    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """A produce request: the key (the producer's partitionKey) picks the partition, or
        the producer's sticky partition when there is none."""
        key = copy.partition_key
        size = copy.size + (len(key.encode("utf-8")) if key else 0)
        if key is not None:
            partition = partition_for_key(key, self.partitions)
        else:
            sender = self.senders.get(edge or "", "inject")
            sticky = self.sticky.setdefault(sender, StickyPartitioner())
            partition = sticky.next(size, self.partitions, self.sim.rng)
        self.requests += 1
        at = self._quota(partition, size)
        if at > self.kernel.now:
            self.throttled += 1
            self.throttle_s += at - self.kernel.now
            self.kernel.at(at, STATE, self._append, partition, copy, edge, size, True)
            return None
        self._append(partition, copy, edge, size)
        return None

    def _quota(self, partition: int, size: int) -> float:
        """When the partition's ingress quota lets `size` bytes in: now, or the start of
        the first second with room (a record larger than the quota goes in alone)."""
        second = int(self.kernel.now)
        if self.quota_second[partition] < second:
            self.quota_second[partition], self.quota_bytes[partition] = second, 0
        if (
            self.quota_bytes[partition]
            and self.quota_bytes[partition] + size > PARTITION_IN_BYTES_S
        ):
            self.quota_second[partition] += 1
            self.quota_bytes[partition] = 0
        self.quota_bytes[partition] += size
        return max(self.kernel.now, float(self.quota_second[partition]))

    def _append(
        self, partition: int, copy: Copy, edge: str | None, size: int, held: bool = False
    ) -> None:
        if held:
            self.throttled -= 1
        key = copy.partition_key
        self.store.append(partition, copy)
        copy.place = {
            "topic": self.name,
            "partition": partition,
            "offset": copy.seq - 1,
            "key": key,
        }
        self.incoming += 1
        self.incoming_bytes += size
        self._roll()
        self.in_second += 1
        self.bytes_second += size
        self.rec.emit("put-record", self.id, copy, edge=edge, **copy.place)

    def _roll(self) -> None:
        second = int(self.kernel.now)
        if second != self.second:
            whole = second == self.second + 1
            self.rate = self.in_second if whole else 0
            self.byte_rate = self.bytes_second if whole else 0
            self.second, self.in_second, self.bytes_second = second, 0, 0

    # --- what readers see ----------------------------------------------------------------
    def record_view(self, copy: Copy) -> dict[str, Any]:
        """What an event-source filter sees of a record: its `value` is the payload."""
        return {"value": copy.payload, "key": copy.partition_key}

    def batch_info(self, partition: int, first: Copy, last: Copy, count: int) -> dict[str, Any]:
        """How an OnFailure record names a discarded batch."""
        return {
            "batchSize": count,
            "topic": self.name,
            "partition": partition,
            "firstOffset": first.seq - 1,
            "lastOffset": last.seq - 1,
            "firstRecordTimestamp": iso_time(first.sent_at),
            "lastRecordTimestamp": iso_time(last.sent_at),
            "eventSourceArn": self.arn,
        }

    def lag_of(self, positions: list[int]) -> int:
        """Records between each partition's committed offset and its end."""
        return sum(
            max(0, s.end - max(p, s.base))
            for s, p in zip(self.store.shards, positions, strict=True)
        )

    def metrics(self) -> dict[str, Any]:
        now = self.kernel.now
        self._roll()  # the rates are the last whole second's, as of now
        oldest = 0.0
        for shard in self.store.shards:
            if shard.records:
                oldest = max(oldest, now - shard.records[0].sent_at)
        return {
            "MessagesInPerSec": self.rate,
            "BytesInPerSec": self.byte_rate,
            "SumOffsetLag": sum(lag() for lag in self.lags),
            "IncomingRecords": self.incoming,
            "IncomingBytes": self.incoming_bytes,
            "Records": self.store.held(),
            "EstimatedMaxTimeLag": round(oldest, 3),
            "ProduceThrottleTime": round(self.throttle_s * 1000 / self.requests, 3)
            if self.requests
            else 0.0,
        }

    def holdings(self) -> dict[str, int]:
        return {"in_streams": self.store.held(), "in_flight": self.throttled}


class GroupReader:
    """A worker fleet as one consumer group: `member(i, n)` is the view poller `i` of `n`
    reads (its partitions by the range assignor); the group commits an offset per
    partition once a batch is processed, and re-reads from the first record that failed."""

    def __init__(self, topic: KafkaTopic, edge: str):
        self.topic, self.edge = topic, edge
        self.committed = [shard.end for shard in topic.store.shards]  # LATEST by default
        self.busy: set[int] = set()
        self.paused: dict[int, float] = {}

    def starting_at(self, earliest: bool) -> None:
        if earliest:
            self.committed = [shard.base for shard in self.topic.store.shards]

    def lag(self) -> int:
        return self.topic.lag_of(self.committed)

    def member(self, index: int, members: int) -> MemberReader:
        partitions = self.topic.partitions
        share, extra = divmod(partitions, members)
        start = index * share + min(index, extra)
        count = share + (1 if index < extra else 0)
        return MemberReader(self, list(range(start, start + count)))


class MemberReader:
    """One poller's view of its group (a `runtime.host.PolledQueue` for a worker)."""

    fifo = True
    visibility_timeout = 0.0

    def __init__(self, group: GroupReader, partitions: list[int]):
        self.group = group
        self.topic = group.topic
        self.id = self.topic.id
        self.partitions = partitions
        self.turn = 0
        self.batch: tuple[int, list[tuple[int, Copy]]] | None = None
        self.done: set[int] = set()

    def _ready(self) -> list[int]:
        now = self.topic.kernel.now
        store, group = self.topic.store, self.group
        ready = []
        for p in self.partitions:
            if p in group.busy or group.paused.get(p, 0.0) > now:
                continue
            group.committed[p] = max(group.committed[p], store.shards[p].base)
            if group.committed[p] < store.shards[p].end:
                ready.append(p)
        return ready

    @property
    def visible_count(self) -> int:
        return len(self._ready())

    @property
    def can_receive(self) -> bool:
        return self.batch is None and bool(self._ready())

    def wait(self, callback: Callable[[], None]) -> None:
        """`callback` once: when one of its partitions gets a record or is unpaused."""
        kernel = self.topic.kernel
        called = False

        def once() -> None:
            nonlocal called
            if not called:
                called = True
                callback()

        paused = [
            t for p, t in self.group.paused.items() if p in self.partitions and t > kernel.now
        ]
        if paused:
            kernel.at(min(paused), ACTION, once)
        for p in self.partitions:
            self.topic.store.wait(p, once)

    def receive(self, max_messages: int) -> list[Copy]:
        if self.batch is not None:  # one batch at a time: a wake-up while working waits
            return []
        ready = self._ready()
        if not ready or not self.partitions:
            return []
        ready.sort(key=lambda p: (self.partitions.index(p) - self.turn) % len(self.partitions))
        partition = ready[0]
        self.turn = (self.partitions.index(partition) + 1) % len(self.partitions)
        shard = self.topic.store.shards[partition]
        start = self.group.committed[partition]
        end = min(shard.end, start + max_messages)
        batch = [(position, shard.record_at(position)) for position in range(start, end)]
        self.batch = (partition, batch)
        self.done = set()
        self.group.busy.add(partition)
        for position, copy in batch:
            copy.receipt = position
            self.topic.rec.emit(
                "get-records", self.topic.id, copy, edge=self.group.edge, **copy.place
            )
        self.topic.read_records += len(batch)
        return [copy for _, copy in batch]

    def delete(self, copy: Copy, receipt: int) -> bool:
        self.done.add(receipt)
        return True

    def discard(self, copy: Copy, receipt: int, bucket: str) -> None:
        self.done.add(receipt)

    def settle(self) -> None:
        """The batch in hand is over: commit up to the first record not processed (and
        pause the partition a second before reading it again), or past the batch."""
        if self.batch is None:
            return
        partition, batch = self.batch
        self.batch = None
        self.group.busy.discard(partition)
        for position, _copy in batch:
            if position not in self.done:
                self.group.committed[partition] = position
                self.group.paused[partition] = self.topic.kernel.now + RETRY_DELAY
                return
        if batch:
            self.group.committed[partition] = batch[-1][0] + 1
