"""The registry is the one list of node types and edge kinds: these tests keep it whole."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import engine
from engine import registry
from engine.schema import check_field
from engine.schema.edges import EDGE_KINDS

ENGINE = Path(registry.__file__).parent


def test_every_node_type_has_a_resource_class():
    assert set(registry.RESOURCES) == set(registry.node_types())


def test_node_types_are_unique_and_in_palette_order():
    types = registry.node_types()
    assert len(types) == len(set(types))
    assert types[0] == "producer"


def test_every_edge_kind_joins_registered_types_only():
    known = set(registry.node_types())
    for spec in EDGE_KINDS:
        assert set(spec.sources) <= known, spec.kind
        assert set(spec.targets) <= known, spec.kind


def test_presets_name_registered_types_and_their_roles():
    for preset in registry.PRESETS:
        spec = registry.node_spec(preset.type)
        assert spec is not None
        assert preset.role is None or preset.role in spec.roles
        for name, value in preset.props:
            assert check_field(spec.prop(name), value, name) == []
        for name, value in preset.sim:
            assert check_field(spec.sim_field(name), value, name) == [], (preset.key, name)


def _all_fields():
    for spec in registry.NODE_SPECS:
        for field in spec.props + spec.sim:
            yield f"{spec.type}.{field.name}", field
    for kind in EDGE_KINDS:
        for field in kind.props:
            yield f"{kind.kind}.{field.name}", field


@pytest.mark.parametrize(("name", "field"), list(_all_fields()), ids=lambda v: str(v)[:60])
def test_every_default_passes_its_own_check(name, field):
    """A default that its own spec would refuse would break every new diagram."""
    if field.default is not None:
        assert check_field(field, field.default, name) == []


def test_pair_message_names_the_allowed_pairs():
    subscription = registry.edge_kind("subscription")
    message = registry.pair_message(subscription, "sqs.queue", "lambda.function")
    assert "sns.topic → sqs.queue" in message
    assert "sns.topic → lambda.function" in message
    assert "event-source" in message  # the kind that does join these two


def test_no_module_registers_types_as_an_import_side_effect():
    """Types are listed by hand in registry.py: no other module builds the registry."""
    modules = sorted(ENGINE.rglob("*.py"))
    assert len(modules) > 40  # every layer and service package, not only the top folder
    for path in modules:
        if path == ENGINE / "registry.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("RESOURCES", "NODE_SPECS"):
                pytest.fail(f"{path.relative_to(ENGINE)} touches registry.{node.attr}")


def test_every_aws_type_declares_its_name_prop_arn_and_metric_namespace():
    for spec in registry.NODE_SPECS:
        if spec.cfn_type is None:  # producers and workers are not AWS resources
            assert spec.arn_format is None and spec.metric_namespace is None, spec.type
            continue
        if spec.name_prop is not None:  # a rule has no name prop: its node id names it
            assert spec.prop(spec.name_prop) is not None, spec.type
        assert spec.arn_format and "{name}" in spec.arn_format, spec.type
        # An alarm is not watched by another; a schema registry and an API destination
        # publish no CloudWatch metrics of their own (their counters are the engine's).
        if spec.type not in ("cloudwatch.alarm", "schemas.registry", "eventbridge.apidestination"):
            assert spec.metric_namespace and spec.metric_dimension, spec.type
        assert spec.counters, spec.type


def test_counters_name_metrics_the_resource_reports():
    doc = {
        "format": "eventyard/1",
        "nodes": [
            {"id": spec.type.replace(".", "_"), "type": spec.type} for spec in registry.NODE_SPECS
        ],
        "edges": [],
    }
    # Alarms need a watched node; give each type alone the chance to report its metrics.
    for spec in registry.NODE_SPECS:
        if spec.type == "cloudwatch.alarm":
            continue
        one = dict(doc, nodes=[n for n in doc["nodes"] if n["type"] == spec.type])
        if spec.type == "dynamodb.table":
            one["nodes"][0]["props"] = {"StreamSpecification": {"StreamViewType": "NEW_IMAGE"}}
        if spec.type == "eventbridge.rule":
            one["nodes"][0]["props"] = {"ScheduleExpression": "rate(1 minute)"}
        if spec.type == "pipes.pipe":  # a pipe needs its source and its target
            one["nodes"] = one["nodes"] + [
                {"id": "src", "type": "sqs.queue"},
                {"id": "dst", "type": "sqs.queue"},
            ]
            one["edges"] = [
                {"id": "in", "kind": "event-source", "source": "src", "target": "pipes_pipe"},
                {"id": "out", "kind": "target", "source": "pipes_pipe", "target": "dst"},
            ]
        if spec.type == "firehose.deliverystream":  # a delivery stream needs its bucket
            one["nodes"] = one["nodes"] + [{"id": "lake", "type": "s3.bucket"}]
            one["edges"] = [
                {
                    "id": "d",
                    "kind": "delivery",
                    "source": "firehose_deliverystream",
                    "target": "lake",
                }
            ]
        sim = engine.Simulation(engine.load_diagram(one))
        metrics = next(iter(sim.node_metrics().values()))
        shown = list(spec.counters) + [c for _v, cs in spec.counter_variants for c in cs]
        assert {metric for metric, _label in shown} <= set(metrics), spec.type


def test_derived_views_follow_the_specs():
    assert registry.METRIC_NAMESPACES["sqs.queue"] == ("AWS/SQS", "QueueName")
    assert registry.METRIC_NAMESPACES["s3.bucket"] == ("AWS/S3", "BucketName")
    assert "producer" not in registry.METRIC_NAMESPACES
    assert {"QueueName", "TopicName", "BucketName", "Name"} <= set(registry.NAME_PROPS)


def test_a_bucket_name_and_its_arn_are_derived_once_and_agree():
    doc = {
        "format": "eventyard/1",
        "nodes": [
            {"id": "Up_Loads", "type": "s3.bucket"},
            {"id": "named", "type": "s3.bucket", "props": {"BucketName": "my-bucket"}},
        ],
        "edges": [],
    }
    sim = engine.Simulation(engine.load_diagram(doc))
    derived, named = sim.resources["Up_Loads"], sim.resources["named"]
    assert (derived.name, derived.arn) == ("up-loads", "arn:aws:s3:::up-loads")
    assert (named.name, named.arn) == ("my-bucket", "arn:aws:s3:::my-bucket")


def test_every_metric_a_resource_reports_is_declared_on_its_spec():
    """Goals name metrics by the spec's `metrics`: a resource must report no other."""
    import json
    from pathlib import Path

    from engine import Simulation, load_diagram
    from engine import registry as types

    examples = Path(__file__).resolve().parents[2] / "engine" / "examples"
    seen = set()
    for path in sorted(examples.glob("*.json")):
        diagram = load_diagram(json.loads(path.read_text(encoding="utf-8")))
        sim = Simulation(diagram, trace=False)
        sim.run(2)
        for node_id, metrics in sim.node_metrics().items():
            spec = types.node_spec(diagram.nodes[node_id].type)
            assert set(metrics) <= set(spec.metrics), (path.name, node_id)
            seen.add(spec.type)
    assert seen == set(types.node_types()), "an example shows every type"
