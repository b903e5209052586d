"""Template text: YAML with short-form intrinsics (`!Ref`, `!GetAtt A.Arn`, `!Sub ...`) and JSON.

Reading turns short forms into the long-form dicts CloudFormation's JSON uses
(`{"Fn::GetAtt": ["A", "Arn"]}`), refuses duplicate keys, and keeps dates as text
(`AWSTemplateFormatVersion: 2010-09-09`). Writing keeps key order, writes intrinsics in
short form and multi-line strings (inline code) as literal blocks. Text that is not a
template raises `TemplateError`, with the line where the parser stopped when it knows it.

Reading is bounded before anything is built: YAML's events are counted first (aliases,
the size the aliases expand to, nesting), so a few hundred bytes of nested anchors (an
"alias bomb", 10^8 leaves) are refused in microseconds instead of filling memory; JSON
and YAML alike are refused when nested deeper than `MAX_DEPTH`, when a mapping key is not
a scalar, or when a number is NaN or infinite (JSON has neither; CloudFormation neither).
"""

from __future__ import annotations

import json
import math
from typing import Any

import yaml

INTRINSICS = (
    "Base64",
    "Cidr",
    "Equals",
    "FindInMap",
    "GetAZs",
    "GetAtt",
    "If",
    "ImportValue",
    "Join",
    "Not",
    "And",
    "Or",
    "Select",
    "Split",
    "Sub",
    "Length",
    "ToJsonString",
)


# Limits on what one template may expand to (README "API"). A template CloudFormation
# accepts (at most 1 MB) holds far fewer values; anchors and aliases are a YAML feature
# hand-written templates rarely use, and CloudFormation's own templates never need.
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_VALUES = 500_000


class TemplateError(ValueError):
    """Text that is not a CloudFormation template; `problems` as `{path, code, message}`."""

    def __init__(self, code: str, message: str, *, line: int | None = None, path: str = ""):
        self.line = line
        where = f"line {line}: " if line is not None else ""
        self.problems = [{"path": path, "code": code, "message": where + message}]
        super().__init__(where + message)


# --- reading ---------------------------------------------------------------------------
class _Loader(yaml.SafeLoader):
    """SafeLoader with CloudFormation's tags, no timestamps and no duplicate keys."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_intrinsic(loader: _Loader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix in ("Ref", "Condition"):
        return {suffix: value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a mapping key must be a scalar (text), not a list or a mapping",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_Loader.add_multi_constructor("!", _construct_intrinsic)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_text(text: str) -> Any:
    """The parsed template text (JSON or YAML), or `TemplateError` naming the line."""
    value = _load_json(text) if text.lstrip().startswith("{") else _load_yaml(text)
    _check_values(value)
    return value


def _refuse_constant(name: str) -> None:
    raise TemplateError("invalid_number", f"{name} is not a number a template may hold")


def _load_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise TemplateError(
            "invalid_json",
            f"invalid JSON (column {error.colno}): {error.msg}",
            line=error.lineno,
        ) from None
    except RecursionError:
        raise _too_deep() from None


def _load_yaml(text: str) -> Any:
    try:
        _check_events(text)
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(p) for p in (error.context, error.problem) if p)
        raise TemplateError("invalid_yaml", f"invalid YAML: {message}", line=line) from None
    except yaml.YAMLError as error:
        raise TemplateError("invalid_yaml", f"invalid YAML: {error}") from None
    except RecursionError:  # only past MAX_DEPTH, which `_check_events` refuses first
        raise _too_deep() from None


def _too_deep(line: int | None = None) -> TemplateError:
    return TemplateError(
        "too_deep", f"the template nests deeper than {MAX_DEPTH} levels", line=line
    )


def _check_events(text: str) -> None:
    """Refuse YAML whose aliases, expanded size or nesting pass the limits, from the
    parser's events (no recursion, nothing built): each collection's size is known at its
    end, each anchor remembers its size, and an alias adds its anchor's size."""
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = [(None, 0)]
    aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append((event.anchor, 1))
            if len(stack) - 1 > MAX_DEPTH:
                raise _too_deep(line)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise TemplateError(
                    "too_many_aliases",
                    f"the template uses more than {MAX_ALIASES} YAML aliases (*name)",
                    line=line,
                )
            anchor, size = None, sizes.get(event.anchor, 1)
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        parent_anchor, total = stack[-1]
        stack[-1] = (parent_anchor, total + size)
        if total + size > MAX_VALUES:
            raise TemplateError(
                "too_large",
                f"the template expands to more than {MAX_VALUES:,} values "
                "(YAML aliases repeat what their anchor holds)",
                line=line,
            )


def _check_values(value: Any) -> None:
    """Refuse nesting past MAX_DEPTH and numbers that are NaN or infinite (iteratively)."""
    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        item, depth, path = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise TemplateError(
                "invalid_number",
                f"{item} is not a number a template may hold (JSON has no NaN or infinity)",
                path=path,
            )
        if not isinstance(item, dict | list):
            continue
        if depth >= MAX_DEPTH:
            raise _too_deep()
        pairs = item.items() if isinstance(item, dict) else enumerate(item)
        for key, child in pairs:
            step = f"[{key}]" if isinstance(key, int) and isinstance(item, list) else f".{key}"
            stack.append((child, depth + 1, (path + step).lstrip(".")))


# --- writing ---------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        # A tagged scalar may be plain (`!Ref Orders`) where an untagged one could be.
        style = super().choose_scalar_style()
        if style == "'" and self.event.tag.startswith("!") and not self.event.style:
            analysis = self.analysis
            if analysis.allow_block_plain and not analysis.multiline and not analysis.empty:
                return ""
        return style

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _short_form(dumper: _Dumper, data: dict[str, Any]) -> yaml.Node | None:
    ((key, value),) = data.items()
    name = key[4:] if key.startswith("Fn::") else key if key == "Ref" else None
    if name is None or (name != "Ref" and name not in INTRINSICS):
        return None
    tag = "!" + name
    if name == "GetAtt":
        pair = isinstance(value, list) and len(value) == 2
        if pair and all(isinstance(v, str) for v in value) and "." not in value[0]:
            return dumper.represent_scalar(tag, ".".join(value))
        return None
    if isinstance(value, str):
        return dumper.represent_scalar(tag, value)
    if isinstance(value, list):
        return dumper.represent_sequence(tag, value)
    if isinstance(value, dict):
        return dumper.represent_mapping(tag, value)
    return None


def _represent_dict(dumper: _Dumper, data: dict[str, Any]) -> yaml.Node:
    if len(data) == 1 and isinstance(next(iter(data)), str):
        node = _short_form(dumper, data)
        if node is not None:
            return node
    return dumper.represent_mapping("tag:yaml.org,2002:map", data)


def _represent_str(dumper: _Dumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)
