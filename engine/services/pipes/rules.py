"""Cross-node rules of EventBridge Pipes: what CreatePipe refuses, with contract paths.

A pipe has exactly one source, one target and at most one enrichment ("Amazon
EventBridge Pipes"); its SourceParameters and TargetParameters hold the block of the
source's and the target's type only; stream sources need a StartingPosition; a batch is
no larger than the target's batch API takes ("Amazon EventBridge Pipes batching and
concurrency": 10 for SQS, SNS and EventBridge); filters test the fields the source's
events have ("Event filtering in Amazon EventBridge Pipes").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem
from engine.services.pipes.pipe import BATCH_API_LIMITS, SOURCE_KEYS, TARGET_KEYS, source_kind

PIPE = "pipes.pipe"
FILTER_FIELDS = {
    "sqs.queue": {"body", "messageAttributes"},
    "kinesis.stream": {"data", "partitionKey"},
    "dynamodb.table": {"eventName", "dynamodb"},
    "kafka.topic": {"value", "key"},
    "mq.queue:ACTIVEMQ": {"data"},
    "mq.queue:RABBITMQ": {"data"},
}
# Event source mapping props of the edge, with their defaults: on a pipe they belong in
# SourceParameters, so the edge must leave them alone.
MAPPING_DEFAULTS = {
    "BatchSize": None,
    "MaximumBatchingWindowInSeconds": 0,
    "FunctionResponseTypes": [],
    "ScalingConfig": None,
    "Enabled": True,
    "FilterCriteria": None,
    "StartingPosition": None,
    "ParallelizationFactor": 1,
    "BisectBatchOnFunctionError": False,
    "MaximumRetryAttempts": -1,
    "MaximumRecordAgeInSeconds": -1,
    "DestinationConfig": None,
    "ConsumerName": None,
}
RULE_TARGET_PROPS = ("InputTransformer", "RetryPolicy", "DeadLetterConfig")
MIN_RECORD_AGE = 60


def _path(item: Node | Edge, key: str = "") -> str:
    return item.path + (f".{key}" if key else "")


def pipe_wiring(d: Diagram) -> Iterator[Problem]:
    """One source, one target, at most one enrichment, and edges that carry no props of
    their own (the pipe's parameters apply)."""
    for pipe in (n for n in d.nodes.values() if n.type == PIPE):
        for kind, least, noun in (
            ("event-source", 1, "source"),
            ("target", 1, "target"),
            ("enrichment", 0, "enrichment"),
        ):
            edges = (
                d.edges_to(pipe.id, kind) if kind == "event-source" else d.edges_from(pipe.id, kind)
            )
            if len(edges) < least:
                yield Problem(
                    _path(pipe), "required", f"pipe '{pipe.id}' needs one {noun} ({kind} edge)"
                )
            for edge in edges[1:]:
                yield Problem(
                    _path(edge),
                    f"too_many_{noun}s" if noun != "enrichment" else "too_many_enrichments",
                    f"pipe '{pipe.id}' already has {noun} edge '{edges[0].id}'; a pipe has one",
                )
        for edge in d.edges_to(pipe.id, "event-source"):
            for key, default in MAPPING_DEFAULTS.items():
                if edge.props.get(key, default) != default:
                    yield Problem(
                        _path(edge, f"props.{key}"),
                        "not_applicable",
                        f"a pipe reads its source by its SourceParameters; set {key} there",
                    )
        for edge in d.edges_from(pipe.id, "target"):
            for key in RULE_TARGET_PROPS:
                if edge.props.get(key) is not None:
                    yield Problem(
                        _path(edge, f"props.{key}"),
                        "not_applicable",
                        f"{key} is for rule targets; a pipe's TargetParameters apply",
                    )


def pipe_parameters(d: Diagram) -> Iterator[Problem]:
    for pipe in (n for n in d.nodes.values() if n.type == PIPE):
        sources = d.edges_to(pipe.id, "event-source")
        targets = d.edges_from(pipe.id, "target")
        source = d.nodes[sources[0].source] if sources else None
        target = d.nodes[targets[0].target] if targets else None
        if source is not None:
            yield from _source_parameters(d, pipe, source)
        if target is not None:
            yield from _target_parameters(pipe, target, source)
        for edge in d.edges_from(pipe.id, "enrichment"):
            node = d.nodes[edge.target]
            if (
                node.type == "stepfunctions.statemachine"
                and node.props.get("StateMachineType") != "EXPRESS"
            ):
                yield Problem(
                    _path(edge),
                    "invalid_enrichment",
                    "an enrichment state machine must be EXPRESS (called synchronously)",
                )


def _source_parameters(d: Diagram, pipe: Node, source: Node) -> Iterator[Problem]:
    given: dict[str, Any] = pipe.props.get("SourceParameters") or {}
    base = "props.SourceParameters"
    kind = source_kind(source)
    own = SOURCE_KEYS.get(kind)
    for key in set(SOURCE_KEYS.values()) & set(given):
        if key != own:
            yield Problem(
                _path(pipe, f"{base}.{key}"),
                "not_applicable",
                f"the source '{source.id}' is a {source.type}; only {own} applies",
            )
    params = given.get(own) or {}
    if kind.startswith("mq.queue"):
        yield from _mq_source(pipe, source, params, f"{base}.{own}")
    elif source.type != "sqs.queue":
        yield from _stream_source(d, pipe, source, params, f"{base}.{own}")
    else:
        yield from _sqs_source(pipe, source, params, f"{base}.{own}")
    fields = FILTER_FIELDS.get(kind, set())
    for i, item in enumerate((given.get("FilterCriteria") or {}).get("Filters", [])):
        pattern = _pattern(item)
        if isinstance(pattern, dict) and set(pattern) - fields:
            yield Problem(
                _path(pipe, f"{base}.FilterCriteria.Filters[{i}].Pattern"),
                "invalid_filter",
                f"events from a {source.type} have {', '.join(sorted(fields))} to filter on",
            )


def _pattern(item: Any) -> Any:
    pattern = item.get("Pattern") if isinstance(item, dict) else None
    if isinstance(pattern, str):
        try:
            return json.loads(pattern)
        except ValueError:
            return None
    return pattern


def _sqs_source(pipe: Node, queue: Node, params: dict, path: str) -> Iterator[Problem]:
    """CreatePipe for SQS: a FIFO queue gives batches of at most 10 and takes no window;
    more than 10 needs a batching window of at least 1 s."""
    size = params.get("BatchSize") or 10
    window = params.get("MaximumBatchingWindowInSeconds") or 0
    if queue.is_fifo and size > 10:
        yield Problem(
            _path(pipe, f"{path}.BatchSize"), "out_of_range", f"{size} is over 10 for a FIFO queue"
        )
    elif size > 10 and window < 1:
        yield Problem(
            _path(pipe, f"{path}.MaximumBatchingWindowInSeconds"),
            "invalid_value",
            f"a BatchSize of {size} (over 10) needs a batching window of at least 1 s",
        )


def _mq_source(pipe: Node, queue: Node, params: dict, path: str) -> Iterator[Problem]:
    """An Amazon MQ source names the queue it reads: the source node's own."""
    name = queue.props.get("QueueName") or queue.id
    given = params.get("QueueName")
    if given is not None and given != name:
        yield Problem(
            _path(pipe, f"{path}.QueueName"),
            "invalid_value",
            f"the pipe reads queue '{name}' (its source '{queue.id}'), not '{given}'",
        )


def _stream_source(
    d: Diagram, pipe: Node, stream: Node, params: dict, path: str
) -> Iterator[Problem]:
    position = params.get("StartingPosition")
    if position is None:
        yield Problem(
            _path(pipe, f"{path}.StartingPosition"),
            "required",
            "a stream source needs a StartingPosition: TRIM_HORIZON or LATEST",
        )
    elif position == "AT_TIMESTAMP":
        yield Problem(
            _path(pipe, f"{path}.StartingPosition"),
            "not_supported",
            "AT_TIMESTAMP is not simulated; use TRIM_HORIZON or LATEST",
        )
    age = params.get("MaximumRecordAgeInSeconds", -1)
    if age != -1 and age < MIN_RECORD_AGE:
        yield Problem(
            _path(pipe, f"{path}.MaximumRecordAgeInSeconds"),
            "out_of_range",
            f"{age} is not -1 (no limit) or a number of seconds in 60..604800",
        )
    if stream.type == "dynamodb.table" and not stream.props.get("StreamSpecification"):
        yield Problem(
            _path(stream, "props.StreamSpecification"),
            "required",
            f"table '{stream.id}' has no stream for pipe '{pipe.id}' to read; "
            "set StreamSpecification",
        )
    dlq = (params.get("DeadLetterConfig") or {}).get("Arn")
    if dlq is not None:
        node = d.nodes.get(dlq)
        if node is None or node.type not in ("sqs.queue", "sns.topic") or node.is_fifo:
            yield Problem(
                _path(pipe, f"{path}.DeadLetterConfig.Arn"),
                "unknown_node",
                f"'{dlq}' is not a standard SQS queue or SNS topic node of this diagram",
            )


def _target_parameters(pipe: Node, target: Node, source: Node | None) -> Iterator[Problem]:
    given: dict[str, Any] = pipe.props.get("TargetParameters") or {}
    base = "props.TargetParameters"
    own = TARGET_KEYS.get(target.type)
    for key in set(TARGET_KEYS.values()) & set(given):
        if key != own:
            yield Problem(
                _path(pipe, f"{base}.{key}"),
                "not_applicable",
                f"the target '{target.id}' is a {target.type}; {key} does not apply",
            )
    params = given.get(own) or {}
    if target.type == "kinesis.stream" and not params.get("PartitionKey"):
        yield Problem(
            _path(pipe, f"{base}.KinesisStreamParameters.PartitionKey"),
            "required",
            "a Kinesis target needs a PartitionKey (a value or a JSON path like $.body.id)",
        )
    if target.type == "sqs.queue" and target.is_fifo and not params.get("MessageGroupId"):
        yield Problem(
            _path(pipe, f"{base}.SqsQueueParameters.MessageGroupId"),
            "required",
            f"FIFO queue '{target.id}' needs a MessageGroupId for each message",
        )
    if target.type == "sns.topic" and target.is_fifo:
        yield Problem(
            _path(pipe), "fifo_target", "a pipe cannot set a message group for a FIFO topic"
        )
    if source is not None:
        yield from _batch_fits_target(pipe, source, target)


def _batch_fits_target(pipe: Node, source: Node, target: Node) -> Iterator[Problem]:
    """ "Amazon EventBridge Pipes batching and concurrency": no larger than a batch call."""
    limit = BATCH_API_LIMITS.get(target.type)
    key = SOURCE_KEYS.get(source_kind(source), "")
    size = ((pipe.props.get("SourceParameters") or {}).get(key) or {}).get("BatchSize")
    if limit is not None and size is not None and size > limit:  # unset: fits the target
        yield Problem(
            _path(pipe, f"props.SourceParameters.{key}.BatchSize"),
            "out_of_range",
            f"{size} records per batch, but a {target.type} target takes at most {limit} "
            "per batch call; set BatchSize to at most that",
        )


RULES = (pipe_wiring, pipe_parameters)
