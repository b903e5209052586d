"""Lessons in the browser (contract section 8), at a projector's 1280x720: the list with
the learner's progress, a lesson end to end (answer first, each step pauses the run at its
time with its nodes in focus, then the explanation with the run's numbers), a challenge
(duplicate, fix, check: failing goals, then passing), and the printable handout."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from designer import course
from tests.browser.helpers import click_edge, saved
from tests.browser.test_live import app_url, new_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]


def test_a_lesson_end_to_end_answer_run_explanation(browser, app_url):
    page = new_page(browser, app_url, size=(1280, 720))
    page.goto("/lessons/")
    cards = page.locator("[data-lesson]")
    expect(cards).to_have_count(len(course.all_lessons()))
    page.locator('[data-lesson="poison-message-dlq"] a.button.primary').click()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    panel = page.locator("[data-lesson-panel]")
    expect(panel.locator("[data-lesson-question]")).to_be_visible()
    # Nothing to play before the question is answered.
    expect(panel.locator('[data-action="lesson-play"]')).to_have_count(0)
    answer = panel.locator('[data-action="lesson-answer"]')
    expect(answer).to_be_disabled()
    panel.locator('[data-choice="2"]').check()
    answer.click()
    page.locator('[data-control="speed"]').select_option("max")
    item = course.lesson("poison-message-dlq")
    for index, step in enumerate(item.steps):
        # The step's nodes glow on the canvas while it is the current one.
        focus = page.evaluate("document.querySelector('[data-lesson-focus]').textContent")
        assert all(f'[data-node-id="{node}"]' in focus for node in step["focus"])
        panel.locator('[data-action="lesson-play"]').click()
        done = panel.locator(f'[data-lesson-step="{index}"][data-step-state="done"]')
        expect(done).to_be_visible(timeout=60_000)
        if index + 1 < len(item.steps):
            expect(status(page)).to_have_attribute("data-live-status", "paused")
            time = float(
                re.search(r"t = ([0-9.]+)", page.locator("[data-live-panel]").inner_text()).group(1)
            )
            assert step["until"] <= time < step["until"] + 1.5, time
    explanation = panel.locator("[data-lesson-explanation]")
    expect(explanation).to_contain_text("You were right.")
    expect(explanation).to_contain_text(course.explain(item)[:60])
    assert "1 message waits in orders-dlq" in explanation.inner_text()
    page.goto("/lessons/")
    expect(page.locator('[data-lesson="poison-message-dlq"]')).to_have_attribute(
        "data-progress", "done"
    )
    expect(page.locator("[data-lesson-progress]")).to_contain_text("1 of")
    assert not page.script_errors, page.script_errors
    page.context.close()


def test_a_challenge_fails_its_check_then_passes_once_fixed(browser, app_url):
    page = new_page(browser, app_url, size=(1280, 720))
    page.goto("/lessons/fix-the-filter-policy/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    panel = page.locator("[data-lesson-panel]")
    panel.locator('[data-action="lesson-hint"]').click()
    expect(panel.locator("[data-lesson-hint]")).to_have_count(1)
    panel.locator('[data-lesson-challenge] [data-action="duplicate"]').click()
    page.wait_for_url(re.compile(r"/diagrams/\d+/\?lesson=fix-the-filter-policy$"))
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    check = page.locator('[data-lesson-panel] [data-action="check"]')
    check.click()
    result = page.locator("[data-check-result]")
    expect(result).to_have_attribute("data-check-result", "failed", timeout=30_000)
    urgent = page.locator('[data-goal="urgent orders reach the urgent queue"]')
    expect(urgent).to_have_attribute("data-goal-state", "failed")
    # The fix a learner makes: the subscription's filter policy names the right attribute.
    click_edge(page, '[data-edge-id="e3"]')
    field = page.locator('[data-prop="FilterPolicy"]')
    field.fill('{"priority": ["high"]}')
    field.press("Tab")
    saved(page)
    check.click()
    expect(result).to_have_attribute("data-check-result", "passed", timeout=30_000)
    expect(urgent).to_have_attribute("data-goal-state", "passed")
    page.goto("/lessons/")
    expect(page.locator('[data-lesson="fix-the-filter-policy"]')).to_have_attribute(
        "data-progress", "passed"
    )
    assert not page.script_errors, page.script_errors
    page.context.close()


def test_the_handout_has_the_question_a_picture_and_the_explanation(browser, app_url):
    page = new_page(browser, app_url, size=(1280, 720))
    page.goto("/lessons/decouple-with-a-queue/handout/")
    handout = page.locator('[data-handout="decouple-with-a-queue"]')
    item = course.lesson("decouple-with-a-queue")
    expect(handout).to_contain_text(item.question["text"])
    expect(handout.locator(".handout-picture rect")).to_have_count(len(item.document["nodes"]))
    expect(handout).to_contain_text(course.explain(item))
    page.context.close()
