"""Processing-time windows as Apache Flink assigns them ("Windows", DataStream API):
tumbling windows of `size` aligned to multiples of it, sliding windows of `size` starting
every `slide`, and session windows per key that close after `gap` seconds without a record.
A window keeps one aggregate per key (count, sum, avg, min or max of a payload field)."""

from __future__ import annotations

import math
from typing import Any

from engine.core.values import is_number

MISSING = object()


def path_value(payload: Any, path: str) -> Any:
    """The value at a dotted path of a payload, or MISSING."""
    value = payload
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return MISSING
        value = value[part]
    return value


class Aggregate:
    """One key's running aggregate in one window: `count` counts every record; the others
    take the field's numeric values and skip the rest (as SQL aggregates skip NULL)."""

    __slots__ = ("op", "count", "values", "total", "low", "high")

    def __init__(self, op: str):
        self.op = op
        self.count = self.values = 0
        self.total = 0.0
        self.low = self.high = None

    def add(self, value: Any) -> None:
        self.count += 1
        if self.op == "count" or not is_number(value) or isinstance(value, bool):
            return
        self.values += 1
        self.total += value
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)

    def result(self) -> Any:
        if self.op == "count":
            return self.count
        if self.op == "sum":
            return self.total
        if self.op == "avg":
            return self.total / self.values if self.values else None
        return self.low if self.op == "min" else self.high


def windows_of(window: dict[str, Any], t: float) -> list[tuple[float, float]]:
    """The (start, end) of each tumbling or sliding window that holds processing time `t`."""
    size = float(window["size"])
    if window["type"] == "tumbling":
        start = math.floor(t / size) * size
        return [(start, start + size)]
    slide = float(window["slide"])
    found = []
    k = math.floor(t / slide)
    while k * slide > t - size:
        found.append((k * slide, k * slide + size))
        k -= 1
    return found[::-1]
