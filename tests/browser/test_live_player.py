"""The live player for a classroom (README "Live runs"), at 1280x720 on a real server: the
example's recommended speed, skip to the next event and the seek bar (the DLQ moment at
t = 93 s without waiting), a late joiner seeing the story so far, the end-of-run summary
and the comparison with the previous run, runs closing with their page, and a refused
run saying what to do with a button. The server is `tests/browser/test_live.py`'s
(`manage.py playground` on a free port, stopped by its pid); expected numbers come from
the engine run headless on the same document and seed; pages are read through `data-*`.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from engine import Simulation, load_diagram
from playground.runs.stepping import Stepper
from tests.browser.helpers import click_node, set_prop
from tests.browser.test_live import (
    EXAMPLE,
    VISIBLE,
    app_url,
    example_id,
    metrics,
    owner_page,
    run_app,
    status,
)
from tests.browser.test_live import new_page as live_page

pytestmark = pytest.mark.e2e
__all__ = ["app_url", "example_id"]  # the shared server and example, as fixtures here

SHOTS = "/tmp/eventyard-shots"
DLQ_MOMENT = 93.0  # the poison message's third failed receive (the engine says so)


SCREEN = (1280, 720)


def new_page(browser, app_url) -> Page:
    return live_page(browser, app_url, size=SCREEN)


@pytest.fixture
def owner(browser, app_url, example_id) -> Page:
    yield from owner_page(browser, app_url, example_id, size=SCREEN)


def headless(until: float) -> Simulation:
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(until=until)
    return sim


def live_time(page: Page) -> float:
    return float(page.locator("[data-live-time]").get_attribute("data-live-time"))


def seek_by_click(page: Page, fraction: float) -> None:
    """Clicks the seek bar at a fraction of its width (a real click, as a user would)."""
    bar = page.locator('[data-control="seek"]')
    box = bar.bounding_box()
    bar.click(position={"x": box["width"] * fraction, "y": box["height"] / 2})


def wait_time(page: Page, test: str) -> None:
    page.wait_for_function(
        f"() => {{ const v = Number(document.querySelector('[data-live-time]')"
        f"?.dataset.liveTime); return {test}; }}"
    )


def wait_events(page: Page, count: int) -> None:
    """Until the run has counted `count` events, with no error shown."""
    page.wait_for_function(
        f"() => Number(document.querySelector('[data-live-events]')?.dataset.liveEvents)"
        f" === {count} && document.querySelectorAll('[data-live-errors] li').length === 0"
    )


def shown_counters_match(page: Page, at: float) -> None:
    engine = headless(at).node_metrics()
    shown = metrics(page)
    for key, text in shown.items():
        node, name = key.split(" ")
        value = engine[node].get(name)
        if isinstance(value, int):
            assert int(text) == value, (key, text, value)


def test_the_example_runs_at_its_speed_and_seek_reaches_the_dlq_moment(owner):
    owner.locator('[data-action="step"]').click()  # a run, paused after one event
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    assert owner.locator('[data-control="speed"]').input_value() == "5"  # sim.speed
    expect(owner.locator("[data-live-speed-shown]")).to_have_text("5×")

    seek_by_click(owner, 0.75)  # t = 135 s of 180: past the DLQ moment
    wait_time(owner, "v > 120 && v < 150")
    at = live_time(owner)
    expect(owner.locator(f'[data-node-id="orders-dlq"] [data-metric="{VISIBLE}"]')).to_have_text(
        "1"
    )
    shown_counters_match(owner, at)
    owner.screenshot(path=f"{SHOTS}/seek-past-dlq.png")

    seek_by_click(owner, 0.25)  # back to t = 45 s: rebuilt from the seed, no DLQ yet
    wait_time(owner, "v > 30 && v < 60")
    expect(owner.locator(f'[data-node-id="orders-dlq"] [data-metric="{VISIBLE}"]')).to_have_text(
        "0"
    )
    shown_counters_match(owner, live_time(owner))
    rows = owner.locator("[data-log] [data-log-event]")
    expect(rows.first).to_be_attached()  # the log holds the story up to there


def test_skip_jumps_to_the_next_event_by_key_and_the_keys_are_listed(owner):
    owner.locator('[data-action="step"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    marks, total = [], 0
    for _ in range(3):  # the step, then two skips, as the server moves the engine
        span = Stepper.step(sim, unit="event", end=EXAMPLE["sim"]["duration"])
        total += len(span.events)
        marks.append((total, round(span.end, 6)))

    owner.locator("[data-canvas]").click(position={"x": 20, "y": 20})  # keys go to the page
    owner.keyboard.press("n")
    wait_events(owner, marks[1][0])
    assert live_time(owner) == pytest.approx(marks[1][1], abs=1e-6)
    owner.locator('[data-action="skip"]').click()
    wait_events(owner, marks[2][0])
    assert live_time(owner) == pytest.approx(marks[2][1], abs=1e-6) and marks[2][1] > 0

    owner.keyboard.press("?")
    table = owner.locator("dialog table.shortcuts")
    expect(table).to_contain_text(re.compile("skip to the next event", re.I))
    expect(table).to_contain_text(re.compile("seek 10 simulated seconds back", re.I))


def test_a_late_joiner_gets_the_log_and_charts_from_t0(owner, browser, app_url):
    owner.locator('[data-action="step"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    seek_by_click(owner, 0.6)  # about t = 108 s
    wait_time(owner, "v > 90")
    owner.locator('[data-action="share"]').click()
    url = owner.locator("[data-share-url]").input_value()

    watcher = new_page(browser, app_url)
    try:
        watcher.goto(url)
        expect(watcher.locator("[data-watch]")).to_have_attribute("data-ready", "true")
        rows = watcher.locator("[data-log] [data-log-event]")
        expect(rows.first).to_be_attached()
        assert watcher.locator('[data-log] [data-log-event="dead-letter"]').count() == 1
        chart = watcher.locator("[data-chart-node]")
        expect(chart).to_have_attribute("data-chart-from", re.compile(r"^0(\.\d+)?$"))
        assert int(chart.get_attribute("data-chart-points")) >= 90  # a sample a second
        watcher.screenshot(path=f"{SHOTS}/late-joiner.png")
        assert not watcher.script_errors
    finally:
        watcher.context.close()


def csrf_post(page: Page, url: str, body: dict):
    """A POST from the page's browser (its session and CSRF cookie)."""
    if not any(c["name"] == "csrftoken" for c in page.context.cookies()):
        page.goto("/")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    headers = {"Content-Type": "application/json", "X-CSRFToken": token}
    return page.context.request.post(url, data=json.dumps(body), headers=headers)


