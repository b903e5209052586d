"""Slow readers: a socket whose client does not read misses frames past its send buffer,
gets a snapshot when it catches up, and is closed if it never does; against a real Daphne
server, clients that never read leave the server's memory bounded."""

from __future__ import annotations

import functools
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import pytest_asyncio

from playground import bench, soak
from playground.consumers import RunConsumer
from playground.rawsocket import open_raw, rss_bytes, send_text
from playground.runs.manager import RunManager, replace_manager
from playground.runs.sendbuffer import pending_bytes, text_frame, write_frame
from playground.runs.ticker import FakePacer
from tests.playground.live_support import busy_doc, make_example, open_socket, start_run

BIG = 10 * 1024 * 1024


@pytest_asyncio.fixture
async def manager():
    fresh = RunManager(pacer=FakePacer())
    old = replace_manager(fresh)
    yield fresh
    await fresh.shutdown()
    replace_manager(old)


@pytest.fixture
def backlog(monkeypatch):
    """The unsent bytes every socket reports, as the test sets them."""
    unsent = {"bytes": 0}
    monkeypatch.setattr(RunConsumer, "backlog", lambda self: unsent["bytes"])
    return unsent


async def owner_socket():
    run_id, cookie = await start_run(await make_example(busy_doc(duration=600)))
    owner = await open_socket(run_id, cookie=cookie)
    await owner.frame()
    return owner


@pytest.mark.django_db(transaction=True)
async def test_a_client_behind_misses_frames_then_gets_a_snapshot(manager, backlog):
    owner = await owner_socket()
    backlog["bytes"] = BIG
    for _ in range(2):
        await owner.send({"type": "step", "unit": "second"})
    assert await owner.quiet()  # seq 1 and 2 were dropped, not queued

    backlog["bytes"] = 0
    await owner.send({"type": "step", "unit": "second"})
    snapshot = await owner.frame()
    await owner.send({"type": "step", "unit": "second"})
    tick = await owner.frame()

    assert (snapshot["type"], snapshot["resync"], snapshot["seq"]) == ("snapshot", True, 3)
    assert snapshot["time"] == 3.0 and snapshot["status"] == "paused"
    assert (tick["type"], tick["seq"], tick["from"]) == ("tick", 4, 3.0)


@pytest.mark.django_db(transaction=True)
async def test_a_client_behind_for_too_long_is_closed_with_its_own_code(manager, backlog, settings):
    settings.EVENTYARD_WS_BEHIND_SECONDS = 5
    owner = await owner_socket()
    backlog["bytes"] = BIG
    await owner.send({"type": "step", "unit": "second"})
    await owner.quiet()  # the socket has handled the step (and dropped its frame)
    manager.pacer.elapse(6)
    await owner.send({"type": "step", "unit": "second"})

    closed = await owner.communicator.receive_output(timeout=5)

    assert closed == {"type": "websocket.close", "code": 4408}


class Transport:
    """Twisted's buffer: the chunk being written from `offset`, and writes queued behind."""

    dataBuffer = b"x" * 1000
    offset = 200
    _tempDataLen = 50


class SessionWrapper:
    """Channels' session middleware: it hands the app its own `send`, over `real_send`."""

    def __init__(self, real_send):
        self.real_send = real_send

    async def send(self, message):
        return await self.real_send(message)


def test_the_backlog_is_read_through_the_session_wrapper_to_daphnes_transport():
    protocol = SimpleNamespace(transport=SimpleNamespace(transport=Transport()))

    async def handle_reply(protocol, message):
        return None

    send = SessionWrapper(functools.partial(handle_reply, protocol)).send

    assert pending_bytes(send) == 1000 - 200 + 50


def test_an_unknown_server_reports_no_backlog():
    async def send(message):
        return None

    assert pending_bytes(send) is None


def _parse_frame(data: bytes) -> tuple[int, str, bytes]:
    """(first byte, text, what follows) of one unmasked frame."""
    first, size = data[0], data[1]
    assert not size & 0x80, "a server's frames are not masked"
    start = 2
    if size == 126:
        size, start = int.from_bytes(data[2:4], "big"), 4
    elif size == 127:
        size, start = int.from_bytes(data[2:10], "big"), 10
    return first, data[start : start + size].decode(), data[start + size :]


