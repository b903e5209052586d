"""Readable on a projector: node labels are never cut off, and the toolbar keeps to one row
at 1280 px with every action still reachable."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import act, click_node, drop, new_diagram, node, saved

pytestmark = pytest.mark.e2e

LABELS = {
    "queue": "large-order-processing-queue",
    "queue2": "Image-upload-notifications for thumbnails",
    "queue3": "Supercalifragilisticexpialidociousqueue",
    "queue4": "orders",
}


def rename(page, node_id: str, label: str) -> None:
    click_node(page, node_id)
    # The inspector redraws on the next frame: wait for it to show this node.
    panel = page.locator(f'[data-inspector] [data-inspecting-id="{node_id}"]')
    expect(panel).to_be_visible()
    field = panel.locator('[data-field="label"]')
    field.fill(label)
    field.press("Enter")


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def test_long_labels_wrap_or_widen_the_node_and_are_never_cut(person):
    page = person
    new_diagram(page)
    for index, node_id in enumerate(LABELS):
        drop(page, "sqs.queue", 160 + 360 * (index % 2), 80 + 150 * (index // 2))
        expect(node(page, node_id)).to_be_visible()
    for node_id, label in LABELS.items():
        rename(page, node_id, label)
    saved(page)
    page.screenshot(path="/tmp/i9-labels.png")

    for node_id, label in LABELS.items():
        text = node(page, node_id).locator("[joint-selector=label]")
        shown = text.text_content()
        assert "…" not in shown
        assert shown.replace(" ", "") == label.replace(" ", "")
        body = node(page, node_id).locator("[joint-selector=body]").bounding_box()
        assert inside(text.bounding_box(), body), node_id
        assert inside(
            node(page, node_id).locator("[joint-selector=kindLabel]").bounding_box(), body
        )
        port = node(page, node_id).locator('[data-port="out"]').bounding_box()
        assert abs(port["x"] + port["width"] / 2 - (body["x"] + body["width"])) < 2
    # A label that fits stays on one line on the standard card.
    assert node(page, "queue4").locator("[joint-selector=label] tspan").count() == 1
    assert node(page, "queue").locator("[joint-selector=label] tspan").count() == 2

    page.reload()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    shown = node(page, "queue3").locator("[joint-selector=label]").text_content()
    assert shown == LABELS["queue3"]


def test_auto_layout_leaves_room_for_wide_nodes(person):
    page = person
    new_diagram(page)
    drop(page, "sqs.queue", 160, 100)
    drop(page, "sqs.queue", 160, 300)
    rename(page, "queue", "large-order-processing-queue-with-a-long-name")
    wire_dead_letter = page.locator("[data-connect] summary")
    wire_dead_letter.click()
    page.locator('[data-connect-target="queue2"][data-connect-kind="dead-letter"]').click()
    expect(page.locator('[data-edge-kind="dead-letter"]')).to_have_count(1)

    act(page, "layout")
    page.wait_for_timeout(300)
    wide = node(page, "queue").locator("[joint-selector=body]").bounding_box()
    after = node(page, "queue2").locator("[joint-selector=body]").bounding_box()
    assert after["x"] > wide["x"] + wide["width"] + 40
    # The minimap draws the wide node wide too.
    widths = page.locator("[data-minimap] .minimap-node").evaluate_all(
        "els => els.map(e => Number(e.getAttribute('width')))"
    )
    assert widths[0] > widths[1] * 1.3


def test_the_toolbar_is_one_row_at_1280_and_every_action_is_reachable(person):
    page = person
    new_diagram(page)
    visible = page.locator("[data-toolbar] .button:visible")
    tops = {
        round(box["y"])
        for box in visible.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")
    }
    assert len(tops) == 1, f"toolbar buttons sit on {len(tops)} rows: {sorted(tops)}"
    toolbar = page.locator("[data-toolbar]").bounding_box()
    assert toolbar["height"] < 56
    page.screenshot(path="/tmp/i9-toolbar.png")

    for name in [
        "new",
        "save",
        "export",
        "import",
        "run",
        "step",
        "undo",
        "redo",
        "delete",
        "share",
    ]:
        expect(page.locator(f'[data-toolbar] [data-action="{name}"]')).to_have_count(1)
    # The overflow menu opens from its button, lists the rest, and closes after a choice.
    act(page, "export")
    expect(page.locator('[data-dialog="export"]')).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("[data-more-menu]")).not_to_have_attribute("open", "")
    act(page, "snap")
    expect(page.locator('[data-action="snap"]')).to_have_attribute("aria-pressed", "false")
