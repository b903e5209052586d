"""SNS topics and their subscriptions, out to a template and back.

A topic that other services publish to gets a policy allowing exactly those services from
exactly those sources (`aws:SourceArn`, see `iam.policy_document`); a subscription waits
for the permission its endpoint needs to receive from the topic ("Amazon SNS: sending to
an SQS queue").
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, sns

from engine.core.diagram import Edge, Node

from ..context import ExportContext, Grant
from ..iam import policy_document
from ..import_props import edge_props, resource_path, unsupported
from ..names import from_json_text, json_or_text
from ..refs import ImportContext

SNS = "sns.amazonaws.com"


SNS = "sns.amazonaws.com"


def export_topic(ctx: ExportContext, node: Node) -> None:
    ctx.add(sns.Topic.from_dict(ctx.lid(node.id), ctx.user_props(node)))
    ctx.output(node, "Arn", Ref(ctx.lid(node.id)), f"ARN of the topic '{node.id}'")
    if node.id in ctx.grants:
        document = policy_document(ctx.grants[node.id], Ref(ctx.lid(node.id)))
        ctx.add(
            sns.TopicPolicy(
                ctx.policy_id(node.id), Topics=[Ref(ctx.lid(node.id))], PolicyDocument=document
            )
        )


def export_subscription(ctx: ExportContext, edge: Edge) -> None:
    """An SNS subscription and the permission its endpoint needs to receive from the topic."""
    topic, target = ctx.node(edge.source), ctx.node(edge.target)
    topic_arn = Ref(ctx.lid(topic.id))
    props: dict[str, Any] = {"TopicArn": topic_arn, "Endpoint": GetAtt(ctx.lid(target.id), "Arn")}
    waits = []
    if target.type == "sqs.queue":
        props["Protocol"] = "sqs"
        waits.append(ctx.grant(target.id, Grant(SNS, "sqs:SendMessage", topic_arn)))
    else:
        props["Protocol"] = "lambda"
        waits.append(ctx.permission(target.id, topic.id, service=SNS))
    given = ctx.user_edge_props(edge)
    for name in ("FilterPolicy", "FilterPolicyScope", "RawMessageDelivery"):
        if name in given:
            props[name] = json_or_text(given[name]) if name == "FilterPolicy" else given[name]
    dlq = (given.get("RedrivePolicy") or {}).get("deadLetterTargetArn")
    if dlq:
        props["RedrivePolicy"] = {"deadLetterTargetArn": GetAtt(ctx.lid(dlq), "Arn")}
        waits.append(ctx.grant(dlq, Grant(SNS, "sqs:SendMessage", topic_arn)))
    lid = ctx.ids.derived(
        f"edge:{edge.id}", f"{ctx.lid(topic.id)}To{ctx.lid(target.id)}Subscription"
    )
    resource = sns.SubscriptionResource.from_dict(lid, props)
    resource.DependsOn = list(dict.fromkeys(waits))
    ctx.add(resource)


SUBSCRIPTION_PROTOCOLS = ("sqs", "lambda")


SUBSCRIPTION_PROPS = ("FilterPolicy", "FilterPolicyScope", "RawMessageDelivery")


SUBSCRIPTION_WIRING = ("TopicArn", "Protocol", "Endpoint", "RedrivePolicy")


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
