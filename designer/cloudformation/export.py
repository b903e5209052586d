"""Export: a diagram document in, a CloudFormation template (YAML or JSON) out.

One mapping per node type, keyed by its type string (`services.NODE_MAPPINGS`, read here as
`NODE_EXPORTERS`), and one per edge kind (`EDGE_EXPORTERS`); `NO_RESOURCE_TYPES` lists the
types that are not AWS resources and export nothing. `tests/designer/test_cfn_registry.py`
checks that every type and kind of `engine.registry` is in one of them. The document is
checked (and its defaults filled) by `engine.load_diagram` first; the template carries the
props the user set, the settings CloudFormation requires, and, in `Metadata.Eventyard`,
everything else the diagram holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import troposphere
from troposphere import Template
from troposphere.cloudformation import WaitConditionHandle

from engine import DiagramError, load_diagram
from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem

from .checks import export_problems
from .context import ExportContext, is_default_bus
from .metadata import build_metadata
from .sam_export import to_sam
from .services import (
    NO_RESOURCE_TYPES,
    NODE_EXPORTERS,
    SHARED_RESOURCE_TYPES,
    awslambda,
    cloudwatch,
    eventbridge,
    firehose,
    flink,
    idempotency,
    kinesis,
    mq,
    pipes,
    s3,
    schemas,
    sns,
    sqs,
    stepfunctions,
)
from .template_text import dump_yaml

# The plain template as YAML or JSON, or the same stack as a SAM template (YAML).
FORMATS = ("yaml", "json", "sam")
EDGE_EXPORTERS: dict[str, Callable[[ExportContext, Edge], None]] = {
    "publish": awslambda.export_publish,
    "subscription": sns.export_subscription,
    "event-source": awslambda.export_event_source,
    "dead-letter": sqs.export_dead_letter,
    "destination": awslambda.export_destination,
    "notification": s3.export_notification,
    "rule": eventbridge.export_rule_edge,
    "target": eventbridge.export_target,
    "alarm-action": cloudwatch.export_alarm_action,
    "enrichment": pipes.export_pipe_edge,
    "idempotency": idempotency.export_idempotency,
    "delivery": firehose.export_stream_edge,
    "transform": firehose.export_stream_edge,
    "task": stepfunctions.export_task_edge,
    "discover": schemas.export_discover_edge,
    "binding": mq.export_broker_edge,
}
# Props a resource cannot carry as the user set them, kept in Metadata (per node type).
LEFTOVERS: dict[str, Callable[[ExportContext, Node], dict[str, Any]]] = {
    "kinesis.stream": kinesis.leftover_props,
    "cloudwatch.alarm": cloudwatch.leftover_props,
}
# Sim fields that are CloudFormation settings too: the template holds them, not Metadata.
EXPORTED_SIM = {"lambda.function": awslambda.ASYNC_SIM_FIELDS}
# CloudFormation needs at least one resource: a diagram of clients alone gets this no-op.
PLACEHOLDER = "NothingToDeploy"
TOP_ORDER = ("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters")
RESOURCE_ORDER = ("Type", "DependsOn", "Properties")
MAX_DESCRIPTION = 1024
# CloudFormation's quotas ("Understand CloudFormation quotas"): the numbers troposphere
# enforces too, and the largest template body CloudFormation reads (from Amazon S3).
MAX_RESOURCES = troposphere.MAX_RESOURCES  # 500
MAX_OUTPUTS = troposphere.MAX_OUTPUTS  # 200
MAX_PARAMETERS = troposphere.MAX_PARAMETERS  # 200
MAX_TEMPLATE_BYTES = 1_048_576


def has_resource(node: Node) -> bool:
    """Whether the node becomes a resource of its own (clients and the default bus do not)."""
    # A Kafka topic or a broker's queue has no resource of its own: its cluster or broker
    # is shared, the node in Metadata.
    return (
        node.type not in NO_RESOURCE_TYPES
        and not is_default_bus(node)
        and node.type not in SHARED_RESOURCE_TYPES
    )


def export_template(document: dict[str, Any], *, fmt: str = "yaml") -> str:
    """The CloudFormation template of a diagram document, as YAML or JSON text, or
    (`fmt="sam"`) as a SAM template in YAML (`sam_export`).

    Raises `engine.DiagramError` (with every problem) for an invalid document, one no
    template can hold (`checks.export_problems`) or one past CloudFormation's quotas
    (`limit_problems`), and `ValueError` for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    diagram = load_diagram(document)
    problems = export_problems(diagram)
    if problems:
        raise DiagramError(problems)
    ctx = build_context(document, diagram)
    problems = _count_problems(ctx)
    if problems:
        raise DiagramError(problems)
    template = build_template(ctx)
    if fmt == "sam":
        template = to_sam(ctx, template)
    text = render(template, fmt)
    size = len(text.encode("utf-8"))
    if size > MAX_TEMPLATE_BYTES:
        message = (
            f"the {fmt.upper()} template would be {size:,} bytes; CloudFormation reads at "
            f"most {MAX_TEMPLATE_BYTES:,} bytes (from Amazon S3): split the diagram"
        )
        raise DiagramError([Problem("", "template_too_large", message)])
    return text


def build_context(document: dict[str, Any], diagram: Diagram) -> ExportContext:
    """Every resource, parameter and output of the template, not yet rendered."""
    ctx = ExportContext(document, diagram)
    for edge in ctx.diagram.edges:
        ctx.start(2, edge.index)
        if pipes.owns(ctx, edge):
            exporter = pipes.export_pipe_edge
        elif firehose.owns(ctx, edge):
            exporter = firehose.export_stream_edge
        elif mq.owns(ctx, edge):
            exporter = mq.export_broker_edge
        elif flink.owns(ctx, edge):
            exporter = flink.export_application_edge
        else:
            exporter = EDGE_EXPORTERS[edge.kind]
        exporter(ctx, edge)
    for node in ctx.diagram.nodes.values():
        ctx.start(1, node.index)
        if node.type not in NO_RESOURCE_TYPES:
            NODE_EXPORTERS[node.type](ctx, node)
    return ctx


def limit_problems(diagram: Diagram) -> list[Problem]:
    """Problems for a loaded diagram whose template would pass CloudFormation's quotas on
    resources, outputs or parameters (what the design advice warns about before export)."""
    if export_problems(diagram):
        return []  # export refuses it for those reasons first
    return _count_problems(build_context(diagram.document, diagram))


def _count_problems(ctx: ExportContext) -> list[Problem]:
    counts = (
        ("resources", len(ctx.resources()), MAX_RESOURCES),
        ("outputs", len(ctx.outputs), MAX_OUTPUTS),
        ("parameters", len(ctx.parameters), MAX_PARAMETERS),
    )
    return [
        Problem(
            "",
            f"too_many_{what}",
            f"the template would declare {count:,} {what}; CloudFormation allows at most "
            f"{limit} {what} in one template: split the diagram",
        )
        for what, count, limit in counts
        if count > limit
    ]


def build_template(ctx: ExportContext) -> dict[str, Any]:
    template = Template()
    template.set_version("2010-09-09")
    template.set_description(_description(ctx.document))
    template.set_metadata(
        build_metadata(
            ctx,
            has_resource=has_resource,
            leftover=_leftover_props,
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


def _leftover_props(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """Props the user set that the node's resource does not carry as they are (kept in
    the template's metadata)."""
    leftover = LEFTOVERS.get(node.type)
    return leftover(ctx, node) if leftover else {}


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
