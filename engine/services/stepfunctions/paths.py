"""Amazon States Language paths, payload templates and intrinsic functions.

"Using JSONPath paths" and "Reference paths": a path starts with `$` (the state's input)
or `$$` (the context object) and goes on by `.name`, `['name']`, `[n]`, or the wildcards
`.*` and `[*]` (which select a list). A reference path (ResultPath) has no wildcards.
Payload templates (`Parameters`, `ResultSelector`, `ItemSelector`) copy their fields,
except that a field whose name ends in `.$` takes the value its path (or intrinsic
function) selects, under the name without `.$`. Intrinsic functions are the `States.*`
calls of "Intrinsic functions for JSONPath states".

Failures at run time raise `StatesError`: a missing path is `States.Runtime` (AWS reports
parameter-path and result-path failures under that name, and `States.ALL` cannot catch it).
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import uuid
from collections.abc import Callable
from typing import Any

from engine.core.message import compact_json
from engine.core.values import is_int

RUNTIME = "States.Runtime"
KEY = ("key",)
WILDCARD = ("*",)


class StatesError(Exception):
    """An error a state raises: `error` is its name (`States.Runtime`, a task's error),
    `cause` the text shown with it."""

    def __init__(self, error: str, cause: str = ""):
        super().__init__(f"{error}: {cause}" if cause else error)
        self.error, self.cause = error, cause


# --- paths ---------------------------------------------------------------------------
_NAME = re.compile(r"[^.\[\]'\"]+")
_INDEX = re.compile(r"\[(-?\d+)\]")
_QUOTED = re.compile(r"\[(?:'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\")\]")


class Path:
    """A parsed path: `context` says it starts at `$$`; `steps` are ("key", name),
    ("index", n) or ("*",)."""

    __slots__ = ("text", "context", "steps")

    def __init__(self, text: str, context: bool, steps: tuple):
        self.text, self.context, self.steps = text, context, steps

    @property
    def is_reference(self) -> bool:
        return all(step[0] != "*" for step in self.steps)

    def select(self, value: Any, context: Any = None) -> Any:
        """What the path selects in `value` (or in `context` for `$$` paths)."""
        current = [context if self.context else value]
        many = False
        for step in self.steps:
            found = []
            for item in current:
                if step[0] == "key":
                    if not isinstance(item, dict) or step[1] not in item:
                        if many:
                            continue
                        raise StatesError(
                            RUNTIME, f"The JSONPath '{self.text}' could not be found in the input"
                        )
                    found.append(item[step[1]])
                elif step[0] == "index":
                    if not isinstance(item, list) or not -len(item) <= step[1] < len(item):
                        if many:
                            continue
                        raise StatesError(
                            RUNTIME, f"The JSONPath '{self.text}' could not be found in the input"
                        )
                    found.append(item[step[1]])
                else:
                    many = True
                    if isinstance(item, dict):
                        found.extend(item.values())
                    elif isinstance(item, list):
                        found.extend(item)
            current = found
        return current if many else current[0]


_PATHS: dict[str, Path] = {}


def parse_path(text: Any) -> Path:
    """A path, or ValueError saying what is wrong with it."""
    if not isinstance(text, str):
        raise ValueError("a path is a string starting with $")
    cached = _PATHS.get(text)
    if cached is not None:
        return cached
    context = text.startswith("$$")
    if not text.startswith("$"):
        raise ValueError(f"'{text}' is not a path: it must start with $")
    rest = text[2:] if context else text[1:]
    steps: list[tuple] = []
    i = 0
    while i < len(rest):
        if rest.startswith(".*", i):
            steps.append(WILDCARD)
            i += 2
        elif rest[i] == ".":
            match = _NAME.match(rest, i + 1)
            if match is None:
                raise ValueError(f"'{text}': a name must follow '.' at character {i + 2}")
            steps.append(("key", match.group(0)))
            i = match.end()
        elif rest.startswith("[*]", i):
            steps.append(WILDCARD)
            i += 3
        elif (match := _INDEX.match(rest, i)) is not None:
            steps.append(("index", int(match.group(1))))
            i = match.end()
        elif (match := _QUOTED.match(rest, i)) is not None:
            raw = match.group(1) if match.group(1) is not None else match.group(2)
            steps.append(("key", re.sub(r"\\(.)", r"\1", raw)))
            i = match.end()
        else:
            raise ValueError(
                f"'{text}' is not a path this engine reads (at character "
                f"{i + (3 if context else 2)}: use .name, ['name'], [n], .* or [*])"
            )
    path = Path(text, context, tuple(steps))
    if len(_PATHS) < 10_000:
        _PATHS[text] = path
    return path


def apply_input_path(path: str | None, value: Any, context: Any) -> Any:
    """InputPath and OutputPath: `$` keeps the value, null gives `{}`."""
    if path is None:
        return {}
    if path == "$":
        return value
    return parse_path(path).select(value, context)


def apply_result_path(path: str | None, state_input: Any, result: Any) -> Any:
    """ResultPath: `$` (the default) replaces the input by the result, null keeps the
    input, a reference path puts the result into a copy of the input."""
    if path is None:
        return state_input
    if path == "$":
        return result
    steps = parse_path(path).steps
    root = json.loads(compact_json(state_input)) if isinstance(state_input, dict | list) else None
    if not isinstance(root, dict):
        raise StatesError(
            RUNTIME,
            f"Unable to apply ResultPath '{path}': the state input is not a JSON object",
        )
    node: Any = root
    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        if step[0] == "key":
            if not isinstance(node, dict):
                raise StatesError(RUNTIME, f"Unable to apply ResultPath '{path}' to the input")
            if last:
                node[step[1]] = result
            else:
                node = node.setdefault(step[1], {})
        else:
            index = step[1]
            if not isinstance(node, list) or not -len(node) <= index < len(node):
                raise StatesError(RUNTIME, f"Unable to apply ResultPath '{path}' to the input")
            if last:
                node[index] = result
            else:
                node = node[index]
    return root


# --- payload templates -----------------------------------------------------------------
def render(template: Any, value: Any, context: Any, rng: random.Random | None = None) -> Any:
    """A payload template filled from `value` and `context`."""
    if isinstance(template, dict):
        out = {}
        for key, item in template.items():
            if key.endswith(".$") and isinstance(item, str):
                out[key[:-2]] = evaluate(item, value, context, rng)
            else:
                out[key] = render(item, value, context, rng)
        return out
    if isinstance(template, list):
        return [render(item, value, context, rng) for item in template]
    return template


def evaluate(expression: str, value: Any, context: Any, rng: random.Random | None) -> Any:
    """The value of a `.$` field: a path or an intrinsic function call."""
    if expression.startswith("States."):
        return Intrinsic.parse(expression).run(value, context, rng or random.Random(0))
    return parse_path(expression).select(value, context)


def template_problems(template: Any, where: str) -> list[tuple[str, str]]:
    """(path, message) for every `.$` field whose value is not a path or a valid call."""
    found: list[tuple[str, str]] = []
    if isinstance(template, dict):
        for key, item in template.items():
            at = f"{where}.{key}" if re.fullmatch(r"[\w$.-]+", key) else f"{where}[{key!r}]"
            if key.endswith(".$"):
                if not isinstance(item, str):
                    found.append((at, f"'{key}' ends in .$, so its value must be a path string"))
                    continue
                try:
                    if item.startswith("States."):
                        Intrinsic.parse(item)
                    else:
                        parse_path(item)
                except ValueError as exc:
                    found.append((at, str(exc)))
            else:
                found.extend(template_problems(item, at))
    elif isinstance(template, list):
        for index, item in enumerate(template):
            found.extend(template_problems(item, f"{where}[{index}]"))
    return found


# --- intrinsic functions ---------------------------------------------------------------
def _fmt(template: Any, *args: Any) -> str:
    if not isinstance(template, str):
        raise StatesError(RUNTIME, "States.Format takes a string template first")
    parts = re.split(r"(?<!\\)\{\}", template)
    if len(parts) - 1 != len(args):
        raise StatesError(
            RUNTIME,
            f"States.Format has {len(parts) - 1} placeholders and {len(args)} arguments",
        )
    out = parts[0]
    for arg, part in zip(args, parts[1:], strict=True):
        out += (arg if isinstance(arg, str) else compact_json(arg)) + part
    return out.replace("\\{", "{").replace("\\}", "}")


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise StatesError(RUNTIME, message)


def _array_partition(items: Any, size: Any) -> list:
    _need(isinstance(items, list) and is_int(size) and size > 0, "ArrayPartition(array, n>0)")
    return [items[i : i + size] for i in range(0, len(items), size)]


def _array_range(start: Any, end: Any, step: Any) -> list:
    _need(all(is_int(x) for x in (start, end, step)) and step != 0, "ArrayRange(int, int, int≠0)")
    out = list(range(start, end + (1 if step > 0 else -1), step))
    _need(len(out) <= 1000, "ArrayRange makes at most 1,000 items")
    return out


def _array_get(items: Any, index: Any) -> Any:
    _need(isinstance(items, list) and is_int(index), "ArrayGetItem(array, index)")
    _need(0 <= index < len(items), f"ArrayGetItem: index {index} is out of range")
    return items[index]


def _unique(items: Any) -> list:
    _need(isinstance(items, list), "ArrayUnique takes an array")
    seen, out = set(), []
    for item in items:
        key = compact_json(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _b64decode(text: Any) -> str:
    _need(isinstance(text, str), "Base64Decode takes a string")
    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except ValueError as exc:
        raise StatesError(RUNTIME, f"Base64Decode: {exc}") from None


def _hash(data: Any, algorithm: Any) -> str:
    names = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384"}
    names["SHA-512"] = "sha512"
    _need(algorithm in names, "States.Hash algorithm: MD5, SHA-1, SHA-256, SHA-384, SHA-512")
    text = data if isinstance(data, str) else compact_json(data)
    return hashlib.new(names[algorithm], text.encode("utf-8")).hexdigest()


def _merge(left: Any, right: Any, deep: Any) -> dict:
    _need(isinstance(left, dict) and isinstance(right, dict), "JsonMerge takes two objects")
    _need(deep is False, "JsonMerge supports shallow merges only (false)")
    return {**left, **right}


def _string_to_json(text: Any) -> Any:
    _need(isinstance(text, str), "StringToJson takes a string")
    try:
        return json.loads(text)
    except ValueError as exc:
        raise StatesError(RUNTIME, f"StringToJson: {exc}") from None


def _math_add(a: Any, b: Any) -> int:
    _need(is_int(a) and is_int(b), "MathAdd takes two integers")
    return a + b


def _split(text: Any, delimiters: Any) -> list[str]:
    _need(isinstance(text, str) and isinstance(delimiters, str), "StringSplit(string, chars)")
    return [part for part in re.split("[" + re.escape(delimiters) + "]", text) if part]


FUNCTIONS: dict[str, tuple[int, int, Callable[..., Any]]] = {
    # name: (fewest arguments, most arguments, function); the rng comes last when used
    "States.Format": (1, 10_000, _fmt),
    "States.StringToJson": (1, 1, _string_to_json),
    "States.JsonToString": (1, 1, compact_json),
    "States.Array": (0, 10_000, lambda *a: list(a)),
    "States.ArrayPartition": (2, 2, _array_partition),
    "States.ArrayContains": (2, 2, lambda items, v: isinstance(items, list) and v in items),
    "States.ArrayRange": (3, 3, _array_range),
    "States.ArrayGetItem": (2, 2, _array_get),
    "States.ArrayLength": (1, 1, lambda items: len(items) if isinstance(items, list) else 0),
    "States.ArrayUnique": (1, 1, _unique),
    "States.Base64Encode": (1, 1, lambda s: base64.b64encode(str(s).encode()).decode("ascii")),
    "States.Base64Decode": (1, 1, _b64decode),
    "States.Hash": (2, 2, _hash),
    "States.JsonMerge": (3, 3, _merge),
    "States.MathAdd": (2, 2, _math_add),
    "States.StringSplit": (2, 2, _split),
}
RANDOM_FUNCTIONS = ("States.MathRandom", "States.UUID")
_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(null|true|false)\b")


class Intrinsic:
    """One parsed call: a name and its arguments (literals, paths, nested calls)."""

    __slots__ = ("name", "args")

    def __init__(self, name: str, args: list[Any]):
        self.name, self.args = name, args

    @classmethod
    def parse(cls, text: str) -> Intrinsic:
        call, end = cls._call(text, 0)
        if text[end:].strip():
            raise ValueError(f"'{text}': unexpected text after the call at character {end + 1}")
        return call

    @classmethod
    def _call(cls, text: str, i: int) -> tuple[Intrinsic, int]:
        match = re.compile(r"\s*(States\.[A-Za-z0-9]+)\(").match(text, i)
        if match is None:
            raise ValueError(f"'{text}': expected an intrinsic function call at character {i + 1}")
        name = match.group(1)
        if name not in FUNCTIONS and name not in RANDOM_FUNCTIONS:
            raise ValueError(f"'{name}' is not an intrinsic function")
        args: list[Any] = []
        i = match.end()
        while True:
            while i < len(text) and text[i] == " ":
                i += 1
            if i < len(text) and text[i] == ")" and not args:
                i += 1
                break
            arg, i = cls._arg(text, i)
            args.append(arg)
            while i < len(text) and text[i] == " ":
                i += 1
            if i < len(text) and text[i] == ",":
                i += 1
                continue
            if i < len(text) and text[i] == ")":
                i += 1
                break
            raise ValueError(f"'{text}': expected ',' or ')' at character {i + 1}")
        low, high = FUNCTIONS[name][:2] if name in FUNCTIONS else (0, 3)
        if not low <= len(args) <= high:
            raise ValueError(f"{name} takes {low}..{high} arguments, not {len(args)}")
        return cls(name, args), i

    @classmethod
    def _arg(cls, text: str, i: int) -> tuple[Any, int]:
        if text.startswith("States.", i):
            return cls._call(text, i)
        if text.startswith("$", i):
            depth, j, quote = 0, i, ""
            while j < len(text):
                ch = text[j]
                if quote:
                    if ch == "\\":
                        j += 1
                    elif ch == quote:
                        quote = ""
                elif ch in "'\"" and depth:
                    quote = ch
                elif ch == "[":
                    depth += 1
                elif ch == "]":
                    depth -= 1
                elif ch in ",)" and depth == 0:
                    break
                j += 1
            return parse_path(text[i:j].strip()), j
        match = _LITERAL.match(text, i)
        if match is None:
            raise ValueError(f"'{text}': expected an argument at character {i + 1}")
        if match.group(1) is not None:
            return ("literal", re.sub(r"\\(.)", r"\1", match.group(1))), match.end()
        if match.group(2) is not None:
            return ("literal", json.loads(match.group(2))), match.end()
        return ("literal", json.loads(match.group(3))), match.end()

    def run(self, value: Any, context: Any, rng: random.Random) -> Any:
        args = []
        for arg in self.args:
            if isinstance(arg, Intrinsic):
                args.append(arg.run(value, context, rng))
            elif isinstance(arg, Path):
                args.append(arg.select(value, context))
            else:
                args.append(arg[1])
        if self.name == "States.UUID":
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if self.name == "States.MathRandom":
            _need(len(args) >= 2 and is_int(args[0]) and is_int(args[1]), "MathRandom(int, int)")
            return rng.randrange(args[0], args[1]) if args[1] > args[0] else args[0]
        function = FUNCTIONS[self.name][2]
        try:
            return function(*args)
        except StatesError:
            raise
        except (TypeError, ValueError) as exc:
            raise StatesError(RUNTIME, f"{self.name}: {exc}") from None
