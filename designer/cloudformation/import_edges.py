"""Import, edges: what joins the resources, traced from the template (part one).

Subscriptions and event source mappings are resources of their own; a queue's redrive
policy is a dead-letter edge; an `EventInvokeConfig` holds a function's destinations (and
its asynchronous retry settings, which are sim fields). Each tracer reads one resource
and adds the edges it finds, with warnings for what points outside the diagram;
`importer.EDGE_TRACERS` says which tracer reads which resource type. Part two, the
edges kept inside buckets, rules, alarms and roles, is `import_wiring`.
"""

from __future__ import annotations

from typing import Any

from engine import registry

from .import_props import coerce
from .names import compact_json, from_json_text
from .refs import ImportContext

SUBSCRIPTION_PROTOCOLS = ("sqs", "lambda")
SUBSCRIPTION_PROPS = ("FilterPolicy", "FilterPolicyScope", "RawMessageDelivery")
SUBSCRIPTION_WIRING = ("TopicArn", "Protocol", "Endpoint", "RedrivePolicy")


def resource_path(lid: str, *keys: str) -> str:
    return ".".join(("Resources", lid) + (("Properties",) + keys if keys else ()))


def edge_props(kind: str, given: dict, names: tuple[str, ...]) -> dict[str, Any]:
    """The edge props `names` that `given` sets, as the diagram spells them."""
    spec = registry.edge_kind(kind)
    props = {}
    for name in names:
        if name in given:
            props[name] = coerce(spec.prop(name), given[name]) if spec.prop(name) else given[name]
    return props


def unsupported(ctx: ImportContext, lid: str, given: dict, known: tuple, what: str) -> None:
    """A warning for each property of `given` the diagram has no place for."""
    for name in given:
        if name not in known:
            ctx.warn(
                resource_path(lid, name),
                "unsupported_property",
                f"{name} of {what} is not part of the diagram and was left out",
            )


def trace_subscription(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    topic, target = ctx.resolve(given.get("TopicArn")), ctx.resolve(given.get("Endpoint"))
    if given.get("Protocol") not in SUBSCRIPTION_PROTOCOLS or not topic or not target:
        ctx.warn(
            resource_path(lid),
            "unmapped_subscription",
            f"a {given.get('Protocol')!r} subscription to an endpoint outside the diagram "
            "cannot be drawn (only SQS and Lambda endpoints of this template)",
        )
        return
    props = edge_props("subscription", given, SUBSCRIPTION_PROPS)
    unsupported(ctx, lid, given, SUBSCRIPTION_PROPS + SUBSCRIPTION_WIRING, "a subscription")
    if "FilterPolicy" in props:
        props["FilterPolicy"] = from_json_text(props["FilterPolicy"])
    redrive = from_json_text(given.get("RedrivePolicy"))
    if isinstance(redrive, dict):
        dlq = ctx.resolve(redrive.get("deadLetterTargetArn"))
        if dlq:
            props["RedrivePolicy"] = {"deadLetterTargetArn": dlq}
        else:
            ctx.warn(
                resource_path(lid, "RedrivePolicy"),
                "unmapped_reference",
                "its DLQ is not in the diagram",
            )
    ctx.add_edge("subscription", topic, target, props=props, origin=lid)


ESM_PROPS = (
    "BatchSize",
    "MaximumBatchingWindowInSeconds",
    "FunctionResponseTypes",
    "ScalingConfig",
    "Enabled",
    "StartingPosition",
    "ParallelizationFactor",
    "BisectBatchOnFunctionError",
    "MaximumRetryAttempts",
    "MaximumRecordAgeInSeconds",
)
ESM_WIRING = ("FunctionName", "EventSourceArn", "FilterCriteria", "DestinationConfig")


def trace_mapping(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    function, source = (
        ctx.resolve(given.get("FunctionName")),
        ctx.resolve(given.get("EventSourceArn")),
    )
    if not function or not source:
        ctx.warn(
            resource_path(lid),
            "unmapped_mapping",
            "its function or event source is not in the diagram",
        )
        return
    props = edge_props("event-source", given, ESM_PROPS)
    arn = given.get("EventSourceArn")
    consumer = ctx.getatt_target(arn) if isinstance(arn, dict) and "Fn::GetAtt" in arn else None
    if consumer and ctx.type_of(consumer) == "AWS::Kinesis::StreamConsumer":
        props["ConsumerName"] = ctx.props_of(consumer).get("ConsumerName")
    if isinstance(given.get("FilterCriteria"), dict):
        props["FilterCriteria"] = {
            "Filters": [_filter(f) for f in given["FilterCriteria"].get("Filters", [])]
        }
    on_failure = ((given.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
    if on_failure is not None:
        destination = ctx.resolve(on_failure)
        if destination:
            props["DestinationConfig"] = {"OnFailure": {"Destination": destination}}
        else:
            ctx.warn(
                resource_path(lid, "DestinationConfig"),
                "unmapped_reference",
                "its OnFailure destination is not in the diagram",
            )
    unsupported(ctx, lid, given, ESM_PROPS + ESM_WIRING, "an event source mapping")
    ctx.add_edge("event-source", source, function, props=props, origin=lid)


def _filter(item: Any) -> dict[str, Any]:
    """A filter's pattern: an object when the text is the exporter's spelling of one."""
    pattern = item.get("Pattern") if isinstance(item, dict) else item
    parsed = from_json_text(pattern)
    if isinstance(pattern, str) and isinstance(parsed, dict) and compact_json(parsed) == pattern:
        return {"Pattern": parsed}
    return {"Pattern": pattern}


def trace_queue(ctx: ImportContext, lid: str) -> None:
    redrive = from_json_text(ctx.props_of(lid).get("RedrivePolicy"))
    if redrive is None:
        return
    dlq = ctx.resolve(redrive.get("deadLetterTargetArn")) if isinstance(redrive, dict) else None
    if not dlq:
        ctx.warn(
            resource_path(lid, "RedrivePolicy"),
            "unmapped_reference",
            "its dead-letter queue is not in the diagram",
        )
        return
    props = edge_props("dead-letter", redrive, ("maxReceiveCount",))
    ctx.add_edge("dead-letter", ctx.node_of[lid], dlq, props=props, origin=lid)


def trace_invoke_config(ctx: ImportContext, lid: str) -> None:
    """Destinations become edges; retry and age settings the function's sim fields."""
    given = ctx.props_of(lid)
    function = ctx.resolve(given.get("FunctionName"))
    if not function:
        ctx.warn(resource_path(lid), "unmapped_reference", "its function is not in the diagram")
        return
    if given.get("Qualifier", "$LATEST") != "$LATEST":
        ctx.warn(
            resource_path(lid, "Qualifier"),
            "qualifier_not_kept",
            f"the diagram has no versions or aliases; {given['Qualifier']!r} is read as $LATEST",
        )
    spec = registry.node_spec("lambda.function")
    sim = ctx.nodes[function].setdefault("sim", {})
    for name in ("MaximumRetryAttempts", "MaximumEventAgeInSeconds"):
        if name in given:
            sim[name] = coerce(spec.sim_field(name), given[name])
    for condition, config in (given.get("DestinationConfig") or {}).items():
        target = ctx.resolve((config or {}).get("Destination"))
        if condition in ("OnSuccess", "OnFailure") and target:
            props = {"condition": condition}
            ctx.add_edge("destination", function, target, props=props, origin=lid)
        else:
            ctx.warn(
                resource_path(lid, "DestinationConfig", condition),
                "unmapped_reference",
                "the destination is not in the diagram",
            )
