"""Logical ids, node ids and JSON values as a template holds them.

Logical ids derive from node ids: CamelCase, letters and digits only, unique in the template
and stable (the same document always gives the same ids, in document order). The importer
goes the other way for templates that carry no Eventyard metadata (`OrdersDlq` becomes the
node id `orders-dlq`). CloudFormation refuses `null` anywhere in a template (and cfn-lint
fractions in Metadata), so values that contain one travel as JSON strings.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_NODE_ID = 64
_WORDS = re.compile(r"[A-Za-z0-9]+")
_CAMEL_BREAK = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def camel(text: str) -> str:
    """`orders-dlq` -> `OrdersDlq`, `e2` -> `E2`: each word's first letter upper-cased."""
    words = _WORDS.findall(text)
    name = "".join(word[0].upper() + word[1:] for word in words)
    if not name or not name[0].isalpha():
        name = "N" + name
    return name


def kebab(logical_id: str) -> str:
    """`OrdersDlq` -> `orders-dlq`: a node id for a logical id (not unique by itself)."""
    words = [w for part in _WORDS.findall(logical_id) for w in _CAMEL_BREAK.split(part)]
    node_id = "-".join(w.lower() for w in words if w) or "node"
    if not node_id[0].isalpha():
        node_id = "n-" + node_id
    return node_id[:MAX_NODE_ID].rstrip("-")


def unique(candidate: str, taken: set[str] | dict, *, limit: int = 255) -> str:
    """`candidate`, or it with the smallest suffix 2, 3, ... that is not taken yet."""
    if candidate not in taken:
        return candidate
    number = 2
    while True:
        suffix = str(number)
        name = candidate[: limit - len(suffix)] + suffix
        if name not in taken:
            return name
        number += 1


class LogicalIds:
    """Invariant: every id handed out is unique; a key always gets the same id back.

    Node ids are reserved first, in document order, so an id derived later (a node's role,
    an edge's subscription) never takes a name a node would have had.
    """

    def __init__(self, node_ids: list[str]):
        self.taken: set[str] = set()
        self.by_key: dict[str, str] = {}
        for node_id in node_ids:
            self.by_key[f"node:{node_id}"] = self._take(camel(node_id))

    def _take(self, candidate: str) -> str:
        name = unique(candidate, self.taken)
        self.taken.add(name)
        return name

    def node(self, node_id: str) -> str:
        return self.by_key[f"node:{node_id}"]

    def derived(self, key: str, candidate: str) -> str:
        """The id for `key` (e.g. `policy:orders`), allocated from `candidate` on first use."""
        if key not in self.by_key:
            self.by_key[key] = self._take(camel(candidate))
        return self.by_key[key]


def has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(has_null(v) for v in value)
    return False


def is_plain(value: Any) -> bool:
    """Whether Metadata may hold `value` as it is: cfn-lint's schema for Metadata allows
    strings, integers, booleans, objects and arrays, but neither nulls nor fractions; and an
    object shaped like an intrinsic function (`{"Ref": ...}`) would be read as one."""
    if value is None or isinstance(value, float):
        return False
    if isinstance(value, dict):
        if any(k in ("Ref", "Condition") or str(k).startswith("Fn::") for k in value):
            return False
        return all(is_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(is_plain(v) for v in value)
    return True


def compact_json(value: Any) -> str:
    """The one JSON spelling the exporter writes (and the importer recognises)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def json_or_text(value: Any) -> Any:
    """`value` itself, or its JSON text when it holds a null CloudFormation would refuse."""
    return compact_json(value) if has_null(value) else value


def from_json_text(value: Any) -> Any:
    """The object a JSON-text property holds, or `value` when it is not JSON text."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def put_json(entry: dict, key: str, value: Any) -> None:
    """Store `value` in metadata under `key`, or as JSON text under `key + 'Json'` when it
    holds what Metadata may not (see `is_plain`)."""
    if not is_plain(value):
        entry[key + "Json"] = compact_json(value)
    else:
        entry[key] = value


def get_json(entry: dict, key: str, default: Any = None) -> Any:
    """What `put_json` stored under `key`."""
    if isinstance(entry.get(key + "Json"), str):
        try:
            return json.loads(entry[key + "Json"])
        except ValueError:
            return default
    return entry.get(key, default)
