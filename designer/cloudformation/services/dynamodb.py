"""DynamoDB tables (with their streams), out to a template and back.

A table's `AttributeDefinitions` are derived from its key schema (the engine treats keys
as strings), it is billed on demand, and its `StreamSpecification` is written whenever the
diagram has one, since the engine's default (a stream of new and old images) is not AWS's
(no stream); on import a table without one gets none.
"""

from __future__ import annotations

from typing import Any

from troposphere import dynamodb

from engine.core.diagram import Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..import_props import spec_props
from ..refs import ImportContext
from . import idempotency


def export_table(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node, required=("KeySchema", "StreamSpecification"))
    props["AttributeDefinitions"] = [
        {"AttributeName": key["AttributeName"], "AttributeType": "S"}
        for key in node.props["KeySchema"]
    ]
    props["BillingMode"] = "PAY_PER_REQUEST"
    if idempotency.is_store(ctx, node):
        props["TimeToLiveSpecification"] = dict(idempotency.TTL)
    ctx.add(dynamodb.Table.from_dict(ctx.lid(node.id), props))


def import_table(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    props = spec_props(ctx, lid, spec)
    # The engine's default is a stream of new and old images; AWS's is none.
    props.setdefault("StreamSpecification", None)
    idempotency.import_ttl(ctx, lid)
    for definition in ctx.props_of(lid).get("AttributeDefinitions") or []:
        if isinstance(definition, dict) and definition.get("AttributeType") not in (None, "S"):
            ctx.warn(
                f"Resources.{lid}.Properties.AttributeDefinitions",
                "key_type_not_kept",
                f"key {definition.get('AttributeName')!r} is of type "
                f"{definition.get('AttributeType')}; the diagram treats keys as strings",
            )
    return props
