"""A diagram as a plain picture for print (a lesson's handout): boxes where the nodes are,
lines for the edges, each node's label. Geometry only; the template draws it as SVG."""

from __future__ import annotations

from typing import Any

NODE_W, NODE_H, MARGIN = 150, 46, 20


def diagram_picture(document: dict[str, Any]) -> dict[str, Any]:
    """`{"view_box", "nodes": [{x, y, w, h, label, type}], "edges": [{x1, y1, x2, y2}]}`."""
    nodes = [n for n in document.get("nodes") or [] if isinstance(n, dict)]
    places = {}
    for index, node in enumerate(nodes):
        position = node.get("position") or {}
        x = position.get("x", (index % 4) * 200)
        y = position.get("y", (index // 4) * 120)
        places[node.get("id")] = (float(x), float(y))
    if not places:
        return {"view_box": "0 0 100 40", "nodes": [], "edges": []}
    left = min(x for x, _ in places.values()) - MARGIN
    top = min(y for _, y in places.values()) - MARGIN
    right = max(x for x, _ in places.values()) + NODE_W + MARGIN
    bottom = max(y for _, y in places.values()) + NODE_H + MARGIN
    boxes = [
        {
            "x": places[n.get("id")][0],
            "y": places[n.get("id")][1],
            "w": NODE_W,
            "h": NODE_H,
            "label": str(n.get("label") or n.get("id")),
            "type": str(n.get("type")),
        }
        for n in nodes
    ]
    lines = []
    for edge in document.get("edges") or []:
        ends = [places.get(edge.get("source")), places.get(edge.get("target"))]
        if None in ends:
            continue
        (x1, y1), (x2, y2) = ends
        lines.append(
            {
                "x1": x1 + NODE_W,
                "y1": y1 + NODE_H / 2,
                "x2": x2,
                "y2": y2 + NODE_H / 2,
                "kind": str(edge.get("kind")),
            }
        )
    view_box = f"{left:g} {top:g} {right - left:g} {bottom - top:g}"
    return {"view_box": view_box, "nodes": boxes, "edges": lines}
