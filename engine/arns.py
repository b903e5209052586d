"""Names and ARNs the simulated resources show (in envelopes, records and events).

The simulation runs in one made-up account and Region; names come from the resource's
name prop, else its node id, as CloudFormation would derive them.
"""

from __future__ import annotations

ACCOUNT = "123456789012"
REGION = "us-east-1"


def resource_name(node) -> str:
    props = node.props
    name = props.get("QueueName") or props.get("TopicName") or props.get("FunctionName")
    name = name or node.id
    fifo = props.get("FifoQueue") or props.get("FifoTopic")
    if fifo and not name.endswith(".fifo"):
        name += ".fifo"
    return name


def arn(node) -> str:
    name = resource_name(node)
    if node.type == "sqs.queue":
        return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
    if node.type == "sns.topic":
        return f"arn:aws:sns:{REGION}:{ACCOUNT}:{name}"
    if node.type == "lambda.function":
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    return f"arn:aws:eventyard:{REGION}:{ACCOUNT}:{node.type}/{name}"
