"""Lambda functions and their wiring: roles, inline code, event source mappings, destinations.

Python and Node.js functions get a small, honest inline handler (`Code.ZipFile`): it logs
each record and, where an event source mapping reports batch item failures, returns the
failed record and every later one as `batchItemFailures` (what FIFO queues and streams
need; harmless for standard queues). Other runtimes cannot be inline, so their code comes
from the stack's parameters. Asynchronous settings and destinations become one
`EventInvokeConfig` on `$LATEST` ("Configuring destinations for asynchronous invocation").
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Parameter, Ref, Sub, awslambda, kinesis

from engine.core.diagram import Edge, Node

from ..context import ExportContext, build
from ..handlers import handler_code
from ..iam import consumer_id, function_role, log_group_text, role_id
from ..names import compact_json

# The function's sim fields that are CloudFormation settings too (EventInvokeConfig).
ASYNC_SIM_FIELDS = ("MaximumRetryAttempts", "MaximumEventAgeInSeconds")
INLINE_RUNTIMES = ("python", "nodejs")
PACKAGED_HANDLERS = {
    "java": "example.Handler::handleRequest",
    "dotnet": "Function::Function.Handler::FunctionHandler",
    "ruby": "function.handler",
    "provided": "bootstrap",
}
STREAM_TYPES = ("kinesis.stream", "dynamodb.table")


def export_function(ctx: ExportContext, node: Node) -> None:
    lid = ctx.lid(node.id)
    ctx.add(function_role(ctx, node))
    props: dict[str, Any] = {
        **ctx.user_props(node, required=("Runtime",)),
        "Role": GetAtt(role_id(ctx, node), "Arn"),
        **_code(ctx, node),
    }
    if not node.props.get("FunctionName"):
        props["LoggingConfig"] = {"LogGroup": Sub(log_group_text(ctx, node))}
    ctx.add(awslambda.Function.from_dict(lid, props))
    invoke_config = _invoke_config(ctx, node)
    if invoke_config:
        ctx.add(
            awslambda.EventInvokeConfig.from_dict(
                ctx.ids.derived(f"invoke-config:{node.id}", lid + "EventInvokeConfig"),
                invoke_config,
            )
        )


def _code(ctx: ExportContext, node: Node) -> dict[str, Any]:
    runtime = node.props["Runtime"]
    if runtime.startswith(INLINE_RUNTIMES):
        return {"Handler": "index.handler", "Code": {"ZipFile": handler_code(ctx, node)}}
    lid = ctx.lid(node.id)
    bucket, key = lid + "CodeBucket", lid + "CodeKey"
    ctx.parameters.append(
        Parameter(bucket, Type="String", Description=f"S3 bucket of the code of '{node.id}'")
    )
    ctx.parameters.append(
        Parameter(key, Type="String", Description=f"S3 key of the code of '{node.id}'")
    )
    family = next(f for f in PACKAGED_HANDLERS if runtime.startswith(f))
    return {
        "Handler": PACKAGED_HANDLERS[family],
        "Code": {"S3Bucket": Ref(bucket), "S3Key": Ref(key)},
    }


def _invoke_config(ctx: ExportContext, node: Node) -> dict[str, Any] | None:
    raw_sim = ctx.document["nodes"][node.index].get("sim") or {}
    props: dict[str, Any] = {
        name: node.sim[name]
        for name in ASYNC_SIM_FIELDS
        if name in raw_sim and node.sim[name] is not None
    }
    destinations = {
        edge.props["condition"]: {"Destination": ctx.arn(edge.target)}
        for edge in ctx.diagram.edges_from(node.id, "destination")
    }
    if not props and not destinations:
        return None
    if destinations:
        props["DestinationConfig"] = destinations
    return {"FunctionName": Ref(ctx.lid(node.id)), "Qualifier": "$LATEST", **props}


def export_event_source(ctx: ExportContext, edge: Edge) -> None:
    """A Lambda event source mapping (workers poll by themselves: nothing to export)."""
    source, target = ctx.node(edge.source), ctx.node(edge.target)
    if target.type != "lambda.function":
        return
    given = ctx.user_edge_props(edge)
    consumer = given.pop("ConsumerName", None)
    props: dict[str, Any] = {
        "FunctionName": Ref(ctx.lid(target.id)),
        "EventSourceArn": _source_arn(ctx, source, consumer),
    }
    for name, value in given.items():
        props[name] = _mapping_value(ctx, name, value)
    lid = ctx.ids.derived(f"edge:{edge.id}", f"{ctx.lid(source.id)}To{ctx.lid(target.id)}Mapping")
    ctx.add(build(awslambda.EventSourceMapping, lid, props, untyped=("ScalingConfig",)))


def _source_arn(ctx: ExportContext, source: Node, consumer: str | None) -> Any:
    if source.type == "dynamodb.table":
        return GetAtt(ctx.lid(source.id), "StreamArn")
    if consumer:
        lid = consumer_id(ctx, source.id, consumer)
        if not ctx.has(lid):
            ctx.add(
                kinesis.StreamConsumer(
                    lid, ConsumerName=consumer, StreamARN=GetAtt(ctx.lid(source.id), "Arn")
                )
            )
        return GetAtt(lid, "ConsumerARN")
    return ctx.arn(source.id)


def _mapping_value(ctx: ExportContext, name: str, value: Any) -> Any:
    if name == "FilterCriteria":
        filters = [
            {"Pattern": p if isinstance(p, str) else compact_json(p)}
            for p in (f.get("Pattern") for f in value.get("Filters", []))
        ]
        return {"Filters": filters}
    if name == "DestinationConfig":
        target = value["OnFailure"]["Destination"]
        return {"OnFailure": {"Destination": ctx.arn(target)}}
    return value


def export_destination(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the function's EventInvokeConfig (see `export_function`)."""


def export_publish(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: a function's publish edges are statements of its role."""
