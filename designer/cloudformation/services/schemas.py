"""Schema registries (`AWS::EventSchemas::Registry`), their discoverers and the schemas they
discovered.

Each `discover` edge is an `AWS::EventSchemas::Discoverer` on its bus. The schemas a
registry holds are what a run finds, so the export runs the diagram headless (no trace, to
its `sim.duration`, at most `DISCOVERY_BUDGET` kernel events) and writes each schema's
latest version as an `AWS::EventSchemas::Schema` (OpenAPI 3) in the registry. Import reads
the registry back and each discoverer as a `discover` edge from its bus (to the registry
the template holds; a template without one gets a `discovered-schemas` registry, where AWS
keeps discovered schemas); schemas are left to the next run.
"""

from __future__ import annotations

import json
from typing import Any

from troposphere import GetAtt, eventschemas

from engine import Simulation
from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..import_props import resource_path, spec_props
from ..names import camel
from ..refs import ImportContext

REGISTRY = "schemas.registry"
DISCOVERY_BUDGET = 300_000  # kernel events an export may spend discovering schemas
DISCOVERED_REGISTRY = "discovered-schemas"


def export_discover_edge(ctx: ExportContext, edge: Edge) -> None:
    """The discoverer on the edge's bus."""
    lid = ctx.ids.derived(f"discoverer:{edge.id}", f"{ctx.lid(edge.source)} Discoverer")
    bus = ctx.node(edge.source)
    props = {
        "SourceArn": ctx.arn(bus.id),
        "Description": f"Discovers the schemas of the events on {bus.label or bus.id}",
    }
    ctx.add(eventschemas.Discoverer.from_dict(lid, props))


def discovered(ctx: ExportContext) -> dict[str, dict[str, Any]]:
    """Each registry's schemas as a headless run of the diagram finds them (once per export)."""
    cached = getattr(ctx, "_discovered", None)
    if cached is not None:
        return cached
    sim = Simulation(ctx.diagram, trace=False)
    end = ctx.diagram.duration
    while sim.now < end and sim.kernel.dispatched < DISCOVERY_BUDGET:
        sim.run(min(end, sim.now + 1.0))
    found = {
        node_id: {name: schema for name, schema in res.schemas.items()}
        for node_id, res in sim.resources.items()
        if node_id in ctx.diagram.nodes and ctx.node(node_id).type == REGISTRY
    }
    ctx._discovered = found  # type: ignore[attr-defined]
    return found


def export_registry(ctx: ExportContext, node: Node) -> None:
    lid = ctx.lid(node.id)
    ctx.add(eventschemas.Registry.from_dict(lid, ctx.user_props(node)))
    for name, schema in discovered(ctx).get(node.id, {}).items():
        version = schema.versions[-1]["version"]
        props = {
            "RegistryName": GetAtt(lid, "RegistryName"),
            "SchemaName": name,
            "Type": "OpenApi3",
            "Content": json.dumps(schema.document(), separators=(",", ":")),
            "Description": f"Discovered from {schema.source} {schema.detail_type} events "
            f"(version {version} of the run)",
        }
        schema_lid = ctx.ids.derived(f"schema:{node.id}:{name}", f"{lid} {camel(name)} Schema")
        ctx.add(eventschemas.Schema.from_dict(schema_lid, props))
    ctx.output(node, "Arn", GetAtt(lid, "RegistryArn"), f"ARN of the registry '{node.id}'")


def import_registry(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    return spec_props(ctx, lid, spec)


def trace_discoverer(ctx: ImportContext, lid: str) -> None:
    """A discoverer becomes a `discover` edge from its bus to the template's registry."""
    bus = ctx.resolve(ctx.props_of(lid).get("SourceArn"))
    if not bus or ctx.nodes[bus]["type"] != "eventbridge.bus":
        ctx.warn(
            resource_path(lid, "SourceArn"), "unmapped_reference", "its bus is not in the diagram"
        )
        return
    registries = [node_id for node_id, node in ctx.nodes.items() if node["type"] == REGISTRY]
    if not registries:
        node_id = DISCOVERED_REGISTRY
        ctx.nodes[node_id] = {
            "id": node_id,
            "type": REGISTRY,
            "label": DISCOVERED_REGISTRY,
            "props": {"RegistryName": DISCOVERED_REGISTRY},
        }
        registries = [node_id]
    ctx.add_edge("discover", bus, registries[0], props={}, origin=lid)


def trace_schema(ctx: ImportContext, lid: str) -> None:
    """A discovered schema is what the next run finds again: not part of the diagram."""
