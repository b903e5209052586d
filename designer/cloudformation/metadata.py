"""The template's `Metadata.Eventyard`: what a template cannot say about the diagram.

Export writes the document's name, description and run settings; per node its type,
logical id (for nodes that became a resource), label, position, role, sim fields and any
props the resource cannot carry; and every edge's id, kind and ends (with its props too
when an end has no resource: producers, workers, the default bus). Import reads it back
to restore ids, layout and simulation settings, so that a diagram survives the round trip
whole. Values holding a null travel as JSON text (`simJson`), as CloudFormation refuses
nulls anywhere in a template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.core.diagram import Edge, Node
from engine.schema import FORMAT

from .context import ExportContext
from .names import get_json, put_json

KEY = "Eventyard"
NODE_LAYOUT_KEYS = ("label", "position", "role")
EDGE_LAYOUT_KEYS = ("label", "vertices")
MISSING = object()


def build_metadata(
    ctx: ExportContext,
    *,
    has_resource: Callable[[Node], bool],
    leftover: Callable[[ExportContext, Node], dict[str, Any]],
    exported_sim: dict[str, tuple[str, ...]],
) -> dict[str, Any]:
    doc = ctx.document
    meta: dict[str, Any] = {"format": FORMAT}
    for key in ("name", "description", "sim"):
        if key in doc:
            put_json(meta, key, doc[key])
    nodes = {}
    for node in ctx.diagram.nodes.values():
        raw = doc["nodes"][node.index]
        entry: dict[str, Any] = {"type": node.type}
        if has_resource(node):
            entry["logicalId"] = ctx.lid(node.id)
            props = leftover(ctx, node)
        else:
            props = ctx.user_props(node)
        _copy(raw, entry, NODE_LAYOUT_KEYS)
        skip = exported_sim.get(node.type, ())
        sim = {k: v for k, v in (raw.get("sim") or {}).items() if k not in skip}
        if sim:
            put_json(entry, "sim", sim)
        if props:
            put_json(entry, "props", props)
        nodes[node.id] = entry
    meta["nodes"] = nodes
    meta["edges"] = [_edge_entry(ctx, edge, has_resource) for edge in ctx.diagram.edges]
    return {KEY: meta}


def _copy(raw: dict, entry: dict, keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in raw:
            put_json(entry, key, raw[key])


def _edge_entry(ctx: ExportContext, edge: Edge, has_resource: Callable[[Node], bool]) -> dict:
    raw = ctx.document["edges"][edge.index]
    entry: dict[str, Any] = {
        "id": edge.id,
        "kind": edge.kind,
        "source": edge.source,
        "target": edge.target,
    }
    _copy(raw, entry, EDGE_LAYOUT_KEYS)
    ends = (ctx.node(edge.source), ctx.node(edge.target))
    if not all(has_resource(end) for end in ends) and raw.get("props"):
        put_json(entry, "props", raw["props"])
    return entry


# --- reading it back -----------------------------------------------------------------------
@dataclass
class Metadata:
    """The metadata of a template, checked for shape; empty when the template has none."""

    present: bool = False
    top: dict[str, Any] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)

    def node_by_logical_id(self) -> dict[str, str]:
        return {
            entry["logicalId"]: node_id
            for node_id, entry in self.nodes.items()
            if isinstance(entry.get("logicalId"), str)
        }

    def value(self, entry: dict, key: str) -> Any:
        """What `entry` holds under `key` (MISSING when it holds nothing)."""
        if key not in entry and key + "Json" not in entry:
            return MISSING
        return get_json(entry, key)


def read_metadata(template: dict[str, Any], warnings: list[dict[str, str]]) -> Metadata:
    meta = (
        (template.get("Metadata") or {}).get(KEY)
        if isinstance(template.get("Metadata"), dict)
        else None
    )
    if meta is None:
        return Metadata()
    nodes, edges = (meta.get("nodes"), meta.get("edges")) if isinstance(meta, dict) else (0, 0)
    if (
        not isinstance(meta, dict)
        or meta.get("format") != FORMAT
        or not isinstance(nodes, dict)
        or not all(isinstance(e, dict) and isinstance(e.get("type"), str) for e in nodes.values())
        or not isinstance(edges, list)
        or not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in edges)
    ):
        warnings.append(
            {
                "path": f"Metadata.{KEY}",
                "code": "invalid_metadata",
                "message": f"Metadata.{KEY} is not Eventyard's ({FORMAT}) and was ignored; "
                "ids and layout come from the resources instead",
            }
        )
        return Metadata()
    return Metadata(present=True, top=meta, nodes=nodes, edges=edges)
