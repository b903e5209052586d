"""Export: a diagram document in, a CloudFormation template (YAML or JSON) out.

One mapping per node type, keyed by its type string (`NODE_EXPORTERS`), and one per edge
kind (`EDGE_EXPORTERS`); `NO_RESOURCE_TYPES` lists the types that are not AWS resources and
export nothing. `tests/designer/test_cfn_registry.py` checks that every type and kind of
`engine.registry` is in one of them. The document is checked (and its defaults filled) by
`engine.load_diagram` first; the template carries the props the user set, the settings
CloudFormation requires, and, in `Metadata.Eventyard`, everything else the diagram holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from troposphere import Template
from troposphere.cloudformation import WaitConditionHandle

from engine import DiagramError, load_diagram
from engine.core.diagram import Edge, Node

from . import alarms, buckets, eventbridge, functions, messaging, streams
from .checks import export_problems
from .context import ExportContext, is_default_bus
from .metadata import build_metadata
from .template_text import dump_yaml

FORMATS = ("yaml", "json")
NO_RESOURCE_TYPES = ("producer", "worker")
NODE_EXPORTERS: dict[str, Callable[[ExportContext, Node], None]] = {
    "sns.topic": messaging.export_topic,
    "sqs.queue": messaging.export_queue,
    "kinesis.stream": streams.export_stream,
    "lambda.function": functions.export_function,
    "dynamodb.table": streams.export_table,
    "eventbridge.bus": eventbridge.export_bus,
    "eventbridge.rule": eventbridge.export_rule,
    "s3.bucket": buckets.export_bucket,
    "cloudwatch.alarm": alarms.export_alarm,
}
EDGE_EXPORTERS: dict[str, Callable[[ExportContext, Edge], None]] = {
    "publish": functions.export_publish,
    "subscription": messaging.export_subscription,
    "event-source": functions.export_event_source,
    "dead-letter": messaging.export_dead_letter,
    "destination": functions.export_destination,
    "notification": buckets.export_notification,
    "rule": eventbridge.export_rule_edge,
    "target": eventbridge.export_target,
    "alarm-action": alarms.export_alarm_action,
}
# Sim fields that are CloudFormation settings too: the template holds them, not Metadata.
EXPORTED_SIM = {"lambda.function": functions.ASYNC_SIM_FIELDS}
# CloudFormation needs at least one resource: a diagram of clients alone gets this no-op.
PLACEHOLDER = "NothingToDeploy"
TOP_ORDER = ("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters")
RESOURCE_ORDER = ("Type", "DependsOn", "Properties")
MAX_DESCRIPTION = 1024


def has_resource(node: Node) -> bool:
    """Whether the node becomes a resource of its own (clients and the default bus do not)."""
    return node.type not in NO_RESOURCE_TYPES and not is_default_bus(node)


def export_template(document: dict[str, Any], *, fmt: str = "yaml") -> str:
    """The CloudFormation template of a diagram document, as YAML or JSON text.

    Raises `engine.DiagramError` (with every problem) for an invalid document or one no
    template can hold (`checks.export_problems`), and `ValueError` for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    diagram = load_diagram(document)
    problems = export_problems(diagram)
    if problems:
        raise DiagramError(problems)
    ctx = ExportContext(document, diagram)
    for edge in ctx.diagram.edges:
        ctx.start(2, edge.index)
        EDGE_EXPORTERS[edge.kind](ctx, edge)
    for node in ctx.diagram.nodes.values():
        ctx.start(1, node.index)
        if node.type not in NO_RESOURCE_TYPES:
            NODE_EXPORTERS[node.type](ctx, node)
    return render(build_template(ctx), fmt)


def build_template(ctx: ExportContext) -> dict[str, Any]:
    template = Template()
    template.set_version("2010-09-09")
    template.set_description(_description(ctx.document))
    template.set_metadata(
        build_metadata(
            ctx,
            has_resource=has_resource,
            leftover=streams.leftover_props,
            exported_sim=EXPORTED_SIM,
        )
    )
    for parameter in ctx.parameters:
        template.add_parameter(parameter)
    resources = ctx.resources() or [WaitConditionHandle(PLACEHOLDER)]
    for resource in resources:
        template.add_resource(resource)
    for output in ctx.outputs:
        template.add_output(output)
    return _ordered(template.to_dict())


def _description(document: dict[str, Any]) -> str:
    parts = [document.get("name") or "An Eventyard diagram", document.get("description") or ""]
    text = ": ".join(p for p in parts if p)
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 3] + "..."


def _ordered(template: dict[str, Any]) -> dict[str, Any]:
    """Sections and resource attributes in the order people write them."""
    keys = [k for k in TOP_ORDER if k in template] + ["Resources"]
    ordered = {k: template[k] for k in keys if k in template}
    ordered["Resources"] = {
        lid: {k: body[k] for k in RESOURCE_ORDER if k in body}
        for lid, body in template["Resources"].items()
    }
    if "Outputs" in template:
        ordered["Outputs"] = template["Outputs"]
    return ordered


def render(template: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(template, indent=2, ensure_ascii=False) + "\n"
    return dump_yaml(template)
