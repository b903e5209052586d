"""The gallery: the examples with their descriptions, the visitor's own diagrams, and new,
open, duplicate and delete."""

import pytest
from playwright.sync_api import expect

from designer.models import Diagram

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
    page.wait_for_url(lambda url: f"/diagrams/{orders.pk}/" not in url and "/diagrams/" in url)
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    copy = Diagram.objects.get(is_example=False)
    assert copy.name == f"{orders.name} (copy)"

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
