"""Amazon Data Firehose: the engine's `firehose.deliverystream` node, delivering to S3.

Records come by Direct PUT (a producer, function or worker's `publish` edge, a rule's or a
pipe's `target` edge) or, for `KinesisStreamAsSource`, from a Kinesis stream the delivery
stream reads itself (an `event-source` edge; it reads as a shared-throughput consumer from
LATEST, "Read from Kinesis Data Streams"). Records wait in a buffer until it holds
`BufferingHints.SizeInMBs` or its oldest record has waited `IntervalInSeconds`, whichever
comes first ("Configure buffering hints"); then the buffer is delivered as one S3 object
(a `flush` event, then a PutObject on the bucket of the `delivery` edge, which raises the
bucket's notifications). With a `transform` edge, the buffer first goes to the Lambda
function ("Transform source data"): records it fails are written, as one object, under
`ErrorOutputPrefix`; a failed invocation is retried (3 times, the processor's default
NumberOfRetries) and then all its records are failures.
"""

from __future__ import annotations

from typing import Any

from engine.core.message import Copy, compact_json
from engine.polling.invoker import Invoker
from engine.polling.stream_source import ReaderEdge, StreamEventSource
from engine.runtime import names
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource
from engine.runtime.shards import StreamResource
from engine.runtime.templates import iso_time
from engine.services.firehose.spec import DEFAULT_INTERVAL_S, DEFAULT_SIZE_MB

MIB = 1_048_576
TRANSFORM_RETRIES = 3
THROTTLE_RETRY_S = 1.0
NOT_DIRECT_PUT = "InvalidArgumentException: not permitted on a stream that reads a source"


class Flush:
    """One buffer on its way through the transform: its invocations and their answers."""

    __slots__ = ("reason", "chunks", "waiting", "ok", "failed")

    def __init__(self, reason: str):
        self.reason = reason
        self.chunks: list[list[Copy]] = []
        self.waiting = 0
        self.ok: list[Copy] = []
        self.failed: list[Copy] = []


