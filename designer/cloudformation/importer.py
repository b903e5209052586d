"""Import: a CloudFormation template (YAML or JSON) in, a diagram document and warnings out.

Resources of a type some node spec names become nodes (`services.NODE_MAPPINGS`);
subscriptions, mappings and the properties that join resources become edges
(`EDGE_TRACERS`: each tracer lives in its service's module, reads one resource and warns
about what points outside the diagram); policies, permissions, roles and consumers are the
wiring those edges need and are read, not drawn. When the template carries Eventyard's
metadata, it restores ids, labels, positions, sim fields and the nodes that are not
resources (producers, workers, the default bus). Whatever cannot be mapped is a warning
`{path, code, message}`; the document is then checked with `engine.load_diagram`, and any
prop or edge it refuses is left out with a warning, so the result is always a valid
diagram.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.schema import FORMAT, ID_PATTERN

from .import_props import node_type_of
from .layout import place
from .metadata import EDGE_LAYOUT_KEYS, MISSING, NODE_LAYOUT_KEYS, read_metadata
from .names import MAX_NODE_ID, get_json, unique
from .refs import ImportContext, is_default_bus
from .sam import ReadFile, expand, is_sam
from .sanitise import sanitise
from .services import (
    NODE_IMPORTERS,
    SHARED_RESOURCES,
    awslambda,
    cloudwatch,
    eventbridge,
    firehose,
    flink,
    pipes,
    s3,
    schemas,
    sns,
    sqs,
    stepfunctions,
)
from .starters import add_starters
from .template_text import TemplateError, load_text
from .warnings import tidy

EDGE_TRACERS: dict[str, Callable[[ImportContext, str], None]] = {
    "AWS::SQS::Queue": sqs.trace_queue,
    "AWS::SNS::Subscription": sns.trace_subscription,
    "AWS::SNS::Topic": sns.trace_topic,
    "AWS::Lambda::EventSourceMapping": awslambda.trace_mapping,
    "AWS::Lambda::EventInvokeConfig": awslambda.trace_invoke_config,
    "AWS::S3::Bucket": s3.trace_bucket,
    "AWS::Events::Rule": eventbridge.trace_rule,
    "AWS::Events::Archive": eventbridge.trace_archive,
    "AWS::CloudWatch::Alarm": cloudwatch.trace_alarm,
    "AWS::Pipes::Pipe": pipes.trace_pipe,
    "AWS::KinesisFirehose::DeliveryStream": firehose.trace_delivery_stream,
    "AWS::KinesisAnalyticsV2::Application": flink.trace_application,
    "AWS::StepFunctions::StateMachine": stepfunctions.trace_state_machine,
    "AWS::EventSchemas::Discoverer": schemas.trace_discoverer,
    "AWS::EventSchemas::Schema": schemas.trace_schema,
    # Last: a function's role is read once its destinations and mappings are known.
    "AWS::Lambda::Function": awslambda.trace_function,
}
# What edges need: read through the resources that refer to them, never drawn.
WIRING_TYPES = (
    "AWS::SQS::QueuePolicy",
    "AWS::SNS::TopicPolicy",
    "AWS::Lambda::Permission",
    "AWS::IAM::Role",
    "AWS::IAM::Policy",
    "AWS::Kinesis::StreamConsumer",
    "AWS::SecretsManager::Secret",  # a broker's user
    "AWS::AmazonMQ::Configuration",  # an ActiveMQ broker's destinations (also in Metadata)
    "AWS::CloudFormation::WaitConditionHandle",
    "AWS::Events::Connection",  # an API destination's authorization
)
IMPORTED_NAME = "Imported template"
# Resources read as another type the diagram has (each rewrite warns how it differs).
REWRITES = {"AWS::Scheduler::Schedule": eventbridge.schedule_as_rule}


def import_template(
    text: str, read_file: ReadFile | None = None
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The diagram document a template describes, and warnings for what it left out.
    A SAM template is expanded first (`sam`); `read_file(path)` reads a file it names
    beside it (a state machine's definition), when the caller has files.

    Raises `TemplateError` when `text` is not valid YAML or JSON, or not a template.
    """
    template = load_text(text)
    resources = _resources(template)
    warnings: list[dict[str, str]] = []
    expansion = None
    if is_sam(template):
        expansion = expand(template, warnings, read_file)
        template = expansion.template
        resources = _resources(template)
    resources = _rewritten(resources, warnings)
    ctx = ImportContext(resources, read_metadata(template, warnings), warnings, template=template)
    _make_nodes(ctx)
    for cfn_type, tracer in EDGE_TRACERS.items():
        for lid, resource in ctx.resources.items():
            if resource["Type"] == cfn_type and (
                lid in ctx.node_of or node_type_of(cfn_type) is None
            ):
                tracer(ctx, lid)
    # A template without Eventyard's metadata has no producers: traffic to watch.
    raw = {node_id: ctx.props_of(lid) for lid, node_id in ctx.node_of.items()}
    starters = [] if ctx.meta.present else add_starters(ctx.nodes, ctx.edges, raw)
    document = {
        "format": FORMAT,
        **_top(ctx, template),
        "nodes": _ordered_nodes(ctx),
        "edges": _merged_edges(ctx),
    }
    if ctx.meta.present and ctx.meta.value(ctx.meta.top, "sim") is not MISSING:
        document["sim"] = ctx.meta.value(ctx.meta.top, "sim")
    document = sanitise(document, ctx)
    warnings = ctx.warnings
    _kept_starters(document, starters)  # marked in the document: role "starter"
    if expansion is not None:  # warnings name what the SAM template holds
        warnings = [{**w, "path": expansion.path_of(w["path"])} for w in warnings]
    return document, tidy(warnings, resources)


