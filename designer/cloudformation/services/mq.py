"""Amazon MQ: one `AWS::AmazonMQ::Broker` per `BrokerName`; its queues, topics, exchanges,
bindings and dead-letter queues live in the template's Metadata (CloudFormation has no
resource for what is inside a broker).

The broker's user is an `AWS::SecretsManager::Secret` with a generated password, which the
broker reads through a dynamic reference: no password is ever in the template. A broker
runs in the subnets and security groups of the stack's parameters (`<Broker>SubnetIds`,
`<Broker>SecurityGroupIds`). A Lambda mapping on a queue is an event source mapping on the
broker with `Queues` and the secret as `BASIC_AUTH` (and `VIRTUAL_HOST` "/" on RabbitMQ);
the function's role may describe the broker, read the secret and manage the network
interfaces the mapping makes in the broker's VPC ("Using Lambda with Amazon MQ": execution
role permissions). A function that sends to a destination may read the secret it logs in
with. Import finds a mapping's queue by broker and queue name.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from troposphere import Base64, GetAtt, Ref, Select, Sub, amazonmq, secretsmanager

from engine.core.diagram import Edge, Node
from engine.core.spec import NodeSpec
from engine.runtime import names
from engine.services.mq.spec import QUEUE_SPEC, dead_letter_affixes

from ..context import ExportContext, build
from ..import_props import resource_path, spec_props
from ..refs import ImportContext
from .network import ENI_DESCRIBE, ENI_WRITE, network_parameters, network_resources

TYPES = ("mq.queue", "mq.topic", "mq.exchange")
BROKER = "AWS::AmazonMQ::Broker"
USERNAME = "eventyard"
# Amazon MQ's current versions: ActiveMQ 5.18 runs on mq.t3.micro; RabbitMQ 4.2 (quorum
# queues by default) only on mq.m7g ("RabbitMQ 4").
ENGINES = {
    "ACTIVEMQ": {"EngineVersion": "5.18", "HostInstanceType": "mq.t3.micro"},
    "RABBITMQ": {"EngineVersion": "4.2", "HostInstanceType": "mq.m7g.medium"},
}
READ_BROKER = ("mq:DescribeBroker",)
DEFAULT_PREFETCH = QUEUE_SPEC.sim_field("prefetch").default
READ_SECRET = ("secretsmanager:GetSecretValue",)


def owns(ctx: ExportContext, edge: Edge) -> bool:
    """Edges between destinations of a broker: its configuration, kept in Metadata."""
    return ctx.node(edge.source).type in TYPES and ctx.node(edge.target).type in TYPES


def export_broker_edge(ctx: ExportContext, edge: Edge) -> None:
    """Nothing of its own: bindings, virtual-topic queues and dead-letter queues are the
    broker's configuration (in the template's Metadata)."""


def broker_id(ctx: ExportContext, name: str) -> str:
    return ctx.ids.derived(f"mq:{name}", f"{name} Broker")


def secret_id(ctx: ExportContext, name: str) -> str:
    return ctx.ids.derived(f"mq-secret:{name}", f"{name} Broker Secret")


def configuration_xml(ctx: ExportContext, broker: str) -> str:
    """An ActiveMQ broker's configuration ("Elements permitted in Amazon MQ for ActiveMQ
    configurations"): its queues and topics, each queue's prefetch where it is not the
    default, and each queue's own dead-letter queue (an individual dead-letter strategy:
    ActiveMQ names it by a prefix and a suffix around the queue's name)."""
    nodes = [
        n
        for n in ctx.diagram.nodes.values()
        if n.type in ("mq.queue", "mq.topic") and n.props["BrokerName"] == broker
    ]
    entries, destinations = [], []
    for node in nodes:
        name = escape(names.resource_name(node), {'"': "&quot;"})
        tag = "queue" if node.type == "mq.queue" else "topic"
        destinations.append(f'    <{tag} physicalName="{name}"/>')
        if node.type != "mq.queue":
            continue
        attributes = ""
        if node.sim["prefetch"] != DEFAULT_PREFETCH:
            attributes = f' queuePrefetch="{node.sim["prefetch"]}"'
        strategy = ""
        for edge in ctx.diagram.edges_from(node.id, "dead-letter"):
            prefix, suffix = dead_letter_affixes(node, ctx.node(edge.target))
            strategy = (
                "<deadLetterStrategy><individualDeadLetterStrategy "
                f'queuePrefix="{escape(prefix)}" queueSuffix="{escape(suffix)}"/>'
                "</deadLetterStrategy>"
            )
        if attributes or strategy:
            entries.append(
                f'        <policyEntry queue="{name}"{attributes}>{strategy}</policyEntry>'
            )
    policy = ""
    if entries:
        policy = (
            "  <destinationPolicy>\n    <policyMap>\n      <policyEntries>\n"
            + "\n".join(entries)
            + "\n      </policyEntries>\n    </policyMap>\n  </destinationPolicy>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<broker xmlns="http://activemq.apache.org/schema/core">\n'
        + policy
        + "  <destinations>\n"
        + "\n".join(destinations)
        + "\n  </destinations>\n</broker>\n"
    )


