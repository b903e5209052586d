"""Rules that span nodes and edges: what AWS refuses when resources are wired together.

Each service holds its own cross-node rules (`engine/services/<service>/rules.py`); this
module keeps the few that span services (FIFO names and FIFO-only props of queues and
topics, names unique per type) and lists every rule once, in `RULES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from engine.core.diagram import Diagram, Node
from engine.core.errors import Problem
from engine.runtime.names import resource_name
from engine.schema.stores import RULES as STORE_RULES
from engine.services.awslambda.rules import RULES as LAMBDA_RULES
from engine.services.cloudwatch.alarm import alarm_rules
from engine.services.eventbridge.rules import EVENTBRIDGE_RULES
from engine.services.firehose.rules import RULES as FIREHOSE_RULES
from engine.services.flink.rules import RULES as FLINK_RULES
from engine.services.kinesisvideo.rules import RULES as KINESISVIDEO_RULES
from engine.services.mq.rules import RULES as MQ_RULES
from engine.services.pipes.rules import RULES as PIPES_RULES
from engine.services.producer.rules import RULES as PRODUCER_RULES
from engine.services.s3.config import notification_rules
from engine.services.sns.rules import RULES as SNS_RULES
from engine.services.sqs.rules import RULES as SQS_RULES
from engine.services.stepfunctions.rules import RULES as STEPFUNCTIONS_RULES

Rule = Callable[[Diagram], Iterator[Problem]]


def _node_path(node: Node, key: str = "") -> str:
    return node.path + (f".{key}" if key else "")


def fifo_names(d: Diagram) -> Iterator[Problem]:
    """ "Amazon SQS FIFO queues" / "SNS FIFO topics": a FIFO name ends in .fifo, and only
    a FIFO resource's does."""
    for node in d.nodes.values():
        for name_prop in ("QueueName", "TopicName"):
            name = node.props.get(name_prop)
            if name and node.is_fifo != name.endswith(".fifo"):
                want = "must end in .fifo" if node.is_fifo else "ends in .fifo but FIFO is off"
                yield Problem(
                    _node_path(node, f"props.{name_prop}"), "fifo_name", f"'{name}' {want}"
                )


def fifo_only_props(d: Diagram) -> Iterator[Problem]:
    """FIFO-only queue attributes are refused on standard queues and topics."""
    for node in d.nodes.values():
        if node.type not in ("sqs.queue", "sns.topic") or node.is_fifo:
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
        if node.type == "sqs.queue" and node.is_fifo:
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


def duplicate_names(diagram: Diagram) -> Iterator[Problem]:
    """Names are unique per type in an account and Region: two queues named `orders` are one
    queue on AWS (and CloudFormation refuses to create the second). Buckets and buses have
    rules of their own."""
    seen: dict[tuple[str, str], str] = {}
    for node in diagram.nodes.values():
        prop = node.spec.name_prop if node.spec is not None else None
        if not prop or not node.props.get(prop) or node.type in ("s3.bucket", "eventbridge.bus"):
            continue
        # Kafka topics are named within their cluster, broker destinations within their broker.
        scope = node.props.get("ClusterName") or node.props.get("BrokerName") or ""
        key = (node.type, scope, resource_name(node))
        if key in seen:
            yield Problem(
                _node_path(node, f"props.{prop}"),
                "duplicate_name",
                f"'{key[2]}' is also the {prop} of '{seen[key]}'; names are "
                f"unique per {node.type} in an account and Region"
                + (f" (here, in '{scope}')" if scope else ""),
            )
        else:
            seen[key] = node.id


RULES: tuple[Rule, ...] = (
    fifo_names,
    fifo_only_props,
    *SQS_RULES,
    *SNS_RULES,
    *LAMBDA_RULES,
    *PRODUCER_RULES,
    notification_rules,
    alarm_rules,
    *EVENTBRIDGE_RULES,
    *PIPES_RULES,
    *KINESISVIDEO_RULES,
    *FIREHOSE_RULES,
    *STEPFUNCTIONS_RULES,
    *MQ_RULES,
    *FLINK_RULES,
    duplicate_names,
    *STORE_RULES,
)


def check_rules(diagram: Diagram) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(diagram)]
