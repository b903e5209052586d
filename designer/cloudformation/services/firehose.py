"""Firehose streams (`AWS::KinesisFirehose::DeliveryStream`) and the edges that meet them.

A delivery stream holds its own wiring: its S3 destination (`delivery` edge) as
`ExtendedS3DestinationConfiguration.BucketARN`, its transform function (`transform` edge) as
a Lambda processor of `ProcessingConfiguration`, and for `KinesisStreamAsSource` its source
stream (`event-source` edge) as `KinesisStreamSourceConfiguration`; those edges export
nothing of their own. Its role is assumed by `firehose.amazonaws.com` and allowed exactly
what the stream does ("Controlling access with Amazon Data Firehose"): write objects to its
bucket, invoke its transform, read its source stream.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from troposphere import GetAtt, Join, firehose

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import ExportContext, build
from ..iam import READ_ACTIONS, service_role, statement
from ..import_props import resource_path
from ..refs import ImportContext
from . import kafka

FIREHOSE = "firehose.amazonaws.com"
STREAM = "firehose.deliverystream"
S3_ACTIONS = (
    "s3:AbortMultipartUpload",
    "s3:GetBucketLocation",
    "s3:GetObject",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:PutObject",
)
LAMBDA_ACTIONS = ("lambda:InvokeFunction", "lambda:GetFunctionConfiguration")
DESTINATION_PROPS = ("BufferingHints", "Prefix", "ErrorOutputPrefix", "CompressionFormat")


def owns(ctx: ExportContext, edge: Edge) -> bool:
    """Whether the edge is part of a delivery stream (exported by the stream itself)."""
    return edge.kind in ("delivery", "transform") or (
        edge.kind == "event-source" and ctx.node(edge.target).type == STREAM
    )


def export_stream_edge(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the delivery stream's destination, processor or source."""


def role_id(ctx: ExportContext, node: Node) -> str:
    return ctx.ids.derived(f"firehose-role:{node.id}", ctx.lid(node.id) + "Role")


def _first(ctx: ExportContext, edges: list[Edge], end: str) -> Node | None:
    return ctx.node(getattr(edges[0], end)) if edges else None


def export_delivery_stream(ctx: ExportContext, node: Node) -> None:
    bucket = _first(ctx, ctx.diagram.edges_from(node.id, "delivery"), "target")
    transform_edges = ctx.diagram.edges_from(node.id, "transform")
    source = _first(ctx, ctx.diagram.edges_to(node.id, "event-source"), "source")
    given = ctx.user_props(node)
    role = GetAtt(role_id(ctx, node), "Arn")
    bucket_arn = ctx.arn(bucket.id)
    destination: dict[str, Any] = {"BucketARN": bucket_arn, "RoleARN": role}
    for name in DESTINATION_PROPS:
        if name in given:
            destination[name] = given.pop(name)
    statements = [
        statement(
            "Deliver" + ctx.lid(bucket.id),
            S3_ACTIONS,
            [bucket_arn, Join("", [bucket_arn, "/*"])],
        )
    ]
    if transform_edges:
        edge = transform_edges[0]
        function = ctx.node(edge.target)
        parameters = [{"ParameterName": "LambdaArn", "ParameterValue": ctx.arn(function.id)}]
        for name in ("BufferSizeInMBs", "BufferIntervalInSeconds"):
            if edge.props.get(name) is not None:
                parameters.append(
                    {"ParameterName": name, "ParameterValue": f"{edge.props[name]:g}"}
                )
        destination["ProcessingConfiguration"] = {
            "Enabled": True,
            "Processors": [{"Type": "Lambda", "Parameters": parameters}],
        }
        statements.append(
            statement("Transform" + ctx.lid(function.id), LAMBDA_ACTIONS, [ctx.arn(function.id)])
        )
    props: dict[str, Any] = {**given, "ExtendedS3DestinationConfiguration": destination}
    if source is not None and source.type == "kafka.topic":
        props["DeliveryStreamType"] = "MSKAsSource"
        props["MSKSourceConfiguration"] = {
            **kafka.firehose_source(ctx, source),
            "AuthenticationConfiguration": {"Connectivity": "PRIVATE", "RoleARN": role},
        }
        statements.extend(kafka.firehose_statements(ctx, source, "Read" + ctx.lid(source.id)))
    elif source is not None:
        props["DeliveryStreamType"] = "KinesisStreamAsSource"
        props["KinesisStreamSourceConfiguration"] = {
            "KinesisStreamARN": ctx.arn(source.id),
            "RoleARN": role,
        }
        statements.append(
            statement("Read" + ctx.lid(source.id), READ_ACTIONS[source.type], [ctx.arn(source.id)])
        )
    # troposphere 4.11's check of DeliveryStreamType predates MSKAsSource.
    ctx.add(
        build(firehose.DeliveryStream, ctx.lid(node.id), props, untyped=("DeliveryStreamType",))
    )
    ctx.add(service_role(role_id(ctx, node), FIREHOSE, statements))
    ctx.output(node, "Arn", GetAtt(ctx.lid(node.id), "Arn"), f"ARN of the stream '{node.id}'")


