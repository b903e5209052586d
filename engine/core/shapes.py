"""A declarative checker for the small JSON-shaped props (`ScalingConfig`, `RedrivePolicy`,
`KeySchema`, a producer's `burst`, ...): each service declares a prop's shape as data and
`check_shape` reports what does not fit, with contract paths.

A shape is an object with named fields (closed unless `open`), a list whose items have a
shape by position (the last repeats), or a scalar: an integer or number within bounds, a
string, or one of a few choices. Problems use the codes the field checks use elsewhere:
`invalid_type`, `unknown_field`, `required`, `out_of_range`, `invalid_choice`,
`invalid_value`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.core.errors import Problem, join_path
from engine.core.values import is_int, is_number, show


@dataclass(frozen=True)
class Shape:
    """One JSON shape. `example` is shown when an object or list is of the wrong kind;
    `hint` replaces the generated message for a bad scalar."""

    kind: str  # object | list | int | number | string | enum
    example: str = ""
    fields: tuple[tuple[str, Shape], ...] = ()
    required: tuple[str, ...] = ()
    open: bool = False
    items: tuple[Shape, ...] = ()
    min_items: int = 0
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None
    choices: tuple[str, ...] = ()
    hint: str = ""


def obj(
    example: str, *, required: tuple[str, ...] = (), open: bool = False, **fields: Shape
) -> Shape:
    return Shape("object", example, tuple(fields.items()), required, open)


def items(example: str, *shapes: Shape, least: int = 0, most: int | None = None) -> Shape:
    return Shape("list", example, items=shapes, min_items=least, max_items=most)


def integer(low: int, high: int) -> Shape:
    return Shape("int", minimum=low, maximum=high)


def number(*, above: float) -> Shape:
    return Shape("number", above=above)


def string(hint: str = "") -> Shape:
    return Shape("string", hint=hint)


def one_of(*choices: str) -> Shape:
    return Shape("enum", choices=choices)


def check_shape(shape: Shape, value: Any, path: str) -> list[Problem]:
    """Every problem of `value` against `shape`."""
    if shape.kind == "object":
        return _check_object(shape, value, path)
    if shape.kind == "list":
        return _check_list(shape, value, path)
    message = _scalar_error(shape, value)
    if message is None:
        return []
    code = {"enum": "invalid_choice", "string": "invalid_type"}.get(shape.kind, "out_of_range")
    return [Problem(path, code, shape.hint or message)]


def _check_object(shape: Shape, value: Any, path: str) -> list[Problem]:
    if not isinstance(value, dict):
        return [Problem(path, "invalid_type", f"must be an object: {shape.example}")]
    fields = dict(shape.fields)
    problems = []
    if not shape.open:
        problems += [
            Problem(
                join_path(path, key),
                "unknown_field",
                f"'{key}' is not allowed here; allowed: {', '.join(fields)}",
            )
            for key in value
            if key not in fields
        ]
    for name, inner in shape.fields:
        if name in value:
            problems += check_shape(inner, value[name], join_path(path, name))
        elif name in shape.required:
            message = inner.hint or f"'{name}' is required: {inner.example or _wanted(inner)}"
            problems.append(Problem(join_path(path, name), "required", message))
    return problems


def _check_list(shape: Shape, value: Any, path: str) -> list[Problem]:
    most = shape.max_items
    if (
        not isinstance(value, list)
        or len(value) < shape.min_items
        or (most is not None and len(value) > most)
    ):
        count = f"{shape.min_items}..{most}" if most is not None else f"{shape.min_items} or more"
        return [Problem(path, "invalid_value", f"must be a list of {count} items: {shape.example}")]
    problems = []
    for index, item in enumerate(value):
        inner = shape.items[min(index, len(shape.items) - 1)]
        problems += check_shape(inner, item, join_path(path, index))
    return problems


def _scalar_error(shape: Shape, value: Any) -> str | None:
    if shape.kind == "string":
        return None if isinstance(value, str) else f"{show(value)} is not a string"
    if shape.kind == "enum":
        return None if value in shape.choices else f"{show(value)} is not {_wanted(shape)}"
    whole = shape.kind == "int"
    fits = is_int(value) if whole else is_number(value)
    if fits and shape.minimum is not None:
        fits = shape.minimum <= value
    if fits and shape.maximum is not None:
        fits = value <= shape.maximum
    if fits and shape.above is not None:
        fits = value > shape.above
    return None if fits else f"{show(value)} is not {_wanted(shape)}"


def _wanted(shape: Shape) -> str:
    """What a scalar shape accepts, in words."""
    if shape.kind == "enum":
        return "one of " + ", ".join(shape.choices)
    if shape.kind == "string":
        return "a string"
    noun = "a whole number" if shape.kind == "int" else "a number"
    if shape.above is not None:
        return f"{noun} > {shape.above:g}"
    if shape.minimum is not None and shape.maximum is not None:
        return f"{noun} in {shape.minimum:g}..{shape.maximum:g}"
    return noun
