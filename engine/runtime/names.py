"""Names and ARNs the simulated resources show (in envelopes, records and events).

The simulation runs in one made-up account and Region. Each type's spec says which prop
names it and how its ARN is spelled; without that prop the name comes from the node id, as
CloudFormation would derive it. Bucket names and bucket ARNs come from the same name.
"""

from __future__ import annotations

from engine.core.diagram import Node

ACCOUNT = "123456789012"
REGION = "us-east-1"
FALLBACK_ARN = "arn:aws:eventyard:{region}:{account}:{type}/{name}"


def default_name(node: Node) -> str:
    """The name of a resource whose name prop is left out."""
    if node.spec is not None and node.spec.name_style == "bucket":
        # "General purpose bucket naming rules": lowercase, no underscores, 3 or more.
        return node.id.lower().replace("_", "-").ljust(3, "0")
    return node.id


def resource_name(node: Node) -> str:
    """The resource's name: its name prop, else derived from the node id; a FIFO queue or
    topic's name ends in .fifo."""
    prop = node.spec.name_prop if node.spec is not None else None
    name = (node.props.get(prop) if prop else None) or default_name(node)
    if node.is_fifo and not name.endswith(".fifo"):
        name += ".fifo"
    return name


def arn(node: Node) -> str:
    """The resource's ARN in the simulated account and Region."""
    template = node.spec.arn_format if node.spec is not None else None
    return (template or FALLBACK_ARN).format(
        region=REGION, account=ACCOUNT, type=node.type, name=resource_name(node)
    )