def export_destination(ctx: ExportContext, node: Node) -> None:
    """The destination's broker and its secret, once per broker name (and an ActiveMQ
    broker's configuration)."""
    name = node.props["BrokerName"]
    lid = broker_id(ctx, name)
    if ctx.has(lid):
        return
    engine = node.props["EngineType"]
    secret = secret_id(ctx, name)
    ctx.add(
        build(
            secretsmanager.Secret,
            secret,
            {
                "Description": f"The user of the Amazon MQ broker '{name}'",
                "GenerateSecretString": {
                    "SecretStringTemplate": f'{{"username": "{USERNAME}"}}',
                    "GenerateStringKey": "password",
                    "PasswordLength": 32,
                    # Amazon MQ refuses commas, colons and equals signs in a password:
                    # letters and digits only.
                    "ExcludePunctuation": True,
                },
            },
        )
    )
    subnets, groups = network_parameters(ctx, lid, f"the broker {name}")
    password = Sub(f"{{{{resolve:secretsmanager:${{{secret}}}:SecretString:password}}}}")
    props: dict[str, Any] = {
        "BrokerName": name,
        "EngineType": engine,
        **ENGINES[engine],
        "AutoMinorVersionUpgrade": True,
        "DeploymentMode": "SINGLE_INSTANCE",
        "PubliclyAccessible": False,
        # A single-instance broker lives in one subnet: the first of the parameter's.
        "SubnetIds": [_first(subnets)],
        "SecurityGroups": Ref(groups),
        "Users": [{"Username": USERNAME, "Password": password}],
    }
    if engine == "ACTIVEMQ":
        config = ctx.ids.derived(f"mq-config:{name}", f"{name} Broker Configuration")
        ctx.add(
            amazonmq.Configuration(
                config,
                Name=f"{name}-configuration",
                EngineType=engine,
                EngineVersion=ENGINES[engine]["EngineVersion"],
                Data=Base64(configuration_xml(ctx, name)),
            )
        )
        props["Configuration"] = {"Id": Ref(config), "Revision": GetAtt(config, "Revision")}
    ctx.add(build(amazonmq.Broker, lid, props, untyped=("SecurityGroups",)))
    ctx.output(node, "BrokerArn", GetAtt(lid, "Arn"), f"ARN of the Amazon MQ broker '{name}'")


def _first(list_parameter: str) -> Any:
    return Select(0, Ref(list_parameter))


