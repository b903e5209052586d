"""Measures opening the editor in a fresh browser (not a test: no wall-clock asserts
anywhere). Run against a running app:

    python manage.py playground 127.0.0.1:8765 &
    python -m tests.browser.measure_load http://127.0.0.1:8765 [--runs 7] [--diagram ID]

Each sample uses a new browser context (empty cache, no cookies), as a first visit does,
and reports the median (and min/max) over the runs of:
- requests: every request the page makes until the editor is ready and the network is
  idle (the page, styles, scripts, API calls);
- first node: from sending the browser to an example diagram (the last one the API lists,
  or --diagram) until its first node is in the DOM;
- new diagram: from sending the browser to /diagrams/new/ until the canvas is editable
  (the editor says `data-ready`), and how many diagrams the server made on the way (none is
  right: the first change creates it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from playwright.sync_api import Browser, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

# Records (as epoch ms) when the first node appears and when the editor is ready, from
# inside the page, before any script of the page runs.
WATCH = """(() => {
  const now = () => performance.timeOrigin + performance.now();
  const has = (selector) => document.querySelector(selector);
  const seen = () => {
    if (!window.__firstNode && has('[data-node-id]')) window.__firstNode = now();
    if (!window.__ready && has('[data-editor][data-ready=true]')) window.__ready = now();
  };
  const all = { childList: true, subtree: true, attributes: true };
  new MutationObserver(seen).observe(document, all);
})();"""
READY = "[data-editor][data-ready=true]"


def sample(browser: Browser, url: str, *, wait_for: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.add_init_script(WATCH)
    requests: list[tuple[str, str]] = []
    page.on("request", lambda request: requests.append((request.method, request.url)))
    started = time.time() * 1000
    page.goto(url)
    page.wait_for_selector(READY, timeout=30_000)
    mark = "window.__firstNode" if wait_for == "node" else "window.__ready"
    page.wait_for_function(f"{mark} !== undefined", timeout=30_000)
    took = page.evaluate(mark) - started
    page.wait_for_load_state("networkidle")
    creates = sum(1 for verb, url in requests if verb == "POST" and url.endswith("/api/diagrams/"))
    result = {"ms": took, "requests": len(requests), "creates": creates}
    context.close()
    return result


def describe(values: list[float], unit: str) -> str:
    return (
        f"median {statistics.median(values):.0f}{unit} "
        f"(min {min(values):.0f}, max {max(values):.0f}, n={len(values)})"
    )


def first_example(browser: Browser, base: str) -> int:
    context = browser.new_context()
    listed = context.request.get(base + "/api/diagrams/").json()
    context.close()
    examples = [d["id"] for d in listed if d.get("is_example")] or [d["id"] for d in listed]
    if not examples:
        sys.exit("no diagram to open: `manage.py playground` loads the examples")
    return examples[-1]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8765")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--diagram", type=int, default=None)
    args = parser.parse_args(argv)
    base = args.base.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        diagram = args.diagram or first_example(browser, base)
        existing, new = f"{base}/diagrams/{diagram}/", f"{base}/diagrams/new/"
        sample(browser, existing, wait_for="node")  # warms the server up
        opened = [sample(browser, existing, wait_for="node") for _ in range(args.runs)]
        fresh = [sample(browser, new, wait_for="ready") for _ in range(args.runs)]
        browser.close()
    print(f"open diagram {diagram}: requests {describe([s['requests'] for s in opened], '')}")
    print(f"open diagram {diagram}: first node {describe([s['ms'] for s in opened], ' ms')}")
    print(f"new diagram: requests {describe([s['requests'] for s in fresh], '')}")
    print(f"new diagram: editable {describe([s['ms'] for s in fresh], ' ms')}")
    print(f"new diagram: diagrams created before any change: {max(s['creates'] for s in fresh)}")


if __name__ == "__main__":
    main(sys.argv[1:])
