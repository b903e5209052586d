"""Saving when things go wrong: a conflicting save elsewhere (409), no server (offline) or a
failing one (500): the user is told, chooses, and never loses the document."""

import json

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import click_node, drop, new_diagram, open_editor, saved

pytestmark = pytest.mark.e2e


def rename(page, node_id, label):
    click_node(page, node_id)
    field = page.locator('[data-field="label"]')
    field.fill(label)
    field.press("Enter")


def test_a_conflicting_save_offers_reload_or_overwrite(context):
    first = context.new_page()
    diagram_id = new_diagram(first)
    drop(first, "sqs.queue", 300, 200)
    saved(first)
    second = context.new_page()
    open_editor(second, f"/diagrams/{diagram_id}/")

    rename(first, "queue", "from the first tab")
    saved(first)
    rename(second, "queue", "from the second tab")

    dialog = second.locator('[data-dialog="conflict"]')
    expect(dialog).to_be_visible()
    expect(second.locator("[data-save-status]")).to_have_attribute("data-state", "conflict")
    dialog.locator('[data-choice="overwrite"]').click()
    saved(second)
    assert Diagram.objects.get().document["nodes"][0]["label"] == "from the second tab"

    rename(first, "queue", "first again")
    dialog = first.locator('[data-dialog="conflict"]')
    dialog.locator('[data-choice="reload"]').click()
    expect(first.locator('[data-node-id="queue"] [joint-selector=tooltip]')).to_contain_text(
        "from the second tab"
    )
    saved(first)
    assert Diagram.objects.get().document["nodes"][0]["label"] == "from the second tab"


@pytest.mark.parametrize("failure", ["offline", "server error"])
def test_a_failed_save_keeps_the_document_and_retries(page, failure):
    diagram_id = new_diagram(page)
    drop(page, "sqs.queue", 300, 200)
    saved(page)

    def fail(route):
        if route.request.method != "PUT":
            route.continue_()
        elif failure == "offline":
            route.abort("internetdisconnected")
        else:
            route.fulfill(status=500, body="<h1>Server Error</h1>", content_type="text/html")

    page.route(f"**/api/diagrams/{diagram_id}/", fail)
    drop(page, "lambda.function", 600, 200)

    status = page.locator("[data-save-status]")
    expect(status).to_have_attribute("data-state", "offline")
    expect(status).to_contain_text("kept in this browser")
    expect(page.locator('[data-action="retry-save"]')).to_be_visible()
    kept = json.loads(page.evaluate(f"localStorage.getItem('eventyard:unsaved:{diagram_id}')"))
    assert [n["id"] for n in kept["document"]["nodes"]] == ["queue", "function"]
    assert len(Diagram.objects.get().document["nodes"]) == 1

    # Closing the tab now loses nothing: the page comes back with the unsaved change.
    page.reload()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator('[data-node-id="function"]')).to_have_count(1)
    expect(page.locator("[data-toast]")).to_contain_text("Restored the unsaved changes")
    expect(status).to_have_attribute("data-state", "offline")  # its autosave failed again

    page.unroute(f"**/api/diagrams/{diagram_id}/")
    page.locator('[data-action="retry-save"]').click()
    saved(page)
    assert len(Diagram.objects.get().document["nodes"]) == 2
    assert page.evaluate(f"localStorage.getItem('eventyard:unsaved:{diagram_id}')") is None


def test_explicit_save_with_the_keyboard(page):
    new_diagram(page)
    drop(page, "sns.topic", 300, 200)
    page.keyboard.press("Control+s")
    saved(page)
    assert Diagram.objects.get().document["nodes"][0]["type"] == "sns.topic"
