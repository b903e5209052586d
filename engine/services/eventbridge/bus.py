"""Amazon EventBridge event buses and rules (the rules-based bus, "Custom Event Bus -
Classic"): the engine's `eventbridge.bus` and `eventbridge.rule` nodes.

A bus takes PutEvents entries from producers, functions and workers (`publish`), Lambda
destination records (`destination`), S3 events (`notification`) and events other buses'
rules forward (`target`), and wraps each in the event envelope (`events`).
It offers every event to its rules in document order ("Amazon EventBridge rules"); a rule
matches with its EventPattern (`engine.matching.event_patterns`) unless it is DISABLED, and
each match sends the event, or its input transformer's output, to each of the rule's
targets (`targets`). A scheduled rule sends "Scheduled Event"s to its targets on its own
schedule (`schedule`); those events never pass through a bus.

An event no rule matches is simply not delivered: it ends as `filtered`, with one
`filter-out` trace event at the bus. A matched event is replaced, as in an SNS fan-out, by
one copy per target of each matching rule, each carrying the producer's original payload
(so `failWhen` still sees it); the rule traces a `deliver` when it matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.core.message import Copy
from engine.core.spec import FieldSpec, NodeSpec
from engine.matching.event_patterns import compile_pattern
from engine.runtime import names
from engine.runtime.kernel import ARRIVAL
from engine.runtime.resource import Resource
from engine.runtime.templates import iso_time
from engine.services.eventbridge.archive import REPLAY_KEY, Archive
from engine.services.eventbridge.events import (
    bus_arn,
    encode_event,
    entry_error,
    envelope,
    is_entry_like,
    lambda_result_entry,
    new_event_id,
    normalise,
    parse_json,
    rule_arn,
    scheduled_event,
    wrapped_entry,
)
from engine.services.eventbridge.schedule import parse_schedule
from engine.services.eventbridge.targets import RuleTarget, TargetDeliveries

if TYPE_CHECKING:
    from engine.core.diagram import Edge

DEFAULT_BUS = "default"
# Senders whose events may carry `aws.` sources: AWS services, and rules forwarding events.
TRUSTED_KINDS = ("notification", "target", "destination")

BUS_SPEC = NodeSpec(
    type="eventbridge.bus",
    metrics=(
        "PutEventsEntriesCount",
        "PutEventsFailedEntriesCount",
        "MatchedEvents",
        "TriggeredRules",
        "ArchivedEvents",
        "ReplayedEvents",
    ),
    group="Routing",
    name_prop="Name",
    arn_format="arn:aws:events:{region}:{account}:event-bus/{name}",
    metric_namespace="AWS/Events",
    metric_dimension="EventBusName",
    counters=(
        ("PutEventsEntriesCount", "events"),
        ("MatchedEvents", "matched"),
    ),
    label="EventBridge bus",
    description="Takes events and offers each to its rules; matching rules send it to "
    "their targets.",
    cfn_type="AWS::Events::EventBus",
    props=(
        FieldSpec(
            "Name",
            "string",
            None,
            pattern=r"[A-Za-z0-9._-]{1,256}|aws\.partner(/[.\-_A-Za-z0-9]+){2,}",
            help="Empty or 'default': the account's default bus; otherwise a custom bus "
            "(a partner event bus is named after its EventSourceName).",
        ),
        FieldSpec(
            "EventSourceName",
            "string",
            None,
            pattern=r"aws\.partner(/[.\-_A-Za-z0-9]+){2,}",
            help="A partner event bus: the SaaS partner's event source "
            "(aws.partner/<partner>/<namespace>/<name>); the bus's Name must be the same.",
        ),
        FieldSpec(
            "Archives",
            "json",
            None,
            check="bus_archives",
            help='[{"ArchiveName": "orders", "EventPattern": {"source": ["shop"]}, '
            '"RetentionDays": 7}]: each archive keeps the events its pattern matches.',
        ),
    ),
    sim=(
        FieldSpec(
            "replays",
            "json",
            None,
            check="bus_replays",
            help='[{"ReplayName": "again", "ArchiveName": "orders", "At": 120, '
            '"EventStartTime": 0, "EventEndTime": 60, "Rules": ["<rule id>"]}]: send '
            "archived events back at simulated second At.",
        ),
    ),
)

RULE_SPEC = NodeSpec(
    type="eventbridge.rule",
    metrics=(
        "MatchedEvents",
        "TriggeredRules",
        "Invocations",
        "InvocationAttempts",
        "FailedInvocations",
        "DeadLetterInvocations",
        "InvocationsSentToDlq",
        "InvocationsFailedToBeSentToDlq",
    ),
    group="Routing",
    arn_format="arn:aws:events:{region}:{account}:rule/{name}",
    metric_namespace="AWS/Events",
    metric_dimension="RuleName",
    counters=(
        ("MatchedEvents", "matched"),
        ("Invocations", "sent"),
        ("FailedInvocations", "failed"),
    ),
    label="EventBridge rule",
    description="Matches events on its bus with an event pattern, or runs on a schedule, "
    "and sends them to up to 5 targets.",
    cfn_type="AWS::Events::Rule",
    props=(
        FieldSpec(
            "EventPattern",
            "json",
            None,
            check="event_pattern",
            help='e.g. {"source": ["shop.orders"], "detail": {"amount": [{"numeric": '
            '[">=", 500]}]}}',
        ),
        FieldSpec(
            "ScheduleExpression",
            "string",
            None,
            check="schedule_expression",
            help="rate(5 minutes) or cron(0/5 * * * ? *), in UTC; default bus only.",
        ),
        FieldSpec(
            "State",
            "enum",
            "ENABLED",
            choices=("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
            help="A disabled rule matches nothing and does not run on its schedule.",
        ),
    ),
)


class EventBus(Resource):
    """Invariant: each event it accepts ends here (filtered: no rule matched; dropped: the
    matching rules have no targets) or is replaced by exactly one copy per target of each
    matching rule. The bus itself holds nothing."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.name = node.props["Name"] or DEFAULT_BUS
        # A partner event bus takes its partner's events, whose source starts with `aws.`.
        self.partner_source = node.props.get("EventSourceName")
        self.arn = bus_arn(self.name)
        self.rules: list[tuple[str, EventRule]] = []  # (rule edge id, rule), document order
        self.inputs: dict[str, tuple[Edge, Resource]] = {}
        # Ids of the events it took, kept only when a rule may send events here: a rule
        # target that would bring an event back is not invoked (DeadLetterInvocations).
        self.ingested: set[str] | None = None
        self.entries = self.failed_entries = self.matched = self.triggered = 0
        self.archives = {a["ArchiveName"]: Archive(a) for a in node.props.get("Archives") or []}
        self.replays: list[dict[str, Any]] = list(node.sim.get("replays") or [])
        self.replayed = 0
        self.discoverers: list[Any] = []  # schema registries discovering on this bus

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "rule":
            self.rules.append((edge.id, target))
        super().wire_out(edge, target)

    def wire_in(self, edge, source: Resource) -> None:
        self.inputs[edge.id] = (edge, source)
        if edge.kind == "target":
            self.ingested = set()

    def start(self) -> None:
        for replay in self.replays:
            self.kernel.at(float(replay["At"]), ARRIVAL, self._replay, replay)

    def has_ingested(self, event_id: str) -> bool:
        return self.ingested is not None and event_id in self.ingested

    # --- ingestion -----------------------------------------------------------------
    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """PutEvents (or an AWS service's event): None when taken, else the entry's error."""
        link = self.inputs.get(edge) if edge is not None else None
        kind = link[0].kind if link else "publish"
        if kind == "task":  # a state machine's events:putEvents task is a PutEvents call
            kind = "publish"
        entry = self._entry(copy, kind, link)
        partner = self.partner_source is not None and isinstance(entry, dict)
        trusted = kind in TRUSTED_KINDS or (partner and entry.get("source") == self.partner_source)
        error = entry_error(entry, trusted=trusted)
        if kind == "publish":
            self.entries += 1
        if error is not None:
            if kind == "publish":
                self.failed_entries += 1
            return error
        now = self.kernel.now
        # Events S3 sends and events rules forward arrive whole: they keep their id.
        forwarded = kind in ("notification", "target")
        event = envelope(entry, rng=self.sim.rng, now=now, forwarded=forwarded)
        if self.ingested is not None:
            self.ingested.add(event["id"])
        self.rec.emit("deliver", self.id, copy, edge=edge)
        for archive in self.archives.values():
            archive.offer(now, copy, event)
        for registry in self.discoverers:
            registry.observe(event)
        self._route(copy, event)
        return None

    def _replay(self, replay: dict[str, Any]) -> None:
        """StartReplay: each archived event of the range, marked with the replay's name, to
        every rule or to the replay's rules."""
        archive = self.archives[replay["ArchiveName"]]
        name = replay["ReplayName"]
        only = set(replay.get("Rules") or []) or None
        now = self.kernel.now
        start = float(replay.get("EventStartTime", 0))
        end = float(replay.get("EventEndTime", replay["At"]))
        for original, event in list(archive.between(now, start, end)):
            again = dict(event)
            again[REPLAY_KEY] = name
            copy = self.sim.derive(original, body=encode_event(again), attributes={})
            self.replayed += 1
            self.rec.emit("replay", self.id, copy, replay=name, archive=archive.name)
            self._route(copy, again, only=only)

    def _entry(self, copy: Copy, kind: str, link: tuple[Edge, Resource] | None) -> Any:
        """The PutEvents entry a message stands for (see `engine.services.eventbridge.events`)."""
        if kind == "notification" and isinstance(copy.payload, dict):
            value = copy.payload  # S3 hands over the whole "Object Created" event
        else:
            value = parse_json(copy.body)
        if kind == "destination" and link is not None:
            success = link[0].props.get("condition") == "OnSuccess"
            return lambda_result_entry(value, success=success, bus_arn=self.arn)
        value = normalise(value)
        sender = link[1].node if link else None
        wrap = kind == "publish" and sender is not None and sender.type != "producer"
        if wrap and not is_entry_like(value):
            return wrapped_entry(
                value, sender_type=sender.type, sender_name=names.resource_name(sender)
            )
        return value

    # --- routing -------------------------------------------------------------------
    def _route(self, copy: Copy, event: dict[str, Any], only: set[str] | None = None) -> None:
        matched = [
            (edge, rule)
            for edge, rule in self.rules
            if (only is None or rule.id in only) and rule.matches(event)
        ]
        if not matched:
            self.rec.emit("filter-out", self.id, copy)
            self.rec.end(copy, "filtered")
            return
        self.matched += 1
        self.triggered += len(matched)
        if not any(rule.targets for _edge, rule in matched):
            for edge, rule in matched:
                rule.note_match(copy, edge)
            self.rec.emit("drop", self.id, copy, reason="NoTargets")
            self.rec.end(copy, "dropped")
            return
        body = encode_event(event)
        self.rec.replaced(copy)  # by one copy per target of each matching rule
        for edge, rule in matched:
            rule.note_match(copy, edge)
            rule.send_to_targets(copy, event, body)

    # --- reporting -----------------------------------------------------------------
    def metrics(self) -> dict[str, Any]:
        # PutEvents* count the entries producers, functions and workers put (CloudWatch
        # reports them per account; here per bus). MatchedEvents: events any rule matched.
        return {
            "PutEventsEntriesCount": self.entries,
            "PutEventsFailedEntriesCount": self.failed_entries,
            "MatchedEvents": self.matched,
            "TriggeredRules": self.triggered,
            "ArchivedEvents": sum(a.archived for a in self.archives.values()),
            "ReplayedEvents": self.replayed,
        }


