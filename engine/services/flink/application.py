"""Managed Service for Apache Flink applications (`flink.application`).

The application reads its sources (Kinesis streams and Kafka topics, through the same
shard readers Lambda's mappings use: one batch per shard or partition in flight, polled
every 200 ms when idle, as Flink's Kinesis connector does) and processes at most
`parallelism` × `recordsPerSecond` records a second; what it has not reached yet is its
`millisBehindLatest`. Each record processed is keyed by `keyBy` and added to the aggregate
of its key in each processing-time window it falls in; when a window ends, the
application emits one result per key to each of its outputs (a Kinesis stream, keyed by
the key; a Kafka topic; a Firehose stream; a Lambda function, invoked asynchronously).
Records stay in their stream: a Flink source only reads.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import Copy, encode_body
from engine.polling.stream_source import ReaderEdge, StreamEventSource
from engine.runtime import names
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource
from engine.runtime.shards import StreamResource
from engine.runtime.templates import iso_time
from engine.services.flink.spec import SOURCE_PROPS
from engine.services.flink.windows import MISSING, Aggregate, path_value, windows_of

# Flink's Kinesis consumer: GetRecords every 200 ms (SHARD_GETRECORDS_INTERVAL_MILLIS), up
# to 10,000 records a call (SHARD_GETRECORDS_MAX).
IDLE_POLL = 0.2
SLICE_S = 0.1  # processing time advances in slices of this much work
# An application runs one more KPU than its parallel tasks need, for orchestration.
ORCHESTRATION_KPUS = 1


class Window:
    """One open window: its aggregate per key, and the last record of each key (the
    result's copy is made from it, so its journey leads back to a record it counts)."""

    __slots__ = ("start", "end", "keys", "last")

    def __init__(self, start: float, end: float):
        self.start, self.end = start, end
        self.keys: dict[str, Aggregate] = {}
        self.last: dict[str, Copy] = {}


class FlinkApplication(Resource):
    """Invariants: every record read is processed once, in the order its reader handed it
    over, no sooner than the throughput allows; a key's result for a window is emitted
    once, when the window ends, to every output."""

    # what a shard reader expects of the resource it feeds
    destination_failures = 0

    def __init__(self, node, sim):
        super().__init__(node, sim)
        s = node.sim
        self.name = names.resource_name(node)
        self.arn = names.arn(node)
        self.window = s["window"] or {"type": "tumbling", "size": 60}
        self.key_path = s["keyBy"]
        self.op = (s["aggregate"] or {"op": "count"})["op"]
        self.field = (s["aggregate"] or {}).get("field")
        self.parallelism = s["parallelism"]
        self.capacity = float(s["parallelism"] * s["recordsPerSecond"])
        self.idle_poll = IDLE_POLL
        self.readers: list[StreamEventSource] = []
        self.busy_until = 0.0
        self.open: dict[tuple[float, float], Window] = {}
        self.sessions: dict[str, Window] = {}
        self.records_in = self.records_out = self.fired = 0
        self.iterator_age_ms = 0.0

    def wire_in(self, edge, source) -> None:
        if edge.kind == "event-source" and isinstance(source, StreamResource):
            # the source's StartingPosition and BatchSize; Flink's defaults for the rest
            own = {k: edge.props[k] for k in SOURCE_PROPS if edge.props.get(k) is not None}
            self.readers.append(StreamEventSource(ReaderEdge(edge.id, **own), source, self))

    def start(self) -> None:
        for reader in self.readers:
            reader.start()

    # --- what a shard reader calls -----------------------------------------------------
    def try_acquire(self, copies: list[Copy], edge: str | None) -> bool:
        return True  # the application's own tasks: back-pressure, never a throttle

    def execute(self, copies, edge, *, stop_at_first=False, whole_batch_fails=True, on_done):
        """Process a batch once the tasks are free: records queue behind one another at
        the application's throughput, which is what puts it behind its sources. Records
        are processed in slices of a tenth of a second's work, each at the time it is
        done, so processing time moves on within a large batch too."""
        now = self.kernel.now
        begin = max(now, self.busy_until)
        step = max(1, int(self.capacity * SLICE_S))
        for first in range(0, len(copies), step):
            part = copies[first : first + step]
            begin += len(part) / self.capacity
            last = first + step >= len(copies)
            done = (copies, on_done) if last else None
            self.kernel.at(begin, ACTION, self._processed, part, done)
        self.busy_until = begin

    def _processed(self, part: list[Copy], done) -> None:
        now = self.kernel.now
        for copy in part:
            self.records_in += 1
            key = self._key_of(copy)
            value = path_value(copy.payload, self.field) if self.field else None
            if self.window["type"] == "session":
                self._add_to_session(key, value, copy, now)
            else:
                for bounds in windows_of(self.window, now):
                    self._add(bounds, key, value, copy)
        if done is not None:  # the batch's last slice: its reader may read on
            copies, on_done = done
            on_done(copies, Outcome(0.0))

    def _key_of(self, copy: Copy) -> str:
        if not self.key_path:
            return "all"
        value = path_value(copy.payload, self.key_path)
        return "null" if value is MISSING or value is None else str(value)

    # --- windows -----------------------------------------------------------------------
    def _add(self, bounds: tuple[float, float], key: str, value: Any, copy: Copy) -> None:
        window = self.open.get(bounds)
        if window is None:
            window = self.open[bounds] = Window(*bounds)
            self.kernel.at(bounds[1], ACTION, self._fire_window, bounds)
        window.keys.setdefault(key, Aggregate(self.op)).add(value)
        window.last[key] = copy

    def _add_to_session(self, key: str, value: Any, copy: Copy, now: float) -> None:
        gap = float(self.window["gap"])
        session = self.sessions.get(key)
        if session is None:
            session = self.sessions[key] = Window(now, now + gap)
            self.kernel.at(session.end, ACTION, self._fire_session, key)
        session.end = now + gap  # another record keeps the session open
        session.keys.setdefault(key, Aggregate(self.op)).add(value)
        session.last[key] = copy

    def _fire_window(self, bounds: tuple[float, float]) -> None:
        window = self.open.pop(bounds, None)
        if window is not None:
            self._emit(window)

    def _fire_session(self, key: str) -> None:
        session = self.sessions[key]
        if session.end > self.kernel.now:  # a later record extended it: wait for its end
            self.kernel.at(session.end, ACTION, self._fire_session, key)
            return
        del self.sessions[key]
        self._emit(session)

    def _emit(self, window: Window) -> None:
        self.fired += 1
        self.rec.note(
            "window-fire",
            self.id,
            windowStart=iso_time(window.start),
            windowEnd=iso_time(window.end),
            keys=len(window.keys),
        )
        for key, aggregate in window.keys.items():
            result = {
                "key": key,
                "windowStart": iso_time(window.start),
                "windowEnd": iso_time(window.end),
                self.op: aggregate.result(),
                "records": aggregate.count,
            }
            self.records_out += 1
            for edge, target in self.outputs:
                out = self.sim.derive(
                    window.last[key], body=encode_body(result), attributes={}, partition_key=key
                )
                out.payload = result
                self.sim.publish(self.id, out, edge=edge, target=target)

    # --- reporting ---------------------------------------------------------------------
    def millis_behind(self) -> float:
        """How far the application is behind its sources now: the age of the oldest record
        a reader has not processed yet (0 when it has read everything)."""
        now, oldest = self.kernel.now, None
        for reader in self.readers:
            for lane in reader.lanes:
                shard = reader.store.shards[lane.shard]
                record = shard.record_at(max(lane.position, shard.base))
                if record is not None and (oldest is None or record.sent_at < oldest):
                    oldest = record.sent_at
        return 0.0 if oldest is None else round((now - oldest) * 1000.0, 3)

    def metrics(self) -> dict[str, Any]:
        return {
            "numRecordsIn": self.records_in,
            "numRecordsOut": self.records_out,
            "millisBehindLatest": self.millis_behind(),
            "KPUs": self.parallelism + ORCHESTRATION_KPUS,
        }
