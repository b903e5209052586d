"""Zooming a large diagram: while a zoom is under way only what is in view stays mounted,
and text is left out when it is too small to read; everything returns once it settles."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.measure_200_nodes import big_document

pytestmark = pytest.mark.e2e

# Zooms once per frame for `frames` frames and reports, every frame, how many nodes are in
# the DOM, the canvas's `data-zooming` and whether the first node's label is displayed.
ZOOM_FRAMES = """([action, frames]) => new Promise((done) => {
  const seen = []; let step = 0;
  const tick = () => {
    const label = document.querySelector('[data-node-id] text');
    seen.push({ nodes: document.querySelectorAll('[data-node-id]').length,
      zooming: document.querySelector('[data-canvas]').dataset.zooming ?? null,
      text: label ? getComputedStyle(label).display : null });
    if (step++ >= frames) return done(seen);
    document.querySelector(`[data-action="${action}"]`).click();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick); })"""


@pytest.fixture
def big(page, server):
    page.goto("/")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    created = page.request.post(
        "/api/diagrams/",
        data=json.dumps({"name": "200 nodes", "document": big_document()}),
        headers={"Content-Type": "application/json", "X-CSRFToken": token},
    ).json()
    page.goto(f"/diagrams/{created['id']}/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator("[data-node-id]")).to_have_count(200)
    return page


def test_zooming_in_keeps_only_the_nodes_in_view_then_mounts_them_all_again(big):
    big.keyboard.press("0")  # 100%: most of the 50 chains are below the fold
    expect(big.locator("[data-canvas]")).not_to_have_attribute("data-zooming", "near")
    seen = big.evaluate(ZOOM_FRAMES, ["zoom-in", 6])
    assert {frame["zooming"] for frame in seen[1:]} == {"near"}
    assert min(frame["nodes"] for frame in seen) < 60, "out-of-view nodes were unmounted"
    assert all(frame["text"] != "none" for frame in seen), "near: labels stay readable"
    # Once the zoom settles, every node is back (tests, tokens and counters find them all).
    expect(big.locator("[data-canvas]")).not_to_have_attribute("data-zooming", "near")
    expect(big.locator("[data-node-id]")).to_have_count(200)
    expect(big.locator('[data-node-id="q49"]')).to_have_count(1)


def test_zooming_far_out_leaves_text_out_until_the_zoom_settles(big):
    big.keyboard.press("f")  # fitted: the scale is far below half
    assert float(big.locator("[data-canvas]").get_attribute("data-zoom")) < 0.5
    seen = big.evaluate(ZOOM_FRAMES, ["zoom-out", 3])
    assert seen[-1]["zooming"] == "far" and seen[-1]["text"] == "none"
    expect(big.locator("[data-canvas]")).not_to_have_attribute("data-zooming", "far")
    label = big.locator('[data-node-id="q0"] text').first
    assert label.evaluate("el => getComputedStyle(el).display") != "none"
