"""Lambda functions and their wiring: roles, inline code, event source mappings, destinations.

Python and Node.js functions get a small, honest inline handler (`Code.ZipFile`): it logs
each record and, where an event source mapping reports batch item failures, returns the
failed record and every later one as `batchItemFailures` (what FIFO queues and streams
need; harmless for standard queues). Other runtimes cannot be inline, so their code comes
from the stack's parameters. Asynchronous settings and destinations become one
`EventInvokeConfig` on `$LATEST` ("Configuring destinations for asynchronous invocation").

On import, mappings become event-source edges, an `EventInvokeConfig` destination edges
and sim fields, and a function's publish edges are read from its role: statements whose
`Sid` starts with `Publish` (the exporter's), or, in templates written by hand, send and
put statements on a resource of the template that none of its destinations explains.
"""

from __future__ import annotations

import fnmatch
from typing import Any

from troposphere import GetAtt, Parameter, Ref, Sub, awslambda, kinesis

from engine import registry
from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import ExportContext, build
from ..handlers import handler_code
from ..iam import WRITE_ACTIONS, consumer_id, function_role, log_group_text, role_id
from ..import_props import (
    coerce,
    computed,
    edge_props,
    resource_path,
    spec_props,
    unsupported,
)
from ..names import compact_json, from_json_text
from ..refs import ImportContext, is_literal
from . import idempotency, kafka, mq

# The function's sim fields that are CloudFormation settings too (EventInvokeConfig).
ASYNC_SIM_FIELDS = ("MaximumRetryAttempts", "MaximumEventAgeInSeconds")
INLINE_RUNTIMES = ("python", "nodejs")
PACKAGED_HANDLERS = {
    "java": "example.Handler::handleRequest",
    "dotnet": "Function::Function.Handler::FunctionHandler",
    "ruby": "function.handler",
    "provided": "bootstrap",
}
STREAM_TYPES = ("kinesis.stream", "dynamodb.table")


def export_function(ctx: ExportContext, node: Node) -> None:
    lid = ctx.lid(node.id)
    ctx.add(function_role(ctx, node, extra=tuple(idempotency.role_statements(ctx, node).values())))
    props: dict[str, Any] = {
        **ctx.user_props(node, required=("Runtime",)),
        "Role": GetAtt(role_id(ctx, node), "Arn"),
        **_code(ctx, node),
        **idempotency.environment(ctx, node),
    }
    if not node.props.get("FunctionName"):
        props["LoggingConfig"] = {"LogGroup": Sub(log_group_text(ctx, node))}
    if "DeadLetterConfig" in props:
        props["DeadLetterConfig"] = {"TargetArn": ctx.arn(props["DeadLetterConfig"]["TargetArn"])}
    ctx.add(awslambda.Function.from_dict(lid, props))
    invoke_config = _invoke_config(ctx, node)
    if invoke_config:
        ctx.add(
            awslambda.EventInvokeConfig.from_dict(
                ctx.ids.derived(f"invoke-config:{node.id}", lid + "EventInvokeConfig"),
                invoke_config,
            )
        )


def _code(ctx: ExportContext, node: Node) -> dict[str, Any]:
    runtime = node.props["Runtime"]
    if runtime.startswith(INLINE_RUNTIMES):
        return {"Handler": "index.handler", "Code": {"ZipFile": handler_code(ctx, node)}}
    lid = ctx.lid(node.id)
    bucket, key = lid + "CodeBucket", lid + "CodeKey"
    ctx.parameters.append(
        Parameter(bucket, Type="String", Description=f"S3 bucket of the code of '{node.id}'")
    )
    ctx.parameters.append(
        Parameter(key, Type="String", Description=f"S3 key of the code of '{node.id}'")
    )
    family = next(f for f in PACKAGED_HANDLERS if runtime.startswith(f))
    return {
        "Handler": PACKAGED_HANDLERS[family],
        "Code": {"S3Bucket": Ref(bucket), "S3Key": Ref(key)},
    }


def _invoke_config(ctx: ExportContext, node: Node) -> dict[str, Any] | None:
    raw_sim = ctx.document["nodes"][node.index].get("sim") or {}
    props: dict[str, Any] = {
        name: node.sim[name]
        for name in ASYNC_SIM_FIELDS
        if name in raw_sim and node.sim[name] is not None
    }
    destinations = {
        edge.props["condition"]: {"Destination": ctx.arn(edge.target)}
        for edge in ctx.diagram.edges_from(node.id, "destination")
    }
    if not props and not destinations:
        return None
    if destinations:
        props["DestinationConfig"] = destinations
    return {"FunctionName": Ref(ctx.lid(node.id)), "Qualifier": "$LATEST", **props}


def export_event_source(ctx: ExportContext, edge: Edge) -> None:
    """A Lambda event source mapping (workers poll by themselves: nothing to export)."""
    source, target = ctx.node(edge.source), ctx.node(edge.target)
    if target.type != "lambda.function":
        return
    given = ctx.user_edge_props(edge)
    consumer = given.pop("ConsumerName", None)
    props: dict[str, Any] = {"FunctionName": Ref(ctx.lid(target.id))}
    if source.type == "kafka.topic":
        props.update(kafka.mapping_props(ctx, source, target.id))
    elif source.type == "mq.queue":
        props.update(mq.mapping_props(ctx, source))
    else:
        props["EventSourceArn"] = _source_arn(ctx, source, consumer)
    for name, value in given.items():
        props[name] = _mapping_value(ctx, name, value)
    lid = ctx.ids.derived(f"edge:{edge.id}", f"{ctx.lid(source.id)}To{ctx.lid(target.id)}Mapping")
    ctx.add(build(awslambda.EventSourceMapping, lid, props, untyped=("ScalingConfig",)))