class DeliveryStream(Resource):
    """Invariants: every record taken is in the buffer, in a transform, or ended (delivered
    in an object, or written to the error prefix); the buffer is delivered no later than
    `interval` after its oldest record came."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        hints = p["BufferingHints"] or {}
        self.size_limit = int(hints.get("SizeInMBs", DEFAULT_SIZE_MB)) * MIB
        self.interval = float(hints.get("IntervalInSeconds", DEFAULT_INTERVAL_S))
        self.direct = p["DeliveryStreamType"] == "DirectPut"
        self.prefix = p["Prefix"] or ""
        self.error_prefix = p["ErrorOutputPrefix"] or "processing-failed/"
        self.name = names.resource_name(node)
        self.arn = names.arn(node)
        self.buffer: list[Copy] = []
        self.buffer_bytes = 0
        self.buffer_since = 0.0  # when the buffer's oldest record came
        self.generation = 0  # which buffer an interval timer belongs to
        self.processing = 0  # records in a transform invocation
        self.bucket: tuple[str, Resource] | None = None
        self.transform: tuple[str, Invoker] | None = None
        self.chunk_limit = MIB
        self.reader: StreamEventSource | None = None
        self.objects = 0
        self.incoming = self.incoming_bytes = 0
        self.delivered = self.delivered_bytes = 0
        self.transform_ok = self.transformed_records = 0
        # what an event source reader expects of the resource it feeds
        self.destination_failures = 0
        self.iterator_age_ms = 0.0

    # --- wiring ----------------------------------------------------------------------
    def wire_out(self, edge, target) -> None:
        if edge.kind == "delivery":
            self.bucket = (edge.id, target)
        elif edge.kind == "transform":
            self.transform = (edge.id, target)
            self.chunk_limit = int(float(edge.props["BufferSizeInMBs"] or 1) * MIB)
        super().wire_out(edge, target)

    def wire_in(self, edge, source) -> None:
        if edge.kind == "event-source" and isinstance(source, StreamResource):
            self.reader = StreamEventSource(ReaderEdge(edge.id), source, self)

    def start(self) -> None:
        if self.reader is not None:
            self.reader.start()

    # --- records in --------------------------------------------------------------------
    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """PutRecord (Direct PUT)."""
        if not self.direct:
            return NOT_DIRECT_PUT
        self.rec.emit("deliver", self.id, copy, edge=edge)
        self._take(copy)
        return None

    def try_acquire(self, copies: list[Copy], edge: str | None) -> bool:
        return True  # reading its source stream, Firehose is never throttled by Lambda

    def execute(self, copies, edge, *, stop_at_first=False, whole_batch_fails=True, on_done):
        """Records read from the source stream: each becomes a record of this stream (the
        stream keeps its own)."""
        for record in copies:
            copy = self.sim.derive(record, dedup=record.id)
            self.rec.emit("deliver", self.id, copy, edge=edge)
            self._take(copy)
        self.kernel.after(0.0, ACTION, on_done, copies, Outcome(0.0))

    def _take(self, copy: Copy) -> None:
        copy.holder = self
        self.incoming += 1
        self.incoming_bytes += copy.size
        if not self.buffer:
            self.buffer_since = self.kernel.now
            self.generation += 1
            self.kernel.after(self.interval, ACTION, self._interval_over, self.generation)
        self.buffer.append(copy)
        self.buffer_bytes += copy.size
        if self.buffer_bytes >= self.size_limit:
            self._flush("size")

    def _interval_over(self, generation: int) -> None:
        if generation == self.generation and self.buffer:
            self._flush("interval")

    # --- delivery ----------------------------------------------------------------------
    def _flush(self, reason: str) -> None:
        records, self.buffer, self.buffer_bytes = self.buffer, [], 0
        self.generation += 1
        if self.transform is None:
            self._deliver(records, [], reason)
            return
        self.processing += len(records)
        job = Flush(reason)
        chunk: list[Copy] = []
        size = 0
        for copy in records:  # the processor's buffer: at most BufferSizeInMBs an invocation
            if chunk and size + copy.size > self.chunk_limit:
                job.chunks.append(chunk)
                chunk, size = [], 0
            chunk.append(copy)
            size += copy.size
        job.chunks.append(chunk)
        job.waiting = len(job.chunks)
        for part in job.chunks:
            self._invoke(part, job, attempt=1)

    def _invoke(self, records: list[Copy], job: Flush, attempt: int) -> None:
        edge, function = self.transform
        if not function.try_acquire(records, edge):
            self.kernel.after(THROTTLE_RETRY_S, ACTION, self._invoke, records, job, attempt)
            return
        function.execute(
            records,
            edge,
            whole_batch_fails=False,
            on_done=lambda _c, outcome: self._transformed(records, job, attempt, outcome),
        )

    def _transformed(self, records: list[Copy], job: Flush, attempt: int, outcome) -> None:
        if outcome.error and attempt <= TRANSFORM_RETRIES:
            self.rec.emit("retry", self.id, records[0], edge=self.transform[0], attempt=attempt + 1)
            self._invoke(records, job, attempt + 1)
            return
        self.processing -= len(records)
        failed_ids = {c.id for c in records} if outcome.error else {c.id for c in outcome.failed}
        if not outcome.error:
            self.transform_ok += 1
        ok = [c for c in records if c.id not in failed_ids]
        self.transformed_records += len(ok)
        job.ok.extend(ok)
        job.failed.extend(c for c in records if c.id in failed_ids)
        job.waiting -= 1
        if job.waiting == 0:  # every invocation of the buffer answered: deliver it
            self._deliver(job.ok, job.failed, job.reason)

    def _deliver(self, records: list[Copy], failed: list[Copy], reason: str) -> None:
        if records:
            self._put_object(records, self.prefix, reason)
            self.delivered += len(records)
            self.delivered_bytes += sum(c.size for c in records)
        if failed:
            self._put_object(failed, self.error_prefix, reason, processing_failed=True)

    def _put_object(
        self, records: list[Copy], prefix: str, reason: str, *, processing_failed: bool = False
    ) -> None:
        """One S3 object of `records`: keyed as Firehose names them (prefix, then the UTC
        hour `YYYY/MM/DD/HH/`, then the stream's name and the time)."""
        self.objects += 1
        stamp = iso_time(self.kernel.now)
        hour = stamp[:13].replace("-", "/").replace("T", "/")
        key = f"{prefix}{hour}/{self.name}-{self.objects}-{stamp[:19].replace(':', '-')}"
        size = sum(c.size for c in records)
        payload = {"key": key, "size": size}
        body = compact_json(payload)
        obj = self.sim.derive(
            records[0], body=body, attributes={}, dedup=f"{self.id}-{self.objects}"
        )
        obj.payload = payload
        outcome = "ProcessingFailed" if processing_failed else "Ok"
        self.rec.emit(
            "flush",
            self.id,
            obj,
            records=len(records),
            bytes=size,
            key=key,
            reason=reason,
            result=outcome,
        )
        for copy in records:
            copy.holder = None
            self.rec.end(copy, "processed")
        if self.bucket is None:
            self.sim.drop(self.id, obj, reason="no destination bucket")
            return
        edge, bucket = self.bucket
        self.sim.publish(self.id, obj, edge=edge, target=bucket)

    # --- what it reports -----------------------------------------------------------------
    def holdings(self) -> dict[str, int]:
        return {"in_flight": len(self.buffer) + self.processing}

    def metrics(self) -> dict[str, Any]:
        freshness = int(self.kernel.now - self.buffer_since) if self.buffer else 0
        return {
            "IncomingRecords": self.incoming,
            "IncomingBytes": self.incoming_bytes,
            "DeliveryToS3.Records": self.delivered,
            "DeliveryToS3.Bytes": self.delivered_bytes,
            "DeliveryToS3.Success": self.objects,
            "DeliveryToS3.DataFreshness": freshness,
            "ExecuteProcessing.Success": self.transform_ok,
            "SucceedProcessing.Records": self.transformed_records,
            "BufferedRecords": len(self.buffer),
        }
