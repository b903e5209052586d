"""The `firehose.deliverystream` node type (`AWS::KinesisFirehose::DeliveryStream`) and the
shape of its `BufferingHints`.

Bounds are CloudFormation's and the Firehose API's ("BufferingHints"): SizeInMBs 1..128
(default 5), IntervalInSeconds 0..900 (default 300).
"""

from __future__ import annotations

from engine.core.shapes import integer, obj
from engine.core.spec import FieldSpec, NodeSpec

DEFAULT_SIZE_MB = 5
DEFAULT_INTERVAL_S = 300

BUFFERING_HINTS = obj(
    '{"SizeInMBs": 5, "IntervalInSeconds": 300}',
    SizeInMBs=integer(1, 128),
    IntervalInSeconds=integer(0, 900),
)

SPEC = NodeSpec(
    type="firehose.deliverystream",
    group="Streaming",
    name_prop="DeliveryStreamName",
    arn_format="arn:aws:firehose:{region}:{account}:deliverystream/{name}",
    metric_namespace="AWS/Firehose",
    metric_dimension="DeliveryStreamName",
    metrics=(
        "IncomingRecords",
        "IncomingBytes",
        "DeliveryToS3.Records",
        "DeliveryToS3.Bytes",
        "DeliveryToS3.Success",
        "DeliveryToS3.DataFreshness",
        "ExecuteProcessing.Success",
        "SucceedProcessing.Records",
        "BufferedRecords",
    ),
    counters=(
        ("IncomingRecords", "in"),
        ("DeliveryToS3.Records", "to S3"),
        ("DeliveryToS3.DataFreshness", "age s"),
    ),
    label="Firehose stream",
    description="Buffers records and delivers them to S3 in objects, by size or time, "
    "optionally transformed by a Lambda function.",
    cfn_type="AWS::KinesisFirehose::DeliveryStream",
    props=(
        FieldSpec(
            "DeliveryStreamName",
            "string",
            None,
            pattern=r"[a-zA-Z0-9_.-]{1,64}",
            help="Up to 64 letters, digits, '_', '.' and '-'.",
        ),
        FieldSpec(
            "DeliveryStreamType",
            "enum",
            "DirectPut",
            choices=("DirectPut", "KinesisStreamAsSource", "MSKAsSource"),
            help="DirectPut: producers, rules and pipes put records; KinesisStreamAsSource: "
            "it reads a Kinesis stream, MSKAsSource an MSK topic (an event-source edge).",
        ),
        FieldSpec(
            "BufferingHints",
            "json",
            None,
            check="buffering_hints",
            help='{"SizeInMBs": 1..128, "IntervalInSeconds": 0..900}: deliver when either is '
            "reached (defaults 5 MiB, 300 s).",
        ),
        FieldSpec("Prefix", "string", None, help="S3 key prefix of delivered objects."),
        FieldSpec(
            "ErrorOutputPrefix",
            "string",
            None,
            help="S3 key prefix of records the transform failed.",
        ),
        FieldSpec(
            "CompressionFormat",
            "enum",
            "UNCOMPRESSED",
            choices=("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"),
            help="How delivered objects are compressed.",
        ),
    ),
)
