"""SNS topics and their subscriptions, out to a template and back.

A topic that other services publish to gets a policy allowing exactly those services from
exactly those sources (`aws:SourceArn`, see `iam.policy_document`); a subscription waits
for the permission its endpoint needs to receive from the topic ("Amazon SNS: sending to
an SQS queue").

`DeliveryStatusLogging` ("Amazon SNS message delivery status"): a feedback role ARN in the
simulated account (123456789012) stands for a role the stack creates, which SNS assumes and
which may only write the topic's two delivery-status log groups, with the three actions
"Prerequisites for delivery status logging" lists; a role of another account is written as
it is. On import a role of the template comes back as `STACK_ROLE_ARN`.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, Sub, sns

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec
from engine.runtime import names

from ..context import PARTITION_ARN, ExportContext, Grant
from ..iam import policy_document, service_role, statement
from ..import_props import edge_props, resource_path, spec_props, unsupported
from ..names import from_json_text, json_or_text
from ..refs import ImportContext

SNS = "sns.amazonaws.com"
STACK_ROLE_ARN = f"arn:aws:iam::{names.ACCOUNT}:role/sns-delivery-status"
ROLE_KEYS = ("SuccessFeedbackRoleArn", "FailureFeedbackRoleArn")
LOG_ACTIONS = ("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")


def export_topic(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node)
    if "DeliveryStatusLogging" in props:
        props["DeliveryStatusLogging"] = _logging(ctx, node, props["DeliveryStatusLogging"])
    ctx.add(sns.Topic.from_dict(ctx.lid(node.id), props))
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
    props = edge_props("subscription", given, SUBSCRIPTION_PROPS, ctx, resource_path(lid))
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


def trace_topic(ctx: ImportContext, lid: str) -> None:
    """A topic's inline `Subscription` list: a subscription edge per SQS or Lambda
    endpoint of this template (an inline subscription has no filter policy or settings)."""
    topic = ctx.node_of[lid]
    items = ctx.props_of(lid).get("Subscription")
    for index, item in enumerate(items if isinstance(items, list) else []):
        path = f"{resource_path(lid, 'Subscription')}[{index}]"
        given = item if isinstance(item, dict) else {}
        target = ctx.resolve(given.get("Endpoint"))
        if given.get("Protocol") not in SUBSCRIPTION_PROTOCOLS or not target:
            ctx.warn(
                path,
                "unmapped_subscription",
                f"a {given.get('Protocol')!r} subscription to an endpoint outside the diagram "
                "cannot be drawn (only SQS and Lambda endpoints of this template)",
            )
            continue
        ctx.add_edge("subscription", topic, target, props={}, origin=lid)


def _in_simulated_account(arn: str) -> bool:
    return arn.split(":")[4:5] == [names.ACCOUNT]


def _logging(ctx: ExportContext, node: Node, given: list[dict]) -> list[dict[str, Any]]:
    """The topic's LoggingConfig list, with the stack's role where the diagram's names one
    of the simulated account, and the sample rate as text (CloudFormation's type)."""
    role = ctx.ids.derived(f"delivery-logs:{node.id}", ctx.lid(node.id) + "DeliveryStatusRole")
    configs, needed = [], False
    for item in given:
        config: dict[str, Any] = {"Protocol": item["Protocol"]}
        for key in ROLE_KEYS:
            if key in item:
                stack_role = _in_simulated_account(item[key])
                needed |= stack_role
                config[key] = GetAtt(role, "Arn") if stack_role else item[key]
        if "SuccessFeedbackSampleRate" in item:
            config["SuccessFeedbackSampleRate"] = str(item["SuccessFeedbackSampleRate"])
        configs.append(config)
    if needed:
        ctx.add(
            service_role(
                role, SNS, [statement("WriteDeliveryStatusLogs", LOG_ACTIONS, _groups(ctx, node))]
            )
        )
    return configs


def _groups(ctx: ExportContext, node: Node) -> list[Any]:
    """The ARNs of the topic's two log groups (and their streams). An unnamed topic's name
    is made up by CloudFormation (stack name, logical id, a suffix): matched by pattern."""
    name = node.props.get("TopicName")
    if not name:
        name = f"${{AWS::StackName}}-{ctx.lid(node.id)}-*"
    elif node.is_fifo and not name.endswith(".fifo"):
        name += ".fifo"
    base = f"{PARTITION_ARN}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:sns/"
    base += f"${{AWS::Region}}/${{AWS::AccountId}}/{name}"
    return [Sub(base + tail) for tail in ("", ":*", "/Failure", "/Failure:*")]


def import_topic(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    given = dict(ctx.props_of(lid))
    logging = given.get("DeliveryStatusLogging")
    if isinstance(logging, list):
        given["DeliveryStatusLogging"] = [
            _read_config(ctx, lid, index, item) for index, item in enumerate(logging)
        ]
    return spec_props(ctx, lid, spec, given)


def _read_config(ctx: ImportContext, lid: str, index: int, item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    config = dict(item)
    for key in ROLE_KEYS:
        value = config.get(key)
        if isinstance(value, dict) and "Fn::GetAtt" in value:
            role = ctx.getatt_target(value)
            if role and ctx.type_of(role) == "AWS::IAM::Role":
                config[key] = STACK_ROLE_ARN
                continue
        if value is not None and not isinstance(value, str):
            ctx.warn(
                resource_path(lid, "DeliveryStatusLogging", str(index), key),
                "not_literal",
                f"{key} is not a role of this template or an ARN; it was left out",
            )
            del config[key]
    rate = config.get("SuccessFeedbackSampleRate")
    if isinstance(rate, str) and rate.isdigit():
        config["SuccessFeedbackSampleRate"] = int(rate)
    return config
