"""Import, edges kept inside resources (part two): bucket notifications, rules and their
targets, alarm actions (and what an alarm watches), and publish edges.

A function's publish edges are read from its role: statements whose `Sid` starts with
`Publish` (the exporter's), or, in templates written by hand, send and put statements on a
resource of the template that none of the function's destinations explains.
"""

from __future__ import annotations

from typing import Any

from engine.registry import METRIC_NAMESPACES as NAMESPACES

from .iam import WRITE_ACTIONS
from .import_edges import edge_props, resource_path
from .refs import ImportContext
from .services.cloudwatch import CUSTOM_DIMENSION, CUSTOM_NAMESPACE
from .services.s3 import CONFIGURATIONS

TARGET_PROPS = ("InputTransformer", "RetryPolicy")
TARGET_WIRING = ("Id", "Arn", "RoleArn", "DeadLetterConfig")
OUR_SIDS = ("WriteLogs", "Read", "OnSuccess", "OnFailure", "Publish")


def trace_bucket(ctx: ImportContext, lid: str) -> None:
    config = ctx.props_of(lid).get("NotificationConfiguration") or {}
    bucket = ctx.node_of[lid]
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for group, key in CONFIGURATIONS.values():
        for item in config.get(group) or []:
            target = ctx.resolve(item.get(key)) if isinstance(item, dict) else None
            if not target or not isinstance(item.get("Event"), str):
                ctx.warn(
                    resource_path(lid, "NotificationConfiguration", group),
                    "unmapped_reference",
                    "a notification's destination is not in the diagram",
                )
                continue
            key_filter = item.get("Filter")
            props = grouped.setdefault((target, repr(key_filter)), {"Events": []})
            props["Events"].append(item["Event"])
            if key_filter:
                props["Filter"] = key_filter
    for (target, _), props in grouped.items():
        ctx.add_edge("notification", bucket, target, props=props, origin=lid)
    enabled = (config.get("EventBridgeConfiguration") or {}).get("EventBridgeEnabled")
    default_bus = ctx.default_bus_node() if enabled in (True, "true") else None
    if default_bus:
        ctx.add_edge("notification", bucket, default_bus, props={}, origin=lid)


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
    props = edge_props("target", target, TARGET_PROPS)
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


def trace_alarm(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    alarm = ctx.node_of[lid]
    watched = watched_node(ctx, given)
    if watched:
        ctx.nodes[alarm]["props"]["watch"] = watched
    else:
        ctx.warn(
            resource_path(lid, "Dimensions"),
            "unmapped_reference",
            "the metric it watches is not of a node in the diagram",
        )
    for index, action in enumerate(given.get("AlarmActions") or []):
        topic = ctx.resolve(action)
        if topic and ctx.nodes[topic]["type"] == "sns.topic":
            ctx.add_edge("alarm-action", alarm, topic, props={}, origin=lid)
        else:
            ctx.warn(
                f"{resource_path(lid, 'AlarmActions')}[{index}]",
                "unmapped_reference",
                "only SNS topics of the diagram can be alarm actions",
            )


def watched_node(ctx: ImportContext, given: dict[str, Any]) -> str | None:
    """The node whose metric an alarm reads, from its namespace's main dimension."""
    namespace = given.get("Namespace")
    names = {name for ns, name in NAMESPACES.values() if ns == namespace}
    if namespace == CUSTOM_NAMESPACE:
        names = {CUSTOM_DIMENSION}
    for dimension in given.get("Dimensions") or []:
        if isinstance(dimension, dict) and dimension.get("Name") in names:
            value = dimension.get("Value")
            if namespace == CUSTOM_NAMESPACE:
                return value if value in ctx.nodes else None
            if value == "default" and dimension.get("Name") == "EventBusName":
                return ctx.default_bus_node()
            return ctx.resolve(value)
    return None


def trace_function(ctx: ImportContext, lid: str) -> None:
    """Publish edges, from the role's statements."""
    function = ctx.node_of[lid]
    explained = {
        (e["target"]) for e in ctx.edges if e["source"] == function and e["kind"] == "destination"
    }
    explained |= {
        e["props"].get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        for e in ctx.edges
        if e["target"] == function and e["kind"] == "event-source"
    }
    seen: set[str] = set()
    for statement in role_statements(ctx, ctx.props_of(lid).get("Role")):
        for target in _publish_targets(ctx, statement, explained):
            if target not in seen and target != function:
                seen.add(target)
                ctx.add_edge("publish", function, target, props={}, origin=lid)


def _publish_targets(ctx: ImportContext, statement: dict, explained: set) -> list[str]:
    sid = statement.get("Sid") if isinstance(statement.get("Sid"), str) else ""
    ours = sid.startswith(OUR_SIDS)
    if statement.get("Effect") != "Allow" or (ours and not sid.startswith("Publish")):
        return []
    actions = statement.get("Action")
    actions = {actions} if isinstance(actions, str) else set(actions or [])
    resources = statement.get("Resource")
    resources = resources if isinstance(resources, list) else [resources]
    found = []
    for resource in resources:
        target = ctx.resolve(resource)
        kind = ctx.nodes[target]["type"] if target else None
        writes = kind in WRITE_ACTIONS and kind != "lambda.function"
        if writes and actions & set(WRITE_ACTIONS[kind]) and (ours or target not in explained):
            found.append(target)
    return found


def role_statements(ctx: ImportContext, role: Any) -> list[dict[str, Any]]:
    """Every statement of the role (inline policies and AWS::IAM::Policy resources)."""
    role_lid = ctx.getatt_target(role) if isinstance(role, dict) and "Fn::GetAtt" in role else None
    if not role_lid or ctx.type_of(role_lid) != "AWS::IAM::Role":
        return []
    documents = [
        p.get("PolicyDocument")
        for p in ctx.props_of(role_lid).get("Policies") or []
        if isinstance(p, dict)
    ]
    for lid, resource in ctx.resources.items():
        roles = ctx.props_of(lid).get("Roles") or []
        if resource.get("Type") == "AWS::IAM::Policy" and {"Ref": role_lid} in roles:
            documents.append(ctx.props_of(lid).get("PolicyDocument"))
    statements = []
    for document in documents:
        found = (document or {}).get("Statement") if isinstance(document, dict) else None
        found = [found] if isinstance(found, dict) else found or []
        statements.extend(s for s in found if isinstance(s, dict))
    return statements
