"""EventBridge Pipes input transformation ("Amazon EventBridge Pipes input
transformation"): an `InputTemplate` of free text, a JSON path, or JSON with inline paths.

Placeholders are JSON paths into the event (`<$.body.orderId>`, dot notation, array
indices `[3]`, wildcards `*`) or the reserved variables `<aws.pipes.pipe-arn>`,
`<aws.pipes.pipe-name>`, `<aws.pipes.source-arn>`, `<aws.pipes.enrichment-arn>`,
`<aws.pipes.target-arn>`, `<aws.pipes.event.ingestion-time>`, `<aws.pipes.event>` and
`<aws.pipes.event.json>`. A template applies to each event of a batch on its own
("Amazon EventBridge Pipes batching and concurrency"). Encoded fields are parsed when a
path reaches into them ("Implicit body data parsing"): an SQS `body` or a Kinesis
`data` holding JSON.

Substitution keeps the output valid JSON, as the page asks of template authors: inside a
JSON string a value goes in as text (escaped), outside one as JSON; a path the event does
not have leaves nothing. Output that parses as JSON is the new event; anything else is
a string event.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from engine.core.errors import Problem

RESERVED = (
    "aws.pipes.pipe-arn",
    "aws.pipes.pipe-name",
    "aws.pipes.source-arn",
    "aws.pipes.enrichment-arn",
    "aws.pipes.target-arn",
    "aws.pipes.event.ingestion-time",
    "aws.pipes.event",
    "aws.pipes.event.json",
)
MAX_TEMPLATE = 8192
# Anything between angle brackets that looks meant as a placeholder: a path or a name.
CANDIDATE = re.compile(r"<(\$[^<>\s]*|aws\.[A-Za-z0-9_.-]*)>")
PATH_STEP = re.compile(r"\.([A-Za-z0-9_/-]+|\*)|\[(\d+|\*)\]")
MISSING = object()
_COMPACT = (",", ":")


def parse_path(path: str) -> list[str | int] | None:
    """The steps of `$...` (`"*"` a wildcard, ints indices), or None if Pipes cannot read it."""
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


def decoded(value: Any) -> Any:
    """An encoded field as JSON when it holds JSON (SQS body text, Kinesis base64 data)."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        pass
    try:
        return json.loads(base64.b64decode(value, validate=True).decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return value


def evaluate(steps: list[str | int], event: Any) -> Any:
    """The value at a parsed path (a list for a wildcard), MISSING when there is none."""
    found = [event]
    for step in steps:
        following = []
        for value in found:
            value = decoded(value) if isinstance(value, str) else value
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


def json_view(event: Any) -> Any:
    """`<aws.pipes.event.json>`: the event with its encoded fields parsed."""
    if not isinstance(event, dict):
        return decoded(event)
    return {k: decoded(v) if k in ("body", "data") else v for k, v in event.items()}


class InputTemplate:
    """A checked template: its placeholders found once. Invariant: every placeholder is
    a path `parse_path` reads or a reserved name (the diagram was checked)."""

    __slots__ = ("text", "pieces")

    def __init__(self, text: str):
        self.text = text
        self.pieces = list(_scan(text))

    def render(self, event: Any, reserved: dict[str, Any]) -> Any:
        """The event this template makes of `event`: JSON when the output is JSON."""
        out: list[str] = []
        for piece, name, in_string in self.pieces:
            if name is None:
                out.append(piece)
                continue
            if name.startswith("$"):
                value = evaluate(parse_path(name) or [], event)
            elif name == "aws.pipes.event":
                value = event
            elif name == "aws.pipes.event.json":
                value = json_view(event)
            else:
                value = reserved.get(name, MISSING)
            out.append(_as_text(value, in_string))
        text = "".join(out)
        try:
            return json.loads(text)
        except ValueError:
            return text


def _scan(template: str):
    """The template as `(text, placeholder name or None, inside a JSON string)` pieces."""
    in_string = escaped = False
    position = 0
    plain_from = 0
    while position < len(template):
        char = template[position]
        found = CANDIDATE.match(template, position) if char == "<" else None
        if found and _is_placeholder(found.group(1)):
            if plain_from < position:
                yield template[plain_from:position], None, in_string
            yield found.group(0), found.group(1), in_string
            position = plain_from = found.end()
            continue
        if in_string and escaped:
            escaped = False
        elif in_string and char == "\\":
            escaped = True
        elif char == '"':
            if plain_from < position:
                yield template[plain_from:position], None, in_string
            plain_from = position
            in_string = not in_string
        position += 1
    if plain_from < len(template):
        yield template[plain_from:], None, in_string


def _is_placeholder(name: str) -> bool:
    return name in RESERVED or (name.startswith("$") and parse_path(name) is not None)


def _as_text(value: Any, in_string: bool) -> str:
    if value is MISSING:
        return ""
    if in_string:
        text = value if isinstance(value, str) else json.dumps(value, separators=_COMPACT)
        return json.dumps(text, ensure_ascii=False)[1:-1]
    return json.dumps(value, separators=_COMPACT, ensure_ascii=False)


def check_input_template(value: Any, path: str) -> list[Problem]:
    """What CreatePipe refuses in an InputTemplate: not a string of 0..8,192 characters,
    a placeholder that is neither a readable JSON path nor a reserved variable."""
    if not isinstance(value, str) or len(value) > MAX_TEMPLATE:
        return [
            Problem(path, "invalid_template", f"must be a string of at most {MAX_TEMPLATE} chars")
        ]
    problems = []
    for found in CANDIDATE.finditer(value):
        name = found.group(1)
        if not _is_placeholder(name):
            problems.append(
                Problem(
                    path,
                    "invalid_template",
                    f"<{name}> is neither a JSON path in dot notation (e.g. <$.body.id>) "
                    f"nor a reserved variable ({', '.join(RESERVED)})",
                )
            )
    return problems
