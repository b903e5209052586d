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


def is_cluster(ctx: ImportContext, value: Any) -> str | None:
    """The cluster's logical id when `value` refers to an MSK cluster."""
    return ctx.referred(value, CLUSTER)


def mapping_topic(ctx: ImportContext, lid: str, given: dict[str, Any]) -> str | None:
    """The topic node a mapping on a cluster reads: by cluster and topic name, made when
    the template has no Metadata to describe it."""
    cluster = is_cluster(ctx, given.get("EventSourceArn"))
    if cluster is None:
        return None
    cluster_name = ctx.props_of(cluster).get("ClusterName")
    topics = given.get("Topics") or []
    wanted = topics[0] if topics and isinstance(topics[0], str) else None
    for node_id, node in ctx.nodes.items():
        props = node.get("props") or {}
        name = props.get("TopicName") or node_id
        if node["type"] == TOPIC and props.get("ClusterName") == cluster_name and name == wanted:
            return node_id
    if ctx.meta.present or wanted is None:
        ctx.warn(
            resource_path(lid, "Topics"), "unmapped_reference", "its topic is not in the diagram"
        )
        return None
    node_id = re.sub(r"[^A-Za-z0-9_-]", "-", f"{cluster_name}-{wanted}")[:64]
    while node_id in ctx.nodes:
        node_id = f"{node_id[:60]}-{len(ctx.nodes)}"
    ctx.nodes[node_id] = {
        "id": node_id,
        "type": TOPIC,
        "props": {"ClusterName": cluster_name, "TopicName": wanted},
    }
    return node_id


def unused(_ctx: ImportContext, _lid: str) -> None:
    """Nothing: a cluster's topics come from Metadata or from the mappings that read them."""
