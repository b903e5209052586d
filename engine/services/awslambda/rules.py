"""Cross-node rules of Lambda: event source mappings (SQS and streams, and workers reading
queues) and asynchronous invocation destinations.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem
from engine.core.shapes import integer, obj, string

MIN_RECORD_AGE = 60  # MaximumRecordAgeInSeconds is -1 or 60..604800
# Props of an event-source mapping that only stream sources (Kinesis, DynamoDB) accept.
STREAM_ONLY_ESM_PROPS = (
    "StartingPosition",
    "ParallelizationFactor",
    "BisectBatchOnFunctionError",
    "MaximumRetryAttempts",
    "MaximumRecordAgeInSeconds",
    "DestinationConfig",
    "ConsumerName",
    "TumblingWindowInSeconds",
)


def _node_path(node: Node, key: str = "") -> str:
    return node.path + (f".{key}" if key else "")


def _edge_path(edge: Edge, key: str = "") -> str:
    return edge.path + (f".{key}" if key else "")


def event_sources(d: Diagram) -> Iterator[Problem]:
    """ "Using Lambda with Amazon SQS": batch sizes, windows and the visibility timeout."""
    pairs: set[tuple[str, str]] = set()
    for edge in (e for e in d.edges if e.kind == "event-source"):
        source, target = d.nodes[edge.source], d.nodes[edge.target]
        if (edge.source, edge.target) in pairs:
            yield Problem(
                _edge_path(edge),
                "duplicate_mapping",
                f"'{edge.target}' already reads '{edge.source}'",
            )
        pairs.add((edge.source, edge.target))
        if source.type == "kinesisvideo.stream" or target.type in (
            "firehose.deliverystream",
            "flink.application",
        ):
            continue  # checked by the video stream's, delivery stream's and Flink's own rules
        if target.type == "pipes.pipe":
            continue  # a pipe's SourceParameters are checked by the pipe's own rules
        if target.type == "worker":
            if source.type not in ("sqs.queue", "kafka.topic", "mq.queue", "mq.topic"):
                yield Problem(
                    _edge_path(edge),
                    "invalid_pair",
                    "a worker polls SQS queues, reads Kafka topics or consumes from Amazon MQ; "
                    "streams are read by Lambda",
                )
            given = edge.set_props()
            for key in given:
                yield Problem(
                    _edge_path(edge, f"props.{key}"),
                    "not_applicable",
                    "a worker reads with its own pollers and batchSize; event source "
                    "mapping props apply to Lambda",
                )
            continue
        if source.type == "sqs.queue":
            yield from _sqs_mapping(edge, source, target)
        elif source.type == "kafka.topic":
            yield from _kafka_mapping(d, edge)
        elif source.type == "mq.queue":
            continue  # checked by the broker's own rules (engine/services/mq/rules.py)
        else:
            yield from _stream_mapping(d, edge, source)


# Mapping props a Kafka source does not take ("Using Lambda with Amazon MSK").
NOT_FOR_KAFKA = {
    "ParallelizationFactor": 1,
    "BisectBatchOnFunctionError": False,
    "MaximumRetryAttempts": -1,
    "MaximumRecordAgeInSeconds": -1,
    "TumblingWindowInSeconds": 0,
    "ConsumerName": None,
}


def _kafka_mapping(d: Diagram, edge: Edge) -> Iterator[Problem]:
    """ "Using Lambda with Amazon MSK": a StartingPosition; one batch per partition, so no
    parallelization factor, bisecting or stream retry settings; batches up to 10,000."""
    p = edge.props
    for key, default in NOT_FOR_KAFKA.items():
        if p.get(key, default) not in (None, default):
            yield Problem(
                _edge_path(edge, f"props.{key}"),
                "not_applicable",
                f"{key} is for Kinesis and DynamoDB stream sources, not Kafka topics",
            )
    yield from _starting_position(edge, "a Kafka mapping")
    destination = ((p["DestinationConfig"] or {}).get("OnFailure") or {}).get("Destination")
    if destination is not None:
        node = d.nodes.get(destination)
        if node is None or node.type not in ("sqs.queue", "sns.topic") or node.is_fifo:
            yield Problem(
                _edge_path(edge, "props.DestinationConfig.OnFailure.Destination"),
                "unknown_node",
                f"'{destination}' is not a standard SQS queue or SNS topic node of this diagram",
            )


def _starting_position(edge: Edge, what: str) -> Iterator[Problem]:
    """A stream or Kafka mapping starts at TRIM_HORIZON or LATEST (AT_TIMESTAMP is not
    simulated)."""
    position = edge.props["StartingPosition"]
    if position is None:
        yield Problem(
            _edge_path(edge, "props.StartingPosition"),
            "required",
            f"{what} needs a StartingPosition: TRIM_HORIZON or LATEST",
        )
    elif position == "AT_TIMESTAMP":
        yield Problem(
            _edge_path(edge, "props.StartingPosition"),
            "not_supported",
            "AT_TIMESTAMP is not simulated; use TRIM_HORIZON or LATEST",
        )


def _record_age(edge: Edge) -> Iterator[Problem]:
    """CreateEventSourceMapping: MaximumRecordAgeInSeconds is -1 (forever) or 60..604800."""
    age = edge.props["MaximumRecordAgeInSeconds"]
    if age is not None and age != -1 and age < MIN_RECORD_AGE:
        yield Problem(
            _edge_path(edge, "props.MaximumRecordAgeInSeconds"),
            "out_of_range",
            f"{age} is not -1 (no limit) or a number of seconds in {MIN_RECORD_AGE}..604800",
        )


def _stream_mapping(d: Diagram, edge: Edge, stream: Node) -> Iterator[Problem]:
    """ "Using Lambda with Kinesis Data Streams": StartingPosition is required; batches hold
    up to 10,000 records; the OnFailure destination is an SQS queue or SNS topic."""
    p = edge.props
    yield from _record_age(edge)
    yield from _starting_position(edge, "a stream mapping")
    if stream.type == "dynamodb.table" and not stream.props.get("StreamSpecification"):
        yield Problem(
            _node_path(stream, "props.StreamSpecification"),
            "required",
            f"table '{stream.id}' has no stream for '{edge.target}' to read; set "
            "StreamSpecification",
        )
    if p.get("ConsumerName") and stream.type != "kinesis.stream":
        yield Problem(
            _edge_path(edge, "props.ConsumerName"),
            "not_applicable",
            "enhanced fan-out consumers are for Kinesis streams",
        )
    destination = ((p["DestinationConfig"] or {}).get("OnFailure") or {}).get("Destination")
    if destination is not None:
        node = d.nodes.get(destination)
        path = _edge_path(edge, "props.DestinationConfig.OnFailure.Destination")
        if node is None or node.type not in ("sqs.queue", "sns.topic"):
            yield Problem(
                path,
                "unknown_node",
                f"'{destination}' is not an SQS queue or SNS topic node of this diagram",
            )
        elif node.is_fifo:
            yield Problem(path, "fifo_destination", "an OnFailure destination must be standard")
    if p["FilterCriteria"]:
        for i, item in enumerate(p["FilterCriteria"].get("Filters", [])):
            keys = item.get("Pattern") if isinstance(item, dict) else None
            allowed = (
                {"data", "partitionKey"}
                if stream.type == "kinesis.stream"
                else {"eventName", "dynamodb"}
            )
            if isinstance(keys, dict) and set(keys) - allowed:
                yield Problem(
                    _edge_path(edge, f"props.FilterCriteria.Filters[{i}].Pattern"),
                    "invalid_filter",
                    f"filters on this source may test {', '.join(sorted(allowed))}",
                )


def _sqs_mapping(edge: Edge, queue: Node, function: Node) -> Iterator[Problem]:
    p = edge.props
    for key in STREAM_ONLY_ESM_PROPS:
        default = {
            "ParallelizationFactor": 1,
            "BisectBatchOnFunctionError": False,
            "MaximumRetryAttempts": -1,
            "MaximumRecordAgeInSeconds": -1,
            "TumblingWindowInSeconds": 0,
        }.get(key)
        if p.get(key) not in (None, default):
            yield Problem(
                _edge_path(edge, f"props.{key}"),
                "not_applicable",
                f"{key} applies to Kinesis and DynamoDB stream sources, not SQS",
            )
    size = p["BatchSize"] or 10
    if queue.is_fifo and size > 10:
        yield Problem(
            _edge_path(edge, "props.BatchSize"),
            "out_of_range",
            f"{size} is more than 10, the most Lambda reads from a FIFO queue",
        )
    # "Lambda parameters for Amazon SQS event source mappings": batching window is not
    # supported for FIFO queues.
    if queue.is_fifo and p["MaximumBatchingWindowInSeconds"]:
        yield Problem(
            _edge_path(edge, "props.MaximumBatchingWindowInSeconds"),
            "not_applicable",
            f"FIFO queue '{queue.id}' takes no batching window; Lambda refuses one",
        )
    if size > 10 and (p["MaximumBatchingWindowInSeconds"] or 0) < 1:
        yield Problem(
            _edge_path(edge, "props.MaximumBatchingWindowInSeconds"),
            "invalid_value",
            f"a BatchSize of {size} (over 10) needs a batching window of at least 1 s",
        )
    timeout = function.props["Timeout"]
    visibility = queue.props["VisibilityTimeout"]
    if timeout > visibility:
        yield Problem(
            _edge_path(edge),
            "visibility_below_timeout",
            f"the queue's VisibilityTimeout ({visibility} s) is below the function's "
            f"Timeout ({timeout} s); Lambda refuses to create this mapping",
        )
    for i, pattern in enumerate((p["FilterCriteria"] or {}).get("Filters", [])):
        keys = pattern.get("Pattern") if isinstance(pattern, dict) else None
        if isinstance(keys, dict) and set(keys) - {"body"}:
            yield Problem(
                _edge_path(edge, f"props.FilterCriteria.Filters[{i}].Pattern"),
                "invalid_filter",
                "SQS filters may only test the 'body' key",
            )


def destinations(d: Diagram) -> Iterator[Problem]:
    """ "Adding a destination": one per condition; FIFO queues and topics are refused."""
    seen: set[tuple[str, str]] = set()
    for edge in (e for e in d.edges if e.kind == "destination"):
        condition = edge.props["condition"]
        if (edge.source, condition) in seen:
            yield Problem(
                _edge_path(edge, "props.condition"),
                "duplicate_destination",
                f"'{edge.source}' already has an {condition} destination",
            )
        seen.add((edge.source, condition))
        if d.nodes[edge.target].is_fifo:
            yield Problem(
                _edge_path(edge),
                "fifo_destination",
                "asynchronous invocation destinations must be standard queues or topics",
            )


def dead_letter_targets(d: Diagram) -> Iterator[Problem]:
    """ "Dead-letter queues" (asynchronous invocation): a standard SQS queue or SNS topic."""
    for function in (n for n in d.nodes.values() if n.type == "lambda.function"):
        target_id = (function.props.get("DeadLetterConfig") or {}).get("TargetArn")
        if target_id is None:
            continue
        target = d.nodes.get(target_id)
        if target is None or target.type not in ("sqs.queue", "sns.topic") or target.is_fifo:
            yield Problem(
                _node_path(function, "props.DeadLetterConfig.TargetArn"),
                "unknown_node",
                f"'{target_id}' is not a standard SQS queue or SNS topic node of this diagram",
            )


RULES = (
    event_sources,
    destinations,
    dead_letter_targets,
)


FUNCTION_DEAD_LETTER = obj(
    '{"TargetArn": "<queue or topic node id>"}', required=("TargetArn",), TargetArn=string()
)
SCALING_CONFIG = obj('{"MaximumConcurrency": 2..1000}', MaximumConcurrency=integer(2, 1000))
ESM_DESTINATION = obj(
    '{"OnFailure": {"Destination": "<node id>"}}',
    required=("OnFailure",),
    OnFailure=obj('{"Destination": "<node id>"}', required=("Destination",), Destination=string()),
)
