"""The `pipes.pipe` node type (`AWS::Pipes::Pipe`) and the shapes of its JSON props.

Props keep CloudFormation's names: `SourceParameters` (`FilterCriteria` and the batch
settings of `SqsQueueParameters`, `KinesisStreamParameters`, `DynamoDBStreamParameters`),
`EnrichmentParameters` and `TargetParameters` (`InputTemplate` and the parameters of each
target type). Bounds and defaults are those of the CloudFormation reference for
AWS::Pipes::Pipe and "Amazon EventBridge Pipes batching and concurrency".
"""

from __future__ import annotations

from typing import Any

from engine.core.errors import Problem, join_path
from engine.core.shapes import check_shape, integer, items, obj, one_of, string
from engine.core.spec import FieldSpec, NodeSpec
from engine.polling.filters import check_filter_criteria
from engine.services.pipes.template import check_input_template

SQS_DEFAULT_BATCH = 10
STREAM_DEFAULT_BATCH = 100
INVOCATION_TYPES = ("REQUEST_RESPONSE", "FIRE_AND_FORGET")

_BATCH = {"BatchSize": integer(1, 10000), "MaximumBatchingWindowInSeconds": integer(0, 300)}
_STREAM = dict(
    _BATCH,
    DeadLetterConfig=obj('{"Arn": "<queue or topic node id>"}', required=("Arn",), Arn=string()),
    MaximumRecordAgeInSeconds=integer(-1, 604800),
    MaximumRetryAttempts=integer(-1, 10000),
    OnPartialBatchItemFailure=one_of("AUTOMATIC_BISECT"),
    ParallelizationFactor=integer(1, 10),
)
SOURCE_PARAMETERS = obj(
    '{"FilterCriteria": {...}, "SqsQueueParameters": {"BatchSize": 10}}',
    FilterCriteria=obj('{"Filters": [{"Pattern": "..."}]}', open=True),
    SqsQueueParameters=obj('{"BatchSize": 10, "MaximumBatchingWindowInSeconds": 0}', **_BATCH),
    KinesisStreamParameters=obj(
        '{"StartingPosition": "TRIM_HORIZON", "BatchSize": 100}',
        required=("StartingPosition",),
        StartingPosition=one_of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"),
        **_STREAM,
    ),
    ManagedStreamingKafkaParameters=obj(
        '{"StartingPosition": "TRIM_HORIZON", "BatchSize": 100}',
        required=("StartingPosition",),
        StartingPosition=one_of("TRIM_HORIZON", "LATEST"),
        ConsumerGroupID=string(),
        **_BATCH,
    ),
    ActiveMQBrokerParameters=obj(
        '{"BatchSize": 100, "MaximumBatchingWindowInSeconds": 1}',
        BatchSize=integer(1, 10000),
        MaximumBatchingWindowInSeconds=integer(0, 300),
        QueueName=string(),
    ),
    RabbitMQBrokerParameters=obj(
        '{"BatchSize": 100, "MaximumBatchingWindowInSeconds": 1}',
        BatchSize=integer(1, 10000),
        MaximumBatchingWindowInSeconds=integer(0, 300),
        QueueName=string(),
        VirtualHost=string(),
    ),
    DynamoDBStreamParameters=obj(
        '{"StartingPosition": "TRIM_HORIZON", "BatchSize": 100}',
        required=("StartingPosition",),
        StartingPosition=one_of("TRIM_HORIZON", "LATEST"),
        **_STREAM,
    ),
)
TARGET_PARAMETERS = obj(
    '{"InputTemplate": "...", "SqsQueueParameters": {"MessageGroupId": "..."}}',
    InputTemplate=string(),
    SqsQueueParameters=obj(
        '{"MessageGroupId": "$.body.customer"}',
        MessageGroupId=string(),
        MessageDeduplicationId=string(),
    ),
    KinesisStreamParameters=obj(
        '{"PartitionKey": "$.body.customer"}', required=("PartitionKey",), PartitionKey=string()
    ),
    EventBridgeEventBusParameters=obj(
        '{"DetailType": "OrderEnriched", "Source": "orders.pipe"}',
        DetailType=string(),
        Source=string(),
        Resources=items('["arn:..."]', string(), most=10),
    ),
    LambdaFunctionParameters=obj(
        '{"InvocationType": "REQUEST_RESPONSE"}', InvocationType=one_of(*INVOCATION_TYPES)
    ),
    StepFunctionStateMachineParameters=obj(
        '{"InvocationType": "FIRE_AND_FORGET"}', InvocationType=one_of(*INVOCATION_TYPES)
    ),
)
ENRICHMENT_PARAMETERS = obj('{"InputTemplate": "..."}', InputTemplate=string())


def check_source_parameters(value: Any, path: str) -> list[Problem]:
    problems = check_shape(SOURCE_PARAMETERS, value, path)
    if not problems and value.get("FilterCriteria") is not None:
        problems = check_filter_criteria(value["FilterCriteria"], join_path(path, "FilterCriteria"))
    return problems


def _check_template_holder(shape, value: Any, path: str) -> list[Problem]:
    problems = check_shape(shape, value, path)
    if not problems and "InputTemplate" in value:
        problems = check_input_template(value["InputTemplate"], join_path(path, "InputTemplate"))
    return problems


def check_target_parameters(value: Any, path: str) -> list[Problem]:
    return _check_template_holder(TARGET_PARAMETERS, value, path)


def check_enrichment_parameters(value: Any, path: str) -> list[Problem]:
    return _check_template_holder(ENRICHMENT_PARAMETERS, value, path)


SPEC = NodeSpec(
    type="pipes.pipe",
    metrics=(
        "Invocations",
        "EventCount",
        "ExecutionFailed",
        "ExecutionPartiallyFailed",
        "TargetStageFailed",
        "EnrichmentStageFailed",
        "Concurrency",
        "PeakConcurrency",
    ),
    group="Routing",
    name_prop="Name",
    arn_format="arn:aws:pipes:{region}:{account}:pipe/{name}",
    metric_namespace="AWS/EventBridge/Pipes",
    metric_dimension="PipeName",
    counters=(
        ("EventCount", "events"),
        ("ExecutionFailed", "failed"),
        ("Concurrency", "running"),
    ),
    label="EventBridge pipe",
    description="Polls one source, filters, optionally enriches, and sends to one target.",
    cfn_type="AWS::Pipes::Pipe",
    props=(
        FieldSpec(
            "Name",
            "string",
            None,
            pattern=r"[\.\-_A-Za-z0-9]{1,64}",
            help="Up to 64 letters, digits, dots, hyphens and underscores.",
        ),
        FieldSpec(
            "DesiredState",
            "enum",
            "RUNNING",
            choices=("RUNNING", "STOPPED"),
            help="A STOPPED pipe does not poll its source.",
        ),
        FieldSpec(
            "SourceParameters",
            "json",
            None,
            check="pipe_source_parameters",
            help='{"FilterCriteria": {"Filters": [{"Pattern": "{\\"body\\": ...}"}]}, '
            '"SqsQueueParameters": {"BatchSize": 10}}: filter and batch settings.',
        ),
        FieldSpec(
            "EnrichmentParameters",
            "json",
            None,
            check="pipe_enrichment_parameters",
            help='{"InputTemplate": "..."}: what the enrichment receives for each event.',
        ),
        FieldSpec(
            "TargetParameters",
            "json",
            None,
            check="pipe_target_parameters",
            help='{"InputTemplate": "{\\"id\\": <$.body.id>}", "SqsQueueParameters": '
            '{"MessageGroupId": "..."}}: how each event reaches the target.',
        ),
    ),
)
