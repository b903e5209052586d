"""The live playground in the browser (README "Live runs"): run an example, watch tokens
and counters, pause, step, reset, share to a second browser, inject, reconnect.

Live runs need WebSockets, which pytest-django's `live_server` (a WSGI thread) does not
serve, so this module starts the real app, `manage.py playground` (Daphne), on a free
port with its own temporary database (the examples load as the command starts), and
stops it by its pid. The browser, the skip rules and the Chromium flags are the shared
fixtures of `tests/browser/conftest.py`. Expected numbers come from the engine run
headless on the same document and seed; pages are read only through `data-*` hooks.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from engine import Simulation, load_diagram
from tests.browser.helpers import click_node

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "engine/examples/order-queue-dlq.json").read_text())
VISIBLE = "ApproximateNumberOfMessagesVisible"
IN_FLIGHT = "ApproximateNumberOfMessagesNotVisible"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, sync_playwright_api) -> str:
    yield from run_app(tmp_path_factory.mktemp("live-app"))


def run_app(folder: Path, **settings: str):
    """Yields the URL of `manage.py playground` on a free port, with the default settings
    but `settings` (EVENTYARD_... names), and a database in `folder`; then stops it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Its own SQLite file, whatever database this test run uses (DATABASE_URL).
    unset = ("DATABASE_URL", "REDIS_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTYARD_") and k not in unset}
    env.update(EVENTYARD_DB_PATH=str(folder / "live.sqlite3"), PYTHONUNBUFFERED="1", **settings)
    log = (folder / "server.log").open("w")
    command = [sys.executable, "manage.py", "playground", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/catalog/", timeout=2).close()
            break
        except OSError:
            assert server.poll() is None, (folder / "server.log").read_text()
            time.sleep(0.2)
    else:
        server.kill()
        pytest.fail(f"the app did not start: {(folder / 'server.log').read_text()}")
    yield url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def example_named(app_url: str, name: str) -> int:
    """The id of the example diagram called `name` on the running server."""
    with urllib.request.urlopen(f"{app_url}/api/diagrams/", timeout=10) as answer:
        diagrams = json.load(answer)
    return next(d["id"] for d in diagrams if d["is_example"] and d["name"] == name)


@pytest.fixture(scope="module")
def example_id(app_url) -> int:
    return example_named(app_url, EXAMPLE["name"])


def new_page(browser, app_url, *, size: tuple[int, int] = (1400, 860)) -> Page:
    viewport = {"width": size[0], "height": size[1]}
    context = browser.new_context(base_url=app_url, viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


def owner_page(browser, app_url, example_id, *, size: tuple[int, int] = (1400, 860)):
    """The example open in the owner's editor (a fixture's body: yields the page, then
    closes it and fails on any uncaught script error)."""
    page = new_page(browser, app_url, size=size)
    page.goto(f"/diagrams/{example_id}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    yield page
    errors = page.script_errors
    page.context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


@pytest.fixture
def owner(browser, app_url, example_id) -> Page:
    yield from owner_page(browser, app_url, example_id)


def metric(page: Page, node: str, name: str):
    return page.locator(f'[data-node-id="{node}"] [data-metric="{name}"]')


def metrics(page: Page) -> dict[str, str]:
    return dict(
        page.locator("[data-metric]").evaluate_all(
            "els => els.map(e => [e.closest('[data-node-id]').dataset.nodeId + ' '"
            " + e.dataset.metric, e.textContent])"
        )
    )


def wait_metric(page: Page, node: str, name: str, test: str) -> None:
    """Waits (bounded) until the counter's value passes `test`, a JS expression of `v`."""
    page.wait_for_function(
        f"""() => {{
            const el = document.querySelector('[data-node-id="{node}"] [data-metric="{name}"]');
            const v = el ? Number(el.textContent) : NaN;
            return {test};
        }}"""
    )


def status(page: Page):
    return page.locator("[data-live-status]")


def events_count(page: Page) -> int:
    return int(page.locator("[data-live-events]").get_attribute("data-live-events"))


def choose_speed(page: Page, value: str) -> None:
    page.locator('[data-control="speed"]').select_option(value)


def headless_report() -> dict:
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(until=EXAMPLE["sim"]["duration"])
    return sim.report()


def test_run_draws_tokens_and_counters_climb(owner):
    choose_speed(owner, "2")
    owner.locator('[data-action="run"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "running")
    expect(owner.locator('[data-token][data-edge-id="e1"]').first).to_be_attached()
    wait_metric(owner, "shop", "MessagesPublished", "v >= 1")
    first = int(metric(owner, "shop", "MessagesPublished").text_content())
    wait_metric(owner, "shop", "MessagesPublished", f"v >= {first + 2}")
    rows = owner.locator("[data-log] [data-log-event]")
    expect(rows.first).to_be_attached()


def test_dead_letter_queue_fills_as_the_engine_says(owner):
    report = headless_report()["nodes"]
    choose_speed(owner, "100")
    owner.locator('[data-action="run"]').click()
    wait_metric(owner, "orders-dlq", VISIBLE, "v === 1")
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=30_000)
    shown = metrics(owner)
    assert_counters_match(shown, {node: data["metrics"] for node, data in report.items()})
    assert shown[f"orders-dlq {VISIBLE}"] == "1"
    # The poison message's journey: three receives, then the DLQ.
    owner.locator('[data-log-filter="kind"]').select_option("dead-letter")
    owner.locator('[data-log] [data-log-event="dead-letter"]').first.click()
    steps = owner.locator("[data-journey-step]")
    expect(steps.last).to_have_attribute("data-journey-step", "deliver")
    assert steps.evaluate_all("els => els.map(e => e.dataset.journeyStep)").count("invoke") == 3
    expect(owner.locator('[data-node-id="orders-dlq"][data-journey]')).to_be_attached()
    expect(owner.locator('[data-edge-id="e3"][data-journey]')).to_be_attached()


def test_pause_holds_the_numbers_and_step_moves_one_event(owner):
    choose_speed(owner, "5")
    owner.locator('[data-action="run"]').click()
    wait_metric(owner, "shop", "MessagesPublished", "v >= 3")
    owner.locator('[data-action="pause"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    held, events = metrics(owner), events_count(owner)
    owner.wait_for_timeout(1000)
    assert metrics(owner) == held
    assert events_count(owner) == events

    owner.locator('[data-action="step"]').click()
    owner.wait_for_function(
        f"() => Number(document.querySelector('[data-live-events]').dataset.liveEvents) > {events}"
    )
    after = metrics(owner)
    counts = [key for key in held if "Age" not in key]  # an age moves with the clock
    assert all(abs(float(after[key]) - float(held[key])) <= 1 for key in counts), after

    # From the start, each step is the engine's next step (one dispatched event, which
    # may trace two: a publish and its delivery), and +1 s one simulated second.
    owner.locator('[data-action="reset"]').click()
    expect(status(owner)).to_have_attribute("data-live-status", "ready")
    expect(metric(owner, "shop", "MessagesPublished")).to_have_text("0")
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    for action in ["step", "step", "step-second", "step"]:
        before = events_count(owner)
        owner.locator(f'[data-action="{action}"]').click()
        if action == "step":
            sim.step(horizon=EXAMPLE["sim"]["duration"] - sim.now)
        else:
            sim.run(until=sim.now + 1.0)
        expected = len(sim.drain_events())
        owner.wait_for_function(
            "n => Number(document.querySelector('[data-live-events]').dataset.liveEvents) === n",
            arg=before + expected,
        )
        assert_counters_match(metrics(owner), sim.node_metrics())
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    expect(owner.locator("[data-log-count]")).to_have_attribute(
        "data-log-matched", str(events_count(owner))
    )
    owner.locator('[data-log-filter="text"]').fill("m-1")  # the first message; no m-10 yet
    rows = owner.locator("[data-log] [data-log-event]")
    expect(rows).to_have_count(6)
    kinds = rows.evaluate_all("els => els.map(e => e.dataset.logEvent)")
    assert kinds == ["delete", "success", "invoke", "receive", "deliver", "publish"]


def assert_counters_match(shown: dict[str, str], engine: dict[str, dict]) -> None:
    for key, text in shown.items():
        node, name = key.split(" ")
        assert float(text) == pytest.approx(engine[node][name], abs=0.05), key


def test_a_watcher_sees_the_same_run_read_only(owner, browser, app_url):
    choose_speed(owner, "10")
    owner.locator('[data-action="run"]').click()
    owner.locator('[data-action="share"]').click()
    url = owner.locator("[data-share-url]").input_value()
    assert re.search(r"/runs/[\w-]+/\?watch=[\w-]+$", url)

    watcher = new_page(browser, app_url)
    try:
        watcher.goto(url)
        expect(watcher.locator("[data-watch]")).to_have_attribute("data-ready", "true")
        expect(watcher.locator("[data-node-id]")).to_have_count(4)
        assert watcher.locator('[data-action="run"], [data-control="speed"]').count() == 0
        wait_metric(watcher, "shop", "MessagesPublished", "v >= 1")
        wait_metric(owner, "shop", "MessagesPublished", "v >= 4")
        owner.locator('[data-action="pause"]').click()
        expect(status(watcher)).to_have_attribute("data-live-status", "paused")
        expect(status(owner)).to_have_attribute("data-live-status", "paused")
        assert metrics(watcher) == metrics(owner)
        assert events_count(watcher) == events_count(owner)
        assert not watcher.script_errors
    finally:
        watcher.context.close()


def test_inject_checks_the_payload_and_shows_refusals(owner):
    owner.locator('[data-action="step"]').click()  # a run, paused after its first event
    expect(status(owner)).to_have_attribute("data-live-status", "paused")
    owner.locator('[data-live-tab="inject"]').click()
    click_node(owner, "orders")
    payload = owner.locator('[data-inject-field="payload"]')
    payload.fill('{"orderId": 7,')
    expect(owner.locator('[data-inject-error="payload"]')).to_contain_text("line 1")
    expect(owner.locator("[data-inject-send]")).to_be_disabled()
    payload.fill('{"orderId": 700}')
    expect(owner.locator('[data-inject-error="payload"]')).to_have_text("")
    owner.locator("[data-inject-send]").click()
    expect(owner.locator("[data-inject-target]")).to_contain_text("Injected m-")
    message = owner.locator("[data-inject-target]").text_content().split()[1]
    owner.locator('[data-action="step"]').click()
    expect(owner.locator(f'[data-log-event="deliver"][data-origin="{message}"]')).to_have_count(1)
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.step(horizon=60)
    sim.inject("orders", {"orderId": 700})
    sim.step(horizon=60)
    owner.wait_for_function(
        "n => Number(document.querySelector('[data-live-events]').dataset.liveEvents) === n",
        arg=len(sim.drain_events()),
    )
    assert_counters_match(metrics(owner), sim.node_metrics())

    # A producer takes no messages: the server's error frame names the field.
    click_node(owner, "shop")
    owner.locator("[data-inject-send]").click()
    error = owner.locator('[data-live-error="node"]')
    expect(error).to_contain_text("node: ")
    expect(error).to_have_attribute("data-code", "invalid_target")
    expect(owner.locator('[data-inject-error="server"]')).to_contain_text("node:")


def test_a_dropped_socket_reconnects_with_last_seq(owner):
    sockets = []

    def relay(ws):
        sockets.append(ws)
        ws.connect_to_server()

    owner.route_web_socket(re.compile(r"/ws/runs/"), relay)
    choose_speed(owner, "5")
    owner.locator('[data-action="run"]').click()
    wait_metric(owner, "shop", "MessagesPublished", "v >= 2")
    assert "last_seq" not in sockets[0].url
    sockets[0].close(code=4000, reason="test drop")
    deadline = time.monotonic() + 15
    while len(sockets) < 2 and time.monotonic() < deadline:
        owner.wait_for_timeout(100)
    assert len(sockets) >= 2
    assert re.search(r"last_seq=\d+", sockets[1].url)
    before = int(metric(owner, "shop", "MessagesPublished").text_content())
    wait_metric(owner, "shop", "MessagesPublished", f"v >= {before + 2}")
    connection = owner.locator("[data-live-connection]")
    expect(connection).to_have_attribute("data-live-connection", "open")
