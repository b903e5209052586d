"""Amazon MSK topics: one `AWS::MSK::ServerlessCluster` per `ClusterName`, the topics in
the template's Metadata (Kafka topics have no CloudFormation resource).

A cluster uses IAM access control and lives in the subnets and security groups the stack's
parameters name (`<Cluster>SubnetIds`, `<Cluster>SecurityGroupIds`). A Lambda mapping on a
topic is an event source mapping on the cluster with `Topics` and
`AmazonManagedKafkaEventSourceConfig.ConsumerGroupId`; the function's role may connect,
read the topic and manage its consumer group ("Using Lambda with Amazon MSK": the
`kafka-cluster:` actions, each on the cluster, topic or group ARN, and the network
interfaces the mapping makes in the cluster's VPC), and a function publishing to a topic
may connect and write to it. Import finds a mapping's topic by cluster and topic name.
"""

from __future__ import annotations

import re
from typing import Any

from troposphere import Join, Ref, Select, Split, Sub, msk

from engine.core.diagram import Node
from engine.core.spec import NodeSpec
from engine.runtime import names

from ..context import PARTITION_ARN, ExportContext, build
from ..import_props import resource_path, spec_props
from ..names import kebab
from ..refs import ImportContext
from .network import ENI_DESCRIBE, ENI_WRITE, network_parameters, network_resources

TOPIC = "kafka.topic"
CLUSTER = "AWS::MSK::ServerlessCluster"
READ_CLUSTER = (
    "kafka-cluster:Connect",
    "kafka-cluster:DescribeClusterDynamicConfiguration",
    "kafka:DescribeClusterV2",
    "kafka:GetBootstrapBrokers",
)
READ_TOPIC = ("kafka-cluster:DescribeTopic", "kafka-cluster:ReadData")
GROUP = ("kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup")
WRITE_TOPIC = ("kafka-cluster:DescribeTopic", "kafka-cluster:WriteData")


def cluster_id(ctx: ExportContext, name: str) -> str:
    return ctx.ids.derived(f"msk:{name}", f"{name} Cluster")


def topic_name(node: Node) -> str:
    return names.resource_name(node)


def export_topic(ctx: ExportContext, node: Node) -> None:
    """The topic's cluster, once per cluster name (the topic itself lives in Metadata)."""
    name = node.props["ClusterName"]
    lid = cluster_id(ctx, name)
    if ctx.has(lid):
        return
    subnets, groups = network_parameters(ctx, lid, name)
    props = {
        "ClusterName": name,
        "ClientAuthentication": {"Sasl": {"Iam": {"Enabled": True}}},
        "VpcConfigs": [{"SubnetIds": Ref(subnets), "SecurityGroups": Ref(groups)}],
    }
    # A list parameter's Ref stands for the subnets: troposphere wants a literal list.
    ctx.add(build(msk.ServerlessCluster, lid, props, untyped=("VpcConfigs",)))
    ctx.output(node, "ClusterArn", Ref(lid), f"ARN of the MSK cluster '{name}'")


def _cluster_part(ctx: ExportContext, node: Node, kind: str, tail: str) -> Any:
    """`arn:...:<kind>/<cluster name>/<cluster uuid>/<tail>` from the cluster's ARN."""
    lid = cluster_id(ctx, node.props["ClusterName"])
    uuid = Select(2, Split("/", Ref(lid)))
    head = Sub(f"{PARTITION_ARN}:kafka:${{AWS::Region}}:${{AWS::AccountId}}:{kind}/")
    return Join("", [head, node.props["ClusterName"], "/", uuid, "/", tail])


def mapping_props(ctx: ExportContext, node: Node, function_id: str) -> dict[str, Any]:
    """What an event source mapping on the topic says besides its own props."""
    return {
        "EventSourceArn": Ref(cluster_id(ctx, node.props["ClusterName"])),
        "Topics": [topic_name(node)],
        "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": group_name(function_id)},
    }


def group_name(function_id: str) -> str:
    return f"eventyard-{function_id}"


def read_statements(ctx: ExportContext, node: Node, function_id: str, sid: str) -> dict[str, dict]:
    cluster = Ref(cluster_id(ctx, node.props["ClusterName"]))
    topic = _cluster_part(ctx, node, "topic", topic_name(node))
    group = _cluster_part(ctx, node, "group", group_name(function_id))
    network = network_resources()
    return {
        sid + "Cluster": _statement(sid + "Cluster", READ_CLUSTER, [cluster]),
        sid: _statement(sid, READ_TOPIC, [topic]),
        sid + "Group": _statement(sid + "Group", GROUP, [group]),
        "KafkaNetworkInterfaces": _statement("KafkaNetworkInterfaces", ENI_WRITE, network),
        "KafkaNetworkLookups": _statement("KafkaNetworkLookups", ENI_DESCRIBE, ["*"]),
    }


def write_statements(ctx: ExportContext, node: Node, sid: str) -> dict[str, dict]:
    cluster = Ref(cluster_id(ctx, node.props["ClusterName"]))
    topic = _cluster_part(ctx, node, "topic", topic_name(node))
    return {
        sid + "Cluster": _statement(sid + "Cluster", ("kafka-cluster:Connect",), [cluster]),
        sid: _statement(sid, WRITE_TOPIC, [topic]),
    }


