"""EventBridge Pipes at run time ("Amazon EventBridge Pipes"): one source polled by the
same event sources a Lambda mapping uses (`engine.polling`), so batching, ordering per
shard or message group, and retries follow the source's rules ("Amazon EventBridge Pipes
error handling and troubleshooting": an SQS source retries until the queue's
maxReceiveCount sends the message to its dead-letter queue; a stream source until
MaximumRetryAttempts or MaximumRecordAgeInSeconds, then its DeadLetterConfig).

An execution is one batch: each record becomes the event Pipes builds of it (`records`),
the optional enrichment is called once with the batch as a JSON array (its answer
replaces the events), and the target receives each event after `TargetParameters`'
InputTemplate, through its batch API (SQS, SNS, EventBridge, Kinesis: one message per
event) or, for targets that take a whole payload (Lambda, Step Functions), the array in
one request ("Amazon EventBridge Pipes batching and concurrency"). Events the target
refuses are reported as partial batch failures, so only their records are retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.core.message import Copy, compact_json, request_copy
from engine.polling.mq_source import MqEventSource
from engine.polling.sqs_source import SqsEventSource
from engine.polling.stream_source import StreamEventSource
from engine.runtime import names
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION
from engine.runtime.resource import Resource
from engine.runtime.shards import StreamResource
from engine.runtime.templates import iso_time
from engine.services.pipes.records import body_of, resolve, source_event
from engine.services.pipes.spec import SQS_DEFAULT_BATCH, STREAM_DEFAULT_BATCH
from engine.services.pipes.template import InputTemplate

# By source kind (`source_kind`): a node type, or for a broker queue its engine too.
SOURCE_KEYS = {
    "sqs.queue": "SqsQueueParameters",
    "kinesis.stream": "KinesisStreamParameters",
    "dynamodb.table": "DynamoDBStreamParameters",
    "kafka.topic": "ManagedStreamingKafkaParameters",
    "mq.queue:ACTIVEMQ": "ActiveMQBrokerParameters",
    "mq.queue:RABBITMQ": "RabbitMQBrokerParameters",
}
QUEUE_KINDS = ("sqs.queue", "mq.queue:ACTIVEMQ", "mq.queue:RABBITMQ")
MQ_DEFAULT_BATCH = 100  # "Amazon MQ broker as a source": BatchSize defaults to 100


def source_kind(node) -> str:
    """How a pipe reads a source node: its type, or for an Amazon MQ queue its type and
    engine (ActiveMQ and RabbitMQ sources take parameters of their own)."""
    if node.type == "mq.queue":
        return f"mq.queue:{node.props.get('EngineType') or 'ACTIVEMQ'}"
    return node.type


TARGET_KEYS = {
    "sqs.queue": "SqsQueueParameters",
    "kinesis.stream": "KinesisStreamParameters",
    "eventbridge.bus": "EventBridgeEventBusParameters",
    "lambda.function": "LambdaFunctionParameters",
    "stepfunctions.statemachine": "StepFunctionStateMachineParameters",
}
# The most events one call of a target's batch API takes ("Amazon EventBridge Pipes
# batching and concurrency"): SendMessageBatch, PublishBatch, PutEvents, PutRecords.
BATCH_API_LIMITS = {
    "sqs.queue": 10,
    "sns.topic": 10,
    "eventbridge.bus": 10,
    "kinesis.stream": 500,
    "firehose.deliverystream": 500,  # PutRecordBatch
}
ENRICHMENT_FAILED = "EnrichmentStageFailed"
TARGET_FAILED = "TargetStageFailed"


class SourceEdge:
    """The event-source edge as a poller reads it: the pipe's SourceParameters in the
    names of an event source mapping (`given`: those the pipe itself set)."""

    __slots__ = ("id", "props", "given")

    def __init__(self, edge_id: str, props: dict[str, Any], given: frozenset[str]):
        self.id, self.props, self.given = edge_id, props, given


def mapping_props(source: dict[str, Any], kind: str, target_type: str) -> dict[str, Any]:
    """SourceParameters as the pollers' props. Partial failures are always reported:
    Pipes retries only the records whose events failed ("Partial batch failure"). An
    unset BatchSize is the source's default, cut to what the target's batch API takes."""
    own = source.get(SOURCE_KEYS.get(kind, ""), {}) or {}
    stream = kind not in QUEUE_KINDS
    dlq = (own.get("DeadLetterConfig") or {}).get("Arn")
    default = STREAM_DEFAULT_BATCH if stream else SQS_DEFAULT_BATCH
    if kind.startswith("mq.queue"):
        default = MQ_DEFAULT_BATCH
    default = min(default, BATCH_API_LIMITS.get(target_type, default))
    return {
        "BatchSize": own.get("BatchSize") or default,
        "MaximumBatchingWindowInSeconds": own.get("MaximumBatchingWindowInSeconds", 0),
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "ScalingConfig": None,
        "FilterCriteria": source.get("FilterCriteria"),
        "Enabled": True,
        "StartingPosition": own.get("StartingPosition"),
        "ParallelizationFactor": own.get("ParallelizationFactor", 1),
        "BisectBatchOnFunctionError": own.get("OnPartialBatchItemFailure") == "AUTOMATIC_BISECT",
        "MaximumRetryAttempts": own.get("MaximumRetryAttempts", -1),
        "MaximumRecordAgeInSeconds": own.get("MaximumRecordAgeInSeconds", -1),
        "DestinationConfig": {"OnFailure": {"Destination": dlq}} if dlq else None,
    }


class Pipe(Resource):
    """Invariants: the pipe holds no copy (records stay in their queue or stream until the
    poller deletes or passes them; what it sends is a new copy held by the target);
    0 <= running; every execution ends once, with one `success` or `error` per record."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        self.arn = names.arn(node)
        self.name = names.resource_name(node)
        self.running_state = p["DesiredState"] != "STOPPED"
        self.source_params = p["SourceParameters"] or {}
        enrichment = (p["EnrichmentParameters"] or {}).get("InputTemplate")
        self.enrichment_template = InputTemplate(enrichment) if enrichment is not None else None
        self.target_params = p["TargetParameters"] or {}
        template = self.target_params.get("InputTemplate")
        self.target_template = InputTemplate(template) if template is not None else None
        self.poller: SqsEventSource | StreamEventSource | MqEventSource | None = None
        self.source: Resource | None = None
        self.source_edge = self.source_type = self.source_arn = self.source_name = ""
        self.fifo_source = False
        self.target: tuple[str, Resource] | None = None
        self.enrichment: tuple[str, Any] | None = None
        self.destination_failures = 0  # stream batches the DLQ refused
        self.iterator_age_ms = 0.0
        self.running = self.peak = 0
        self.invocations = self.events = self.failed = self.partial = 0
        self.target_failed = self.enrichment_failed = 0

    # --- wiring --------------------------------------------------------------------
    def wire_in(self, edge, source: Resource) -> None:
        if edge.kind != "event-source":
            return
        self.source, self.source_edge = source, edge.id
        self.source_type, self.fifo_source = source_kind(source.node), source.is_fifo
        # an Amazon MQ source is named by its broker's ARN, its queue by name
        self.source_arn = (
            getattr(source, "broker_arn", None)
            or getattr(source, "arn", None)
            or names.arn(source.node)
        )
        self.source_name = getattr(source, "name", "")

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "target":
            self.target = (edge.id, target)
        elif edge.kind == "enrichment":
            self.enrichment = (edge.id, target)
        super().wire_out(edge, target)

    def start(self) -> None:
        """Poll the source once both ends are wired, unless the pipe is STOPPED."""
        source, target = self.source, self.target
        if source is None or target is None:
            return
        props = mapping_props(self.source_params, self.source_type, target[1].node.type)
        own = self.source_params.get(SOURCE_KEYS.get(self.source_type, ""), {}) or {}
        adapted = SourceEdge(self.source_edge, props, frozenset(own))
        if isinstance(source, StreamResource):
            self.poller = StreamEventSource(adapted, source, self)
        elif hasattr(source, "open_consumer"):  # an Amazon MQ queue
            self.poller = MqEventSource(adapted, source, self)
        else:
            self.poller = SqsEventSource(adapted, source, self)
        if self.running_state:
            self.poller.start()

    # --- the Invoker protocol the pollers use ---------------------------------------
    def try_acquire(self, copies: list[Copy], edge: str | None) -> bool:
        self.running += 1
        self.peak = max(self.peak, self.running)
        return True

    def execute(
        self,
        copies: list[Copy],
        edge: str | None,
        *,
        stop_at_first: bool = False,
        whole_batch_fails: bool = True,
        on_done: Callable[[list[Copy], Outcome], None],
    ) -> None:
        """One pipe execution over a batch; `on_done` comes later on the kernel."""
        self.invocations += 1
        self.events += len(copies)
        for copy in copies:
            self.rec.emit("invoke", self.id, copy, edge=edge)
        events = [self._event_of(copy) for copy in copies]
        run = Execution(self, copies, stop_at_first=stop_at_first, on_done=on_done)
        if self.enrichment is not None:
            run.enrich(events)
        else:
            run.deliver(events)

    def _event_of(self, copy: Copy) -> Any:
        return source_event(
            copy,
            source_type=self.source_type,
            source_arn=self.source_arn,
            fifo=self.fifo_source,
            queue=self.source_name,
        )

    def reserved(self) -> dict[str, Any]:
        """The reserved variables of "Amazon EventBridge Pipes input transformation"."""
        values = {
            "aws.pipes.pipe-arn": self.arn,
            "aws.pipes.pipe-name": self.name,
            "aws.pipes.source-arn": self.source_arn,
            "aws.pipes.event.ingestion-time": iso_time(self.kernel.now),
        }
        for key, link in (("enrichment", self.enrichment), ("target", self.target)):
            if link is not None:
                resource = link[1]
                values[f"aws.pipes.{key}-arn"] = getattr(resource, "arn", None) or names.arn(
                    resource.node
                )
        return values

    # --- reporting -----------------------------------------------------------------
    def metrics(self) -> dict[str, Any]:
        return {
            "Invocations": self.invocations,
            "EventCount": self.events,
            "ExecutionFailed": self.failed,
            "ExecutionPartiallyFailed": self.partial,
            "TargetStageFailed": self.target_failed,
            "EnrichmentStageFailed": self.enrichment_failed,
            "Concurrency": self.running,
            "PeakConcurrency": self.peak,
        }


