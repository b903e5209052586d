"""A bare WebSocket client on a plain TCP socket, for hostile cases: it can send controls
and then never read, which no well-behaved client library does.

Used by `python -m playground.soak` and the slow-reader tests against a real server.
"""

from __future__ import annotations

import base64
import os
import socket
import struct

# A small receive buffer, so a client that never reads fills it (and the server's view of
# the connection backs up) within a few frames instead of a few megabytes.
RECEIVE_BUFFER = 16 * 1024


def open_raw(port: int, path: str, *, cookie: str | None = None) -> socket.socket:
    """Connect to 127.0.0.1:`port`, upgrade `path` to a WebSocket, and return the socket
    once the server's handshake answer (and nothing more) has been read."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    sock.settimeout(30)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        f"Origin: http://127.0.0.1:{port}",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(1)  # byte by byte: leave the first frame unread
        if not chunk:
            raise ConnectionError("the server closed the connection during the handshake")
        answer += chunk
    if not answer.startswith(b"HTTP/1.1 101"):
        raise ConnectionError(f"no upgrade: {answer[:80]!r}")
    return sock


def send_text(sock: socket.socket, text: str) -> None:
    """Send one masked text frame (clients must mask, RFC 6455 section 5.3)."""
    data = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    if len(data) < 126:
        header += bytes([0x80 | len(data)])
    elif len(data) < 65536:
        header += bytes([0x80 | 126]) + struct.pack("!H", len(data))
    else:
        header += bytes([0x80 | 127]) + struct.pack("!Q", len(data))
    masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
    sock.sendall(header + mask + masked)


def rss_bytes(pid: int) -> tuple[int, int]:
    """(resident memory now, peak resident memory) of a process, from /proc (Linux)."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) * 1024
    return values.get("VmRSS", 0), values.get("VmHWM", 0)
