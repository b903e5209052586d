"""SAM export: the stack of the plain template, written the way a SAM project writes it.

Each function becomes an `AWS::Serverless::Function` that says what invokes it in `Events`:
its event source mappings (`SQS`, `Kinesis`, `DynamoDB`, `MSK`, `MQ`), its SNS
subscriptions (`SNS`), its bucket notifications (`S3`), and the rules whose one target it
is (`EventBridgeRule`, or `Schedule` for a scheduled rule). Its asynchronous settings and
destinations are `EventInvokeConfig`, its dead-letter target `DeadLetterQueue`, and what it
sends to is granted by SAM policy templates (`SQSSendMessagePolicy`,
`SNSPublishMessagePolicy`, `EventBridgePutEventsPolicy`, `DynamoDBWritePolicy`,
`FirehoseWritePolicy`), or by the plain template's own statement where no template grants
as little (Kinesis and S3 writes, Kafka and broker access). Every other resource is the
plain template's, unchanged.

What SAM adds by itself is left to it: the execution role with AWS's managed policies for
logs and for each polled event source (`AWSLambdaBasicExecutionRole`,
`AWSLambdaSQSQueueExecutionRole`, ...; their Resource is `*`), the permissions, mappings,
subscriptions, rules and the bucket's notification entries its events make, and the
policies of its destinations. The plain CloudFormation export stays the strictest: it
grants each role exactly the queues and streams its edges name.

The transform names what it makes after the function (`<Function><Event>` for a mapping,
subscription or rule); a folded rule is therefore renamed so throughout the template and
its Metadata, and importing the SAM template gives the same diagram back.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from troposphere import AWSHelperFn, GetAtt

from engine import DiagramError
from engine.core.diagram import Edge, Node
from engine.core.errors import Problem

from .context import ExportContext
from .iam import role_id, write_resource
from .services.awslambda import ESM_PROPS

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
# What a function sends to, granted by a SAM policy template: (template, its parameter).
POLICY_TEMPLATES = {
    "sqs.queue": ("SQSSendMessagePolicy", "QueueName"),
    "sns.topic": ("SNSPublishMessagePolicy", "TopicName"),
    "eventbridge.bus": ("EventBridgePutEventsPolicy", "EventBusName"),
    "dynamodb.table": ("DynamoDBWritePolicy", "TableName"),
    "firehose.deliverystream": ("FirehoseWritePolicy", "DeliveryStreamName"),
}
# Event source mappings as SAM events: source type -> (event type, the source's property).
MAPPING_EVENTS = {
    "sqs.queue": ("SQS", "Queue"),
    "kinesis.stream": ("Kinesis", "Stream"),
    "dynamodb.table": ("DynamoDB", "Stream"),
    "kafka.topic": ("MSK", "Stream"),
    "mq.queue": ("MQ", "Broker"),
}
# Sources whose read access SAM's managed policy for the event gives: the plain
# template's read statement goes (Kafka's and the brokers' stay: SAM's policies for those
# do not include reading the topic or the broker's user).
MANAGED_READS = ("sqs.queue", "kinesis.stream", "dynamodb.table")
# Destination `Type`s, by the destination's node type (for SAM to grant the send).
INVOKE_DESTINATION_TYPES = {
    "sqs.queue": "SQS",
    "sns.topic": "SNS",
    "lambda.function": "Lambda",
    "eventbridge.bus": "EventBridge",
    "s3.bucket": "S3Bucket",
}
STREAM_EVENTS = ("Kinesis", "DynamoDB", "MSK")
MAPPING_DESTINATION_TYPES = {"sqs.queue": "SQS", "sns.topic": "SNS", "s3.bucket": "S3"}
DEAD_LETTER_TYPES = {"sqs.queue": "SQS", "sns.topic": "SNS"}
# The mapping properties SAM's pull events take as they are.
MAPPING_PROPS = (
    *ESM_PROPS,
    "FilterCriteria",
    "Topics",
    "Queues",
    "SourceAccessConfigurations",
)
# Function properties a SAM function takes under the same name.
FUNCTION_PROPS = (
    "FunctionName",
    "Runtime",
    "Handler",
    "Timeout",
    "MemorySize",
    "ReservedConcurrentExecutions",
    "Environment",
    "LoggingConfig",
)
SUB_REFERENCE = re.compile(r"\$\{([A-Za-z0-9]+)((?:\.[A-Za-z0-9]+)?)\}")
TOP_ORDER = ("AWSTemplateFormatVersion", "Transform", "Description", "Metadata", "Parameters")


def to_sam(ctx: ExportContext, template: dict[str, Any]) -> dict[str, Any]:
    """The SAM template of the plain `template` that `ctx` built. Raises `DiagramError`
    when a logical id SAM would generate is already a resource's."""
    template = copy.deepcopy(template)
    folder = _Folder(ctx, template)
    for node in ctx.diagram.nodes.values():
        if node.type == "lambda.function":
            folder.fold_function(node)
    if folder.problems:
        raise DiagramError(folder.problems)
    folder.finish()
    template["Transform"] = SAM_TRANSFORM
    ordered = {k: template[k] for k in TOP_ORDER if k in template}
    return {**ordered, **{k: v for k, v in template.items() if k not in ordered}}


