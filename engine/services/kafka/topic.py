"""Amazon MSK topics (`kafka.topic`): a Kafka topic of an MSK Serverless cluster.

A topic is partitions of records kept for `RetentionMs` whoever reads them; a record's
offset is its place in its partition. Keyed records go to Kafka's default partition for
their key (`partitioner.partition_for_key`), keyless ones to their producer's sticky
partition. Readers are consumer groups, each with its own committed offset per partition:
a Lambda event source mapping (`engine.polling.stream_source`, one batch in flight per
partition, in order) or a worker fleet (`GroupReader`, partitions assigned to its pollers
as the range assignor does, and assigned again when the fleet grows or shrinks). Each group
reads every record. Produce and fetch requests share MSK Serverless's byte quotas
(`ByteQuota`): per partition, and per cluster across its topics.
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
# "MSK Serverless quotas": each partition takes at most 5 MiB a second in and gives at most
# 10 MiB a second out; a cluster 200 MiB a second in and 400 MiB out. A client over a quota
# is throttled (its requests wait), not refused.
PARTITION_IN_BYTES_S = 5 * 1024 * 1024
PARTITION_OUT_BYTES_S = 10 * 1024 * 1024
CLUSTER_IN_BYTES_S = 200 * 1024 * 1024
CLUSTER_OUT_BYTES_S = 400 * 1024 * 1024
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
        "BytesOutPerSec",
        "FetchThrottleTime",
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


def record_bytes(copy: Copy) -> int:
    """A record's bytes as the quotas count them: its value and its key."""
    key = copy.partition_key
    return copy.size + (len(key.encode("utf-8")) if key else 0)


class ByteQuota:
    """A bytes-a-second quota as Kafka enforces it: a request whose bytes do not fit in the
    current second waits for the first second with room (a request larger than the quota
    goes in a second of its own)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.second = 0
        self.used = 0

    def slot(self, now: float, size: int) -> float:
        """Take `size` bytes: when the request may go (now, or a later whole second)."""
        second = int(now)
        if self.second < second:
            self.second, self.used = second, 0
        if self.used and self.used + size > self.limit:
            self.second += 1
            self.used = 0
        self.used += size
        return max(now, float(self.second))

    def room(self, now: float, size: int) -> float:
        """Seconds until `size` bytes fit (0: now, and they are taken)."""
        second = int(now)
        if self.second < second:
            self.second, self.used = second, 0
        if self.used and self.used + size > self.limit:
            return self.second + 1 - now
        self.used += size
        return 0.0


class Cluster:
    """An MSK Serverless cluster's own quotas, shared by the topics that name it."""

    def __init__(self) -> None:
        self.ingress = ByteQuota(CLUSTER_IN_BYTES_S)
        self.egress = ByteQuota(CLUSTER_OUT_BYTES_S)


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
        # the quotas: each partition's bytes in and out, and the cluster's (shared with
        # the cluster's other topics, found when first needed)
        self.ingress = [ByteQuota(PARTITION_IN_BYTES_S) for _ in range(self.partitions)]
        self.egress = [ByteQuota(PARTITION_OUT_BYTES_S) for _ in range(self.partitions)]
        self._cluster: Cluster | None = None
        self.throttled = 0  # records held back by the quota, not yet appended
        self.requests = 0
        self.throttle_s = 0.0
        self.fetches = 0
        self.fetch_throttle_s = 0.0
        self.out_second, self.out_bytes, self.byte_out_rate = 0, 0, 0

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
        size = record_bytes(copy)
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

    @property
    def cluster_quotas(self) -> Cluster:
        if self._cluster is None:
            for other in self.sim.resources.values():
                if (
                    isinstance(other, KafkaTopic)
                    and other.cluster == self.cluster
                    and other._cluster is not None
                ):
                    self._cluster = other._cluster
                    break
            else:
                self._cluster = Cluster()
        return self._cluster

    def _quota(self, partition: int, size: int) -> float:
        """When the ingress quotas let `size` bytes into `partition`: now, or the start
        of the first second with room in both the partition's and the cluster's."""
        now = self.kernel.now
        at = self.ingress[partition].slot(now, size)
        return max(at, self.cluster_quotas.ingress.slot(at, size))

    def fetch_wait(self, partition: int, records: list[Copy]) -> float:
        """A fetch of `records` from `partition`: 0 when the egress quotas (the
        partition's, the cluster's) let their bytes go now, which counts them; else the
        seconds the consumer is throttled for before it fetches again."""
        now = self.kernel.now
        size = sum(record_bytes(copy) for copy in records)
        self.fetches += 1
        wait = self.egress[partition].room(now, size)
        if not wait:
            wait = self.cluster_quotas.egress.room(now, size)
            if wait:  # the partition's bytes were taken: give them back
                self.egress[partition].used -= size
        if wait:
            self.fetch_throttle_s += wait
            return wait
        second = int(now)
        if second != self.out_second:
            self.byte_out_rate = self.out_bytes if second == self.out_second + 1 else 0
            self.out_second, self.out_bytes = second, 0
        self.out_bytes += size
        return 0.0

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
            "BytesOutPerSec": self._out_rate(),
            "FetchThrottleTime": round(self.fetch_throttle_s * 1000 / self.fetches, 3)
            if self.fetches
            else 0.0,
        }

    def _out_rate(self) -> int:
        second = int(self.kernel.now)
        if second == self.out_second:
            return self.byte_out_rate
        return self.out_bytes if second == self.out_second + 1 else 0

    def holdings(self) -> dict[str, int]:
        return {"in_streams": self.store.held(), "in_flight": self.throttled}


