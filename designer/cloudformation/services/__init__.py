"""CloudFormation per service: one module each, holding its export and its import.

`NODE_MAPPINGS` is the one table the exporter and the importer read, keyed by node type
string: each entry names the function that adds a node's resources to a template and the
one that reads a resource back as the node's props. Types that are not AWS resources
(clients) map to `NOTHING` and export as nothing. `tests/designer/test_cfn_registry.py`
fails when a type of `engine.registry` has no entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from engine.core.diagram import Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..import_props import import_plain
from ..refs import ImportContext
from . import (
    apidestination,
    awslambda,
    cloudwatch,
    dynamodb,
    elasticache,
    eventbridge,
    firehose,
    flink,
    kafka,
    kinesis,
    kinesisvideo,
    mq,
    pipes,
    s3,
    schemas,
    sns,
    sqs,
    stepfunctions,
)

NodeExporter = Callable[[ExportContext, Node], None]
NodeImporter = Callable[[ImportContext, str, NodeSpec], dict[str, Any]]


@dataclass(frozen=True)
class CfnMapping:
    """How one node type becomes resources (`export`) and comes back (`read`); both None
    for a type that exports as nothing."""

    export: NodeExporter | None
    read: NodeImporter | None


NOTHING = CfnMapping(export=None, read=None)
NODE_MAPPINGS: dict[str, CfnMapping] = {
    "producer": NOTHING,
    "worker": NOTHING,
    "sns.topic": CfnMapping(sns.export_topic, sns.import_topic),
    "sqs.queue": CfnMapping(sqs.export_queue, import_plain),
    "kinesis.stream": CfnMapping(kinesis.export_stream, import_plain),
    "lambda.function": CfnMapping(awslambda.export_function, awslambda.import_function),
    "dynamodb.table": CfnMapping(dynamodb.export_table, dynamodb.import_table),
    "eventbridge.bus": CfnMapping(eventbridge.export_bus, import_plain),
    "eventbridge.rule": CfnMapping(eventbridge.export_rule, eventbridge.import_rule),
    "eventbridge.apidestination": CfnMapping(
        apidestination.export_api_destination, apidestination.import_api_destination
    ),
    "s3.bucket": CfnMapping(s3.export_bucket, s3.import_bucket),
    "cloudwatch.alarm": CfnMapping(cloudwatch.export_alarm, cloudwatch.import_alarm),
    "pipes.pipe": CfnMapping(pipes.export_pipe, pipes.import_pipe),
    "elasticache.cache": CfnMapping(elasticache.export_cache, elasticache.import_cache),
    "kinesisvideo.stream": CfnMapping(kinesisvideo.export_video_stream, import_plain),
    "firehose.deliverystream": CfnMapping(
        firehose.export_delivery_stream, firehose.import_delivery_stream
    ),
    "stepfunctions.statemachine": CfnMapping(
        stepfunctions.export_state_machine, stepfunctions.import_state_machine
    ),
    "schemas.registry": CfnMapping(schemas.export_registry, schemas.import_registry),
    "kafka.topic": CfnMapping(kafka.export_topic, kafka.import_topic),
    "flink.application": CfnMapping(flink.export_application, flink.import_application),
    "mq.queue": CfnMapping(mq.export_destination, mq.import_destination),
    "mq.topic": CfnMapping(mq.export_destination, mq.import_destination),
    "mq.exchange": CfnMapping(mq.export_destination, mq.import_destination),
}
# Types that live inside a resource several nodes share (an MSK cluster's topics, a
# broker's destinations): the resource is exported once, the nodes kept in Metadata.
SHARED_RESOURCE_TYPES = ("kafka.topic", *mq.TYPES)
SHARED_RESOURCES = (kafka.CLUSTER, mq.BROKER)
NO_RESOURCE_TYPES = tuple(t for t, m in NODE_MAPPINGS.items() if m is NOTHING)
NODE_EXPORTERS = {t: m.export for t, m in NODE_MAPPINGS.items() if m.export}
NODE_IMPORTERS = {t: m.read for t, m in NODE_MAPPINGS.items() if m.read}
