"""How many bytes a socket has been given but not yet sent to its client.

ASGI has no back-pressure for WebSocket sends: `send()` returns at once and the server
buffers whatever the client does not read, without bound. Under Daphne a consumer's
`send` is `functools.partial(server.handle_reply, protocol)`, and the protocol's Twisted
transport holds the unsent bytes; `pending_bytes` reads them there. Under any other
server (or the test communicator) it answers None: unknown, so nothing is dropped.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def pending_bytes(send: Callable[..., Any]) -> int | None:
    """Bytes written to the socket's transport and not yet taken by the kernel."""
    if not isinstance(send, functools.partial) or not send.args:
        return None
    transport = getattr(send.args[0], "transport", None)
    data = getattr(transport, "dataBuffer", None)
    if data is None:
        return None
    # Twisted's FileDescriptor: the buffer being written from `offset`, plus the writes
    # queued behind it.
    return len(data) - getattr(transport, "offset", 0) + getattr(transport, "_tempDataLen", 0)
