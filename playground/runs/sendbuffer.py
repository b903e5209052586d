"""How many bytes a socket has been given but not yet sent to its client.

ASGI has no back-pressure for WebSocket sends: `send()` returns at once and the server
buffers whatever the client does not read, without bound. Under Daphne the server's send
is `functools.partial(server.handle_reply, protocol)` (Channels' session middleware wraps
it as `real_send`), and the protocol's Twisted transport holds the unsent bytes;
`pending_bytes` reads them there. Under any other
server (or the test communicator) it answers None: unknown, so nothing is dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def _server_send(send: Callable[..., Any]) -> functools.partial | None:
    """The server's own send under Channels' session middleware, which wraps it (its
    `real_send`), at most a few layers deep."""
    for _ in range(5):
        if isinstance(send, functools.partial):
            return send
        send = getattr(getattr(send, "__self__", None), "real_send", None)
        if send is None:
            return None
    return None


def pending_bytes(send: Callable[..., Any]) -> int | None:
    """Bytes written to the socket's transport and not yet taken by the kernel."""
    server_send = _server_send(send)
    if server_send is None or not server_send.args:
        return None
    transport = getattr(server_send.args[0], "transport", None)
    for _ in range(5):  # through protocol wrappers (TLS, timeouts) to the socket's own
        if transport is None or hasattr(transport, "dataBuffer"):
            break
        transport = getattr(transport, "transport", None)
    data = getattr(transport, "dataBuffer", None)
    if data is None:
        return None
    # Twisted's FileDescriptor: the buffer being written from `offset`, plus the writes
    # queued behind it.
    return len(data) - getattr(transport, "offset", 0) + getattr(transport, "_tempDataLen", 0)
