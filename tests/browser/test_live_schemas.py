"""The live panel's Schemas tab (EventBridge schema discovery): while the schema-discovery
example runs the discovered schema is listed with its versions so far; when it ends, its
three versions with what changed, the diff between two of them and its Python and
TypeScript code bindings, all as the headless report has them. The server is
`tests/browser/test_live.py`'s; the page is read through `data-*`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from engine import Simulation, load_diagram
from tests.browser.test_live import app_url, example_named, owner_page, status

pytestmark = pytest.mark.e2e
__all__ = ["app_url"]

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "engine/examples/schema-discovery.json").read_text())
SCHEMA = "shop.checkout@OrderPlaced"
SHOTS = Path("/tmp/eventyard-shots")


@pytest.fixture(scope="module")
def example_id(app_url) -> int:
    return example_named(app_url, EXAMPLE["name"])


@pytest.fixture
def owner(browser, app_url, example_id) -> Page:
    yield from owner_page(browser, app_url, example_id, size=(1280, 720))


def test_the_schemas_tab_lists_versions_diffs_and_code_bindings(owner):
    sim = Simulation(load_diagram(EXAMPLE), seed=EXAMPLE["sim"]["seed"])
    sim.run(EXAMPLE["sim"]["duration"])
    expected = sim.report()["schemas"]["registry"][SCHEMA]

    owner.locator('[data-control="speed"]').select_option("10")
    owner.locator('[data-action="run"]').click()
    tab = owner.locator('[data-live-tab="schemas"]')
    expect(tab).to_be_visible()
    tab.click()
    pane = owner.locator("[data-live-schemas]")
    schema = pane.locator(f'[data-schema="{SCHEMA}"]')
    expect(schema).to_be_visible(timeout=30_000)  # discovered from the first event
    expect(status(owner)).to_have_attribute("data-live-status", "finished", timeout=90_000)
    owner.locator('[data-live-summary] [aria-label="Hide the summary"]').click()
    expect(schema).to_have_attribute("data-schema-versions", "3")
    schema.click()
    versions = pane.locator("[data-schema-version]")
    expect(versions).to_have_count(3)
    expect(versions.nth(1)).to_contain_text("added detail.coupon (string)")
    expect(versions.nth(2)).to_contain_text("changed detail.amount: number → string")
    diff = pane.locator("[data-schema-diff]")
    expect(diff).to_have_attribute("data-schema-diff", "2..3")
    removed = diff.locator('[data-op="-"]').all_text_contents()
    added = diff.locator('[data-op="+"]').all_text_contents()
    assert any('"number"' in line for line in removed) and any('"string"' in line for line in added)
    binding = pane.locator("[data-schema-binding]")
    expect(binding).to_have_text(expected["bindings"]["python"])
    pane.locator('[data-schema-language="typescript"]').click()
    expect(binding).to_have_attribute("data-schema-binding", "typescript")
    expect(binding).to_contain_text("export interface OrderPlaced {")
    SHOTS.mkdir(exist_ok=True)
    owner.screenshot(path=str(SHOTS / "live-schemas.png"))
