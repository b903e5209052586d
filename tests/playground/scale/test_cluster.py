"""Two Daphne web processes and two run workers on PostgreSQL and Redis, for real: a run
made on one web process is stepped by a worker, its owner and a watcher on different web
processes see the same frames in seq order, and when the owning worker is SIGKILLed the
other takes the run over: no gap, no repeated frame, simulated time continuous."""

from __future__ import annotations

import asyncio
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
        async for text in self.ws:
            self.frames.append(json.loads(text))
            self.times.append(time.monotonic())

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
    """The pid of the worker whose last word on the run was taking it."""
    owner = None
    for line in cluster.worker_log().splitlines():
        if line.startswith("{") and f'"run":"{run_id}"' in line:
            entry = json.loads(line)
            if entry["event"] in ("run_start", "run_failover"):
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
    seen = len(watcher.frames)
    killed = time.monotonic()
    cluster.kill_worker(victim)
    before = watcher.frames[seen - 1]["seq"]
    await watcher.until(lambda f: f["type"] == "tick" and f["seq"] > before)
    index = next(i for i, f in enumerate(watcher.frames[seen:], seen) if f["type"] == "tick")
    failover = watcher.times[index] - killed
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
    assert failover < 10, failover
    for reader in (owner, watcher):
        reader.task.cancel()
        await reader.ws.close()
