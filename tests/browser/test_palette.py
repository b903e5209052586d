"""The palette lists the catalogue's types under the catalogue's groups, with its icons;
the browser holds no table of types, groups or icons of its own."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from designer.catalog import catalog
from tests.browser.helpers import new_diagram

pytestmark = pytest.mark.e2e


def test_palette_groups_and_icons_come_from_the_catalogue(page: Page):
    new_diagram(page)
    served = catalog()
    groups = page.locator("[data-palette-group]")
    assert groups.evaluate_all("els => els.map(e => e.dataset.paletteGroup)") == served["groups"]
    for spec in served["node_types"]:
        group = page.locator(f'[data-palette-group="{spec["group"]}"]')
        item = group.locator(f'[data-palette-type="{spec["type"]}"]')
        expect(item).to_have_count(1)
        expect(item.locator("img")).to_have_attribute("src", spec["icon"])
    dlq = page.locator('[data-palette-group="Messaging"] [data-palette-type="sqs.queue:dlq"]')
    expect(dlq).to_have_count(1)


def test_searching_hides_groups_with_nothing_left(page: Page):
    new_diagram(page)
    page.locator("[data-palette-search]").fill("kinesis")
    expect(page.locator('[data-palette-group="Streaming"]')).to_be_visible()
    expect(page.locator('[data-palette-group="Messaging"]')).to_be_hidden()
    page.locator("[data-palette-search]").fill("monitoring")  # a group name matches too
    expect(page.locator('[data-palette-type="cloudwatch.alarm"]')).to_be_visible()
    expect(page.locator('[data-palette-group="Compute"]')).to_be_hidden()


def test_a_saas_partner_preset_drops_a_producer_of_that_partners_events(page: Page):
    """The Zendesk preset (Clients) drops a producer named `zendesk` whose payload is a
    partner event; wired to a plain bus, the advice says to make it the partner bus."""
    from tests.browser.helpers import diagram_id, drop, saved, wire

    new_diagram(page)
    page.locator("[data-palette-search]").fill("zendesk")
    item = page.locator('[data-palette-group="Clients"] [data-palette-type="producer:zendesk"]')
    expect(item).to_be_visible()
    expect(item.locator(".palette-type")).to_have_text("producer · zendesk")
    page.locator("[data-palette-search]").fill("")
    drop(page, "producer:zendesk", 160, 160)
    drop(page, "eventbridge.bus", 460, 160)
    wire(page, "zendesk", "bus")
    saved(page)
    document = page.request.get(f"/api/diagrams/{diagram_id(page)}/").json()["document"]
    (zendesk,) = [n for n in document["nodes"] if n["id"] == "zendesk"]
    source = zendesk["sim"]["payload"]["Source"]
    assert source.startswith("aws.partner/zendesk.com/")
    assert zendesk["sim"]["payload"]["DetailType"] == "Support Ticket: Ticket Created"
    advice = page.locator('[data-problems] [data-problem="edges[0]"]')
    expect(advice).to_contain_text("partner")