def firehose_source(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """A Firehose stream's MSKSourceConfiguration: the cluster and the topic."""
    return {
        "MSKClusterARN": Ref(cluster_id(ctx, node.props["ClusterName"])),
        "TopicName": topic_name(node),
    }


def firehose_statements(ctx: ExportContext, node: Node, sid: str) -> list[dict[str, Any]]:
    """What Firehose needs to read a topic over the cluster's private connectivity
    ("Amazon MSK as a source": the cluster's brokers, the topic, its consumer groups)."""
    cluster = Ref(cluster_id(ctx, node.props["ClusterName"]))
    topic = _cluster_part(ctx, node, "topic", topic_name(node))
    groups = _cluster_part(ctx, node, "group", "*")
    return [
        _statement(sid + "Cluster", READ_CLUSTER + ("kafka:DescribeCluster",), [cluster]),
        _statement(sid, READ_TOPIC + ("kafka-cluster:DescribeTopicDynamicConfiguration",), [topic]),
        _statement(sid + "Group", ("kafka-cluster:DescribeGroup",), [groups]),
    ]


def _statement(sid: str, actions: tuple[str, ...], resources: list[Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": resources}


# --- import ----------------------------------------------------------------------------
def import_topic(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    """A cluster read without Metadata: a topic named after the cluster."""
    return spec_props(ctx, lid, spec, {"ClusterName": ctx.props_of(lid).get("ClusterName")})


_CLUSTER_ARN = re.compile(r"^arn:[^:]+:kafka:[^:]*:[^:]*:cluster/([A-Za-z0-9-]+)/")


def is_cluster(ctx: ImportContext, value: Any) -> bool:
    """Whether `value` names an MSK cluster: one of the template's, or by its ARN."""
    return cluster_name(ctx, value) is not None


def cluster_name(ctx: ImportContext, value: Any) -> str | None:
    """The name of the MSK cluster `value` refers to (a `Ref`/`GetAtt` of the template's
    cluster, or a cluster ARN, literal or computed), or None."""
    lid = ctx.referred(value, CLUSTER)
    if lid is not None:
        name = ctx.props_of(lid).get("ClusterName")
        if not isinstance(name, str):
            name = ctx.literal(name) if name is not None else None
        return name if isinstance(name, str) else lid
    if not isinstance(value, str):
        value = ctx.literal(value)
    match = _CLUSTER_ARN.match(value) if isinstance(value, str) else None
    return match.group(1) if match else None


def mapping_topic(
    ctx: ImportContext, lid: str, given: dict[str, Any], *, kafka_source: bool = False
) -> str | None:
    """The topic node a mapping on a cluster reads: by cluster and topic name, made when
    the template has no Metadata to describe it (a cluster outside the template too: the
    diagram draws its topic, and its export makes the cluster). `kafka_source`: the
    mapping reads Kafka whatever its ARN looks like (it names `Topics`)."""
    arn = given.get("EventSourceArn")
    name_of_cluster = cluster_name(ctx, arn)
    if name_of_cluster is None and kafka_source:
        # an ARN given at deployment (a parameter): a name made from where it comes from
        named = arn.get("Ref") if isinstance(arn, dict) else None
        name_of_cluster = kebab(named) if isinstance(named, str) else "cluster"
    if name_of_cluster is None:
        return None
    topics = given.get("Topics") or []
    wanted = topics[0] if topics else None
    if wanted is not None and not isinstance(wanted, str):
        wanted = ctx.literal(wanted)
    wanted = wanted if isinstance(wanted, str) else None
    for node_id, node in ctx.nodes.items():
        props = node.get("props") or {}
        name = props.get("TopicName") or node_id
        same_cluster = props.get("ClusterName") == name_of_cluster
        if node["type"] == TOPIC and same_cluster and name == wanted:
            return node_id
    if ctx.meta.present or wanted is None:
        ctx.warn(
            resource_path(lid, "Topics"), "unmapped_reference", "its topic is not in the diagram"
        )
        return None
    node_id = re.sub(r"[^A-Za-z0-9_-]", "-", f"{name_of_cluster}-{wanted}")[:64]
    while node_id in ctx.nodes:
        node_id = f"{node_id[:60]}-{len(ctx.nodes)}"
    ctx.nodes[node_id] = {
        "id": node_id,
        "type": TOPIC,
        "props": {"ClusterName": name_of_cluster, "TopicName": wanted},
    }
    if ctx.referred(given.get("EventSourceArn"), CLUSTER) is None:
        ctx.warn(
            resource_path(lid),
            "external_cluster",
            f"the MSK cluster {name_of_cluster!r} is not in the template: its topic {wanted!r} "
            "is drawn, and an export of the diagram makes the cluster",
        )
    return node_id


def unused(_ctx: ImportContext, _lid: str) -> None:
    """Nothing: a cluster's topics come from Metadata or from the mappings that read them."""
