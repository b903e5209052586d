"""Live counters of the idempotent-consumer example (Powertools "Idempotency"; "Amazon SQS
at-least-once delivery"): while the run goes, each consumer shows how many records it
processed a second time (`twice`) and how many its store let it skip (`skipped`), and the
stores show what they served; at the end the numbers are the headless engine's."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from engine import Simulation, load_diagram
from tests.browser.test_live import app_url, metrics, owner_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/eventyard-shots")
EXAMPLE = json.loads((ROOT / "engine/examples/idempotent-consumer.json").read_text())


@pytest.fixture(scope="module")
def example_id(app_url) -> int:
    with urllib.request.urlopen(f"{app_url}/api/diagrams/", timeout=10) as answer:
        diagrams = json.load(answer)
    return next(d["id"] for d in diagrams if d["is_example"] and d["name"] == EXAMPLE["name"])


@pytest.fixture
def owner(browser, app_url, example_id) -> Page:
    yield from owner_page(browser, app_url, example_id, size=(1280, 720))


def test_consumers_show_duplicates_processed_twice_or_skipped(owner):
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(until=EXAMPLE["sim"]["duration"])
    report = sim.report()["nodes"]
    owner.locator('[data-control="speed"]').select_option("max")
    owner.locator('[data-action="run"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=60_000)
    # the example's goals (sim.goals): decided as the run ends, as `simulate --check` says
    goals = owner.locator("[data-live-goals] [data-goal]")
    expect(goals).to_have_count(3)
    plain = owner.locator('[data-goal="no order charged twice (no store)"]')
    expect(plain).to_have_attribute("data-goal-state", "failed")
    expect(plain).to_contain_text("(20)")
    for store in ("table", "cache"):
        goal = owner.locator(f'[data-goal="no order charged twice ({store})"]')
        expect(goal).to_have_attribute("data-goal-state", "passed")
    shown = metrics(owner)
    SHOTS.mkdir(exist_ok=True)
    owner.screenshot(path=str(SHOTS / "idempotent-consumer.png"))
    twice = report["charge-plain"]["metrics"]["ProcessedMoreThanOnce"]
    assert twice > 0
    assert shown["charge-plain ProcessedMoreThanOnce"] == str(twice)
    assert shown["charge-plain DuplicatesSkipped"] == "0"
    for consumer in ("charge-table", "charge-fleet"):
        assert shown[f"{consumer} ProcessedMoreThanOnce"] == "0"
        skipped = report[consumer]["metrics"]["DuplicatesSkipped"]
        assert skipped > 0 and shown[f"{consumer} DuplicatesSkipped"] == str(skipped)
    table = report["processed-orders"]["metrics"]
    assert shown["processed-orders ConditionalCheckFailedRequests"] == str(
        table["ConditionalCheckFailedRequests"]
    )
    assert shown["processed-cache GetHits"] == str(report["processed-cache"]["metrics"]["GetHits"])
