"""`sim.goals` (contract section 8): each goal checked with its path, against the nodes of
the diagram and the metrics their types report (`NodeSpec.metrics`) or the ledger's
buckets. The run keeps the samples a goal needs (`runtime.goals`)."""

from __future__ import annotations

import math
from typing import Any

from engine.core.diagram import GOAL_OPS, GOAL_STATS, Goal, Node
from engine.core.errors import Problem, join_path
from engine.core.values import is_number, show
from engine.runtime.recorder import ENDINGS, HELD

GOAL_KEYS = ("name", "metric", "stat", "op", "value")
LEDGER_BUCKETS = ("produced", "copies", *ENDINGS, *HELD, "unaccounted")
MAX_GOALS = 50
MAX_NAME = 100


def load_goals(raw: Any, nodes: dict[str, Node], problems: list[Problem]) -> tuple[Goal, ...]:
    """The goals of `sim.goals` (absent: none); every problem added with its path."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem("sim.goals", "invalid_type", "goals must be a list of goals"))
        return ()
    if len(raw) > MAX_GOALS:
        problems.append(
            Problem("sim.goals", "too_many", f"{len(raw)} goals; a diagram has at most {MAX_GOALS}")
        )
        return ()
    goals, names = [], set()
    for index, item in enumerate(raw):
        path = f"sim.goals[{index}]"
        before = len(problems)
        goal = _load_goal(item, path, index, nodes, problems)
        if goal is not None and goal.name in names:
            problems.append(
                Problem(
                    join_path(path, "name"), "duplicate", f"another goal is named '{goal.name}'"
                )
            )
        if goal is not None and len(problems) == before:
            names.add(goal.name)
            goals.append(goal)
    return tuple(goals)


def _load_goal(
    item: Any, path: str, index: int, nodes: dict[str, Node], problems: list[Problem]
) -> Goal | None:
    if not isinstance(item, dict):
        problems.append(
            Problem(path, "invalid_type", "a goal is an object: name, metric, op, value")
        )
        return None
    for key in item:
        if key not in GOAL_KEYS:
            problems.append(
                Problem(
                    join_path(path, key),
                    "unknown_field",
                    f"'{key}' is not a goal field; allowed: {', '.join(GOAL_KEYS)}",
                )
            )
    for key in ("name", "metric", "op", "value"):
        if key not in item:
            problems.append(Problem(join_path(path, key), "required", f"a goal needs its {key}"))
    name, metric = item.get("name"), item.get("metric")
    stat, op, value = item.get("stat", "end"), item.get("op"), item.get("value")
    if "name" in item and (not isinstance(name, str) or not 0 < len(name.strip()) <= MAX_NAME):
        problems.append(
            Problem(
                join_path(path, "name"), "invalid_value", f"a name is 1 to {MAX_NAME} characters"
            )
        )
    if "metric" in item:
        _check_metric(metric, join_path(path, "metric"), nodes, problems)
    if stat not in GOAL_STATS:
        problems.append(
            Problem(
                join_path(path, "stat"),
                "invalid_choice",
                f"{show(stat)} is not one of {', '.join(GOAL_STATS)}",
            )
        )
    if "op" in item and op not in GOAL_OPS:
        problems.append(
            Problem(
                join_path(path, "op"),
                "invalid_choice",
                f"{show(op)} is not one of {' '.join(GOAL_OPS)}",
            )
        )
    if "value" in item and (
        not is_number(value) or isinstance(value, bool) or not math.isfinite(value)
    ):
        problems.append(
            Problem(join_path(path, "value"), "invalid_type", f"{show(value)} is not a number")
        )
    try:
        return Goal(name=name, metric=metric, stat=stat, op=op, value=float(value), index=index)
    except (TypeError, ValueError):
        return None


def _check_metric(metric: Any, path: str, nodes: dict[str, Node], problems: list[Problem]) -> None:
    if not isinstance(metric, str) or "." not in metric:
        problems.append(
            Problem(
                path,
                "invalid_value",
                f"{show(metric)} is not '<node id>.<MetricName>' or 'ledger.<bucket>'",
            )
        )
        return
    head, _, name = metric.partition(".")
    if head == "ledger":
        if name not in LEDGER_BUCKETS:
            problems.append(
                Problem(
                    path,
                    "unknown_metric",
                    f"'{name}' is not a ledger bucket; one of {', '.join(LEDGER_BUCKETS)}",
                )
            )
        return
    node = nodes.get(head)
    if node is None:
        problems.append(Problem(path, "unknown_node", f"'{head}' is not a node of this diagram"))
        return
    reported = node.spec.metrics if node.spec is not None else ()
    if name not in reported:
        problems.append(
            Problem(
                path,
                "unknown_metric",
                f"a {node.type} reports no metric '{name}'; it reports {', '.join(reported)}",
            )
        )
