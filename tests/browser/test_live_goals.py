"""Goals from the live page (contract section 8): "make this a goal" beside a chart
metric adds a goal to the diagram (editable in the Diagram panel, saved), and the next run
shows it pending, then passed or failed."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_node, diagram_id, drop, new_diagram, saved, wire
from tests.browser.test_live import app_url, new_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]


def test_a_chart_metric_becomes_a_goal_the_next_run_checks(browser, app_url):
    page = new_page(browser, app_url, size=(1280, 720))
    new_diagram(page)
    drop(page, "producer", 140, 140)
    drop(page, "sqs.queue", 440, 140)
    wire(page, "producer", "queue")
    saved(page)
    pk = diagram_id(page)

    page.locator('[data-control="speed"]').select_option("max")
    page.locator('[data-action="run"]').click()
    expect(status(page)).to_have_attribute("data-live-status", "finished", timeout=60_000)
    page.locator('[data-live-summary] [aria-label="Hide the summary"]').click()
    click_node(page, "queue")
    make = page.locator('[data-make-goal="ApproximateNumberOfMessagesVisible"]')
    expect(make).to_be_visible()
    make.click()
    saved(page)
    goals = page.request.get(f"/api/diagrams/{pk}/").json()["document"]["sim"]["goals"]
    assert goals == [
        {
            "name": "queue ApproximateNumberOfMessagesVisible",
            "metric": "queue.ApproximateNumberOfMessagesVisible",
            "stat": "max",
            "op": "<=",
            "value": goals[0]["value"],
        }
    ]
    assert goals[0]["value"] > 0  # nothing reads the queue: it holds what was sent

    # the Diagram panel shows the goals as JSON, to edit
    page.locator("[data-canvas]").click(position={"x": 600, "y": 20})
    field = page.locator('[data-field="sim.goals"]')
    expect(field).to_be_visible()
    assert (
        json.loads(field.input_value())[0]["metric"] == "queue.ApproximateNumberOfMessagesVisible"
    )

    # the next run shows the goal as the run decides it: a queue nobody reads keeps growing
    page.locator('[data-action="reset"]').click()
    page.locator('[data-action="run"]').click()
    goal = page.locator('[data-goal="queue ApproximateNumberOfMessagesVisible"]')
    expect(status(page)).to_have_attribute("data-live-status", "finished", timeout=60_000)
    expect(goal).to_have_attribute("data-goal-state", "passed")
    page.screenshot(path="/tmp/eventyard-shots/live-goals.png")
    assert not page.script_errors, page.script_errors
    page.context.close()
