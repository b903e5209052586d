"""Cross-node rules of producers: what a publisher must send to FIFO queues and topics and to
Kinesis streams.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram, Node
from engine.core.errors import Problem
from engine.services.producer.attributes import MAX_SQS_ATTRIBUTES


def _node_path(node: Node, key: str = "") -> str:
    return node.path + (f".{key}" if key else "")


def _kind(node: Node) -> str:
    return "FIFO" if node.is_fifo else "standard"


def producers(d: Diagram) -> Iterator[Problem]:
    """What a producer must send to FIFO targets: a group id, and a deduplication id unless
    content-based deduplication is on; per-message delays only to standard queues."""
    for node in (n for n in d.nodes.values() if n.type == "producer"):
        s = node.sim
        for edge in d.edges_from(node.id, "publish"):
            target = d.nodes[edge.target]
            if target.is_fifo:
                if not s["messageGroupId"]:
                    yield Problem(
                        _node_path(node, "sim.messageGroupId"),
                        "required",
                        f"publishing to FIFO {target.type} '{target.id}' needs a messageGroupId",
                    )
                if not s["deduplicationId"] and not target.props["ContentBasedDeduplication"]:
                    yield Problem(
                        _node_path(node, "sim.deduplicationId"),
                        "required",
                        f"'{target.id}' has no ContentBasedDeduplication, so each "
                        "message needs a deduplicationId",
                    )
            if target.type == "kinesis.stream" and not s["partitionKey"]:
                yield Problem(
                    _node_path(node, "sim.partitionKey"),
                    "required",
                    f"publishing to Kinesis stream '{target.id}' needs a partitionKey",
                )
            if s["delaySeconds"] is not None and (target.type != "sqs.queue" or target.is_fifo):
                yield Problem(
                    _node_path(node, "sim.delaySeconds"),
                    "fifo_only_rule",
                    f"per-message delays apply to standard queues only; '{target.id}' "
                    f"is a {_kind(target)} {target.type}",
                )


def attribute_counts(d: Diagram) -> Iterator[Problem]:
    """ "Amazon SQS message attributes": a message sent to a queue has at most 10; a topic
    takes more ("Amazon SNS message attributes")."""
    for node in (n for n in d.nodes.values() if n.type == "producer"):
        count = len(node.sim["attributes"] or {})
        if count <= MAX_SQS_ATTRIBUTES:
            continue
        for edge in d.edges_from(node.id, "publish"):
            target = d.nodes[edge.target]
            if target.type == "sqs.queue":
                yield Problem(
                    _node_path(node, "sim.attributes"),
                    "too_many",
                    f"{count} attributes; SQS queue '{target.id}' takes at most "
                    f"{MAX_SQS_ATTRIBUTES} per message (an SNS topic takes more)",
                )


RULES = (producers, attribute_counts)
