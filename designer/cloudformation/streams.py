"""Kinesis data streams and DynamoDB tables (with their streams).

A provisioned stream always states its `ShardCount` (CloudFormation needs it); an
on-demand one never does (Kinesis refuses it). A table's `AttributeDefinitions` are derived
from its key schema (the engine treats keys as strings), it is billed on demand, and its
`StreamSpecification` is written whenever the diagram has one, since the engine's default
(a stream of new and old images) is not AWS's (no stream).
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, dynamodb, kinesis

from engine.core.diagram import Node

from .context import ExportContext


def is_on_demand(props: dict[str, Any]) -> bool:
    return (props.get("StreamModeDetails") or {}).get("StreamMode") == "ON_DEMAND"


def leftover_props(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """Props the user set that the resource cannot carry (kept in the metadata instead)."""
    if node.type == "kinesis.stream" and is_on_demand(node.props):
        given = ctx.user_props(node)
        return {"ShardCount": given["ShardCount"]} if "ShardCount" in given else {}
    return {}


def export_stream(ctx: ExportContext, node: Node) -> None:
    required = () if is_on_demand(node.props) else ("ShardCount",)
    props = ctx.user_props(node, required=required)
    if is_on_demand(node.props):
        props.pop("ShardCount", None)
    ctx.add(kinesis.Stream.from_dict(ctx.lid(node.id), props))
    ctx.output(node, "Arn", GetAtt(ctx.lid(node.id), "Arn"), f"ARN of the stream '{node.id}'")


def export_table(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node, required=("KeySchema", "StreamSpecification"))
    props["AttributeDefinitions"] = [
        {"AttributeName": key["AttributeName"], "AttributeType": "S"}
        for key in node.props["KeySchema"]
    ]
    props["BillingMode"] = "PAY_PER_REQUEST"
    ctx.add(dynamodb.Table.from_dict(ctx.lid(node.id), props))
