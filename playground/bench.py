"""`python -m playground.bench`: how many browsers can watch one live run, and how late
its frames reach them.

Starts one Daphne process on a free 127.0.0.1 port (its own temporary database), makes a
run of a diagram that produces about 1,000 events per simulated second at speed 1, and
for each watcher count (10, 100, 200 by default) connects that many WebSocket clients
with the run's watch token. It measures each tick frame's latency from the server's
`sent` stamp to its receipt (one clock: same machine) and counts lost frames by gaps in
`seq`, then prints p50/p99 per count against the target: 200 watchers, p99 under 100 ms,
nothing lost. The clients share the machine's cores with the server, so the figures are
an upper bound on what the server alone would show. Every loop is bounded; the bench
stops the server it started, and nothing else, on the way out.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from statistics import quantiles

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET_WATCHERS, TARGET_P99_MS = 200, 100.0
CONNECT_CONCURRENCY = 50
# A frame starts {"type":"tick","seq":N,"sent":T (frames.stamp puts the header first),
# so a client reads what it measures without parsing the whole frame.
HEADER = re.compile(r'^\{"type":"(\w+)","seq":(\d+),"sent":([0-9.]+)')


def bench_document(rate: float) -> dict:
    """A producer at `rate` msgs/s into a queue read by a function: about six trace
    events a message (publish, deliver, receive, invoke, success, delete)."""
    return {
        "format": "eventyard/1",
        "name": "Bench",
        "description": "",
        "nodes": [
            {"id": "shop", "type": "producer", "props": {}, "sim": {"rate": rate}},
            {"id": "orders", "type": "sqs.queue", "props": {}, "sim": {}},
            {"id": "work", "type": "lambda.function", "props": {}, "sim": {}},
        ],
        "edges": [
            {"id": "e1", "kind": "publish", "source": "shop", "target": "orders", "props": {}},
            {
                "id": "e2",
                "kind": "event-source",
                "source": "orders",
                "target": "work",
                "props": {"BatchSize": 1},
            },
        ],
        "sim": {"seed": 1, "duration": 3600},
    }


# --- the server ---------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(folder: str) -> dict[str, str]:
    # One process on its own SQLite file and the in-memory layer, whatever this shell uses.
    unset = ("DATABASE_URL", "REDIS_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTYARD_") and k not in unset}
    env.update(
        EVENTYARD_DB_PATH=str(Path(folder) / "bench.sqlite3"),
        EVENTYARD_DEBUG="0",
        EVENTYARD_RUN_IDLE_SECONDS="2",  # each count's run ends soon after its clients go
        EVENTYARD_RUNS_PER_OWNER="100",
        DJANGO_SETTINGS_MODULE="playground.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare_database(env: dict[str, str], rate: float) -> int:
    """Migrate the bench's database and store the diagram as an example (anyone may run
    it, so each watcher count can start its run as a new anonymous visitor)."""
    script = (
        "import django, json, sys; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from designer.models import Diagram\n"
        "d = Diagram.objects.create(is_example=True, example_slug='bench', name='Bench',"
        " document=json.loads(sys.argv[1]))\n"
        "print(d.pk)\n"
    )
    doc = json.dumps(bench_document(rate))
    done = subprocess.run(
        [sys.executable, "-c", script, doc],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "daphne",
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
        "playground.asgi:application",
    ]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=out, stderr=out)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Daphne exited at start:\n{log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    raise RuntimeError("Daphne did not listen within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    """Stop the one process this bench started."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def csrf_cookie(base: str) -> str:
    """A new visitor's CSRF token, as a page load sets it (the API needs it to make runs)."""
    with urllib.request.urlopen(f"{base}/", timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    pairs = (cookie.split(";")[0] for cookie in cookies)
    return next(pair for pair in pairs if pair.startswith("csrftoken=")).split("=", 1)[1]


def new_run(base: str, diagram_id: int) -> tuple[str, str]:
    """POST /api/runs/ as a new visitor (with the CSRF token a page gave it): (run id,
    its session cookie)."""
    token = csrf_cookie(base)
    request = urllib.request.Request(
        f"{base}/api/runs/",
        data=json.dumps({"diagram": diagram_id}).encode(),
        headers={
            "Content-Type": "application/json",
            "Cookie": f"csrftoken={token}",
            "X-CSRFToken": token,
            "Referer": f"{base}/",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
        cookies = response.headers.get_all("Set-Cookie") or []
    cookie = next(c.split(";")[0] for c in cookies if c.startswith("sessionid="))
    return body["id"], cookie


# --- the clients --------------------------------------------------------------------------
@dataclass
class Watch:
    """What one client saw: tick latencies (ms) and the seqs of every run frame."""

    latencies: list[float] = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)
    events: int = 0

    def lost(self, last: int) -> int:
        if not self.seqs:
            return last
        gaps = sum(b - a - 1 for a, b in zip(self.seqs, self.seqs[1:], strict=False))
        return gaps + max(0, last - self.seqs[-1])


async def connect(url: str, origin: str, cookie: str | None = None):
    from websockets.asyncio.client import connect as ws_connect

    headers = {"Cookie": cookie} if cookie else None
    return await ws_connect(
        url,
        origin=origin,
        additional_headers=headers,
        compression=None,
        open_timeout=30,
        max_size=None,
        max_queue=None,
    )


async def read_until_paused(ws, watch: Watch, deadline: float) -> int:
    """Record frames until the run's pause status frame arrives; returns its seq."""
    while time.monotonic() < deadline:
        text = await asyncio.wait_for(ws.recv(), timeout=max(0.01, deadline - time.monotonic()))
        received = time.time()
        kind, seq, sent = HEADER.match(text).groups()
        watch.seqs.append(int(seq))
        if kind == "tick":
            watch.latencies.append((received - float(sent)) * 1000)
        elif kind == "status" and '"status":"paused"' in text:
            return int(seq)
    return -1


async def first_frame(ws) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout=30))


