"""`python -m playground.bench --processes 2 --workers 2 --watchers 200,500,1000`: the
same watcher benchmark on several web processes and run workers (PostgreSQL and Redis,
README "Running on more than one process"), against one process in the same run.

For each watcher count it makes one run (the bench diagram, ~1,000 events/s at speed 1)
whose watchers are spread over the web processes, and prints p50/p99 frame latency,
frames lost and each process's CPU. Then the failover time (SIGKILL of the owning worker
to the next frame the watchers receive, with a check for gaps and repeats) and how many
concurrent 20-node runs at speed 1 one worker keeps in real time. Watchers, web processes,
workers, PostgreSQL and Redis all share this machine's cores.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
import uuid
from pathlib import Path

from playground import bench
from playground.bench import Watch, connect, cpu_seconds, first_frame, new_run, summarise
from playground.cluster import Cluster

POSTGRES = os.environ.get("EVENTYARD_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("EVENTYARD_BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
CLUSTER_ENV = {"EVENTYARD_RUN_IDLE_SECONDS": "3", "EVENTYARD_RUNS_PER_ADDRESS_PER_MINUTE": "0"}


def ws_url(base: str, run_id: str, token: str | None = None) -> str:
    query = f"?watch={token}" if token else ""
    return base.replace("http://", "ws://") + f"/ws/runs/{run_id}/{query}"


async def shared_run(bases: list[str], diagram_id: int):
    """(run id, the owner's socket on the first web process, the watch token)."""
    run_id, cookie = await asyncio.to_thread(new_run, bases[0], diagram_id)
    owner = await connect(ws_url(bases[0], run_id), bases[0], cookie)
    await first_frame(owner)
    await owner.send(json.dumps({"type": "share"}))
    while (frame := await first_frame(owner))["type"] != "shared":
        pass
    return run_id, owner, frame["token"]


async def open_spread(bases: list[str], run_id: str, token: str, count: int) -> list:
    """`count` watchers, round-robin over the web processes."""
    gate = asyncio.Semaphore(bench.CONNECT_CONCURRENCY)

    async def one(index: int):
        base = bases[index % len(bases)]
        async with gate:
            ws = await connect(ws_url(base, run_id, token), base)
            await first_frame(ws)
            return ws

    return await asyncio.gather(*(one(i) for i in range(count)))


async def measure(bases, diagram_id, count, seconds, pids: dict[str, int]):
    run_id, owner, token = await shared_run(bases, diagram_id)
    watchers = await open_spread(bases, run_id, token, count)
    watches = [Watch() for _ in watchers]
    deadline = time.monotonic() + seconds + 30
    readers = [
        asyncio.ensure_future(bench.read_until_paused(ws, w, deadline))
        for ws, w in zip([owner, *watchers], [Watch(), *watches], strict=True)
    ]
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    await owner.send(json.dumps({"type": "start"}))
    await asyncio.sleep(seconds)
    await owner.send(json.dumps({"type": "pause"}))
    cpu = {name: 100 * (cpu_seconds(pid) - before[name]) / seconds for name, pid in pids.items()}
    ends = await asyncio.gather(*readers, return_exceptions=True)
    await asyncio.gather(*(ws.close() for ws in [owner, *watchers]), return_exceptions=True)
    last = max(end for end in ends if isinstance(end, int))
    return summarise(count, watches, last, [0.0, 0.0]), cpu


def print_row(label: str, result, cpu: dict[str, float]) -> None:
    shares = " ".join(f"{name} {value:.0f}%" for name, value in cpu.items())
    print(
        f"{label:>10} {result.watchers:>8} {result.frames:>7.0f} {result.p50:>8.1f} "
        f"{result.p99:>8.1f} {result.worst:>8.1f} {result.lost:>6}   {shares}",
        flush=True,
    )


async def one_process(counts: list[int], seconds: float, rate: float) -> None:
    with tempfile.TemporaryDirectory(prefix="eventyard-bench-") as folder:
        env = bench.server_env(folder)
        diagram_id = bench.prepare_database(env, rate)
        port = bench.free_port()
        server = bench.start_server(env, port, Path(folder) / "daphne.log")
        try:
            base = f"http://127.0.0.1:{port}"
            for count in counts:
                pids = {"web": server.pid, "clients": os.getpid()}
                result, cpu = await measure([base], diagram_id, count, seconds, pids)
                print_row("1 process", result, cpu)
                await asyncio.sleep(1)
        finally:
            bench.stop_server(server)


async def failover(cluster: Cluster, diagram_id: int, watchers: int = 50) -> None:
    """SIGKILL the worker that owns a running run: time to the next frame, gaps, repeats."""
    run_id, owner, token = await shared_run(cluster.bases, diagram_id)
    sockets = await open_spread(cluster.bases, run_id, token, watchers)
    seqs: list[list[int]] = [[] for _ in sockets]
    arrivals: list[list[tuple[float, float]]] = [[] for _ in sockets]  # (sent, received)

    async def read(index: int, ws) -> None:
        async for text in ws:
            match = bench.HEADER.match(text)
            if match:
                seqs[index].append(int(match.group(2)))
                arrivals[index].append((float(match.group(3)), time.time()))

    tasks = [asyncio.ensure_future(read(i, ws)) for i, ws in enumerate(sockets)]
    await owner.send(json.dumps({"type": "start"}))
    await asyncio.sleep(3)
    victim = owning_worker(cluster, run_id)
    killed = time.time()
    cluster.kill_worker(victim)
    await asyncio.sleep(6)
    for task in tasks:
        task.cancel()
    # The first frame made after the kill (frames already on their way do not count).
    firsts = [
        next(received for sent, received in mine if sent > killed) - killed
        for mine in arrivals
        if any(sent > killed for sent, _ in mine)
    ]
    bad = sum(1 for s in seqs if s != list(range(s[0], s[0] + len(s))))
    firsts = firsts or [float("nan")]
    p50 = sorted(firsts)[len(firsts) // 2]
    print(
        f"failover: SIGKILL to the next frame p50 {p50 * 1000:.0f} ms, "
        f"max {max(firsts) * 1000:.0f} ms over {len(firsts)}/{watchers} watchers; "
        f"watchers with a gap or a repeat: {bad}"
    )
    cluster.start_worker(len(cluster.worker_processes))
    await asyncio.gather(owner.close(), *(ws.close() for ws in sockets), return_exceptions=True)


def owning_worker(cluster: Cluster, run_id: str) -> int:
    lines = [json.loads(x) for x in cluster.worker_log().splitlines() if x[:1] == "{"]
    taken = [e for e in lines if e.get("run") == run_id and e["event"] != "run_stop"]
    return max(taken, key=lambda e: e["at"])["pid"]


def twenty_nodes() -> dict:
    """Five producers, each into a queue read by a function writing to a second queue."""
    nodes, edges = [], []
    for i in range(5):
        nodes += [
            {"id": f"p{i}", "type": "producer", "props": {}, "sim": {"rate": 20}},
            {"id": f"q{i}", "type": "sqs.queue", "props": {}, "sim": {}},
            {"id": f"f{i}", "type": "lambda.function", "props": {}, "sim": {}},
            {"id": f"o{i}", "type": "sqs.queue", "props": {}, "sim": {}},
        ]
        edges += [
            {"id": f"a{i}", "kind": "publish", "source": f"p{i}", "target": f"q{i}", "props": {}},
            {
                "id": f"b{i}",
                "kind": "event-source",
                "source": f"q{i}",
                "target": f"f{i}",
                "props": {"BatchSize": 1},
            },
            {"id": f"c{i}", "kind": "publish", "source": f"f{i}", "target": f"o{i}", "props": {}},
        ]
    return {
        "format": "eventyard/1",
        "name": "Twenty",
        "description": "",
        "nodes": nodes,
        "edges": edges,
        "sim": {"seed": 1, "duration": 3600},
    }


async def runs_per_worker(cluster: Cluster, diagram_id: int, steps=(5, 10, 20, 40, 80)) -> None:
    """Concurrent runs at speed 1 on the one live worker, until one falls behind real time
    (its simulated clock, as its last frame left it in Redis, gains < 0.9 s a second)."""
    import redis

    client = redis.Redis.from_url(cluster.redis_url)
    owners, runs, drains = [], [], []

    async def drain(ws) -> None:
        async for _ in ws:
            pass

    def sim_times() -> list[float]:
        found = [client.hget(f"eventyard:run:{run_id}", "checkpoint") for run_id in runs]
        return [json.loads(raw)["now"] if raw else 0.0 for raw in found]

    for target in steps:
        while len(owners) < target:
            run_id, cookie = await asyncio.to_thread(new_run, cluster.bases[0], diagram_id)
            ws = await connect(ws_url(cluster.bases[0], run_id), cluster.bases[0], cookie)
            await first_frame(ws)
            await ws.send(json.dumps({"type": "start"}))
            owners.append(ws)
            runs.append(run_id)
            drains.append(asyncio.ensure_future(drain(ws)))
        await asyncio.sleep(2)
        began, wall = sim_times(), time.monotonic()
        await asyncio.sleep(5)
        ended, span = sim_times(), time.monotonic() - wall
        ratio = min((b - a) / span for a, b in zip(began, ended, strict=True))
        print(f"runs per worker: {target:>3} runs, slowest at {ratio:.2f}x real time", flush=True)
        if ratio < 0.9:
            break
    for task in drains:
        task.cancel()
    await asyncio.gather(*(ws.close() for ws in owners), return_exceptions=True)


async def cluster_runs(args, folder: Path) -> None:
    cluster = Cluster(
        database_url=f"{POSTGRES}/eventyard_bench_{uuid.uuid4().hex[:8]}",
        redis_url=REDIS,
        folder=folder,
        webs=args.processes,
        workers=args.workers,
        extra_env=CLUSTER_ENV,
    )
    try:
        diagram_id = await asyncio.to_thread(cluster.start, rate=args.rate)
        pids = {f"web{i}": p.pid for i, p in enumerate(cluster.web_processes)}
        pids |= {f"worker{i}": p.pid for i, p in enumerate(cluster.worker_processes)}
        pids["clients"] = os.getpid()
        label = f"{args.processes}w+{args.workers}r"
        for count in args.counts:
            result, cpu = await measure(cluster.bases, diagram_id, count, args.seconds, pids)
            print_row(label, result, cpu)
            await asyncio.sleep(1)
        await failover(cluster, diagram_id)
        twenty = await asyncio.to_thread(store_example, cluster, twenty_nodes())
        for worker in cluster.worker_processes[:-1]:  # one worker left for the runs count
            if worker.poll() is None:
                cluster.kill_worker(worker.pid)
        await runs_per_worker(cluster, twenty)
    finally:
        cluster.stop()


def store_example(cluster: Cluster, document: dict) -> int:
    import subprocess
    import sys

    script = (
        "import django, json, sys; django.setup()\n"
        "from designer.models import Diagram\n"
        "d = Diagram.objects.create(is_example=True, example_slug='twenty', name='Twenty',"
        " document=json.loads(sys.argv[1]))\nprint(d.pk)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(document)],
        cwd=bench.BASE_DIR,
        env=cluster.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


def main(args) -> None:
    print("Watchers, web processes, workers, PostgreSQL and Redis share this machine's cores.")
    print(
        f"{'':>10} {'watchers':>8} {'frames':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'lost':>6}   cpu (% of one core)"
    )
    asyncio.run(one_process(args.counts, args.seconds, args.rate))
    with tempfile.TemporaryDirectory(prefix="eventyard-bench-") as folder:
        asyncio.run(cluster_runs(args, Path(folder)))