class GroupReader:
    """A worker fleet as one consumer group: `member(i, n)` is the view poller `i` of `n`
    reads (its partitions by the range assignor); the group commits an offset per
    partition once a batch is processed, and re-reads from the first record that failed.

    When the fleet grows or shrinks (`rebalance`), the group rebalances as Kafka's eager
    protocol does: every member stops fetching, each finishes and commits the batch in
    hand (a member rejoins at its next poll), and once none holds a batch the partitions
    are assigned anew across the new members. The group reads nothing meanwhile."""

    def __init__(self, topic: KafkaTopic, edge: str):
        self.topic, self.edge = topic, edge
        self.committed = [shard.end for shard in topic.store.shards]  # LATEST by default
        self.busy: set[int] = set()
        self.paused: dict[int, float] = {}
        self.generation = 0
        self.joining: tuple[int, Callable[[list[MemberReader]], None], float] | None = None
        self.rebalances = 0
        self.rebalance_s = 0.0  # time spent with the group stopped

    def rebalance(self, members: int, assigned: Callable[[list[MemberReader]], None]) -> None:
        """The group's membership changes to `members`: stop, then `assigned(readers)` once
        the new assignment is made."""
        started = self.joining[2] if self.joining else self.topic.kernel.now
        self.joining = (members, assigned, started)
        self.topic.rec.note(
            "rebalance",
            self.topic.id,
            edge=self.edge,
            members=members,
            inFlight=sorted(self.busy),
        )
        self._join()

    def _join(self) -> None:
        if self.joining is None or self.busy:
            return
        members, assigned, started = self.joining
        self.joining = None
        self.generation += 1
        self.rebalances += 1
        now = self.topic.kernel.now
        self.rebalance_s += now - started
        readers = [self.member(i, members) for i in range(members)]
        self.topic.rec.note(
            "rebalanced",
            self.topic.id,
            edge=self.edge,
            generation=self.generation,
            assignment=[reader.partitions for reader in readers],
            stoppedFor=round(now - started, 6),
        )
        assigned(readers)

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
        self.generation = group.generation
        self.turn = 0
        self.batch: tuple[int, list[tuple[int, Copy]]] | None = None
        self.done: set[int] = set()

    def _ready(self) -> list[int]:
        now = self.topic.kernel.now
        store, group = self.topic.store, self.group
        if group.joining is not None or group.generation != self.generation:
            return []  # a rebalance is on, or this member's assignment is gone
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
        wait = self.topic.fetch_wait(partition, [copy for _p, copy in batch])
        if wait:  # throttled by an egress quota: the partition is fetched again after it
            now = self.topic.kernel.now
            self.group.paused[partition] = max(self.group.paused.get(partition, 0.0), now + wait)
            return []
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
        self._commit(partition, batch)
        self.group._join()  # a rebalance waiting for this batch goes on

    def _commit(self, partition: int, batch: list[tuple[int, Copy]]) -> None:
        for position, _copy in batch:
            if position not in self.done:
                self.group.committed[partition] = position
                self.group.paused[partition] = self.topic.kernel.now + RETRY_DELAY
                return
        if batch:
            self.group.committed[partition] = batch[-1][0] + 1
