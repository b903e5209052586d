"""Helpers for the CloudFormation tests: examples, lint, canonical documents, moto deploys.

- `EXAMPLES`: the example diagrams' names; `example(name)` loads one.
- `lint_findings(text)`: cfn-lint's errors and warnings for a template, as readable lines.
- `canonical(doc)`: what a round trip must keep: the loaded diagram (defaults filled) plus
  the layout the engine ignores (positions, labels, edge vertices).
- `deployable(template)`: a copy of a template that moto's CloudFormation can create (see
  its docstring for exactly what it changes and why).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from engine import load_diagram

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "engine" / "examples"
EXAMPLES = sorted(path.stem for path in EXAMPLES_DIR.glob("*.json"))
# Types moto's CloudFormation does not create (the stack still completes without them).
MOTO_SKIPS = (
    "AWS::SNS::Subscription",
    "AWS::SQS::QueuePolicy",
    "AWS::SNS::TopicPolicy",
    "AWS::Kinesis::StreamConsumer",
    "AWS::Lambda::EventInvokeConfig",
    "AWS::CloudWatch::Alarm",
)
# Types moto 5 does not model at all, with the prop that names each.
UNMODELLED = {
    "AWS::ElastiCache::ServerlessCache": "ServerlessCacheName",
    "AWS::KinesisVideo::Stream": "Name",
    "AWS::KinesisFirehose::DeliveryStream": "DeliveryStreamName",
    # moto has archives, but reads an archive's EventPattern as JSON text only, while the
    # resource specification (and troposphere) give it as an object.
    "AWS::Events::Archive": "ArchiveName",
    "AWS::EventSchemas::Registry": "RegistryName",
    "AWS::EventSchemas::Discoverer": "Description",
    "AWS::EventSchemas::Schema": "SchemaName",
    "AWS::MSK::ServerlessCluster": "ClusterName",
    "AWS::AmazonMQ::Broker": "BrokerName",
    "AWS::SecretsManager::Secret": "Name",
    "AWS::KinesisAnalyticsV2::Application": "ApplicationName",
    "AWS::AmazonMQ::Configuration": "Name",
    "AWS::Events::Connection": "Name",
    "AWS::Events::ApiDestination": "Name",
}


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def lint_findings(text: str) -> tuple[list[str], list[str]]:
    """cfn-lint's (errors, other findings) for a template, one line each."""
    from cfnlint.api import lint

    errors, others = [], []
    for match in lint(text):
        line = f"{match.rule.id} line {match.linenumber}: {match.message}"
        (errors if match.rule.severity == "error" else others).append(line)
    return errors, others


def canonical(doc: dict[str, Any]) -> dict[str, Any]:
    diagram = load_diagram(doc)
    nodes = []
    for node in diagram.nodes.values():
        raw = doc["nodes"][node.index]
        nodes.append(
            {
                "id": node.id,
                "type": node.type,
                "label": node.label,
                "role": node.role,
                "props": node.props,
                "sim": node.sim,
                "position": raw.get("position"),
            }
        )
    edges = [
        {
            "id": edge.id,
            "kind": edge.kind,
            "source": edge.source,
            "target": edge.target,
            "props": edge.props,
            "label": doc["edges"][edge.index].get("label"),
            "vertices": doc["edges"][edge.index].get("vertices"),
        }
        for edge in diagram.edges
    ]
    top = {"name": diagram.name, "description": diagram.description}
    return {
        **top,
        "seed": diagram.seed,
        "duration": diagram.duration,
        "nodes": nodes,
        "edges": edges,
    }


def resources_of(template: dict[str, Any], cfn_type: str) -> dict[str, dict[str, Any]]:
    return {lid: r for lid, r in template["Resources"].items() if r["Type"] == cfn_type}


def deployable(template: dict[str, Any]) -> dict[str, Any]:
    """A copy of `template` that moto 5 can create, changed only where moto falls short:

    - an enhanced fan-out consumer (`AWS::Kinesis::StreamConsumer`) is not supported, and
      a `Fn::GetAtt` to it fails the stack: the copy has no consumer, and what referred to
      its ARN refers to its stream's ARN instead;
    - a `Ref` to an `AWS::Events::EventBus` gives moto the bus object instead of its name
      (a moto bug; CloudFormation gives the name): the copy names the bus literally;
    - the types of `UNMODELLED` (an ElastiCache serverless cache, a Kinesis video stream)
      are not supported, and a `Fn::GetAtt` to one fails the stack: the copy has none of
      them, no output of them, and what referred to one names it (its name prop, else its
      logical id), and the parameters only they used are dropped;
    - a partner event bus needs its partner event source, which the partner creates in its
      own account (moto has none): the copy's bus is a custom bus, its name without `/`.
    """
    copied = copy.deepcopy(template)
    resources = copied["Resources"]
    consumers = resources_of(copied, "AWS::Kinesis::StreamConsumer")
    buses = resources_of(copied, "AWS::Events::EventBus")
    unmodelled = {
        lid: body.get("Properties", {}).get(UNMODELLED[body["Type"]], lid)
        for lid, body in resources.items()
        if body["Type"] in UNMODELLED
    }
    destinations = resources_of(copied, "AWS::Events::ApiDestination")
    for lid in [*consumers, *unmodelled]:
        del resources[lid]

    # A mapping on a removed resource (an MSK cluster, a broker) cannot be made without it.
    def source_of(body: dict[str, Any]) -> Any:
        arn = body.get("Properties", {}).get("EventSourceArn", {})
        return arn.get("Ref") or arn.get("Fn::GetAtt", [None])[0]

    for lid in [
        lid
        for lid, body in resources.items()
        if body["Type"] == "AWS::Lambda::EventSourceMapping" and source_of(body) in unmodelled
    ]:
        del resources[lid]
    for bus in buses.values():
        props = bus.get("Properties", {})
        if props.pop("EventSourceName", None) is not None:
            props["Name"] = props["Name"].replace("/", "-")
    outputs = copied.get("Outputs", {})
    for name in [
        n
        for n, o in outputs.items()
        if o["Value"].get("Fn::GetAtt", [""])[0] in unmodelled
        or o["Value"].get("Ref") in unmodelled
    ]:
        del outputs[name]

    def fix(value: Any) -> Any:
        if isinstance(value, dict):
            target = value.get("Fn::GetAtt", [None])[0] if "Fn::GetAtt" in value else None
            if target in consumers:
                return fix(consumers[target]["Properties"]["StreamARN"])
            if target in destinations and value["Fn::GetAtt"][1] == "Arn":  # a rule's target
                return f"arn:aws:events:us-east-1:123456789012:api-destination/{unmodelled[target]}"
            if target in unmodelled:
                return unmodelled[target]
            if value.get("Ref") in unmodelled:  # an ARN-shaped stand-in (Split/Select read it)
                return f"arn:aws:unmodelled:us-east-1:123456789012:x/{unmodelled[value['Ref']]}/0"
            if value.get("Ref") in buses:
                return buses[value["Ref"]]["Properties"]["Name"]
            return {k: fix(v) for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    copied["Resources"] = {lid: fix(body) for lid, body in resources.items()}
    # Parameters only the removed resources used (an MSK cluster's subnets) are dropped.
    used = json.dumps([copied["Resources"], copied.get("Outputs", {})])
    for name in list(copied.get("Parameters", {})):
        if f'"Ref": "{name}"' not in used:
            del copied["Parameters"][name]
    return copied
