"""What the exporter's mapping functions share: the diagram, logical ids, references, grants.

Edge mappings run first: they add the resources an edge has of its own (a subscription, an
event source mapping, a Lambda permission) and record the resource-policy grants their
targets need. Node mappings run second and read those grants (a queue's policy, a bucket's
`DependsOn`). Every resource is built through troposphere, which checks property names
and types, and kept in an order that reads well: nodes in document order, then edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from troposphere import AWSObject, GetAtt, Output, Ref, Sub

from engine import registry
from engine.core.diagram import Diagram, Edge, Node

from .names import LogicalIds

PARTITION_ARN = "arn:${AWS::Partition}"
DEFAULT_BUS_ARN = f"{PARTITION_ARN}:events:${{AWS::Region}}:${{AWS::AccountId}}:event-bus/default"
# The exported name of a bucket the user did not name: fixed (the notification cycle needs
# it, see `bucket_name_text`) and unique per account and Region. 63 - len("-<12>-<14>").
BUCKET_SUFFIX = "-${AWS::AccountId}-${AWS::Region}"
BUCKET_STEM = 35
_RESERVED_BUCKET_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")


def build(cls: type[AWSObject], title: str, props: dict[str, Any], *, untyped=()) -> AWSObject:
    """A troposphere resource from plain props; the `untyped` ones are set as they are,
    where troposphere's type is narrower than CloudFormation's (an `EventPattern` may be
    JSON text) or wrong (troposphere 4.11 types an event source mapping's `ScalingConfig`
    as another resource's)."""
    resource = cls.from_dict(title, {k: v for k, v in props.items() if k not in untyped})
    for name in untyped:
        if name in props:
            resource.properties[name] = props[name]
    return resource


@dataclass(frozen=True)
class Grant:
    """A statement of a queue's or topic's resource policy: `service` may `action` when the
    request comes from `source_arn` (and, for S3, from this account)."""

    service: str
    action: str
    source_arn: Any
    with_account: bool = False


def is_default_bus(node: Node) -> bool:
    """The account's default bus (a bus without a name, as in `engine.services.eventbridge`) exists
    already: it is referred to, never created."""
    return node.type == "eventbridge.bus" and (node.props.get("Name") or "default") == "default"


def bucket_name_text(node: Node) -> str:
    """The bucket's name as `Fn::Sub` text: BucketName, else one made from the node id.

    Notifications need the bucket's ARN inside the permissions the bucket waits for, so
    the ARN is built from a fixed name instead of `GetAtt` ("Configuring notifications for
    a bucket": the circular dependency and its fix)."""
    if node.props.get("BucketName"):
        return node.props["BucketName"]
    stem = node.id.lower().replace("_", "-")[:BUCKET_STEM].rstrip("-")
    if stem.startswith(_RESERVED_BUCKET_PREFIXES):
        stem = "b-" + stem[: BUCKET_STEM - 2]
    return stem + BUCKET_SUFFIX


class ExportContext:
    """Invariant: each resource is added once, under its unique logical id."""

    def __init__(self, document: dict, diagram: Diagram):
        self.document = document
        self.diagram = diagram
        self.ids = LogicalIds(list(diagram.nodes))
        self.grants: dict[str, list[Grant]] = {}
        self.depends: dict[str, list[str]] = {}
        self.parameters: list[Any] = []
        self.outputs: list[Output] = []
        self._resources: list[tuple[tuple[int, int, int], AWSObject]] = []
        self._titles: set[str] = set()
        self._phase = (1, 0)

    # --- the diagram ---------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        return self.diagram.nodes[node_id]

    def lid(self, node_id: str) -> str:
        return self.ids.node(node_id)

    def user_props(self, node: Node, *, required: tuple[str, ...] = ()) -> dict[str, Any]:
        """The props the document sets (not None), as validated: what the user chose; with
        the `required` ones whatever their value. In the spec's order, so that a template
        reads the same however the document ordered them."""
        raw = self.document["nodes"][node.index].get("props") or {}
        names = [f.name for f in registry.node_spec(node.type).props]
        wanted = [n for n in names if (n in raw or n in required) and node.props.get(n) is not None]
        return {name: node.props[name] for name in wanted}

    def user_edge_props(self, edge: Edge) -> dict[str, Any]:
        raw = self.document["edges"][edge.index].get("props") or {}
        names = [f.name for f in registry.edge_kind(edge.kind).props]
        return {n: edge.props[n] for n in names if n in raw and edge.props.get(n) is not None}

    # --- building the template -----------------------------------------------------------
    def start(self, phase: int, index: int) -> None:
        """Resources added from now on sort after those of earlier (phase, index) pairs."""
        self._phase = (phase, index)

    def add(self, resource: AWSObject) -> AWSObject:
        self._resources.append(((*self._phase, len(self._resources)), resource))
        self._titles.add(resource.title)
        return resource

    def has(self, logical_id: str) -> bool:
        return logical_id in self._titles

    def resources(self) -> list[AWSObject]:
        return [resource for _, resource in sorted(self._resources, key=lambda r: r[0])]

    def output(self, node: Node, suffix: str, value: Any, description: str) -> None:
        title = self.lid(node.id) + suffix
        self.outputs.append(Output(title, Value=value, Description=description))

    # --- references ------------------------------------------------------------------------
    def arn(self, node_id: str) -> Any:
        """An expression for the ARN of the node's resource."""
        node = self.node(node_id)
        lid = self.lid(node_id)
        if node.type in ("sns.topic", "stepfunctions.statemachine"):  # Ref is the ARN
            return Ref(lid)
        if node.type == "s3.bucket":
            return Sub(f"{PARTITION_ARN}:s3:::{bucket_name_text(node)}")
        if is_default_bus(node):
            return Sub(DEFAULT_BUS_ARN)
        return GetAtt(lid, "Arn")

    def name(self, node_id: str) -> Any:
        """An expression for the node's resource name (as CloudWatch dimensions use it)."""
        node = self.node(node_id)
        lid = self.lid(node_id)
        if node.type == "sqs.queue":
            return GetAtt(lid, "QueueName")
        if node.type == "sns.topic":
            return GetAtt(lid, "TopicName")
        if node.type == "s3.bucket":
            name = bucket_name_text(node)
            return name if node.props.get("BucketName") else Sub(name)
        if is_default_bus(node):
            return "default"
        return Ref(lid)

    # --- permissions between resources --------------------------------------------------
    def grant(self, target_id: str, grant: Grant) -> str:
        """Record a resource-policy statement on a queue or topic; return its policy's id."""
        grants = self.grants.setdefault(target_id, [])
        if grant not in grants:
            grants.append(grant)
        return self.policy_id(target_id)

    def policy_id(self, target_id: str) -> str:
        return self.ids.derived(f"policy:{target_id}", self.lid(target_id) + "Policy")

    def permission(self, function_id: str, source_id: str, *, service: str) -> str:
        """A Lambda permission for `source_id` (a topic, bucket or rule) to invoke the
        function: one per pair, added on first use; returns its logical id."""
        key = f"permission:{function_id}:{source_id}"
        if key in self.ids.by_key:
            return self.ids.by_key[key]
        from troposphere.awslambda import Permission

        lid = self.ids.derived(key, f"{self.lid(function_id)}InvokedBy{self.lid(source_id)}")
        props: dict[str, Any] = {
            "Action": "lambda:InvokeFunction",
            "FunctionName": GetAtt(self.lid(function_id), "Arn"),
            "Principal": service,
            "SourceArn": self.arn(source_id),
        }
        if service == "s3.amazonaws.com":
            props["SourceAccount"] = Ref("AWS::AccountId")
        self.add(Permission.from_dict(lid, props))
        return lid

    def wait_for(self, node_id: str, logical_id: str) -> None:
        """The node's resource must be created after `logical_id` (DependsOn)."""
        waits = self.depends.setdefault(node_id, [])
        if logical_id not in waits:
            waits.append(logical_id)
