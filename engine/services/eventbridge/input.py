"""EventBridge input transformers: what a rule's target receives instead of the event
("Amazon EventBridge input transformation", API reference "InputTransformer").

`InputPathsMap` names up to 100 variables, each a JSON path in dot notation (`$.detail.id`,
array indices `[0]` and wildcards `*` allowed); `InputTemplate` (at most 8,192 characters)
holds `<name>` placeholders, plus the predefined `<aws.events.rule-arn>`,
`<aws.events.rule-name>`, `<aws.events.event.ingestion-time>`, `<aws.events.event>` (the
event without `detail`) and `<aws.events.event.json>` (the whole event).

Substitution, as the page's examples and "Common issues with transforming input" describe:
inside a JSON string (`"... <name> ..."`) a value goes in as text, unescaped (an object or
array loses its inner quotes, so the string stays a string); outside one it goes in as
JSON (a string gets its quotes). A path the event does not have creates no variable, and
its placeholder disappears from the output. A placeholder naming no variable stays as
written. The output is sent as text; when it is a JSON string, the target receives the
string's content (the tutorial's SNS message reads without quotes).
"""

from __future__ import annotations

import json
import re
from typing import Any

from engine.core.errors import Problem, join_path

PREDEFINED = (
    "aws.events.rule-arn",
    "aws.events.rule-name",
    "aws.events.event.ingestion-time",
    "aws.events.event",
    "aws.events.event.json",
)
MAX_VARIABLES = 100
MAX_TEMPLATE = 8192
MAX_PATH = 256
VARIABLE_NAME = re.compile(r"[A-Za-z0-9_-]{1,256}")
PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.-]+)>")
# Dot notation only ("You must use JSON dot notation, not bracket notation"): `.name`,
# `.*`, `[3]` and `[*]`, in any order after the leading `$`.
PATH_STEP = re.compile(r"\.([^.\[\]]+)|\[(\d+|\*)\]")
MISSING = object()
_COMPACT = (",", ":")


def parse_path(path: str) -> list[str | int] | None:
    """The steps of a JSON path (`"*"` for a wildcard, ints for indices), or None when
    it is not one EventBridge evaluates."""
    if not path.startswith("$"):
        return None
    steps: list[str | int] = []
    position = 1
    while position < len(path):
        step = PATH_STEP.match(path, position)
        if step is None:
            return None
        name, index = step.groups()
        steps.append(name if name is not None else (int(index) if index.isdigit() else "*"))
        position = step.end()
    return steps


def evaluate_path(steps: list[str | int], event: Any) -> Any:
    """The value at a parsed path, MISSING when the event has none; a path with a
    wildcard gives the list of everything it reaches."""
    found = [event]
    for step in steps:
        following = []
        for value in found:
            if step == "*":
                following.extend(value.values() if isinstance(value, dict) else [])
                following.extend(value if isinstance(value, list) else [])
            elif isinstance(step, int):
                if isinstance(value, list) and step < len(value):
                    following.append(value[step])
            elif isinstance(value, dict) and step in value:
                following.append(value[step])
        found = following
    if "*" in steps:
        return found if found else MISSING
    return found[0] if found else MISSING


class InputTransformer:
    """A compiled transformer: paths parsed once, the template scanned per event.
    Invariant: `paths` holds only paths `parse_path` accepted (the diagram was checked)."""

    __slots__ = ("paths", "template")

    def __init__(self, spec: dict[str, Any]):
        raw = spec.get("InputPathsMap") or {}
        self.paths = {name: parse_path(path) or [] for name, path in raw.items()}
        self.template: str = spec["InputTemplate"]

    def variables(
        self, event: dict, *, rule_arn: str, rule_name: str, ingestion_time: str
    ) -> dict[str, Any]:
        values = {
            name: value
            for name, steps in self.paths.items()
            if (value := evaluate_path(steps, event)) is not MISSING
        }
        values["aws.events.rule-arn"] = rule_arn
        values["aws.events.rule-name"] = rule_name
        values["aws.events.event.ingestion-time"] = ingestion_time
        values["aws.events.event"] = {k: v for k, v in event.items() if k != "detail"}
        values["aws.events.event.json"] = event
        return values

    def render(self, variables: dict[str, Any]) -> str:
        """The template with every placeholder substituted, as the target's body."""
        known = set(self.paths) | set(PREDEFINED)
        return body_of(substitute(self.template, variables, known))


def substitute(template: str, variables: dict[str, Any], known: set[str]) -> str:
    """Replace `<name>` placeholders, each by how it sits: inside or outside a JSON string."""
    out: list[str] = []
    for _end, piece, name, in_string, _start in _scan(template, known):
        out.append(piece if name is None else _as_text(variables.get(name, MISSING), in_string))
    return "".join(out)


