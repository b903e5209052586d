"""Design advice: warnings about diagrams that AWS would deploy but that will hurt in use.

Errors (what AWS refuses) belong to the engine (`engine.schema.rules`); this module holds the
advice AWS gives in its guides, over a diagram `engine.load_diagram` has accepted. Each
rule is one small function listed in `RULES`; each warning is `{path, code, message, fix}`
with the contract path of the value to change, a message naming the values, and a fix
saying what to change. Rules for Kinesis and EventBridge join `RULES` when those node
types exist in the registry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from designer import (
    advice_flink,
    advice_mq,
    advice_partners,
    advice_pipes,
    advice_runtimes,
    advice_stepfunctions,
    advice_video,
)
from designer.advice_base import Advice, AdviceRule
from designer.advice_delivery import consumer_without_idempotency, delivery_logs_without_failures
from designer.cloudformation.export import limit_problems
from engine import registry
from engine.core.diagram import Diagram, Edge, Node
from engine.core.message import encode_attributes, encode_body
from engine.runtime.templates import PLACEHOLDER
from engine.sns import filter_policy_matches

# "Using Lambda with Amazon SQS": visibility timeout at least six times the function timeout.
VISIBILITY_FACTOR = 6
# "Using Lambda with Amazon SQS": a maxReceiveCount of at least 5, so throttled batches do
# not reach the dead-letter queue before the function has really tried them.
MIN_RECEIVE_COUNT = 5
# How Lambda is invoked ("Invoking Lambda functions"): an event source mapping polls and
# invokes synchronously; every other trigger in a diagram (an SNS subscription, a
# destination, an S3 notification, an EventBridge target) invokes asynchronously.
POLLING_KINDS = ("event-source",)


def _node_path(node: Node, key: str = "") -> str:
    return f"nodes[{node.index}]" + (f".{key}" if key else "")


def _edge_path(edge: Edge, key: str = "") -> str:
    return f"edges[{edge.index}]" + (f".{key}" if key else "")


def _prop(node: Node, name: str) -> Any:
    """A node prop, with the spec's default where the document holds null."""
    value = node.props.get(name)
    return registry.node_spec(node.type).prop(name).default if value is None else value


def _sim(node: Node, name: str) -> Any:
    value = node.sim.get(name)
    return registry.node_spec(node.type).sim_field(name).default if value is None else value


def _edge_prop(edge: Edge, name: str) -> Any:
    value = edge.props.get(name)
    return registry.edge_kind(edge.kind).prop(name).default if value is None else value


def _readers(d: Diagram, queue: Node, target_type: str | None = None) -> list[tuple[Edge, Node]]:
    return [
        (edge, d.nodes[edge.target])
        for edge in d.edges_from(queue.id, "event-source")
        if target_type is None or d.nodes[edge.target].type == target_type
    ]


