"""The palette catalogue (`/api/catalog/`), built from `engine.registry` and nothing else.

Node types, presets and edge kinds are declared once, in the engine; this module only
turns the specs into JSON, each type with its palette `group` and its `icon`
(`static/designer/icons/<type>.svg`, inline as a `data:` URL). It lists no type, prop or
pair of its own: allowed pairs come from each edge kind's own `allows`, over the
registered node types.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from engine import registry
from engine.core.spec import EdgeKindSpec, NodeSpec, PresetSpec
from engine.schema import FORMAT


def _node_type(spec: NodeSpec) -> dict[str, Any]:
    return {
        "type": spec.type,
        "label": spec.label,
        "description": spec.description,
        "group": spec.group,
        "icon": icon_url(spec.type),
        "stream": spec.stream,
        "cfn_type": spec.cfn_type,
        "props": [field.as_dict() for field in spec.props],
        "sim": [field.as_dict() for field in spec.sim],
        "roles": list(spec.roles),
        "name_prop": spec.name_prop,
        "metric_namespace": spec.metric_namespace,
        "metric_dimension": spec.metric_dimension,
        "counters": _counters(spec),
        "metrics": list(spec.metrics),
    }


def icon_path(type_name: str) -> str:
    """Where a type's icon lives among the static files (one SVG per type)."""
    return f"designer/icons/{type_name}.svg"


def icon_url(type_name: str) -> str:
    """The icon inline, as a `data:` URL: the page then needs no request per icon (a
    palette of 25 types would otherwise cost 25). The static file's URL when the file
    cannot be read (the new-type checklist test reports a missing icon)."""
    return _inline_icon(type_name) or static(icon_path(type_name))


@cache
def _inline_icon(type_name: str) -> str | None:
    found = finders.find(icon_path(type_name))
    if not found:
        return None
    data = Path(found).read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _counters(spec: NodeSpec) -> dict[str, list[list[str]]]:
    """What the live page shows on a node: `default`, and a replacement per variant
    (`dlq`: a queue in the dlq role; `stream`: a function a stream feeds)."""
    found = {"default": [list(counter) for counter in spec.counters]}
    for variant, counters in spec.counter_variants:
        found[variant] = [list(counter) for counter in counters]
    return found


def _preset(spec: PresetSpec) -> dict[str, Any]:
    return {
        "key": spec.key,
        "type": spec.type,
        "label": spec.label,
        "description": spec.description,
        "role": spec.role,
        "props": dict(spec.props),
        "sim": dict(spec.sim),
    }


def _edge_kind(spec: EdgeKindSpec) -> dict[str, Any]:
    types = registry.node_types()
    return {
        "kind": spec.kind,
        "description": spec.description,
        "sources": list(spec.sources),
        "targets": list(spec.targets),
        "props": [field.as_dict() for field in spec.props],
        "pairs": [[s, t] for s in types for t in types if spec.allows(s, t)],
    }


@cache
def catalog() -> dict[str, Any]:
    """The whole catalogue. Built once per process: it changes only with the code.
    Callers must not mutate it."""
    return {
        "format": FORMAT,
        "node_types": [_node_type(spec) for spec in registry.NODE_SPECS],
        # Palette groups, in the order their first type appears in the registry.
        "groups": list(dict.fromkeys(spec.group for spec in registry.NODE_SPECS)),
        "presets": [_preset(spec) for spec in registry.PRESETS],
        "edge_kinds": [_edge_kind(spec) for spec in registry.EDGE_KINDS],
    }
