"""Every node type, preset and edge kind, listed by hand in palette order.

The rest of the project (validation, the catalogue API, export, import, the browser) reads
types from here and nowhere else. A new type is one service package (`engine/services/`),
one line in each list below, one exporter entry and one icon (engine/README.md, "Adding a
service"); `tests/engine/test_registry.py` checks they agree.
"""

from __future__ import annotations

from engine.core.spec import EdgeKindSpec, NodeSpec, PresetSpec
from engine.runtime.resource import Resource
from engine.schema.edges import EDGE_KINDS
from engine.services.awslambda import function as lambda_function
from engine.services.cloudwatch import alarm as cloudwatch
from engine.services.dynamodb import table as dynamodb
from engine.services.elasticache import cache as elasticache
from engine.services.eventbridge import apidestination
from engine.services.eventbridge import bus as eventbridge
from engine.services.firehose import spec as firehose_spec
from engine.services.firehose import stream as firehose
from engine.services.flink import application as flink
from engine.services.flink import spec as flink_spec
from engine.services.kafka import topic as kafka
from engine.services.kinesis import stream as kinesis
from engine.services.kinesisvideo import stream as kinesisvideo
from engine.services.mq import broker as mq
from engine.services.mq import spec as mq_spec
from engine.services.pipes import pipe as pipes
from engine.services.pipes import spec as pipes_spec
from engine.services.producer import partners, producer
from engine.services.s3 import bucket as s3
from engine.services.schemas import registry as schemas
from engine.services.sns import topic as sns
from engine.services.sqs import queue as sqs
from engine.services.sqs import spec as sqs_spec
from engine.services.stepfunctions import machine as stepfunctions
from engine.services.stepfunctions import spec as stepfunctions_spec
from engine.services.worker import worker

NODE_SPECS: tuple[NodeSpec, ...] = (
    producer.SPEC,
    s3.SPEC,
    sns.SPEC,
    sqs_spec.SPEC,
    kinesis.SPEC,
    kafka.SPEC,
    mq_spec.QUEUE_SPEC,
    mq_spec.TOPIC_SPEC,
    mq_spec.EXCHANGE_SPEC,
    lambda_function.SPEC,
    stepfunctions_spec.SPEC,
    eventbridge.BUS_SPEC,
    eventbridge.RULE_SPEC,
    apidestination.SPEC,
    worker.SPEC,
    dynamodb.SPEC,
    cloudwatch.SPEC,
    pipes_spec.SPEC,
    elasticache.SPEC,
    kinesisvideo.SPEC,
    firehose_spec.SPEC,
    flink_spec.SPEC,
    schemas.SPEC,
)

PRESETS: tuple[PresetSpec, ...] = (sqs_spec.DLQ_PRESET, *partners.PARTNER_PRESETS)

RESOURCES: dict[str, type[Resource]] = {
    producer.SPEC.type: producer.Producer,
    sns.SPEC.type: sns.SnsTopic,
    sqs_spec.SPEC.type: sqs.SqsQueue,
    lambda_function.SPEC.type: lambda_function.LambdaFunction,
    worker.SPEC.type: worker.Worker,
    kinesis.SPEC.type: kinesis.KinesisStream,
    dynamodb.SPEC.type: dynamodb.DynamoTable,
    s3.SPEC.type: s3.S3Bucket,
    cloudwatch.SPEC.type: cloudwatch.CloudWatchAlarm,
    eventbridge.BUS_SPEC.type: eventbridge.EventBus,
    eventbridge.RULE_SPEC.type: eventbridge.EventRule,
    apidestination.SPEC.type: apidestination.ApiDestination,
    pipes_spec.SPEC.type: pipes.Pipe,
    elasticache.SPEC.type: elasticache.ServerlessCache,
    kinesisvideo.SPEC.type: kinesisvideo.KinesisVideoStream,
    firehose_spec.SPEC.type: firehose.DeliveryStream,
    stepfunctions_spec.SPEC.type: stepfunctions.StateMachine,
    schemas.SPEC.type: schemas.SchemaRegistry,
    kafka.SPEC.type: kafka.KafkaTopic,
    flink_spec.SPEC.type: flink.FlinkApplication,
    mq_spec.QUEUE_SPEC.type: mq.MqQueue,
    mq_spec.TOPIC_SPEC.type: mq.MqTopic,
    mq_spec.EXCHANGE_SPEC.type: mq.MqExchange,
}

# Views derived from the specs, for callers that look a type's data up by another key.
NAME_PROPS: tuple[str, ...] = tuple(
    dict.fromkeys(spec.name_prop for spec in NODE_SPECS if spec.name_prop)
)
METRIC_NAMESPACES: dict[str, tuple[str, str]] = {
    spec.type: (spec.metric_namespace, spec.metric_dimension or "")
    for spec in NODE_SPECS
    if spec.metric_namespace
}

_BY_TYPE = {spec.type: spec for spec in NODE_SPECS}
_BY_KIND = {spec.kind: spec for spec in EDGE_KINDS}


def node_types() -> list[str]:
    return [spec.type for spec in NODE_SPECS]


def node_spec(type_name: object) -> NodeSpec | None:
    return _BY_TYPE.get(type_name) if isinstance(type_name, str) else None


def edge_kinds() -> list[str]:
    return [spec.kind for spec in EDGE_KINDS]


def edge_kind(kind: object) -> EdgeKindSpec | None:
    return _BY_KIND.get(kind) if isinstance(kind, str) else None


def resource_class(type_name: str) -> type[Resource]:
    return RESOURCES[type_name]


def pair_message(spec: EdgeKindSpec, source_type: str, target_type: str) -> str:
    """Why a wire is refused, naming the pairs that are allowed."""
    pairs = [f"{s} → {t}" for s, t in spec.pairs()]
    kinds = [k.kind for k in EDGE_KINDS if k.allows(source_type, target_type)]
    hint = f" ({source_type} → {target_type} is a {' or '.join(kinds)} edge)" if kinds else ""
    return (
        f"a {spec.kind} edge cannot join {source_type} → {target_type}{hint}; "
        f"allowed: {', '.join(pairs)}"
    )
