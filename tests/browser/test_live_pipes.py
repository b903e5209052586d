"""The pipe example live in the browser: the pipe's counters (events, failures, running
executions) come from the catalogue and end as the engine says headless, and tokens move
along the pipe's enrichment and target edges. Pages are read only through `data-*` hooks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from engine import Simulation, load_diagram
from tests.browser.test_live import (
    assert_counters_match,
    choose_speed,
    metrics,
    new_page,
    run_app,
    status,
)

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "engine/examples/pipes-order-enrichment.json").read_text())


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, sync_playwright_api) -> str:
    yield from run_app(tmp_path_factory.mktemp("live-pipes"))


def test_the_pipe_example_runs_live_as_it_does_headless(browser, app_url, tmp_path):
    page = new_page(browser, app_url, size=(1280, 720))
    page.goto("/api/diagrams/")
    listed = json.loads(page.locator("body").inner_text())
    example = next(d["id"] for d in listed if d["is_example"] and d["name"] == EXAMPLE["name"])
    page.goto(f"/diagrams/{example}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    pipe = page.locator('[data-node-id="order-pipe"]')
    expect(pipe).to_have_attribute("data-node-type", "pipes.pipe")
    expect(page.locator('[data-edge-id="enrich"]')).to_have_attribute(
        "data-edge-kind", "enrichment"
    )
    choose_speed(page, "10")
    page.locator('[data-action="run"]').click()
    expect(page.locator('[data-token][data-edge-id="put"]').first).to_be_attached(timeout=30_000)
    page.screenshot(path=str(Path(os.environ.get("EVENTYARD_SHOTS", tmp_path)) / "pipes.png"))
    choose_speed(page, "100")
    expect(status(page)).to_have_attribute("data-live-status", "finished", timeout=60_000)
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(until=EXAMPLE["sim"]["duration"])
    engine = {node: data["metrics"] for node, data in sim.report()["nodes"].items()}
    shown = metrics(page)
    assert {"order-pipe EventCount", "order-pipe ExecutionFailed"} <= set(shown)
    assert_counters_match(shown, engine)
    assert not page.script_errors, page.script_errors
    page.context.close()
