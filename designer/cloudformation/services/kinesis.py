"""Kinesis data streams, out to a template and back.

A provisioned stream always states its `ShardCount` (CloudFormation needs it); an
on-demand one never does (Kinesis refuses it), and a shard count the user set anyway is
kept in the metadata (`leftover_props`). Streams import with their plain props.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, kinesis

from engine.core.diagram import Node

from ..context import ExportContext


def is_on_demand(props: dict[str, Any]) -> bool:
    return (props.get("StreamModeDetails") or {}).get("StreamMode") == "ON_DEMAND"


def leftover_props(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """Props the user set that the resource cannot carry (kept in the metadata instead)."""
    if is_on_demand(node.props):
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
