"""What a valid diagram may hold and a template cannot: checked before export.

The engine simulates these happily, but CloudFormation cannot create them: two resources
of one type with the same physical name (the second fails: "already exists"), and queues
that are each other's dead-letter queues when none of them has a name (each redrive
policy needs the other's ARN first; a named queue's ARN can be written without waiting
for it). They are reported as problems, in the engine's shape, with their paths.
"""

from __future__ import annotations

from engine.diagram import Diagram, Edge
from engine.errors import Problem

NAME_PROPS = {
    "sqs.queue": "QueueName",
    "sns.topic": "TopicName",
    "lambda.function": "FunctionName",
    "kinesis.stream": "Name",
    "dynamodb.table": "TableName",
    "cloudwatch.alarm": "AlarmName",
}


def export_problems(diagram: Diagram) -> list[Problem]:
    return _duplicate_names(diagram) + _unnamed_dead_letter_cycles(diagram)


def _duplicate_names(diagram: Diagram) -> list[Problem]:
    problems, seen = [], {}
    for node in diagram.nodes.values():
        prop = NAME_PROPS.get(node.type)
        name = node.props.get(prop) if prop else None
        if not name:
            continue
        if (node.type, name) in seen:
            problems.append(
                Problem(
                    f"nodes[{node.index}].props.{prop}",
                    "duplicate_name",
                    f"'{name}' is also the {prop} of '{seen[node.type, name]}'; "
                    "CloudFormation cannot create two resources of one name",
                )
            )
        else:
            seen[node.type, name] = node.id
    return problems


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
