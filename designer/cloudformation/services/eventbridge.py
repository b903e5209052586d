"""EventBridge buses and rules, and the rule and target edges between them.

A bus without a name (or named `default`) is the account's default bus, as in the engine:
it exists already, so it is referred to by ARN and never created. A rule's `Targets` come
from its target edges, each with the edge id as target `Id`. Lambda, SQS and SNS targets
are authorised by resource policies; Kinesis streams and other buses through a role the
rule passes (`RoleArn`), one per rule, granting only those puts ("Using resource-based
policies for Amazon EventBridge", "Using IAM roles to send events to targets").
"""

from __future__ import annotations

import re
from typing import Any

from troposphere import GetAtt, Ref, events

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import ExportContext, Grant, build, is_default_bus
from ..iam import service_role, statement
from ..import_props import edge_props, resource_path, spec_props
from ..names import from_json_text, json_or_text
from ..refs import ImportContext

EVENTS = "events.amazonaws.com"
ROLE_TARGETS = {
    "kinesis.stream": ("kinesis:PutRecord", "kinesis:PutRecords"),
    "eventbridge.bus": ("events:PutEvents",),
    "firehose.deliverystream": ("firehose:PutRecord", "firehose:PutRecordBatch"),
    "eventbridge.apidestination": ("events:InvokeApiDestination",),
    "stepfunctions.statemachine": ("states:StartExecution",),
}
TARGET_ACTIONS = {"sqs.queue": "sqs:SendMessage", "sns.topic": "sns:Publish"}


def export_bus(ctx: ExportContext, node: Node) -> None:
    """The bus (none for the default bus) and one `AWS::Events::Archive` per archive."""
    if not is_default_bus(node):
        props = {"Name": node.props["Name"]}
        if node.props.get("EventSourceName"):  # a partner event bus
            props["EventSourceName"] = node.props["EventSourceName"]
        ctx.add(events.EventBus.from_dict(ctx.lid(node.id), props))
    for archive in node.props.get("Archives") or []:
        name = archive["ArchiveName"]
        props: dict[str, Any] = {"ArchiveName": name, "SourceArn": ctx.arn(node.id)}
        for key in ("Description", "EventPattern", "RetentionDays"):
            if archive.get(key) is not None:
                props[key] = archive[key]
        lid = ctx.ids.derived(f"archive:{node.id}:{name}", f"{ctx.lid(node.id)} {name} Archive")
        ctx.add(events.Archive.from_dict(lid, props))


