"""Goals during a run: one sample of each metric a goal names at the end of every simulated
second, and each goal's state from them (contract section 8).

A goal on `end` is decided when the run ends. A goal on `max` or `min` can be decided
before: once the highest value so far is above a `<` bound it has failed for good, once it
reaches a `>` bound it has passed for good (and the other way round for `min`); until then,
and for `avg`, `==` and `!=`, it is pending. The samples are taken after every other event
of their second (`SAMPLE` comes last among events due at the same instant), so a headless
run and one stepped live take the same samples.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from engine.core.diagram import Goal
from engine.runtime.kernel import SAMPLE, Kernel

COMPARE: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
PENDING, PASSED, FAILED = "pending", "passed", "failed"


class Series:
    """The samples of one metric: how many, their sum, the lowest and highest."""

    __slots__ = ("count", "total", "low", "high")

    def __init__(self) -> None:
        self.count, self.total = 0, 0.0
        self.low: float | None = None
        self.high: float | None = None

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        self.low = value if self.low is None else min(self.low, value)
        self.high = value if self.high is None else max(self.high, value)

    def stat(self, stat: str) -> float | None:
        if not self.count:
            return None
        if stat == "max":
            return self.high
        if stat == "min":
            return self.low
        return self.total / self.count


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


class GoalTracker:
    """Invariant: every metric a goal names has one sample per whole simulated second
    passed (from 1 s on)."""

    def __init__(self, kernel: Kernel, goals: tuple[Goal, ...], read: Callable[[str], Any]):
        self.kernel, self.goals, self.read = kernel, goals, read
        self.series = {goal.metric: Series() for goal in goals}
        kernel.at(1.0, SAMPLE, self._sample)

    def _sample(self) -> None:
        for metric, series in self.series.items():
            value = _number(self.read(metric))
            if value is not None:
                series.add(value)
        self.kernel.at(self.kernel.now + 1.0, SAMPLE, self._sample)

    def value(self, goal: Goal, *, ended: bool) -> float | None:
        if goal.stat == "end":
            return _number(self.read(goal.metric)) if ended else None
        return self.series[goal.metric].stat(goal.stat)

    def state(self, goal: Goal, *, ended: bool = False) -> str:
        value = self.value(goal, ended=ended)
        if ended:
            return PASSED if value is not None and COMPARE[goal.op](value, goal.value) else FAILED
        if value is None:
            return PENDING
        holds = COMPARE[goal.op](value, goal.value)
        # the running max only grows and the running min only falls
        if goal.stat == "max" and goal.op in ("<", "<="):
            return PENDING if holds else FAILED
        if goal.stat == "max" and goal.op in (">", ">="):
            return PASSED if holds else PENDING
        if goal.stat == "min" and goal.op in (">", ">="):
            return PENDING if holds else FAILED
        if goal.stat == "min" and goal.op in ("<", "<="):
            return PASSED if holds else PENDING
        return PENDING

    def states(self, *, ended: bool = False) -> list[dict[str, Any]]:
        """`[{"name", "state", "value"}]`, in the document's order."""
        return [
            {
                "name": g.name,
                "state": self.state(g, ended=ended),
                "value": self.value(g, ended=ended),
            }
            for g in self.goals
        ]

    def results(self) -> list[dict[str, Any]]:
        """The report's `goals`: `[{"name", "passed", "value"}]` as the run ends."""
        return [
            {
                "name": g.name,
                "passed": self.state(g, ended=True) == PASSED,
                "value": _round(self.value(g, ended=True)),
            }
            for g in self.goals
        ]


def _round(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)
