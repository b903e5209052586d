"""The classroom (contract section 8), with a teacher and two students on their own
screens: the teacher opens a lesson and asks the class, each student answers on the watch
page (one answer each, a new choice replacing the old), the teacher sees the tally before
pressing Run, then everyone watches the same run and the students get the answer."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_live import app_url, new_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]


def test_a_teacher_asks_two_students_answer_and_everyone_watches_the_run(browser, app_url):
    teacher = new_page(browser, app_url, size=(1280, 720))
    teacher.goto("/lessons/fan-out-with-sns/")
    expect(teacher.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    teacher.locator('[data-action="present"]').click()
    panel = teacher.locator("[data-lesson-panel]")
    expect(panel).to_be_visible()  # the question stays in view in presenter mode
    panel.locator('[data-action="lesson-class"]').click()
    link = panel.locator("[data-class-link]")
    expect(link).to_have_attribute("href", re.compile(r"/runs/[^/]+/\?watch="))
    url = link.get_attribute("href")

    students = [new_page(browser, app_url, size=(1280, 720)) for _ in range(2)]
    for student in students:
        student.goto(url)
        expect(student.locator("[data-watch]")).to_have_attribute("data-ready", "true")
        expect(student.locator("[data-class-question]")).to_be_visible()
    students[0].locator('[data-answer="1"]').click()
    students[1].locator('[data-answer="0"]').click()
    students[1].locator('[data-answer="1"]').click()  # changed their mind: one answer each
    expect(panel.locator("[data-class-answered]")).to_have_attribute("data-class-answered", "2")
    expect(panel.locator('[data-tally="B"]')).to_contain_text("2")
    expect(panel.locator('[data-tally="A"]')).to_contain_text("0")

    panel.locator('[data-choice="1"]').check()
    panel.locator('[data-action="lesson-answer"]').click()
    teacher.locator('[data-control="speed"]').select_option("max")
    for index in range(2):
        panel.locator('[data-action="lesson-play"]').click()
        expect(
            panel.locator(f'[data-lesson-step="{index}"][data-step-state="done"]')
        ).to_be_visible(timeout=60_000)
    for student in students:
        expect(student.locator("[data-class-tally]").first).to_be_visible()
        expect(student.locator('[data-answer="1"]')).to_be_disabled()
        expect(status(student)).to_have_attribute("data-live-status", "finished", timeout=60_000)
        expect(student.locator("[data-class-verdict]")).to_have_attribute(
            "data-class-verdict", "right"
        )
    for page in (teacher, *students):
        assert not page.script_errors, page.script_errors
        page.context.close()
