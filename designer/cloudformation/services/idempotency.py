"""Idempotency stores of functions, out to a template and back.

An `idempotency` edge has no resource of its own. Its function gets (on its role) exactly
the calls Powertools' idempotency utility makes on the store ("Idempotency", Powertools for
AWS Lambda (Python), IAM permissions): `dynamodb:GetItem`, `PutItem`, `UpdateItem` and
`DeleteItem` on the table, or `elasticache:Connect` on the cache ("Authenticating with
IAM" for ElastiCache); and environment variables its handler configures the utility from:
the store (`IDEMPOTENCY_TABLE_NAME` or `IDEMPOTENCY_CACHE_ENDPOINT`) and the edge's props
the user set (`IDEMPOTENCY_KEY`, `IDEMPOTENCY_EXPIRES_AFTER_SECONDS`,
`IDEMPOTENCY_IN_PROGRESS_EXPIRY`). A table store gets the TTL attribute Powertools writes,
`expiration` (`TimeToLiveSpecification`). A worker's edge lives in the metadata only.

Import reads the environment back into the edge; the role's statements (Sid `Idempotency…`)
are the exporter's and are not publish edges.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref

from engine import registry
from engine.core.diagram import Edge, Node

from ..context import ExportContext
from ..import_props import coerce, resource_path
from ..refs import ImportContext

ACTIONS = {
    "dynamodb.table": (
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
    ),
    "elasticache.cache": ("elasticache:Connect",),
}
TTL = {"AttributeName": "expiration", "Enabled": True}
STORE_VARIABLES = {
    "dynamodb.table": "IDEMPOTENCY_TABLE_NAME",
    "elasticache.cache": "IDEMPOTENCY_CACHE_ENDPOINT",
}
PROP_VARIABLES = {
    "Key": "IDEMPOTENCY_KEY",
    "ExpiresAfterSeconds": "IDEMPOTENCY_EXPIRES_AFTER_SECONDS",
    "InProgressExpiry": "IDEMPOTENCY_IN_PROGRESS_EXPIRY",
}
SID = "Idempotency"


def export_idempotency(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: statements of the function's role, its environment, the TTL."""


def is_store(ctx: ExportContext, node: Node) -> bool:
    return bool(ctx.diagram.edges_to(node.id, "idempotency"))


def _store_arn(ctx: ExportContext, store: Node) -> Any:
    lid = ctx.lid(store.id)
    return GetAtt(lid, "ARN") if store.type == "elasticache.cache" else GetAtt(lid, "Arn")


def role_statements(ctx: ExportContext, node: Node) -> dict[str, dict[str, Any]]:
    """The function's statements for its store, by Sid."""
    found = {}
    for edge in ctx.diagram.edges_from(node.id, "idempotency"):
        store = ctx.node(edge.target)
        sid = SID + ctx.lid(store.id)
        found[sid] = {
            "Sid": sid,
            "Effect": "Allow",
            "Action": list(ACTIONS[store.type]),
            "Resource": [_store_arn(ctx, store)],
        }
    return found


def environment(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """The function's `Environment`, when it has a store."""
    for edge in ctx.diagram.edges_from(node.id, "idempotency"):
        store = ctx.node(edge.target)
        lid = ctx.lid(store.id)
        where = Ref(lid) if store.type == "dynamodb.table" else GetAtt(lid, "Endpoint.Address")
        variables: dict[str, Any] = {STORE_VARIABLES[store.type]: where}
        for name, value in ctx.user_edge_props(edge).items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            variables[PROP_VARIABLES[name]] = text
        return {"Environment": {"Variables": variables}}
    return {}


def trace_environment(ctx: ImportContext, lid: str) -> None:
    """An idempotency edge from the function's environment, if it names a store."""
    variables = ((ctx.props_of(lid).get("Environment") or {}).get("Variables")) or {}
    known = set(STORE_VARIABLES.values()) | set(PROP_VARIABLES.values())
    for name in variables:
        if name not in known:
            ctx.warn(
                resource_path(lid, "Environment", "Variables", name),
                "unsupported_property",
                f"environment variable {name} is not part of the diagram and was left out",
            )
    for variable in STORE_VARIABLES.values():
        if variable not in variables:
            continue
        store = ctx.resolve(variables[variable])
        if store is None:
            ctx.warn(
                resource_path(lid, "Environment", "Variables", variable),
                "unmapped_reference",
                "its idempotency store is not in the diagram",
            )
            continue
        spec = registry.edge_kind("idempotency")
        props = {
            prop: coerce(spec.prop(prop), variables[name])
            for prop, name in PROP_VARIABLES.items()
            if name in variables
        }
        ctx.add_edge("idempotency", ctx.node_of[lid], store, props=props, origin=lid)


def import_ttl(ctx: ImportContext, lid: str) -> None:
    """A table's TTL: Powertools' `expiration` is the store's own; any other is warned of."""
    ttl = ctx.props_of(lid).get("TimeToLiveSpecification")
    if ttl is not None and ttl != TTL:
        ctx.warn(
            resource_path(lid, "TimeToLiveSpecification"),
            "unsupported_property",
            "TimeToLiveSpecification is kept only as an idempotency store's "
            '{"AttributeName": "expiration", "Enabled": true}; it was left out',
        )
