"""Rules that span nodes and edges: what AWS refuses when resources are wired together.

Each rule cites the AWS behaviour it enforces; each returns problems with contract paths.
Design advice (warnings a deployment would survive) belongs to the designer, not here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from engine.runtime.names import duplicate_names
from engine.services.cloudwatch.alarm import alarm_rules
from engine.core.diagram import Diagram, Edge, Node
from engine.schema.edges import STREAM_ONLY_ESM_PROPS
from engine.core.errors import Problem
from engine.services.eventbridge.rules import EVENTBRIDGE_RULES
from engine.services.s3.config import notification_rules
from engine.matching.filter_policies import validate_filter_policy

Rule = Callable[[Diagram], Iterator[Problem]]


def _node_path(node: Node, key: str = "") -> str:
    return f"nodes[{node.index}]" + (f".{key}" if key else "")


def _edge_path(edge: Edge, key: str = "") -> str:
    return f"edges[{edge.index}]" + (f".{key}" if key else "")


def is_fifo(node: Node) -> bool:
    return bool(node.props.get("FifoQueue") or node.props.get("FifoTopic"))


def _kind(node: Node) -> str:
    return "FIFO" if is_fifo(node) else "standard"


def fifo_names(d: Diagram) -> Iterator[Problem]:
    """ "Amazon SQS FIFO queues" / "SNS FIFO topics": a FIFO name ends in .fifo, and only
    a FIFO resource's does."""
    for node in d.nodes.values():
        for name_prop in ("QueueName", "TopicName"):
            name = node.props.get(name_prop)
            if name and is_fifo(node) != name.endswith(".fifo"):
                want = "must end in .fifo" if is_fifo(node) else "ends in .fifo but FIFO is off"
                yield Problem(
                    _node_path(node, f"props.{name_prop}"), "fifo_name", f"'{name}' {want}"
                )


def fifo_only_props(d: Diagram) -> Iterator[Problem]:
    """FIFO-only queue attributes are refused on standard queues and topics."""
    for node in d.nodes.values():
        if node.type not in ("sqs.queue", "sns.topic") or is_fifo(node):
            continue
        p = node.props
        found = [
            name
            for name, default in (
                ("ContentBasedDeduplication", False),
                ("DeduplicationScope", "queue"),
                ("FifoThroughputLimit", "perQueue"),
            )
            if name in p and p[name] not in (default, None)
        ]
        for name in found:
            yield Problem(
                _node_path(node, f"props.{name}"),
                "fifo_only",
                f"{name} applies to FIFO {node.type.split('.')[1]}s only",
            )
    for node in d.nodes.values():
        if node.type == "sqs.queue" and is_fifo(node):
            p = node.props
            if (
                p["FifoThroughputLimit"] == "perMessageGroupId"
                and p["DeduplicationScope"] != "messageGroup"
            ):
                yield Problem(
                    _node_path(node, "props.FifoThroughputLimit"),
                    "invalid_combination",
                    "perMessageGroupId needs DeduplicationScope messageGroup "
                    "(high throughput mode)",
                )
            if node.sim.get("duplicateRate"):
                yield Problem(
                    _node_path(node, "sim.duplicateRate"),
                    "fifo_only",
                    "FIFO queues never duplicate messages; duplicateRate is for standard queues",
                )


def dead_letter_queues(d: Diagram) -> Iterator[Problem]:
    """ "Using dead-letter queues": one redrive policy per queue, to a queue of the same type."""
    seen: set[str] = set()
    for edge in d.edges:
        if edge.kind != "dead-letter":
            continue
        source, target = d.nodes[edge.source], d.nodes[edge.target]
        if edge.source in seen:
            yield Problem(
                _edge_path(edge),
                "duplicate_redrive",
                f"queue '{edge.source}' already has a dead-letter queue; a queue has one",
            )
        seen.add(edge.source)
        if edge.source == edge.target:
            yield Problem(_edge_path(edge), "invalid_pair", "a queue cannot be its own DLQ")
        elif is_fifo(source) != is_fifo(target):
            yield Problem(
                _edge_path(edge),
                "dlq_type_mismatch",
                f"the DLQ of a {_kind(source)} queue must be {_kind(source)} too; "
                f"'{target.id}' is {_kind(target)}",
            )


def subscriptions(d: Diagram) -> Iterator[Problem]:
    """SNS subscriptions: FIFO topics deliver to SQS only; FIFO queues take FIFO topics only;
    raw delivery is for SQS; filter policies and subscription DLQs are well-formed."""
    for edge in (e for e in d.edges if e.kind == "subscription"):
        topic, target = d.nodes[edge.source], d.nodes[edge.target]
        p = edge.props
        if target.type == "lambda.function" and is_fifo(topic):
            yield Problem(
                _edge_path(edge),
                "fifo_protocol",
                "a FIFO topic delivers only to SQS queues, not to Lambda",
            )
        if target.type == "sqs.queue" and is_fifo(target) and not is_fifo(topic):
            yield Problem(
                _edge_path(edge),
                "fifo_mismatch",
                f"FIFO queue '{target.id}' can only subscribe to a FIFO topic",
            )
        if p["RawMessageDelivery"] and target.type != "sqs.queue":
            yield Problem(
                _edge_path(edge, "props.RawMessageDelivery"),
                "invalid_value",
                "raw message delivery applies to SQS (and HTTP/S, Firehose) "
                "subscriptions, not Lambda",
            )
        if p["FilterPolicy"] is not None:
            yield from validate_filter_policy(
                p["FilterPolicy"],
                _edge_path(edge, "props.FilterPolicy"),
                p["FilterPolicyScope"] or "MessageAttributes",
            )
        yield from _subscription_dlq(d, edge, topic)


