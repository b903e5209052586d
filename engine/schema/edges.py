"""The edge-kind table: every kind of wire, the node types it may join, and its props.

This is the one place that says which pairs are allowed; validation, the catalogue API and
the browser's wiring rules all read it. Props keep their CloudFormation spelling.
"""

from __future__ import annotations

from engine.core.spec import EdgeKindSpec, FieldSpec

SENDS_TO = (
    "sns.topic",
    "sqs.queue",
    "kinesis.stream",
    "eventbridge.bus",
    "s3.bucket",
    "dynamodb.table",
    "kinesisvideo.stream",
    "firehose.deliverystream",
    "kafka.topic",
    "mq.queue",
    "mq.topic",
    "mq.exchange",
)
# A Flink application's sinks: streams, Firehose, a function invoked asynchronously.
FLINK_SINKS = ("kinesis.stream", "firehose.deliverystream", "lambda.function", "kafka.topic")
# A client also calls a function (Invoke, InvocationType Event: an application, or the
# traffic behind an API) and starts a state machine's executions (StartExecution).
CLIENT_CALLS = (*SENDS_TO, "lambda.function", "stepfunctions.statemachine")
PUBLISH = EdgeKindSpec(
    kind="publish",
    description="A client, function, worker or Flink application sends messages to a resource "
    "(a client may also invoke a function or start a state machine).",
    sources=("producer", "lambda.function", "worker", "flink.application"),
    targets=CLIENT_CALLS,
    only=(
        ("producer", CLIENT_CALLS),
        ("lambda.function", SENDS_TO),
        ("worker", SENDS_TO),
        ("flink.application", FLINK_SINKS),
    ),
)

SUBSCRIPTION = EdgeKindSpec(
    kind="subscription",
    description="An SNS subscription, or an ActiveMQ topic's virtual-topic queue: the topic "
    "delivers a copy of each message it lets through.",
    sources=("sns.topic", "mq.topic"),
    targets=("sqs.queue", "lambda.function", "mq.queue"),
    only=(("sns.topic", ("sqs.queue", "lambda.function")), ("mq.topic", ("mq.queue",))),
    props=(
        FieldSpec(
            "FilterPolicy",
            "json",
            help="Only matching messages are delivered.",
            check="filter_policy",
        ),
        FieldSpec(
            "FilterPolicyScope",
            "enum",
            "MessageAttributes",
            choices=("MessageAttributes", "MessageBody"),
            help="Whether the filter policy reads message attributes or the JSON body.",
        ),
        FieldSpec(
            "RawMessageDelivery",
            "bool",
            False,
            help="Deliver the body as published, without the SNS JSON envelope (SQS only).",
        ),
        FieldSpec(
            "RedrivePolicy",
            "json",
            check="subscription_redrive",
            help='{"deadLetterTargetArn": "<queue node id>"}: where undeliverable messages go.',
        ),
    ),
)

EVENT_SOURCE = EdgeKindSpec(
    kind="event-source",
    description="A Lambda event source mapping (or a worker fleet) polls the source for batches.",
    sources=(
        "sqs.queue",
        "kinesis.stream",
        "dynamodb.table",
        "kinesisvideo.stream",
        "kafka.topic",
        "mq.queue",
        "mq.topic",
    ),
    targets=(
        "lambda.function",
        "worker",
        "pipes.pipe",
        "firehose.deliverystream",
        "flink.application",
    ),
    only=(
        ("kinesisvideo.stream", ("worker",)),  # GetMedia readers; Lambda has no such source
        # a mapping, a consumer group, a pipe, a Flink source
        (
            "kafka.topic",
            (
                "lambda.function",
                "worker",
                "pipes.pipe",
                "flink.application",
                "firehose.deliverystream",
            ),
        ),
        ("sqs.queue", ("lambda.function", "worker", "pipes.pipe")),
        ("mq.queue", ("lambda.function", "worker", "pipes.pipe")),  # mapping, consumers, pipe
        ("mq.topic", ("worker",)),  # durable subscribers; Lambda reads queues only
        ("dynamodb.table", ("lambda.function", "worker", "pipes.pipe")),
    ),
    props=(
        FieldSpec(
            "BatchSize",
            "int",
            None,
            minimum=1,
            maximum=10000,
            help="Records per batch: default 10 for SQS (at most 10 for FIFO queues).",
        ),
        FieldSpec(
            "MaximumBatchingWindowInSeconds",
            "int",
            0,
            minimum=0,
            maximum=300,
            help="How long to gather records before invoking.",
        ),
        FieldSpec(
            "FunctionResponseTypes",
            "strings",
            [],
            choices=("ReportBatchItemFailures",),
            help="ReportBatchItemFailures: only the failed records return to the source.",
        ),
        FieldSpec(
            "ScalingConfig",
            "json",
            check="scaling_config",
            help='{"MaximumConcurrency": 2..1000}: caps concurrent invocations.',
        ),
        FieldSpec("Enabled", "bool", True, help="A disabled mapping does not poll."),
        FieldSpec(
            "FilterCriteria",
            "json",
            check="filter_criteria",
            help='{"Filters": [{"Pattern": ...}]}: records matching no filter are dropped.',
        ),
        FieldSpec(
            "StartingPosition",
            "enum",
            None,
            choices=("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"),
            help="Streams only: where a new mapping starts reading.",
        ),
        FieldSpec(
            "ParallelizationFactor",
            "int",
            1,
            minimum=1,
            maximum=10,
            help="Streams only: concurrent batches per shard.",
        ),
        FieldSpec(
            "BisectBatchOnFunctionError",
            "bool",
            False,
            help="Streams only: split a failing batch in two and retry each half.",
        ),
        FieldSpec(
            "MaximumRetryAttempts",
            "int",
            -1,
            minimum=-1,
            maximum=10000,
            help="Streams only: -1 retries until the record expires.",
        ),
        FieldSpec(
            "MaximumRecordAgeInSeconds",
            "int",
            -1,
            minimum=-1,
            maximum=604800,
            help="Streams only: -1 means no limit.",
        ),
        FieldSpec(
            "DestinationConfig",
            "json",
            check="esm_destination",
            help='Streams only: {"OnFailure": {"Destination": "<node id>"}}.',
        ),
        FieldSpec(
            "TumblingWindowInSeconds",
            "int",
            0,
            minimum=0,
            maximum=900,
            help="Streams only: a tumbling window of this many seconds; each invocation gets "
            "the window's state so far, and a final one closes the window (0: none).",
        ),
        FieldSpec(
            "ConsumerName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_.-]{1,128}",
            help="Kinesis only: read through an enhanced fan-out consumer of this name "
            "(its own 2 MiB/s per shard, records pushed within about 70 ms).",
        ),
    ),
)

