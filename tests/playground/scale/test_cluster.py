"""Two Daphne web processes and two run workers on PostgreSQL and Redis, for real: a run
made on one web process is stepped by a worker, its owner and a watcher on different web
processes see the same frames in seq order, and when the owning worker is SIGKILLed the
other takes the run over: no gap, no repeated frame, simulated time continuous."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time

import pytest

from playground.bench import connect, new_run
from playground.cluster import Cluster

pytestmark = pytest.mark.slow
HEADER = re.compile(r'^\{"type":"(\w+)","seq":(\d+)')


class Reader:
    """Every frame one socket receives, with its arrival time."""

    def __init__(self, ws):
        self.ws, self.frames, self.times = ws, [], []
        self.task = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        with contextlib.suppress(ConnectionClosed):  # the close code is the socket's
            async for text in self.ws:
                self.frames.append(json.loads(text))
                self.times.append(time.time())  # the frames' `sent` clock

    def run_frames(self) -> list[dict]:
        return [f for f in self.frames if f["type"] in ("tick", "status", "injected")]

    async def until(self, predicate, timeout: float = 20) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in self.frames:
                if predicate(frame):
                    return frame
            await asyncio.sleep(0.05)
        raise AssertionError(f"no such frame within {timeout} s: {self.frames[-3:]}")


def owning_worker(cluster: Cluster, run_id: str) -> int:
    """The pid of the worker whose last word on the run was taking it (the JSON lines of
    every worker's log, in time order)."""
    owner = None
    lines = [json.loads(line) for line in cluster.worker_log().splitlines() if line[:1] == "{"]
    for entry in sorted(lines, key=lambda entry: entry["at"]):
        if entry.get("run") == run_id and entry["event"] in ("run_start", "run_failover"):
            owner = entry["pid"]
    assert owner is not None, cluster.worker_log()[-2000:]
    return owner


def assert_in_order(frames: list[dict]) -> None:
    seqs = [f["seq"] for f in frames]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), seqs
    ticks = [f for f in frames if f["type"] == "tick"]
    for before, after in zip(ticks, ticks[1:], strict=False):
        assert after["from"] == before["to"], (before["seq"], after["seq"])


@pytest.fixture
def cluster(tmp_path, database_url, redis_url):
    made = Cluster(database_url=database_url, redis_url=redis_url, folder=tmp_path)
    yield made
    made.stop()


async def test_a_run_survives_its_worker_being_killed(cluster):
    diagram = await asyncio.to_thread(cluster.start)
    web_a, web_b = cluster.bases
    run_id, cookie = await asyncio.to_thread(new_run, web_a, diagram)
    ws_a = "ws" + web_a.removeprefix("http") + f"/ws/runs/{run_id}/"
    owner = Reader(await connect(ws_a, web_a, cookie))
    await owner.until(lambda f: f["type"] == "snapshot")
    await owner.ws.send(json.dumps({"type": "share"}))
    token = (await owner.until(lambda f: f["type"] == "shared"))["token"]
    ws_b = "ws" + web_b.removeprefix("http") + f"/ws/runs/{run_id}/?watch={token}"
    watcher = Reader(await connect(ws_b, web_b))
    await watcher.until(lambda f: f["type"] == "snapshot")
    await owner.ws.send(json.dumps({"type": "start"}))
    await owner.ws.send(json.dumps({"type": "inject", "node": "orders", "payload": {"n": 1}}))
    await watcher.until(lambda f: f["type"] == "tick" and f["seq"] >= 20)

    victim = owning_worker(cluster, run_id)
    killed = time.time()
    cluster.kill_worker(victim)
    # The first frame the next worker made (frames on their way at the kill do not count).
    after = await watcher.until(lambda f: f["type"] == "tick" and f["sent"] > killed)
    failover = watcher.times[watcher.frames.index(after)] - killed
    last = watcher.frames[-1]["seq"]
    await watcher.until(lambda f: f["type"] == "tick" and f["seq"] >= last + 20)
    await owner.until(lambda f: f["type"] == "tick" and f["seq"] >= last + 20)
    print(f"failover: SIGKILL to the next frame {failover * 1000:.0f} ms")

    assert owning_worker(cluster, run_id) != victim
    for reader in (owner, watcher):
        frames = reader.run_frames()
        assert_in_order(frames)
        assert any(f["type"] == "injected" for f in frames)
    common = {f["seq"]: f for f in watcher.run_frames()}
    for frame in owner.run_frames():
        if frame["seq"] in common:
            assert frame == common[frame["seq"]]  # the same frames through either process
    for reader in (owner, watcher):
        reader.task.cancel()
        await reader.ws.close()


def http(method: str, url: str, *, cookie: str = "", body: dict | None = None):
    """(status, JSON body) of one request, with the CSRF token a page load gives."""
    import urllib.error
    import urllib.request

    from playground.bench import csrf_cookie

    base = url.split("/api/")[0].split("/healthz")[0]
    token = csrf_cookie(base)
    headers = {
        "Cookie": f"csrftoken={token}; {cookie}",
        "X-CSRFToken": token,
        "Referer": f"{base}/",
        "Content-Type": "application/json",
    }
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


