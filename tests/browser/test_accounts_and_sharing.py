"""Diagrams follow their author: sign up on one computer, sign in on another; and a shared
link opens a read-only view with "Duplicate to edit"."""

import re

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import act, diagram_id, drop, new_diagram, open_editor, saved

pytestmark = pytest.mark.e2e

PASSWORD = "teach-the-dlq-42"


def test_a_demo_made_before_signing_up_opens_on_another_computer(person, browser, server):
    page = person
    new_diagram(page)
    drop(page, "sqs.queue", 240, 160)
    saved(page)
    number = diagram_id(page)

    page.locator('[data-account-link="sign-up"]').click()
    page.locator("#id_username").click()
    page.keyboard.type("teacher", delay=30)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator('[data-account-form="sign-up"] button[type=submit]').click()
    page.wait_for_url(f"**/diagrams/{number}/")  # back where they were
    expect(page.locator("[data-account-name]")).to_have_text("teacher")
    assert Diagram.objects.get(pk=number).owner.username == "teacher"

    classroom = browser.new_context(base_url=server, viewport={"width": 1280, "height": 720})
    other = classroom.new_page()
    assert other.goto(f"/diagrams/{number}/").status == 404
    other.goto("/accounts/sign-in/")
    other.locator("#id_username").fill("teacher")
    other.locator("#id_password").fill("wrong password")
    other.locator('[data-account-form="sign-in"] button[type=submit]').click()
    expect(other.locator("[data-form-error]")).to_be_visible()
    other.locator("#id_password").fill(PASSWORD)
    other.locator('[data-account-form="sign-in"] button[type=submit]').click()
    other.wait_for_url("**/")
    card = other.locator(f'[data-gallery-list="mine"] [data-diagram-id="{number}"]')
    expect(card).to_be_visible()
    card.locator('[data-action="open"]').click()
    expect(other.locator('[data-node-id="queue"]')).to_be_visible()
    classroom.close()


def test_share_diagram_gives_a_read_only_link_that_duplicates_to_edit(person, browser, server):
    page = person
    new_diagram(page)
    drop(page, "sns.topic", 200, 160)
    saved(page)
    number = diagram_id(page)
    act(page, "share-diagram")
    link = page.locator('[data-dialog="share-diagram"] [data-share-link]')
    expect(link).to_have_value(re.compile(r"/shared/[\w-]+/$"))
    url = link.input_value()
    assert url == f"{server}/shared/{Diagram.objects.get(pk=number).share_token}/"
    page.screenshot(path="/tmp/i9-share.png")

    stranger = browser.new_context(base_url=server, viewport={"width": 1280, "height": 720})
    seen = stranger.new_page()
    seen.goto(url)
    expect(seen.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(seen.locator('[data-banner="shared"]')).to_be_visible()
    expect(seen.locator('[data-node-id="topic"]')).to_be_visible()
    expect(seen.locator('[data-action="save"]')).to_be_disabled()
    expect(seen.locator('[data-action="run"]')).to_have_count(0)  # the copy runs, not the link
    seen.locator('[data-banner="shared"] [data-action="duplicate"]').click()
    seen.wait_for_url(lambda u: "/shared/" not in u and "/diagrams/" in u)
    expect(seen.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(seen.locator('[data-banner="shared"]')).to_have_count(0)
    expect(seen.locator('[data-node-id="topic"]')).to_be_visible()
    assert Diagram.objects.filter(is_example=False).count() == 2

    # Stop sharing: the old link answers 404.
    page.locator('[data-dialog="share-diagram"] [data-share-stop]').click()
    expect(page.locator('[data-dialog="share-diagram"] [data-share-status]')).to_contain_text(
        "Sharing stopped"
    )
    assert seen.goto(url).status == 404
    stranger.close()


def test_an_example_cannot_be_shared(person, examples):
    page = person
    open_editor(page, f"/diagrams/{examples['order-queue-dlq'].pk}/")
    expect(page.locator('[data-action="share-diagram"]')).to_be_disabled()
