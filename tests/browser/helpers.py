"""What a user does in the editor, in terms of the contract's `data-*` hooks."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def open_editor(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")


def new_diagram(page: Page) -> None:
    """Opens /diagrams/new/: an editable canvas; the server has no diagram until the first
    change is saved (then `diagram_id` says which)."""
    page.goto("/diagrams/new/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")


def diagram_id(page: Page) -> int:
    """The id of the diagram open in the editor, once it exists (the address says it)."""
    page.wait_for_url(re.compile(r"/diagrams/\d+/$"))
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def drop(page: Page, palette_type: str, x: int, y: int) -> None:
    """Drags a palette item onto the canvas at (x, y) inside the canvas."""
    page.locator(f'[data-palette-type="{palette_type}"]').drag_to(
        page.locator("[data-canvas]"), target_position={"x": x, "y": y}
    )


def node(page: Page, node_id: str):
    return page.locator(f'[data-node-id="{node_id}"]')


def node_ids(page: Page) -> list[str]:
    return page.locator("[data-node-id]").evaluate_all("els => els.map(e => e.dataset.nodeId)")


def edges(page: Page) -> list[tuple[str, str]]:
    found = page.locator("[data-edge-id]").evaluate_all(
        "els => els.map(e => [e.dataset.edgeId, e.dataset.edgeKind])"
    )
    return sorted(tuple(pair) for pair in found)


def wire(page: Page, source: str, target: str) -> None:
    """Drags from the source's out-port to the target's in-port (or its middle)."""
    start = node(page, source).locator('[data-port="out"]').bounding_box()
    ports = node(page, target).locator('[data-port="in"]')
    end = (ports if ports.count() else node(page, target)).bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()


def click_node(page: Page, node_id: str, *, shift: bool = False) -> None:
    node(page, node_id).locator("[joint-selector=body]").click(
        position={"x": 100, "y": 12}, modifiers=["Shift"] if shift else []
    )
    if not shift:  # the inspector redraws on the next frame: wait until it shows the node
        expect(page.locator(f'[data-inspector] [data-inspecting-id="{node_id}"]')).to_be_visible()


def saved(page: Page) -> None:
    expect(page.locator("[data-save-status]")).to_have_attribute("data-state", "saved")


def set_prop(page: Page, name: str, value: str) -> None:
    field = page.locator(f'[data-prop="{name}"]')
    field.fill(value)
    field.press("Enter")


def click_edge(page: Page, selector: str) -> None:
    """Clicks an edge's kind label (the line itself is thin); `selector` picks the edge."""
    page.locator(selector).locator('[label-idx="0"] rect').click()


def body_box(page: Page, node_id: str) -> dict:
    """Where a node's card is on screen (its badges and ports left out)."""
    return node(page, node_id).locator("[joint-selector=body]").bounding_box()


def act(page: Page, name: str) -> None:
    """Clicks a toolbar action, opening the toolbar's "More" menu first when it is in there."""
    button = page.locator(f'[data-toolbar] [data-action="{name}"]')
    if not button.is_visible():
        page.locator("[data-more-menu] > summary").click()
    button.click()