async def test_limits_closes_and_health_hold_across_processes(tmp_path, database_url, redis_url):
    cluster = Cluster(
        database_url=database_url,
        redis_url=redis_url,
        folder=tmp_path,
        extra_env={"EVENTYARD_RUNS_PER_OWNER": "2"},
    )
    try:
        diagram = await asyncio.to_thread(cluster.start)
        web_a, web_b = cluster.bases
        for base in (web_a, web_b):
            health = await asyncio.to_thread(http, "GET", f"{base}/healthz")
            assert health == (
                200,
                {"database": "ok", "channel_layer": "ok", "workers": 2, "status": "ok"},
            )
        first, cookie = await asyncio.to_thread(new_run, web_a, diagram)
        status, second = await asyncio.to_thread(
            http, "POST", f"{web_a}/api/runs/", cookie=cookie, body={"diagram": diagram}
        )
        assert status == 201
        status, refused = await asyncio.to_thread(
            http, "POST", f"{web_b}/api/runs/", cookie=cookie, body={"diagram": diagram}
        )
        assert status == 429 and sorted(refused["runs"]) == sorted([first, second["id"]])

        # the owner's socket on A; the run closed over HTTP on B
        ws_a = "ws" + web_a.removeprefix("http") + f"/ws/runs/{first}/"
        owner = Reader(await connect(ws_a, web_a, cookie))
        await owner.until(lambda f: f["type"] == "snapshot")
        status, _ = await asyncio.to_thread(
            http, "DELETE", f"{web_b}/api/runs/{first}/", cookie=cookie
        )
        assert status == 204
        closed = await owner.until(lambda f: f["type"] == "status" and f["status"] == "stopped")
        assert closed["reason"] == "closed"
        await asyncio.wait_for(owner.task, timeout=10)
        assert owner.ws.close_code == 4410
        status, _ = await asyncio.to_thread(
            http, "POST", f"{web_b}/api/runs/", cookie=cookie, body={"diagram": diagram}
        )
        assert status == 201  # the closed run no longer counts

        for worker in list(cluster.worker_processes):
            cluster.kill_worker(worker.pid)
        await asyncio.sleep(2.0)
        status, body = await asyncio.to_thread(http, "GET", f"{web_a}/healthz")
        assert status == 503 and body["workers"] == 0
    finally:
        cluster.stop()


async def test_viewers_and_the_owner_gone_close_count_across_web_processes(
    tmp_path, database_url, redis_url
):
    cluster = Cluster(
        database_url=database_url,
        redis_url=redis_url,
        folder=tmp_path,
        extra_env={"EVENTYARD_RUN_OWNER_GONE_SECONDS": "3"},
    )
    try:
        diagram = await asyncio.to_thread(cluster.start)
        web_a, web_b = cluster.bases
        run_id, cookie = await asyncio.to_thread(new_run, web_a, diagram)
        owner = Reader(await connect(f"ws{web_a[4:]}/ws/runs/{run_id}/", web_a, cookie))
        await owner.until(lambda f: f["type"] == "snapshot")
        await owner.ws.send(json.dumps({"type": "share"}))
        token = (await owner.until(lambda f: f["type"] == "shared"))["token"]
        on_b = f"ws{web_b[4:]}/ws/runs/{run_id}/?watch={token}"
        doomed = [Reader(await connect(on_b, web_b)) for _ in range(3)]
        for reader in doomed:
            await reader.until(lambda f: f["type"] == "snapshot")
        run_url = f"{web_a}/api/runs/{run_id}/"
        status, body = await asyncio.to_thread(http, "GET", run_url, cookie=cookie)
        assert (status, body["viewers"]) == (200, 4)

        # Web process B dies with its three sockets: they stop counting within seconds.
        await asyncio.to_thread(cluster.kill_web, 1)
        counted = []
        for _ in range(60):
            counted.append((await asyncio.to_thread(http, "GET", run_url, cookie=cookie))[1])
            if counted[-1]["viewers"] == 1:
                break
            await asyncio.sleep(0.1)
        assert counted[-1]["viewers"] == 1, counted[-1]

        # A watcher on A keeps the run from being idle; the owner's page goes away, and the
        # worker (another process) closes the run once it has been gone for 3 s.
        watcher = Reader(await connect(f"ws{web_a[4:]}/ws/runs/{run_id}/?watch={token}", web_a))
        await watcher.until(lambda f: f["type"] == "snapshot")
        owner.task.cancel()
        await owner.ws.close()
        left = time.monotonic()
        closed = await watcher.until(
            lambda f: f["type"] == "status" and f["status"] == "stopped", timeout=15
        )
        assert closed["reason"] == "owner_gone"
        assert time.monotonic() - left >= 2.5
        await asyncio.wait_for(watcher.task, timeout=10)
        assert watcher.ws.close_code == 4410
    finally:
        cluster.stop()
