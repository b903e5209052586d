"""What a new node type needs besides its engine package and registry line: a
CloudFormation entry, an icon and a palette group. Nothing else in the designer or the
browser lists types, so these are the only places a type can be forgotten."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from designer.catalog import icon_path
from designer.cloudformation import services
from engine import registry

STATIC = Path(settings.BASE_DIR) / "static"


def test_every_registered_type_has_an_icon_file():
    missing = [t for t in registry.node_types() if not (STATIC / icon_path(t)).is_file()]
    assert not missing, f"no icon for {missing} (static/designer/icons/<type>.svg)"


def test_every_icon_file_belongs_to_a_registered_type():
    icons = {p.name.removesuffix(".svg") for p in (STATIC / "designer" / "icons").glob("*.svg")}
    assert icons == set(registry.node_types())


def test_every_registered_type_has_a_cloudformation_entry_and_a_group():
    for spec in registry.NODE_SPECS:
        assert spec.type in services.NODE_MAPPINGS, spec.type
        assert spec.group, spec.type
