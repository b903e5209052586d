"""Advice and problems speak of nodes by their labels, and the curated examples show only
the advice they are about."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_node, drop, new_diagram, open_editor, saved, wire

pytestmark = pytest.mark.e2e


def rename(page, node_id: str, label: str) -> None:
    click_node(page, node_id)
    field = page.locator('[data-inspector] [data-field="label"]')
    field.fill(label)
    field.press("Enter")


def test_advice_names_nodes_by_label_and_adds_the_id_only_where_labels_repeat(person):
    page = person
    new_diagram(page)
    drop(page, "sqs.queue", 120, 120)
    drop(page, "lambda.function", 460, 120)
    drop(page, "lambda.function", 460, 300)
    wire(page, "queue", "function")
    rename(page, "queue", "Orders queue")
    rename(page, "function", "worker")
    rename(page, "function2", "worker")
    saved(page)

    listed = page.locator("[data-problems]")
    expect(listed.locator('[data-problem="nodes[0]"]')).to_contain_text(
        "queue 'Orders queue' is read by 'worker' (id function)"
    )
    expect(listed.locator('[data-problem="nodes[0]"]')).to_contain_text("Orders queue")
    unused = listed.locator('[data-problem="nodes[2]"]')
    expect(unused).to_contain_text("function 'worker' (id function2) has no trigger")
    assert "'queue'" not in listed.text_content()

    # Once the labels differ, the ids go.
    rename(page, "function2", "spare worker")
    saved(page)
    expect(listed.locator('[data-problem="nodes[2]"]')).to_contain_text(
        "function 'spare worker' has no trigger"
    )
    expect(listed.locator('[data-problem="nodes[0]"]')).to_contain_text("is read by 'worker' but")


def test_examples_show_only_the_advice_they_are_about(person, examples):
    page = person
    with page.expect_response(lambda r: r.url.endswith("/validate/")) as checked:
        open_editor(page, f"/diagrams/{examples['order-queue-dlq'].pk}/")
    assert checked.value.json()["warnings"] == []
    page.wait_for_timeout(200)
    expect(page.locator("[data-problems-panel]")).to_have_attribute("data-state", "clean")

    open_editor(page, f"/diagrams/{examples['lambda-throttling-burst'].pk}/")
    advice = page.locator("[data-problems] .problem-warning")
    expect(advice).to_have_count(2)
    for text in advice.all_text_contents():
        assert "This example shows" in text
