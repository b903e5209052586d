"""Positions for imported nodes that have none: columns by depth along the edges.

A template without Eventyard's metadata says nothing about layout; a node goes in the
column after the furthest node that sends to it (sources on the left), one row per node
in its column. Nodes added to a template that has a layout go below it, in the same way.
"""

from __future__ import annotations

from typing import Any

LEFT, TOP = 60, 80
ROW = 140
# The editor draws a node 172 px wide, wider when its label takes two lines (about 8 px a
# character of 14 px text, beside a 69 px icon and margin): columns leave 68 px between.
NODE_WIDTH, GAP, CHAR, ICON = 172, 68, 8.2, 69


def depths(node_ids: list[str], edges: list[dict[str, Any]]) -> dict[str, int]:
    """Each node's depth: 0 for nodes nothing sends to, else one more than its senders'
    (cycles are cut: a node is never deeper than the number of nodes)."""
    depth = dict.fromkeys(node_ids, 0)
    for _ in range(len(node_ids)):
        changed = False
        for edge in edges:
            source, target = edge["source"], edge["target"]
            deeper = source in depth and target in depth and depth[target] <= depth[source]
            if deeper and depth[source] + 1 < len(node_ids):
                depth[target] = depth[source] + 1
                changed = True
        if not changed:
            break
    return depth


def place(fresh: list[dict[str, Any]], nodes: list[dict[str, Any]], edges: list[dict]) -> None:
    """Give each node of `fresh` (without a position) a place below the others' layout."""
    placed = [n["position"] for n in nodes if isinstance(n.get("position"), dict)]
    top = max((p.get("y", 0) for p in placed), default=TOP - ROW) + ROW
    todo = [n for n in fresh if "position" not in n]
    depth = depths([n["id"] for n in todo], edges)
    widest: dict[int, float] = {}
    for node in todo:
        column = depth[node["id"]]
        widest[column] = max(widest.get(column, 0), width_of(node))
    lefts, x = {}, LEFT
    for column in range(max(widest, default=-1) + 1):
        lefts[column] = x
        x += widest.get(column, NODE_WIDTH) + GAP
    rows: dict[int, int] = {}
    for node in todo:
        column = depth[node["id"]]
        row = rows.get(column, 0)
        rows[column] = row + 1
        node["position"] = {"x": round(lefts[column]), "y": top + ROW * row}


def width_of(node: dict[str, Any]) -> float:
    """About how wide the editor draws the node: its label on one line, or on two."""
    label = str(node.get("label") or node["id"])
    if len(label) * CHAR <= NODE_WIDTH - 58:
        return NODE_WIDTH
    return max(NODE_WIDTH, ICON + (len(label) + 1) / 2 * CHAR + 18)
