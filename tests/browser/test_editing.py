"""Editing on the canvas: multi-select, delete, undo/redo, copy/paste, zoom and fit,
auto-layout, the minimap, renaming in place and the shortcuts overlay."""

import time

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import (
    act,
    body_box,
    click_node,
    drop,
    edges,
    new_diagram,
    node,
    node_ids,
    saved,
    wire,
)

pytestmark = pytest.mark.e2e


def three_nodes(page):
    new_diagram(page)
    drop(page, "producer", 140, 140)
    drop(page, "sqs.queue", 440, 140)
    drop(page, "lambda.function", 740, 140)
    wire(page, "producer", "queue")
    wire(page, "queue", "function")
    expect(page.locator("[data-edge-id]")).to_have_count(2)


def test_delete_undo_and_redo_every_change(page):
    three_nodes(page)
    click_node(page, "queue")

    page.locator('[data-action="delete"]').click()
    expect(page.locator("[data-node-id]")).to_have_count(2)
    assert node_ids(page) == ["producer", "function"]
    expect(page.locator("[data-edge-id]")).to_have_count(0)

    page.locator('[data-action="undo"]').click()
    expect(page.locator("[data-node-id]")).to_have_count(3)
    expect(page.locator("[data-edge-id]")).to_have_count(2)
    assert edges(page) == [("e1", "publish"), ("e2", "event-source")]

    page.locator('[data-action="redo"]').click()
    expect(page.locator("[data-node-id]")).to_have_count(2)

    # Keyboard too, back to the start: redo, then undo every step down to the empty page.
    page.keyboard.press("Control+z")
    expect(page.locator("[data-node-id]")).to_have_count(3)
    for _ in range(5):  # two wires, three drops
        page.keyboard.press("Control+z")
    expect(page.locator("[data-node-id]")).to_have_count(0)
    expect(page.locator('[data-action="undo"]')).to_be_disabled()
    page.keyboard.press("Control+Shift+z")
    expect(page.locator("[data-node-id]")).to_have_count(1)


def _settled(read, done, *, timeout: float = 5.0):
    """Read until `done(value)` or the timeout; the last value either way."""
    deadline = time.monotonic() + timeout
    value = read()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return value


def test_shift_click_selects_several_and_moving_one_moves_them_all(page):
    three_nodes(page)
    click_node(page, "producer")
    click_node(page, "queue", shift=True)
    expect(page.locator("[data-inspecting=many]")).to_contain_text("2 nodes")

    before = {n: body_box(page, n) for n in ("producer", "queue", "function")}
    body = node(page, "producer").locator("[joint-selector=body]").bounding_box()
    page.mouse.move(body["x"] + 100, body["y"] + 12)
    page.mouse.down()
    page.mouse.move(body["x"] + 100, body["y"] + 212, steps=6)
    page.mouse.up()

    _settled(lambda: body_box(page, "queue"), lambda box: box["y"] > before["queue"]["y"] + 150)
    after = {n: body_box(page, n) for n in ("producer", "queue", "function")}
    assert after["producer"]["y"] > before["producer"]["y"] + 150
    assert after["queue"]["y"] > before["queue"]["y"] + 150
    assert after["function"]["y"] == pytest.approx(before["function"]["y"], abs=1)
    saved(page)
    stored = {n["id"]: n["position"] for n in Diagram.objects.get().document["nodes"]}
    assert stored["producer"]["y"] == stored["queue"]["y"] != stored["function"]["y"]
    assert stored["producer"]["y"] % 20 == 0  # snapped to the grid

    page.locator('[data-action="undo"]').click()
    # The canvas redraws after the undo: wait (bounded) for the node to come back.
    back = _settled(
        lambda: body_box(page, "queue"), lambda box: abs(box["y"] - before["queue"]["y"]) <= 1
    )
    assert back["y"] == pytest.approx(before["queue"]["y"], abs=1)


def test_rubber_band_selects_then_copy_paste_and_duplicate(page):
    three_nodes(page)
    canvas = page.locator("[data-canvas]").bounding_box()
    page.mouse.move(canvas["x"] + 5, canvas["y"] + 5)
    page.mouse.down()
    page.mouse.move(canvas["x"] + canvas["width"] - 5, canvas["y"] + 300, steps=6)
    page.mouse.up()
    expect(page.locator("[data-inspecting=many]")).to_contain_text("3 nodes")

    page.keyboard.press("Control+c")
    page.keyboard.press("Control+v")

    expect(page.locator("[data-node-id]")).to_have_count(6)
    assert set(node_ids(page)) == {
        "producer",
        "queue",
        "function",
        "producer2",
        "queue2",
        "function2",
    }
    expect(page.locator("[data-edge-id]")).to_have_count(4)
    pasted = page.locator('[data-edge-id="e3"]')
    assert pasted.get_attribute("data-edge-kind") == "publish"

    click_node(page, "function2")
    act(page, "duplicate-selection")
    expect(page.locator('[data-node-id="function3"]')).to_have_count(1)
    page.keyboard.press("Control+z")
    expect(page.locator('[data-node-id="function3"]')).to_have_count(0)
    saved(page)
    assert len(Diagram.objects.get().document["nodes"]) == 6


