"""Typing at a person's pace into the inspector while the editor autosaves and validates:
no character and no cursor position is lost, and the saved document holds what was typed."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_node, diagram_id, drop, new_diagram, saved
from tests.browser.test_live import app_url, example_id, new_page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

TYPED = '{"poison": [true]}'

RECORD_SAVE_STATES = """() => {
  window.saveStates = [];
  const status = document.querySelector('[data-save-status]');
  new MutationObserver(() => window.saveStates.push(status.dataset.state))
    .observe(status, { attributes: true, attributeFilter: ['data-state'] });
}"""


def test_typing_slowly_across_an_autosave_keeps_every_character(person):
    page = person
    new_diagram(page)
    drop(page, "producer", 200, 160)
    saved(page)
    number = diagram_id(page)
    click_node(page, "producer")

    count = page.locator('[data-sim="count"]')
    count.click()
    page.keyboard.type("5", delay=150)
    page.evaluate(RECORD_SAVE_STATES)
    payload = page.locator('[data-sim="payload"]')
    payload.click()  # commits count: an autosave follows 1.2 s later, while typing goes on
    page.keyboard.type(TYPED, delay=150)

    states = page.evaluate("window.saveStates")
    assert "saved" in states, f"no autosave landed while typing: {states}"
    expect(payload).to_have_value(TYPED)
    expect(payload).to_be_focused()
    cursor = payload.evaluate("el => [el.selectionStart, el.selectionEnd]")
    assert cursor == [len(TYPED), len(TYPED)]
    expect(page.locator('[data-sim="count"]')).to_have_value("5")

    page.keyboard.press("Tab")
    saved(page)
    answer = page.request.get(f"/api/diagrams/{number}/")
    props = answer.json()["document"]["nodes"][0]["sim"]
    assert props["payload"] == json.loads(TYPED)
    assert props["count"] == 5


def test_a_refused_save_mid_typing_shows_its_problem_and_keeps_the_typing(person):
    page = person
    new_diagram(page)
    drop(page, "sqs.queue", 200, 160)
    saved(page)
    click_node(page, "queue")
    page.locator('[data-prop="VisibilityTimeout"]').click()
    page.keyboard.type("50000", delay=150)

    retention = page.locator('[data-prop="MessageRetentionPeriod"]')
    retention.click()  # commits 50000: the autosave is refused (400) while typing goes on
    page.keyboard.type("1209600", delay=150)

    path = "nodes[0].props.VisibilityTimeout"
    expect(page.locator(f'[data-problems] [data-problem="{path}"]')).to_be_visible()
    expect(page.locator(f'[data-inspector] [data-problem="{path}"]')).to_be_visible()
    expect(retention).to_have_value("1209600")
    expect(retention).to_be_focused()

    page.keyboard.press("Tab")
    timeout = page.locator('[data-prop="VisibilityTimeout"]')
    timeout.fill("60")
    timeout.press("Enter")
    saved(page)
    expect(page.locator(f'[data-problem="{path}"]')).to_have_count(0)
    from designer.models import Diagram

    props = Diagram.objects.get(is_example=False).document["nodes"][0]["props"]
    assert props["MessageRetentionPeriod"] == 1209600
    assert props["VisibilityTimeout"] == 60


def test_typing_while_a_live_run_streams_frames_keeps_every_character(browser, app_url, example_id):  # noqa: F811
    page = new_page(browser, app_url)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"/diagrams/{example_id}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    page.locator('[data-banner="example"] [data-action="duplicate"]').click()
    page.wait_for_url(lambda url: f"/diagrams/{example_id}/" not in url)
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    page.locator('[data-action="run"]').click()
    editor = page.locator("[data-editor]")
    expect(editor).to_have_attribute("data-live-run", "running")

    click_node(page, "shop")
    field = page.locator('[data-sim="payload"]')
    field.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    before = float(page.locator("[data-live-time]").get_attribute("data-live-time"))
    page.keyboard.type(TYPED, delay=150)
    after = float(page.locator("[data-live-time]").get_attribute("data-live-time"))
    assert after > before, "no live frame arrived while typing"
    expect(field).to_have_value(TYPED)
    expect(field).to_be_focused()
    assert field.evaluate("el => el.selectionStart") == len(TYPED)
    errors = page.script_errors
    page.context.close()
    assert not errors
