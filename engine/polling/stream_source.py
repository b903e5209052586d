"""Lambda event source mappings for streams: Kinesis and DynamoDB Streams ("Using Lambda
with Kinesis Data Streams", "Using AWS Lambda with Amazon DynamoDB").

Each shard is read by one lane at a time (`ParallelizationFactor` lanes per shard, records
of one partition key always in the same lane, so per-key order holds). A lane holds one
batch in flight; a failing batch blocks its lane and is retried until it succeeds, runs out
of `MaximumRetryAttempts`, its oldest record passes `MaximumRecordAgeInSeconds`, or it
expires; `BisectBatchOnFunctionError` splits it first. A discarded batch is described, not
copied, to the OnFailure destination. Shared-throughput consumers share 5 reads/s per shard
and poll an idle shard once a second; enhanced fan-out consumers get records pushed.

Tumbling windows ("Using tumbling windows", Kinesis and DynamoDB Streams): with
`TumblingWindowInSeconds`, each record belongs to the window its arrival time falls in
(windows are aligned to multiples of their length). A batch holds records of one window;
each invocation gets the window's state so far (here: the records it has processed), and
once the window is over and its records are read, a final invocation with no records and
`isFinalInvokeForWindow` closes it. The final invocation is retried until it succeeds (or the
retry policy gives up), and nothing after it is read meanwhile.
"""

from __future__ import annotations

import hashlib
from collections import deque
from typing import TYPE_CHECKING, Any

from engine.core.message import Copy, compact_json
from engine.matching.event_patterns import matches
from engine.polling.filters import esm_filter_patterns
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION
from engine.runtime.shards import shard_id
from engine.runtime.templates import iso_time

if TYPE_CHECKING:
    from engine.polling.invoker import Invoker

DEFAULT_BATCH_SIZE = 100
READS_PER_SHARD_S = 5  # shared-throughput GetRecords calls per shard per second
IDLE_POLL = 1.0  # Lambda polls an idle shard once a second
EFO_DELAY = 0.07  # "about 70 ms" propagation with enhanced fan-out
RETRY_DELAY = 1.0
THROTTLE_FIRST, THROTTLE_MAX = 1.0, 60.0


# How a reader that is not a Lambda mapping (a Firehose stream, a Flink application) reads a
# stream, in a mapping's names: from LATEST, up to 10,000 records a call (GetRecords' most),
# no batching window, retried until the records expire.
READER_DEFAULTS = {
    "BatchSize": 10_000,
    "MaximumBatchingWindowInSeconds": 0,
    "FunctionResponseTypes": [],
    "Enabled": True,
    "FilterCriteria": None,
    "StartingPosition": "LATEST",
    "ParallelizationFactor": 1,
    "BisectBatchOnFunctionError": False,
    "MaximumRetryAttempts": -1,
    "MaximumRecordAgeInSeconds": -1,
    "DestinationConfig": None,
    "ConsumerName": None,
    "TumblingWindowInSeconds": 0,
}


class ReaderEdge:
    """An event-source edge as the reader sees it when the reader is not a Lambda
    mapping: `READER_DEFAULTS` with what the edge itself sets (every prop counts as
    given, so no source's default batching window applies)."""

    __slots__ = ("id", "props", "given")

    def __init__(self, edge_id: str, **props: Any):
        self.id = edge_id
        self.props = {**READER_DEFAULTS, **props}
        self.given = frozenset(self.props)


class Lane:
    """One shard (or one ParallelizationFactor lane of it) as this mapping reads it."""

    __slots__ = (
        "shard",
        "index",
        "position",
        "busy",
        "pending",
        "batch_end",
        "attempts",
        "last_read",
        "sleeping",
        "gathering",
        "throttles",
        "batches",
        "window",
        "window_records",
        "window_invokes",
    )

    def __init__(self, shard: int, index: int, position: int):
        self.shard, self.index, self.position = shard, index, position
        self.busy = False
        self.pending: deque[list[tuple[int, Copy]]] = deque()  # bisected halves to run
        self.batch_end = position
        self.attempts = 0
        self.last_read = -IDLE_POLL
        self.sleeping = False
        self.gathering = False
        self.throttles = 0
        self.batches = 0
        self.window: float | None = None  # start of the open tumbling window
        self.window_records = 0  # the state: records processed in the window
        self.window_invokes = 0