def _names(ids: list[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)


def visibility_timeout_for_lambda(d: Diagram) -> Iterator[Advice]:
    """ "Using Lambda with Amazon SQS": VisibilityTimeout ≥ 6 × Timeout + batching window."""
    for queue in (n for n in d.nodes.values() if n.type == "sqs.queue"):
        for edge, function in _readers(d, queue, "lambda.function"):
            timeout = _prop(function, "Timeout")
            window = _edge_prop(edge, "MaximumBatchingWindowInSeconds")
            visibility = _prop(queue, "VisibilityTimeout")
            wanted = VISIBILITY_FACTOR * timeout + window
            if visibility >= wanted:
                continue
            plus = f" + MaximumBatchingWindowInSeconds {window} s" if window else ""
            yield Advice(
                _node_path(queue, "props.VisibilityTimeout"),
                "visibility_timeout_short",
                f"queue '{queue.id}' has a VisibilityTimeout of {visibility} s, less than "
                f"{VISIBILITY_FACTOR} × the Timeout of function '{function.id}' ({timeout} s)"
                f"{plus} = {wanted} s; a batch retried after throttling or an error can "
                "become visible again while it is still being processed",
                f"Set VisibilityTimeout of '{queue.id}' to at least {wanted} s, or lower the "
                f"Timeout of '{function.id}'.",
            )


def queue_without_dead_letter_queue(d: Diagram) -> Iterator[Advice]:
    """ "Using dead-letter queues": a consumed queue should set failing messages aside."""
    for queue in (n for n in d.nodes.values() if n.type == "sqs.queue"):
        readers = _readers(d, queue)
        if not readers or d.edges_from(queue.id, "dead-letter"):
            continue
        yield Advice(
            _node_path(queue),
            "no_dead_letter_queue",
            f"queue '{queue.id}' is read by {_names([n.id for _, n in readers])} but has no "
            "dead-letter queue; a message that always fails is received again and again "
            f"until it expires after {_prop(queue, 'MessageRetentionPeriod')} s",
            f"Add a dead-letter edge from '{queue.id}' to another queue (the palette's DLQ).",
        )


def low_max_receive_count(d: Diagram) -> Iterator[Advice]:
    """ "Using Lambda with Amazon SQS": maxReceiveCount ≥ 5 on a queue a function reads."""
    for edge in d.edges:
        if edge.kind != "dead-letter":
            continue
        queue = d.nodes[edge.source]
        if queue.type != "sqs.queue":
            continue
        functions = [n.id for _, n in _readers(d, queue, "lambda.function")]
        count = _edge_prop(edge, "maxReceiveCount")
        if not functions or count >= MIN_RECEIVE_COUNT:
            continue
        yield Advice(
            _edge_path(edge, "props.maxReceiveCount"),
            "max_receive_count_low",
            f"queue '{queue.id}' is read by function {_names(functions)} and moves a message "
            f"to '{edge.target}' after {count} receives; a batch that was only throttled "
            f"counts as a receive, so good messages can land in the dead-letter queue",
            f"Set maxReceiveCount of edge '{edge.id}' to at least {MIN_RECEIVE_COUNT}.",
        )


def async_function_without_on_failure(d: Diagram) -> Iterator[Advice]:
    """ "Configuring destinations for asynchronous invocation": keep failed events."""
    targets = ", ".join(registry.edge_kind("destination").targets)
    for function in (n for n in d.nodes.values() if n.type == "lambda.function"):
        invokers = list(
            dict.fromkeys(
                e.source
                for e in d.edges_to(function.id)
                if e.kind not in POLLING_KINDS
                and e.kind != "task"  # a state machine's task waits for the answer
                and not advice_pipes.invokes_synchronously(d, e)
            )
        )
        on_failure = [
            e
            for e in d.edges_from(function.id, "destination")
            if e.props.get("condition") == "OnFailure"
        ]
        if not invokers or on_failure:
            continue
        retries = _sim(function, "MaximumRetryAttempts")
        yield Advice(
            _node_path(function),
            "no_on_failure_destination",
            f"function '{function.id}' is invoked asynchronously by {_names(invokers)} and "
            f"has no OnFailure destination; an event that still fails after {retries} "
            "retries is discarded",
            f"Add a destination edge from '{function.id}' with condition OnFailure to one of: "
            f"{targets}.",
        )


def subscription_without_redrive_policy(d: Diagram) -> Iterator[Advice]:
    """ "Amazon SNS dead-letter queues (DLQs)": keep what SNS cannot deliver."""
    for edge in (e for e in d.edges if e.kind == "subscription"):
        topic = d.nodes[edge.source]
        if _edge_prop(edge, "RedrivePolicy") or topic.type != "sns.topic":
            continue
        kind = "FIFO" if _prop(topic, "FifoTopic") else "standard"
        yield Advice(
            _edge_path(edge, "props.RedrivePolicy"),
            "no_subscription_dlq",
            f"subscription '{edge.id}' ('{edge.source}' → '{edge.target}') has no "
            "RedrivePolicy; a message SNS cannot deliver, after its delivery retries, is "
            "discarded",
            f'Set RedrivePolicy of \'{edge.id}\' to {{"deadLetterTargetArn": "<queue id>"}} '
            f"naming a {kind} SQS queue.",
        )


def dead_letter_retention(d: Diagram) -> Iterator[Advice]:
    """ "Using dead-letter queues": a standard queue's messages keep their original enqueue
    time in the DLQ, so a DLQ that keeps them no longer than the source deletes them at
    once or soon after they arrive (FIFO queues reset the time, so they are left out)."""
    for edge in (e for e in d.edges if e.kind == "dead-letter"):
        source, dlq = d.nodes[edge.source], d.nodes[edge.target]
        if source.type != "sqs.queue" or _prop(source, "FifoQueue"):
            continue
        kept = _prop(dlq, "MessageRetentionPeriod")
        source_kept = _prop(source, "MessageRetentionPeriod")
        if kept > source_kept:
            continue
        yield Advice(
            _node_path(dlq, "props.MessageRetentionPeriod"),
            "dlq_retention_not_longer",
            f"dead-letter queue '{dlq.id}' keeps messages {kept} s, no longer than its source "
            f"'{source.id}' ({source_kept} s); a message's age counts from when it entered "
            f"'{source.id}', so it can expire in the DLQ before anyone looks at it",
            f"Set MessageRetentionPeriod of '{dlq.id}' above {source_kept} s "
            "(the maximum is 1209600 s, 14 days).",
        )


def producer_without_publish(d: Diagram) -> Iterator[Advice]:
    """A producer with no publish edge sends nothing anywhere."""
    targets = ", ".join(registry.edge_kind("publish").targets)
    for producer in (n for n in d.nodes.values() if n.type == "producer"):
        if d.edges_from(producer.id, "publish"):
            continue
        yield Advice(
            _node_path(producer),
            "producer_not_publishing",
            f"producer '{producer.id}' has no publish edge, so its messages go nowhere",
            f"Draw a publish edge from '{producer.id}' to one of: {targets}.",
        )


def function_without_trigger(d: Diagram) -> Iterator[Advice]:
    """A function nothing invokes never runs in the simulation (or in AWS)."""
    triggers = "; ".join(
        f"{spec.kind} from {', '.join(sources)}"
        for spec in registry.EDGE_KINDS
        if (sources := [s for s, t in spec.pairs() if t == "lambda.function"])
    )
    for function in (n for n in d.nodes.values() if n.type == "lambda.function"):
        if d.edges_to(function.id):
            continue
        yield Advice(
            _node_path(function),
            "function_without_trigger",
            f"function '{function.id}' has no trigger: no edge leads to it, so it never runs",
            f"Connect a trigger to '{function.id}': {triggers}.",
        )


# --- filter policies that can never match -------------------------------------------------


def _has_placeholder(value: Any) -> bool:
    if isinstance(value, str):
        return PLACEHOLDER.search(value) is not None
    if isinstance(value, dict):
        return any(_has_placeholder(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_placeholder(v) for v in value)
    return False


def _is_or_group(value: Any) -> bool:
    return isinstance(value, list) and len(value) >= 2 and all(isinstance(b, dict) for b in value)


def _required_keys(policy: dict, prefix: tuple = ()) -> list[list[tuple]]:
    """Per alternative of the policy (`$or` expanded), the key paths a message must have:
    every key except those that also accept `{"exists": false}` (absence)."""
    alternatives: list[list[tuple]] = [[]]
    for key, value in policy.items():
        if key == "$or" and _is_or_group(value):
            options = [alt for branch in value for alt in _required_keys(branch, prefix)]
        elif isinstance(value, dict):
            options = _required_keys(value, (*prefix, key))
        elif isinstance(value, list) and {"exists": False} not in value:
            options = [[(*prefix, key)]]
        else:
            options = [[]]
        alternatives = [done + option for done in alternatives for option in options]
    return alternatives


def _may_have(value: Any, path: tuple) -> bool:
    """Whether a rendered message could hold `path` (arrays are searched element by element,
    as SNS does; a string, template or not, never holds keys)."""
    if not path:
        return True
    if isinstance(value, dict):
        return path[0] in value and _may_have(value[path[0]], path[1:])
    if isinstance(value, list):
        return any(_may_have(item, path) for item in value)
    return False


def _missing(policy: dict, message: Any) -> list[str] | None:
    """The keys no alternative of the policy finds in `message`, or None if one could match."""
    missing = []
    for alternative in _required_keys(policy):
        absent = [".".join(map(str, p)) for p in alternative if not _may_have(message, p)]
        if not absent:
            return None
        missing.extend(a for a in absent if a not in missing)
    return missing


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _why_attributes_never_match(policy: dict, producer: Node) -> str | None:
    attributes = _sim(producer, "attributes")
    if not attributes:
        return f"producer '{producer.id}' sends no message attributes"
    if not _has_placeholder(attributes):
        if filter_policy_matches(policy, encode_attributes(attributes), None):
            return None
        return f"producer '{producer.id}' always sends the attributes {_short(attributes)}"
    missing = _missing(policy, attributes)
    return f"producer '{producer.id}' never sends {', '.join(missing)}" if missing else None


def _why_body_never_matches(policy: dict, producer: Node) -> str | None:
    payload = _sim(producer, "payload")
    if isinstance(payload, str) and _has_placeholder(payload):
        return None  # the rendered text might be a JSON object: cannot tell
    if not _has_placeholder(payload):
        if filter_policy_matches(policy, None, encode_body(payload), "MessageBody"):
            return None
        return f"producer '{producer.id}' always publishes the body {_short(payload)}"
    if not isinstance(payload, dict):
        return f"producer '{producer.id}' publishes a body that is not a JSON object"
    missing = _missing(policy, payload)
    return f"producer '{producer.id}' never sends {', '.join(missing)}" if missing else None


def _publishers(d: Diagram, topic: Node) -> list[Node] | None:
    """The producers that publish to `topic`, or None when anything else sends to it too
    (a function's output depends on what reaches it, so nothing can be decided)."""
    edges = d.edges_to(topic.id)
    if not edges or any(e.kind != "publish" or d.nodes[e.source].type != "producer" for e in edges):
        return None
    return [d.nodes[source] for source in dict.fromkeys(e.source for e in edges)]


def filter_policy_never_matches(d: Diagram) -> Iterator[Advice]:
    """A subscription whose filter policy no published message can satisfy, decided exactly
    from what the topic's producers send: literal messages are matched with the engine's
    own `filter_policy_matches`; templated ones by the keys they can hold."""
    for edge in (e for e in d.edges if e.kind == "subscription"):
        policy = edge.props.get("FilterPolicy")
        producers = _publishers(d, d.nodes[edge.source]) if policy else None
        if not producers:
            continue
        scope = _edge_prop(edge, "FilterPolicyScope")
        why = _why_body_never_matches if scope == "MessageBody" else _why_attributes_never_match
        reasons = [why(policy, producer) for producer in producers]
        if any(reason is None for reason in reasons):
            continue
        yield Advice(
            _edge_path(edge, "props.FilterPolicy"),
            "filter_never_matches",
            f"the filter policy of subscription '{edge.id}' ('{edge.source}' → "
            f"'{edge.target}', scope {scope}) can never match: {'; '.join(reasons)}",
            f"Change the FilterPolicy or FilterPolicyScope of '{edge.id}' to match what is "
            "published, or change what the producers send.",
        )


def cloudformation_quotas(d: Diagram) -> Iterator[Advice]:
    """Over CloudFormation's quotas per template (500 resources, 200 outputs): export
    would refuse it, so say so while the diagram is being drawn."""
    for problem in limit_problems(d):
        fix = "Split the diagram into smaller ones (one stack each) before exporting it."
        yield Advice(problem.path, problem.code, problem.message, fix)


RULES: tuple[AdviceRule, ...] = (
    visibility_timeout_for_lambda,
    queue_without_dead_letter_queue,
    low_max_receive_count,
    async_function_without_on_failure,
    subscription_without_redrive_policy,
    dead_letter_retention,
    filter_policy_never_matches,
    producer_without_publish,
    function_without_trigger,
    cloudformation_quotas,
    advice_pipes.pipe_filter_drops_everything,
    consumer_without_idempotency,
    delivery_logs_without_failures,
    advice_video.video_reader_falls_behind,
    advice_stepfunctions.express_runs_out_of_time,
    advice_stepfunctions.lambda_task_without_retry,
    advice_partners.partner_events_on_the_wrong_bus,
    advice_runtimes.deprecated_runtime,
    *advice_mq.RULES,
    *advice_flink.RULES,
)


def advise(diagram: Diagram) -> list[Advice]:
    """Every warning about a loaded diagram, rule by rule, in `RULES` order."""
    return [advice for rule in RULES for advice in rule(diagram)]
