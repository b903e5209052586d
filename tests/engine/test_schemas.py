"""Schema discovery ("Amazon EventBridge schema registries", "Schema discovery"): one
schema per source and detail-type inferred from the events a bus takes, in OpenAPI 3 and
JSON Schema draft 4, a new version for each added field, changed type or field no longer
always there, the report's `schemas` section, and code bindings that compile."""

from __future__ import annotations

import json
from pathlib import Path

import engine
from engine.services.schemas.infer import (
    changes,
    json_schema,
    merge,
    openapi,
    python_bindings,
    shape_of,
    typescript_bindings,
)
from tests.engine.builders import assert_balanced, diagram, edge, node, producer, publish, run

EXAMPLE = Path(engine.__file__).parent / "examples" / "schema-discovery.json"


def test_shapes_know_types_dates_nested_objects_and_arrays():
    shape = shape_of(
        {"n": 1, "ok": True, "at": "2026-01-01T10:00:00Z", "tags": ["a"], "who": {"id": "x"}}
    )
    props = shape["properties"]
    assert props["n"] == {"type": "number"} and props["ok"] == {"type": "boolean"}
    assert props["at"] == {"type": "string", "format": "date-time"}
    assert props["tags"] == {"type": "array", "items": {"type": "string"}}
    assert props["who"]["properties"]["id"] == {"type": "string"}
    assert shape["required"] == ["at", "n", "ok", "tags", "who"]


def test_merging_adds_fields_keeps_only_common_ones_required_and_says_what_changed():
    first = shape_of({"id": "a", "amount": 3})
    second = shape_of({"id": "b", "amount": "3.00", "coupon": "X"})
    merged = merge(first, second)
    assert merged["properties"]["amount"] == {"type": "string"}
    assert merged["required"] == ["amount", "id"]  # coupon was not always there
    assert changes(first, merged) == [
        "changed detail.amount: number → string",
        "added detail.coupon (string)",
    ]
    assert merge(merged, shape_of({"id": "c", "amount": "1"})) == merged  # nothing new
    dropped = merge(merged, shape_of({"amount": "1"}))
    assert changes(merged, dropped) == ["detail.id is no longer required"]


def test_openapi_and_json_schema_documents_have_the_envelope_and_a_component_per_object():
    detail = shape_of({"order": {"id": "o-1", "lines": [{"sku": "a"}]}, "total": 3})
    doc = openapi("shop", "Order Placed", detail, "2")
    schemas = doc["components"]["schemas"]
    assert doc["openapi"] == "3.0.0" and doc["info"] == {"version": "2", "title": "OrderPlaced"}
    assert schemas["AWSEvent"]["x-amazon-events-source"] == "shop"
    assert schemas["AWSEvent"]["properties"]["detail"] == {
        "$ref": "#/components/schemas/OrderPlaced"
    }
    assert schemas["OrderPlaced"]["properties"]["order"] == {"$ref": "#/components/schemas/Order"}
    assert schemas["Order"]["properties"]["lines"]["items"] == {
        "$ref": "#/components/schemas/Lines"
    }
    draft4 = json_schema("shop", "Order Placed", detail)
    assert draft4["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert draft4["properties"]["detail"] == {"$ref": "#/definitions/OrderPlaced"}
    assert set(draft4["definitions"]) == {"OrderPlaced", "Order", "Lines"}


def test_python_bindings_compile_and_typescript_bindings_declare_each_interface():
    detail = merge(
        shape_of({"id": "a", "class": 1, "items": [{"sku": "x"}]}),
        shape_of({"id": "b", "class": 2}),
    )
    code = python_bindings("shop", "Order Placed", detail)
    scope: dict = {}
    exec(compile(code, "bindings.py", "exec"), scope)  # noqa: S102 - our own generated code
    order = scope["OrderPlaced"](class_=1.0, id="a")  # a keyword becomes class_
    assert order.items is None  # not always there: optional
    assert scope["Items"](sku="x").sku == "x"
    ts = typescript_bindings("shop", "Order Placed", detail)
    assert "export interface OrderPlaced {" in ts and "  items?: Items[];" in ts
    assert "export interface AWSEvent {" in ts and '  "detail-type": string;' in ts


def test_the_registry_discovers_from_its_bus_and_reports_every_version():
    r = run(json.loads(EXAMPLE.read_text()))
    metrics = r.metrics("registry")
    assert metrics["SchemasDiscovered"] == 1 and metrics["SchemaVersions"] == 3
    assert metrics["EventsSeen"] == 46
    (schema,) = r.report["schemas"]["registry"].values()
    versions = schema["versions"]
    assert [(v["version"], v["time"]) for v in versions] == [("1", 0.0), ("2", 40.0), ("3", 80.0)]
    assert versions[1]["changes"] == ["added detail.coupon (string)", "added detail.items (array)"]
    assert versions[2]["changes"] == ["changed detail.amount: number → string"]
    assert versions[2]["openapi"]["info"]["version"] == "3"
    assert "class OrderPlaced:" in schema["bindings"]["python"]
    assert [e["version"] for e in r.of("schema-version", "registry")] == ["1", "2", "3"]
    assert_balanced(r.ledger)


def test_one_schema_per_source_and_detail_type():
    nodes = [
        producer("a", count=3, payload={"Source": "a", "DetailType": "X", "Detail": {"n": 1}}),
        producer("b", count=3, payload={"Source": "b", "DetailType": "X", "Detail": {"n": 1}}),
        node("bus", "eventbridge.bus", {"Name": "b"}),
        node("reg", "schemas.registry"),
    ]
    edges = [publish("a", "bus"), publish("b", "bus"), edge("discover", "bus", "reg")]
    r = run(diagram(nodes, edges), until=10)
    assert sorted(r.report["schemas"]["reg"]) == ["a@X", "b@X"]
    assert "schemas" not in run(diagram(nodes[:3], edges[:2]), until=5).report
