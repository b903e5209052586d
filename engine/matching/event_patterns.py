"""EventBridge event-pattern matching: `matches`, `compile_pattern`, `validate_pattern`.

Rules, Lambda `failWhen` and SNS filter policies (via `engine.matching.filter_policies`) all need
"does this JSON document satisfy this pattern". A pattern is compiled once into a tree
of field matchers whose leaves hold one predicate per alternative; `matches` keeps a
small cache of compiled patterns, so callers may pass the same dict again and again.

Semantics follow "Amazon EventBridge event patterns", "Content filtering in Amazon
EventBridge event patterns" and "Arrays in Amazon EventBridge event patterns":
- every field named must match (AND); the values listed for a field are alternatives
  (OR); `$or` lists sub-patterns evaluated against the same object;
- an event array matches when any of its elements does; when a pattern object meets an
  array of objects, the whole sub-pattern must hold within one element (AWS's
  "array-consistent" matching), with nested arrays flattened;
- `exists` and the value operators look only at leaves: a field whose value is an
  object, or an empty array, counts as absent, so `{"exists": false}` matches it;
- `null`, `""` and a missing field are three different things.
"""

from __future__ import annotations

import json

from engine.core.errors import DiagramError, Problem
from engine.matching._checks import EVENTBRIDGE, LENIENT, check_document, is_or_group
from engine.matching._operators import (
    Predicate,
    build_operator,
    exact_strings,
    exact_value,
    parse_ip,
)

_MISSING = object()
_EMPTY: dict = {}
_CACHE_SIZE = 512


def _present(value: object) -> bool:
    return True


def _present_with_value(value: object) -> bool:
    # "Key matching in Amazon SNS": exists true needs a non-null, non-empty value.
    return value is not None and value != ""


class _Leaf:
    """The alternatives for one leaf field; `if_absent` is true iff `exists: false` is listed."""

    __slots__ = ("tests", "if_absent")

    def __init__(self, tests: tuple[Predicate, ...], if_absent: bool):
        self.tests = tests
        self.if_absent = if_absent

    def match_raw(self, raw: object) -> bool:
        if type(raw) is str or (raw is not _MISSING and not isinstance(raw, dict | list)):
            return any(test(raw) for test in self.tests)
        values = _leaf_values(raw)
        if not values:
            return self.if_absent
        return any(test(value) for value in values for test in self.tests)


class _Object:
    """Fields that must all match one event object, plus `$or` groups (one branch each)."""

    __slots__ = ("fields", "groups")

    def __init__(self, fields: tuple, groups: tuple):
        self.fields = fields
        self.groups = groups

    def match(self, obj: dict) -> bool:
        for key, node in self.fields:
            if not node.match_raw(obj.get(key, _MISSING)):
                return False
        return all(any(branch.match(obj) for branch in group) for group in self.groups)

    def match_raw(self, raw: object) -> bool:
        if isinstance(raw, dict):
            return self.match(raw)
        candidates = _objects_in(raw) if isinstance(raw, list) else ()
        if not candidates:
            # No object here: the nested fields are all absent.
            return self.match(_EMPTY)
        return any(self.match(candidate) for candidate in candidates)


def _leaf_values(raw: object) -> list:
    """The leaf values under a field: scalars, and the scalars of (nested) arrays."""
    if raw is _MISSING or isinstance(raw, dict):
        return []
    if not isinstance(raw, list):
        return [raw]
    values: list = []
    for item in raw:
        if isinstance(item, list):
            values.extend(_leaf_values(item))
        elif not isinstance(item, dict):
            values.append(item)
    return values


def _objects_in(items: list) -> list[dict]:
    found: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            found.append(item)
        elif isinstance(item, list):
            found.extend(_objects_in(item))
    return found


class CompiledPattern:
    """A validated pattern turned into matchers; immutable and safe to share."""

    __slots__ = ("_root",)

    def __init__(self, root: _Object):
        self._root = root

    def matches(self, event: object) -> bool:
        """Whether the event (a JSON object) satisfies the pattern; non-objects never do."""
        return isinstance(event, dict) and self._root.match(event)


def compile_pattern(pattern: dict, *, exists_needs_value: bool = False) -> CompiledPattern:
    """Compile a pattern, raising `DiagramError` if its shape cannot be evaluated.

    `exists_needs_value` gives SNS's reading of `exists: true` (the key must hold a
    non-null, non-empty value). Service limits are not checked here; that is the
    validators' job, and the engine validates documents before it runs them.
    """
    problems = check_document(pattern, "", LENIENT)
    if problems:
        raise DiagramError(problems)
    exists = _present_with_value if exists_needs_value else _present
    return CompiledPattern(_compile_object(pattern, exists))


def _compile_object(node: dict, exists: Predicate) -> _Object:
    fields = []
    groups = []
    for key, child in node.items():
        if key == "$or" and is_or_group(child):
            groups.append(tuple(_compile_object(branch, exists) for branch in child))
        elif isinstance(child, dict):
            fields.append((key, _compile_object(child, exists)))
        else:
            fields.append((key, _compile_leaf(child, exists)))
    return _Object(tuple(fields), tuple(groups))


def _compile_leaf(values: list, exists: Predicate) -> _Leaf:
    tests: list[Predicate] = []
    strings: set[str] = set()
    if_absent = False
    for value in values:
        if isinstance(value, dict):
            [(op, operand)] = value.items()
            if op != "exists":
                tests.append(build_operator(op, operand))
            elif operand:
                tests.append(exists)
            else:
                if_absent = True
        elif isinstance(value, str) and parse_ip(value) is None:
            strings.add(value)
        else:
            tests.append(exact_value(value))
    if strings:
        # The common case, many exact strings: one set lookup instead of a scan.
        tests.insert(0, exact_strings(frozenset(strings)))
    return _Leaf(tuple(tests), if_absent)


_compiled: dict[tuple[str, bool], CompiledPattern] = {}


def compiled(pattern: dict, *, exists_needs_value: bool = False) -> CompiledPattern:
    """`compile_pattern` behind a bounded cache keyed by the pattern's canonical JSON."""
    try:
        key = (json.dumps(pattern, sort_keys=True), exists_needs_value)
    except (TypeError, ValueError):
        return compile_pattern(pattern, exists_needs_value=exists_needs_value)
    found = _compiled.get(key)
    if found is None:
        found = compile_pattern(pattern, exists_needs_value=exists_needs_value)
        if len(_compiled) >= _CACHE_SIZE:
            _compiled.clear()
        _compiled[key] = found
    return found


def matches(pattern: dict, event: dict) -> bool:
    """Whether `event` matches the EventBridge `pattern` (raises DiagramError if malformed)."""
    return compiled(pattern).matches(event)


def validate_pattern(pattern: object, path: str) -> list[Problem]:
    """Every problem that would make EventBridge reject `pattern`, with paths under `path`."""
    return check_document(pattern, path, EVENTBRIDGE)