def _kept_starters(document: dict[str, Any], starters: list[str]) -> list[str]:
    """The starters still sending once the document is valid (a starter whose target was
    left out goes too)."""
    sending = {e["source"] for e in document["edges"]}
    gone = {s for s in starters if s not in sending}
    if gone:
        document["nodes"] = [n for n in document["nodes"] if n["id"] not in gone]
    return [s for s in starters if s not in gone]


def _resources(template: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(template, dict):
        raise TemplateError("not_a_template", "a template is a mapping with a Resources section")
    resources = template.get("Resources")
    if not isinstance(resources, dict) or not resources:
        raise TemplateError(
            "not_a_template", "a template needs a Resources section with at least one resource"
        )
    valid = {}
    for lid, resource in resources.items():
        if isinstance(resource, dict) and isinstance(resource.get("Type"), str):
            valid[str(lid)] = resource
        else:
            raise TemplateError(
                "invalid_resource", "a resource is a mapping with a Type", path=f"Resources.{lid}"
            )
    return valid


def _rewritten(
    resources: dict[str, dict[str, Any]], warnings: list[dict[str, str]]
) -> dict[str, dict[str, Any]]:
    def warn(path: str, code: str, message: str) -> None:
        warnings.append({"path": path, "code": code, "message": message})

    out = {}
    for lid, resource in resources.items():
        rewrite = REWRITES.get(resource["Type"])
        if rewrite is None:
            out[lid] = resource
            continue
        replaced = rewrite(lid, resource, warn)
        if replaced is not None:
            out[lid] = replaced
    return out


def _make_nodes(ctx: ImportContext) -> None:
    """Every node's id first (a value computed from a resource names it by its node),
    then each node's props."""
    by_lid = ctx.meta.node_by_logical_id()
    reserved = set(ctx.meta.nodes)
    made = []
    for lid, resource in ctx.resources.items():
        if resource["Type"] in SHARED_RESOURCES:
            continue  # its topics or queues come from Metadata or from the mappings reading them
        spec = node_type_of(resource["Type"])
        if spec is None:
            if resource["Type"] not in WIRING_TYPES and resource["Type"] not in EDGE_TRACERS:
                ctx.warn(
                    f"Resources.{lid}",
                    "unsupported_resource",
                    f"{resource['Type']} has no node type in the diagram; it was left out",
                )
            continue
        node_id = by_lid.get(lid)
        if node_id is None or ctx.meta.nodes[node_id].get("type") != spec.type:
            node_id = unique(ctx.new_node_id(lid), reserved, limit=MAX_NODE_ID)
        reserved.add(node_id)
        ctx.node_of[lid], ctx.lid_of[node_id] = node_id, lid
        made.append((lid, node_id, spec))
    for _lid, node_id, spec in made:
        ctx.nodes[node_id] = {"id": node_id, "type": spec.type, "props": {}}
    for lid, node_id, spec in made:
        ctx.nodes[node_id]["props"] = NODE_IMPORTERS[spec.type](ctx, lid, spec)
    _restore_from_metadata(ctx)


def _restore_from_metadata(ctx: ImportContext) -> None:
    for node_id, entry in ctx.meta.nodes.items():
        if "logicalId" in entry and node_id not in ctx.nodes:
            ctx.warn(
                f"Metadata.Eventyard.nodes.{node_id}",
                "missing_resource",
                f"node '{node_id}' has no resource {entry['logicalId']!r} any more; "
                "it was left out",
            )
            continue
        if "logicalId" not in entry:
            ctx.nodes[node_id] = {"id": node_id, "type": entry["type"], "props": {}}
            ctx.metadata_only.add(node_id)
        node = ctx.nodes[node_id]
        for key in NODE_LAYOUT_KEYS + ("sim",):
            value = ctx.meta.value(entry, key)
            if value is not MISSING:
                node[key] = value
        extra = get_json(entry, "props", {})
        if isinstance(extra, dict):
            # What the template computes at deploy time, the metadata has as it was drawn.
            lid = ctx.lid_of.get(node_id)
            drawn = {k: v for k, v in extra.items() if (lid, k) in ctx.evaluated}
            node["props"] = {**extra, **node["props"], **drawn}
        if is_default_bus(node):
            ctx.default_bus = node_id


def _top(ctx: ImportContext, template: dict[str, Any]) -> dict[str, Any]:
    if ctx.meta.present:
        return {
            key: ctx.meta.value(ctx.meta.top, key)
            for key in ("name", "description")
            if ctx.meta.value(ctx.meta.top, key) is not MISSING
        }
    description = template.get("Description")
    return {
        "name": IMPORTED_NAME,
        "description": description if isinstance(description, str) else "",
    }


def _ordered_nodes(ctx: ImportContext) -> list[dict[str, Any]]:
    """Metadata order first, then the template's; node keys in the contract's order."""
    order = [n for n in ctx.meta.nodes if n in ctx.nodes]
    order += [n for n in ctx.nodes if n not in order]
    nodes = []
    for node_id in order:
        node = ctx.nodes[node_id]
        if node_id not in ctx.meta.nodes and "label" not in node:
            node["label"] = _label(ctx, node)
        keys = ("id", "type", "label", "position", "role", "props", "sim")
        nodes.append({k: node[k] for k in keys if k in node})
    fresh = [n for n in nodes if n["id"] not in ctx.meta.nodes]
    place(fresh, nodes, ctx.edges)
    return nodes


def _label(ctx: ImportContext, node: dict[str, Any]) -> str:
    names = [v for k, v in node["props"].items() if k.endswith("Name") and isinstance(v, str)]
    return names[0] if names else ctx.lid_of.get(node["id"], node["id"])


def _merged_edges(ctx: ImportContext) -> list[dict[str, Any]]:
    """Traced edges, with the ids, order and layout the metadata remembers; edges of nodes
    that are not resources come from the metadata alone. A role cannot say how many
    publish edges join the same two nodes: each remembered one matches its trace."""
    traced = [
        e
        for e in ctx.edges
        if e["source"] not in ctx.metadata_only and e["target"] not in ctx.metadata_only
    ]
    used = [False] * len(traced)
    merged = []
    for entry in ctx.meta.edges:
        ends = (entry.get("source"), entry.get("target"))
        if ends[0] in ctx.metadata_only or ends[1] in ctx.metadata_only:
            if all(end in ctx.nodes for end in ends):
                merged.append(_edge(entry["id"], entry, get_json(entry, "props", {}), ctx))
            continue
        key = (entry.get("kind"), *ends)
        index = next(
            (
                i
                for i, edge in enumerate(traced)
                if (edge["kind"], edge["source"], edge["target"]) == key
                and (not used[i] or edge["kind"] == "publish")
            ),
            None,
        )
        if index is not None:
            used[index] = True
            edge = traced[index]
            merged.append(_edge(entry["id"], edge, edge["props"], ctx, layout=entry))
    taken = set(ctx.nodes) | {e["id"] for e in merged}
    for index, edge in enumerate(traced):
        if not used[index]:
            edge_id = _new_edge_id(edge, taken)
            taken.add(edge_id)
            merged.append(_edge(edge_id, edge, edge["props"], ctx))
    return merged


def _edge(edge_id: str, edge: dict, props: Any, ctx: ImportContext, layout: dict | None = None):
    result = {
        "id": edge_id,
        "kind": edge["kind"],
        "source": edge["source"],
        "target": edge["target"],
        "props": props,
    }
    for key in EDGE_LAYOUT_KEYS:
        value = ctx.meta.value(layout or edge, key)
        if value is not MISSING:
            result[key] = value
    return result


def _new_edge_id(edge: dict[str, Any], taken: set[str]) -> str:
    hint = edge.get("hint")
    if isinstance(hint, str) and ID_PATTERN.match(hint) and hint not in taken:
        return hint
    base = f"{edge['kind']}-{edge['source']}-{edge['target']}"[:MAX_NODE_ID].rstrip("-_")
    return unique(base, taken, limit=MAX_NODE_ID)
