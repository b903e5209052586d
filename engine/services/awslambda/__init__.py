"""Lambda: functions (`function`), SQS and stream event source mappings (`sqs_source`,
`stream_source`, seeing the function as an `Invoker`), their filters and rules."""
