"""Execution roles: one per function, granting exactly what its edges need, never `*`.

A function may write its own log group; read the queues and streams its event source
mappings poll (the stream or table-stream ARN, the enhanced fan-out consumer ARN); and send
to what it publishes to, to its asynchronous destinations and to its mappings' OnFailure
destinations ("Lambda execution role", "Using Lambda with Amazon SQS / Kinesis / DynamoDB").
Each statement's `Sid` says why it is there (`ReadOrders`, `PublishAuditLog`,
`OnFailureFailedBatches`), which is also how the importer tells a publish edge from a
destination that grants the same action.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Join, Ref, Sub, iam

from engine.core.diagram import Edge, Node

from .context import PARTITION_ARN, ExportContext, Grant

LOG_ACTIONS = ("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents")
READ_ACTIONS = {
    "sqs.queue": ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
    "kinesis.stream": (
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:ListShards",
    ),
    "dynamodb.table": (
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
    ),
}
CONSUMER_ACTIONS = ("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer")
WRITE_ACTIONS = {
    "sqs.queue": ("sqs:SendMessage",),
    "sns.topic": ("sns:Publish",),
    "eventbridge.bus": ("events:PutEvents",),
    "kinesis.stream": ("kinesis:PutRecord", "kinesis:PutRecords"),
    "s3.bucket": ("s3:PutObject",),
    "dynamodb.table": ("dynamodb:PutItem",),
    "lambda.function": ("lambda:InvokeFunction",),
    "firehose.deliverystream": ("firehose:PutRecord", "firehose:PutRecordBatch"),
    "eventbridge.apidestination": ("events:InvokeApiDestination",),
}
LAMBDA_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ],
}


def log_group_text(ctx: ExportContext, node: Node) -> str:
    """The function's log group, as `Fn::Sub` text. A named function logs to the group
    Lambda names after it; an unnamed one (whose name CloudFormation makes up after the
    role exists) is given a group of its own through LoggingConfig."""
    name = node.props.get("FunctionName")
    if name:
        return f"/aws/lambda/{name}"
    return f"/aws/lambda/${{AWS::StackName}}/{node.id}"


def role_id(ctx: ExportContext, node: Node) -> str:
    return ctx.ids.derived(f"role:{node.id}", ctx.lid(node.id) + "Role")


def consumer_id(ctx: ExportContext, stream_id: str, name: str) -> str:
    return ctx.ids.derived(f"consumer:{stream_id}:{name}", ctx.lid(stream_id) + name + "Consumer")


def write_resource(ctx: ExportContext, source: Node, target_id: str) -> Any:
    """What a write to the target names: objects in a bucket, a function by a name that
    does not make the role wait for the function it invokes when that would be a cycle."""
    target = ctx.node(target_id)
    if target.type == "s3.bucket":
        return Join("", [ctx.arn(target_id), "/*"])
    if target.type == "lambda.function":
        return invoke_arn(ctx, source, target)
    if target.type == "dynamodb.table":
        return GetAtt(ctx.lid(target_id), "Arn")
    return ctx.arn(target_id)


def invoke_arn(ctx: ExportContext, source: Node, target: Node) -> Any:
    function_arn = f"{PARTITION_ARN}:lambda:${{AWS::Region}}:${{AWS::AccountId}}:function:"
    if target.props.get("FunctionName"):
        return Sub(function_arn + target.props["FunctionName"])
    if _reaches(ctx, target.id, source.id):
        # A role cannot wait for a function that waits for this role: match the name
        # CloudFormation gives an unnamed function (stack name, logical id, a suffix).
        return Sub(f"{function_arn}${{AWS::StackName}}-{ctx.lid(target.id)}-*")
    return GetAtt(ctx.lid(target.id), "Arn")


def _reaches(ctx: ExportContext, start: str, goal: str) -> bool:
    """Whether `start`'s role refers (through unnamed destination functions) to `goal`."""
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current in seen:
            continue
        seen.add(current)
        for edge in ctx.diagram.edges_from(current, "destination"):
            target = ctx.node(edge.target)
            if target.type == "lambda.function" and not target.props.get("FunctionName"):
                todo.append(edge.target)
    return False