def _source_arn(ctx: ExportContext, source: Node, consumer: str | None) -> Any:
    if source.type == "dynamodb.table":
        return GetAtt(ctx.lid(source.id), "StreamArn")
    if consumer:
        lid = consumer_id(ctx, source.id, consumer)
        if not ctx.has(lid):
            ctx.add(
                kinesis.StreamConsumer(
                    lid, ConsumerName=consumer, StreamARN=GetAtt(ctx.lid(source.id), "Arn")
                )
            )
        return GetAtt(lid, "ConsumerARN")
    return ctx.arn(source.id)


def _mapping_value(ctx: ExportContext, name: str, value: Any) -> Any:
    if name == "FilterCriteria":
        filters = [
            {"Pattern": p if isinstance(p, str) else compact_json(p)}
            for p in (f.get("Pattern") for f in value.get("Filters", []))
        ]
        return {"Filters": filters}
    if name == "DestinationConfig":
        target = value["OnFailure"]["Destination"]
        return {"OnFailure": {"Destination": ctx.arn(target)}}
    return value


def export_destination(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the function's EventInvokeConfig (see `export_function`)."""


def export_publish(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: a function's publish edges are statements of its role."""


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
    "TumblingWindowInSeconds",
)


ESM_WIRING = (
    "FunctionName",
    "EventSourceArn",
    "FilterCriteria",
    "DestinationConfig",
    "Topics",
    "AmazonManagedKafkaEventSourceConfig",
    "Queues",
    "SourceAccessConfigurations",
)


def trace_mapping(ctx: ImportContext, lid: str) -> None:
    given = ctx.props_of(lid)
    function = ctx.resolve(given.get("FunctionName"))
    if kafka.is_cluster(ctx, given.get("EventSourceArn")) or given.get("Topics"):
        source = kafka.mapping_topic(ctx, lid, given, kafka_source=True)
    elif mq.is_broker(ctx, given.get("EventSourceArn")):
        source = mq.mapping_queue(ctx, lid, given)
    else:
        source = ctx.resolve(given.get("EventSourceArn"))
    if not function or not source:
        ctx.warn(
            resource_path(lid),
            "unmapped_mapping",
            "its function or event source is not in the diagram",
        )
        return
    props = edge_props("event-source", given, ESM_PROPS, ctx, resource_path(lid))
    arn = given.get("EventSourceArn")
    consumer = ctx.getatt_target(arn) if isinstance(arn, dict) and "Fn::GetAtt" in arn else None
    if consumer and ctx.type_of(consumer) == "AWS::Kinesis::StreamConsumer":
        props["ConsumerName"] = ctx.props_of(consumer).get("ConsumerName")
    criteria = given.get("FilterCriteria")
    if criteria is not None and not is_literal(criteria):
        criteria = computed(ctx, lid, "FilterCriteria", criteria)
    if isinstance(criteria, dict):
        props["FilterCriteria"] = {"Filters": [_filter(f) for f in criteria.get("Filters", [])]}
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


OUR_SIDS = (
    "WriteLogs",
    "Read",
    "OnSuccess",
    "OnFailure",
    "Publish",
    "DeadLetter",
    idempotency.SID,
)


def import_function(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    """The plain props; the dead-letter target waits for `trace_function`, once every node
    of the template is known."""
    given = {k: v for k, v in ctx.props_of(lid).items() if k != "DeadLetterConfig"}
    return spec_props(ctx, lid, spec, given)


def _trace_dead_letter(ctx: ImportContext, lid: str, function: str) -> None:
    config = ctx.props_of(lid).get("DeadLetterConfig")
    if not isinstance(config, dict) or "TargetArn" not in config:
        return
    target = ctx.resolve(config["TargetArn"])
    if target and ctx.nodes[target]["type"] in ("sqs.queue", "sns.topic"):
        ctx.nodes[function]["props"]["DeadLetterConfig"] = {"TargetArn": target}
    else:
        ctx.warn(
            resource_path(lid, "DeadLetterConfig"),
            "unmapped_reference",
            "its dead-letter queue is not in the diagram",
        )


def trace_function(ctx: ImportContext, lid: str) -> None:
    """Publish edges, from the role's statements (and its idempotency store), and its
    dead-letter queue."""
    idempotency.trace_environment(ctx, lid)
    function = ctx.node_of[lid]
    _trace_dead_letter(ctx, lid, function)
    explained = {
        (e["target"]) for e in ctx.edges if e["source"] == function and e["kind"] == "destination"
    }
    explained |= {
        e["props"].get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        for e in ctx.edges
        if e["target"] == function and e["kind"] == "event-source"
    }
    # The dead-letter target's grant (SAM's DeadLetterQueue writes one) is not a publish.
    explained.add((ctx.nodes[function]["props"].get("DeadLetterConfig") or {}).get("TargetArn"))
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
    actions = [actions] if isinstance(actions, str) else list(actions or [])
    resources = statement.get("Resource")
    resources = resources if isinstance(resources, list) else [resources]
    found = []
    for resource in resources:
        target = ctx.resolve(resource)
        kind = ctx.nodes[target]["type"] if target else None
        writes = kind in WRITE_ACTIONS and kind != "lambda.function"
        if writes and grants(actions, WRITE_ACTIONS[kind]) and (ours or target not in explained):
            found.append(target)
    return found


def grants(actions: list[Any], wanted: tuple[str, ...]) -> bool:
    """Whether a statement's actions (IAM wildcards allowed, case ignored, as IAM matches
    them: `sqs:SendMessage*`, `sns:*`) include one of `wanted`."""
    patterns = [a.lower() for a in actions if isinstance(a, str)]
    return any(fnmatch.fnmatchcase(w.lower(), p) for p in patterns for w in wanted)


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
