"""The registry is the one list of node types and edge kinds: these tests keep it whole."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from engine import registry
from engine.schema.edges import EDGE_KINDS
from engine.schema import check_field

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
        assert preset.role in spec.roles
        for name, value in preset.props:
            assert check_field(spec.prop(name), value, name) == []


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
    for path in ENGINE.glob("*.py"):
        if path.name == "registry.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("RESOURCES", "NODE_SPECS"):
                pytest.fail(f"{path.name} touches registry.{node.attr}")