DEAD_LETTER = EdgeKindSpec(
    kind="dead-letter",
    description="The source queue's redrive policy: after maxReceiveCount receives (SQS), or "
    "its redelivery policy or delivery limit (Amazon MQ), a message moves to the target queue.",
    sources=("sqs.queue", "mq.queue"),
    targets=("sqs.queue", "mq.queue"),
    only=(("sqs.queue", ("sqs.queue",)), ("mq.queue", ("mq.queue",))),
    props=(
        FieldSpec(
            "maxReceiveCount",
            "int",
            10,
            minimum=1,
            maximum=1000,
            help="SQS: receives before a message moves to the dead-letter queue.",
        ),
    ),
)

DESTINATION = EdgeKindSpec(
    kind="destination",
    description="Where an asynchronous invocation's record goes on success or on failure.",
    sources=("lambda.function",),
    targets=("sqs.queue", "sns.topic", "lambda.function", "eventbridge.bus"),
    props=(
        FieldSpec(
            "condition",
            "enum",
            None,
            choices=("OnSuccess", "OnFailure"),
            required=True,
            help="OnSuccess or OnFailure.",
        ),
    ),
)

NOTIFICATION = EdgeKindSpec(
    kind="notification",
    description="An S3 event notification: object events that pass the filter are sent on.",
    sources=("s3.bucket",),
    targets=("sns.topic", "sqs.queue", "lambda.function", "eventbridge.bus"),
    props=(
        FieldSpec(
            "Events",
            "strings",
            ["s3:ObjectCreated:*"],
            choices=(
                "s3:ObjectCreated:*",
                "s3:ObjectCreated:Put",
                "s3:ObjectCreated:Post",
                "s3:ObjectCreated:Copy",
                "s3:ObjectCreated:CompleteMultipartUpload",
                "s3:ObjectRemoved:*",
                "s3:ObjectRemoved:Delete",
                "s3:ObjectRemoved:DeleteMarkerCreated",
            ),
            help='The object events to send (a producer\'s payload with "delete": true '
            "is a DeleteObject).",
        ),
        FieldSpec(
            "Filter",
            "json",
            None,
            check="s3_filter",
            help='{"S3Key": {"Rules": [{"Name": "prefix", "Value": "images/"}]}}: '
            "one prefix and/or one suffix.",
        ),
    ),
)

RULE = EdgeKindSpec(
    kind="rule",
    description="A rule on an event bus: the bus offers every event to the rule's pattern.",
    sources=("eventbridge.bus",),
    targets=("eventbridge.rule",),
)

