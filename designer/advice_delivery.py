"""Design advice about at-least-once delivery: consumers that would act twice on a
duplicate, and SNS delivery-status logs that miss what they are for. Listed in
`designer.advice.RULES`."""

from __future__ import annotations

from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram, Node

CONSUMERS = ("lambda.function", "worker")
# Edges that bring a consumer its records, each at least once: standard queues and topics
# duplicate, streams and asynchronous invocations retry ("Amazon SQS at-least-once
# delivery", "Amazon SNS message delivery retries", "Lambda event source mappings").
FEEDS = ("event-source", "subscription", "target", "notification", "destination")


def _at_least_once(d: Diagram, consumer: Node) -> list[str]:
    sources = []
    for edge in d.edges_to(consumer.id):
        source = d.nodes[edge.source]
        if edge.kind in FEEDS and not source.is_fifo and source.id not in sources:
            sources.append(source.id)
    return sources


def consumer_without_idempotency(d: Diagram) -> Iterator[Advice]:
    """Powertools "Idempotency": a consumer with side effects (here: it sends on what it
    processed) and an at-least-once source should remember what it processed."""
    for consumer in (n for n in d.nodes.values() if n.type in CONSUMERS):
        if d.edges_from(consumer.id, "idempotency") or not d.edges_from(consumer.id, "publish"):
            continue
        sources = _at_least_once(d, consumer)
        if not sources:
            continue
        names = ", ".join(f"'{s}'" for s in sources)
        yield Advice(
            consumer.path,
            "no_idempotency_store",
            f"'{consumer.id}' sends on what it processes and is fed by {names}, which "
            "deliver at least once: a duplicate (a standard queue's extra copy, an SNS or "
            "stream retry, a redelivery after a visibility timeout) is processed and sent "
            "on twice",
            f"Add an idempotency edge from '{consumer.id}' to a DynamoDB table or an "
            "ElastiCache cache, keyed by an id of the event (Key, e.g. orderId).",
        )


def delivery_logs_without_failures(d: Diagram) -> Iterator[Advice]:
    """ "Amazon SNS message delivery status": failed deliveries are logged only with a
    failure role; and a protocol the topic has no subscription of logs nothing."""
    for topic in (n for n in d.nodes.values() if n.type == "sns.topic"):
        configs = topic.props.get("DeliveryStatusLogging") or []
        protocols = {
            "lambda" if d.nodes[e.target].type == "lambda.function" else "sqs"
            for e in d.edges_from(topic.id, "subscription")
        }
        for index, config in enumerate(configs):
            path = f"{topic.path}.props.DeliveryStatusLogging[{index}]"
            protocol = config.get("Protocol")
            if "FailureFeedbackRoleArn" not in config:
                yield Advice(
                    f"{path}.FailureFeedbackRoleArn",
                    "delivery_failures_not_logged",
                    f"topic '{topic.id}' logs {protocol} deliveries without a "
                    "FailureFeedbackRoleArn: the failed ones, which the logs are most "
                    "useful for, are not logged",
                    "Set FailureFeedbackRoleArn (it may be the same role as for successes).",
                )
            if protocol not in protocols:
                yield Advice(
                    f"{path}.Protocol",
                    "delivery_logs_unused",
                    f"topic '{topic.id}' logs {protocol} deliveries but has no {protocol} "
                    "subscription, so nothing is logged",
                    f"Subscribe a {protocol} endpoint, or remove this entry.",
                )
