"""`python -m playground.soak`: hostile clients against a real server, for a bounded time;
prints the server's memory after each case, its peak, and every 5xx it answered.

Starts one Daphne process on a free 127.0.0.1 port with a temporary database (the
helpers of `playground.bench`), then runs each case in turn:

- `import_bomb`: a YAML alias bomb posted to `/api/import/` (10**depth leaves; `--bomb-depth`,
  default 6: the full 10**8 bomb of the hardening report takes gigabytes where the import
  limits are missing, so it is asked for explicitly);
- `big_document`: a diagram of about 2 MB stored and run, its frames read by a client;
- `many_injects`: thousands of 60 KB injects into a run never started;
- `slow_readers`: sockets that never read, on a 600-node run at speed "max";
- `resets`: a hundred resets of a 3,000-node run in a burst, then the client leaves;
- `closed_runs`: three big runs run, then closed over HTTP;
- `cookieless_runs`: 200 attempts to make a run without cookies.

Every loop is bounded by `--seconds` (per case) or a count; the soak stops the server it
started, and nothing else. Needs the dev extras (`websockets`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playground import bench
from playground.rawsocket import open_raw, rss_bytes


class Server:
    """The server under test: its address, its pid, and every 5xx it answered."""

    def __init__(self, port: int, pid: int):
        self.port, self.pid = port, pid
        self.base = f"http://127.0.0.1:{port}"
        self.errors: list[str] = []
        self.csrf = ""

    def http(self, method: str, path: str, body=None, *, cookie="", csrf=True, timeout=60.0):
        """(status, body bytes) of one request (with `cookie`, and a CSRF token as a page
        would give it unless `csrf` is false); a 5xx is recorded."""
        data = body if isinstance(body, bytes | None) else json.dumps(body).encode()
        head = {"Content-Type": "application/json"}
        if csrf:
            self.csrf = self.csrf or bench.csrf_cookie(self.base)
            cookie = f"{cookie}; csrftoken={self.csrf}" if cookie else f"csrftoken={self.csrf}"
            head["X-CSRFToken"] = self.csrf
        if cookie:
            head["Cookie"] = cookie
        request = urllib.request.Request(self.base + path, data=data, headers=head, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, text = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        except TimeoutError:
            status, text = 0, b"client timeout"
        if status >= 500:
            self.errors.append(f"{method} {path}: {status} {text[:120]!r}")
        return status, text

    def new_run(self, diagram_id: int) -> tuple[str, str]:
        return bench.new_run(self.base, diagram_id)

    def ws_url(self, run_id: str) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/runs/{run_id}/"

    def rss(self) -> str:
        now, _peak = rss_bytes(self.pid)
        return f"{now / 2**20:.0f} MB"


def nodes_doc(name: str, queues: int, *, rate: float = 200, pad: int = 0) -> dict:
    """The bench's producer, queue and function, plus `queues` idle queues (and `pad`
    characters of description, to make the document big)."""
    doc = bench.bench_document(rate)
    doc["name"], doc["description"] = name, "x" * pad
    doc["nodes"] += [
        {"id": f"q{i:05d}", "type": "sqs.queue", "props": {}, "sim": {}} for i in range(queues)
    ]
    return doc


def store(env: dict[str, str], docs: list[dict]) -> list[int]:
    """Migrate the database and store each document as an example: their ids."""
    script = (
        "import django, json, sys; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "from designer.models import Diagram\n"
        "for i, doc in enumerate(json.load(sys.stdin)):\n"
        "    d = Diagram.objects.create(is_example=True, example_slug=f'soak-{i}',"
        " name=doc['name'], document=doc)\n"
        "    print(d.pk)\n"
    )
    done = bench.subprocess.run(
        [bench.sys.executable, "-c", script],
        input=json.dumps(docs),
        cwd=bench.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [int(line) for line in done.stdout.split()]


def alias_bomb(depth: int) -> str:
    """A template whose aliases expand to 10**depth leaves."""
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, depth):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    top = f"*a{depth - 1}"
    lines += [
        f"Metadata: {{Eventyard: {{bomb: {top}}}, bomb: {top}}}",
        "Resources:",
        "  Orders:",
        "    Type: AWS::SQS::Queue",
        f"    Metadata: {{bomb: {top}}}",
        f"    Properties: {{Tags: {top}}}",
    ]
    return "\n".join(lines) + "\n"


# --- the cases ----------------------------------------------------------------------------
def import_bomb(server: Server, ids: dict, args) -> str:
    began = time.monotonic()
    body = {"template": alias_bomb(args.bomb_depth)}
    status, _text = server.http("POST", "/api/import/", body, timeout=args.seconds * 6)
    return f"10**{args.bomb_depth} leaves: {status} in {time.monotonic() - began:.1f} s"


async def big_document(server: Server, ids: dict, args) -> str:
    run_id, cookie = server.new_run(ids["big"])
    ws = await bench.connect(server.ws_url(run_id), server.base, cookie)
    largest, frames, deadline = 0, 0, time.monotonic() + args.seconds
    await ws.send(json.dumps({"type": "speed", "value": "max"}))
    await ws.send(json.dumps({"type": "start"}))
    try:
        while time.monotonic() < deadline:
            text = await asyncio.wait_for(ws.recv(), timeout=deadline - time.monotonic())
            largest, frames = max(largest, len(text.encode())), frames + 1
    except TimeoutError:
        pass
    code = ws.close_code
    await ws.close()
    server.http("DELETE", f"/api/runs/{run_id}/", cookie=cookie)
    return f"{frames} frames, largest {largest} bytes, socket closed by server: {code}"


async def many_injects(server: Server, ids: dict, args) -> str:
    run_id, cookie = server.new_run(ids["small"])
    ws = await bench.connect(server.ws_url(run_id), server.base, cookie)
    await bench.first_frame(ws)
    payload = json.dumps({"type": "inject", "node": "orders", "payload": "x" * 60_000})
    answers: dict[str, int] = {}
    deadline = time.monotonic() + args.seconds
    for _ in range(args.injects):
        if time.monotonic() > deadline:
            break
        await ws.send(payload)
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
        key = frame.get("code") or frame["type"]
        answers[key] = answers.get(key, 0) + 1
    await ws.close()
    server.http("DELETE", f"/api/runs/{run_id}/", cookie=cookie)
    return ", ".join(f"{key}: {count}" for key, count in sorted(answers.items()))


async def slow_readers(server: Server, ids: dict, args) -> str:
    run_id, cookie = server.new_run(ids["600"])
    owner = await bench.connect(server.ws_url(run_id), server.base, cookie)
    await bench.first_frame(owner)
    await owner.send(json.dumps({"type": "share"}))
    token = (await bench.first_frame(owner))["token"]
    readers = [
        open_raw(server.port, f"/ws/runs/{run_id}/?watch={token}") for _ in range(args.readers)
    ]
    await owner.send(json.dumps({"type": "speed", "value": "max"}))
    await owner.send(json.dumps({"type": "start"}))
    samples, frames = [], 0
    for _ in range(int(args.seconds)):
        deadline = time.monotonic() + 1
        while (left := deadline - time.monotonic()) > 0:  # the owner reads as a browser does
            try:
                await asyncio.wait_for(owner.recv(), timeout=left)
                frames += 1
            except TimeoutError:
                break
        samples.append(rss_bytes(server.pid)[0] / 2**20)
    for sock in readers:
        sock.close()
    await owner.close()
    server.http("DELETE", f"/api/runs/{run_id}/", cookie=cookie)
    trend = " ".join(f"{mb:.0f}" for mb in samples)
    return f"{args.readers} sockets never reading (the owner read {frames}); MB each s: {trend}"


async def resets(server: Server, ids: dict, args) -> str:
    run_id, cookie = server.new_run(ids["3000"])
    ws = await bench.connect(server.ws_url(run_id), server.base, cookie)
    await bench.first_frame(ws)
    for _ in range(100):
        await ws.send(json.dumps({"type": "reset"}))
    await ws.close()
    before = bench.cpu_seconds(server.pid)
    await asyncio.sleep(3)
    busy = 100 * (bench.cpu_seconds(server.pid) - before) / 3
    server.http("DELETE", f"/api/runs/{run_id}/", cookie=cookie)
    return f"server CPU in the 3 s after the client left: {busy:.0f}% of a core"


async def closed_runs(server: Server, ids: dict, args) -> str:
    """Three big runs run and closed, twice: memory freed is reused, not grown."""
    figures = []
    for _round in range(2):
        made = [server.new_run(ids["3000"]) for _ in range(3)]
        sockets = []
        for run_id, cookie in made:
            ws = await bench.connect(server.ws_url(run_id), server.base, cookie)
            await ws.send(json.dumps({"type": "speed", "value": "max"}))
            await ws.send(json.dumps({"type": "start"}))
            sockets.append(ws)
        await asyncio.sleep(args.seconds / 2)
        figures.append(f"running {server.rss()}")
        for run_id, cookie in made:
            server.http("DELETE", f"/api/runs/{run_id}/", cookie=cookie)
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
        await asyncio.sleep(1)
        figures.append(f"closed {server.rss()}")
    return "3 runs of 3,000 nodes, twice: " + ", ".join(figures)


def cookieless_runs(server: Server, ids: dict, args) -> str:
    counts: dict[int, int] = {}
    for _ in range(200):
        status, _text = server.http("POST", "/api/runs/", {"diagram": ids["small"]}, csrf=False)
        counts[status] = counts.get(status, 0) + 1
    return "answers: " + ", ".join(f"{code} x{n}" for code, n in sorted(counts.items()))


CASES = [
    import_bomb,
    big_document,
    many_injects,
    slow_readers,
    resets,
    closed_runs,
    cookieless_runs,
]


async def run_cases(server: Server, ids: dict, args) -> None:
    print(f"{'case':<16} {'server RSS':>10}  outcome")
    for case in [c for c in CASES if not args.cases or c.__name__ in args.cases]:
        try:
            outcome = case(server, ids, args)
            if asyncio.iscoroutine(outcome):
                outcome = await outcome
        except Exception as error:  # a case that breaks says so; the others still run
            outcome = f"FAILED: {type(error).__name__}: {error}"
        print(f"{case.__name__:<16} {server.rss():>10}  {outcome}", flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m playground.soak", description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="per case (1..120)")
    parser.add_argument("--bomb-depth", type=int, default=6, help="alias levels (1..9)")
    parser.add_argument("--injects", type=int, default=2000, help="60 KB injects to try")
    parser.add_argument("--readers", type=int, default=8, help="sockets that never read")
    parser.add_argument(
        "--send-buffer-bytes",
        type=int,
        default=0,
        help="the server's EVENTYARD_WS_SEND_BUFFER_BYTES (default: its own; huge: no bound)",
    )
    parser.add_argument("--cases", default="", help="comma-separated case names (default all)")
    parser.add_argument("--log", action="store_true", help="print the server's log at the end")
    args = parser.parse_args(argv)
    args.cases = [name for name in args.cases.split(",") if name]
    if not 1 <= args.seconds <= 120 or not 1 <= args.bomb_depth <= 9:
        parser.error("--seconds must be 1..120 and --bomb-depth 1..9")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventyard-soak-") as folder:
        env = bench.server_env(folder)
        env["EVENTYARD_RUN_IDLE_SECONDS"] = "10"
        if args.send_buffer_bytes:
            env["EVENTYARD_WS_SEND_BUFFER_BYTES"] = str(args.send_buffer_bytes)
        docs = [
            nodes_doc("small", 0),
            nodes_doc("600", 600),
            nodes_doc("3000", 3000),
            nodes_doc("big", 2000, pad=2_000_000),
        ]
        ids = dict(zip(("small", "600", "3000", "big"), store(env, docs), strict=True))
        port = bench.free_port()
        log = Path(folder) / "daphne.log"
        process = bench.start_server(env, port, log)
        server = Server(port, process.pid)
        try:
            print(f"Daphne on 127.0.0.1:{port} (pid {process.pid}), {server.rss()} at start")
            asyncio.run(run_cases(server, ids, args))
            print(f"peak server RSS: {rss_bytes(process.pid)[1] / 2**20:.0f} MB")
        finally:
            bench.stop_server(process)
        text = log.read_text(errors="replace")
        if args.log:
            print(text)
        report_errors(server.errors, text)


def report_errors(errors: list[str], log: str) -> None:
    """Every 5xx, and the distinct exceptions the server logged (a traceback's last line)."""
    lines = log.splitlines()
    exceptions: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            last = next((x for x in lines[i + 1 :] if x and not x.startswith(" ")), "?")
            exceptions[last[:160]] = exceptions.get(last[:160], 0) + 1
    print(f"5xx answers: {len(errors)}; tracebacks in the server log: {sum(exceptions.values())}")
    for line in errors:
        print(f"  {line}")
    for text, count in exceptions.items():
        print(f"  {count} x {text}")


if __name__ == "__main__":
    main()
