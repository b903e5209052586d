"""Cross-node rules for EventBridge buses, rules and targets: what `PutRule` and
`PutTargets` refuse, with contract paths. `engine.schema.rules` lists them in its `RULES`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import Problem

DEFAULT_BUS = "default"
MAX_TARGETS = 5  # "Amazon EventBridge quotas": 5 targets per rule
MAX_PATTERN_CHARS = 4096  # API reference "Rule": EventPattern is at most 4,096 characters


def _node_path(node: Node, key: str = "") -> str:
    return f"nodes[{node.index}]" + (f".{key}" if key else "")


def _edge_path(edge: Edge, key: str = "") -> str:
    return f"edges[{edge.index}]" + (f".{key}" if key else "")


def _bus_name(node: Node) -> str:
    return node.props.get("Name") or DEFAULT_BUS


def eventbridge_buses(d: Diagram) -> Iterator[Problem]:
    """An account has one default event bus per Region, and bus names are unique in it."""
    seen: dict[str, Node] = {}
    for node in (n for n in d.nodes.values() if n.type == "eventbridge.bus"):
        name = _bus_name(node)
        if name in seen:
            what = "the default bus" if name == DEFAULT_BUS else f"bus '{name}'"
            yield Problem(
                _node_path(node, "props.Name"),
                "duplicate_bus",
                f"'{seen[name].id}' is already {what}; an account has one bus of a name "
                "(and one default bus) per Region",
            )
        else:
            seen[name] = node
        yield from _partner_bus(node)


def _partner_bus(bus: Node) -> Iterator[Problem]:
    """ "Receiving events from a SaaS partner": a partner event bus has the name of the
    partner event source it is matched with; only such a bus has an `aws.partner/` name."""
    source = bus.props.get("EventSourceName")
    name = bus.props.get("Name")
    if source is not None and name != source:
        yield Problem(
            _node_path(bus, "props.Name"),
            "partner_bus_name",
            f"a partner event bus is named after its event source: set Name to '{source}'",
        )
    elif source is None and isinstance(name, str) and name.startswith("aws.partner/"):
        yield Problem(
            _node_path(bus, "props.EventSourceName"),
            "required",
            f"'{name}' is a partner event bus name: set EventSourceName to the same",
        )


def eventbridge_rules(d: Diagram) -> Iterator[Problem]:
    """ "PutRule": a rule has an EventPattern, a ScheduleExpression or both, and belongs to
    one bus; a pattern is at most 4,096 characters (API reference "Rule"); a rule has at
    most 5 targets. Scheduled rules live on the default bus, the only bus the console
    offers schedules on (the fact sheet marks this unconfirmed in the API text)."""
    for rule in (n for n in d.nodes.values() if n.type == "eventbridge.rule"):
        p = rule.props
        if p.get("EventPattern") is None and not p.get("ScheduleExpression"):
            yield Problem(
                _node_path(rule, "props"),
                "required",
                "a rule needs an EventPattern, a ScheduleExpression, or both",
            )
        pattern = p.get("EventPattern")
        if (
            pattern is not None
            and len(json.dumps(pattern, separators=(",", ":"))) > MAX_PATTERN_CHARS
        ):
            yield Problem(
                _node_path(rule, "props.EventPattern"),
                "too_long",
                f"the pattern is longer than {MAX_PATTERN_CHARS} characters",
            )
        yield from _rule_bus(d, rule)
        for edge in d.edges_from(rule.id, "target")[MAX_TARGETS:]:
            yield Problem(
                _edge_path(edge),
                "too_many_targets",
                f"rule '{rule.id}' already has {MAX_TARGETS} targets; a rule has at most "
                f"{MAX_TARGETS}",
            )


def _rule_bus(d: Diagram, rule: Node) -> Iterator[Problem]:
    buses = d.edges_to(rule.id, "rule")
    for edge in buses[1:]:
        yield Problem(
            _edge_path(edge),
            "duplicate_bus",
            f"rule '{rule.id}' is already on bus '{buses[0].source}'; a rule belongs to one bus",
        )
    if rule.props.get("ScheduleExpression") and buses:
        bus = d.nodes[buses[0].source]
        if _bus_name(bus) != DEFAULT_BUS:
            yield Problem(
                _node_path(rule, "props.ScheduleExpression"),
                "schedule_on_custom_bus",
                f"scheduled rules run on the default event bus; '{bus.id}' is the custom "
                f"bus '{_bus_name(bus)}'",
            )


def eventbridge_targets(d: Diagram) -> Iterator[Problem]:
    """ "PutTargets": a FIFO queue target needs `SqsParameters.MessageGroupId`, which
    target edges do not carry (so FIFO targets are refused); a target's dead-letter queue
    is a standard SQS queue ("Using dead-letter queues to process undelivered events")."""
    for edge in (e for e in d.edges if e.kind == "target"):
        if d.nodes[edge.source].type != "eventbridge.rule":
            continue  # a pipe's targets follow its TargetParameters (the pipe's rules)
        target = d.nodes[edge.target]
        group = (edge.props.get("SqsParameters") or {}).get("MessageGroupId")
        if target.type == "sns.topic" and target.is_fifo:
            yield Problem(
                _edge_path(edge),
                "fifo_target",
                f"FIFO topic '{target.id}' cannot be a rule's target: EventBridge sends no "
                "message group id to a topic; use a FIFO queue (with SqsParameters) or a "
                "standard topic",
            )
        elif target.type == "sqs.queue" and target.is_fifo and group is None:
            yield Problem(
                _edge_path(edge, "props.SqsParameters"),
                "fifo_target",
                f"FIFO queue '{target.id}' needs the message group of each event: set "
                'SqsParameters, e.g. {"MessageGroupId": "orders"}',
            )
        elif target.type == "sqs.queue" and target.is_fifo:
            if not target.props.get("ContentBasedDeduplication"):
                yield Problem(
                    _edge_path(edge, "props.SqsParameters"),
                    "fifo_target",
                    f"FIFO queue '{target.id}' needs ContentBasedDeduplication to be a "
                    "rule's target (EventBridge sends no deduplication id)",
                )
        elif group is not None and target.type != "sqs.queue":
            yield Problem(
                _edge_path(edge, "props.SqsParameters"),
                "not_applicable",
                f"SqsParameters only apply to an SQS queue target; '{target.id}' is a "
                f"{target.type}",
            )
        dlq_id = (edge.props.get("DeadLetterConfig") or {}).get("Arn")
        if dlq_id is None:
            continue
        path = _edge_path(edge, "props.DeadLetterConfig.Arn")
        dlq = d.nodes.get(dlq_id)
        if dlq is None or dlq.type != "sqs.queue":
            yield Problem(
                path, "unknown_node", f"'{dlq_id}' is not an SQS queue node of this diagram"
            )
        elif dlq.is_fifo:
            yield Problem(
                path,
                "fifo_dead_letter",
                f"'{dlq_id}' is a FIFO queue; a rule target's dead-letter queue must be standard",
            )


def eventbridge_replays(d: Diagram) -> Iterator[Problem]:
    """StartReplay names an archive of the bus it replays to, and rules of that bus."""
    for bus in (n for n in d.nodes.values() if n.type == "eventbridge.bus"):
        archives = {a.get("ArchiveName") for a in bus.props.get("Archives") or []}
        rules = {e.target for e in d.edges_from(bus.id, "rule")}
        for index, replay in enumerate(bus.sim.get("replays") or []):
            at = _node_path(bus, f"sim.replays[{index}]")
            if replay.get("ArchiveName") not in archives:
                yield Problem(
                    f"{at}.ArchiveName",
                    "unknown_archive",
                    f"'{replay.get('ArchiveName')}' is not an archive of '{bus.id}' (its "
                    "Archives prop)",
                )
            for n, rule in enumerate(replay.get("Rules") or []):
                if rule not in rules:
                    yield Problem(
                        f"{at}.Rules[{n}]",
                        "unknown_rule",
                        f"'{rule}' is not a rule on '{bus.id}'",
                    )


EVENTBRIDGE_RULES = (eventbridge_buses, eventbridge_rules, eventbridge_targets, eventbridge_replays)
