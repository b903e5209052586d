"""CloudWatch alarms and their actions.

The metric's namespace and dimension come from the watched node's type, as the engine
names them (each spec's `metric_namespace`: AWS/SQS QueueName, AWS/Lambda FunctionName,
...). Nodes that are not AWS resources (workers, producers) have no AWS metrics: an alarm
on one watches the custom namespace `Eventyard` with a `Node` dimension, which the
fleet would have to publish. Each alarm-action edge adds the topic to `AlarmActions` and
lets CloudWatch publish to it from this alarm.

An alarm with a band operator (anomaly detection) names no metric of its own: its
`Metrics` are the metric (`m1`) and `ANOMALY_DETECTION_BAND(m1, k)` (`ad1`), and its
`ThresholdMetricId` is `ad1`; import reads such an alarm back (and any alarm whose
threshold is an anomaly detection band of one metric).
"""

from __future__ import annotations

import re
from typing import Any

from troposphere import GetAtt, Ref, cloudwatch

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec
from engine.registry import METRIC_NAMESPACES as NAMESPACES
from engine.services.cloudwatch.alarm import is_band_operator
from engine.services.cloudwatch.messages import BAND_ID, DEFAULT_BAND_WIDTH, band_queries

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
# What an anomaly detection alarm says in its metric queries instead.
IN_QUERIES = ("MetricName", "Statistic", "Period", "Threshold", "AnomalyDetectionThreshold")
_BAND = re.compile(
    r"^\s*ANOMALY_DETECTION_BAND\(\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:,\s*([0-9.]+)\s*)?\)\s*$"
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
    band = is_band_operator(node.props["ComparisonOperator"])
    required = tuple(n for n in ALWAYS if not (band and n == "Threshold"))
    props = ctx.user_props(node, required=required)
    props.pop("watch", None)
    namespace, found = dimensions(ctx, node)
    if band:
        for name in IN_QUERIES:
            props.pop(name, None)
        props["Metrics"] = band_queries(namespace, found, node.props)
        props["ThresholdMetricId"] = BAND_ID
    else:
        props["Namespace"], props["Dimensions"] = namespace, found
    actions = [Ref(ctx.lid(e.target)) for e in ctx.diagram.edges_from(node.id, "alarm-action")]
    if actions:
        props["AlarmActions"] = actions
    ctx.add(cloudwatch.Alarm.from_dict(ctx.lid(node.id), props))


def leftover_props(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """A band width the user set is kept in the metadata too: the template's expression
    always states one (2 when not set), which import reads as "not set"."""
    given = ctx.user_props(node)
    if "AnomalyDetectionThreshold" in given:
        return {"AnomalyDetectionThreshold": given["AnomalyDetectionThreshold"]}
    return {}


def export_alarm_action(ctx: ExportContext, edge: Edge) -> None:
    """Let CloudWatch publish this alarm's state changes to the topic."""
    alarm_arn = GetAtt(ctx.lid(edge.source), "Arn")
    ctx.grant(edge.target, Grant("cloudwatch.amazonaws.com", "sns:Publish", alarm_arn))


def import_alarm(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    """Alarm settings; `watch` comes from its dimensions (`watched_node`, read by `trace_alarm`).
    An anomaly detection alarm's metric and band width come from its metric queries."""
    given = ctx.props_of(lid)
    if "Metrics" not in given:
        return spec_props(ctx, lid, spec)
    read = band_alarm(given)
    if read is None:
        ctx.warn(
            resource_path(lid, "Metrics"),
            "unsupported_metric_math",
            "its metric queries are not one metric and the anomaly detection band of it "
            "(ThresholdMetricId); the diagram's alarms watch one metric, so it was left out",
        )
        return spec_props(ctx, lid, spec, {k: v for k, v in given.items() if k != "Metrics"})
    stat, width = read
    flat = {k: v for k, v in given.items() if k not in ("Metrics", "ThresholdMetricId")}
    flat.update(
        {
            "MetricName": stat["Metric"].get("MetricName"),
            "Statistic": stat.get("Stat"),
            "Period": stat.get("Period"),
        }
    )
    if width != DEFAULT_BAND_WIDTH:
        flat["AnomalyDetectionThreshold"] = width
    return spec_props(ctx, lid, spec, flat)


def band_alarm(given: dict[str, Any]) -> tuple[dict[str, Any], float] | None:
    """The metric (its MetricStat) and band width of an alarm whose ThresholdMetricId is
    `ANOMALY_DETECTION_BAND` of one metric query, or None."""
    queries = {q.get("Id"): q for q in given.get("Metrics") or [] if isinstance(q, dict)}
    band = queries.get(given.get("ThresholdMetricId"))
    expression = band.get("Expression") if isinstance(band, dict) else None
    match = _BAND.match(expression) if isinstance(expression, str) else None
    metric = queries.get(match.group(1)) if match else None
    stat = metric.get("MetricStat") if isinstance(metric, dict) else None
    if not isinstance(stat, dict) or not isinstance(stat.get("Metric"), dict):
        return None
    width = float(match.group(2)) if match.group(2) else DEFAULT_BAND_WIDTH
    return stat, int(width) if width.is_integer() else width


def trace_alarm(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    alarm = ctx.node_of[lid]
    read = band_alarm(given) if "Metrics" in given else None
    metric = read[0]["Metric"] if read is not None else given
    watched = watched_node(ctx, metric)
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
