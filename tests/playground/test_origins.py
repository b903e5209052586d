"""The WebSocket origin check compares scheme, host and port, as Django's CSRF check does
for HTTP: a page on another port of the same host cannot open a socket with our cookie."""

from __future__ import annotations

import pytest
from channels.testing import WebsocketCommunicator

from playground.asgi import application
from playground.origins import origin_allowed


def scope(origin: str | None, host: str = "localhost:8000", scheme: str = "ws") -> dict:
    headers = [(b"host", host.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    return {"type": "websocket", "scheme": scheme, "headers": headers}


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "allowed"),
    [
        ("http://localhost:8000", "localhost:8000", "ws", True),
        ("http://localhost:9000", "localhost:8000", "ws", False),  # another port
        ("https://localhost:8000", "localhost:8000", "ws", False),  # another scheme
        ("http://127.0.0.1:8000", "localhost:8000", "ws", False),  # another host
        ("http://localhost", "localhost", "ws", True),  # default port 80 both sides
        ("http://localhost:80", "localhost", "ws", True),
        ("https://localhost", "localhost", "wss", True),
        ("http://localhost", "localhost", "wss", False),
        ("http://evil.example:8000", "evil.example:8000", "ws", False),  # not an allowed host
        (None, "localhost:8000", "ws", False),
        ("null", "localhost:8000", "ws", False),
        ("http://localhost:99999", "localhost:8000", "ws", False),
    ],
)
def test_origins(origin, host, scheme, allowed):
    assert origin_allowed(scope(origin, host, scheme)) is allowed


def test_trusted_origins_are_allowed_too(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://editor.example:8443"]

    assert origin_allowed(scope("https://editor.example:8443"))
    assert not origin_allowed(scope("https://editor.example"))


def test_behind_a_proxy_the_forwarded_scheme_counts(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = scope("https://localhost", "localhost")
    request["headers"].append((b"x-forwarded-proto", b"https"))

    assert origin_allowed(request)
    assert not origin_allowed(scope("https://localhost", "localhost"))


@pytest.mark.django_db(transaction=True)
async def test_the_site_refuses_a_socket_from_another_port_and_accepts_its_own():
    async def connects(origin: str) -> bool:
        headers = [(b"origin", origin.encode()), (b"host", b"localhost:8000")]
        communicator = WebsocketCommunicator(application, "/ws/runs/nope/", headers=headers)
        connected, _ = await communicator.connect(timeout=5)
        await communicator.disconnect()
        return connected

    assert await connects("http://localhost:8000") is True
    assert await connects("http://localhost:8001") is False
