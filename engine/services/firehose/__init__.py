"""Amazon Data Firehose (Kinesis Data Firehose): buffered delivery to S3."""
