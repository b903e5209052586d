"""The keyboard alone: nodes are reached with Tab, selected with Enter and moved with the
arrows; the run controls have shortcuts, listed in the `?` overlay."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import drop, new_diagram, node, saved
from tests.browser.test_live import app_url, example_id, new_page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e


def tab_to_node(page, limit: int = 80) -> str:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.dataset.nodeId || ''")
        if focused:
            return focused
    raise AssertionError("Tab never reached a node")


def test_tab_reaches_nodes_enter_selects_and_arrows_move(person):
    page = person
    new_diagram(page)
    drop(page, "sqs.queue", 160, 120)
    drop(page, "lambda.function", 480, 120)
    saved(page)
    page.locator("[data-diagram-name]").click()  # start from the top of the page

    first = tab_to_node(page)
    assert first == "queue"
    page.keyboard.press("Enter")
    expect(page.locator("[data-inspector] [data-inspecting-id]")).to_have_attribute(
        "data-inspecting-id", "queue"
    )
    page.keyboard.press("Tab")
    expect(node(page, "function")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-inspector] [data-inspecting-id]")).to_have_attribute(
        "data-inspecting-id", "function"
    )

    before = node(page, "function").locator("[joint-selector=body]").bounding_box()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').dataset.state === 'dirty'"
    )
    saved(page)
    after = node(page, "function").locator("[joint-selector=body]").bounding_box()
    assert (round(after["x"] - before["x"]), round(after["y"] - before["y"])) == (40, 20)
    from designer.models import Diagram

    stored = Diagram.objects.get(is_example=False).document["nodes"][1]["position"]
    assert (stored["x"] % 20, stored["y"] % 20) == (0, 0)
    page.keyboard.press("Control+z")
    expect(page.locator("[data-editor]")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    expect(node(page, "queue")).to_be_focused()
    page.keyboard.press("Shift+Enter")  # adds to the selection
    expect(page.locator('[data-inspecting="many"]')).to_be_visible()


def test_the_help_overlay_lists_the_run_shortcuts(person):
    page = person
    new_diagram(page)
    page.locator("[data-canvas]").click(position={"x": 300, "y": 300})
    page.keyboard.press("?")
    overlay = page.locator('[data-dialog="shortcuts"]')
    expect(overlay).to_be_visible()
    for key, what in [
        ("R", "Run"),
        ("K", "Pause or resume"),
        ("N", "Skip to the next event"),
        (".", "Step"),
        ("<", "Slower"),
        ("Shift+R", "Reset"),
    ]:
        expect(overlay.locator(f'[data-shortcut="{key}"]')).to_contain_text(what)


def test_run_controls_answer_their_keys(browser, app_url, example_id):  # noqa: F811
    page = new_page(browser, app_url)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"/diagrams/{example_id}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    editor = page.locator("[data-editor]")
    page.locator("[data-canvas]").click(position={"x": 40, "y": 40})

    page.keyboard.press(".")  # one step makes a paused run
    expect(editor).to_have_attribute("data-live-run", "paused")
    speed = page.locator('[data-control="speed"]')
    options = speed.evaluate("el => [...el.options].map((o) => o.value)")
    before = speed.input_value()  # the example's recommended speed
    page.keyboard.press(">")
    expect(speed).to_have_value(options[options.index(before) + 1])
    page.keyboard.press("<")
    expect(speed).to_have_value(before)
    page.keyboard.press("K")
    expect(editor).to_have_attribute("data-live-run", "running")
    page.keyboard.press("K")
    expect(editor).to_have_attribute("data-live-run", "paused")
    page.keyboard.press("Shift+R")
    expect(editor).to_have_attribute("data-live-run", "ready")
    page.keyboard.press("R")
    expect(editor).to_have_attribute("data-live-run", "running")
    errors = page.script_errors
    page.context.close()
    assert not errors