class _Folder:
    """Folds the plain resources of each function into its SAM function."""

    def __init__(self, ctx: ExportContext, template: dict[str, Any]):
        self.ctx = ctx
        self.template = template
        self.resources: dict[str, Any] = template["Resources"]
        self.removed: dict[str, Any] = {}  # logical id -> the plain resource folded away
        self.renames: dict[str, str] = {}  # folded rule -> the id SAM gives it
        self.generated: set[str] = set()
        self.problems: list[Problem] = []

    # --- one function ------------------------------------------------------------------
    def fold_function(self, node: Node) -> None:
        ctx = self.ctx
        lid = ctx.lid(node.id)
        plain = self.resources[lid]["Properties"]
        self._remove(role_id(ctx, node))
        self._reserve(node, lid + "Role", "its execution role")
        props = {k: plain[k] for k in FUNCTION_PROPS if k in plain}
        code = plain.get("Code") or {}
        if "ZipFile" in code:
            props["InlineCode"] = code["ZipFile"]
        else:
            props["CodeUri"] = {"Bucket": code["S3Bucket"], "Key": code["S3Key"]}
        invoke = self._invoke_config(node)
        policies = self._policies(node, folded_invoke=invoke is not None)
        if policies:
            props["Policies"] = policies
        events: dict[str, Any] = {}
        for edge in ctx.diagram.edges_to(node.id):
            made = self._event(node, edge)
            if made is None:
                continue
            wanted, event = made
            name = self._event_name(lid, wanted, events)
            events[name] = event
            if edge.kind == "target":
                self.renames[ctx.lid(edge.source)] = lid + name
        if events:
            props["Events"] = events
        if invoke:
            props["EventInvokeConfig"] = invoke
            self._reserve(node, lid + "EventInvokeConfig", "its EventInvokeConfig")
        dead_letter = (node.props.get("DeadLetterConfig") or {}).get("TargetArn")
        if dead_letter:
            props["DeadLetterQueue"] = {
                "Type": DEAD_LETTER_TYPES[ctx.node(dead_letter).type],
                "TargetArn": plain["DeadLetterConfig"]["TargetArn"],
            }
        self.resources[lid] = {"Type": "AWS::Serverless::Function", "Properties": props}

    def _reserve(self, node: Node, lid: str, what: str) -> None:
        if self._taken(lid):
            self.problems.append(
                Problem(
                    f"nodes[{node.index}].id",
                    "sam_name_taken",
                    f"SAM names {what} {lid!r}, which is already a resource of the "
                    "template: rename the node or the one whose resource that is",
                )
            )
        self.generated.add(lid)

    def _event_name(self, lid: str, wanted: str, events: dict[str, Any]) -> str:
        """A name for the event whose generated ids (`<Function><Event>...`) are free."""
        name, count = wanted, 1
        while name in events or self._taken(lid + name) or self._taken(lid + name + "Permission"):
            count += 1
            name = f"{wanted}{count}"
        self.generated |= {lid + name, lid + name + "Permission"}
        return name

    def _taken(self, lid: str) -> bool:
        return (lid in self.resources and lid not in self.removed) or lid in self.generated

    def _event(self, node: Node, edge: Edge) -> tuple[str, dict[str, Any]] | None:
        source = self.ctx.node(edge.source)
        if edge.kind == "event-source" and source.type in MAPPING_EVENTS:
            return self._mapping_event(source, edge)
        if edge.kind == "subscription":
            return self._subscription_event(node, source, edge)
        if edge.kind == "notification":
            return self._bucket_event(node, source, edge)
        if edge.kind == "target" and source.type == "eventbridge.rule":
            return self._rule_event(node, source, edge)
        return None

    # --- events ------------------------------------------------------------------------
    def _mapping_event(self, source: Node, edge: Edge) -> tuple[str, dict[str, Any]]:
        lid = self.ctx.ids.by_key[f"edge:{edge.id}"]
        mapping = self.resources[lid]["Properties"]
        kind, key = MAPPING_EVENTS[source.type]
        props: dict[str, Any] = {key: mapping["EventSourceArn"]}
        props.update({k: mapping[k] for k in MAPPING_PROPS if k in mapping})
        if kind in STREAM_EVENTS and "StartingPosition" not in props:
            props["StartingPosition"] = edge.props["StartingPosition"]  # SAM requires it
        group = (mapping.get("AmazonManagedKafkaEventSourceConfig") or {}).get("ConsumerGroupId")
        if group is not None:
            props["ConsumerGroupId"] = group
        on_failure = (mapping.get("DestinationConfig") or {}).get("OnFailure")
        if on_failure:
            target = edge.props["DestinationConfig"]["OnFailure"]["Destination"]
            kind_of = MAPPING_DESTINATION_TYPES.get(self.ctx.node(target).type)
            props["DestinationConfig"] = {
                "OnFailure": {**({"Type": kind_of} if kind_of else {}), **on_failure}
            }
        self._remove(lid)
        return self.ctx.lid(source.id), {"Type": kind, "Properties": props}

    def _subscription_event(
        self, node: Node, topic: Node, edge: Edge
    ) -> tuple[str, dict[str, Any]]:
        lid = self.ctx.ids.by_key[f"edge:{edge.id}"]
        subscription = self.resources[lid]["Properties"]
        props = {"Topic": subscription["TopicArn"]}
        for name in ("FilterPolicy", "FilterPolicyScope", "RedrivePolicy"):
            if name in subscription:
                props[name] = subscription[name]
        self._remove(lid)
        self._remove_permission(node, topic)
        return self.ctx.lid(topic.id), {"Type": "SNS", "Properties": props}

    def _bucket_event(self, node: Node, bucket: Node, edge: Edge) -> tuple[str, dict[str, Any]]:
        """The bucket's notification entries for this function are made by SAM, from the
        event (with the permission the bucket waits for)."""
        ctx = self.ctx
        lid = ctx.lid(bucket.id)
        bucket_props = self.resources[lid]["Properties"]
        config = bucket_props.get("NotificationConfiguration") or {}
        mine = {"Fn::GetAtt": [ctx.lid(node.id), "Arn"]}
        events = list(edge.props["Events"])
        kept = [
            c
            for c in config.get("LambdaConfigurations", [])
            if not (c.get("Function") == mine and c.get("Event") in events)
        ]
        if kept:
            config["LambdaConfigurations"] = kept
        else:
            config.pop("LambdaConfigurations", None)
        if not config:
            bucket_props.pop("NotificationConfiguration", None)
        props: dict[str, Any] = {
            "Bucket": {"Ref": lid},
            "Events": events[0] if len(events) == 1 else events,
        }
        if edge.props.get("Filter"):
            props["Filter"] = edge.props["Filter"]
        self._remove_permission(node, bucket)
        return lid, {"Type": "S3", "Properties": props}

    def _rule_event(self, node: Node, rule: Node, edge: Edge) -> tuple[str, dict[str, Any]] | None:
        """A rule whose one target is this function is the function's event; a rule with
        more targets stays a rule of its own."""
        ctx = self.ctx
        if len(ctx.diagram.edges_from(rule.id, "target")) != 1:
            return None
        lid = ctx.lid(rule.id)
        plain = self.resources[lid]["Properties"]
        [target] = plain["Targets"]
        schedule = "ScheduleExpression" in plain
        if schedule and "InputTransformer" in target:
            return None  # a Schedule event has no input transformer
        props: dict[str, Any] = {}
        if schedule:
            props["Schedule"] = plain["ScheduleExpression"]
        else:
            props["Pattern"] = plain["EventPattern"]
            if "EventBusName" in plain:
                props["EventBusName"] = plain["EventBusName"]
        if "State" in plain:
            props["State"] = plain["State"]
        for name in ("InputTransformer", "RetryPolicy", "DeadLetterConfig"):
            if name in target:
                props[name] = target[name]
        if not schedule:
            props["Target"] = {"Id": target["Id"]}
        self._remove_permission(node, rule)
        self._remove(lid)
        return lid, {"Type": "Schedule" if schedule else "EventBridgeRule", "Properties": props}

    # --- settings and grants -----------------------------------------------------------
    def _invoke_config(self, node: Node) -> dict[str, Any] | None:
        """The function's EventInvokeConfig, with each destination's `Type` (for SAM to
        grant the send). A function destination that would wait for this function's
        role (a cycle the plain template breaks with a name pattern) keeps the plain
        resource and grant."""
        ctx = self.ctx
        lid = ctx.ids.by_key.get(f"invoke-config:{node.id}")
        if lid is None:
            return None
        edges = ctx.diagram.edges_from(node.id, "destination")
        if any(
            ctx.node(e.target).type == "lambda.function"
            and not isinstance(write_resource(ctx, node, e.target), GetAtt)
            for e in edges
        ):
            return None
        plain = dict(self.resources[lid]["Properties"])
        for key in ("FunctionName", "Qualifier"):
            plain.pop(key, None)
        destinations = plain.get("DestinationConfig") or {}
        for edge in edges:
            condition = edge.props["condition"]
            destinations[condition] = {
                "Type": INVOKE_DESTINATION_TYPES[ctx.node(edge.target).type],
                **destinations[condition],
            }
        self._remove(lid)
        return plain

    def _policies(self, node: Node, *, folded_invoke: bool) -> list[Any]:
        """SAM policy templates for what the function sends to; the plain role's own
        statements for the rest (those SAM's own policies give are left to SAM)."""
        ctx = self.ctx
        role = self.removed[role_id(ctx, node)]["Properties"]
        statements = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
        # A publish target that is also a destination keeps its `Publish` statement: that
        # Sid is how an import tells the two apart.
        destinations = {e.target for e in ctx.diagram.edges_from(node.id, "destination")}
        destinations |= {
            ((e.props.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
            for e in ctx.diagram.edges_to(node.id, "event-source")
        }
        kept, templates = [], []
        for statement in statements:
            sid = statement.get("Sid", "")
            if sid.startswith(("WriteLogs", "DeadLetter")):
                continue
            if sid.startswith(("OnSuccess", "OnFailure")) and folded_invoke:
                continue
            if sid.startswith("Read") and self._managed_read(node, sid):
                continue
            target = self._publish_target(node, sid)
            if target is not None and target.id not in destinations:
                name, parameter = POLICY_TEMPLATES[target.type]
                templates.append({name: {parameter: self._name_of(target)}})
                continue
            kept.append(statement)
        policies: list[Any] = templates
        if kept:
            policies.append({"Version": "2012-10-17", "Statement": kept})
        return policies

    def _managed_read(self, node: Node, sid: str) -> bool:
        for edge in self.ctx.diagram.edges_to(node.id, "event-source"):
            if sid == "Read" + self.ctx.lid(edge.source):
                return self.ctx.node(edge.source).type in MANAGED_READS
        return False

    def _publish_target(self, node: Node, sid: str) -> Node | None:
        """The target of a `Publish<Target>` statement that a policy template can grant."""
        for edge in self.ctx.diagram.edges_from(node.id, "publish"):
            target = self.ctx.node(edge.target)
            if sid == "Publish" + self.ctx.lid(target.id) and target.type in POLICY_TEMPLATES:
                return target
        return None

    def _name_of(self, target: Node) -> Any:
        name = self.ctx.name(target.id)
        return name.to_dict() if isinstance(name, AWSHelperFn) else name

    # --- removing and renaming ------------------------------------------------------------
    def _remove_permission(self, node: Node, source: Node) -> None:
        lid = self.ctx.ids.by_key.get(f"permission:{node.id}:{source.id}")
        if lid is not None:
            self._remove(lid)

    def _remove(self, lid: str) -> None:
        resource = self.resources.pop(lid, None)
        if resource is not None:
            self.removed[lid] = resource

    def finish(self) -> None:
        """Drop waits on what is gone; name folded rules as the transform will."""
        for resource in self.resources.values():
            waits = resource.get("DependsOn")
            if waits:
                waits = [w for w in waits if w not in self.removed]
                if waits:
                    resource["DependsOn"] = waits
                else:
                    del resource["DependsOn"]
        if not self.renames:
            return
        for key in ("Resources", "Outputs"):
            if key in self.template:
                self.template[key] = _renamed(self.template[key], self.renames)
        for entry in self.template["Metadata"]["Eventyard"]["nodes"].values():
            if entry.get("logicalId") in self.renames:
                entry["logicalId"] = self.renames[entry["logicalId"]]


def _renamed(value: Any, renames: dict[str, str]) -> Any:
    """`value` with every reference to a renamed logical id (Ref, GetAtt, Sub, DependsOn)
    naming the new one."""
    if isinstance(value, list):
        return [_renamed(v, renames) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "Ref" and item in renames:
            out[key] = renames[item]
        elif key == "Fn::GetAtt" and isinstance(item, list) and item and item[0] in renames:
            out[key] = [renames[item[0]], *item[1:]]
        elif key == "Fn::Sub":
            out[key] = _renamed_sub(item, renames)
        elif key == "DependsOn":
            waits = item if isinstance(item, list) else [item]
            out[key] = [renames.get(w, w) for w in waits]
        else:
            out[key] = _renamed(item, renames)
    return out


def _renamed_sub(item: Any, renames: dict[str, str]) -> Any:
    def swap(text: str) -> str:
        return SUB_REFERENCE.sub(
            lambda m: "${" + renames.get(m.group(1), m.group(1)) + m.group(2) + "}", text
        )

    if isinstance(item, str):
        return swap(item)
    if isinstance(item, list) and item and isinstance(item[0], str):
        return [swap(item[0]), *[_renamed(v, renames) for v in item[1:]]]
    return _renamed(item, renames)
