"""Presenter mode and the editor on small screens (README "The editor"): the run told in
plain words, large text on a fitted diagram at 1280×720, side panels that collapse, and a
layout that works 768 px wide. Live runs need the real app (Daphne): the `app_url` fixture
of test_live.py starts it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_live import app_url, example_id  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

NARRATION = "/static/designer/js/model/live/narration.js"
DLQ_MOVE = {
    "t": 93.0,
    "event": "dead-letter",
    "node": "orders",
    "message": "m-7",
    "origin": "m-7",
    "target": "orders-dlq",
    "edge": "e3",
    "receiveCount": 3,
}


def open_example(browser, app_url, example_id, *, width=1280, height=720) -> Page:  # noqa: F811
    context = browser.new_context(base_url=app_url, viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.goto(f"/diagrams/{example_id}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    return page


@pytest.fixture
def projector(browser, app_url, example_id):  # noqa: F811
    page = open_example(browser, app_url, example_id)
    yield page
    errors = page.script_errors
    page.context.close()
    assert not errors, f"uncaught errors in the page: {errors}"


def font_px(locator) -> float:
    return locator.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def inside(inner: dict, outer: dict, slack: float = 1.0) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


def all_nodes_in_view(page: Page) -> bool:
    canvas = page.locator("[data-canvas]").bounding_box()
    cards = page.locator("[data-node-id] [joint-selector=body]")
    return all(inside(cards.nth(i).bounding_box(), canvas) for i in range(cards.count()))


def test_narration_names_nodes_by_label_and_holds_a_telling_line(projector):
    told = projector.evaluate(
        """async ([url, move]) => {
            const { narrate, Narration, ordinal } = await import(url);
            const labels = {
              orders: 'Orders queue', 'orders-dlq': 'Poison parking', process: 'process-order',
            };
            let now = 0;
            const story = new Narration({ labelOf: (id) => labels[id], now: () => now });
            const routine = { t: 94, event: 'deliver', node: 'orders', message: 'm-8' };
            const error = {
              t: 3.12, event: 'error', node: 'process', message: 'm-7', error: 'Unhandled',
            };
            return {
              move: narrate(move, (id) => ({ 'orders-dlq': 'orders-dlq' })[id]),
              labelled: narrate(move, (id) => labels[id]),
              error: narrate(error, (id) => labels[id]),
              ordinals: [1, 2, 3, 4, 11, 12, 13, 22, 101, 111].map(ordinal),
              picked: story.offer([routine, move, routine]),
              heldFor: (now = 1000, story.offer([routine])),
              after: (now = 4000, story.offer([routine])),
            };
        }""",
        [NARRATION, DLQ_MOVE],
    )
    assert told["move"] == "m-7 failed its 3rd receive and moved to orders-dlq"
    assert told["labelled"] == "m-7 failed its 3rd receive and moved to Poison parking"
    assert told["error"] == "process-order failed while handling m-7 (Unhandled)"
    assert told["ordinals"] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "22nd",
        "101st",
        "111th",
    ]
    assert told["picked"] == "m-7 failed its 3rd receive and moved to Poison parking"
    assert told["heldFor"] is None, "a routine hop does not replace it at once"
    assert told["after"] == "m-8 arrived at Orders queue"


def test_presenter_mode_at_1280x720_during_the_order_queue_run(projector):
    page = projector
    page.keyboard.press("?")
    expect(page.locator('[data-dialog="shortcuts"]')).to_contain_text("Presenter mode")
    page.keyboard.press("Escape")
    page.locator('[data-control="speed"]').select_option("25")
    page.locator('[data-action="run"]').click()
    expect(page.locator("[data-live-status]")).to_have_attribute("data-live-status", "running")

    page.locator('[data-action="present"]').click()
    expect(page.locator("[data-editor]")).to_have_attribute("data-presenting", "")
    expect(page.locator('[data-action="present"]')).to_have_attribute("aria-pressed", "true")
    for hidden in ["[data-palette]", "[data-inspector]", "[data-problems-panel]", "[data-minimap]"]:
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("[data-live-panel]")).to_be_hidden()
    bar = page.locator("[data-presenter-bar]")
    expect(bar).to_be_visible()
    canvas = page.locator("[data-canvas]").bounding_box()
    assert canvas["width"] == 1280 and canvas["height"] >= 480, canvas
    page.wait_for_timeout(300)
    assert all_nodes_in_view(page), "the diagram is fitted to the screen"

    label = page.locator('[data-node-id="orders"] [joint-selector=label]')
    assert font_px(label) >= 16
    assert label.bounding_box()["height"] >= 16, "node text is at least 16 px on screen"
    counter = page.locator(
        '[data-node-id="orders-dlq"] [data-metric="ApproximateNumberOfMessagesVisible"]'
    )
    assert font_px(counter) >= 16
    assert font_px(bar.locator("[data-presenter-time]")) >= 24
    assert font_px(bar.locator("[data-presenter-narration]")) >= 20

    # The line tells the DLQ moment in words, with the simulated time beside it.
    line = bar.locator("[data-presenter-narration]")
    expect(line).to_contain_text(
        "m-7 failed its 3rd receive and moved to orders-dlq", timeout=30_000
    )
    expect(line).to_have_attribute("data-presenter-event", "dead-letter")
    assert float(bar.locator("[data-presenter-time]").get_attribute("data-presenter-time")) >= 93
    expect(bar.locator("[data-presenter-status]")).to_have_text(re.compile("Running|Finished"))

    page.locator('[data-action="reset"]').click()
    expect(page.locator("[data-presenter-narration]")).not_to_contain_text("m-7")
    page.locator('[data-action="run"]').click()
    token = page.locator("[data-token]").first
    expect(token).to_be_attached()
    assert float(token.evaluate("el => getComputedStyle(el).r")[:-2]) >= 8

    # It stays fitted as the window changes, and Escape leaves it.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(400)
    assert all_nodes_in_view(page)
    page.keyboard.press("Escape")
    expect(page.locator("[data-editor]")).not_to_have_attribute("data-presenting", "")
    expect(bar).to_be_hidden()
    expect(page.locator("[data-live-panel]")).to_be_visible()


def test_a_run_leaves_the_canvas_room_at_1280x720_and_it_refits(projector):
    page = projector
    before = page.locator("[data-canvas]").bounding_box()["height"]
    page.locator('[data-action="run"]').click()
    expect(page.locator("[data-live-panel]")).to_be_visible()
    page.wait_for_timeout(400)
    after = page.locator("[data-canvas]").bounding_box()["height"]
    assert after < before and after >= 280, (before, after)
    assert all_nodes_in_view(page), "the canvas re-fits when the live panel opens"
    # Either side panel collapses on a wide screen too, and the canvas takes the room.
    width = page.locator("[data-canvas]").bounding_box()["width"]
    page.locator('[data-panel-toggle="inspector"]').click()
    expect(page.locator("[data-inspector]")).to_be_hidden()
    assert page.locator("[data-canvas]").bounding_box()["width"] > width + 250
    page.locator('[data-panel-toggle="inspector"]').click()
    expect(page.locator("[data-inspector]")).to_be_visible()


def test_768_px_wide_the_panels_start_collapsed_and_open_on_demand(browser, app_url, example_id):  # noqa: F811
    page = open_example(browser, app_url, example_id, width=768, height=1024)
    expect(page.locator("[data-palette]")).to_be_hidden()
    expect(page.locator("[data-inspector]")).to_be_hidden()
    assert page.locator("[data-canvas]").bounding_box()["width"] >= 700
    assert all_nodes_in_view(page)
    toggle = page.locator('[data-panel-toggle="palette"]')
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(page.locator("[data-palette]")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert page.locator("[data-canvas]").bounding_box()["width"] >= 400
    # Nothing spills sideways: the page does not scroll horizontally.
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    page.context.close()