@pytest.mark.parametrize("length", [0, 5, 125, 126, 65535, 65536, 70_000])
def test_a_text_frame_is_fin_text_with_the_length_rfc_6455_encodes(length):
    text = "é" * (length // 2) + "x" * (length % 2)
    first, got, rest = _parse_frame(text_frame(text))
    assert (first, got, rest) == (0x81, text, b"")


class Socket:
    def __init__(self, takes: int | None = None, error: type[Exception] | None = None):
        self.takes, self.error, self.got = takes, error, b""

    def send(self, data: bytes) -> int:
        if self.error is not None:
            raise self.error()
        taken = data if self.takes is None else data[: self.takes]
        self.got += taken
        return len(taken)


def _wired(socket: Socket, **transport) -> tuple[Callable, SimpleNamespace]:
    queued: list[bytes] = []
    wire = SimpleNamespace(
        dataBuffer=b"",
        offset=0,
        _tempDataLen=0,
        TLS=False,
        disconnecting=False,
        socket=socket,
        write=queued.append,
        queued=queued,
    )
    for key, value in transport.items():
        setattr(wire, key, value)
    protocol = SimpleNamespace(STATE_OPEN=3, state=3, send_queue=[], transport=wire)

    async def handle_reply(protocol, message):
        return None

    return SessionWrapper(functools.partial(handle_reply, protocol)).send, protocol


def test_a_frame_goes_straight_to_an_idle_socket_and_the_rest_is_queued_in_order():
    text = "x" * 300
    send, protocol = _wired(Socket())
    assert write_frame(send, text)
    assert _parse_frame(protocol.transport.socket.got)[1] == text
    assert protocol.transport.queued == []

    send, protocol = _wired(Socket(takes=100))  # the kernel takes part of it
    assert write_frame(send, text)
    sent, queued = protocol.transport.socket.got, b"".join(protocol.transport.queued)
    assert _parse_frame(sent + queued)[1:] == (text, b"")

    send, protocol = _wired(Socket(error=BlockingIOError))
    assert write_frame(send, text)
    assert _parse_frame(b"".join(protocol.transport.queued))[1] == text

    # bytes already waiting: the frame goes behind them, not past them
    send, protocol = _wired(Socket(), _tempDataLen=10)
    assert write_frame(send, text)
    assert protocol.transport.socket.got == b""
    assert _parse_frame(protocol.transport.queued[0])[1] == text


@pytest.mark.parametrize(
    "change",
    [
        {"TLS": True},
        {"disconnecting": True},
        {"state": 4},  # closing
        {"send_queue": [b"ping"]},
        {"socket": Socket(error=ConnectionResetError)},
    ],
)
def test_a_socket_that_cannot_take_a_direct_frame_is_left_to_asgi(change):
    socket = change.get("socket", Socket())
    send, protocol = _wired(
        socket, **{k: v for k, v in change.items() if k in ("TLS", "disconnecting")}
    )
    for key in ("state", "send_queue"):
        if key in change:
            setattr(protocol, key, change[key])
    assert not write_frame(send, "hello")
    assert protocol.transport.queued == []


def test_an_unknown_server_is_left_to_asgi():
    async def send(message):
        return None

    assert not write_frame(send, "hello")


def _server_growth(sockets: int) -> int:
    """Bytes a real server's RSS grows over 8 s of a run at full speed while `sockets`
    clients (the owner among them) never read a frame."""
    with tempfile.TemporaryDirectory(prefix="eventyard-slow-") as folder:
        env = bench.server_env(folder)
        env["EVENTYARD_WS_SEND_BUFFER_BYTES"] = str(256 * 1024)
        [diagram_id] = soak.store(env, [soak.nodes_doc("600 queues", 600)])
        port = bench.free_port()
        server = bench.start_server(env, port, Path(folder) / "daphne.log")
        try:
            base = f"http://127.0.0.1:{port}"
            run_id, cookie = bench.new_run(base, diagram_id)
            owner = open_raw(port, f"/ws/runs/{run_id}/", cookie=cookie)
            path = f"/ws/runs/{run_id}/"
            readers = [open_raw(port, path, cookie=cookie) for _ in range(sockets - 1)]
            send_text(owner, json.dumps({"type": "speed", "value": "max"}))
            send_text(owner, json.dumps({"type": "start"}))
            samples = []
            for _ in range(12):  # polled once a second; the figure is memory, not time
                time.sleep(1)
                samples.append(rss_bytes(server.pid)[0])
            for sock in [owner, *readers]:
                sock.close()
        finally:
            bench.stop_server(server)
    print(f"{sockets} sockets: server RSS MB each second: {[round(s / 2**20) for s in samples]}")
    return samples[-1] - samples[3]


@pytest.mark.slow
def test_clients_that_never_read_leave_a_real_server_bounded():
    # The run itself grows (its history fills at full speed) whoever watches; five more
    # sockets that never read, at ~2 MB/s each, would add ~80 MB over these 8 s without
    # the bound, and add only noise with it.
    alone, crowded = _server_growth(1), _server_growth(6)
    assert crowded - alone < 40 * 2**20
