"""Older documents, brought up to date before they are checked.

`sim.idempotent: true` on a function or worker (the first form of idempotent consumers:
"skip records whose message id it already processed") becomes what it always meant on
AWS: an `idempotency` edge, keyed by the message id, to a DynamoDB table of its own, added
beside the consumer. The table remembers keys for an hour, or for the whole run when the
run is longer, as the old flag remembered them for good. `false` is simply dropped. New
nodes and edges are appended, so the paths of everything already there stay the same.
"""

from __future__ import annotations

import math
from typing import Any

CONSUMERS = ("lambda.function", "worker")
DEFAULT_EXPIRY = 3600
MAX_ID = 64


def upgrade_document(doc: Any) -> Any:
    """The document in its current form: `doc` itself when nothing needed changing, else
    a new document (the caller's is left as it was)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
        return doc
    if "edges" in doc and not isinstance(doc["edges"], list):
        return doc  # left for load_diagram to refuse as it is
    old = [
        i
        for i, n in enumerate(doc["nodes"])
        if isinstance(n, dict)
        and n.get("type") in CONSUMERS
        and isinstance(n.get("sim"), dict)
        and isinstance(n["sim"].get("idempotent"), bool)
    ]
    if not old:
        return doc
    nodes = list(doc["nodes"])
    edges = list(doc["edges"]) if isinstance(doc.get("edges"), list) else []
    taken = {str(x.get("id")) for x in nodes + edges if isinstance(x, dict)}
    for index in old:
        node = dict(nodes[index])
        node["sim"] = dict(node["sim"])
        if node["sim"].pop("idempotent") and isinstance(node.get("id"), str):
            table, edge = _store_for(node, taken, _expiry(doc))
            nodes.append(table)
            edges.append(edge)
        nodes[index] = node
    upgraded = {**doc, "nodes": nodes}
    if edges or "edges" in doc:
        upgraded["edges"] = edges
    return upgraded


def _expiry(doc: dict) -> int:
    duration = (doc.get("sim") or {}).get("duration") if isinstance(doc.get("sim"), dict) else None
    if isinstance(duration, int | float) and not isinstance(duration, bool) and duration > 0:
        return max(DEFAULT_EXPIRY, math.ceil(duration))
    return DEFAULT_EXPIRY


def _unique(base: str, taken: set[str]) -> str:
    base = base[:MAX_ID]
    name, n = base, 1
    while name in taken:
        n += 1
        suffix = f"-{n}"
        name = base[: MAX_ID - len(suffix)] + suffix
    taken.add(name)
    return name


def _store_for(node: dict, taken: set[str], expiry: int) -> tuple[dict, dict]:
    table_id = _unique(f"{node['id']}-idempotency", taken)
    table: dict[str, Any] = {
        "id": table_id,
        "type": "dynamodb.table",
        "label": f"{node.get('label') or node['id']} idempotency records",
        "props": {},
    }
    position = node.get("position")
    if isinstance(position, dict) and all(
        isinstance(position.get(k), int | float) for k in ("x", "y")
    ):
        table["position"] = {"x": position["x"], "y": position["y"] + 140}
    props = {"ExpiresAfterSeconds": expiry} if expiry != DEFAULT_EXPIRY else {}
    edge = {
        "id": _unique(f"{node['id']}-idempotency-store", taken),
        "kind": "idempotency",
        "source": node["id"],
        "target": table_id,
        "props": props,
    }
    return table, edge
