"""Payload templates: a producer's `payload` with `{{...}}` placeholders, rendered per message.

Placeholders: `{{seq}}`, `{{uuid}}`, `{{now}}`, `{{int A B}}`, `{{float A B}}` (two decimals),
`{{choice a b c}}`. A string that is exactly one placeholder takes the placeholder's type
(`"{{int 1 5}}"` renders as a number). Randomness comes from the run's seeded stream.
Templates are compiled once, at load time, into render functions.
"""

from __future__ import annotations

import math
import random
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from engine.core.errors import Problem, join_path

# Simulated time 0 is this instant; `{{now}}` and every timestamp the engine writes use it.
SIM_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")

Renderer = Callable[[int, float, random.Random], Any]


_SECONDS: dict[int, str] = {}


def iso_time(t: float) -> str:
    """Simulated time `t` (seconds) as ISO-8601 UTC with milliseconds, as AWS writes it."""
    micros = round(t * 1_000_000)
    whole, fraction = divmod(micros, 1_000_000)
    prefix = _SECONDS.get(whole)
    if prefix is None:
        if len(_SECONDS) > 100_000:
            _SECONDS.clear()
        moment = SIM_EPOCH + timedelta(seconds=whole)
        prefix = _SECONDS[whole] = moment.strftime("%Y-%m-%dT%H:%M:%S.")
    return f"{prefix}{fraction // 1000:03d}Z"


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is not a finite number")
    return int(value) if value.is_integer() and "." not in text else value


def _compile_placeholder(expr: str) -> Renderer:
    """A renderer for one placeholder's text, or ValueError saying what is wrong."""
    name, *args = expr.split()
    if name == "seq" and not args:
        return lambda seq, now, rng: seq
    if name == "uuid" and not args:
        return lambda seq, now, rng: str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if name == "now" and not args:
        return lambda seq, now, rng: iso_time(now)
    if name in ("int", "float") and len(args) == 2:
        low, high = (_number(a) for a in args)
        if low > high:
            raise ValueError(f"{{{{{expr}}}}}: {low} is greater than {high}")
        if name == "int":
            lo, hi = int(low), int(high)
            return lambda seq, now, rng: rng.randint(lo, hi)
        return lambda seq, now, rng: round(rng.uniform(low, high), 2)
    if name == "choice" and args:
        options = tuple(args)
        return lambda seq, now, rng: rng.choice(options)
    raise ValueError(
        f"'{{{{{expr}}}}}' is not a placeholder; use seq, uuid, now, int A B, float A B "
        "or choice a b c"
    )


def _compile_string(text: str) -> Renderer | str:
    parts = PLACEHOLDER.split(text)
    if len(parts) == 1:
        return text
    if len(parts) == 3 and parts[0] == "" and parts[2] == "":
        return _compile_placeholder(parts[1])
    pieces: list[Renderer | str] = []
    for i, part in enumerate(parts):
        if i % 2:
            pieces.append(_compile_placeholder(part))
        elif part:
            pieces.append(part)

    def render(seq: int, now: float, rng: random.Random) -> str:
        return "".join(p if isinstance(p, str) else str(p(seq, now, rng)) for p in pieces)

    return render


def compile_template(value: Any) -> Renderer:
    """Compile any JSON value; raises ValueError naming the first bad placeholder."""
    if isinstance(value, str):
        compiled = _compile_string(value)
        if isinstance(compiled, str):
            return lambda seq, now, rng: compiled
        return compiled
    if isinstance(value, dict):
        items = [(k, compile_template(v)) for k, v in value.items()]
        return lambda seq, now, rng: {k: r(seq, now, rng) for k, r in items}
    if isinstance(value, list):
        renderers = [compile_template(v) for v in value]
        return lambda seq, now, rng: [r(seq, now, rng) for r in renderers]
    return lambda seq, now, rng: value


def check_template(value: Any, path: str) -> list[Problem]:
    """Problems with every placeholder in a template, each with its path."""
    if isinstance(value, str):
        try:
            compile_template(value)
        except ValueError as err:
            return [Problem(path, "invalid_template", str(err))]
        return []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in check_template(v, join_path(path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in check_template(v, join_path(path, i))]
    return []
