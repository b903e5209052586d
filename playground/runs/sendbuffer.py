"""A socket's server side: how many bytes it has been given but not yet sent to its
client, and a direct write of a run frame.

ASGI has no back-pressure for WebSocket sends: `send()` returns at once and the server
buffers whatever the client does not read, without bound. Under Daphne the server's send
is `functools.partial(server.handle_reply, protocol)` (Channels' session middleware wraps
it as `real_send`), and the protocol's Twisted transport holds the unsent bytes;
`pending_bytes` reads them there. Under any other
server (or the test communicator) it answers None: unknown, so nothing is dropped.

`write_frame` sends a run frame to a socket without the per-socket work of the ASGI path
(Channels' wrappers, Daphne's reply, Autobahn's framing and its per-frame debug
formatting, and Twisted registering the socket with the event loop for every write and
unregistering it after): a server's text frame is not masked (RFC 6455, section 5.1), so
its bytes are the same for every socket and are built once per frame (`text_frame`); on
an open, plain (not TLS) connection with nothing queued they go to the socket at once,
and whatever the kernel does not take is queued on the transport, in order. At 1,000
watchers those writes are most of a web process's work (README "Running on more than one
process"). Anywhere else it answers False and the caller sends as usual.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable
from typing import Any

TEXT_FIN = 0x81  # FIN, opcode 1 (text)
_last_frame: tuple[str, bytes] | None = None  # the frame every viewer of a tick shares


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


def text_frame(text: str) -> bytes:
    """The WebSocket frame a server sends for `text` (unmasked; RFC 6455, section 5.2);
    the last one is kept, as every viewer of a frame is sent the same text object."""
    global _last_frame
    if _last_frame is not None and _last_frame[0] is text:
        return _last_frame[1]
    payload = text.encode("utf-8")
    size = len(payload)
    if size < 126:
        header = bytes((TEXT_FIN, size))
    elif size < 65536:
        header = struct.pack("!BBH", TEXT_FIN, 126, size)
    else:
        header = struct.pack("!BBQ", TEXT_FIN, 127, size)
    _last_frame = (text, header + payload)
    return _last_frame[1]


def write_frame(send: Callable[..., Any], text: str) -> bool:
    """Write `text` as one WebSocket frame straight to the socket's transport (see the
    module's docstring); False when this socket cannot be written so (not Daphne, not
    open, TLS, frames of its own queued): the caller then sends through ASGI."""
    server_send = _server_send(send)
    protocol = server_send.args[0] if server_send is not None and server_send.args else None
    transport = getattr(protocol, "transport", None)
    if (
        protocol is None
        or getattr(protocol, "state", None) != getattr(protocol, "STATE_OPEN", object())
        or getattr(protocol, "send_queue", None)
        or not hasattr(transport, "dataBuffer")
        or not hasattr(transport, "socket")
        or getattr(transport, "TLS", True)
        or getattr(transport, "disconnecting", True)
    ):
        return False
    frame = text_frame(text)
    queued = len(transport.dataBuffer) - transport.offset + transport._tempDataLen
    if queued:
        transport.write(frame)
        return True
    try:
        sent = transport.socket.send(frame)
    except (BlockingIOError, InterruptedError):
        sent = 0
    except OSError:
        return False  # the connection is going: the usual path reports it
    if sent < len(frame):
        transport.write(frame[sent:])
    return True
