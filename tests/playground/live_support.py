"""Helpers for the live-run tests: diagrams, runs made through the HTTP API, and sockets
opened through the real ASGI stack (origin check, sessions, auth, routing).

- `busy_doc()` is a producer feeding a queue read by a function: many events a second.
- `make_example(doc)` stores a document as an example (anyone may run an example).
- `start_run(diagram_id)` POSTs `/api/runs/` as a fresh browser: (run id, session cookie).
- `open_socket(run_id, cookie=..., query=...)` connects and returns a `Socket`, whose
  `.frame()` reads one JSON frame and `.until(pred)` reads frames until one matches.
"""

from __future__ import annotations

import itertools
from typing import Any

import orjson
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from designer.models import Diagram
from playground.asgi import application

TIMEOUT = 10
_slugs = itertools.count(1)


def busy_doc(*, rate: float = 50, duration: float = 20, seed: int = 3, **sim: Any) -> dict:
    """A producer at `rate` msgs/s (poisson) into a queue read by a function that fails
    a tenth of its records: random draws everywhere, so determinism is tested for real."""
    producer_sim = {"rate": rate, "arrival": "poisson", "payload": {"n": "{{seq}}"}, **sim}
    return {
        "format": "eventyard/1",
        "name": "Busy",
        "description": "",
        "nodes": [
            {"id": "shop", "type": "producer", "props": {}, "sim": producer_sim},
            {"id": "orders", "type": "sqs.queue", "props": {"VisibilityTimeout": 2}, "sim": {}},
            {
                "id": "work",
                "type": "lambda.function",
                "props": {"Timeout": 1},
                "sim": {
                    "duration": {"dist": "uniform", "min": 5, "max": 40},
                    "errorRate": 0.1,
                },
            },
        ],
        "edges": [
            {"id": "e1", "kind": "publish", "source": "shop", "target": "orders", "props": {}},
            {
                "id": "e2",
                "kind": "event-source",
                "source": "orders",
                "target": "work",
                "props": {"BatchSize": 5},
            },
        ],
        "sim": {"seed": seed, "duration": duration},
    }


@sync_to_async
def make_example(document: dict) -> int:
    slug = f"live-{next(_slugs)}"
    row = Diagram.objects.create(
        is_example=True, example_slug=slug, name=document["name"], document=document
    )
    return row.pk


def post_run(client: Client, body: dict) -> Any:
    return client.post("/api/runs/", orjson.dumps(body), content_type="application/json")


@sync_to_async
def start_run(diagram_id: int, **body: Any) -> tuple[str, str]:
    """A run made over HTTP by a new anonymous browser: (run id, its session cookie)."""
    client = Client()
    response = post_run(client, {"diagram": diagram_id, **body})
    assert response.status_code == 201, response.content
    return response.json()["id"], client.cookies["sessionid"].value


class Socket:
    """A WebSocket client on the app, reading JSON frames."""

    def __init__(self, communicator: WebsocketCommunicator):
        self.communicator = communicator

    async def frame(self) -> dict:
        return orjson.loads(await self.communicator.receive_from(timeout=TIMEOUT))

    async def until(self, predicate, *, limit: int = 2000) -> list[dict]:
        """Frames up to and including the first that matches (bounded)."""
        frames = []
        for _ in range(limit):
            frames.append(await self.frame())
            if predicate(frames[-1]):
                return frames
        raise AssertionError(f"no matching frame in {limit}: last {frames[-1]}")

    async def send(self, message: Any) -> None:
        await self.communicator.send_to(text_data=orjson.dumps(message).decode())

    async def send_text(self, text: str) -> None:
        await self.communicator.send_to(text_data=text)

    async def quiet(self) -> bool:
        return await self.communicator.receive_nothing(timeout=0.3)

    async def close(self) -> None:
        await self.communicator.disconnect()


async def open_socket(run_id: str, *, cookie: str | None = None, query: str = "") -> Socket:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie is not None:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    path = f"/ws/runs/{run_id}/" + (f"?{query}" if query else "")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await communicator.connect(timeout=TIMEOUT)
    assert connected
    return Socket(communicator)


def is_status(status: str):
    return lambda frame: frame["type"] == "status" and frame["status"] == status