def import_delivery_stream(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    given = ctx.props_of(lid)
    destination = given.get("ExtendedS3DestinationConfiguration") or given.get(
        "S3DestinationConfiguration"
    )
    props: dict[str, Any] = {}
    for name in ("DeliveryStreamName", "DeliveryStreamType"):
        if isinstance(given.get(name), str):
            props[name] = given[name]
    for name in DESTINATION_PROPS:
        value = (destination or {}).get(name)
        if value is None:
            continue
        if name == "BufferingHints" and isinstance(value, dict):
            value = {
                k: int(v) if isinstance(v, str) and v.isdigit() else v for k, v in value.items()
            }
        props[name] = value
    if destination is None:
        ctx.warn(
            resource_path(lid),
            "unmapped_destination",
            "only S3 destinations are simulated; this stream's destination is left out",
        )
    return props


def trace_delivery_stream(ctx: ImportContext, lid: str) -> None:
    """Its bucket, processor function and source stream become its edges."""
    given = ctx.props_of(lid)
    stream = ctx.node_of[lid]
    destination = (
        given.get("ExtendedS3DestinationConfiguration")
        or given.get("S3DestinationConfiguration")
        or {}
    )
    bucket = ctx.resolve(destination.get("BucketARN"))
    if bucket:
        ctx.add_edge("delivery", stream, bucket, props={}, origin=lid)
    for processor in (destination.get("ProcessingConfiguration") or {}).get("Processors") or []:
        params = {
            p.get("ParameterName"): p.get("ParameterValue") for p in processor.get("Parameters", [])
        }
        function = ctx.resolve(params.get("LambdaArn"))
        if processor.get("Type") != "Lambda" or not function:
            continue
        props = {}
        for name, kind in (("BufferSizeInMBs", float), ("BufferIntervalInSeconds", int)):
            if params.get(name) is not None:
                with suppress(TypeError, ValueError):  # an intrinsic: left at its default
                    props[name] = kind(params[name])
        ctx.add_edge("transform", stream, function, props=props, origin=lid)
    source = (given.get("KinesisStreamSourceConfiguration") or {}).get("KinesisStreamARN")
    if source is not None:
        node = ctx.resolve(source)
        if node:
            ctx.add_edge("event-source", node, stream, props={}, origin=lid)
    msk = given.get("MSKSourceConfiguration")
    if isinstance(msk, dict):
        wanted = {"EventSourceArn": msk.get("MSKClusterARN"), "Topics": [msk.get("TopicName")]}
        topic = kafka.mapping_topic(ctx, lid, wanted)
        if topic:
            ctx.add_edge("event-source", topic, stream, props={}, origin=lid)
