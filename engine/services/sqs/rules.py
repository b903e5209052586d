"""Cross-node rules of SQS queues: what AWS refuses when queues are wired together."""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem


def _edge_path(edge: Edge, key: str = "") -> str:
    return edge.path + (f".{key}" if key else "")


def _kind(node: Node) -> str:
    return "FIFO" if node.is_fifo else "standard"


def dead_letter_queues(d: Diagram) -> Iterator[Problem]:
    """ "Using dead-letter queues": one redrive policy per queue, to a queue of the same type."""
    seen: set[str] = set()
    for edge in d.edges:
        if edge.kind != "dead-letter":
            continue
        source, target = d.nodes[edge.source], d.nodes[edge.target]
        if edge.source in seen:
            yield Problem(
                _edge_path(edge),
                "duplicate_redrive",
                f"queue '{edge.source}' already has a dead-letter queue; a queue has one",
            )
        seen.add(edge.source)
        if edge.source == edge.target:
            yield Problem(_edge_path(edge), "invalid_pair", "a queue cannot be its own DLQ")
        elif source.is_fifo != target.is_fifo:
            yield Problem(
                _edge_path(edge),
                "dlq_type_mismatch",
                f"the DLQ of a {_kind(source)} queue must be {_kind(source)} too; "
                f"'{target.id}' is {_kind(target)}",
            )


RULES = (dead_letter_queues,)
