"""Wiring as a person does it: several wires from one out port by mouse, a drag that does
nothing says so, and "Connect to..." in the inspector for the keyboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import click_node, drop, edges, new_diagram, node, saved

pytestmark = pytest.mark.e2e


def centre(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag_wire(page, source: str, target: str) -> None:
    """A real mouse drag from the middle of the source's out port to the target's in port."""
    start = centre(node(page, source).locator('[data-port="out"]').bounding_box())
    end = centre(node(page, target).locator('[data-port="in"]').bounding_box())
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 12, start[1] + 4, steps=3)
    page.mouse.move(*end, steps=12)
    page.mouse.up()


def test_one_out_port_starts_a_second_and_third_wire(person):
    page = person
    new_diagram(page)
    drop(page, "sns.topic", 100, 160)
    drop(page, "sqs.queue", 420, 60)
    drop(page, "sqs.queue", 420, 160)
    drop(page, "sqs.queue", 420, 260)
    expect(page.locator("[data-node-id]")).to_have_count(4)

    drag_wire(page, "topic", "queue")
    expect(page.locator("[data-edge-id]")).to_have_count(1)
    drag_wire(page, "topic", "queue2")
    expect(page.locator("[data-edge-id]")).to_have_count(2)
    drag_wire(page, "topic", "queue3")
    expect(page.locator("[data-edge-id]")).to_have_count(3)

    assert edges(page) == [("e1", "subscription"), ("e2", "subscription"), ("e3", "subscription")]
    saved(page)
    from designer.models import Diagram

    stored = Diagram.objects.get(is_example=False).document
    assert sorted((e["source"], e["target"]) for e in stored["edges"]) == [
        ("topic", "queue"),
        ("topic", "queue2"),
        ("topic", "queue3"),
    ]


def test_drags_that_make_no_wire_say_why(person):
    page = person
    new_diagram(page)
    drop(page, "sns.topic", 100, 160)
    drop(page, "sqs.queue", 520, 160)
    drag_wire(page, "topic", "queue")
    expect(page.locator("[data-edge-id]")).to_have_count(1)

    # Dragging the wire itself moves nothing: a hint says where wires start.
    line = page.locator("[data-edge-id=e1] [joint-selector=line]").bounding_box()
    x, y = line["x"] + line["width"] * 0.3, line["y"] + line["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y + 60, steps=6)
    page.mouse.up()
    expect(page.locator('[data-toast="hint"]')).to_contain_text("drag from the round handle")

    # A wire dropped on the empty canvas is dropped with a word, not silently.
    start = centre(node(page, "topic").locator('[data-port="out"]').bounding_box())
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] + 60, start[1] + 200, steps=10)
    page.mouse.up()
    expect(page.locator('[data-toast="hint"]').last).to_contain_text("drop its end on another node")
    expect(page.locator("[data-edge-id]")).to_have_count(1)


def test_connect_to_lists_allowed_targets_with_their_kind_and_works_by_keyboard(person):
    page = person
    new_diagram(page)
    drop(page, "lambda.function", 100, 160)
    drop(page, "sqs.queue", 460, 100)
    drop(page, "producer", 460, 260)
    click_node(page, "function")

    summary = page.locator("[data-connect] summary")
    summary.focus()
    page.keyboard.press("Enter")
    choices = page.locator("[data-connect] [data-connect-target]").evaluate_all(
        "els => els.map(e => [e.dataset.connectTarget, e.dataset.connectKind])"
    )
    # A function may publish to a queue or name it a destination; nothing goes into a producer.
    assert choices == [["queue", "destination"], ["queue", "publish"]]

    page.keyboard.press("Tab")
    expect(
        page.locator('[data-connect-target="queue"][data-connect-kind="destination"]')
    ).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator('[data-edge-kind="publish"]')).to_have_count(1)
    # The node stays selected and the list drops what is now wired; focus stays in the list.
    expect(page.locator("[data-connect] [data-connect-target]")).to_have_count(1)
    expect(page.locator('[data-connect-kind="destination"]')).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-edge-id]")).to_have_count(2)
    assert edges(page) == [("e1", "publish"), ("e2", "destination")]
    expect(page.locator("[data-connect] [data-connect-target]")).to_have_count(0)
    saved(page)


def test_a_drag_from_the_nodes_right_edge_beside_the_handle_starts_a_wire(person):
    page = person
    new_diagram(page)
    drop(page, "sns.topic", 100, 160)
    drop(page, "sqs.queue", 520, 160)
    body = node(page, "topic").locator("[joint-selector=body]").bounding_box()
    handle = centre(node(page, "topic").locator('[data-port="out"]').bounding_box())
    # On the card's right edge, 10 px below the handle's centre: outside the visible circle.
    start = (body["x"] + body["width"] - 1, handle[1] + 10)
    end = centre(node(page, "queue").locator('[data-port="in"]').bounding_box())
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=12)
    page.mouse.up()
    expect(page.locator("[data-edge-kind=subscription]")).to_have_count(1)
    expect(node(page, "topic")).to_have_attribute("data-node-id", "topic")  # the node did not move
    assert node(page, "topic").locator("[joint-selector=body]").bounding_box() == body
