"""What a valid diagram may hold and a template cannot: checked before export.

The engine simulates these happily, but CloudFormation cannot create them: queues that
are each other's dead-letter queues when none of them has a name (each redrive policy
needs the other's ARN first; a named queue's ARN can be written without waiting for it).
They are reported as problems, in the engine's shape, with their paths.
"""

from __future__ import annotations

from engine.core.diagram import Diagram, Edge
from engine.core.errors import Problem


def export_problems(diagram: Diagram) -> list[Problem]:
    # Duplicate names are refused by the engine itself (engine.schema.rules.duplicate_names).
    return _unnamed_dead_letter_cycles(diagram)


def in_dead_letter_cycle(diagram: Diagram, edge: Edge) -> bool:
    """Whether following redrive policies from the edge's DLQ leads back to its source."""
    current, seen = edge.target, set()
    while current not in seen:
        if current == edge.source:
            return True
        seen.add(current)
        onward = diagram.edges_from(current, "dead-letter")
        if not onward:
            return False
        current = onward[0].target
    return False


def _unnamed_dead_letter_cycles(diagram: Diagram) -> list[Problem]:
    cycle = [
        e for e in diagram.edges if e.kind == "dead-letter" and in_dead_letter_cycle(diagram, e)
    ]
    if not cycle or any(diagram.nodes[e.target].props.get("QueueName") for e in cycle):
        return []
    return [
        Problem(
            f"edges[{edge.index}]",
            "dead_letter_cycle",
            "these queues are each other's dead-letter queues and none has a QueueName: "
            "give one a name so the template can refer to it before it exists",
        )
        for edge in cycle
    ]
