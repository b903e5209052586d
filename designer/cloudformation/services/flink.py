"""Managed Service for Apache Flink applications (`AWS::KinesisAnalyticsV2::Application`).

An application runs code the stack does not hold: its JAR's bucket and key are parameters
(`<App>CodeBucketArn`, `<App>CodeKey`). What the diagram says of the code (the window,
key and aggregate) and of its wiring (each source with where it starts, each sink) goes to
the application's runtime properties ("Using runtime properties": property groups
`eventyard.window`, `eventyard.sources`, `eventyard.sinks`), which the code reads and the
importer reads back into edges. Parallelism is the application's
`ParallelismConfiguration`. Its service execution role is assumed by
`kinesisanalytics.amazonaws.com` and allowed exactly what the application does: read its
code object, read its source streams, write to its sinks.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Join, Parameter, Ref, kinesisanalyticsv2

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..iam import READ_ACTIONS, WRITE_ACTIONS, service_role, statement, write_resource
from ..import_props import resource_path, spec_props
from ..refs import ImportContext

APPLICATION = "flink.application"
SERVICE = "kinesisanalytics.amazonaws.com"
CODE_ACTIONS = ("s3:GetObject", "s3:GetObjectVersion")
WINDOW_GROUP, SOURCES_GROUP, SINKS_GROUP = (
    "eventyard.window",
    "eventyard.sources",
    "eventyard.sinks",
)


def owns(ctx: ExportContext, edge: Edge) -> bool:
    """Edges into and out of an application: its sources and sinks (its own properties)."""
    if edge.kind == "event-source":
        return ctx.node(edge.target).type == APPLICATION
    return edge.kind == "publish" and ctx.node(edge.source).type == APPLICATION


def export_application_edge(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the application's runtime properties and role."""


def role_id(ctx: ExportContext, node: Node) -> str:
    return ctx.ids.derived(f"flink-role:{node.id}", ctx.lid(node.id) + "Role")


def _text(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def export_application(ctx: ExportContext, node: Node) -> None:
    lid = ctx.lid(node.id)
    bucket, key = lid + "CodeBucketArn", lid + "CodeKey"
    ctx.parameters.append(
        Parameter(
            bucket,
            Type="String",
            AllowedPattern=r"arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
            ConstraintDescription="the ARN of an S3 bucket",
            Description=f"ARN of the bucket holding {node.id}'s code",
        )
    )
    ctx.parameters.append(
        Parameter(
            key,
            Type="String",
            Default=f"eventyard/{node.id}.jar",
            Description=f"Key of {node.id}'s application JAR in that bucket",
        )
    )
    sim = node.sim
    window = {k: _text(v) for k, v in (sim["window"] or {}).items()}
    window.update({f"aggregate.{k}": _text(v) for k, v in (sim["aggregate"] or {}).items()})
    if sim["keyBy"]:
        window["keyBy"] = sim["keyBy"]
    sources, sinks = {}, {}
    statements = [statement("ReadCode", CODE_ACTIONS, [Join("", [Ref(bucket), "/", Ref(key)])])]
    for index, edge in enumerate(ctx.diagram.edges_to(node.id, "event-source")):
        source = ctx.node(edge.source)
        sources[f"{index}.arn"] = ctx.arn(source.id)
        sources[f"{index}.initpos"] = edge.props["StartingPosition"] or "LATEST"
        if edge.props.get("BatchSize"):
            sources[f"{index}.maxrecords"] = str(edge.props["BatchSize"])
        statements.extend(_read(ctx, source, node))
    for index, edge in enumerate(ctx.diagram.edges_from(node.id, "publish")):
        target = ctx.node(edge.target)
        sinks[f"{index}.arn"] = ctx.arn(target.id)
        statements.extend(_write(ctx, target, node))
    groups = [{"PropertyGroupId": WINDOW_GROUP, "PropertyMap": window}]
    groups += [
        {"PropertyGroupId": group, "PropertyMap": values}
        for group, values in ((SOURCES_GROUP, sources), (SINKS_GROUP, sinks))
        if values
    ]
    props: dict[str, Any] = {
        **ctx.user_props(node, required=("RuntimeEnvironment",)),
        "ServiceExecutionRole": GetAtt(role_id(ctx, node), "Arn"),
        "ApplicationConfiguration": {
            "ApplicationCodeConfiguration": {
                "CodeContentType": "ZIPFILE",
                "CodeContent": {
                    "S3ContentLocation": {"BucketARN": Ref(bucket), "FileKey": Ref(key)}
                },
            },
            "FlinkApplicationConfiguration": {
                "ParallelismConfiguration": {
                    "ConfigurationType": "CUSTOM",
                    "Parallelism": sim["parallelism"],
                    "ParallelismPerKPU": 1,
                    "AutoScalingEnabled": False,
                }
            },
            "EnvironmentProperties": {"PropertyGroups": groups},
        },
    }
    ctx.add(kinesisanalyticsv2.Application.from_dict(lid, props))
    ctx.add(service_role(role_id(ctx, node), SERVICE, statements))


def _read(ctx: ExportContext, source: Node, app: Node) -> list[dict[str, Any]]:
    sid = "Read" + ctx.lid(source.id)
    if source.type == "kafka.topic":
        from . import kafka

        return list(kafka.read_statements(ctx, source, app.id, sid).values())
    return [statement(sid, READ_ACTIONS[source.type], [ctx.arn(source.id)])]


def _write(ctx: ExportContext, target: Node, app: Node) -> list[dict[str, Any]]:
    sid = "Write" + ctx.lid(target.id)
    if target.type == "kafka.topic":
        from . import kafka

        return list(kafka.write_statements(ctx, target, sid).values())
    resource = write_resource(ctx, app, target.id)
    return [statement(sid, WRITE_ACTIONS[target.type], [resource])]


# --- import ----------------------------------------------------------------------------
def import_application(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    return spec_props(ctx, lid, spec)


def _groups(ctx: ImportContext, lid: str) -> dict[str, dict[str, Any]]:
    config = ctx.props_of(lid).get("ApplicationConfiguration") or {}
    groups = (config.get("EnvironmentProperties") or {}).get("PropertyGroups") or []
    return {
        g.get("PropertyGroupId"): g.get("PropertyMap") or {}
        for g in groups
        if isinstance(g, dict) and isinstance(g.get("PropertyMap"), dict)
    }


def trace_application(ctx: ImportContext, lid: str) -> None:
    """Its sources and sinks, from the runtime properties the export writes."""
    app = ctx.node_of[lid]
    groups = _groups(ctx, lid)
    sources, sinks = groups.get(SOURCES_GROUP, {}), groups.get(SINKS_GROUP, {})
    for name, value in sources.items():
        if not name.endswith(".arn"):
            continue
        node = ctx.resolve(value)
        if not node:
            ctx.warn(
                resource_path(lid, "ApplicationConfiguration"),
                "unmapped_reference",
                f"source {name} is not in the diagram",
            )
            continue
        index = name[: -len(".arn")]
        props: dict[str, Any] = {}
        if sources.get(f"{index}.initpos") in ("LATEST", "TRIM_HORIZON"):
            props["StartingPosition"] = sources[f"{index}.initpos"]
        if str(sources.get(f"{index}.maxrecords", "")).isdigit():
            props["BatchSize"] = int(sources[f"{index}.maxrecords"])
        ctx.add_edge("event-source", node, app, props=props, origin=lid)
    for name, value in sinks.items():
        node = ctx.resolve(value) if name.endswith(".arn") else None
        if node:
            ctx.add_edge("publish", app, node, props={}, origin=lid)
