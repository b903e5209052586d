"""Schema inference as EventBridge's schema discovery does it ("Amazon EventBridge schema
registries", "Schema discovery"): from the events a bus sees, one schema per `source` and
`detail-type`, in OpenAPI 3 (the `AWSEvent` envelope with the detail as a component of its
own, and each nested object as a component named after its property) or JSON Schema draft
4, with every property seen, its type (`string`, `number`, `boolean`, `object`, `array`;
RFC 3339 strings as `date-time`) and the properties every event had as `required`.

A shape is plain data: `{"type": ..., "properties": {...}, "required": [...]}` for an
object, `{"type": "array", "items": shape | None}`, `{"type": "string", "format": ...}`.
`merge` folds a new event's shape into a schema's; a result that differs is a new version,
and `changes` says how in words. `python_bindings` and `typescript_bindings` write the code
a schema's code bindings hold (dataclasses; interfaces).
"""

from __future__ import annotations

import keyword
import re
from typing import Any

from engine.core.values import is_number

DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
ENVELOPE = (
    "account",
    "detail",
    "detail-type",
    "id",
    "region",
    "resources",
    "source",
    "time",
    "version",
)


def shape_of(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {
            "type": "object",
            "properties": {key: shape_of(item) for key, item in sorted(value.items())},
            "required": sorted(value),
        }
    if isinstance(value, list):
        items = None
        for item in value:
            items = shape_of(item) if items is None else merge(items, shape_of(item))
        return {"type": "array", "items": items}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if is_number(value):
        return {"type": "number"}
    if isinstance(value, str):
        return (
            {"type": "string", "format": "date-time"}
            if DATE_TIME.fullmatch(value)
            else {"type": "string"}
        )
    return {"type": "null"}


def merge(old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any] | None:
    """The schema of events like `old`'s and like `new`: properties of both, required
    only when both require them; a property whose type changed takes the new type."""
    if old is None or new is None:
        return new if old is None else old
    if old["type"] != new["type"]:
        return new if new["type"] != "null" else old
    if old["type"] == "object":
        names = sorted(set(old["properties"]) | set(new["properties"]))
        return {
            "type": "object",
            "properties": {
                n: merge(old["properties"].get(n), new["properties"].get(n)) for n in names
            },
            "required": sorted(set(old["required"]) & set(new["required"])),
        }
    if old["type"] == "array":
        return {"type": "array", "items": merge(old.get("items"), new.get("items"))}
    if old.get("format") != new.get("format"):
        return {"type": old["type"]}  # a string that is not always a date-time
    return old


def changes(old: dict[str, Any] | None, new: dict[str, Any], path: str = "detail") -> list[str]:
    """What a new version changed, one line each (`added detail.coupon (string)`)."""
    if old is None:
        return [f"added {path} ({new['type']})"]
    found: list[str] = []
    if old["type"] != new["type"]:
        return [f"changed {path}: {old['type']} → {new['type']}"]
    if old["type"] == "object":
        for name in sorted(set(old["properties"]) | set(new["properties"])):
            at = f"{path}.{name}"
            if name not in old["properties"]:
                found.append(f"added {at} ({new['properties'][name]['type']})")
            elif name in new["properties"]:
                found.extend(changes(old["properties"][name], new["properties"][name], at))
        for name in sorted(set(old["required"]) - set(new["required"])):
            found.append(f"{path}.{name} is no longer required")
    elif old["type"] == "array" and new.get("items") is not None:
        found.extend(changes(old.get("items"), new["items"], f"{path}[]"))
    elif old.get("format") != new.get("format"):
        was, now = old.get("format") or old["type"], new.get("format") or new["type"]
        found.append(f"changed {path}: {was} → {now}")
    return found


def type_name(text: str) -> str:
    """A component or class name: PascalCase letters and digits, as discovery names them."""
    words = re.split(r"[^A-Za-z0-9]+", text)
    name = "".join(w[:1].upper() + w[1:] for w in words if w)
    if not name or not name[0].isalpha():
        name = "Type" + name
    return name


class _Components:
    """Named object schemas, each name once (a second `Item` becomes `Item1`)."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def name_for(self, wanted: str) -> str:
        name, n = wanted, 1
        while name in self.schemas:
            name = f"{wanted}{n}"
            n += 1
        self.schemas[name] = None
        return name


def _openapi_property(shape: dict | None, name: str, components: _Components, ref: str) -> dict:
    if shape is None or shape["type"] == "null":
        return {"type": "object"}
    if shape["type"] == "object":
        return {"$ref": ref + _openapi_object(shape, type_name(name), components, ref)}
    if shape["type"] == "array":
        return {
            "type": "array",
            "items": _openapi_property(shape.get("items"), name, components, ref),
        }
    out = {"type": shape["type"]}
    if shape.get("format"):
        out["format"] = shape["format"]
    return out


def _openapi_object(shape: dict, wanted: str, components: _Components, ref: str) -> str:
    name = components.name_for(wanted)
    body: dict[str, Any] = {"type": "object"}
    if shape["required"]:
        body["required"] = list(shape["required"])
    body["properties"] = {
        key: _openapi_property(item, key, components, ref)
        for key, item in shape["properties"].items()
    }
    components.schemas[name] = body
    return name


def _envelope(source: str, detail_type: str, detail_ref: dict) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(ENVELOPE),
        "x-amazon-events-detail-type": detail_type,
        "x-amazon-events-source": source,
        "properties": {
            "detail": detail_ref,
            "account": {"type": "string"},
            "detail-type": {"type": "string"},
            "id": {"type": "string"},
            "region": {"type": "string"},
            "resources": {"type": "array", "items": {"type": "string"}},
            "source": {"type": "string"},
            "time": {"type": "string", "format": "date-time"},
            "version": {"type": "string"},
        },
    }


def openapi(source: str, detail_type: str, detail: dict, version: str) -> dict[str, Any]:
    components = _Components()
    components.name_for("AWSEvent")
    ref = "#/components/schemas/"
    detail_ref = _openapi_property(detail, type_name(detail_type), components, ref)
    schemas = {"AWSEvent": _envelope(source, detail_type, detail_ref)}
    schemas.update((k, v) for k, v in components.schemas.items() if k != "AWSEvent")
    return {
        "openapi": "3.0.0",
        "info": {"version": version, "title": type_name(detail_type)},
        "paths": {},
        "components": {"schemas": schemas},
    }


def json_schema(source: str, detail_type: str, detail: dict) -> dict[str, Any]:
    """The same schema in JSON Schema draft 4 (`definitions` instead of components)."""
    components = _Components()
    ref = "#/definitions/"
    detail_ref = _openapi_property(detail, type_name(detail_type), components, ref)
    body = _envelope(source, detail_type, detail_ref)
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "AWSEvent",
        "definitions": components.schemas,
        **body,
    }


# --- code bindings ---------------------------------------------------------------------
_PY = {"string": "str", "number": "float", "boolean": "bool", "null": "None"}
_TS = {"string": "string", "number": "number", "boolean": "boolean", "null": "null"}


def _field(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9_]", "_", name)
    text = text if text and not text[0].isdigit() else f"f_{text}"
    return text + "_" if keyword.iskeyword(text) else text


def _classes(detail: dict, root: str) -> list[tuple[str, dict]]:
    """(class name, object shape) for the detail and every nested object, roots first."""
    components = _Components()
    found: list[tuple[str, dict]] = []

    def visit(shape: dict | None, wanted: str) -> str | None:
        if shape is None:
            return None
        if shape["type"] == "array":
            return visit(shape.get("items"), wanted)
        if shape["type"] != "object":
            return None
        name = components.name_for(wanted)
        found.append((name, shape))
        shape["_names"] = {
            key: visit(item, type_name(key)) for key, item in shape["properties"].items()
        }
        return name

    visit(detail, root)
    return found


def _py_type(shape: dict | None, nested: str | None) -> str:
    if shape is None:
        return "Any"
    if shape["type"] == "object":
        return nested or "dict[str, Any]"
    if shape["type"] == "array":
        return f"list[{_py_type(shape.get('items'), nested)}]"
    return _PY.get(shape["type"], "Any")


def _ts_type(shape: dict | None, nested: str | None) -> str:
    if shape is None:
        return "unknown"
    if shape["type"] == "object":
        return nested or "Record<string, unknown>"
    if shape["type"] == "array":
        return f"{_ts_type(shape.get('items'), nested)}[]"
    return _TS.get(shape["type"], "unknown")


def _copy(shape: dict) -> dict:
    import json

    return json.loads(json.dumps(shape))


def python_bindings(source: str, detail_type: str, detail: dict) -> str:
    root = type_name(detail_type)
    lines = [
        f'"""Code bindings for {source} / {detail_type} events (EventBridge schema)."""',
        "",
        "from __future__ import annotations",
        "",
        "from dataclasses import dataclass, field",
        "from typing import Any",
    ]
    for name, shape in reversed(_classes(_copy(detail), root)):
        lines += ["", "", "@dataclass", f"class {name}:"]
        required = set(shape["required"])
        props = sorted(shape["properties"].items(), key=lambda kv: kv[0] not in required)
        if not props:
            lines.append("    pass")
        for key, item in props:
            kind = _py_type(item, shape["_names"].get(key))
            if key in required:
                lines.append(f"    {_field(key)}: {kind}")
            else:
                lines.append(f"    {_field(key)}: {kind} | None = None")
    lines += [
        "",
        "",
        "@dataclass",
        "class AWSEvent:",
        f"    detail: {root}",
        "    detail_type: str",
        "    source: str",
        "    account: str",
        "    id: str",
        "    region: str",
        "    time: str",
        "    version: str",
        "    resources: list[str] = field(default_factory=list)",
        "",
    ]
    return "\n".join(lines)


def typescript_bindings(source: str, detail_type: str, detail: dict) -> str:
    root = type_name(detail_type)
    lines = [f"// Code bindings for {source} / {detail_type} events (EventBridge schema)."]
    for name, shape in _classes(_copy(detail), root):
        lines += ["", f"export interface {name} {{"]
        required = set(shape["required"])
        for key, item in shape["properties"].items():
            optional = "" if key in required else "?"
            quoted = key if re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", key) else f'"{key}"'
            lines.append(f"  {quoted}{optional}: {_ts_type(item, shape['_names'].get(key))};")
        lines.append("}")
    lines += [
        "",
        "export interface AWSEvent {",
        f"  detail: {root};",
        '  "detail-type": string;',
        "  source: string;",
        "  account: string;",
        "  id: string;",
        "  region: string;",
        "  time: string;",
        "  version: string;",
        "  resources: string[];",
        "}",
        "",
    ]
    return "\n".join(lines)