class EventRule(Resource):
    """Invariants: a disabled rule matches nothing and never fires; every event it matches
    or fires reaches each of its targets through `deliveries`, which holds those waiting
    for a retry (in flight) and nothing else."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        p = node.props
        self.enabled = p["State"] != "DISABLED"
        pattern = p["EventPattern"]
        self.pattern = compile_pattern(pattern) if pattern is not None else None
        schedule = p["ScheduleExpression"]
        self.schedule = parse_schedule(schedule) if schedule else None
        self.name = node.id
        self.bus: EventBus | None = None
        self.targets: list[RuleTarget] = []
        self.deliveries = TargetDeliveries(self)
        self.matched = self.fired = 0

    @property
    def arn(self) -> str:
        return rule_arn(self.bus.name if self.bus else DEFAULT_BUS, self.name)

    def wire_in(self, edge, source: Resource) -> None:
        if edge.kind == "rule":
            self.bus = source

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "target":
            dlq_id = (edge.props["DeadLetterConfig"] or {}).get("Arn")
            self.targets.append(RuleTarget(edge, target, self.sim.resources.get(dlq_id)))
        super().wire_out(edge, target)

    def start(self) -> None:
        if self.schedule is not None and self.enabled:
            first = self.schedule.next_after(0.0)
            if first is not None:
                self.kernel.at(first, ARRIVAL, self._fire)

    # --- events from the bus -------------------------------------------------------
    def matches(self, event: dict[str, Any]) -> bool:
        return self.enabled and self.pattern is not None and self.pattern.matches(event)

    def note_match(self, copy: Copy, edge: str) -> None:
        self.matched += 1
        self.rec.emit("deliver", self.id, copy, edge=edge)

    def send_to_targets(self, copy: Copy, event: dict[str, Any], body: str) -> None:
        """One new copy of `copy` to each target: the event, or the transformer's output."""
        now = self.kernel.now
        for target in self.targets:
            if target.transformer is not None:
                variables = target.transformer.variables(
                    event, rule_arn=self.arn, rule_name=self.name, ingestion_time=iso_time(now)
                )
                out_body = target.transformer.render(variables)
            else:
                out_body = body
            # Kinesis targets without KinesisParameters use the event id as partition key.
            out = self.sim.derive(copy, body=out_body, attributes={}, partition_key=event["id"])
            self.deliveries.send(target, out, ingested_at=now, event_id=event["id"])

    # --- the schedule --------------------------------------------------------------
    def _fire(self) -> None:
        now = self.kernel.now
        event = scheduled_event(event_id=new_event_id(self.sim.rng), now=now, rule_arn=self.arn)
        body = encode_event(event)
        copy = self.sim.new_copy(body=body, attributes={}, payload=event)
        self.fired += 1
        self.rec.emit("publish", self.id, copy)
        if self.targets:
            self.rec.replaced(copy)  # by one copy per target
            self.send_to_targets(copy, event, body)
        else:
            self.rec.emit("drop", self.id, copy, reason="NoTargets")
            self.rec.end(copy, "dropped")
        following = self.schedule.next_after(now)
        if following is not None:
            self.kernel.at(following, ARRIVAL, self._fire)

    # --- reporting -----------------------------------------------------------------
    def holdings(self) -> dict[str, int]:
        return {"in_flight": self.deliveries.pending}

    def metrics(self) -> dict[str, Any]:
        d = self.deliveries
        return {
            "MatchedEvents": self.matched,
            "TriggeredRules": self.matched + self.fired,
            "Invocations": d.invocations,
            "InvocationAttempts": d.attempts,
            "FailedInvocations": d.failed,
            "DeadLetterInvocations": d.loops,
            "InvocationsSentToDlq": d.sent_to_dlq,
            "InvocationsFailedToBeSentToDlq": d.failed_to_dlq,
        }
