"""Duration distributions of the contract (`{"dist": "fixed", "ms": 100}`, ...).

Every draw comes from the run's seeded random stream, in milliseconds, never negative.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from engine.core.errors import Problem, join_path
from engine.core.values import is_number, show

# Each distribution: its required parameters (all numbers, all >= 0 unless noted).
SHAPES: dict[str, tuple[str, ...]] = {
    "fixed": ("ms",),
    "uniform": ("min", "max"),
    "normal": ("mean", "stddev"),
    "lognormal": ("median", "sigma"),
}


def check_duration(value: Any, path: str) -> list[Problem]:
    """Problems with a duration field; a bare number is accepted as fixed milliseconds."""
    if is_number(value):
        return (
            []
            if value >= 0
            else [Problem(path, "out_of_range", f"{value} is negative; durations are >= 0 ms")]
        )
    if not isinstance(value, dict):
        return [
            Problem(
                path,
                "invalid_duration",
                f"{show(value)} is not a duration; use a number of ms or "
                '{"dist": "fixed", "ms": 100}',
            )
        ]
    dist = value.get("dist")
    if not isinstance(dist, str) or dist not in SHAPES:
        return [
            Problem(
                join_path(path, "dist"),
                "invalid_choice",
                f"{show(dist)} is not one of {', '.join(SHAPES)}",
            )
        ]
    problems = []
    wanted = SHAPES[dist]
    for key in value:
        if key != "dist" and key not in wanted:
            problems.append(
                Problem(
                    join_path(path, key),
                    "unknown_field",
                    f"'{key}' is not a parameter of a {dist} duration; "
                    f"it takes {', '.join(wanted)}",
                )
            )
    for key in wanted:
        number = value.get(key)
        if not is_number(number) or number < 0:
            problems.append(
                Problem(
                    join_path(path, key), "invalid_number", f"{show(number)} must be a number >= 0"
                )
            )
    if dist == "uniform" and not problems and value["min"] > value["max"]:
        problems.append(
            Problem(
                join_path(path, "min"),
                "out_of_range",
                f"min {value['min']} is greater than max {value['max']}",
            )
        )
    return problems


Sampler = Callable[[random.Random], float]


def sampler(spec: Any) -> Sampler:
    """A draw function for a checked duration spec, built once: draws are on hot paths."""
    if is_number(spec):
        fixed = float(spec)
        return lambda rng: fixed
    dist = spec["dist"]
    if dist == "fixed":
        fixed = float(spec["ms"])
        return lambda rng: fixed
    if dist == "uniform":
        low, high = spec["min"], spec["max"]
        return lambda rng: rng.uniform(low, high)
    if dist == "normal":
        mean, stddev = spec["mean"], spec["stddev"]
        return lambda rng: max(0.0, rng.gauss(mean, stddev))
    median, sigma = spec["median"], spec["sigma"]
    return lambda rng: median * math.exp(rng.gauss(0.0, sigma))


def mean_ms(spec: Any) -> float:
    """The mean of a valid duration: what a consumer takes on average."""
    if is_number(spec):
        return float(spec)
    dist = spec["dist"]
    if dist == "fixed":
        return float(spec["ms"])
    if dist == "uniform":
        return (spec["min"] + spec["max"]) / 2.0
    if dist == "normal":
        return float(spec["mean"])
    return spec["median"] * math.exp(spec["sigma"] ** 2 / 2.0)