def test_the_summary_card_and_one_click_compare_with_the_previous_run(owner):
    copy = csrf_post(owner, "/api/diagrams/", {"name": "Mine", "document": EXAMPLE})
    assert copy.status == 201
    owner.goto(f"/diagrams/{copy.json()['id']}/")
    expect(owner.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    owner.locator('[data-control="speed"]').select_option("max")
    owner.locator('[data-action="run"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=30_000)
    card = owner.locator("[data-summary]")
    expect(card).to_be_visible()
    trace = headless(EXAMPLE["sim"]["duration"]).drain_events()
    delivered = sum(1 for e in trace if e["node"] == "orders" and e["event"] == "deliver")
    row = card.locator('[data-summary-node="orders"]')
    expect(row.locator('[data-outcome="dead-lettered"]')).to_have_text("1")
    expect(row.locator('[data-outcome="delivered"]')).to_have_text(str(delivered))
    expect(owner.locator('[data-ledger="dead_lettered"]')).to_have_text("dead lettered 1")
    expect(owner.locator("[data-summary-compare]")).to_be_disabled()  # nothing before it

    click_node(owner, "orders")
    set_prop(owner, "VisibilityTimeout", "5")
    owner.locator('[data-action="run"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=30_000)
    owner.locator("[data-summary-compare]").click()

    change = owner.locator('[data-compare-change="nodes.orders.props.VisibilityTimeout"]')
    expect(change).to_contain_text("30 → 5")
    # With a 5 s visibility timeout the poison message reaches the DLQ far sooner.
    age = owner.locator('[data-compare-metric="orders-dlq · ApproximateAgeOfOldestMessage"]')
    expect(age).to_have_text(re.compile(r"87\s*→\s*162"))
    owner.screenshot(path=f"{SHOTS}/compare.png")


def run_exists(page: Page, run_id: str) -> bool:
    return page.context.request.get(f"/api/runs/{run_id}/").status == 200


def test_a_run_closes_when_its_page_is_left(owner):
    owner.locator('[data-action="step"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    (run,) = owner.context.request.get("/api/runs/").json()
    run_id = run["id"]
    assert run_exists(owner, run_id)

    owner.goto("/")  # the page is left: pagehide sends a keepalive DELETE
    owner.wait_for_timeout(300)
    assert not run_exists(owner, run_id)


def test_a_refused_run_says_what_to_do_with_a_button(owner, example_id):
    made = []
    for _ in range(3):  # the most one person may hold at once (EVENTYARD_RUNS_PER_OWNER)
        answer = csrf_post(owner, "/api/runs/", {"diagram": example_id})
        assert answer.status == 201
        made.append(answer.json()["id"])
    owner.goto(f"/diagrams/{example_id}/")
    expect(owner.locator("[data-editor]")).to_have_attribute("data-ready", "true")

    owner.locator('[data-action="run"]').click()
    refusal = owner.locator('[data-live-errors] [data-code="too_many_runs"]')
    expect(refusal).to_contain_text("close your other runs")
    assert "EVENTYARD" not in refusal.text_content()
    owner.screenshot(path=f"{SHOTS}/refused-run.png")
    refusal.get_by_role("button", name="Close your other runs and run").click()

    expect(status(owner)).to_have_attribute("data-live-status", "running")
    assert not any(run_exists(owner, run_id) for run_id in made)


def test_a_page_hidden_for_ten_minutes_closes_its_run(browser, app_url, example_id):
    page = new_page(browser, app_url)
    try:
        page.clock.install()  # the page's timers, moved on below without waiting
        page.goto(f"/diagrams/{example_id}/")
        expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
        page.locator('[data-action="step"]').click()
        expect(status(page)).to_have_attribute("data-live-status", "paused")
        (run,) = page.context.request.get("/api/runs/").json()
        page.evaluate(
            """() => {
                Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
                document.dispatchEvent(new Event('visibilitychange'));
            }"""
        )
        page.clock.run_for("09:00")
        assert run_exists(page, run["id"])  # hidden a while: kept
        page.clock.run_for("01:05")
        expect(status(page)).to_have_attribute("data-live-status", "none")  # closed
        assert not run_exists(page, run["id"])
        assert not page.script_errors
    finally:
        page.context.close()


def test_in_presenter_mode_the_keys_seek_and_the_line_tells_the_dlq_move(owner):
    owner.locator('[data-action="step"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    owner.locator('[data-action="present"]').click()
    expect(owner.locator("[data-presenter-bar]")).to_be_visible()

    for jump in range(1, 11):  # ] ten times: 100 simulated seconds on, past t = 93 s
        owner.keyboard.press("]")
        wait_time(owner, f"v >= {10 * jump}")
    narration = owner.locator("[data-presenter-narration]")
    expect(narration).to_contain_text("orders-dlq")  # the story so far, told in words
    expect(owner.locator("[data-presenter-time]")).to_have_attribute(
        "data-presenter-time", re.compile(r"^1\d\d(\.\d+)?$")
    )
    owner.screenshot(path=f"{SHOTS}/presenter-seek.png")
    owner.keyboard.press("[")  # back to t = 9x s: before the move, so not told
    wait_time(owner, "v >= 90 && v < 100")
    expect(narration).not_to_contain_text("orders-dlq")


@pytest.fixture(scope="module")
def capped_url(tmp_path_factory, sync_playwright_api):
    """A second server with small caps: 90 kB of messages a run, 3 runs a minute an address."""
    yield from run_app(
        tmp_path_factory.mktemp("capped-app"),
        EVENTYARD_RUN_MAX_BYTES="90000",
        EVENTYARD_RUNS_PER_ADDRESS_PER_MINUTE="3",
    )


def open_example(browser, url: str) -> Page:
    page = new_page(browser, url)
    page.goto("/")
    (found,) = [
        d["id"]
        for d in page.context.request.get("/api/diagrams/").json()
        if d["is_example"] and d["name"] == EXAMPLE["name"]
    ]
    page.goto(f"/diagrams/{found}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    page.example_id = found
    return page


def test_the_memory_cap_is_said_in_plain_words_with_start_again(browser, capped_url):
    page = open_example(browser, capped_url)
    try:
        page.locator('[data-action="step"]').click()
        expect(status(page)).to_have_attribute("data-live-status", "paused")
        page.locator('[data-live-tab="inject"]').click()
        click_node(page, "orders")
        page.locator('[data-inject-field="payload"]').fill(json.dumps("x" * 50_000))
        page.locator("[data-inject-send]").click()
        expect(page.locator("[data-inject-target]")).to_contain_text("Injected m-")
        page.locator("[data-inject-send]").click()

        refusal = page.locator('[data-live-errors] [data-code="memory_limit"]')
        expect(refusal).to_contain_text("nothing more can be injected")
        assert "EVENTYARD" not in refusal.text_content()
        refusal.get_by_role("button", name="Start again").click()
        expect(status(page)).to_have_attribute("data-live-status", "ready")  # reset
        expect(page.locator("[data-live-events]")).to_have_attribute("data-live-events", "0")
        assert not page.script_errors
    finally:
        page.context.close()


def test_too_many_runs_from_one_address_says_wait_with_try_again(browser, capped_url):
    page = open_example(browser, capped_url)
    try:
        for _ in range(2):  # with the run above: this address's 3 runs this minute
            made = csrf_post(page, "/api/runs/", {"diagram": page.example_id})
            assert made.status == 201

        page.locator('[data-action="run"]').click()

        refusal = page.locator('[data-live-errors] [data-code="rate_limited"]')
        expect(refusal).to_contain_text(re.compile(r"Wait \d+ seconds, then try again"))
        assert "EVENTYARD" not in refusal.text_content()
        expect(refusal.get_by_role("button", name="Try again")).to_be_visible()
        page.screenshot(path=f"{SHOTS}/rate-limited.png")
        assert not page.script_errors
    finally:
        page.context.close()
