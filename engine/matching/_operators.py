"""Value operators shared by EventBridge event patterns and SNS filter policies.

Both services match a leaf value of an event (or message) against a list of
alternatives: exact values and operator objects such as `{"prefix": "us-"}`. This
module turns one alternative into a predicate over a single JSON leaf value
(str, int, float, bool or None) and holds the shape checks the validators share, so
the two services cannot drift apart where AWS documents the same semantics.

Sources: "Content filtering in Amazon EventBridge event patterns", "Comparison
operators for use in event patterns in Amazon EventBridge", and the SNS pages
"String value matching" and "Numeric value matching".
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable

from engine.core.values import is_number

Predicate = Callable[[object], bool]

# EventBridge compares numbers in -5e9..5e9 with six digits after the decimal point
# ("Content filtering in Amazon EventBridge event patterns", numeric matching).
NUMERIC_LIMIT = 5e9
_SCALE = 1e6

# Operator names a match expression may use, in the order messages list them.
OPERATORS = (
    "anything-but",
    "cidr",
    "equals-ignore-case",
    "exists",
    "numeric",
    "prefix",
    "suffix",
    "wildcard",
)
RANGE_LOW = (">", ">=")
RANGE_HIGH = ("<", "<=")
NUMERIC_OPS = ("=", "<", "<=", ">", ">=")

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _scaled(number: float) -> int:
    clamped = max(-1e300, min(1e300, float(number)))
    return int((clamped + NUMERIC_LIMIT) * _SCALE)


def numeric_key(value: float) -> int | None:
    """The comparable form of a number, or None when numeric matching cannot see it.

    AWS turns numbers into fixed-point values with six decimals, so 300, 300.0 and
    3e2 compare equal, and numbers beyond ±5e9 take no part in numeric matching.
    """
    try:
        number = float(value)
    except OverflowError:
        return None
    if not -NUMERIC_LIMIT <= number <= NUMERIC_LIMIT:
        return None
    return _scaled(number)


def numbers_equal(left: float, right: float) -> bool:
    """Equality as AWS sees it: six decimals inside ±5e9, exact beyond it."""
    left_key, right_key = numeric_key(left), numeric_key(right)
    if left_key is None or right_key is None:
        return left == right
    return left_key == right_key


def parse_ip(text: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def parse_wildcard(pattern: str) -> list[str]:
    """Split a wildcard pattern into the literal runs between its `*`s.

    AWS escapes a literal `*` as `\\*` and a backslash as `\\\\`; any other escape and
    two `*` in a row are rejected ("Content filtering in Amazon EventBridge event
    patterns", wildcard matching). Raises ValueError with a sentence saying why.
    """
    segments: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if following not in ("*", "\\"):
                escaped = following or "nothing"
                raise ValueError(
                    f"the backslash at position {index} escapes {escaped!r}; "
                    "only \\* and \\\\ are escapes"
                )
            current.append(following)
            index += 2
            continue
        if char == "*":
            if pattern[index + 1 : index + 2] == "*":
                raise ValueError(f"consecutive wildcard characters at position {index}")
            segments.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    segments.append("".join(current))
    return segments


def wildcard_matches(segments: list[str], text: str) -> bool:
    """Glob matching with `*` only; leftmost search per literal run is exact here."""
    if len(segments) == 1:
        return text == segments[0]
    first, last = segments[0], segments[-1]
    end = len(text) - len(last)
    if end < len(first) or not text.startswith(first) or not text.endswith(last):
        return False
    position = len(first)
    for segment in segments[1:-1]:
        found = text.find(segment, position, end)
        if found < 0:
            return False
        position = found + len(segment)
    return True


def numeric_shape_error(expression: object) -> str | None:
    """Why a `numeric` operand is malformed, or None if it is well formed.

    Allowed: `[op, n]` with op one of = < <= > >=, or a range
    `[">" or ">=", low, "<" or "<=", high]` with low < high.
    """
    if not isinstance(expression, list) or len(expression) not in (2, 4):
        return "must be a list of 2 items [op, number] or 4 items [op, low, op, high]"
    first_op, first = expression[0], expression[1]
    if first_op not in NUMERIC_OPS:
        return f"{first_op!r} is not a numeric operator; use one of = < <= > >="
    if not is_number(first) or not math.isfinite(first):
        return f"the value after {first_op!r} must be a number"
    if len(expression) == 2:
        return None
    second_op, second = expression[2], expression[3]
    if first_op not in RANGE_LOW or second_op not in RANGE_HIGH:
        return "a range must start with > or >= and end with < or <="
    if not is_number(second) or not math.isfinite(second):
        return f"the value after {second_op!r} must be a number"
    if not first < second:
        return f"the lower bound {first} must be less than the upper bound {second}"
    return None


def cidr_error(text: object) -> str | None:
    """Why a `cidr` operand is not a network, or None if it is one."""
    if not isinstance(text, str) or "/" not in text:
        return "must be a string of the form address/prefix-length, such as 10.0.0.0/24"
    try:
        # Host bits may be set: AWS accepts 220.160.153.171/31 and matches the /31.
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return "is not a valid IPv4 or IPv6 network"
    return None


# ---- predicates -------------------------------------------------------------------


def exact_strings(values: frozenset[str]) -> Predicate:
    return lambda value: type(value) is str and value in values


def exact_ip(address: IpAddress) -> Predicate:
    """A pattern string that is an IP address matches that address however written."""

    def predicate(value: object) -> bool:
        return isinstance(value, str) and parse_ip(value) == address

    return predicate


def exact_number(number: float) -> Predicate:
    return lambda value: is_number(value) and numbers_equal(value, number)


def exact_literal(literal: bool | None) -> Predicate:
    # `is`: True must not equal the number 1, nor None the string "null".
    return lambda value: value is literal


def exact_value(value: object) -> Predicate:
    if isinstance(value, str):
        address = parse_ip(value)
        return exact_ip(address) if address else exact_strings(frozenset((value,)))
    if is_number(value):
        return exact_number(value)
    return exact_literal(value)


def _text_test(op: str, operand: object) -> Predicate:
    """prefix / suffix / equals-ignore-case, optionally case-insensitive via a dict."""
    fold = isinstance(operand, dict)
    text = operand["equals-ignore-case"] if fold else operand
    if fold or op == "equals-ignore-case":
        text = text.lower()
    if op == "prefix":
        test = str.startswith
    elif op == "suffix":
        test = str.endswith
    else:
        test = str.__eq__
    if fold or op == "equals-ignore-case":
        return lambda value: isinstance(value, str) and test(value.lower(), text)
    return lambda value: isinstance(value, str) and test(value, text)


def _wildcard(operand: str) -> Predicate:
    segments = parse_wildcard(operand)
    return lambda value: isinstance(value, str) and wildcard_matches(segments, value)


_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "=": int.__eq__,
    ">": int.__gt__,
    ">=": int.__ge__,
    "<": int.__lt__,
    "<=": int.__le__,
}


def _numeric(expression: list) -> Predicate:
    error = numeric_shape_error(expression)
    if error:
        raise ValueError(f"numeric {expression!r}: {error}")
    bounds = [
        (_COMPARE[expression[index]], _scaled(expression[index + 1]))
        for index in range(0, len(expression), 2)
    ]

    def predicate(value: object) -> bool:
        if not is_number(value):
            return False
        key = numeric_key(value)
        return key is not None and all(compare(key, bound) for compare, bound in bounds)

    return predicate


def _cidr(operand: str) -> Predicate:
    network = ipaddress.ip_network(operand, strict=False)

    def predicate(value: object) -> bool:
        if not isinstance(value, str):
            return False
        address = parse_ip(value)
        return address is not None and address.version == network.version and address in network

    return predicate


def _listed(operand: object) -> list:
    return operand if isinstance(operand, list) else [operand]


def _anything_but(operand: object) -> Predicate:
    """Everything except the operand: values, or strings a modifier would match.

    Non-strings (numbers, booleans, null) pass a modifier form, since prefix, suffix,
    wildcard and equals-ignore-case only ever match strings; an anything-but of
    strings lets numbers through and the other way round. Excluded strings compare
    exactly (no IP-address folding), as AWS compares them.
    """
    if isinstance(operand, dict):
        [(modifier, inner)] = operand.items()
        excluded = [build_operator(modifier, item) for item in _listed(inner)]
        return lambda value: not any(test(value) for test in excluded)
    items = _listed(operand)
    strings = frozenset(item for item in items if isinstance(item, str))
    numbers = [exact_number(item) for item in items if is_number(item)]

    def predicate(value: object) -> bool:
        if type(value) is str:
            return value not in strings
        return not any(test(value) for test in numbers)

    return predicate


_BUILDERS: dict[str, Callable[[object], Predicate]] = {
    "prefix": lambda operand: _text_test("prefix", operand),
    "suffix": lambda operand: _text_test("suffix", operand),
    "equals-ignore-case": lambda operand: _text_test("equals-ignore-case", operand),
    "wildcard": _wildcard,
    "numeric": _numeric,
    "cidr": _cidr,
    "anything-but": _anything_but,
}


def build_operator(op: str, operand: object) -> Predicate:
    """The predicate for one operator object other than `exists` (handled per field)."""
    builder = _BUILDERS.get(op)
    if builder is None:
        raise ValueError(f"unknown operator {op!r}")
    return builder(operand)
