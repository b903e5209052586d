"""SQS queues and their redrive, out to a template and back.

A queue's `RedrivePolicy` comes from its dead-letter edge (an object holding the DLQ's
`Fn::GetAtt` Arn, as section 14 asks); a queue that other services send to gets a policy
allowing exactly those services from exactly those sources (`aws:SourceArn`,
`iam.policy_document`), and whatever sends through it waits for that policy (`DependsOn`),
so the first messages of a new stack are not refused ("Amazon SNS: sending to an SQS
queue", "Granting S3 permission to publish"). Queues import with their plain props; the
redrive policy comes back as a dead-letter edge (`trace_queue`).
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, Sub, sqs

from engine.core.diagram import Edge, Node

from ..checks import in_dead_letter_cycle
from ..context import PARTITION_ARN, ExportContext
from ..iam import policy_document
from ..import_props import edge_props, resource_path
from ..names import from_json_text
from ..refs import ImportContext


def export_queue(ctx: ExportContext, node: Node) -> None:
    props: dict[str, Any] = ctx.user_props(node)
    for edge in ctx.diagram.edges_from(node.id, "dead-letter"):
        props["RedrivePolicy"] = {
            "deadLetterTargetArn": _dead_letter_arn(ctx, edge),
            "maxReceiveCount": edge.props["maxReceiveCount"],
        }
    ctx.add(sqs.Queue.from_dict(ctx.lid(node.id), props))
    ctx.output(node, "Url", Ref(ctx.lid(node.id)), f"URL of the queue '{node.id}'")
    if node.id in ctx.grants:
        document = policy_document(ctx.grants[node.id], GetAtt(ctx.lid(node.id), "Arn"))
        ctx.add(
            sqs.QueuePolicy(
                ctx.policy_id(node.id), Queues=[Ref(ctx.lid(node.id))], PolicyDocument=document
            )
        )


def _dead_letter_arn(ctx: ExportContext, edge: Edge) -> Any:
    """The DLQ's ARN; by name where queues are each other's DLQs, so that neither waits."""
    name = ctx.node(edge.target).props.get("QueueName")
    if name and in_dead_letter_cycle(ctx.diagram, edge):
        return Sub(f"{PARTITION_ARN}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:{name}")
    return GetAtt(ctx.lid(edge.target), "Arn")


def export_dead_letter(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the source queue's RedrivePolicy (see `export_queue`)."""


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
    props = edge_props(
        "dead-letter", redrive, ("maxReceiveCount",), ctx, resource_path(lid, "RedrivePolicy")
    )
    ctx.add_edge("dead-letter", ctx.node_of[lid], dlq, props=props, origin=lid)
