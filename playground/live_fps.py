"""`python -m playground.live_fps`: the live playground's frame rate in Chromium with about
1,000 tokens moving on the wires (README "Live runs").

Starts `manage.py playground` on a free 127.0.0.1 port with a temporary database, makes a
diagram that floods the wires (a producer at `--rate` messages a second into an SNS topic
that fans out to three queues, each read by a function: seven wire crossings a message),
opens it in headless Chromium (Debian's, as the browser tests; `--tokens N` opens it with
`?tokens=N`, the page's cap on moving tokens), runs it at speed 1 and,
after a warm-up, counts requestAnimationFrame callbacks for `--seconds` while sampling how
many `[data-token]` circles are on the canvas. It prints frames per second, frame-interval
percentiles, the tokens in flight and the sampling note the page showed. Every wait is
bounded; it stops the server it started, and nothing else. Needs the dev extras.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("EVENTYARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def flood_document(rate: float) -> dict:
    """A producer into a topic fanning out to three queues, each read by a function."""

    def node(node_id: str, kind: str, x: int, y: int, **sim) -> dict:
        position = {"x": x, "y": y}
        return {"id": node_id, "type": kind, "label": node_id, "position": position,
                "props": {}, "sim": sim}  # fmt: skip

    def edge(edge_id: str, kind: str, source: str, target: str, **props) -> dict:
        return {"id": edge_id, "kind": kind, "source": source, "target": target, "props": props}

    nodes = [node("shop", "producer", 0, 300, rate=rate), node("orders", "sns.topic", 420, 300)]
    edges = [edge("e1", "publish", "shop", "orders")]
    quick = {"dist": "fixed", "ms": 20}
    for index, name in enumerate(["billing", "shipping", "audit"]):
        y = 40 + 260 * index
        nodes.append(node(f"{name}-q", "sqs.queue", 840, y))
        nodes.append(node(f"{name}-fn", "lambda.function", 1260, y, duration=quick))
        edges.append(edge(f"s{index}", "subscription", "orders", f"{name}-q"))
        edges.append(edge(f"c{index}", "event-source", f"{name}-q", f"{name}-fn", BatchSize=1))
    return {"format": "eventyard/1", "name": "Token flood", "description": "", "nodes": nodes,
            "edges": edges, "sim": {"seed": 1, "duration": 3600}}  # fmt: skip


def start_server(folder: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTYARD_")}
    env.update(EVENTYARD_DB_PATH=str(Path(folder) / "fps.sqlite3"), EVENTYARD_DEBUG="0")
    log = open(Path(folder) / "server.log", "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "playground", f"127.0.0.1:{port}"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/catalog/", timeout=2).close()
            return server, url
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the app did not start; see {folder}/server.log")


# Counts animation frames for `seconds`, and the tokens on the canvas every sixth frame.
MEASURE = """async (seconds) => {
  const intervals = [];
  const tokens = [];
  let last = performance.now();
  const end = last + seconds * 1000;
  await new Promise((done) => {
    const frame = (now) => {
      intervals.push(now - last);
      last = now;
      if (intervals.length % 6 === 0) {
        tokens.push(document.querySelectorAll('[data-token]').length);
      }
      if (now < end) requestAnimationFrame(frame);
      else done();
    };
    requestAnimationFrame(frame);
  });
  const note = document.querySelector('[data-live-sampling]');
  const sampling = note && !note.hidden ? note.textContent : 'none';
  return { intervals, tokens, seconds, sampling };
}"""

# Saves a diagram as this browser's anonymous session (the CSRF cookie comes with "/").
CREATE = """async (doc) => {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='));
  const answer = await fetch('/api/diagrams/', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'X-CSRFToken': cookie.slice(10)},
    body: JSON.stringify({name: doc.name, document: doc}),
  });
  return answer.json();
}"""


def measure(url: str, rate: float, seconds: float, warmup: float, cap: int | None) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860}, base_url=url)
        page.goto("/")
        created = page.evaluate(CREATE, flood_document(rate))
        query = "" if cap is None else f"?tokens={cap}"
        page.goto(f"/diagrams/{created['id']}/{query}")
        page.wait_for_selector("[data-editor][data-ready=true]", timeout=30_000)
        page.locator('[data-action="run"]').click()
        page.wait_for_selector("[data-token]", timeout=30_000)
        page.wait_for_timeout(warmup * 1000)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        before = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        result = page.evaluate(MEASURE, seconds)
        after = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        result["busy"] = {
            name: (after[name] - before[name]) / seconds
            for name in ("ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration")
        }
        result["events"] = page.locator("[data-live-events]").get_attribute("data-live-events")
        browser.close()
    return result


def summarise(result: dict) -> str:
    intervals = sorted(result["intervals"][1:])
    tokens = result["tokens"] or [0]

    def pct(p):
        return intervals[min(len(intervals) - 1, int(p * len(intervals)))]

    fps = len(result["intervals"]) / result["seconds"]
    return (
        f"frames per second: {fps:.1f} over {result['seconds']:g} s\n"
        f"frame interval ms: p50 {pct(0.5):.1f}, p95 {pct(0.95):.1f}, max {intervals[-1]:.1f}\n"
        f"tokens on the wires: mean {sum(tokens) / len(tokens):.0f}, min {min(tokens)}, "
        f"max {max(tokens)}\n"
        f"sampling note: {result['sampling']}\n"
        f"main thread busy, share of each second: "
        + ", ".join(f"{k.removesuffix('Duration')} {v:.0%}" for k, v in result["busy"].items())
        + "\n"
        f"trace events so far: {result['events']}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=200.0, help="messages a second")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to count frames")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds before counting")
    parser.add_argument(
        "--tokens", type=int, default=None, help="the page's token cap (?tokens=N; default 1000)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eventyard-fps-") as folder:
        server, url = start_server(folder)
        try:
            print(summarise(measure(url, args.rate, args.seconds, args.warmup, args.tokens)))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