def role_statements(ctx: ExportContext, node: Node) -> list[dict[str, Any]]:
    """Every statement of the function's role, in a stable order, one per Sid."""
    group = log_group_text(ctx, node)
    log_arn = f"{PARTITION_ARN}:logs:${{AWS::Region}}:${{AWS::AccountId}}:log-group:{group}"
    statements = {
        "WriteLogs": _statement("WriteLogs", LOG_ACTIONS, [Sub(log_arn), Sub(log_arn + ":*")])
    }
    for edge in ctx.diagram.edges_to(node.id, "event-source"):
        statements.update(_read_statements(ctx, edge))
    for edge in ctx.diagram.edges_to(node.id, "event-source"):
        destination = ((edge.props.get("DestinationConfig") or {}).get("OnFailure") or {}).get(
            "Destination"
        )
        if destination:
            statements.update(_write(ctx, node, destination, "OnFailure"))
    dead_letter = (node.props.get("DeadLetterConfig") or {}).get("TargetArn")
    if dead_letter:
        statements.update(_write(ctx, node, dead_letter, "DeadLetter"))
    for edge in ctx.diagram.edges_from(node.id):
        if edge.kind == "publish":
            statements.update(_write(ctx, node, edge.target, "Publish"))
        elif edge.kind == "destination":
            statements.update(_write(ctx, node, edge.target, edge.props["condition"]))
    return list(statements.values())


def _read_statements(ctx: ExportContext, edge: Edge) -> dict[str, dict]:
    source = ctx.node(edge.source)
    sid = "Read" + ctx.lid(source.id)
    if source.type == "kafka.topic":
        from .services import kafka

        return kafka.read_statements(ctx, source, edge.target, sid)
    if source.type == "mq.queue":
        from .services import mq

        return mq.read_statements(ctx, source, sid)
    if source.type == "dynamodb.table":
        resource = GetAtt(ctx.lid(source.id), "StreamArn")
    else:
        resource = ctx.arn(source.id)
    found = {sid: _statement(sid, READ_ACTIONS[source.type], [resource])}
    consumer = edge.props.get("ConsumerName")
    if consumer:
        lid = consumer_id(ctx, source.id, consumer)
        found["Read" + lid] = _statement(
            "Read" + lid, CONSUMER_ACTIONS, [GetAtt(lid, "ConsumerARN")]
        )
    return found


def _write(ctx: ExportContext, node: Node, target_id: str, why: str) -> dict[str, dict]:
    target = ctx.node(target_id)
    sid = why + ctx.lid(target_id)
    if target.type == "kafka.topic":
        from .services import kafka

        return kafka.write_statements(ctx, target, sid)
    if target.type in ("mq.queue", "mq.topic", "mq.exchange"):
        from .services import mq

        return mq.write_statements(ctx, target, sid)
    resource = write_resource(ctx, node, target_id)
    return {sid: _statement(sid, WRITE_ACTIONS[target.type], [resource])}


def _statement(sid: str, actions: tuple[str, ...], resources: list[Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": resources}


def function_role(ctx: ExportContext, node: Node, *, extra: tuple[dict, ...] = ()) -> iam.Role:
    """The function's execution role, trusted by Lambda, with one inline policy (and the
    `extra` statements a service module adds, e.g. an idempotency store's)."""
    statements = role_statements(ctx, node) + list(extra)
    document = {"Version": "2012-10-17", "Statement": statements}
    return iam.Role(
        role_id(ctx, node),
        AssumeRolePolicyDocument=LAMBDA_TRUST,
        Policies=[iam.Policy(PolicyName="eventyard-access", PolicyDocument=document)],
    )


def service_role(lid: str, service: str, statements: list[dict[str, Any]]) -> iam.Role:
    """A role that a service (EventBridge, for Kinesis and bus targets) assumes."""
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
        ],
    }
    document = {"Version": "2012-10-17", "Statement": statements}
    return iam.Role(
        lid,
        AssumeRolePolicyDocument=trust,
        Policies=[iam.Policy(PolicyName="eventyard-targets", PolicyDocument=document)],
    )


def statement(sid: str, actions: tuple[str, ...], resources: list[Any]) -> dict[str, Any]:
    """One Allow statement (for roles built elsewhere, e.g. a rule's target role)."""
    return _statement(sid, actions, resources)


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
