"""SQS queues, SNS topics and what joins them: subscriptions, redrive, resource policies.

A queue's `RedrivePolicy` comes from its dead-letter edge (an object holding the DLQ's
`Fn::GetAtt` Arn, as section 14 asks); a queue or topic that other services send to gets a
policy allowing exactly those services from exactly those sources (`aws:SourceArn`), and
whatever sends through it waits for that policy (`DependsOn`), so the first messages of a
new stack are not refused ("Amazon SNS: sending to an SQS queue", "Granting S3 permission
to publish").
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, Sub, sns, sqs

from engine.core.diagram import Edge, Node

from .checks import in_dead_letter_cycle
from .context import PARTITION_ARN, ExportContext, Grant
from .names import json_or_text

SNS = "sns.amazonaws.com"


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


def policy_document(grants: list[Grant], resource: Any) -> dict[str, Any]:
    """One statement per service, each limited to the sources that service acts for."""
    statements = []
    for service in dict.fromkeys(g.service for g in grants):
        mine = [g for g in grants if g.service == service]
        condition: dict[str, Any] = {"ArnEquals": {"aws:SourceArn": [g.source_arn for g in mine]}}
        if any(g.with_account for g in mine):
            condition["StringEquals"] = {"aws:SourceAccount": Ref("AWS::AccountId")}
        statements.append(
            {
                "Sid": "Allow" + service.split(".")[0].capitalize(),
                "Effect": "Allow",
                "Principal": {"Service": service},
                "Action": sorted({g.action for g in mine}),
                "Resource": resource,
                "Condition": condition,
            }
        )
    return {"Version": "2012-10-17", "Statement": statements}


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


def export_dead_letter(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: the source queue's RedrivePolicy (see `export_queue`)."""
