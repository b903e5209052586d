"""Builders for designer tests: diagram documents from compact parts, and a JSON client.

- `make_doc(nodes, edges)` builds a document; `node(...)` and `edge(...)` build its parts,
  with the engine tests' builders (`tests/engine/builders.py`);
  `orders_doc()` is a queue read by a function and fed by a producer (`nodes[0]` the queue).
- `Api(client)` wraps a Django test client: `.get(url)`, `.post(url, body)`, `.put(...)`,
  `.patch(...)`, `.delete(url)` send JSON; `.create()` makes a diagram and returns it.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from designer.models import Diagram
from tests.engine.builders import diagram, node
from tests.engine.builders import edge as engine_edge


def edge(edge_id: str, kind: str, source: str, target: str, **props):
    """An edge, its id first (the engine's builder takes it last)."""
    return engine_edge(kind, source, target, edge_id, **props)


def make_doc(nodes: list, edges: list | None = None, *, name: str = "A diagram") -> dict:
    return diagram(nodes, edges or [], name=name, description="")


def orders_doc(visibility_timeout: int = 30) -> dict:
    """A queue read by a function, fed by a producer: `nodes[0]` is the queue."""
    return make_doc(
        [
            node("orders", "sqs.queue", {"VisibilityTimeout": visibility_timeout}),
            node("shop", "producer", sim={"count": 3}),
            node("process", "lambda.function", {"Timeout": 5}),
        ],
        [
            edge("e1", "publish", "shop", "orders"),
            edge("e2", "event-source", "orders", "process"),
        ],
        name="Orders",
    )


class Api:
    """JSON requests through a Django test client; responses keep `.json()`."""

    def __init__(self, client: Client):
        self.client = client

    def get(self, url: str, **extra):
        return self.client.get(url, **extra)

    def post(self, url: str, body: Any = None, **extra):
        return self._send("post", url, body, **extra)

    def put(self, url: str, body: Any = None, **extra):
        return self._send("put", url, body, **extra)

    def patch(self, url: str, body: Any = None, **extra):
        return self._send("patch", url, body, **extra)

    def delete(self, url: str, **extra):
        return self.client.delete(url, **extra)

    def _send(self, method: str, url: str, body: Any, **extra):
        data = json.dumps(body) if body is not None else ""
        return getattr(self.client, method)(url, data, content_type="application/json", **extra)

    def create(self, name: str = "Orders", document: dict | None = None) -> dict:
        response = self.post("/api/diagrams/", {"name": name, "document": document or orders_doc()})
        assert response.status_code == 201, response.content
        return response.json()


def write_example(folder, slug: str, document: dict | str) -> None:
    text = document if isinstance(document, str) else json.dumps(document)
    (folder / f"{slug}.json").write_text(text, encoding="utf-8")


def url(diagram: dict | Diagram, tail: str = "") -> str:
    pk = diagram["id"] if isinstance(diagram, dict) else diagram.pk
    return f"/api/diagrams/{pk}/{tail}"


def stored(diagram: dict) -> Diagram:
    return Diagram.objects.get(pk=diagram["id"])
