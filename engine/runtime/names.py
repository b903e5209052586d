"""Names and ARNs the simulated resources show (in envelopes, records and events).

The simulation runs in one made-up account and Region; names come from the resource's
name prop, else its node id, as CloudFormation would derive them.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.errors import Problem

ACCOUNT = "123456789012"
REGION = "us-east-1"


# The prop that names each kind of resource, as CloudFormation spells it.
NAME_PROPS = (
    "QueueName",
    "TopicName",
    "FunctionName",
    "Name",
    "TableName",
    "BucketName",
    "AlarmName",
)


def resource_name(node) -> str:
    props = node.props
    name = next((props[p] for p in NAME_PROPS if props.get(p)), None) or node.id
    fifo = props.get("FifoQueue") or props.get("FifoTopic")
    if fifo and not name.endswith(".fifo"):
        name += ".fifo"
    return name


_FORMATS = {
    "sqs.queue": "arn:aws:sqs:{region}:{account}:{name}",
    "sns.topic": "arn:aws:sns:{region}:{account}:{name}",
    "lambda.function": "arn:aws:lambda:{region}:{account}:function:{name}",
    "kinesis.stream": "arn:aws:kinesis:{region}:{account}:stream/{name}",
    "dynamodb.table": "arn:aws:dynamodb:{region}:{account}:table/{name}",
    "eventbridge.bus": "arn:aws:events:{region}:{account}:event-bus/{name}",
    "eventbridge.rule": "arn:aws:events:{region}:{account}:rule/{name}",
    "s3.bucket": "arn:aws:s3:::{name}",
    "cloudwatch.alarm": "arn:aws:cloudwatch:{region}:{account}:alarm:{name}",
}


def arn(node) -> str:
    """The resource's ARN in the simulated account and Region."""
    template = _FORMATS.get(
        node.type, "arn:aws:eventyard:{region}:{account}:" + node.type + "/{name}"
    )
    return template.format(region=REGION, account=ACCOUNT, name=resource_name(node))


def duplicate_names(diagram) -> Iterator[Problem]:
    """Names are unique per type in an account and Region: two queues named `orders` are one
    queue on AWS (and CloudFormation refuses to create the second)."""
    seen: dict[tuple[str, str], str] = {}
    for node in diagram.nodes.values():
        prop = next((p for p in NAME_PROPS if node.props.get(p)), None)
        if prop is None or node.type in ("s3.bucket", "eventbridge.bus"):  # own rules check them
            continue
        key = (node.type, resource_name(node))
        if key in seen:
            yield Problem(
                f"nodes[{node.index}].props.{prop}",
                "duplicate_name",
                f"'{key[1]}' is also the {prop} of '{seen[key]}'; names are "
                f"unique per {node.type} in an account and Region",
            )
        else:
            seen[key] = node.id
