"""Shape checks for EventBridge event patterns and SNS filter policies.

Both are JSON objects whose leaves are arrays of alternatives; they differ in which
operators and modifiers they accept and in their number ranges. A `Dialect` names
those differences, and one walker reports every problem it finds with its path, so
`validate_pattern` and `validate_filter_policy` share one rule per shape.

Sources: "Comparison operators for use in event patterns in Amazon EventBridge",
"Content filtering in Amazon EventBridge event patterns", "Filter policy constraints
in Amazon SNS" and "AND/OR logic" (SNS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.core.errors import Problem, join_path
from engine.core.values import is_number, show
from engine.matching._operators import (
    OPERATORS,
    cidr_error,
    numeric_shape_error,
    parse_wildcard,
)

OR_KEY = "$or"
_TEXT_MODIFIERS = ("prefix", "suffix", "equals-ignore-case", "wildcard")


@dataclass(frozen=True)
class Dialect:
    """What one service accepts; `None` limits mean "no limit"."""

    noun: str  # with its article: "an event pattern"
    operators: tuple[str, ...]
    anything_but_modifiers: tuple[str, ...]
    case_modifier: bool  # {"prefix": {"equals-ignore-case": ...}} and suffix alike
    number_limit: float | None  # for every number in the document
    numeric_limit: float | None  # for numbers in numeric and anything-but
    allow_empty: bool  # whether the whole document may be {}


EVENTBRIDGE = Dialect(
    noun="an event pattern",
    operators=OPERATORS,
    anything_but_modifiers=_TEXT_MODIFIERS,
    case_modifier=True,
    number_limit=None,
    numeric_limit=5e9,
    allow_empty=False,
)
SNS = Dialect(
    noun="a filter policy",
    operators=tuple(op for op in OPERATORS if op != "wildcard"),
    anything_but_modifiers=("prefix",),
    case_modifier=False,
    number_limit=1e9,
    numeric_limit=1e9,
    allow_empty=True,
)
# What the matcher can evaluate: the union of both, with no number limits.
LENIENT = Dialect(
    noun="a pattern",
    operators=OPERATORS,
    anything_but_modifiers=_TEXT_MODIFIERS,
    case_modifier=True,
    number_limit=None,
    numeric_limit=None,
    allow_empty=True,
)


def is_or_group(value: object) -> bool:
    """`$or` means OR only for an array of two or more objects (SNS "AND/OR logic")."""
    return isinstance(value, list) and len(value) >= 2 and all(isinstance(b, dict) for b in value)


def check_document(document: object, path: str, dialect: Dialect) -> list[Problem]:
    """Every shape problem of a whole pattern or policy."""
    problems: list[Problem] = []
    if not isinstance(document, dict):
        problems.append(
            Problem(
                path,
                "invalid_pattern",
                f"{show(document)} is not valid as {dialect.noun}; it must be a JSON object "
                'mapping field names to arrays of values, such as {"source": ["orders"]}.',
            )
        )
    elif document or not dialect.allow_empty:
        _check_object(document, path, dialect, problems, in_or=False)
    return problems


def _check_object(
    node: dict, path: str, dialect: Dialect, problems: list[Problem], *, in_or: bool
) -> None:
    if not node:
        problems.append(
            Problem(
                path,
                "empty_object",
                f"An empty object is not allowed in {dialect.noun}; name at least one field.",
            )
        )
    for key, child in node.items():
        _check_field(key, child, join_path(path, str(key)), dialect, problems, in_or=in_or)


def _check_field(
    key: object, child: object, path: str, dialect: Dialect, problems: list, *, in_or: bool
) -> None:
    if key == OR_KEY and isinstance(child, list):
        _check_or(child, path, dialect, problems)
    elif in_or and key in OPERATORS:
        message = f'"{key}" is an operator name and cannot be a field name inside "$or".'
        problems.append(Problem(path, "invalid_or", message))
    elif isinstance(child, dict):
        _check_object(child, path, dialect, problems, in_or=in_or)
    elif isinstance(child, list):
        _check_values(child, path, dialect, problems)
    else:
        problems.append(
            Problem(
                path,
                "invalid_pattern",
                f"{show(child)} must be an array of values, such as [{show(child)}], "
                "or an object of nested fields.",
            )
        )


def _check_or(branches: list, path: str, dialect: Dialect, problems: list) -> None:
    if not is_or_group(branches):
        problems.append(
            Problem(
                path,
                "invalid_or",
                f'"$or" must be an array of at least two objects (sub-patterns); '
                f"got {show(branches)}.",
            )
        )
        return
    for index, branch in enumerate(branches):
        _check_object(branch, join_path(path, index), dialect, problems, in_or=True)


def _check_values(values: list, path: str, dialect: Dialect, problems: list) -> None:
    if not values:
        problems.append(
            Problem(
                path,
                "empty_array",
                "An empty array matches nothing; list at least one value or operator.",
            )
        )
    for index, value in enumerate(values):
        item_path = join_path(path, index)
        if isinstance(value, dict):
            problem = _check_operator(value, dialect)
        elif value is None or isinstance(value, str | bool):
            problem = None
        elif is_number(value):
            problem = _number_problem(value, dialect.number_limit, f"numbers in {dialect.noun}")
        else:
            problem = (
                "invalid_value",
                f"{show(value)} is not a match value; use a string, number, true, false, "
                'null or an operator object such as {"prefix": "us-"}.',
            )
        if problem:
            problems.append(Problem(item_path, *problem))


def _number_problem(number: float, limit: float | None, what: str) -> tuple[str, str] | None:
    if not math.isfinite(number):
        return ("invalid_value", f"{number} is not a finite number.")
    if limit is not None and not -limit <= number <= limit:
        return (
            "number_out_of_range",
            f"{show(number)} is out of range; {what} must be within -{limit:.0f}..{limit:.0f}.",
        )
    return None


def _compared(dialect: Dialect) -> str:
    return f"numbers that numeric or anything-but compare in {dialect.noun}"


def _check_operator(expression: dict, dialect: Dialect) -> tuple[str, str] | None:
    if len(expression) != 1:
        return (
            "invalid_operator",
            f"{show(expression)} must have exactly one key, the operator name, "
            'such as {"prefix": "us-"}.',
        )
    [(op, operand)] = expression.items()
    if op not in OPERATORS or op not in dialect.operators:
        code = "unsupported_operator" if op in OPERATORS else "unknown_operator"
        return (
            code,
            f'"{op}" is not an operator {dialect.noun} accepts; use one of '
            f"{', '.join(dialect.operators)}.",
        )
    return _OPERAND_CHECKS[op](op, operand, dialect)


def _check_text(op: str, operand: object, dialect: Dialect) -> tuple[str, str] | None:
    if isinstance(operand, str):
        return None
    folded = isinstance(operand, dict) and list(operand) == ["equals-ignore-case"]
    if folded and op != "equals-ignore-case" and isinstance(operand["equals-ignore-case"], str):
        if dialect.case_modifier:
            return None
        return (
            "unsupported_operator",
            f'"{op}" with "equals-ignore-case" is not supported in {dialect.noun}.',
        )
    return (
        "invalid_operator",
        f'"{op}" needs a string, such as {{"{op}": "abc"}}; got {show(operand)}.',
    )


def _check_wildcard(op: str, operand: object, dialect: Dialect) -> tuple[str, str] | None:
    if not isinstance(operand, str):
        return ("invalid_operator", f'"wildcard" needs a string; got {show(operand)}.')
    try:
        parse_wildcard(operand)
    except ValueError as error:
        return ("invalid_wildcard", f"Wildcard {show(operand)} is not valid: {error}.")
    return None


def _check_exists(op: str, operand: object, dialect: Dialect) -> tuple[str, str] | None:
    if isinstance(operand, bool):
        return None
    return ("invalid_operator", f'"exists" must be true or false; got {show(operand)}.')


def _check_cidr(op: str, operand: object, dialect: Dialect) -> tuple[str, str] | None:
    error = cidr_error(operand)
    return ("invalid_cidr", f"cidr {show(operand)} {error}.") if error else None


def _check_numeric(op: str, operand: object, dialect: Dialect) -> tuple[str, str] | None:
    error = numeric_shape_error(operand)
    if error:
        return ("invalid_numeric", f"numeric {show(operand)} is not valid: {error}.")
    for number in operand[1::2]:
        problem = _number_problem(number, dialect.numeric_limit, _compared(dialect))
        if problem:
            return problem
    return None


def _check_anything_but(op: str, operand: object, dialect: Dialect) -> tuple[str, str] | None:
    if isinstance(operand, dict):
        return _check_anything_but_modifier(operand, dialect)
    items = operand if isinstance(operand, list) else [operand]
    all_strings = all(isinstance(item, str) for item in items)
    all_numbers = all(is_number(item) for item in items)
    if not items or not (all_strings or all_numbers):
        return (
            "invalid_operator",
            f'"anything-but" takes a string, a number, a non-empty list of only strings or '
            f'only numbers, or an object such as {{"prefix": "init"}}; got {show(operand)}.',
        )
    for number in items if all_numbers else ():
        problem = _number_problem(number, dialect.numeric_limit, _compared(dialect))
        if problem:
            return problem
    return None


def _check_anything_but_modifier(operand: dict, dialect: Dialect) -> tuple[str, str] | None:
    allowed = ", ".join(dialect.anything_but_modifiers)
    if len(operand) != 1:
        return (
            "invalid_operator",
            f'"anything-but" object {show(operand)} must have one key ({allowed}).',
        )
    [(modifier, inner)] = operand.items()
    if modifier not in dialect.anything_but_modifiers:
        code = "unsupported_operator" if modifier in _TEXT_MODIFIERS else "unknown_operator"
        return (
            code,
            f'"anything-but" with "{modifier}" is not supported in {dialect.noun}; use {allowed}.',
        )
    items = inner if isinstance(inner, list) else [inner]
    if not items or not all(isinstance(item, str) for item in items):
        return (
            "invalid_operator",
            f'"anything-but" {modifier} needs a string or a non-empty '
            f"list of strings; got {show(inner)}.",
        )
    if modifier in ("prefix", "suffix") and "" in items:
        return ("invalid_operator", f'"anything-but" {modifier} must not be empty.')
    if modifier == "wildcard":
        return next(
            filter(None, (_check_wildcard(modifier, item, dialect) for item in items)), None
        )
    return None


_OPERAND_CHECKS = {
    "prefix": _check_text,
    "suffix": _check_text,
    "equals-ignore-case": _check_text,
    "wildcard": _check_wildcard,
    "exists": _check_exists,
    "cidr": _check_cidr,
    "numeric": _check_numeric,
    "anything-but": _check_anything_but,
}
