"""CloudWatch alarms and their actions.

The metric's namespace and dimension come from the watched node's type, as the engine
names them (each spec's `metric_namespace`: AWS/SQS QueueName, AWS/Lambda FunctionName,
...). Nodes that are not AWS resources (workers, producers) have no AWS metrics: an alarm
on one watches the custom namespace `Eventyard` with a `Node` dimension, which the
fleet would have to publish. Each alarm-action edge adds the topic to `AlarmActions` and
lets CloudWatch publish to it from this alarm.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, cloudwatch

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec
from engine.registry import METRIC_NAMESPACES as NAMESPACES

from ..context import ExportContext, Grant, is_default_bus
from ..import_props import resource_path, spec_props
from ..refs import ImportContext

CUSTOM_NAMESPACE = "Eventyard"
CUSTOM_DIMENSION = "Node"
# The settings CloudFormation needs whether or not the user changed them from the default.
ALWAYS = (
    "MetricName",
    "Statistic",
    "Period",
    "EvaluationPeriods",
    "Threshold",
    "ComparisonOperator",
)
# S3 storage metrics are reported per storage type ("Amazon S3 daily storage metrics").
STORAGE_TYPES = {"BucketSizeBytes": "StandardStorage", "NumberOfObjects": "AllStorageTypes"}


def dimensions(ctx: ExportContext, node: Node) -> tuple[str, list[dict[str, Any]]]:
    """The namespace and dimensions of the watched node's metric."""
    watched = ctx.node(node.props["watch"])
    if watched.type not in NAMESPACES:
        return CUSTOM_NAMESPACE, [{"Name": CUSTOM_DIMENSION, "Value": watched.id}]
    namespace, name = NAMESPACES[watched.type]
    found = [{"Name": name, "Value": ctx.name(watched.id)}]
    metric = node.props["MetricName"]
    if watched.type == "s3.bucket" and metric in STORAGE_TYPES:
        found.append({"Name": "StorageType", "Value": STORAGE_TYPES[metric]})
    if watched.type == "eventbridge.rule":
        for edge in ctx.diagram.edges_to(watched.id, "rule"):
            if not is_default_bus(ctx.node(edge.source)):
                found.append({"Name": "EventBusName", "Value": ctx.name(edge.source)})
    return namespace, found


def export_alarm(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node, required=ALWAYS)
    props.pop("watch", None)
    props["Namespace"], props["Dimensions"] = dimensions(ctx, node)
    actions = [Ref(ctx.lid(e.target)) for e in ctx.diagram.edges_from(node.id, "alarm-action")]
    if actions:
        props["AlarmActions"] = actions
    ctx.add(cloudwatch.Alarm.from_dict(ctx.lid(node.id), props))


def export_alarm_action(ctx: ExportContext, edge: Edge) -> None:
    """Let CloudWatch publish this alarm's state changes to the topic."""
    alarm_arn = GetAtt(ctx.lid(edge.source), "Arn")
    ctx.grant(edge.target, Grant("cloudwatch.amazonaws.com", "sns:Publish", alarm_arn))


def import_alarm(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    """Alarm settings; `watch` comes from its dimensions (`watched_node`, read by `trace_alarm`)."""
    return spec_props(ctx, lid, spec)


def trace_alarm(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    alarm = ctx.node_of[lid]
    watched = watched_node(ctx, given)
    if watched:
        ctx.nodes[alarm]["props"]["watch"] = watched
    else:
        ctx.warn(
            resource_path(lid, "Dimensions"),
            "unmapped_reference",
            "the metric it watches is not of a node in the diagram",
        )
    for index, action in enumerate(given.get("AlarmActions") or []):
        topic = ctx.resolve(action)
        if topic and ctx.nodes[topic]["type"] == "sns.topic":
            ctx.add_edge("alarm-action", alarm, topic, props={}, origin=lid)
        else:
            ctx.warn(
                f"{resource_path(lid, 'AlarmActions')}[{index}]",
                "unmapped_reference",
                "only SNS topics of the diagram can be alarm actions",
            )


def watched_node(ctx: ImportContext, given: dict[str, Any]) -> str | None:
    """The node whose metric an alarm reads, from its namespace's main dimension."""
    namespace = given.get("Namespace")
    names = {name for ns, name in NAMESPACES.values() if ns == namespace}
    if namespace == CUSTOM_NAMESPACE:
        names = {CUSTOM_DIMENSION}
    for dimension in given.get("Dimensions") or []:
        if isinstance(dimension, dict) and dimension.get("Name") in names:
            value = dimension.get("Value")
            if namespace == CUSTOM_NAMESPACE:
                return value if value in ctx.nodes else None
            if value == "default" and dimension.get("Name") == "EventBusName":
                return ctx.default_bus_node()
            return ctx.resolve(value)
    return None
