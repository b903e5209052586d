"""CloudFormation for schema registries: the registry, one discoverer per `discover` edge
on its bus, and the schemas a headless run discovers (OpenAPI 3), cfn-lint clean; import
gives the diagram back, and a hand-written discoverer without a registry gets AWS's
`discovered-schemas` registry."""

from __future__ import annotations

import json

from designer.cloudformation import export_template, import_template
from designer.cloudformation.template_text import load_text
from engine import load_diagram
from tests.designer.cfn_support import canonical, example, lint_findings, resources_of


def test_the_registry_its_discoverer_and_the_discovered_schemas():
    doc = example("schema-discovery")
    text = export_template(doc)
    template = load_text(text)
    (registry,) = resources_of(template, "AWS::EventSchemas::Registry").values()
    assert registry["Properties"]["RegistryName"] == "shop-events"
    (discoverer,) = resources_of(template, "AWS::EventSchemas::Discoverer").values()
    assert discoverer["Properties"]["SourceArn"] == {"Fn::GetAtt": ["Shop", "Arn"]}
    (schema,) = resources_of(template, "AWS::EventSchemas::Schema").values()
    props = schema["Properties"]
    assert props["SchemaName"] == "shop.checkout@OrderPlaced"
    assert props["Type"] == "OpenApi3"
    content = json.loads(props["Content"])
    assert content["info"]["version"] == "3"  # the run's latest version
    detail = content["components"]["schemas"]["OrderPlaced"]["properties"]
    assert detail["amount"] == {"type": "string"} and "coupon" in detail
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)


HAND_WRITTEN = """\
Resources:
  Orders:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
  OrdersDiscoverer:
    Type: AWS::EventSchemas::Discoverer
    Properties:
      SourceArn: !GetAtt Orders.Arn
"""


def test_a_discoverer_without_a_registry_discovers_into_discovered_schemas():
    document, warnings = import_template(HAND_WRITTEN)
    load_diagram(document)
    assert warnings == []
    types = {n["id"]: n["type"] for n in document["nodes"]}
    assert types["discovered-schemas"] == "schemas.registry"
    edges = {(e["kind"], e["source"], e["target"]) for e in document["edges"]}
    assert edges == {("discover", "orders", "discovered-schemas")}
