"""S3 buckets and their event notifications.

The bucket has a fixed name and every ARN of it is built with `Fn::Sub`, and it waits
(`DependsOn`) for the queue policies, topic policies and Lambda permissions of its
destinations: S3 checks those when the notification configuration is saved, and a
`Ref` to the bucket inside them would close a circular dependency ("Configuring a
notification for an S3 bucket", "Unable to validate the following destination
configurations").
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Ref, Sub, s3

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec

from ..context import BUCKET_SUFFIX, ExportContext, Grant, bucket_name_text
from ..import_props import resource_path, spec_props
from ..refs import ImportContext

S3 = "s3.amazonaws.com"
CONFIGURATIONS = {
    "sqs.queue": ("QueueConfigurations", "Queue"),
    "sns.topic": ("TopicConfigurations", "Topic"),
    "lambda.function": ("LambdaConfigurations", "Function"),
}


def export_bucket(ctx: ExportContext, node: Node) -> None:
    props: dict[str, Any] = ctx.user_props(node)
    if "BucketName" not in props:
        props["BucketName"] = Sub(bucket_name_text(node))
    notifications = _notifications(ctx, node)
    if notifications:
        props["NotificationConfiguration"] = notifications
    bucket = s3.Bucket.from_dict(ctx.lid(node.id), props)
    if ctx.depends.get(node.id):
        bucket.DependsOn = ctx.depends[node.id]
    ctx.add(bucket)


def _notifications(ctx: ExportContext, node: Node) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for edge in ctx.diagram.edges_from(node.id, "notification"):
        target = ctx.node(edge.target)
        if target.type == "eventbridge.bus":
            found["EventBridgeConfiguration"] = {"EventBridgeEnabled": True}
            continue
        group, key = CONFIGURATIONS[target.type]
        destination = (
            Ref(ctx.lid(target.id)) if key == "Topic" else GetAtt(ctx.lid(target.id), "Arn")
        )
        for event in edge.props["Events"]:
            config: dict[str, Any] = {"Event": event, key: destination}
            if edge.props.get("Filter"):
                config["Filter"] = edge.props["Filter"]
            found.setdefault(group, []).append(config)
    return found


def export_notification(ctx: ExportContext, edge: Edge) -> None:
    """The permission the destination needs before the bucket can name it."""
    bucket_arn = ctx.arn(edge.source)
    target = ctx.node(edge.target)
    if target.type == "lambda.function":
        waits = ctx.permission(target.id, edge.source, service=S3)
    elif target.type == "sqs.queue":
        waits = ctx.grant(target.id, Grant(S3, "sqs:SendMessage", bucket_arn, with_account=True))
    elif target.type == "sns.topic":
        waits = ctx.grant(target.id, Grant(S3, "sns:Publish", bucket_arn, with_account=True))
    else:
        return  # EventBridge: the default bus takes the bucket's events without a policy
    ctx.wait_for(edge.source, waits)


def import_bucket(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    name = ctx.props_of(lid).get("BucketName")
    if isinstance(name, dict) and str(name.get("Fn::Sub", "")).endswith(BUCKET_SUFFIX):
        # The name the exporter made for an unnamed bucket: the diagram has none.
        given = dict(ctx.props_of(lid))
        given.pop("BucketName")
        return spec_props(ctx, lid, spec, given)
    return spec_props(ctx, lid, spec)


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
