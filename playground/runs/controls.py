"""Control messages (client to server), parsed and checked before a run sees them.

Every control is a JSON object with a `type`; this module turns raw socket text into a
`Control` or raises `ControlError(field, code, message)`, which the consumer sends back as
an error frame while the run goes on. `field` names the offending key (`""`: the message
as a whole). Unknown keys are refused, as they are in diagram documents, so a typo
(`"vale"`) is reported rather than silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from playground.runs.config import SPEED_MAX, SPEED_MIN

# Generous for a hand-written inject payload, small enough that a flood of controls
# costs little to parse; SQS's own message limit is 256 KiB.
MAX_CONTROL_BYTES = 64 * 1024
# SQS and SNS accept at most 10 message attributes (Amazon SQS message attributes).
MAX_ATTRIBUTES = 10
MAX_ATTRIBUTE_NAME = 256
STEP_UNITS = ("event", "second")
# A seek past the run's end goes to its end; past any run's possible end it is a mistake
# (the engine's longest duration: engine.schema MAX_DURATION).
MAX_SEEK_SECONDS = 30 * 86_400.0
# A class's poll (a lesson's question): at most this many choices.
MAX_CHOICES = 10


class ControlError(Exception):
    """A refused control: which field, a stable snake_case code, and a sentence."""

    def __init__(self, field: str, code: str, message: str):
        super().__init__(message)
        self.field, self.code, self.message = field, code, message


@dataclass(frozen=True)
class Control:
    """A checked control: `speed` None means "max"; `payload`/`attributes` for inject."""

    type: str
    unit: str | None = None
    speed: float | None = None
    node: str | None = None
    payload: Any = None
    attributes: dict[str, Any] | None = None
    time: float | None = None  # seek: the simulated time to go to
    choices: int | None = None  # poll: how many choices the question has
    choice: int | None = None  # answer: the watcher's choice


def decode(text: str | None) -> Any:
    """Socket text as JSON (orjson: no NaN or Infinity, integers within 64 bits, bounded
    nesting), or ControlError."""
    if text is None:
        raise ControlError("", "not_text", "Send controls as JSON text frames, not binary.")
    if len(text) > MAX_CONTROL_BYTES:
        raise ControlError(
            "", "too_large", f"A control may be at most {MAX_CONTROL_BYTES} bytes long."
        )
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ControlError("", "invalid_json", f"Not valid JSON: {error}.") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _wrong_type(field: str, expected: str, value: Any) -> ControlError:
    return ControlError(
        field, "invalid_type", f"{field} must be {expected}, not {_type_name(value)}."
    )


def _check_unit(content: dict) -> dict:
    unit = content["unit"]
    if not isinstance(unit, str):
        raise _wrong_type("unit", "a string", unit)
    if unit not in STEP_UNITS:
        raise ControlError("unit", "invalid_choice", f"unit {unit!r} is not 'event' or 'second'.")
    return {"unit": unit}


def _check_speed(content: dict) -> dict:
    value = content["value"]
    if value == "max":
        return {"speed": None}
    if not _is_number(value):
        raise _wrong_type("value", 'a number or "max"', value)
    if not SPEED_MIN <= value <= SPEED_MAX:
        raise ControlError(
            "value", "out_of_range", f"{value} is not in {SPEED_MIN:g}..{SPEED_MAX:g}."
        )
    return {"speed": float(value)}


def _check_attribute(name: Any, value: Any) -> None:
    path = f"attributes.{name}"
    if not name or len(name) > MAX_ATTRIBUTE_NAME:
        raise ControlError(path, "invalid_name", "An attribute name is 1 to 256 characters long.")
    if isinstance(value, list):
        if all(_is_number(item) or isinstance(item, str) for item in value):
            return
    elif isinstance(value, str | bool) or _is_number(value):
        return
    raise ControlError(
        path,
        "invalid_type",
        f"{name} must be a string, number, boolean or array of them, not {_type_name(value)}.",
    )


def _check_inject(content: dict) -> dict:
    node = content["node"]
    if not isinstance(node, str):
        raise _wrong_type("node", "a string", node)
    attributes = content.get("attributes")
    if attributes is not None:
        if not isinstance(attributes, dict):
            raise _wrong_type("attributes", "an object", attributes)
        if len(attributes) > MAX_ATTRIBUTES:
            raise ControlError(
                "attributes", "too_many", f"At most {MAX_ATTRIBUTES} attributes, as on AWS."
            )
        for name, value in attributes.items():
            _check_attribute(name, value)
    return {"node": node, "payload": content["payload"], "attributes": attributes}


def _check_time(content: dict) -> dict:
    value = content["time"]
    if not _is_number(value):
        raise _wrong_type("time", "a number of simulated seconds", value)
    if not 0 <= value <= MAX_SEEK_SECONDS:
        raise ControlError(
            "time", "out_of_range", f"{value} is not in 0..{MAX_SEEK_SECONDS:g} seconds."
        )
    return {"time": float(value)}


def _no_fields(content: dict) -> dict:
    return {}


def _check_count(key: str, low: int, high: int) -> Callable[[dict], dict]:
    def check(content: dict) -> dict:
        value = content[key]
        if not isinstance(value, int) or isinstance(value, bool):
            raise _wrong_type(key, "a whole number", value)
        if not low <= value <= high:
            raise ControlError(key, "out_of_range", f"{key} {value} is not in {low}..{high}.")
        return {key: value}

    return check


# type -> (required keys, optional keys, checker): one entry per control.
SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[dict], dict]]] = {
    "start": ((), (), _no_fields),
    "pause": ((), (), _no_fields),
    "resume": ((), (), _no_fields),
    "step": (("unit",), (), _check_unit),
    "speed": (("value",), (), _check_speed),
    "reset": ((), (), _no_fields),
    "inject": (("node", "payload"), ("attributes",), _check_inject),
    "share": ((), (), _no_fields),
    "skip": ((), (), _no_fields),
    "seek": (("time",), (), _check_time),
    # the classroom: the owner opens a poll on the lesson's question; a watcher answers it
    "poll": (("choices",), (), _check_count("choices", 2, MAX_CHOICES)),
    "answer": (("choice",), (), _check_count("choice", 0, MAX_CHOICES - 1)),
}
# What a watcher (read-only) may send: an answer to the class's poll.
WATCHER_CONTROLS = ("answer",)


def control_type(content: Any) -> str:
    """The type of a decoded message, once it is known to be an object with a known
    type (checked first, so a read-only viewer is told so whatever else is wrong)."""
    if not isinstance(content, dict):
        raise ControlError(
            "", "invalid_type", f"A control is a JSON object, not {_type_name(content)}."
        )
    if "type" not in content:
        raise ControlError("type", "required", "Every control has a type.")
    kind = content["type"]
    if not isinstance(kind, str):
        raise _wrong_type("type", "a string", kind)
    if kind not in SHAPES:
        allowed = ", ".join(SHAPES)
        raise ControlError("type", "unknown_type", f"{kind[:40]!r} is not one of: {allowed}.")
    return kind


def parse(content: Any) -> Control:
    """A decoded message as a `Control`, or ControlError naming the first bad field."""
    kind = control_type(content)
    required, optional, check = SHAPES[kind]
    for key in required:
        if key not in content:
            raise ControlError(key, "required", f"A {kind} control needs {key}.")
    for key in content:
        if key != "type" and key not in required and key not in optional:
            raise ControlError(key[:100], "unknown_field", f"A {kind} control has no {key[:40]!r}.")
    return Control(type=kind, **check(content))