TARGET = EdgeKindSpec(
    kind="target",
    description="A rule's target: matching events are delivered there (at most 5 per rule).",
    sources=("eventbridge.rule", "pipes.pipe"),
    targets=(
        "sqs.queue",
        "sns.topic",
        "lambda.function",
        "kinesis.stream",
        "eventbridge.bus",
        "firehose.deliverystream",
        "stepfunctions.statemachine",
        "eventbridge.apidestination",
    ),
    props=(
        FieldSpec(
            "InputTransformer",
            "json",
            None,
            check="input_transformer",
            help='{"InputPathsMap": {"amount": "$.detail.amount"}, "InputTemplate": '
            '"{\\"amount\\": <amount>}"}: reshape the event for the target.',
        ),
        FieldSpec(
            "RetryPolicy",
            "json",
            None,
            check="retry_policy",
            help='{"MaximumRetryAttempts": 0..185, "MaximumEventAgeInSeconds": 60..86400}.',
        ),
        FieldSpec(
            "DeadLetterConfig",
            "json",
            None,
            check="target_dead_letter",
            help='{"Arn": "<standard queue node id>"}: where undeliverable events go.',
        ),
        FieldSpec(
            "SqsParameters",
            "json",
            None,
            check="target_sqs_parameters",
            help='{"MessageGroupId": "orders"}: the message group of each event sent to a '
            "FIFO queue (the queue needs content-based deduplication).",
        ),
    ),
)

ALARM_ACTION = EdgeKindSpec(
    kind="alarm-action",
    description="An alarm's action: state changes are published to the topic.",
    sources=("cloudwatch.alarm",),
    targets=("sns.topic",),
)

ENRICHMENT = EdgeKindSpec(
    kind="enrichment",
    description="A pipe's enrichment: called with each batch, its answer goes to the target.",
    sources=("pipes.pipe",),
    targets=("lambda.function", "stepfunctions.statemachine"),
)

TASK = EdgeKindSpec(
    kind="task",
    description="A state machine's Task state calls the target (invoke, send, publish, put "
    "an event or an item, start an execution) and waits for its answer.",
    sources=("stepfunctions.statemachine",),
    targets=(
        "lambda.function",
        "sqs.queue",
        "sns.topic",
        "eventbridge.bus",
        "dynamodb.table",
        "stepfunctions.statemachine",
    ),
    props=(
        FieldSpec(
            "State",
            "string",
            None,
            required=True,
            help="The name of the Task state in the Definition that calls the target.",
        ),
    ),
)

DELIVERY = EdgeKindSpec(
    kind="delivery",
    description="A Firehose stream's destination: each buffer flush is one PutObject, which "
    "raises the bucket's notifications.",
    sources=("firehose.deliverystream",),
    targets=("s3.bucket",),
)

TRANSFORM = EdgeKindSpec(
    kind="transform",
    description="A Firehose stream's data transformation: each buffer goes to the function "
    "before delivery; records it fails go under ErrorOutputPrefix.",
    sources=("firehose.deliverystream",),
    targets=("lambda.function",),
    props=(
        FieldSpec(
            "BufferSizeInMBs",
            "number",
            1,
            minimum=0.2,
            maximum=3,
            help="The processor's buffer (0.2..3 MiB): how much goes to one invocation.",
        ),
        FieldSpec(
            "BufferIntervalInSeconds",
            "int",
            60,
            minimum=60,
            maximum=900,
            help="The processor's buffer interval (60..900 s).",
        ),
    ),
)

IDEMPOTENCY = EdgeKindSpec(
    kind="idempotency",
    description="The consumer keeps a record per processed event in the store and skips "
    "an event it has already processed (Powertools' idempotency utility).",
    sources=("lambda.function", "worker"),
    targets=("dynamodb.table", "elasticache.cache"),
    props=(
        FieldSpec(
            "Key",
            "string",
            None,
            pattern=r"[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*",
            help="A dotted path into the payload (e.g. order.id); default: the message id.",
        ),
        FieldSpec(
            "ExpiresAfterSeconds",
            "int",
            3600,
            minimum=1,
            maximum=31_536_000,
            help="How long a processed key is remembered.",
        ),
        FieldSpec(
            "InProgressExpiry",
            "bool",
            True,
            help="An in-progress key expires at the function's timeout, so a timed-out "
            "invocation does not block retries until the key expires.",
        ),
    ),
)

DISCOVER = EdgeKindSpec(
    kind="discover",
    description="A schema discoverer on the bus: the registry infers a schema for each "
    "source and detail-type of the events the bus takes.",
    sources=("eventbridge.bus",),
    targets=("schemas.registry",),
)

BINDING = EdgeKindSpec(
    kind="binding",
    description="A RabbitMQ binding: the exchange routes to the queue the messages whose "
    "routing key matches the binding key.",
    sources=("mq.exchange",),
    targets=("mq.queue",),
    props=(
        FieldSpec(
            "BindingKey",
            "string",
            "",
            help="direct: the routing key to match; topic: dot-separated words where * is "
            "one word and # zero or more; fanout ignores it.",
        ),
    ),
)

EDGE_KINDS: tuple[EdgeKindSpec, ...] = (
    PUBLISH,
    SUBSCRIPTION,
    EVENT_SOURCE,
    DEAD_LETTER,
    DESTINATION,
    NOTIFICATION,
    RULE,
    TARGET,
    ALARM_ACTION,
    ENRICHMENT,
    IDEMPOTENCY,
    DELIVERY,
    TRANSFORM,
    TASK,
    DISCOVER,
    BINDING,
)
