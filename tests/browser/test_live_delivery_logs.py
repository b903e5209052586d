"""The live panel's Logs tab ("Amazon SNS message delivery status"): while the
sns-delivery-status example runs, the tab lists each delivery-status log entry as
CloudWatch Logs shows it (log group, time, the JSON message), SUCCESS and FAILURE, and a
log group can be picked. The server is `tests/browser/test_live.py`'s; the expected counts
come from the engine run headless on the same document and seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from engine import Simulation, load_diagram
from tests.browser.test_live import app_url, example_named, owner_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "engine/examples/sns-delivery-status.json").read_text())
FAILURES = "sns/us-east-1/123456789012/payments/Failure"
SHOTS = Path("/tmp/eventyard-shots")


@pytest.fixture(scope="module")
def example_id(app_url) -> int:
    return example_named(app_url, EXAMPLE["name"])


@pytest.fixture
def owner(browser, app_url, example_id) -> Page:
    yield from owner_page(browser, app_url, example_id, size=(1280, 720))


def headless_logs() -> dict:
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(until=EXAMPLE["sim"]["duration"])
    return sim.report()["deliveryLogs"]


def test_the_logs_tab_lists_delivery_status_entries_as_cloudwatch_shows_them(owner):
    expected = headless_logs()
    owner.locator('[data-control="speed"]').select_option("10")
    owner.locator('[data-action="run"]').click()
    owner.locator('[data-live-tab="logs"]').click()
    pane = owner.locator("[data-delivery-logs]")
    expect(pane).to_be_visible()
    expect(pane.locator('[data-delivery-log="FAILURE"]').first).to_be_attached()
    SHOTS.mkdir(exist_ok=True)  # while it runs (the end-of-run summary covers the pane)
    owner.screenshot(path=str(SHOTS / "delivery-status-logs.png"))
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=60_000)
    count = pane.locator("[data-delivery-log-count]")
    expect(count).to_have_attribute("data-delivery-log-count", str(expected["entries"]))

    pane.locator("[data-delivery-log-group]").select_option(FAILURES)
    rows = pane.locator("[data-delivery-log]")
    expect(rows).to_have_count(min(expected["FAILURE"], 200))
    assert set(rows.evaluate_all("els => els.map(e => e.dataset.deliveryLog)")) == {"FAILURE"}
    assert set(rows.evaluate_all("els => els.map(e => e.dataset.logGroup)")) == {FAILURES}
    entry = json.loads(rows.first.locator("pre").text_content())
    assert entry["status"] == "FAILURE"
    assert entry["notification"]["topicArn"] == "arn:aws:sns:us-east-1:123456789012:payments"
    assert entry["delivery"]["statusCode"] == 503
    assert (
        entry["delivery"]["destination"] == "arn:aws:lambda:us-east-1:123456789012:function:notify"
    )
    assert set(entry["delivery"]) == {
        "deliveryId",
        "destination",
        "providerResponse",
        "dwellTimeMs",
        "attempts",
        "statusCode",
    }
