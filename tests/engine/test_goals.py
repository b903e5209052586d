"""Goals (contract section 8): `sim.goals` checked with paths, sampled once a simulated
second, decided early where a running max or min settles them, and reported."""

from __future__ import annotations

import pytest

from engine import DiagramError, Simulation, load_diagram
from tests.engine.builders import burst, diagram, event_source, fixed_ms, function, publish, queue


def _doc(*goals: dict, duration: float = 30) -> dict:
    doc = diagram(
        [
            burst("p", 20, start=2),
            queue("q", VisibilityTimeout=60),
            function("f", {"Timeout": 10}, duration=fixed_ms(4000)),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    doc["sim"] = {"seed": 1, "duration": duration, "goals": list(goals)}
    return doc


def _goal(name, metric, op, value, stat=None):
    goal = {"name": name, "metric": metric, "op": op, "value": value}
    if stat:
        goal["stat"] = stat
    return goal


def _run(doc, until=None):
    sim = Simulation(load_diagram(doc))
    sim.run(until if until is not None else doc["sim"]["duration"])
    return sim


def test_goals_are_reported_with_their_values():
    sim = _run(
        _doc(
            _goal("drained", "q.ApproximateNumberOfMessagesVisible", "==", 0),
            _goal("backlog peaked", "q.ApproximateNumberOfMessagesVisible", ">=", 10, "max"),
            _goal("average backlog small", "q.ApproximateNumberOfMessagesVisible", "<", 1, "avg"),
            _goal("nothing lost", "ledger.unaccounted", "==", 0),
            _goal("all deleted", "ledger.deleted", "==", 20),
        )
    )
    goals = {g["name"]: g for g in sim.report()["goals"]}
    peak = goals["backlog peaked"]
    assert peak["passed"] and 10 <= peak["value"] <= 20 and isinstance(peak["value"], int)
    assert goals["average backlog small"]["passed"] is False
    assert goals["average backlog small"]["value"] >= 1
    assert goals["nothing lost"]["passed"] and goals["nothing lost"]["value"] == 0
    drained = goals["drained"]
    deleted = goals["all deleted"]
    assert drained["passed"] == (drained["value"] == 0)
    assert deleted["value"] == sim.ledger()["deleted"]
    assert list(goals) == [
        "drained",
        "backlog peaked",
        "average backlog small",
        "nothing lost",
        "all deleted",
    ]


def test_a_report_without_goals_has_no_goals_section():
    doc = _doc()
    del doc["sim"]["goals"]
    assert "goals" not in _run(doc).report()


def test_a_running_max_settles_a_goal_before_the_end():
    doc = _doc(
        _goal("peaks", "q.ApproximateNumberOfMessagesVisible", ">", 5, "max"),
        _goal("stays low", "q.ApproximateNumberOfMessagesVisible", "<=", 5, "max"),
        _goal("drains", "q.ApproximateNumberOfMessagesVisible", "==", 0),
    )
    sim = Simulation(load_diagram(doc))
    sim.run(1.5)
    assert [s["state"] for s in sim.goal_states()] == ["pending", "pending", "pending"]
    sim.run(4)
    states = {s["name"]: s["state"] for s in sim.goal_states()}
    assert states == {"peaks": "passed", "stays low": "failed", "drains": "pending"}


def test_goals_are_the_same_headless_or_stepped():
    doc = _doc(_goal("avg", "f.ConcurrentExecutions", ">", 0, "avg"))
    headless = _run(doc).report()["goals"]
    stepped = Simulation(load_diagram(doc))
    for _ in range(600):
        stepped.advance(0.05)
    assert stepped.report()["goals"] == headless


@pytest.mark.parametrize(
    ("goal", "path", "code"),
    [
        (_goal("x", "nope.Errors", "==", 0), "sim.goals[0].metric", "unknown_node"),
        (_goal("x", "f.Nonsense", "==", 0), "sim.goals[0].metric", "unknown_metric"),
        (_goal("x", "ledger.lost", "==", 0), "sim.goals[0].metric", "unknown_metric"),
        (_goal("x", "fErrors", "==", 0), "sim.goals[0].metric", "invalid_value"),
        (_goal("x", "f.Errors", "=<", 0), "sim.goals[0].op", "invalid_choice"),
        (_goal("x", "f.Errors", "==", "zero"), "sim.goals[0].value", "invalid_type"),
        (_goal("x", "f.Errors", "==", 0, "p99"), "sim.goals[0].stat", "invalid_choice"),
        (_goal("", "f.Errors", "==", 0), "sim.goals[0].name", "invalid_value"),
        (
            {"name": "x", "metric": "f.Errors", "op": "==", "value": 0, "when": 3},
            "sim.goals[0].when",
            "unknown_field",
        ),
        ({"name": "x", "metric": "f.Errors", "op": "=="}, "sim.goals[0].value", "required"),
    ],
)
def test_a_bad_goal_is_a_problem_with_its_path(goal, path, code):
    with pytest.raises(DiagramError) as error:
        load_diagram(_doc(goal))
    assert (path, code) in {(p.path, p.code) for p in error.value.problems}


def test_goal_names_are_unique_and_goals_a_list():
    twice = _goal("same", "f.Errors", "==", 0)
    with pytest.raises(DiagramError) as error:
        load_diagram(_doc(twice, twice))
    assert ("sim.goals[1].name", "duplicate") in {(p.path, p.code) for p in error.value.problems}
    doc = _doc()
    doc["sim"]["goals"] = {"name": "x"}
    with pytest.raises(DiagramError) as error:
        load_diagram(doc)
    assert error.value.problems[0].path == "sim.goals"
