"""Design advice about Amazon MQ: where poison messages end up, what Lambda ignores of a
broker's settings, and messages an exchange can never route. Listed in
`designer.advice.RULES`."""

from __future__ import annotations

from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram, Node
from engine.services.mq.routing import has_empty_word
from engine.services.mq.spec import ACTIVEMQ, ACTIVEMQ_ONLY, DEFAULT_DLQ, QUEUE_SPEC

READERS = ("lambda.function", "worker")


def _readers(d: Diagram, queue: Node, types: tuple[str, ...] = READERS) -> list[str]:
    return [
        e.target for e in d.edges_from(queue.id, "event-source") if d.nodes[e.target].type in types
    ]


def _queues(d: Diagram) -> Iterator[Node]:
    return (n for n in d.nodes.values() if n.type == "mq.queue")


def poison_messages(d: Diagram) -> Iterator[Advice]:
    """Where a message that always fails goes: nowhere on a RabbitMQ classic queue (it is
    requeued for ever), dropped by a quorum queue without a dead-letter queue, and into the
    broker's one shared ActiveMQ.DLQ (kept for ever, every queue's failures mixed)."""
    for queue in _queues(d):
        readers = _readers(d, queue)
        if not readers or d.edges_from(queue.id, "dead-letter"):
            continue
        who = ", ".join(f"'{r}'" for r in readers)
        if queue.props["EngineType"] == ACTIVEMQ:
            yield Advice(
                queue.path,
                "shared_dead_letter_queue",
                f"queue '{queue.id}' (read by {who}) names no dead-letter queue: its poison "
                f"messages go to the broker's shared {DEFAULT_DLQ}, mixed with every other "
                "queue's and kept until someone removes them",
                f"Add a dead-letter edge from '{queue.id}' to a queue of its own.",
            )
        elif queue.props["QueueType"] == "classic":
            yield Advice(
                f"{queue.path}.props.QueueType",
                "poison_message_loop",
                f"classic queue '{queue.id}' (read by {who}) has no delivery limit: a message "
                "that always fails is requeued at once, for ever, and its consumers do "
                "nothing else",
                f"Make '{queue.id}' a quorum queue (a delivery limit, 20 by default) and add a "
                "dead-letter edge to a queue that keeps what fails.",
            )
        else:
            yield Advice(
                queue.path,
                "delivery_limit_drops",
                f"quorum queue '{queue.id}' (read by {who}) has no dead-letter queue: a "
                f"message that fails more than {queue.props['DeliveryLimit']} times is dropped",
                f"Add a dead-letter edge from '{queue.id}' to a queue that keeps it.",
            )


def lambda_redelivery_policy(d: Diagram) -> Iterator[Advice]:
    """ "Troubleshoot Amazon MQ event source mapping errors": Lambda does not support custom
    redelivery policies; it uses ActiveMQ's defaults (six redeliveries)."""
    for queue in _queues(d):
        if queue.props["EngineType"] != ACTIVEMQ or not _readers(d, queue, ("lambda.function",)):
            continue
        changed = [
            key
            for key in ACTIVEMQ_ONLY
            if key in queue.given and queue.props[key] != QUEUE_SPEC.prop(key).default
        ]
        if changed:
            yield Advice(
                f"{queue.path}.props.{changed[0]}",
                "lambda_ignores_redelivery_policy",
                f"queue '{queue.id}' sets {', '.join(changed)}, but Lambda reads it with "
                "ActiveMQ's default redelivery policy (six redeliveries, a second apart)",
                "Keep the defaults for queues Lambda reads, or read the queue with a worker "
                "fleet whose client sets the policy.",
            )


def batch_fails_whole(d: Diagram) -> Iterator[Advice]:
    """ "Using Lambda with Amazon MQ": no partial batch responses, so one failing message
    sends its whole batch back, and its good messages are processed again (and dead-lettered
    with it once the redeliveries run out)."""
    for edge in (e for e in d.edges if e.kind == "event-source"):
        source, target = d.nodes[edge.source], d.nodes[edge.target]
        if source.type != "mq.queue" or target.type != "lambda.function":
            continue
        size = edge.props["BatchSize"] or 100
        if size > 1 and (target.sim.get("failWhen") or target.sim.get("errorRate")):
            yield Advice(
                f"{edge.path}.props.BatchSize",
                "mq_batch_fails_whole",
                f"'{target.id}' can fail, and Lambda cannot report which message of a batch "
                f"from '{source.id}' failed: all {size} messages are redelivered together and, "
                "when the redeliveries run out, dead-lettered together",
                f"Make '{target.id}' idempotent and catch a bad message inside it, or set "
                "BatchSize to 1.",
            )


def unroutable_messages(d: Diagram) -> Iterator[Advice]:
    """An exchange with no bindings drops every message; a direct or topic exchange fed
    without a routing key routes only to bindings of the empty key; a topic binding key
    with an empty word matches only keys with an empty word there."""
    for exchange in (n for n in d.nodes.values() if n.type == "mq.exchange"):
        if not d.edges_from(exchange.id, "binding"):
            yield Advice(
                exchange.path,
                "exchange_without_bindings",
                f"exchange '{exchange.id}' has no bindings: every message sent to it is "
                "unroutable and dropped",
                f"Add a binding edge from '{exchange.id}' to a queue.",
            )
            continue
        if exchange.props["ExchangeType"] == "fanout":
            continue
        for edge in d.edges_to(exchange.id, "publish"):
            producer = d.nodes[edge.source]
            if producer.type == "producer" and not producer.sim.get("routingKey"):
                yield Advice(
                    f"{producer.path}.sim.routingKey",
                    "no_routing_key",
                    f"'{producer.id}' sends to {exchange.props['ExchangeType']} exchange "
                    f"'{exchange.id}' without a routing key: only bindings with an empty key "
                    "get its messages",
                    f"Set routingKey of '{producer.id}'.",
                )
        if exchange.props["ExchangeType"] != "topic":
            continue
        for edge in d.edges_from(exchange.id, "binding"):
            key = edge.props["BindingKey"] or ""
            if has_empty_word(key):
                yield Advice(
                    f"{edge.path}.props.BindingKey",
                    "binding_key_empty_word",
                    f"binding key '{key}' has an empty word (two dots together, or a dot at an "
                    "end): it matches only routing keys with an empty word there",
                    "Remove the extra dot; use * for any one word or # for any number.",
                )


def topic_without_subscribers(d: Diagram) -> Iterator[Advice]:
    """A message sent to an ActiveMQ topic no one subscribes to is lost."""
    for topic in (n for n in d.nodes.values() if n.type == "mq.topic"):
        if not d.edges_from(topic.id, "subscription") and not d.edges_from(
            topic.id, "event-source"
        ):
            yield Advice(
                topic.path,
                "topic_without_subscribers",
                f"topic '{topic.id}' has no subscribers: what is sent to it is lost",
                f"Add a subscription edge from '{topic.id}' to a queue (a virtual topic's "
                "consumer queue), or an event-source edge to a worker fleet.",
            )


RULES = (
    poison_messages,
    lambda_redelivery_policy,
    batch_fails_whole,
    unroutable_messages,
    topic_without_subscribers,
)