def mapping_props(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """What an event source mapping on the queue says besides its own props."""
    name = node.props["BrokerName"]
    access = [{"Type": "BASIC_AUTH", "URI": Ref(secret_id(ctx, name))}]
    if node.props["EngineType"] == "RABBITMQ":
        access.append({"Type": "VIRTUAL_HOST", "URI": "/"})
    return {
        "EventSourceArn": GetAtt(broker_id(ctx, name), "Arn"),
        "Queues": [names.resource_name(node)],
        "SourceAccessConfigurations": access,
    }


def pipe_source(ctx: ExportContext, node: Node) -> dict[str, Any]:
    """What a pipe's ActiveMQ or RabbitMQ source parameters name: the queue and the
    broker's user (and RabbitMQ's virtual host)."""
    found: dict[str, Any] = {
        "QueueName": names.resource_name(node),
        "Credentials": {"BasicAuth": Ref(secret_id(ctx, node.props["BrokerName"]))},
    }
    if node.props["EngineType"] == "RABBITMQ":
        found["VirtualHost"] = "/"
    return found


def read_statements(ctx: ExportContext, node: Node, sid: str) -> dict[str, dict]:
    name = node.props["BrokerName"]
    return {
        sid + "Broker": _statement(
            sid + "Broker", READ_BROKER, [GetAtt(broker_id(ctx, name), "Arn")]
        ),
        sid + "Secret": _statement(sid + "Secret", READ_SECRET, [Ref(secret_id(ctx, name))]),
        "BrokerNetworkInterfaces": _statement(
            "BrokerNetworkInterfaces", ENI_WRITE, network_resources()
        ),
        "BrokerNetworkLookups": _statement("BrokerNetworkLookups", ENI_DESCRIBE, ["*"]),
    }


def write_statements(ctx: ExportContext, node: Node, sid: str) -> dict[str, dict]:
    """A sender logs in to the broker with the broker's user: it may read the secret."""
    secret = Ref(secret_id(ctx, node.props["BrokerName"]))
    return {sid: _statement(sid, READ_SECRET, [secret])}


def _statement(sid: str, actions: tuple[str, ...], resources: list[Any]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": list(actions), "Resource": resources}


# --- import ----------------------------------------------------------------------------
def import_destination(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    """A broker read without Metadata: a queue named after the broker."""
    given = ctx.props_of(lid)
    return spec_props(
        ctx,
        lid,
        spec,
        {"BrokerName": given.get("BrokerName"), "EngineType": given.get("EngineType")},
    )


def is_broker(ctx: ImportContext, value: Any) -> str | None:
    """The broker's logical id when `value` refers to an Amazon MQ broker."""
    return ctx.referred(value, BROKER)


def _literal(ctx: ImportContext, value: Any) -> str | None:
    """A name as text: literal, or computed from parameters and pseudo parameters."""
    if value is not None and not isinstance(value, str):
        value = ctx.literal(value)
    return value if isinstance(value, str) else None


def mapping_queue(ctx: ImportContext, lid: str, given: dict[str, Any]) -> str | None:
    """The queue node a mapping on a broker reads: by broker and queue name, made when the
    template has no Metadata to describe it."""
    broker = is_broker(ctx, given.get("EventSourceArn"))
    if broker is None:
        return None
    broker_props = ctx.props_of(broker)
    broker_name = _literal(ctx, broker_props.get("BrokerName"))
    queues = given.get("Queues") or []
    wanted = _literal(ctx, queues[0]) if queues else None
    for node_id, node in ctx.nodes.items():
        props = node.get("props") or {}
        name = props.get("QueueName") or node_id
        if node["type"] == "mq.queue" and props.get("BrokerName") == broker_name and name == wanted:
            return node_id
    if ctx.meta.present or wanted is None or not isinstance(broker_name, str):
        ctx.warn(
            resource_path(lid, "Queues"), "unmapped_reference", "its queue is not in the diagram"
        )
        return None
    node_id = re.sub(r"[^A-Za-z0-9_-]", "-", f"{broker_name}-{wanted}")[:64]
    while node_id in ctx.nodes:
        node_id = f"{node_id[:60]}-{len(ctx.nodes)}"
    props = {"BrokerName": broker_name, "QueueName": wanted}
    if broker_props.get("EngineType") in ENGINES:
        props["EngineType"] = broker_props["EngineType"]
    ctx.nodes[node_id] = {"id": node_id, "type": "mq.queue", "props": props}
    return node_id