async def open_watchers(ws_url: str, origin: str, count: int) -> list:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one():
        async with gate:
            ws = await connect(ws_url, origin)
            await first_frame(ws)  # the snapshot
            return ws

    return await asyncio.gather(*(one() for _ in range(count)))


@dataclass
class Result:
    watchers: int
    p50: float
    p99: float
    worst: float
    frames: float
    lost: int
    server_cpu: float  # percent of one core while measuring
    client_cpu: float


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (Linux; else 0)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_percent(pids: tuple[int, int], before: tuple[float, float], wall: float) -> list[float]:
    """Each process's share of one core since `before` (server, then this client)."""
    return [100 * (cpu_seconds(pid) - was) / wall for pid, was in zip(pids, before, strict=True)]


async def measure(base: str, diagram_id: int, count: int, seconds: float, server: int) -> Result:
    run_id, cookie = new_run(base, diagram_id)
    origin, ws_base = base, base.replace("http://", "ws://") + f"/ws/runs/{run_id}/"
    owner = await connect(ws_base, origin, cookie)
    await first_frame(owner)
    await owner.send(json.dumps({"type": "share"}))
    token = (await first_frame(owner))["token"]
    watchers = await open_watchers(f"{ws_base}?watch={token}", origin, count)
    watches = [Watch() for _ in watchers]
    deadline = time.monotonic() + seconds + 30
    readers = [
        asyncio.ensure_future(read_until_paused(ws, w, deadline))
        for ws, w in zip([owner, *watchers], [Watch(), *watches], strict=True)
    ]
    pids = (server, os.getpid())
    before = (cpu_seconds(server), cpu_seconds(os.getpid()))
    await owner.send(json.dumps({"type": "start"}))
    await asyncio.sleep(seconds)
    await owner.send(json.dumps({"type": "pause"}))
    used = cpu_percent(pids, before, seconds)
    ends = await asyncio.gather(*readers, return_exceptions=True)
    await asyncio.gather(*(ws.close() for ws in [owner, *watchers]), return_exceptions=True)
    last = max(end for end in ends if isinstance(end, int))
    return summarise(count, watches, last, used)