class Execution:
    """One batch on its way through the pipe. Invariant: `finish` runs exactly once."""

    __slots__ = ("pipe", "copies", "stop_at_first", "on_done")

    def __init__(self, pipe: Pipe, copies: list[Copy], *, stop_at_first: bool, on_done):
        self.pipe, self.copies = pipe, copies
        self.stop_at_first, self.on_done = stop_at_first, on_done

    def _carrier(self, events: list[Any]) -> Copy:
        """The request that carries the batch to a callee: not a message of its own (the
        records stay with the source), so it is never counted in the ledger."""
        return request_copy(self.copies[0], compact_json(events))

    def enrich(self, events: list[Any]) -> None:
        pipe = self.pipe
        template = pipe.enrichment_template
        if template is not None:
            reserved = pipe.reserved()
            events = [template.render(event, reserved) for event in events]
        edge, callee = pipe.enrichment
        callee.call(self._carrier(events), edge=edge, on_done=self._enriched)

    def _enriched(self, result: Any, error: str | None) -> None:
        if error is not None:
            self.pipe.enrichment_failed += 1
            self.finish(list(self.copies), f"{ENRICHMENT_FAILED}: {error}")
            return
        # The enrichment's answer replaces the batch; an empty answer ends it here.
        events = result if isinstance(result, list) else ([] if result is None else [result])
        self.deliver(events, later=False)

    def deliver(self, events: list[Any], *, later: bool = True) -> None:
        pipe = self.pipe
        if pipe.target_template is not None:
            reserved = pipe.reserved()
            events = [pipe.target_template.render(event, reserved) for event in events]
        edge, target = pipe.target
        kind = target.node.type
        params = pipe.target_params.get(TARGET_KEYS.get(kind, ""), {}) or {}
        if hasattr(target, "call"):
            self._whole_payload(events, edge, target, params)
            return
        failed = [
            self.copies[min(i, len(self.copies) - 1)]
            for i, event in enumerate(events)
            if self._send(event, self.copies[min(i, len(self.copies) - 1)], edge, target, params)
        ]
        if later:
            pipe.kernel.at(pipe.kernel.now, ACTION, self.finish_partial, failed)
        else:
            self.finish_partial(failed)

    def _whole_payload(self, events: list[Any], edge: str, target, params: dict) -> None:
        """Lambda and Step Functions take the batch as one JSON array: synchronously
        (REQUEST_RESPONSE, failures retried) or as an asynchronous invoke (FIRE_AND_FORGET)."""
        pipe = self.pipe
        if not events:
            pipe.kernel.at(pipe.kernel.now, ACTION, self.finish_partial, [])
            return
        if params.get("InvocationType", "REQUEST_RESPONSE") == "REQUEST_RESPONSE":
            target.call(self._carrier(events), edge=edge, on_done=self._target_answered)
            return
        out = pipe.sim.derive(self.copies[0], body=compact_json(events), attributes={})
        error = pipe.sim.publish(pipe.id, out, edge=edge, target=target)
        failed = list(self.copies) if error is not None else []
        pipe.kernel.at(pipe.kernel.now, ACTION, self.finish_partial, failed)

    def _target_answered(self, _result: Any, error: str | None) -> None:
        if error is not None:
            self.finish(list(self.copies), f"{TARGET_FAILED}: {error}")
        else:
            self.finish([], None)

    def _send(self, event: Any, copy: Copy, edge: str, target, params: dict) -> bool:
        """One event to a target with a batch API; True when the target refused it."""
        pipe = self.pipe
        kind = target.node.type
        fields: dict[str, Any] = {"attributes": {}}
        body = body_of(event)
        if kind == "sqs.queue":
            fields["group"] = resolve(params.get("MessageGroupId"), event)
            fields["dedup"] = resolve(params.get("MessageDeduplicationId"), event)
            if target.is_fifo and fields["group"] is None:
                return True  # no message group id: a FIFO queue refuses the message
        elif kind == "kinesis.stream":
            fields["partition_key"] = resolve(params.get("PartitionKey"), event)
            if fields["partition_key"] is None:
                return True  # the partition key's path found nothing: the put fails
        elif kind == "eventbridge.bus":
            body = compact_json(self._entry(event, params))
        out = pipe.sim.derive(copy, body=body, **fields)
        return pipe.sim.publish(pipe.id, out, edge=edge, target=target) is not None

    def _entry(self, event: Any, params: dict) -> dict[str, Any]:
        """A PutEvents entry; without parameters Pipes names the pipe and the source."""
        source_kind = event.get("eventSource", "") if isinstance(event, dict) else ""
        return {
            "source": params.get("Source") or f"Pipe {self.pipe.name}",
            "detail-type": params.get("DetailType") or f"Event from {source_kind}".strip(),
            "detail": event,
            "resources": list(params.get("Resources") or []),
        }

    def finish_partial(self, failed: list[Copy]) -> None:
        if failed and self.stop_at_first:
            # FIFO: the first failure and everything after it go back, in order.
            first = next(i for i, c in enumerate(self.copies) if c in failed)
            failed = list(self.copies[first:])
        unique = list(dict.fromkeys(failed))
        if len(unique) == len(self.copies):
            self.finish(unique, TARGET_FAILED)
        else:
            if unique:
                self.pipe.partial += 1
            self.finish(unique, None)

    def finish(self, failed: list[Copy], error: str | None) -> None:
        """Trace each record's end and hand the outcome to the poller. A failure of a
        whole stage fails the execution; the source's rules retry the records."""
        pipe = self.pipe
        pipe.running -= 1
        if error is not None:
            pipe.failed += 1
            if error.startswith(TARGET_FAILED):
                pipe.target_failed += 1
        bad = {c.id for c in failed}
        for copy in self.copies:
            if copy.id in bad:
                pipe.rec.emit("error", pipe.id, copy, error=error or TARGET_FAILED)
            else:
                pipe.rec.emit("success", pipe.id, copy)
        outcome = Outcome(0.0, error, failed)
        self.on_done(self.copies, outcome)
