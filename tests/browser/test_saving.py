"""Saving when things go wrong: a conflicting save elsewhere (409), no server (offline) or a
failing one (500): the user is told, chooses, and never loses the document."""

import json

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import (
    click_node,
    diagram_id,
    drop,
    new_diagram,
    node_ids,
    open_editor,
    saved,
)

pytestmark = pytest.mark.e2e


def rename(page, node_id, label):
    click_node(page, node_id)
    field = page.locator('[data-field="label"]')
    field.fill(label)
    field.press("Enter")


def test_a_conflicting_save_offers_reload_or_overwrite(context):
    first = context.new_page()
    new_diagram(first)
    drop(first, "sqs.queue", 300, 200)
    saved(first)
    second = context.new_page()
    open_editor(second, f"/diagrams/{diagram_id(first)}/")

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
    new_diagram(page)
    drop(page, "sqs.queue", 300, 200)
    saved(page)
    opened = diagram_id(page)

    def fail(route):
        if route.request.method != "PUT":
            route.continue_()
        elif failure == "offline":
            route.abort("internetdisconnected")
        else:
            route.fulfill(status=500, body="<h1>Server Error</h1>", content_type="text/html")

    page.route(f"**/api/diagrams/{opened}/", fail)
    drop(page, "lambda.function", 600, 200)

    status = page.locator("[data-save-status]")
    expect(status).to_have_attribute("data-state", "offline")
    expect(status).to_contain_text("kept in this browser")
    expect(page.locator('[data-action="retry-save"]')).to_be_visible()
    kept = json.loads(page.evaluate(f"localStorage.getItem('eventyard:unsaved:{opened}')"))
    assert [n["id"] for n in kept["document"]["nodes"]] == ["queue", "function"]
    assert len(Diagram.objects.get().document["nodes"]) == 1

    # Closing the tab now loses nothing: the page comes back with the unsaved change.
    page.reload()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator('[data-node-id="function"]')).to_have_count(1)
    expect(page.locator("[data-toast]")).to_contain_text("Restored the unsaved changes")
    expect(status).to_have_attribute("data-state", "offline")  # its autosave failed again

    page.unroute(f"**/api/diagrams/{opened}/")
    page.locator('[data-action="retry-save"]').click()
    saved(page)
    assert len(Diagram.objects.get().document["nodes"]) == 2
    assert page.evaluate(f"localStorage.getItem('eventyard:unsaved:{opened}')") is None


def test_explicit_save_with_the_keyboard(page):
    new_diagram(page)
    drop(page, "sns.topic", 300, 200)
    page.keyboard.press("Control+s")
    saved(page)
    assert Diagram.objects.get().document["nodes"][0]["type"] == "sns.topic"


def test_a_new_diagram_is_created_by_its_first_change_not_by_opening_it(page):
    new_diagram(page)
    assert page.url.endswith("/diagrams/new/")
    page.wait_for_load_state("networkidle")
    assert not Diagram.objects.exists(), "opening New makes nothing on the server"

    drop(page, "sqs.queue", 300, 200)
    saved(page)
    created = diagram_id(page)  # the address is the diagram's own now, without a reload
    assert list(Diagram.objects.values_list("pk", flat=True)) == [created]
    assert page.locator("[data-editor]").get_attribute("data-diagram-id") == str(created)

    drop(page, "lambda.function", 600, 200)  # later changes save into the same diagram
    saved(page)
    assert Diagram.objects.count() == 1
    assert len(Diagram.objects.get().document["nodes"]) == 2
    page.reload()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    assert sorted(node_ids(page)) == ["function", "queue"]
