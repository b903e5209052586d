"""Cross-node rules of SNS subscriptions: protocols, FIFO pairs, filter policies, DLQs."""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem
from engine.core.shapes import obj, string
from engine.matching.filter_policies import validate_filter_policy


def _edge_path(edge: Edge, key: str = "") -> str:
    return edge.path + (f".{key}" if key else "")


def _kind(node: Node) -> str:
    return "FIFO" if node.is_fifo else "standard"


def subscriptions(d: Diagram) -> Iterator[Problem]:
    """SNS subscriptions: FIFO topics deliver to SQS only; FIFO queues take FIFO topics only;
    raw delivery is for SQS; filter policies and subscription DLQs are well-formed."""
    for edge in (e for e in d.edges if e.kind == "subscription"):
        topic, target = d.nodes[edge.source], d.nodes[edge.target]
        if topic.type != "sns.topic":
            continue  # an ActiveMQ topic's subscriptions: engine/services/mq/rules.py
        p = edge.props
        if target.type == "lambda.function" and topic.is_fifo:
            yield Problem(
                _edge_path(edge),
                "fifo_protocol",
                "a FIFO topic delivers only to SQS queues, not to Lambda",
            )
        if target.type == "sqs.queue" and target.is_fifo and not topic.is_fifo:
            yield Problem(
                _edge_path(edge),
                "fifo_mismatch",
                f"FIFO queue '{target.id}' can only subscribe to a FIFO topic",
            )
        if p["RawMessageDelivery"] and target.type != "sqs.queue":
            yield Problem(
                _edge_path(edge, "props.RawMessageDelivery"),
                "invalid_value",
                "raw message delivery applies to SQS (and HTTP/S, Firehose) "
                "subscriptions, not Lambda",
            )
        if p["FilterPolicy"] is not None:
            yield from validate_filter_policy(
                p["FilterPolicy"],
                _edge_path(edge, "props.FilterPolicy"),
                p["FilterPolicyScope"] or "MessageAttributes",
            )
        yield from _subscription_dlq(d, edge, topic)


def _subscription_dlq(d: Diagram, edge: Edge, topic: Node) -> Iterator[Problem]:
    dlq_id = (edge.props["RedrivePolicy"] or {}).get("deadLetterTargetArn")
    if dlq_id is None:
        return
    path = _edge_path(edge, "props.RedrivePolicy.deadLetterTargetArn")
    dlq = d.nodes.get(dlq_id)
    if dlq is None or dlq.type != "sqs.queue":
        yield Problem(path, "unknown_node", f"'{dlq_id}' is not an SQS queue node of this diagram")
    elif dlq.is_fifo != topic.is_fifo:
        yield Problem(
            path,
            "dlq_type_mismatch",
            f"a {_kind(topic)} topic needs a {_kind(topic)} DLQ; '{dlq_id}' is {_kind(dlq)}",
        )


RULES = (subscriptions,)


# Shapes of the subscription props SNS checks as JSON (the full filter policy check needs
# the subscription's FilterPolicyScope: see `subscriptions`).
FILTER_POLICY = obj('e.g. {"store": ["example_corp"]}', open=True)
SUBSCRIPTION_REDRIVE = obj(
    '{"deadLetterTargetArn": "<queue node id>"}',
    required=("deadLetterTargetArn",),
    deadLetterTargetArn=string("deadLetterTargetArn must name a queue node"),
)