def import_bus(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    return spec_props(ctx, lid, spec)


def trace_archive(ctx: ImportContext, lid: str) -> None:
    """An archive joins its bus's `Archives`, in template order."""
    given = ctx.props_of(lid)
    bus = ctx.resolve(given.get("SourceArn"))
    if not bus or ctx.nodes[bus]["type"] != "eventbridge.bus":
        ctx.warn(
            resource_path(lid, "SourceArn"), "unmapped_reference", "its bus is not in the diagram"
        )
        return
    name = given.get("ArchiveName")
    if not isinstance(name, str):
        ctx.warn(
            resource_path(lid, "ArchiveName"), "not_literal", "an archive needs a literal name"
        )
        return
    archive: dict[str, Any] = {"ArchiveName": name}
    pattern = from_json_text(given.get("EventPattern"))
    if pattern is not None:
        archive["EventPattern"] = pattern
    if given.get("RetentionDays") is not None:
        days = given["RetentionDays"]
        archive["RetentionDays"] = int(days) if isinstance(days, str) and days.isdigit() else days
    if isinstance(given.get("Description"), str):
        archive["Description"] = given["Description"]
    props = ctx.nodes[bus].setdefault("props", {})
    kept = [a for a in props.get("Archives") or [] if a.get("ArchiveName") != name]
    props["Archives"] = [*kept, archive]


def export_rule(ctx: ExportContext, node: Node) -> None:
    props: dict[str, Any] = ctx.user_props(node)
    if "EventPattern" in props:
        props["EventPattern"] = json_or_text(props["EventPattern"])
    for edge in ctx.diagram.edges_to(node.id, "rule"):
        bus = ctx.node(edge.source)
        if not is_default_bus(bus):
            props["EventBusName"] = Ref(ctx.lid(bus.id))
    targets = [_target(ctx, node, edge) for edge in ctx.diagram.edges_from(node.id, "target")]
    if targets:
        props["Targets"] = targets
    ctx.add(build(events.Rule, ctx.lid(node.id), props, untyped=("EventPattern",)))
    statements = {
        "Put" + ctx.lid(edge.target): statement(
            "Put" + ctx.lid(edge.target), ROLE_TARGETS[kind], [ctx.arn(edge.target)]
        )
        for edge in ctx.diagram.edges_from(node.id, "target")
        if (kind := ctx.node(edge.target).type) in ROLE_TARGETS
    }
    if statements:
        ctx.add(service_role(target_role_id(ctx, node), EVENTS, list(statements.values())))


def target_role_id(ctx: ExportContext, rule: Node) -> str:
    return ctx.ids.derived(f"target-role:{rule.id}", ctx.lid(rule.id) + "TargetRole")


def _target(ctx: ExportContext, rule: Node, edge: Edge) -> dict[str, Any]:
    target: dict[str, Any] = {"Id": edge.id, "Arn": ctx.arn(edge.target)}
    if ctx.node(edge.target).type in ROLE_TARGETS:
        target["RoleArn"] = GetAtt(target_role_id(ctx, rule), "Arn")
    given = ctx.user_edge_props(edge)
    for name in TARGET_PROPS:
        if name in given:
            target[name] = given[name]
    dlq = (given.get("DeadLetterConfig") or {}).get("Arn")
    if dlq:
        target["DeadLetterConfig"] = {"Arn": ctx.arn(dlq)}
    return target


def export_rule_edge(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the rule's EventBusName (see `export_rule`)."""


def export_target(ctx: ExportContext, edge: Edge) -> None:
    """The permission a target needs to receive from the rule (and its DLQ to take what
    the rule could not deliver)."""
    rule_arn = GetAtt(ctx.lid(edge.source), "Arn")
    target = ctx.node(edge.target)
    if target.type == "lambda.function":
        ctx.permission(target.id, edge.source, service=EVENTS)
    elif target.type in TARGET_ACTIONS:
        ctx.grant(target.id, Grant(EVENTS, TARGET_ACTIONS[target.type], rule_arn))
    dlq = (edge.props.get("DeadLetterConfig") or {}).get("Arn")
    if dlq:
        ctx.grant(dlq, Grant(EVENTS, "sqs:SendMessage", rule_arn))


def import_rule(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    given = dict(ctx.props_of(lid))
    if isinstance(given.get("EventPattern"), str):
        given["EventPattern"] = from_json_text(given["EventPattern"])
    return spec_props(ctx, lid, spec, given)


TARGET_PROPS = ("InputTransformer", "RetryPolicy", "SqsParameters")


TARGET_WIRING = ("Id", "Arn", "RoleArn", "DeadLetterConfig")


def trace_rule(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    rule = ctx.node_of[lid]
    bus_name = given.get("EventBusName", "default")
    if bus_name in ("default", None):
        default_bus = ctx.default_bus_node() if given.get("EventPattern") is not None else None
        if default_bus:
            ctx.add_edge("rule", default_bus, rule, props={}, origin=lid)
    else:
        bus = ctx.resolve(bus_name)
        if bus:
            ctx.add_edge("rule", bus, rule, props={}, origin=lid)
        else:
            ctx.warn(
                resource_path(lid, "EventBusName"),
                "unmapped_reference",
                "its bus is not in the diagram",
            )
    for index, target in enumerate(given.get("Targets") or []):
        _trace_target(ctx, lid, rule, index, target)


def _trace_target(ctx: ImportContext, lid: str, rule: str, index: int, target: Any) -> None:
    path = f"{resource_path(lid, 'Targets')}[{index}]"
    node = ctx.resolve(target.get("Arn")) if isinstance(target, dict) else None
    if not node:
        ctx.warn(path, "unmapped_reference", "the target is not in the diagram")
        return
    props = edge_props("target", target, TARGET_PROPS, ctx, path)
    dlq_arn = (target.get("DeadLetterConfig") or {}).get("Arn")
    if dlq_arn is not None:
        dlq = ctx.resolve(dlq_arn)
        if dlq:
            props["DeadLetterConfig"] = {"Arn": dlq}
        else:
            ctx.warn(
                f"{path}.DeadLetterConfig", "unmapped_reference", "its DLQ is not in the diagram"
            )
    for name in target:
        if name not in TARGET_PROPS + TARGET_WIRING:
            ctx.warn(
                f"{path}.{name}",
                "unsupported_property",
                f"{name} of a rule target is not part of the diagram",
            )
    hint = target.get("Id") if isinstance(target.get("Id"), str) else None
    ctx.add_edge("target", rule, node, props=props, origin=lid, hint=hint)


# --- EventBridge Scheduler ------------------------------------------------------------
SCHEDULE_TARGET_KEYS = ("Arn", "RoleArn", "RetryPolicy", "DeadLetterConfig", "SqsParameters")
SCHEDULE_NOISE = ("FlexibleTimeWindow", "GroupName", "Description", "Name", "KmsKeyArn")


def schedule_as_rule(lid: str, resource: dict[str, Any], warn) -> dict[str, Any] | None:
    """An `AWS::Scheduler::Schedule` (SAM's `ScheduleV2` event makes one) read as the
    scheduled rule that does the same in the diagram: its expression, its one target with
    the same retry policy, dead-letter queue and message group. A one-time schedule
    (`at(...)`) has no rule to be; it is left out, said by `warn(path, code, message)`."""
    props = resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
    path = f"Resources.{lid}"
    expression = props.get("ScheduleExpression")
    if not isinstance(expression, str) or not expression.startswith(("rate(", "cron(")):
        warn(
            f"{path}.Properties.ScheduleExpression",
            "unsupported_schedule",
            "only rate() and cron() schedules can be drawn (as a scheduled rule); a one-time "
            "at() schedule was left out",
        )
        return None
    zone = props.get("ScheduleExpressionTimezone")
    if zone not in (None, "UTC", "Etc/UTC"):
        warn(
            f"{path}.Properties.ScheduleExpressionTimezone",
            "unsupported_property",
            f"the schedule runs in UTC in the diagram, not in {zone}",
        )
    # Scheduler takes "rate(5 minute)"; a rule wants the unit's number to agree.
    rate = re.fullmatch(r"rate\((\d+)\s*(minute|hour|day)s?\)", expression.strip())
    if rate:
        unit = rate.group(2) + ("" if rate.group(1) == "1" else "s")
        expression = f"rate({rate.group(1)} {unit})"
    rule: dict[str, Any] = {"ScheduleExpression": expression}
    if props.get("State") in ("ENABLED", "DISABLED"):
        rule["State"] = props["State"]
    given = props.get("Target") if isinstance(props.get("Target"), dict) else {}
    target = {"Id": "Target0", **{k: given[k] for k in SCHEDULE_TARGET_KEYS if k in given}}
    for key in given:
        if key not in SCHEDULE_TARGET_KEYS:
            warn(
                f"{path}.Properties.Target.{key}",
                "unsupported_property",
                f"{key} of a schedule's target is not part of the diagram and was left out",
            )
    if "Arn" in target:
        rule["Targets"] = [target]
    for key in props:
        read = ("ScheduleExpression", "ScheduleExpressionTimezone", "State", "Target")
        if key not in read and key not in SCHEDULE_NOISE:
            warn(
                f"{path}.Properties.{key}",
                "unsupported_property",
                f"{key} of AWS::Scheduler::Schedule is not part of the diagram and was left out",
            )
    warn(
        path,
        "drawn_as",
        "an EventBridge Scheduler schedule is drawn as a scheduled rule of the default bus "
        "(the same expression, target, retries and dead-letter queue)",
    )
    return {"Type": "AWS::Events::Rule", "Properties": rule}