def test_zoom_fit_and_pan(page):
    three_nodes(page)
    canvas = page.locator("[data-canvas]")
    start = float(canvas.get_attribute("data-zoom"))

    page.locator('[data-action="zoom-in"]').click()
    assert float(canvas.get_attribute("data-zoom")) == pytest.approx(start * 1.2, rel=0.01)
    page.locator('[data-action="zoom-out"]').click()
    page.locator('[data-action="zoom-out"]').click()
    assert float(canvas.get_attribute("data-zoom")) < start

    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -400)
    page.keyboard.up("Control")
    expect(canvas).not_to_have_attribute("data-zoom", f"{start / 1.2:.2f}")

    page.locator('[data-action="fit"]').click()
    for name in ("producer", "queue", "function"):
        shown = body_box(page, name)
        assert box["x"] <= shown["x"] and shown["x"] + shown["width"] <= box["x"] + box["width"]

    before = body_box(page, "queue")
    page.mouse.move(box["x"] + 300, box["y"] + 400)
    page.mouse.wheel(120, 0)
    page.wait_for_timeout(100)
    assert body_box(page, "queue")["x"] != pytest.approx(before["x"], abs=1)


def test_auto_layout_and_minimap(page):
    new_diagram(page)
    # Right to left and up and down: the wires run backwards.
    for index, kind in enumerate(["lambda.function", "sqs.queue", "producer"]):
        drop(page, kind, 140 + index * 260, 100 + (index % 2) * 200)
    wire(page, "producer", "queue")
    wire(page, "queue", "function")
    expect(page.locator("[data-edge-id]")).to_have_count(2)
    expect(page.locator("[data-minimap] .minimap-node")).to_have_count(3)

    act(page, "layout")
    page.wait_for_timeout(200)  # the fit after the layout

    boxes = [body_box(page, n) for n in ("producer", "queue", "function")]
    assert boxes[0]["x"] + boxes[0]["width"] < boxes[1]["x"]
    assert boxes[1]["x"] + boxes[1]["width"] < boxes[2]["x"]
    assert abs(boxes[0]["y"] - boxes[2]["y"]) < 2  # one row
    expect(page.locator("[data-minimap] .minimap-view")).to_have_count(1)
    page.keyboard.press("Control+z")
    # The canvas renders asynchronously (next frames): wait, bounded, for the undone layout.
    page.wait_for_function(
        """() => {
            const x = (id) => document.querySelector(`[data-node-id="${id}"] [joint-selector=body]`)
                .getBoundingClientRect().x;
            return x("producer") > x("function");
        }"""
    )


def test_rename_in_place_and_shortcuts_overlay(page):
    three_nodes(page)
    node(page, "queue").locator("[joint-selector=body]").dblclick(position={"x": 100, "y": 12})
    editor = page.locator('[data-label-editor="queue"]')
    editor.fill("orders")
    editor.press("Enter")
    expect(node(page, "queue").locator("[joint-selector=label]")).to_have_text("orders")
    saved(page)
    assert Diagram.objects.get().document["nodes"][1]["label"] == "orders"

    page.locator("[data-canvas]").click(position={"x": 600, "y": 420})
    page.keyboard.press("?")
    overlay = page.locator('[data-dialog="shortcuts"]')
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("Undo")
    page.keyboard.press("Escape")
    expect(overlay).to_have_count(0)


def test_user_text_never_becomes_markup(page):
    attack = '<img src=x onerror="window.__pwned=1">'
    new_diagram(page)
    drop(page, "sqs.queue", 300, 200)
    click_node(page, "queue")
    label = page.locator('[data-field="label"]')
    label.fill(attack)
    label.press("Enter")
    page.locator("[data-canvas]").click(position={"x": 700, "y": 420})
    name = page.locator('[data-field="name"]')
    name.fill(attack)
    name.press("Enter")
    saved(page)

    page.reload()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("[data-editor] img[src=x], [data-canvas] image[href=x]").count() == 0
    expect(node(page, "queue").locator("[joint-selector=tooltip]")).to_contain_text(attack)
    assert node(page, "queue").locator("[joint-selector=label]").text_content().startswith("<img")
    expect(page.locator("[data-diagram-name]")).to_have_text(attack)

    page.goto("/")
    expect(page.locator('[data-gallery-list="mine"] .card-name')).to_have_text(attack)
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__pwned") is None