def _scan(template: str, known: set[str]):
    """The template as pieces `(end, text, name, in_string, string_start)`: `name` is None
    for a plain character, else the known placeholder's name; `string_start` is the index
    of the opening quote of the JSON string the piece sits in (-1 outside strings)."""
    in_string = escaped = False
    start = -1
    position = 0
    while position < len(template):
        char = template[position]
        placeholder = PLACEHOLDER.match(template, position) if char == "<" else None
        if placeholder and placeholder.group(1) in known:
            yield placeholder.end(), placeholder.group(0), placeholder.group(1), in_string, start
            position = placeholder.end()
            continue
        if in_string and escaped:
            escaped = False
        elif in_string and char == "\\":
            escaped = True
        elif char == '"':
            in_string = not in_string
            start = position if in_string else -1
        position += 1
        yield position, char, None, in_string, start


def _as_text(value: Any, in_string: bool) -> str:
    if value is MISSING:
        return ""
    if in_string and isinstance(value, str):
        return value
    text = json.dumps(value, separators=_COMPACT, ensure_ascii=False)
    if in_string and isinstance(value, dict | list):
        return text.replace('"', "")
    return text


def body_of(text: str) -> str:
    """What the target receives: a JSON string's content, anything else as written."""
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return parsed if isinstance(parsed, str) else text


# --- the named check `input_transformer` ----------------------------------------------
def check_input_transformer(value: Any, path: str) -> list[Problem]:
    if not isinstance(value, dict):
        return [
            Problem(
                path,
                "invalid_type",
                'must be an object: {"InputPathsMap": {...}, "InputTemplate": "..."}',
            )
        ]
    problems = [
        Problem(
            join_path(path, key),
            "unknown_field",
            f"'{key}' is not allowed here; allowed: InputPathsMap, InputTemplate",
        )
        for key in value
        if key not in ("InputPathsMap", "InputTemplate")
    ]
    problems.extend(_check_paths_map(value.get("InputPathsMap"), join_path(path, "InputPathsMap")))
    problems.extend(_check_template(value.get("InputTemplate"), join_path(path, "InputTemplate")))
    return problems


def _check_paths_map(paths: Any, path: str) -> list[Problem]:
    if paths is None:
        return []
    if not isinstance(paths, dict):
        return [
            Problem(path, "invalid_type", 'must be an object of name to JSON path ("$.detail")')
        ]
    problems = []
    if len(paths) > MAX_VARIABLES:
        problems.append(
            Problem(path, "too_many", f"{len(paths)} variables; at most {MAX_VARIABLES}")
        )
    for name, json_path in paths.items():
        item = join_path(path, name)
        if not VARIABLE_NAME.fullmatch(name):
            problems.append(
                Problem(
                    item,
                    "invalid_name",
                    f"'{name}' is not a variable name: 1 to 256 of A-Z a-z 0-9 _ - "
                    "(the aws.events.* names are predefined)",
                )
            )
        if not isinstance(json_path, str) or len(json_path) > MAX_PATH:
            problems.append(
                Problem(item, "invalid_path", f"must be a JSON path of at most {MAX_PATH} chars")
            )
        elif parse_path(json_path) is None:
            problems.append(
                Problem(
                    item,
                    "invalid_path",
                    f"{json_path!r} is not a JSON path in dot notation, e.g. $.detail.orderId",
                )
            )
    return problems


def _check_template(template: Any, path: str) -> list[Problem]:
    if not isinstance(template, str) or not 1 <= len(template) <= MAX_TEMPLATE:
        return [
            Problem(
                path,
                "required",
                f"InputTemplate is required: a string of 1 to {MAX_TEMPLATE} characters",
            )
        ]
    if not template.lstrip().startswith("{"):
        return []
    # "If InputTemplate is a JSON object ... the placeholder cannot be used as an object key."
    keyed = _placeholder_key(template)
    if keyed:
        return [
            Problem(
                path,
                "placeholder_key",
                f"{keyed} is used as an object key; placeholders may only be values",
            )
        ]
    return []


def _placeholder_key(template: str) -> str | None:
    """The first placeholder that is (or sits in) an object key: followed by a colon
    outside any string, or inside a string that is."""
    names = set(PLACEHOLDER.findall(template))
    pending: dict[int, str] = {}  # string start -> first placeholder inside it
    for end, piece, name, in_string, start in _scan(template, names):
        if name is not None and in_string:
            pending.setdefault(start, piece)
        elif name is not None and _colon_follows(template, end):
            return piece
    for start, piece in pending.items():
        end = _string_end(template, start)
        if _colon_follows(template, end + 1):
            return piece
    return None


def _colon_follows(text: str, position: int) -> bool:
    rest = text[position:].lstrip()
    return rest.startswith(":")


def _string_end(text: str, start: int) -> int:
    """The index of the quote closing the JSON string opened at `start`."""
    position = start + 1
    while position < len(text) and text[position] != '"':
        position += 2 if text[position] == "\\" else 1
    return position
