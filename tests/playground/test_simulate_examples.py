"""`manage.py simulate` on every shipped example: a report on stdout, the ledger closed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

import engine

EXAMPLES = sorted((Path(engine.__file__).resolve().parent / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_simulate_prints_a_closed_report_for_each_example(path, tmp_path):
    out = io.StringIO()
    trace = tmp_path / "trace.jsonl"
    call_command("simulate", str(path), "--trace", str(trace), stdout=out)
    report = json.loads(out.getvalue())
    assert report["format"] == "eventyard-report/1"
    assert report["ledger"]["unaccounted"] == 0
    lines = trace.read_text().splitlines()
    assert len(lines) == report["events"]
    times = [json.loads(line)["t"] for line in lines]
    assert times == sorted(times)


def test_seed_and_duration_options_override_the_document(tmp_path):
    path = EXAMPLES[0]
    out = io.StringIO()
    call_command("simulate", str(path), "--seed", "9", "--duration", "5", stdout=out)
    report = json.loads(out.getvalue())
    assert report["seed"] == 9 and report["duration"] == 5.0
