"""`manage.py simulate DIAGRAM.json --check`: a diagram with goals is an architecture test:
one line per goal, exit 0 when all hold, 1 when one fails, 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "engine" / "examples" / "order-queue-dlq.json"


def _with_goals(tmp_path, *goals: dict) -> Path:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["sim"]["goals"] = list(goals)
    path = tmp_path / "goals.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


DLQ = {
    "name": "poison order reaches the DLQ",
    "metric": "orders-dlq.ApproximateNumberOfMessagesVisible",
    "op": ">=",
    "value": 1,
}
NO_ERRORS = {"name": "no errors", "metric": "process.Errors", "op": "==", "value": 0}


def test_all_goals_holding_exits_0_with_one_line_each(run_manage, tmp_path):
    lost = {"name": "nothing lost", "metric": "ledger.unaccounted", "op": "==", "value": 0}
    result = run_manage("simulate", str(_with_goals(tmp_path, DLQ, lost)), "--check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "PASS poison order reaches the DLQ: orders-dlq.ApproximateNumberOfMessagesVisible >= 1 "
        "(was 1)",
        "PASS nothing lost: ledger.unaccounted == 0 (was 0)",
    ]


def test_a_failing_goal_exits_1(run_manage, tmp_path):
    result = run_manage("simulate", str(_with_goals(tmp_path, DLQ, NO_ERRORS)), "--check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("PASS ") and lines[1].startswith("FAIL no errors: process.Errors")


def test_check_without_goals_or_with_a_bad_goal_exits_2(run_manage, tmp_path):
    none = run_manage("simulate", str(EXAMPLE), "--check")
    assert none.returncode == 2
    assert none.stderr.splitlines() == [f"{EXAMPLE}: sim.goals: the diagram has no goals to check"]
    bad = {**NO_ERRORS, "metric": "process.Nonsense"}
    result = run_manage("simulate", str(_with_goals(tmp_path, bad)), "--check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("sim.goals[0].metric: a lambda.function reports no metric")


def test_the_report_carries_the_goals(run_manage, tmp_path):
    result = run_manage("simulate", str(_with_goals(tmp_path, DLQ, NO_ERRORS)))
    assert result.returncode == 0
    goals = json.loads(result.stdout)["goals"]
    assert [(g["name"], g["passed"]) for g in goals] == [
        ("poison order reaches the DLQ", True),
        ("no errors", False),
    ]
