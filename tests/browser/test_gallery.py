"""The gallery: the examples with their descriptions, the visitor's own diagrams, and new,
open, duplicate and delete."""

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import drop, new_diagram, saved

pytestmark = pytest.mark.e2e


def test_gallery_lists_examples_and_manages_own_diagrams(page, examples):
    page.goto("/")
    cards = page.locator('[data-gallery-list="examples"] [data-diagram-id]')
    expect(cards).to_have_count(len(examples))
    orders = examples["order-queue-dlq"]
    card = page.locator(f'[data-diagram-id="{orders.pk}"]')
    expect(card).to_contain_text(orders.name)
    expect(card).to_contain_text(orders.document["description"])
    expect(card.locator('[data-action="delete"]')).to_have_count(0)
    expect(page.locator('[data-gallery-status="mine"]')).to_contain_text("No diagrams yet")

    card.locator('[data-action="duplicate"]').click()
    asked = page.locator('[data-dialog="duplicate"] [data-field="copy-name"]')
    expect(asked).to_have_value(f"Copy of {orders.name}")
    expect(asked).to_be_focused()
    page.keyboard.type("My orders", delay=150)  # the suggestion is selected: typing replaces it
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/diagrams/{orders.pk}/" not in url and "/diagrams/" in url)
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    copy = Diagram.objects.get(is_example=False)
    assert copy.name == "My orders"

    page.goto("/")
    mine = page.locator(f'[data-gallery-list="mine"] [data-diagram-id="{copy.pk}"]')
    expect(mine).to_contain_text(copy.name)
    mine.locator('[data-action="open"]').click()
    page.wait_for_url(f"**/diagrams/{copy.pk}/")
    page.go_back()

    mine.locator('[data-action="delete"]').click()
    page.locator('[data-dialog="confirm-delete"] [data-choice="delete"]').click()
    expect(mine).to_have_count(0)
    assert not Diagram.objects.filter(pk=copy.pk).exists()


def test_gallery_cards_show_a_picture_a_level_and_the_suggested_order(person, examples):
    page = person
    page.goto("/")
    cards = page.locator('[data-gallery-list="examples"] [data-diagram-id]')
    expect(cards).to_have_count(len(examples))
    orders = cards.evaluate_all(
        "els => els.map(e => Number(e.querySelector('[data-guide-order]').dataset.guideOrder))"
    )
    assert orders == list(range(1, len(examples) + 1))
    first = cards.first
    assert first.get_attribute("data-diagram-id") == str(examples["order-queue-dlq"].pk)
    expect(first.locator("[data-level]")).to_contain_text("Level 1")

    # Each picture has one box per node, placed as the document places them, and a line per edge.
    for slug in ("order-queue-dlq", "sns-fanout-filters"):
        example = examples[slug]
        card = page.locator(f'[data-diagram-id="{example.pk}"]')
        picture = card.locator("[data-thumbnail]")
        expect(picture).to_be_visible()
        boxes = picture.locator("[data-thumbnail-node]")
        expect(boxes).to_have_count(len(example.document["nodes"]))
        expect(picture.locator("[data-thumbnail-edge]")).to_have_count(
            len(example.document["edges"])
        )
        xs = boxes.evaluate_all(
            "els => els.map(e => [e.dataset.thumbnailNode, e.getBoundingClientRect().x])"
        )
        placed = {node["id"]: node["position"]["x"] for node in example.document["nodes"]}
        by_screen = [node_id for node_id, _ in sorted(xs, key=lambda pair: pair[1])]
        assert by_screen == sorted(
            placed, key=lambda node_id: (placed[node_id], by_screen.index(node_id))
        )
    page.screenshot(path="/tmp/i9-gallery.png", full_page=False)

    # An own diagram has a picture too, and no level.
    new_diagram(page)
    drop(page, "sqs.queue", 200, 150)
    saved(page)
    page.goto("/")
    mine = page.locator('[data-gallery-list="mine"] [data-diagram-id]')
    expect(mine).to_have_count(1)
    expect(mine.locator("[data-thumbnail]")).to_have_count(1)
    expect(mine.locator("[data-level]")).to_have_count(0)
