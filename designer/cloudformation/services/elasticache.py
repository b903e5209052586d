"""ElastiCache serverless caches, out to a template and back.

CloudFormation requires `ServerlessCacheName` and `Engine`: a cache the user did not name
is given its node id, made into a valid cache name ("CreateServerlessCache": a letter, then
letters, digits and single hyphens, at most 40), and on import a name that is exactly that
is left out again.
"""

from __future__ import annotations

import re
from typing import Any

from troposphere import GetAtt, elasticache

from engine.core.diagram import Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..import_props import spec_props
from ..refs import ImportContext

MAX_NAME = 40


def default_name(node_id: str) -> str:
    """The cache name a node without `ServerlessCacheName` exports with."""
    name = re.sub(r"[^a-z0-9]+", "-", node_id.lower())[:MAX_NAME].strip("-")
    return name if name[:1].isalpha() else ("c-" + name)[:MAX_NAME].rstrip("-")


def export_cache(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node, required=("Engine",))
    props.setdefault("ServerlessCacheName", default_name(node.id))
    ctx.add(elasticache.ServerlessCache.from_dict(ctx.lid(node.id), props))
    ctx.output(node, "Arn", GetAtt(ctx.lid(node.id), "ARN"), f"ARN of the cache '{node.id}'")


def import_cache(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    props = spec_props(ctx, lid, spec)
    node_id = ctx.node_of.get(lid)
    if node_id and props.get("ServerlessCacheName") == default_name(node_id):
        del props["ServerlessCacheName"]
    return props