def summarise(count: int, watches: list[Watch], last: int, used: list[float]) -> Result:
    latencies = sorted(x for w in watches for x in w.latencies)
    cuts = quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    frames = sum(len(w.latencies) for w in watches) / max(1, len(watches))
    return Result(
        watchers=count,
        p50=cuts[49],
        p99=cuts[98],
        worst=latencies[-1] if latencies else 0.0,
        frames=frames,
        lost=sum(w.lost(last) for w in watches),
        server_cpu=used[0],
        client_cpu=used[1],
    )


async def events_per_second(base: str, diagram_id: int) -> float:
    """The diagram's event rate at speed 1: a few simulated seconds stepped by hand."""
    run_id, cookie = new_run(base, diagram_id)
    ws_url = base.replace("http://", "ws://") + f"/ws/runs/{run_id}/"
    owner = await connect(ws_url, base, cookie)
    await first_frame(owner)
    total = 0
    for _ in range(5):
        await owner.send(json.dumps({"type": "step", "unit": "second"}))
        tick = await first_frame(owner)
        total += len(tick["events"]) + tick["omitted"]["events"]
    await owner.close()
    return total / 5


async def run_all(base: str, diagram_id: int, counts: list[int], seconds: float, server: int):
    rate = await events_per_second(base, diagram_id)
    print(f"run: {rate:.0f} events per simulated second at speed 1, 20 frames/s")
    print(
        f"{'watchers':>8} {'frames/client':>13} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'lost':>6} {'server cpu':>10} {'client cpu':>10}"
    )
    results = []
    for count in counts:
        result = await measure(base, diagram_id, count, seconds, server)
        results.append(result)
        print(
            f"{count:>8} {result.frames:>13.0f} {result.p50:>8.1f} {result.p99:>8.1f} "
            f"{result.worst:>8.1f} {result.lost:>6} {result.server_cpu:>9.0f}% "
            f"{result.client_cpu:>9.0f}%",
            flush=True,
        )
        await asyncio.sleep(1)
    verdict(results)


def verdict(results: list[Result]) -> None:
    at_target = [r for r in results if r.watchers == TARGET_WATCHERS]
    if not at_target:
        print(f"target ({TARGET_WATCHERS} watchers) not measured")
        return
    ok = at_target[0].p99 < TARGET_P99_MS and at_target[0].lost == 0
    print(
        f"target: {TARGET_WATCHERS} watchers at p99 < {TARGET_P99_MS:.0f} ms with nothing "
        f"lost: {'met' if ok else 'NOT met'}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m playground.bench", description=__doc__)
    parser.add_argument("--watchers", default="10,100,200", help="comma-separated counts")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured per count")
    parser.add_argument("--rate", type=float, default=220.0, help="producer msgs/s")
    parser.add_argument("--processes", type=int, default=0, help="web processes (+ Redis)")
    parser.add_argument("--workers", type=int, default=2, help="run workers, with --processes")
    args = parser.parse_args(argv)
    args.counts = [int(n) for n in args.watchers.split(",") if n.strip()]
    if not args.counts or min(args.counts) < 1 or not 0 < args.seconds <= 120:
        parser.error("--watchers needs counts >= 1 and --seconds 0..120")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.processes:  # several processes on PostgreSQL and Redis: playground.bench_cluster
        from playground.bench_cluster import main as main_cluster

        return main_cluster(args)
    with tempfile.TemporaryDirectory(prefix="eventyard-bench-") as folder:
        env = server_env(folder)
        diagram_id = prepare_database(env, args.rate)
        port = free_port()
        server = start_server(env, port, Path(folder) / "daphne.log")
        try:
            print(f"Daphne on 127.0.0.1:{port} (pid {server.pid})")
            base = f"http://127.0.0.1:{port}"
            asyncio.run(run_all(base, diagram_id, args.counts, args.seconds, server.pid))
        finally:
            stop_server(server)


if __name__ == "__main__":
    main()
