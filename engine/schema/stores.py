"""Rules of idempotency stores, which span services: a consumer (function or worker) and the
DynamoDB table or ElastiCache cache its `idempotency` edge names.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram
from engine.core.errors import Problem

# Powertools' DynamoDB persistence layer: a partition key named `id`, no sort key.
POWERTOOLS_KEY = [{"AttributeName": "id", "KeyType": "HASH"}]


def idempotency_stores(d: Diagram) -> Iterator[Problem]:
    """One store per consumer (one persistence layer per idempotent handler); a table store
    has Powertools' key, and no stream: its writes are bookkeeping, and the simulation does
    not stream them."""
    consumers: set[str] = set()
    for edge in (e for e in d.edges if e.kind == "idempotency"):
        if edge.source in consumers:
            yield Problem(
                edge.path,
                "duplicate_idempotency",
                f"'{edge.source}' already has an idempotency store; a handler keeps its "
                "records in one store",
            )
        consumers.add(edge.source)
        store = d.nodes[edge.target]
        if store.type != "dynamodb.table":
            continue
        if (store.props.get("KeySchema") or POWERTOOLS_KEY) != POWERTOOLS_KEY:
            yield Problem(
                f"{store.path}.props.KeySchema",
                "idempotency_key_schema",
                f"table '{store.id}' stores idempotency records, whose key is a partition "
                'key named id: [{"AttributeName": "id", "KeyType": "HASH"}]',
            )
        if store.props.get("StreamSpecification"):
            yield Problem(
                f"{store.path}.props.StreamSpecification",
                "idempotency_table_stream",
                f"table '{store.id}' stores idempotency records; give it no stream (a "
                "stream of idempotency bookkeeping is not simulated): use another table",
            )


RULES = (idempotency_stores,)