def _subscription_dlq(d: Diagram, edge: Edge, topic: Node) -> Iterator[Problem]:
    dlq_id = (edge.props["RedrivePolicy"] or {}).get("deadLetterTargetArn")
    if dlq_id is None:
        return
    path = _edge_path(edge, "props.RedrivePolicy.deadLetterTargetArn")
    dlq = d.nodes.get(dlq_id)
    if dlq is None or dlq.type != "sqs.queue":
        yield Problem(path, "unknown_node", f"'{dlq_id}' is not an SQS queue node of this diagram")
    elif is_fifo(dlq) != is_fifo(topic):
        yield Problem(
            path,
            "dlq_type_mismatch",
            f"a {_kind(topic)} topic needs a {_kind(topic)} DLQ; '{dlq_id}' is {_kind(dlq)}",
        )


def event_sources(d: Diagram) -> Iterator[Problem]:
    """ "Using Lambda with Amazon SQS": batch sizes, windows and the visibility timeout."""
    pairs: set[tuple[str, str]] = set()
    for edge in (e for e in d.edges if e.kind == "event-source"):
        source, target = d.nodes[edge.source], d.nodes[edge.target]
        p = edge.props
        if (edge.source, edge.target) in pairs:
            yield Problem(
                _edge_path(edge),
                "duplicate_mapping",
                f"'{edge.target}' already reads '{edge.source}'",
            )
        pairs.add((edge.source, edge.target))
        if target.type == "worker":
            if source.type != "sqs.queue":
                yield Problem(
                    _edge_path(edge),
                    "invalid_pair",
                    "a worker polls SQS queues; streams are read by Lambda",
                )
            given = [k for k, v in p.items() if v not in (None, [], False, 0, -1, 1, True)]
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
        else:
            yield from _stream_mapping(d, edge, source)


def _stream_mapping(d: Diagram, edge: Edge, stream: Node) -> Iterator[Problem]:
    """ "Using Lambda with Kinesis Data Streams": StartingPosition is required; batches hold
    up to 10,000 records; the OnFailure destination is an SQS queue or SNS topic."""
    p = edge.props
    if p["StartingPosition"] is None:
        yield Problem(
            _edge_path(edge, "props.StartingPosition"),
            "required",
            "a stream mapping needs a StartingPosition: TRIM_HORIZON or LATEST",
        )
    elif p["StartingPosition"] == "AT_TIMESTAMP":
        yield Problem(
            _edge_path(edge, "props.StartingPosition"),
            "not_supported",
            "AT_TIMESTAMP is not simulated; use TRIM_HORIZON or LATEST",
        )
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
        elif is_fifo(node):
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
        }.get(key)
        if p.get(key) not in (None, default):
            yield Problem(
                _edge_path(edge, f"props.{key}"),
                "not_applicable",
                f"{key} applies to Kinesis and DynamoDB stream sources, not SQS",
            )
    size = p["BatchSize"] or 10
    if is_fifo(queue) and size > 10:
        yield Problem(
            _edge_path(edge, "props.BatchSize"),
            "out_of_range",
            f"{size} is more than 10, the most Lambda reads from a FIFO queue",
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
        if is_fifo(d.nodes[edge.target]):
            yield Problem(
                _edge_path(edge),
                "fifo_destination",
                "asynchronous invocation destinations must be standard queues or topics",
            )


def producers(d: Diagram) -> Iterator[Problem]:
    """What a producer must send to FIFO targets: a group id, and a deduplication id unless
    content-based deduplication is on; per-message delays only to standard queues."""
    for node in (n for n in d.nodes.values() if n.type == "producer"):
        s = node.sim
        for edge in d.edges_from(node.id, "publish"):
            target = d.nodes[edge.target]
            if is_fifo(target):
                if not s["messageGroupId"]:
                    yield Problem(
                        _node_path(node, "sim.messageGroupId"),
                        "required",
                        f"publishing to FIFO {target.type} '{target.id}' needs a messageGroupId",
                    )
                if not s["deduplicationId"] and not target.props["ContentBasedDeduplication"]:
                    yield Problem(
                        _node_path(node, "sim.deduplicationId"),
                        "required",
                        f"'{target.id}' has no ContentBasedDeduplication, so each "
                        "message needs a deduplicationId",
                    )
            if target.type == "kinesis.stream" and not s["partitionKey"]:
                yield Problem(
                    _node_path(node, "sim.partitionKey"),
                    "required",
                    f"publishing to Kinesis stream '{target.id}' needs a partitionKey",
                )
            if s["delaySeconds"] is not None and (target.type != "sqs.queue" or is_fifo(target)):
                yield Problem(
                    _node_path(node, "sim.delaySeconds"),
                    "fifo_only_rule",
                    f"per-message delays apply to standard queues only; '{target.id}' "
                    f"is a {_kind(target)} {target.type}",
                )


RULES: tuple[Rule, ...] = (
    fifo_names,
    fifo_only_props,
    dead_letter_queues,
    subscriptions,
    event_sources,
    destinations,
    producers,
    notification_rules,
    alarm_rules,
    *EVENTBRIDGE_RULES,
    duplicate_names,
)


def check_rules(diagram: Diagram) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(diagram)]
