"""Cross-node rules of Amazon MQ: what a broker refuses, and which settings belong to
which engine ("Amazon MQ Developer Guide"; "Using Lambda with Amazon MQ")."""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem
from engine.services.mq.routing import binding_key_problem
from engine.services.mq.spec import (
    ACTIVEMQ,
    ACTIVEMQ_ONLY,
    RABBITMQ,
    RABBITMQ_ONLY,
    dead_letter_affixes,
)

MQ_TYPES = ("mq.queue", "mq.topic", "mq.exchange")
# Mapping props an Amazon MQ source does not take: SQS's scaling and partial batch
# responses, and the stream settings.
NOT_FOR_MQ = (
    "FunctionResponseTypes",
    "ScalingConfig",
    "StartingPosition",
    "ParallelizationFactor",
    "BisectBatchOnFunctionError",
    "MaximumRetryAttempts",
    "MaximumRecordAgeInSeconds",
    "DestinationConfig",
    "TumblingWindowInSeconds",
    "ConsumerName",
)
SNS_SUBSCRIPTION_PROPS = (
    "FilterPolicy",
    "FilterPolicyScope",
    "RawMessageDelivery",
    "RedrivePolicy",
)


def _path(item: Node | Edge, key: str = "") -> str:
    return item.path + (f".{key}" if key else "")


def broker_of(node: Node) -> str:
    return node.props.get("BrokerName") or ""


def brokers(d: Diagram) -> Iterator[Problem]:
    """A broker runs one engine: every destination naming it has its EngineType; and each
    engine's settings belong to it (RabbitMQ has no JMS redelivery policy, ActiveMQ no
    quorum queues)."""
    engines: dict[str, tuple[str, str]] = {}
    for node in (n for n in d.nodes.values() if n.type in MQ_TYPES):
        engine = node.props["EngineType"]
        first = engines.setdefault(broker_of(node), (engine, node.id))
        if first[0] != engine:
            yield Problem(
                _path(node, "props.EngineType"),
                "engine_mismatch",
                f"broker '{broker_of(node)}' runs {first[0]} (see '{first[1]}'); one broker "
                "runs one engine",
            )
        if node.type != "mq.queue":
            continue
        given = node.given
        foreign = RABBITMQ_ONLY if engine == ACTIVEMQ else ACTIVEMQ_ONLY
        other = RABBITMQ if engine == ACTIVEMQ else ACTIVEMQ
        for key in sorted(given & set(foreign)):
            yield Problem(
                _path(node, f"props.{key}"),
                "not_applicable",
                f"{key} is a {other} setting; this queue's broker runs {engine}",
            )
        if engine == RABBITMQ and "DeliveryLimit" in given and node.props["QueueType"] != "quorum":
            yield Problem(
                _path(node, "props.DeliveryLimit"),
                "not_applicable",
                "a delivery limit is a quorum queue's; set QueueType to quorum",
            )


def wiring(d: Diagram) -> Iterator[Problem]:
    """Bindings, virtual-topic subscriptions and dead-letter queues stay inside one broker;
    binding keys are AMQP short strings; SNS's and SQS's edge props do not apply."""
    for edge in d.edges:
        source, target = d.nodes[edge.source], d.nodes[edge.target]
        if source.type not in MQ_TYPES or target.type not in MQ_TYPES:
            continue
        if broker_of(source) != broker_of(target):
            yield Problem(
                _path(edge),
                "cross_broker",
                f"'{source.id}' is on broker '{broker_of(source)}' and '{target.id}' on "
                f"'{broker_of(target)}'; a {edge.kind} edge joins destinations of one broker",
            )
        given = edge.given
        if edge.kind == "binding":
            problem = binding_key_problem(edge.props["BindingKey"] or "")
            if problem:
                yield Problem(_path(edge, "props.BindingKey"), "invalid_value", problem)
        elif edge.kind == "subscription":
            for key in sorted(given & set(SNS_SUBSCRIPTION_PROPS)):
                yield Problem(
                    _path(edge, f"props.{key}"),
                    "not_applicable",
                    f"{key} is an SNS subscription's; an ActiveMQ topic copies every message "
                    "to each virtual-topic queue",
                )
        elif (
            edge.kind == "dead-letter"
            and source.props["EngineType"] == ACTIVEMQ
            and dead_letter_affixes(source, target) is None
        ):
            yield Problem(
                _path(edge),
                "dlq_name",
                f"ActiveMQ names a queue's dead-letter queue by a prefix and a suffix around "
                f"the queue's name: the name of '{target.id}' must hold "
                f"'{source.props.get('QueueName') or source.id}' (its default is "
                f"ActiveMQ.DLQ.Queue.{source.props.get('QueueName') or source.id})",
            )
        if edge.kind == "dead-letter" and "maxReceiveCount" in given:
            yield Problem(
                _path(edge, "props.maxReceiveCount"),
                "not_applicable",
                "maxReceiveCount is SQS's; an Amazon MQ queue dead-letters after its "
                "MaximumRedeliveries (ActiveMQ) or DeliveryLimit (RabbitMQ quorum queue)",
            )


def mappings(d: Diagram) -> Iterator[Problem]:
    """ "Using Lambda with Amazon MQ": batches of up to 10,000 messages and a window; no
    partial batch responses, scaling settings or stream settings."""
    for edge in (e for e in d.edges if e.kind == "event-source"):
        if d.nodes[edge.source].type != "mq.queue":
            continue
        if d.nodes[edge.target].type != "lambda.function":
            continue  # a worker's: the Lambda rules refuse mapping props on it
        for key in sorted(edge.given & set(NOT_FOR_MQ)):
            yield Problem(
                _path(edge, f"props.{key}"),
                "not_applicable",
                f"{key} does not apply to an Amazon MQ event source mapping",
            )


RULES = (brokers, wiring, mappings)
