"""The Amazon MQ node types (`mq.queue`, `mq.topic`, `mq.exchange`): destinations inside a
broker, named after the broker's own configuration (ActiveMQ's destinations and
redelivery policy, RabbitMQ's queue arguments), since CloudFormation has no resource for
them. Every node names its broker (`BrokerName`); the broker is what exports."""

from __future__ import annotations

from engine.core.spec import FieldSpec, NodeSpec

ACTIVEMQ, RABBITMQ = "ACTIVEMQ", "RABBITMQ"
ACTIVEMQ_ONLY = (
    "MaximumRedeliveries",
    "InitialRedeliveryDelay",
    "RedeliveryDelay",
    "UseExponentialBackOff",
    "BackOffMultiplier",
    "MaximumRedeliveryDelay",
)
RABBITMQ_ONLY = ("QueueType", "DeliveryLimit")
DEFAULT_DLQ = "ActiveMQ.DLQ"  # ActiveMQ's shared dead-letter queue
# "RabbitMQ 4.0": quorum queues have a delivery limit of 20 unless set.
DEFAULT_DELIVERY_LIMIT = 20

_NAME = r"[A-Za-z0-9_.:*>-]{1,150}"
BROKER = FieldSpec(
    "BrokerName",
    "string",
    "eventyard",
    pattern=r"[A-Za-z0-9_-]{1,50}",
    help="The broker the destination lives in (one AWS::AmazonMQ::Broker per name).",
)


def dead_letter_affixes(queue, dlq) -> tuple[str, str] | None:
    """ActiveMQ's individual dead-letter strategy names a queue's DLQ `prefix + queue name
    + suffix`: the prefix and suffix that give the DLQ node's name, or None when its name
    does not hold the queue's."""
    source = queue.props.get("QueueName") or queue.id
    target = dlq.props.get("QueueName") or dlq.id
    at = target.find(source)
    return None if at < 0 else (target[:at], target[at + len(source) :])


def _engine(default: str, *choices: str) -> FieldSpec:
    return FieldSpec(
        "EngineType",
        "enum",
        default,
        choices=choices,
        help="ACTIVEMQ (queues, topics, JMS redelivery) or RABBITMQ (exchanges, bindings).",
    )


QUEUE_SPEC = NodeSpec(
    type="mq.queue",
    metrics=(
        "EnqueueCount",
        "DequeueCount",
        "DispatchCount",
        "QueueSize",
        "InFlightCount",
        "ConsumerCount",
        "RedeliveryCount",
        "DeadLetterCount",
    ),
    group="Messaging",
    name_prop="QueueName",
    arn_format="arn:aws:mq:{region}:{account}:queue/{name}",
    metric_namespace="AWS/AmazonMQ",
    metric_dimension="Queue",
    counters=(
        ("QueueSize", "size"),
        ("InFlightCount", "in flight"),
        ("DeadLetterCount", "to DLQ"),
    ),
    label="MQ queue",
    description="A queue on an Amazon MQ broker (ActiveMQ or RabbitMQ): one consumer gets "
    "each message, prefetched, redelivered on failure, then dead-lettered.",
    cfn_type="AWS::AmazonMQ::Broker",
    props=(
        BROKER,
        _engine(ACTIVEMQ, ACTIVEMQ, RABBITMQ),
        FieldSpec("QueueName", "string", None, pattern=_NAME, help="The queue's name."),
        FieldSpec(
            "MaximumRedeliveries",
            "int",
            6,
            minimum=-1,
            maximum=1000,
            help="ActiveMQ: redeliveries before the message is a poison pill and goes to the "
            "dead-letter queue (-1: forever).",
        ),
        FieldSpec(
            "InitialRedeliveryDelay",
            "int",
            1000,
            minimum=0,
            maximum=3_600_000,
            help="ActiveMQ: ms before the first redelivery.",
        ),
        FieldSpec(
            "RedeliveryDelay",
            "int",
            1000,
            minimum=0,
            maximum=3_600_000,
            help="ActiveMQ: ms before each later redelivery without back-off.",
        ),
        FieldSpec(
            "UseExponentialBackOff",
            "bool",
            False,
            help="ActiveMQ: multiply the delay by BackOffMultiplier each redelivery.",
        ),
        FieldSpec(
            "BackOffMultiplier",
            "number",
            5,
            minimum=1,
            maximum=100,
            help="ActiveMQ: the back-off multiplier.",
        ),
        FieldSpec(
            "MaximumRedeliveryDelay",
            "int",
            -1,
            minimum=-1,
            maximum=86_400_000,
            help="ActiveMQ: the longest back-off delay in ms (-1: no cap).",
        ),
        FieldSpec(
            "QueueType",
            "enum",
            "quorum",
            choices=("classic", "quorum"),
            help="RabbitMQ: quorum (Amazon MQ's default on RabbitMQ 4) dead-letters a "
            "message after DeliveryLimit failed deliveries; classic requeues it for ever.",
        ),
        FieldSpec(
            "DeliveryLimit",
            "int",
            DEFAULT_DELIVERY_LIMIT,
            minimum=1,
            maximum=1_000_000,
            help="RabbitMQ quorum queues: failed deliveries before the message is "
            "dead-lettered (or dropped without a dead-letter queue).",
        ),
    ),
    sim=(
        FieldSpec(
            "prefetch",
            "int",
            1000,
            minimum=1,
            maximum=65535,
            help="Messages the broker sends each consumer ahead of its acknowledgements "
            "(ActiveMQ's queue prefetch, 1000 by default; RabbitMQ's basic.qos).",
        ),
    ),
)

TOPIC_SPEC = NodeSpec(
    type="mq.topic",
    metrics=("EnqueueCount", "DispatchCount", "ConsumerCount"),
    group="Messaging",
    name_prop="TopicName",
    arn_format="arn:aws:mq:{region}:{account}:topic/{name}",
    metric_namespace="AWS/AmazonMQ",
    metric_dimension="Topic",
    counters=(("EnqueueCount", "in"), ("DispatchCount", "out")),
    label="MQ topic",
    description="An ActiveMQ topic: every subscriber (a virtual-topic queue, a durable "
    "subscriber) gets its own copy.",
    cfn_type="AWS::AmazonMQ::Broker",
    props=(
        BROKER,
        _engine(ACTIVEMQ, ACTIVEMQ),
        FieldSpec("TopicName", "string", None, pattern=_NAME, help="The topic's name."),
    ),
)

EXCHANGE_SPEC = NodeSpec(
    type="mq.exchange",
    metrics=("EnqueueCount", "DispatchCount", "UnroutableCount"),
    group="Messaging",
    name_prop="ExchangeName",
    arn_format="arn:aws:mq:{region}:{account}:exchange/{name}",
    metric_namespace="AWS/AmazonMQ",
    metric_dimension="Exchange",
    counters=(("EnqueueCount", "in"), ("UnroutableCount", "unroutable")),
    label="MQ exchange",
    description="A RabbitMQ exchange: routes each message to the queues whose binding "
    "matches its routing key (direct, fanout or topic); unroutable messages are dropped.",
    cfn_type="AWS::AmazonMQ::Broker",
    props=(
        BROKER,
        _engine(RABBITMQ, RABBITMQ),
        FieldSpec(
            "ExchangeName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_.:-]{1,255}",
            help="The exchange's name.",
        ),
        FieldSpec(
            "ExchangeType",
            "enum",
            "direct",
            choices=("direct", "fanout", "topic"),
            help="direct: binding key equals the routing key; fanout: every bound queue; "
            "topic: dot-separated words, * one word, # zero or more.",
        ),
    ),
)
