"""The live panel's States tab (Step Functions): while the step-functions-order-workflow
example runs, its states are listed in definition order with the executions in each, as
the server counts them; paused at a moment, the counts are the headless engine's at that
moment, and at the end the executions line is the report's. The server is
`tests/browser/test_live.py`'s; the page is read through `data-*`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from engine import Simulation, load_diagram
from tests.browser.helpers import drop, new_diagram, saved, wire
from tests.browser.test_live import app_url, example_named, new_page, owner_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "engine/examples/step-functions-order-workflow.json").read_text())
SHOTS = Path("/tmp/eventyard-shots")


@pytest.fixture(scope="module")
def example_id(app_url) -> int:
    return example_named(app_url, EXAMPLE["name"])


@pytest.fixture
def owner(browser, app_url, example_id) -> Page:
    yield from owner_page(browser, app_url, example_id, size=(1280, 720))


def shown_counts(page: Page) -> dict[str, int]:
    rows = page.locator("[data-live-states] [data-sfn-state]")
    pairs = rows.evaluate_all("els => els.map(e => [e.dataset.sfnState, e.dataset.sfnCount])")
    return {name: int(count) for name, count in pairs}


def test_the_states_tab_shows_where_the_executions_are(owner):
    definition = EXAMPLE["nodes"][3]["props"]["Definition"]
    owner.locator('[data-control="speed"]').select_option("10")
    owner.locator('[data-action="run"]').click()
    tab = owner.locator('[data-live-tab="states"]')
    expect(tab).to_be_visible()
    tab.click()
    pane = owner.locator("[data-live-states]")
    expect(pane).to_be_visible()
    expect(pane).to_have_attribute("data-sfn-machine", "workflow")
    names = list(shown_counts(owner))
    assert names[:4] == ["Validate", "Big order?", "Wait for review", "Fulfil"]
    assert {"Charge", "Reserve items", "Reserve", "Order failed"} <= set(names)
    assert len(names) == 11  # every state, branches and the Map's processor included
    assert set(definition["States"]) <= set(names)
    # some execution is seen in a state while the run goes (orders wait 30 s for review)
    expect(pane.locator(".live-sfn-state.active").first).to_be_attached(timeout=30_000)
    SHOTS.mkdir(exist_ok=True)
    owner.screenshot(path=str(SHOTS / "live-states.png"))

    owner.locator('[data-action="pause"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    at = float(owner.locator("[data-live-time]").get_attribute("data-live-time"))
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(at)
    expected = sim.node_states()["workflow"]
    counts = shown_counts(owner)
    assert {k: v for k, v in counts.items() if v} == expected

    owner.locator('[data-action="resume"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=90_000)
    sim.run(EXAMPLE["sim"]["duration"])
    m = sim.report()["nodes"]["workflow"]["metrics"]
    line = (
        f"{m['OpenExecutionCount']} running · {m['ExecutionsSucceeded']} succeeded · "
        f"{m['ExecutionsFailed']} failed · {m['ExecutionsTimedOut']} timed out"
    )
    expect(pane.locator("[data-sfn-summary]")).to_have_text(line)


def test_the_tab_is_hidden_without_a_state_machine(browser, app_url):
    page = new_page(browser, app_url, size=(1280, 720))
    new_diagram(page)
    drop(page, "producer", 140, 140)
    drop(page, "sqs.queue", 440, 140)
    wire(page, "producer", "queue")
    saved(page)
    page.locator('[data-action="run"]').click()
    expect(page.locator("[data-live-bar], .live-bar").first).to_be_visible()
    expect(page.locator('[data-live-tab="journey"]')).to_be_visible()
    expect(page.locator('[data-live-tab="states"]')).to_be_hidden()
    assert not page.script_errors, page.script_errors
    page.context.close()
