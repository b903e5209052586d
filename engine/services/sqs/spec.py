"""The `sqs.queue` node type and the DLQ preset: props as CloudFormation spells them, with
AWS's defaults and bounds ("AWS::SQS::Queue"), and what the rest of the project derives
from the type."""

from __future__ import annotations

from engine.core.spec import FieldSpec, NodeSpec, PresetSpec

# fmt: off
_NAME = r"[A-Za-z0-9_-]{1,75}(\.fifo)?|[A-Za-z0-9_-]{1,80}"
SPEC = NodeSpec(
    type="sqs.queue",
    metrics=(
        "NumberOfMessagesSent",
        "NumberOfMessagesReceived",
        "NumberOfMessagesDeleted",
        "ApproximateNumberOfMessagesVisible",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
        "ApproximateAgeOfOldestMessage",
        "SentMessageSize",
        "ApproximateNumberOfGroupsWithInflightMessages",
        "NumberOfDeduplicatedSentMessages",
    ),
    group="Messaging",
    name_prop="QueueName",
    arn_format="arn:aws:sqs:{region}:{account}:{name}",
    metric_namespace="AWS/SQS",
    metric_dimension="QueueName",
    counters=(
        ("ApproximateNumberOfMessagesVisible", "visible"),
        ("ApproximateNumberOfMessagesNotVisible", "in flight"),
        ("ApproximateAgeOfOldestMessage", "oldest s"),
    ),
    counter_variants=(
        (
            "dlq",
            (
                ("ApproximateNumberOfMessagesVisible", "in DLQ"),
                ("ApproximateAgeOfOldestMessage", "oldest s"),
            ),
        ),
    ),
    label="SQS queue",
    description="A queue that consumers poll; standard or FIFO.",
    cfn_type="AWS::SQS::Queue",
    roles=("dlq",),
    props=(
        FieldSpec("QueueName", "string", None, "Up to 80 characters; FIFO ends in .fifo.",
                  pattern=_NAME),
        FieldSpec("FifoQueue", "bool", False, "Strict order per message group, deduplication."),
        FieldSpec("ContentBasedDeduplication", "bool", False,
                  "FIFO only: deduplicate by SHA-256 of the body."),
        FieldSpec("DeduplicationScope", "enum", "queue",
                  "FIFO only: deduplicate across the queue or per message group.",
                  choices=("queue", "messageGroup")),
        FieldSpec("FifoThroughputLimit", "enum", "perQueue",
                  "FIFO only: perMessageGroupId needs DeduplicationScope messageGroup.",
                  choices=("perQueue", "perMessageGroupId")),
        FieldSpec("VisibilityTimeout", "int", 30,
                  "Seconds a received message stays hidden from other consumers.", 0, 43200),
        FieldSpec("MessageRetentionPeriod", "int", 345600,
                  "Seconds a message is kept before SQS deletes it.", 60, 1209600),
        FieldSpec("DelaySeconds", "int", 0,
                  "Seconds a new message stays hidden before its first delivery.", 0, 900),
        FieldSpec("ReceiveMessageWaitTimeSeconds", "int", 0,
                  "Long-poll wait; event source mappings always long-poll.", 0, 20),
        FieldSpec("MaximumMessageSize", "int", 1048576,
                  "Bytes; larger messages are rejected.", 1024, 1048576),
    ),
    sim=(
        FieldSpec("duplicateRate", "number", 0,
                  "Standard only: chance that SQS stores a message twice (at-least-once).", 0, 1),
    ),
)

# fmt: on

DLQ_PRESET = PresetSpec(
    key="sqs.queue:dlq",
    type="sqs.queue",
    label="DLQ",
    description="A queue that receives what other queues dead-letter.",
    role="dlq",
    props=(("MessageRetentionPeriod", 1209600),),
)
