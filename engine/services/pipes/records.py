"""The events a pipe builds from its source's records, as "Amazon EventBridge Pipes
sources" shows them (the SQS message, the Kinesis record with base64 `data`, the
DynamoDB stream record), and the target parameters that read an event (a static value,
or a JSON path: "Dynamic path parameters" of "Amazon EventBridge Pipes targets")."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from engine.core.message import Copy, compact_json
from engine.runtime import names
from engine.services.pipes.template import MISSING, evaluate, parse_path


def sqs_event(copy: Copy, *, source_arn: str, fifo: bool) -> dict[str, Any]:
    """An SQS message as the pipe receives it ("Amazon SQS as a source")."""
    attributes = {
        "ApproximateReceiveCount": str(copy.receive_count),
        "SentTimestamp": str(int(copy.sent_at * 1000)),
        "SenderId": names.ACCOUNT,
        "ApproximateFirstReceiveTimestamp": str(int((copy.first_receive or 0.0) * 1000)),
    }
    if fifo:
        attributes["MessageGroupId"] = copy.group or ""
        attributes["MessageDeduplicationId"] = copy.dedup or ""
    return {
        "messageId": copy.message_id,
        "receiptHandle": f"{copy.id}#{copy.receipt}",
        "body": copy.body,
        "attributes": attributes,
        "messageAttributes": {
            name: {"stringValue": str(attr.get("Value", "")), "dataType": attr.get("Type", "")}
            for name, attr in copy.attributes.items()
        },
        "md5OfBody": hashlib.md5(copy.body.encode("utf-8")).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": source_arn,
        "awsRegion": names.REGION,
    }


def kinesis_event(copy: Copy, *, source_arn: str) -> dict[str, Any]:
    """A Kinesis record as the pipe receives it ("Amazon Kinesis stream as a source")."""
    place = copy.place or {}
    return {
        "kinesisSchemaVersion": "1.0",
        "partitionKey": copy.partition_key,
        "sequenceNumber": place.get("sequence", ""),
        "data": base64.b64encode(copy.body.encode("utf-8")).decode("ascii"),
        "approximateArrivalTimestamp": round(copy.sent_at, 3),
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": f"{place.get('shard', '')}:{place.get('sequence', '')}",
        "eventName": "aws:kinesis:record",
        "awsRegion": names.REGION,
        "eventSourceARN": source_arn,
    }


def kafka_event(copy: Copy, *, source_arn: str) -> dict[str, Any]:
    """A Kafka record as the pipe receives it ("Amazon Managed Streaming for Apache Kafka
    as a source"): base64 key and value, its partition and offset."""
    place = copy.place or {}
    key = copy.partition_key
    return {
        "topic": str(place.get("topic", "")),
        "partition": place.get("partition", 0),
        "offset": place.get("offset", 0),
        "timestamp": int(copy.sent_at * 1000),
        "timestampType": "CREATE_TIME",
        "key": base64.b64encode(key.encode("utf-8")).decode("ascii") if key else None,
        "value": base64.b64encode(copy.body.encode("utf-8")).decode("ascii"),
        "headers": [],
        "eventSource": "aws:kafka",
        "eventSourceArn": source_arn,
    }


def dynamodb_event(copy: Copy) -> Any:
    """A DynamoDB stream record: the record the table wrote, as it is."""
    try:
        return json.loads(copy.body)
    except ValueError:
        return copy.body


def mq_event(copy: Copy, *, source_arn: str, engine: str, queue: str) -> dict[str, Any]:
    """An Amazon MQ message as the pipe receives it ("Amazon MQ broker as a source"):
    ActiveMQ's JMS message, or RabbitMQ's with its basic properties; `data` is base64."""
    data = base64.b64encode(copy.body.encode("utf-8")).decode("ascii")
    redelivered = copy.receive_count > 1
    if engine == "RABBITMQ":
        return {
            "eventSource": "aws:rmq",
            "eventSourceArn": source_arn,
            "eventSourceKey": f"{queue}::/",
            "redelivered": redelivered,
            "basicProperties": {
                "contentType": "application/json",
                "deliveryMode": 2,
                "messageId": copy.message_id,
                "timestamp": int(copy.sent_at),
                "bodySize": len(copy.body.encode("utf-8")),
            },
            "data": data,
        }
    return {
        "eventSource": "aws:amq",
        "eventSourceArn": source_arn,
        "messageID": f"ID:{copy.message_id}",
        "messageType": "jms/text-message",
        "timestamp": int(copy.sent_at * 1000),
        "deliveryMode": 2,
        "redelivered": redelivered,
        "destination": {"physicalName": queue},
        "data": data,
    }


def source_event(
    copy: Copy, *, source_type: str, source_arn: str, fifo: bool, queue: str = ""
) -> Any:
    if source_type.startswith("mq.queue:"):
        engine = source_type.split(":", 1)[1]
        return mq_event(copy, source_arn=source_arn, engine=engine, queue=queue)
    if source_type == "sqs.queue":
        return sqs_event(copy, source_arn=source_arn, fifo=fifo)
    if source_type == "kinesis.stream":
        return kinesis_event(copy, source_arn=source_arn)
    if source_type == "kafka.topic":
        return kafka_event(copy, source_arn=source_arn)
    return dynamodb_event(copy)


def resolve(value: Any, event: Any) -> str | None:
    """A target parameter for one event: a JSON path (`$.body.customer`) read from the
    event, anything else as written; None when the path finds nothing."""
    if not isinstance(value, str):
        return None if value is None else str(value)
    if value.startswith("$"):
        steps = parse_path(value)
        found = evaluate(steps, event) if steps is not None else MISSING
        if found is MISSING or found is None:
            return None
        return found if isinstance(found, str) else compact_json(found)
    return value


def body_of(event: Any) -> str:
    """A message body for an event: a string as is, anything else as compact JSON."""
    return event if isinstance(event, str) else compact_json(event)
