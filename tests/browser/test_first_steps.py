"""What a new user sees first: the empty canvas says what to do, and goes once a service
is on it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import drop, new_diagram

pytestmark = pytest.mark.e2e


def test_the_empty_canvas_says_how_to_start_and_the_hint_goes_with_the_first_node(person):
    page = person
    new_diagram(page)
    hint = page.locator("[data-empty-hint]")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("drag a service here, or open an example", ignore_case=True)
    page.screenshot(path="/tmp/i9-empty.png")

    drop(page, "sqs.queue", 320, 200)  # a drop through the hint still lands on the canvas
    expect(page.locator("[data-node-id=queue]")).to_be_visible()
    expect(hint).to_be_hidden()
    page.keyboard.press("Delete")
    expect(page.locator("[data-node-id]")).to_have_count(0)
    expect(hint).to_be_visible()

    hint.locator("[data-empty-hint-examples]").click()
    page.wait_for_url(re.compile(r"/#examples-heading$"))
    expect(page.locator('[data-gallery-list="examples"]')).to_be_attached()


def test_an_example_shows_no_empty_canvas_hint(person, examples):
    page = person
    page.goto(f"/diagrams/{examples['order-queue-dlq'].pk}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator("[data-node-id]").first).to_be_visible()
    expect(page.locator("[data-empty-hint]")).to_be_hidden()
