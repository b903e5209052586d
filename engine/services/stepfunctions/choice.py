"""Choice rules ("Choice workflow state"): comparisons of a `Variable` with a literal or
with another path (`...Path`), the type tests (`IsNull`, `IsPresent`, `IsNumeric`,
`IsString`, `IsBoolean`, `IsTimestamp`) and the Boolean operators `And`, `Or`, `Not`.

A comparison of values of the wrong type is false (a `StringEquals` on a number does not
match); a `Variable` (or a `...Path` operand) that selects nothing is a `States.Runtime`
error, except under `IsPresent`, which exists to test for it.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from engine.core.values import is_number
from engine.services.stepfunctions.paths import RUNTIME, StatesError, parse_path

_KINDS = {"String": str, "Numeric": "number", "Boolean": bool, "Timestamp": "timestamp"}
_RELATIONS = {
    "Equals": lambda a, b: a == b,
    "LessThan": lambda a, b: a < b,
    "GreaterThan": lambda a, b: a > b,
    "LessThanEquals": lambda a, b: a <= b,
    "GreaterThanEquals": lambda a, b: a >= b,
}
COMPARISONS: dict[str, tuple[str, str, bool]] = {}  # operator: (kind, relation, by path)
for _kind in _KINDS:
    for _relation in _RELATIONS:
        if _kind == "Boolean" and _relation != "Equals":
            continue
        COMPARISONS[f"{_kind}{_relation}"] = (_kind, _relation, False)
        COMPARISONS[f"{_kind}{_relation}Path"] = (_kind, _relation, True)
COMPARISONS["StringMatches"] = ("String", "Matches", False)
TESTS = ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def parse_timestamp(value: Any) -> datetime | None:
    """An RFC 3339 timestamp with an upper-case T and a time zone, as ASL requires."""
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        return None
    text = value.replace("Z", "+00:00")
    head, dot, tail = text.partition(".")
    if dot:  # Python reads at most 6 fraction digits
        digits = re.match(r"\d+", tail).group(0)
        text = f"{head}.{digits[:6].ljust(6, '0')}{tail[len(digits) :]}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _typed(kind: str, value: Any) -> Any:
    """The value as the comparison's kind sees it, or None when it is of another type."""
    if kind == "String":
        return value if isinstance(value, str) else None
    if kind == "Numeric":
        return value if is_number(value) else None
    if kind == "Boolean":
        return value if isinstance(value, bool) else None
    return parse_timestamp(value)


def string_matches(pattern: str, text: str) -> bool:
    """`StringMatches`: `*` is any run of characters; `\\*` and `\\\\` are literal."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        out.append(".*" if ch == "*" else re.escape(ch))
        i += 1
    return re.fullmatch("".join(out), text, re.DOTALL) is not None


def _select(path: str, value: Any, context: Any) -> tuple[bool, Any]:
    try:
        return True, parse_path(path).select(value, context)
    except StatesError:
        return False, None


def evaluate(rule: dict[str, Any], value: Any, context: Any) -> bool:
    """Whether a choice rule (or a nested Boolean expression) holds for `value`."""
    if "And" in rule:
        return all(evaluate(r, value, context) for r in rule["And"])
    if "Or" in rule:
        return any(evaluate(r, value, context) for r in rule["Or"])
    if "Not" in rule:
        return not evaluate(rule["Not"], value, context)
    variable = rule["Variable"]
    found, actual = _select(variable, value, context)
    if "IsPresent" in rule:
        return found == rule["IsPresent"]
    if not found:
        raise StatesError(
            RUNTIME,
            f"Invalid path '{variable}': the choice state's condition "
            "path references an invalid value",
        )
    for test in TESTS[:1] + TESTS[2:]:
        if test in rule:
            kind = {"IsNull": None, "IsNumeric": "Numeric", "IsString": "String"}.get(test)
            if test == "IsNull":
                holds = actual is None
            elif test == "IsBoolean":
                holds = isinstance(actual, bool)
            elif test == "IsTimestamp":
                holds = parse_timestamp(actual) is not None
            else:
                holds = _typed(kind, actual) is not None
            return holds == rule[test]
    operator = next(key for key in rule if key in COMPARISONS)
    kind, relation, by_path = COMPARISONS[operator]
    expected = rule[operator]
    if by_path:
        found, expected = _select(expected, value, context)
        if not found:
            raise StatesError(RUNTIME, f"Invalid path '{rule[operator]}' in {operator}")
    left, right = _typed(kind, actual), _typed(kind, expected)
    if left is None or right is None:
        return False
    if relation == "Matches":
        return string_matches(right, left)
    return _RELATIONS[relation](left, right)


def rule_problems(rule: Any, where: str, *, top: bool) -> list[tuple[str, str]]:
    """(path, message) for what is wrong with a choice rule."""
    if not isinstance(rule, dict):
        return [(where, "a choice rule is an object")]
    found: list[tuple[str, str]] = []
    allowed = {"Next", "Comment"} if top else {"Comment"}
    if top and not isinstance(rule.get("Next"), str):
        found.append((f"{where}.Next", "a choice rule at the top of Choices needs Next"))
    booleans = [key for key in ("And", "Or", "Not") if key in rule]
    if booleans:
        key = booleans[0]
        extra = set(rule) - allowed - {key}
        for name in sorted(extra):
            found.append((f"{where}.{name}", f"'{name}' cannot stand beside {key}"))
        inner = rule[key]
        if key == "Not":
            found.extend(rule_problems(inner, f"{where}.Not", top=False))
        elif not isinstance(inner, list) or not inner:
            found.append((f"{where}.{key}", f"{key} takes a non-empty list of rules"))
        else:
            for index, item in enumerate(inner):
                found.extend(rule_problems(item, f"{where}.{key}[{index}]", top=False))
        return found
    if "Next" in rule and not top:
        found.append((f"{where}.Next", "only a top-level choice rule has Next"))
    variable = rule.get("Variable")
    if not isinstance(variable, str):
        found.append((f"{where}.Variable", "a comparison needs Variable (a path)"))
    else:
        try:
            parse_path(variable)
        except ValueError as exc:
            found.append((f"{where}.Variable", str(exc)))
    operators = [key for key in rule if key in COMPARISONS or key in TESTS]
    unknown = set(rule) - allowed - {"Next", "Variable"} - set(operators)
    for name in sorted(unknown):
        found.append((f"{where}.{name}", f"'{name}' is not a choice operator"))
    if len(operators) != 1:
        found.append((where, "a comparison has exactly one operator (e.g. StringEquals)"))
        return found
    operator = operators[0]
    value = rule[operator]
    if operator in TESTS:
        if not isinstance(value, bool):
            found.append((f"{where}.{operator}", f"{operator} takes true or false"))
        return found
    kind, _relation, by_path = COMPARISONS[operator]
    if by_path:
        try:
            parse_path(value)
        except ValueError as exc:
            found.append((f"{where}.{operator}", str(exc)))
    elif _typed(kind, value) is None:
        wanted = {"String": "a string", "Numeric": "a number", "Boolean": "true or false"}
        wanted["Timestamp"] = "an RFC 3339 timestamp such as 2026-01-01T00:00:00Z"
        found.append((f"{where}.{operator}", f"{operator} compares with {wanted[kind]}"))
    return found