class StreamEventSource:
    """Invariant: a lane has at most one batch in flight, and its position only moves past
    records that were processed, filtered out or discarded to the OnFailure destination."""

    def __init__(self, edge, stream, function: Invoker):
        p = edge.props
        self.edge, self.stream, self.function = edge.id, stream, function
        self.kernel, self.rec = function.kernel, function.rec
        self.store = stream.store
        # How soon an idle shard is polled again: the stream's pace for Lambda (a second on
        # Kinesis, at once on Kafka), or a reader's own if it polls more often (Flink's).
        self.idle_poll = min(stream.idle_poll, getattr(function, "idle_poll", stream.idle_poll))
        self.batch_size = p["BatchSize"] or DEFAULT_BATCH_SIZE
        window = p["MaximumBatchingWindowInSeconds"]
        if "MaximumBatchingWindowInSeconds" not in getattr(edge, "given", ()):
            window = window or stream.default_window  # Kafka's mappings wait 500 ms
        self.window = float(window or 0)
        self.factor = p["ParallelizationFactor"] or 1
        self.bisect = bool(p["BisectBatchOnFunctionError"])
        self.max_retries = p["MaximumRetryAttempts"]
        self.max_age = p["MaximumRecordAgeInSeconds"]
        self.report_failures = "ReportBatchItemFailures" in (p["FunctionResponseTypes"] or [])
        self.filters = esm_filter_patterns(p["FilterCriteria"]) if p["FilterCriteria"] else []
        self.enhanced = bool(p.get("ConsumerName"))
        self.enabled = p["Enabled"] is not False
        self.on_failure = ((p["DestinationConfig"] or {}).get("OnFailure") or {}).get("Destination")
        self.tumbling = float(p.get("TumblingWindowInSeconds") or 0)
        latest = p["StartingPosition"] == "LATEST"
        self.lanes = [
            Lane(s.index, i, s.end if latest else s.base)
            for s in self.store.shards
            for i in range(self.factor)
        ]
        if hasattr(stream, "lags"):  # a Kafka topic sums its consumer groups' lag
            stream.lags.append(self.lag)

    def lag(self) -> int:
        """Records not yet processed in each shard or partition (Kafka's OffsetLag)."""
        return sum(
            max(
                0,
                self.store.shards[lane.shard].end
                - max(lane.position, self.store.shards[lane.shard].base),
            )
            for lane in self.lanes
        )

    def start(self) -> None:
        if self.enabled:
            for lane in self.lanes:
                self.kernel.at(0.0, ACTION, self.poll, lane)

    # --- reading -------------------------------------------------------------------
    def _lane_of(self, copy: Copy) -> int:
        if self.factor == 1:
            return 0
        digest = hashlib.md5((copy.partition_key or copy.id).encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") % self.factor

    def _window_of(self, copy: Copy) -> float:
        return (copy.sent_at // self.tumbling) * self.tumbling

    def _next_batch(self, lane: Lane) -> list[tuple[int, Copy]]:
        shard = self.store.shards[lane.shard]
        lane.position = max(lane.position, shard.base)  # expired records were never read
        batch, position = [], lane.position
        while position < shard.end and len(batch) < self.batch_size:
            copy = shard.record_at(position)
            if self._lane_of(copy) == lane.index:
                if (
                    self.tumbling
                    and batch
                    and self._window_of(copy) != self._window_of(batch[0][1])
                ):
                    break  # a batch never spans two windows
                batch.append((position, copy))
            position += 1
        lane.batch_end = position
        return batch

    def poll(self, lane: Lane, force: bool = False) -> None:
        lane.sleeping = False
        if lane.busy:
            return
        if lane.pending:
            self._invoke(lane, lane.pending[0])
            return
        batch = self._next_batch(lane)
        if self.tumbling and lane.window is not None and self._window_over_for(lane, batch):
            self._close_window(lane)
            return
        if not batch:
            lane.position = lane.batch_end
            self._sleep(lane)
            return
        more = lane.batch_end < self.store.shards[lane.shard].end  # stopped at a window's end
        if self.window and len(batch) < self.batch_size and not force and not more:
            if not lane.gathering:
                lane.gathering = True
                self.kernel.after(self.window, ACTION, self._window_over, lane, lane.batches)
            self._sleep(lane)
            return
        if not self.enhanced and not self._read_allowed(lane, batch):
            return
        lane.gathering = False
        lane.batches += 1
        if self.tumbling and lane.window is None:
            lane.window = self._window_of(batch[0][1])
            # the window's end wakes an idle lane to close it
            self.kernel.at(lane.window + self.tumbling, ACTION, self.poll, lane)
        self._start_batch(lane, batch)

    # --- tumbling windows ----------------------------------------------------------
    def _window_over_for(self, lane: Lane, batch: list[tuple[int, Copy]]) -> bool:
        """The open window is over: the next record to read belongs to a later window, or
        there is none and the window's time is up."""
        if batch:
            return self._window_of(batch[0][1]) > lane.window
        return self.kernel.now >= lane.window + self.tumbling

    def _close_window(self, lane: Lane) -> None:
        lane.busy = True
        if not self.function.try_acquire([], self.edge):
            lane.busy = False
            self.kernel.after(THROTTLE_FIRST, ACTION, self.poll, lane)
            return
        self.function.execute(
            [], self.edge, on_done=lambda _c, outcome: self._closed(lane, outcome)
        )

    def _closed(self, lane: Lane, outcome: Outcome) -> None:
        lane.busy = False
        fields = {
            "edge": self.edge,
            "shard": shard_id(lane.shard),
            "windowStart": iso_time(lane.window),
            "windowEnd": iso_time(lane.window + self.tumbling),
            "state": {"records": lane.window_records},
            "invocations": lane.window_invokes + 1,
        }
        if outcome.error:
            lane.attempts += 1
            exhausted = self.max_retries not in (None, -1) and lane.attempts > self.max_retries
            if not exhausted:
                self.rec.note("window-retry", self.function.id, attempt=lane.attempts + 1, **fields)
                self.kernel.after(RETRY_DELAY, ACTION, self.poll, lane)
                return
            self.rec.note("window-discarded", self.function.id, **fields)
        else:
            self.rec.note("window-final", self.function.id, **fields)
        lane.attempts = 0
        lane.window, lane.window_records, lane.window_invokes = None, 0, 0
        self.kernel.at(self.kernel.now, ACTION, self.poll, lane)

    def _window_over(self, lane: Lane, batches: int) -> None:
        if batches == lane.batches:  # else that window's batch already went, full
            lane.gathering = False
            self.poll(lane, force=True)

    def _sleep(self, lane: Lane) -> None:
        if not lane.sleeping:
            lane.sleeping = True
            self.store.wait(lane.shard, lambda: self._wake(lane))

    def _wake(self, lane: Lane) -> None:
        if self.enhanced:
            self.kernel.after(EFO_DELAY, ACTION, self.poll, lane)
        else:
            due = max(self.kernel.now, lane.last_read + self.idle_poll)
            self.kernel.at(due, ACTION, self.poll, lane)

    def _read_allowed(self, lane: Lane, batch: list[tuple[int, Copy]]) -> bool:
        """Shared throughput: 5 GetRecords calls per shard per second, for all consumers
        (Kinesis); the bytes a partition and its cluster may give out a second (Kafka)."""
        if not self.stream.shared_reads:
            wait = self.stream.fetch_wait(lane.shard, [c for _i, c in batch])
            if wait:
                self.kernel.after(wait, ACTION, self.poll, lane)
                return False
            lane.last_read = self.kernel.now
            return True
        second = int(self.kernel.now)
        calls = self.stream.read_calls
        key = (lane.shard, second)
        if calls.get(key, 0) >= READS_PER_SHARD_S:
            self.stream.read_throttles += 1
            self.kernel.at(second + 1.0, ACTION, self.poll, lane)
            return False
        calls[key] = calls.get(key, 0) + 1
        if len(calls) > 4 * len(self.store.shards):
            for old in [k for k in calls if k[1] < second]:
                del calls[old]
        lane.last_read = self.kernel.now
        return True

    def _start_batch(self, lane: Lane, batch: list[tuple[int, Copy]]) -> None:
        if self.filters:
            kept = [(i, c) for i, c in batch if self._passes(c)]
            if not kept:
                lane.position = lane.batch_end
                self.kernel.at(self.kernel.now, ACTION, self.poll, lane)
                return
            batch = kept
        self.stream.read_records += len(batch)
        for _i, copy in batch:
            self.rec.emit(
                "get-records", self.stream.id, copy, edge=self.edge, **self.stream.describe(copy)
            )
        lane.pending.append(batch)
        self._invoke(lane, batch)

    def _passes(self, copy: Copy) -> bool:
        view = self.stream.record_view(copy)
        if any(matches(pattern, view) for pattern in self.filters):
            return True
        self.rec.emit("filter-out", self.function.id, copy, edge=self.edge)
        return False

    # --- invoking ------------------------------------------------------------------
    def _invoke(self, lane: Lane, batch: list[tuple[int, Copy]]) -> None:
        copies = [c for _i, c in batch]
        lane.busy = True
        if not self.function.try_acquire(copies, self.edge):
            delay = min(THROTTLE_MAX, THROTTLE_FIRST * 2**lane.throttles)
            lane.throttles += 1
            lane.busy = False
            self.kernel.after(delay, ACTION, self.poll, lane)
            return
        lane.throttles = 0
        age_ms = (self.kernel.now - copies[-1].sent_at) * 1000.0
        self.function.iterator_age_ms = max(self.function.iterator_age_ms, age_ms)
        self.stream.iterator_age_ms = max(self.stream.iterator_age_ms, age_ms)
        self.function.execute(
            copies,
            self.edge,
            whole_batch_fails=not self.report_failures,
            on_done=lambda _c, outcome: self._done(lane, batch, outcome),
        )

    def _done(self, lane: Lane, batch: list[tuple[int, Copy]], outcome: Outcome) -> None:
        lane.busy = False
        if not outcome.error and not outcome.failed:
            self._finish_batch(lane)
        elif self.report_failures and not outcome.error:
            # The first failed record is the checkpoint: everything before it is done.
            first = outcome.failed[0]
            lane.pending[0] = [(i, c) for i, c in batch if c.seq >= first.seq]
            self._failed(lane, lane.pending[0])
        elif self.bisect and len(batch) > 1:
            half = len(batch) // 2
            lane.pending.popleft()
            lane.pending.appendleft(batch[half:])
            lane.pending.appendleft(batch[:half])
            self.kernel.at(self.kernel.now, ACTION, self.poll, lane)
        else:
            self._failed(lane, batch)

    def _finish_batch(self, lane: Lane, *, processed: bool = True) -> None:
        done = lane.pending.popleft()
        if self.tumbling and processed:
            lane.window_records += len(done)
            lane.window_invokes += 1
        lane.attempts = 0
        if not lane.pending:
            lane.position = lane.batch_end
        self.kernel.at(self.kernel.now, ACTION, self.poll, lane)

    def _failed(self, lane: Lane, batch: list[tuple[int, Copy]]) -> None:
        lane.attempts += 1
        oldest = min(c.sent_at for _i, c in batch)
        too_old = self.max_age not in (None, -1) and self.kernel.now - oldest > self.max_age
        exhausted = self.max_retries not in (None, -1) and lane.attempts > self.max_retries
        if too_old or exhausted:
            condition = "RecordAgeExceeded" if too_old else "RetryAttemptsExhausted"
            self._discard(lane, batch, condition)
            return
        self.rec.emit(
            "retry",
            self.function.id,
            batch[0][1],
            edge=self.edge,
            attempt=lane.attempts + 1,
            **self.stream.describe(batch[0][1]),
        )
        self.kernel.after(RETRY_DELAY, ACTION, self.poll, lane)

    def _discard(self, lane: Lane, batch: list[tuple[int, Copy]], condition: str) -> None:
        first = batch[0][1]
        target = self.function.sim.resources.get(self.on_failure) if self.on_failure else None
        for _i, copy in batch:
            self.rec.emit("drop", self.function.id, copy, reason=condition, edge=self.edge)
        if target is not None:
            body = compact_json(self._failure_record(lane, batch, condition))
            out = self.function.sim.derive(first, body=body, attributes={}, dedup=first.id)
            if (
                self.function.sim.publish(self.function.id, out, edge=None, target=target)
                is not None
            ):
                self.function.destination_failures += 1
        self._finish_batch(lane, processed=False)

    def _failure_record(
        self, lane: Lane, batch: list[tuple[int, Copy]], condition: str
    ) -> dict[str, Any]:
        """ "Retaining discarded batches": the batch's place in the stream, not its data."""
        first, last = batch[0][1], batch[-1][1]
        info = self.stream.batch_info(lane.shard, first, last, len(batch))
        return {
            "requestContext": {
                "requestId": f"{self.edge}-{lane.shard}-{first.seq}",
                "functionArn": self.function.arn,
                "condition": condition,
                "approximateInvokeCount": lane.attempts,
            },
            "responseContext": {
                "statusCode": 200,
                "executedVersion": "$LATEST",
                "functionError": "Unhandled",
            },
            "version": "1.0",
            "timestamp": iso_time(self.kernel.now),
            self.stream.batch_info_key: info,
        }
