"""DynamoDB's expressions on the engine's items ("Using expressions in DynamoDB"): update
expressions (`SET`, `REMOVE`, `ADD`, `DELETE`), condition expressions and projection
expressions, with `#name` placeholders (ExpressionAttributeNames) and `:value` ones
(ExpressionAttributeValues, typed, as the request holds them).

Supported: document paths (`a.b[0].c`); in SET, `if_not_exists(path, operand)`,
`list_append(a, b)` and `a + b`, `a - b`; in conditions the comparators `=`, `<>`, `<`,
`<=`, `>`, `>=`, `BETWEEN`, `IN`, `AND`, `OR`, `NOT`, parentheses and the functions
`attribute_exists`, `attribute_not_exists`, `attribute_type`, `begins_with`, `contains` and
`size`. Every operand of an update is read from the item as it was before the update, as
DynamoDB does. What cannot be parsed is an `ExpressionError` with DynamoDB's kind of
message; the caller answers it as a ValidationException.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from engine.core.attribute_values import from_attribute_value

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<alias>#[A-Za-z0-9_]+)"
    r"|(?P<value>:[A-Za-z0-9_]+)|(?P<op><>|<=|>=|[=<>(),.\[\]+-]))"
)
CLAUSES = ("SET", "REMOVE", "ADD", "DELETE")
COMPARATORS = ("=", "<>", "<", "<=", ">", ">=")
TYPE_NAMES = {
    "S": str,
    "N": (int, float),
    "BOOL": bool,
    "NULL": type(None),
    "M": dict,
    "L": list,
    "SS": list,
    "NS": list,
}
MISSING = object()
MAX_EXPRESSION_BYTES = 4096  # "Expression parameters": any expression string is at most 4 KB
MAX_NESTING = 32  # the engine's own bound on parentheses and NOTs inside one another


class ExpressionError(ValueError):
    """An expression DynamoDB would refuse (a ValidationException)."""


class _Parser:
    def __init__(self, text: str, names: dict | None, values: dict | None):
        self.tokens: list[str] = []
        position = 0
        text = text or ""
        if len(text.encode("utf-8")) > MAX_EXPRESSION_BYTES:
            raise ExpressionError(
                f"Invalid expression: it is longer than {MAX_EXPRESSION_BYTES} bytes"
            )
        self.depth = 0
        while position < len(text.rstrip()):
            match = _TOKEN.match(text, position)
            if not match or match.end() == position:
                raise ExpressionError(f"Invalid expression: syntax error near {text[position:]!r}")
            self.tokens.append(match.group(match.lastgroup or "op"))
            position = match.end()
        self.at = 0
        self.names = names or {}
        self.values = values or {}

    # --- tokens ------------------------------------------------------------------------
    def peek(self, offset: int = 0) -> str | None:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, wanted: str | None = None) -> str:
        token = self.peek()
        if token is None or (wanted is not None and token.upper() != wanted):
            raise ExpressionError(
                f"Invalid expression: expected {wanted or 'more'}, found {token or 'the end'}"
            )
        self.at += 1
        if token == "(":
            self.nest(1)
        elif token == ")":
            self.depth -= 1
        return token

    def nest(self, by: int) -> None:
        self.depth += by
        if self.depth > MAX_NESTING:
            raise ExpressionError(
                f"Invalid expression: more than {MAX_NESTING} levels of parentheses or NOT"
            )

    def keyword(self, word: str) -> bool:
        if (self.peek() or "").upper() == word:
            self.at += 1
            return True
        return False

    def done(self) -> None:
        if self.peek() is not None:
            raise ExpressionError(f"Invalid expression: unexpected {self.peek()!r}")

    # --- operands ------------------------------------------------------------------------
    def path(self) -> tuple:
        parts: list[Any] = [self._name(self.take())]
        while self.peek() in (".", "["):
            if self.take() == ".":
                parts.append(self._name(self.take()))
            else:
                index = self.take()
                if not index.isdigit():
                    raise ExpressionError("Invalid expression: a list index is a number")
                parts.append(int(index))
                self.take("]")
        return ("path", tuple(parts))

    def _name(self, token: str) -> str:
        if token.startswith("#"):
            if token not in self.names:
                raise ExpressionError(
                    "An expression attribute name used in the document path is not "
                    f"defined; attribute name: {token}"
                )
            return self.names[token]
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", token):
            raise ExpressionError(f"Invalid expression: {token!r} is not an attribute name")
        return token

    def operand(self) -> tuple:
        token = self.peek()
        if token is None:
            raise ExpressionError("Invalid expression: an operand is missing")
        if token.startswith(":"):
            self.at += 1
            if token not in self.values:
                raise ExpressionError(
                    f"An expression attribute value used in expression is not defined; "
                    f"attribute value: {token}"
                )
            return ("value", from_attribute_value(self.values[token]))
        if self.peek(1) == "(" and token.lower() in ("if_not_exists", "list_append", "size"):
            self.at += 1
            return ("call", token.lower(), self.operands())
        return self.path()

    def operands(self) -> list[tuple]:
        """A parenthesised, comma-separated list of operands (a function's arguments, IN's
        choices)."""
        self.take("(")
        found = [self.operand()]
        while self.keyword(","):
            found.append(self.operand())
        self.take(")")
        return found

    def term(self) -> tuple:
        left = self.operand()
        if self.peek() in ("+", "-"):
            sign = self.take()
            return ("arith", sign, left, self.operand())
        return left

    # --- conditions ------------------------------------------------------------------------
    def condition(self) -> tuple:
        left = self._and()
        while self.keyword("OR"):
            left = ("or", left, self._and())
        return left

    def _and(self) -> tuple:
        left = self._not()
        while self.keyword("AND"):
            left = ("and", left, self._not())
        return left

    def _not(self) -> tuple:
        if self.keyword("NOT"):
            self.nest(1)
            inner = self._not()
            self.depth -= 1
            return ("not", inner)
        if self.peek() == "(":
            self.take("(")
            inner = self.condition()
            self.take(")")
            return inner
        token = (self.peek() or "").lower()
        if self.peek(1) == "(" and token in (
            "attribute_exists",
            "attribute_not_exists",
            "attribute_type",
            "begins_with",
            "contains",
        ):
            self.at += 1
            return ("function", token, self.operands())
        left = self.operand()
        if self.keyword("BETWEEN"):
            low = self.operand()
            self.take("AND")
            return ("between", left, low, self.operand())
        if self.keyword("IN"):
            return ("in", left, self.operands())
        comparator = self.take()
        if comparator not in COMPARATORS:
            raise ExpressionError(f"Invalid expression: {comparator!r} is not a comparator")
        return ("compare", comparator, left, self.operand())


# --- evaluation --------------------------------------------------------------------------------
def _get(item: Any, parts: tuple) -> Any:
    current = item
    for part in parts:
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return MISSING
            current = current[part]
        else:
            if not isinstance(current, dict) or part not in current:
                return MISSING
            current = current[part]
    return current


def _value(item: dict, node: tuple) -> Any:
    kind = node[0]
    if kind == "value":
        return node[1]
    if kind == "path":
        return _get(item, node[1])
    if kind == "arith":
        _kind, sign, left, right = node
        a, b = _value(item, left), _value(item, right)
        if not (_is_number(a) and _is_number(b)):
            raise ExpressionError("An operand in the update expression has an incorrect data type")
        return a + b if sign == "+" else a - b
    _kind, name, arguments = node
    values = [_value(item, a) for a in arguments]
    if name == "if_not_exists":
        return values[1] if values[0] is MISSING else values[0]
    if name == "list_append":
        if not all(isinstance(v, list) for v in values):
            raise ExpressionError("list_append takes two lists")
        return values[0] + values[1]
    found = values[0]  # size
    if isinstance(found, str | list | dict):
        return len(found)
    return MISSING


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compare(comparator: str, a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return False
    if comparator == "=":
        return a == b
    if comparator == "<>":
        return a != b
    same = (_is_number(a) and _is_number(b)) or (isinstance(a, str) and isinstance(b, str))
    if not same:
        return False  # DynamoDB: values of different types do not compare
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[comparator]


def _holds(item: dict, node: tuple) -> bool:
    kind = node[0]
    if kind == "or":
        return _holds(item, node[1]) or _holds(item, node[2])
    if kind == "and":
        return _holds(item, node[1]) and _holds(item, node[2])
    if kind == "not":
        return not _holds(item, node[1])
    if kind == "compare":
        return _compare(node[1], _value(item, node[2]), _value(item, node[3]))
    if kind == "between":
        value = _value(item, node[1])
        return _compare(">=", value, _value(item, node[2])) and _compare(
            "<=", value, _value(item, node[3])
        )
    if kind == "in":
        value = _value(item, node[1])
        return any(_compare("=", value, _value(item, c)) for c in node[2])
    _kind, name, arguments = node
    found = _value(item, arguments[0])
    if name == "attribute_exists":
        return found is not MISSING
    if name == "attribute_not_exists":
        return found is MISSING
    other = _value(item, arguments[1]) if len(arguments) > 1 else MISSING
    if name == "attribute_type":
        wanted = TYPE_NAMES.get(other) if isinstance(other, str) else None
        return found is not MISSING and wanted is not None and isinstance(found, wanted)
    if name == "begins_with":
        return isinstance(found, str) and isinstance(other, str) and found.startswith(other)
    if isinstance(found, str):  # contains
        return isinstance(other, str) and other in found
    return isinstance(found, list) and other in found


def condition_holds(item: dict | None, text: str, names: dict | None, values: dict | None):
    """Whether a ConditionExpression holds for the item (None: no item with that key)."""
    parser = _Parser(text, names, values)
    tree = parser.condition()
    parser.done()
    return _holds(item or {}, tree)


def projected(item: dict, text: str, names: dict | None) -> dict:
    """The item with only what a ProjectionExpression names, nested as in the item (the
    elements of a list that it names, in the list's order)."""
    parser = _Parser(text, names, {})
    paths = [parser.path()[1]]
    while parser.keyword(","):
        paths.append(parser.path()[1])
    parser.done()
    out: dict = {}
    for parts in sorted(paths, key=lambda p: [str(x).zfill(12) for x in p]):
        found = _get(item, parts)
        if found is MISSING:
            continue
        where: Any = out
        for part, following in zip(parts, parts[1:], strict=False):
            empty: Any = [] if isinstance(following, int) else {}
            if isinstance(where, list):
                where.append(empty)
                where = where[-1]
            else:
                where = where.setdefault(part, empty)
        if isinstance(where, list):
            where.append(copy.deepcopy(found))
        else:
            where[parts[-1]] = copy.deepcopy(found)
    return out


def updated(
    item: dict, text: str, names: dict | None, values: dict | None, *, keys: list[str]
) -> dict:
    """The item after an UpdateExpression (a new dict; `item` is not changed)."""
    parser = _Parser(text, names, values)
    actions: list[tuple[str, tuple, Any]] = []
    seen_clauses: set[str] = set()
    while parser.peek() is not None:
        clause = parser.take().upper()
        if clause not in CLAUSES or clause in seen_clauses:
            raise ExpressionError(f"Invalid UpdateExpression: unexpected {clause!r}")
        seen_clauses.add(clause)
        while True:
            path = parser.path()[1]
            if clause == "SET":
                parser.take("=")
                actions.append((clause, path, parser.term()))
            elif clause == "REMOVE":
                actions.append((clause, path, None))
            else:
                actions.append((clause, path, parser.operand()))
            if not parser.keyword(","):
                break
    if not actions:
        raise ExpressionError("Invalid UpdateExpression: the expression is empty")
    for _clause, path, _operand in actions:
        if path[0] in keys:
            raise ExpressionError(
                f"Cannot update attribute {path[0]}. This attribute is part of the key"
            )
    # every operand is read from the item as it was before the update
    planned = [(c, p, None if o is None else _value(item, o)) for c, p, o in actions]
    result = copy.deepcopy(item)
    for clause, path, value in planned:
        _APPLY[clause](result, path, value)
    return result


def _parent(item: dict, path: tuple, *, create: bool) -> tuple[Any, Any]:
    current: Any = item
    for part in path[:-1]:
        nxt = _get(current, (part,))
        if nxt is MISSING:
            if not create:
                return None, path[-1]
            raise ExpressionError(
                "The document path provided in the update expression is invalid for update"
            )
        current = nxt
    return current, path[-1]


def _set(item: dict, path: tuple, value: Any) -> None:
    if value is MISSING:
        raise ExpressionError("The provided expression refers to an attribute that does not exist")
    parent, last = _parent(item, path, create=True)
    if isinstance(last, int):
        if not isinstance(parent, list):
            raise ExpressionError("The document path provided in the update expression is invalid")
        if last < len(parent):
            parent[last] = value
        else:
            parent.append(value)
    else:
        parent[last] = value


def _remove(item: dict, path: tuple, _value: Any) -> None:
    parent, last = _parent(item, path, create=False)
    if isinstance(parent, dict):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        del parent[last]


def _add(item: dict, path: tuple, value: Any) -> None:
    held = _get(item, path)
    if held is MISSING:
        _set(item, path, value)
    elif _is_number(held) and _is_number(value):
        _set(item, path, held + value)
    elif isinstance(held, list) and isinstance(value, list):
        _set(item, path, held + [v for v in value if v not in held])
    else:
        raise ExpressionError("An operand in the update expression has an incorrect data type")


def _delete(item: dict, path: tuple, value: Any) -> None:
    held = _get(item, path)
    if held is MISSING:
        return
    if not (isinstance(held, list) and isinstance(value, list)):
        raise ExpressionError("An operand in the update expression has an incorrect data type")
    kept = [v for v in held if v not in value]
    if kept:
        _set(item, path, kept)
    else:
        _remove(item, path, None)  # an empty set is no attribute


_APPLY: dict[str, Callable[[dict, tuple, Any], None]] = {
    "SET": _set,
    "REMOVE": _remove,
    "ADD": _add,
    "DELETE": _delete,
}
