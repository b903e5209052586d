"""EventBridge pipes (`AWS::Pipes::Pipe`) and the edges that meet them.

A pipe holds its own wiring: `Source` (the queue, stream or table stream it polls),
`Target`, the optional `Enrichment`, and its `SourceParameters`, `EnrichmentParameters`
and `TargetParameters` as the diagram sets them (filter patterns as JSON text, a stream
DeadLetterConfig's node as its ARN). Its event-source, enrichment and target edges export
nothing of their own. The pipe's role is assumed by `pipes.amazonaws.com` and allowed
exactly what the pipe does ("Amazon EventBridge Pipes permissions"): read its source,
invoke its enrichment, write to its target and, for streams, to its dead-letter queue.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, pipes

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..iam import READ_ACTIONS, WRITE_ACTIONS, service_role, statement
from ..import_props import resource_path, spec_props
from ..names import compact_json, from_json_text
from ..refs import ImportContext
from . import kafka, mq

PIPES = "pipes.amazonaws.com"
KAFKA_KEY = "ManagedStreamingKafkaParameters"
MQ_KEYS = {"ACTIVEMQ": "ActiveMQBrokerParameters", "RABBITMQ": "RabbitMQBrokerParameters"}
PIPE = "pipes.pipe"
STREAM_KEYS = ("KinesisStreamParameters", "DynamoDBStreamParameters")
# A state machine is started synchronously (enrichment, REQUEST_RESPONSE target) or not.
STATES_ACTIONS = {
    "REQUEST_RESPONSE": ("states:StartSyncExecution",),
    "FIRE_AND_FORGET": ("states:StartExecution",),
}


def _actions(node: Node, callee: Node, *, enrichment: bool) -> tuple[str, ...]:
    """What the pipe's role may do to an enrichment or target ("Amazon EventBridge Pipes
    permissions")."""
    if callee.type != "stepfunctions.statemachine":
        return WRITE_ACTIONS[callee.type]
    params = (node.props.get("TargetParameters") or {}).get("StepFunctionStateMachineParameters")
    invocation = "REQUEST_RESPONSE" if enrichment else (params or {}).get("InvocationType")
    return STATES_ACTIONS[invocation or "REQUEST_RESPONSE"]


def owns(ctx: ExportContext, edge: Edge) -> bool:
    """Whether the edge is part of a pipe (exported by the pipe itself)."""
    if edge.kind in ("event-source", "enrichment", "target"):
        ends = (ctx.node(edge.source).type, ctx.node(edge.target).type)
        return PIPE in ends
    return False


