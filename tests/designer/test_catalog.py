"""The catalogue at /api/catalog/ is the engine registry as JSON: every type, preset and edge
kind with props, defaults, bounds and allowed pairs, and nothing added by hand."""

import ast
import base64
from pathlib import Path

import pytest
from django.conf import settings

from designer import catalog as catalog_module
from designer.catalog import catalog
from engine import registry
from engine.core.spec import EdgeKindSpec, FieldSpec, NodeSpec

pytestmark = pytest.mark.django_db

CATALOG_SOURCE = Path(catalog_module.__file__)


@pytest.fixture
def served(client):
    response = client.get("/api/catalog/")
    assert response.status_code == 200
    return response.json()


def by(items: list[dict], key: str) -> dict[str, dict]:
    return {item[key]: item for item in items}


def test_each_icon_comes_inline_with_the_bytes_of_its_static_file(served):
    # One request for the catalogue instead of one more per type (issue: editor load).
    static = Path(settings.BASE_DIR) / "static" / "designer" / "icons"
    for entry in served["node_types"]:
        prefix, _, data = entry["icon"].partition(",")
        assert prefix == "data:image/svg+xml;base64"
        assert base64.b64decode(data) == (static / f"{entry['type']}.svg").read_bytes()


def test_every_node_type_appears_with_its_props_and_sim_fields(served):
    node_types = served["node_types"]

    assert [t["type"] for t in node_types] == registry.node_types()
    for spec, entry in zip(registry.NODE_SPECS, node_types, strict=True):
        assert entry == {
            "type": spec.type,
            "label": spec.label,
            "description": spec.description,
            "group": spec.group,
            "icon": entry["icon"],
            "stream": spec.stream,
            "cfn_type": spec.cfn_type,
            "props": [field.as_dict() for field in spec.props],
            "sim": [field.as_dict() for field in spec.sim],
            "roles": list(spec.roles),
            "name_prop": spec.name_prop,
            "metric_namespace": spec.metric_namespace,
            "metric_dimension": spec.metric_dimension,
            "counters": entry["counters"],
            "metrics": list(spec.metrics),
        }


def test_each_type_carries_the_counters_the_live_page_shows(served):
    types = by(served["node_types"], "type")
    queue = types["sqs.queue"]["counters"]
    assert queue["default"][0] == ["ApproximateNumberOfMessagesVisible", "visible"]
    assert queue["dlq"][0] == ["ApproximateNumberOfMessagesVisible", "in DLQ"]
    assert types["lambda.function"]["counters"]["stream"][-1] == ["IteratorAge", "iter age ms"]
    for spec in registry.NODE_SPECS:
        assert types[spec.type]["counters"]["default"] == [list(c) for c in spec.counters]
    assert types["s3.bucket"]["metric_namespace"] == "AWS/S3"


def test_types_carry_their_palette_group_and_the_groups_come_in_registry_order(served):
    types = by(served["node_types"], "type")
    assert types["sqs.queue"]["group"] == types["sns.topic"]["group"] == "Messaging"
    assert types["eventbridge.rule"]["group"] == "Routing"
    assert served["groups"] == list(dict.fromkeys(t["group"] for t in served["node_types"]))
    assert len(served["groups"]) == len(set(served["groups"]))
    assert all(spec.group for spec in registry.NODE_SPECS), "every type needs a palette group"


def test_only_stream_types_are_flagged_as_streams(served):
    streams = {t["type"] for t in served["node_types"] if t["stream"]}
    assert streams == {"kinesis.stream", "dynamodb.table", "kafka.topic"}


def test_a_prop_carries_its_default_and_bounds(served):
    queue = by(served["node_types"], "type")["sqs.queue"]

    visibility = by(queue["props"], "name")["VisibilityTimeout"]

    assert (visibility["kind"], visibility["default"]) == ("int", 30)
    assert (visibility["minimum"], visibility["maximum"]) == (0, 43200)


def test_every_preset_appears(served):
    assert served["presets"] == [
        {
            "key": p.key,
            "type": p.type,
            "label": p.label,
            "description": p.description,
            "role": p.role,
            "props": dict(p.props),
            "sim": dict(p.sim),
        }
        for p in registry.PRESETS
    ]


def test_every_edge_kind_appears_with_props_and_exactly_the_allowed_pairs(served):
    kinds = served["edge_kinds"]
    types = registry.node_types()

    assert [k["kind"] for k in kinds] == registry.edge_kinds()
    for spec, entry in zip(registry.EDGE_KINDS, kinds, strict=True):
        assert entry["sources"] == list(spec.sources)
        assert entry["targets"] == list(spec.targets)
        assert entry["props"] == [field.as_dict() for field in spec.props]
        expected = {(s, t) for s in types for t in types if spec.allows(s, t)}
        assert {tuple(pair) for pair in entry["pairs"]} == expected
        assert len(entry["pairs"]) == len(expected)


def test_the_dead_letter_edge_joins_queue_to_queue_only(served):
    dead_letter = by(served["edge_kinds"], "kind")["dead-letter"]

    # an SQS queue's DLQ is an SQS queue, a broker queue's a queue of the broker
    assert dead_letter["pairs"] == [["sqs.queue", "sqs.queue"], ["mq.queue", "mq.queue"]]
    assert by(dead_letter["props"], "name")["maxReceiveCount"]["minimum"] == 1


def test_a_type_added_to_the_registry_appears_without_touching_the_designer(monkeypatch):
    gadget = NodeSpec(
        type="test.gadget",
        label="Gadget",
        description="Only in this test.",
        cfn_type="AWS::Test::Gadget",
        props=(FieldSpec("Size", "int", 3, minimum=1, maximum=9),),
    )
    wire = EdgeKindSpec("test-wire", "Only in this test.", ("producer",), ("test.gadget",))
    monkeypatch.setattr(registry, "NODE_SPECS", (*registry.NODE_SPECS, gadget))
    monkeypatch.setattr(registry, "EDGE_KINDS", (*registry.EDGE_KINDS, wire))
    catalog.cache_clear()
    try:
        built = catalog()
    finally:
        catalog.cache_clear()

    entry = by(built["node_types"], "type")["test.gadget"]
    assert entry["props"] == [
        {"name": "Size", "kind": "int", "default": 3, "help": "", "minimum": 1, "maximum": 9}
    ]
    assert by(built["edge_kinds"], "kind")["test-wire"]["pairs"] == [["producer", "test.gadget"]]


def test_the_catalogue_module_names_no_type_prop_or_kind_itself():
    names = set(registry.node_types()) | set(registry.edge_kinds())
    for spec in (*registry.NODE_SPECS, *registry.EDGE_KINDS):
        names |= {field.name for field in (*spec.props, *getattr(spec, "sim", ()))}
    tree = ast.parse(CATALOG_SOURCE.read_text(encoding="utf-8"))

    literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)}

    assert literals & names == set()


def test_the_catalogue_is_built_once(client):
    assert catalog() is catalog()
    assert client.get("/api/catalog/").json() == client.get("/api/catalog/").json()


def test_field_specs_with_choices_list_them(served):
    runtime = by(by(served["node_types"], "type")["lambda.function"]["props"], "name")["Runtime"]
    spec = registry.node_spec("lambda.function").prop("Runtime")

    assert runtime["choices"] == list(spec.choices)
    assert spec.as_dict() == runtime