def export_pipe_edge(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the pipe's Source, Enrichment or Target (see `export_pipe`)."""


def role_id(ctx: ExportContext, node: Node) -> str:
    return ctx.ids.derived(f"pipe-role:{node.id}", ctx.lid(node.id) + "Role")


def _source_arn(ctx: ExportContext, node: Node) -> Any:
    if node.type == "dynamodb.table":
        return GetAtt(ctx.lid(node.id), "StreamArn")
    if node.type == "kafka.topic":
        return Ref(kafka.cluster_id(ctx, node.props["ClusterName"]))
    if node.type == "mq.queue":
        return GetAtt(mq.broker_id(ctx, node.props["BrokerName"]), "Arn")
    return ctx.arn(node.id)


def _ends(ctx: ExportContext, node: Node) -> tuple[Node | None, Node | None, Node | None]:
    first = lambda edges: ctx.node(edges[0]) if edges else None  # noqa: E731
    return (
        first([e.source for e in ctx.diagram.edges_to(node.id, "event-source")]),
        first([e.target for e in ctx.diagram.edges_from(node.id, "enrichment")]),
        first([e.target for e in ctx.diagram.edges_from(node.id, "target")]),
    )


def export_pipe(ctx: ExportContext, node: Node) -> None:
    source, enrichment, target = _ends(ctx, node)
    props: dict[str, Any] = ctx.user_props(node)
    props["RoleArn"] = GetAtt(role_id(ctx, node), "Arn")
    props["Source"] = _source_arn(ctx, source)
    props["Target"] = ctx.arn(target.id)
    if enrichment is not None:
        props["Enrichment"] = ctx.arn(enrichment.id)
    if "SourceParameters" in props:
        props["SourceParameters"] = _source_parameters(ctx, props["SourceParameters"])
    if source.type == "kafka.topic":  # the cluster is the source; the topic is named here
        given = dict(props.get("SourceParameters") or {})
        own = dict(given.get(KAFKA_KEY) or {})
        own["TopicName"] = kafka.topic_name(source)
        props["SourceParameters"] = {**given, KAFKA_KEY: own}
    if source.type == "mq.queue":  # the broker is the source; the queue is named here
        given = dict(props.get("SourceParameters") or {})
        key = MQ_KEYS[source.props["EngineType"]]
        own = {**(given.get(key) or {}), **mq.pipe_source(ctx, source)}
        props["SourceParameters"] = {**given, key: own}
    ctx.add(pipes.Pipe.from_dict(ctx.lid(node.id), props))
    ctx.add(service_role(role_id(ctx, node), PIPES, _statements(ctx, node, source, enrichment)))


def _statements(
    ctx: ExportContext, node: Node, source: Node, enrichment: Node | None
) -> list[dict[str, Any]]:
    """Least privilege: the source's read actions, the enrichment's invoke, the target's
    write, the stream dead-letter queue's send; each on that one resource."""
    if source.type == "kafka.topic":
        group = ((node.props.get("SourceParameters") or {}).get(KAFKA_KEY) or {}).get(
            "ConsumerGroupID"
        )
        reads = kafka.read_statements(ctx, source, group or node.id, "Read" + ctx.lid(source.id))
        found = list(reads.values())
    elif source.type == "mq.queue":
        found = list(mq.read_statements(ctx, source, "Read" + ctx.lid(source.id)).values())
    else:
        found = [
            statement(
                "Read" + ctx.lid(source.id), READ_ACTIONS[source.type], [_source_arn(ctx, source)]
            )
        ]
    if enrichment is not None:
        found.append(
            statement(
                "Enrich" + ctx.lid(enrichment.id),
                _actions(node, enrichment, enrichment=True),
                [ctx.arn(enrichment.id)],
            )
        )
    for edge in ctx.diagram.edges_from(node.id, "target"):
        target = ctx.node(edge.target)
        found.append(
            statement(
                "Target" + ctx.lid(target.id),
                _actions(node, target, enrichment=False),
                [ctx.arn(target.id)],
            )
        )
    for key in STREAM_KEYS:
        dlq = (
            ((node.props.get("SourceParameters") or {}).get(key) or {}).get("DeadLetterConfig")
            or {}
        ).get("Arn")
        if dlq:
            found.append(
                statement(
                    "DeadLetter" + ctx.lid(dlq), WRITE_ACTIONS[ctx.node(dlq).type], [ctx.arn(dlq)]
                )
            )
    return found


def _source_parameters(ctx: ExportContext, value: dict[str, Any]) -> dict[str, Any]:
    out = dict(value)
    if "FilterCriteria" in out:
        out["FilterCriteria"] = {
            "Filters": [
                {"Pattern": p if isinstance(p, str) else compact_json(p)}
                for p in (f.get("Pattern") for f in out["FilterCriteria"].get("Filters", []))
            ]
        }
    for key in STREAM_KEYS:
        dlq = ((out.get(key) or {}).get("DeadLetterConfig") or {}).get("Arn")
        if dlq:
            out[key] = {**out[key], "DeadLetterConfig": {"Arn": ctx.arn(dlq)}}
    return out


# --- import ----------------------------------------------------------------------------
def import_pipe(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    given = dict(ctx.props_of(lid))
    source = given.get("SourceParameters")
    if isinstance(source, dict):
        given["SourceParameters"] = _read_source_parameters(ctx, lid, source)
    return spec_props(ctx, lid, spec, given)


def _read_source_parameters(ctx: ImportContext, lid: str, value: dict) -> dict[str, Any]:
    """The parameters as the diagram spells them; a stream's DeadLetterConfig waits for
    `trace_pipe`, once every node of the template is known."""
    out = dict(value)
    criteria = out.get("FilterCriteria")
    if isinstance(criteria, dict):
        out["FilterCriteria"] = {"Filters": [_filter(f) for f in criteria.get("Filters", [])]}
    for key in STREAM_KEYS:
        if isinstance(out.get(key), dict) and "DeadLetterConfig" in out[key]:
            out[key] = {k: v for k, v in out[key].items() if k != "DeadLetterConfig"}
    if isinstance(out.get(KAFKA_KEY), dict):  # the topic is the pipe's source node
        out[KAFKA_KEY] = {k: v for k, v in out[KAFKA_KEY].items() if k != "TopicName"}
    for key in MQ_KEYS.values():  # the queue is the source node; the broker's user is wiring
        if isinstance(out.get(key), dict):
            wiring = ("QueueName", "Credentials", "VirtualHost")
            out[key] = {k: v for k, v in out[key].items() if k not in wiring}
    return out


def _trace_dead_letter(ctx: ImportContext, lid: str, pipe: str) -> None:
    given = ctx.props_of(lid).get("SourceParameters")
    props = ctx.nodes[pipe]["props"].get("SourceParameters")
    for key in STREAM_KEYS:
        arn = (((given or {}).get(key) or {}).get("DeadLetterConfig") or {}).get("Arn")
        if arn is None or not isinstance(props, dict) or key not in props:
            continue
        node = ctx.resolve(arn)
        if node:
            props[key]["DeadLetterConfig"] = {"Arn": node}
        else:
            ctx.warn(
                resource_path(lid, "SourceParameters", key, "DeadLetterConfig"),
                "unmapped_reference",
                "its dead-letter queue is not in the diagram",
            )


def _filter(item: Any) -> dict[str, Any]:
    """A filter's pattern: an object when the text is the exporter's spelling of one."""
    pattern = item.get("Pattern") if isinstance(item, dict) else item
    parsed = from_json_text(pattern)
    if isinstance(pattern, str) and isinstance(parsed, dict) and compact_json(parsed) == pattern:
        return {"Pattern": parsed}
    return {"Pattern": pattern}


def trace_pipe(ctx: ImportContext, lid: str) -> None:
    """Source, Enrichment and Target become the pipe's edges."""
    given = ctx.props_of(lid)
    pipe = ctx.node_of[lid]
    _trace_dead_letter(ctx, lid, pipe)
    for name, kind in (
        ("Source", "event-source"),
        ("Enrichment", "enrichment"),
        ("Target", "target"),
    ):
        if name not in given:
            continue
        if name == "Source" and kafka.is_cluster(ctx, given[name]):
            topic = ((given.get("SourceParameters") or {}).get(KAFKA_KEY) or {}).get("TopicName")
            mapping = {"EventSourceArn": given[name], "Topics": [topic]}
            node = kafka.mapping_topic(ctx, lid, mapping)
        elif name == "Source" and mq.is_broker(ctx, given[name]):
            params = given.get("SourceParameters") or {}
            queue = next(
                (
                    params[k].get("QueueName")
                    for k in MQ_KEYS.values()
                    if isinstance(params.get(k), dict)
                ),
                None,
            )
            node = mq.mapping_queue(ctx, lid, {"EventSourceArn": given[name], "Queues": [queue]})
        else:
            node = ctx.resolve(given[name])
        if not node:
            ctx.warn(
                resource_path(lid, name),
                "unmapped_reference",
                f"its {name.lower()} is not in the diagram",
            )
            continue
        ends = (node, pipe) if kind == "event-source" else (pipe, node)
        ctx.add_edge(kind, *ends, props={}, origin=lid)
