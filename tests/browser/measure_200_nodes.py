"""Measures the editor with a 200-node diagram in headless Chromium (not a test: no
wall-clock asserts anywhere). Run against a running app:

    python manage.py playground 127.0.0.1:8765 &
    python -m tests.browser.measure_200_nodes http://127.0.0.1:8765

It creates a diagram of 50 chains (producer → queue → function, plus a DLQ: 200 nodes and
150 edges), then reports, from `performance.now()` inside the page:
- load: navigation start until all 200 node elements are in the DOM (module loading, the
  catalogue and diagram requests, rendering);
- drag: frame intervals while one node is dragged across the canvas (30 pointer moves);
- zoom: frame intervals while zooming in and out 20 times with the keyboard;
- zoom per frame: one zoom step every frame for 40 frames (as a pinch or a fast wheel
  does), from the fitted view (every node in view) and from 100% (most of them out of view);
- layout: one auto-layout of all 200 nodes (an undoable change) until the next frame.
"""

from __future__ import annotations

import json
import statistics
import sys

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

FRAMES = """() => { window.__frames = []; if (window.__ticking) return; window.__ticking = true;
  const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick); }"""
GAPS = """() => { const f = window.__frames; const gaps = f.slice(1).map((t, i) => t - f[i]);
  window.__frames = []; return gaps; }"""

ZOOM_EVERY_FRAME = """() => new Promise((done) => {
  const gaps = []; let last = performance.now(); let step = 0;
  const press = (name) => document.querySelector(`[data-action="${name}"]`).click();
  const tick = (now) => { gaps.push(now - last); last = now;
    if (step++ >= 40) return done(gaps.slice(1));
    press(step % 8 < 4 ? 'zoom-in' : 'zoom-out'); requestAnimationFrame(tick); };
  requestAnimationFrame(tick); })"""

LAYOUT = """() => new Promise((done) => { const start = performance.now();
  document.querySelector('[data-action="layout"]').click();
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - start))); })"""


def big_document() -> dict:
    nodes, edges = [], []
    for chain in range(50):
        y = 40 + chain * 100
        ids = [f"p{chain}", f"q{chain}", f"f{chain}", f"d{chain}"]
        nodes += [
            {
                "id": ids[0],
                "type": "producer",
                "label": f"client {chain}",
                "position": {"x": 40, "y": y},
            },
            {
                "id": ids[1],
                "type": "sqs.queue",
                "label": f"queue {chain}",
                "position": {"x": 300, "y": y},
                "props": {"VisibilityTimeout": 60},
            },
            {
                "id": ids[2],
                "type": "lambda.function",
                "label": f"worker {chain}",
                "position": {"x": 560, "y": y},
                "props": {"Timeout": 5},
            },
            {
                "id": ids[3],
                "type": "sqs.queue",
                "role": "dlq",
                "label": f"dlq {chain}",
                "position": {"x": 820, "y": y},
            },
        ]
        edges += [
            {"id": f"a{chain}", "kind": "publish", "source": ids[0], "target": ids[1]},
            {"id": f"b{chain}", "kind": "event-source", "source": ids[1], "target": ids[2]},
            {
                "id": f"c{chain}",
                "kind": "dead-letter",
                "source": ids[1],
                "target": ids[3],
                "props": {"maxReceiveCount": 5},
            },
        ]
    return {"format": "eventyard/1", "name": "200 nodes", "nodes": nodes, "edges": edges}


def summary(gaps: list[float]) -> str:
    gaps = sorted(gaps)
    p95 = gaps[int(len(gaps) * 0.95) - 1] if gaps else float("nan")
    median = statistics.median(gaps)
    return f"{len(gaps)} frames, median {median:.1f} ms, p95 {p95:.1f} ms, max {gaps[-1]:.1f} ms"


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(base + "/")
        token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
        created = page.request.post(
            base + "/api/diagrams/",
            data=json.dumps({"name": "200 nodes", "document": big_document()}),
            headers={"Content-Type": "application/json", "X-CSRFToken": token},
        ).json()
        page.goto(f"{base}/diagrams/{created['id']}/")
        page.wait_for_function(
            "document.querySelectorAll('[data-node-id]').length === 200", timeout=60000
        )
        loaded = page.evaluate("performance.now()")
        page.wait_for_selector("[data-editor][data-ready=true]")
        page.wait_for_timeout(500)
        print(f"load: {loaded:.0f} ms from navigation start to 200 nodes in the DOM")

        box = page.locator('[data-node-id="q3"] [joint-selector=body]').bounding_box()
        page.evaluate(FRAMES)
        page.mouse.move(box["x"] + 80, box["y"] + 10)
        page.mouse.down()
        for step in range(30):
            page.mouse.move(box["x"] + 80 + step * 8, box["y"] + 10 + step * 4)
        page.mouse.up()
        print("drag:", summary(page.evaluate(GAPS)))

        page.locator("[data-canvas]").click(position={"x": 5, "y": 5})
        page.evaluate(FRAMES)
        for step in range(20):
            page.keyboard.press("+" if step % 2 == 0 else "-")
        page.wait_for_timeout(100)
        print("zoom:", summary(page.evaluate(GAPS)))
        page.wait_for_timeout(400)
        print("zoom per frame, fitted:", summary(page.evaluate(ZOOM_EVERY_FRAME)))
        page.keyboard.press("0")
        page.wait_for_timeout(400)
        print("zoom per frame, at 100%:", summary(page.evaluate(ZOOM_EVERY_FRAME)))
        page.keyboard.press("f")
        page.wait_for_timeout(400)

        took = page.evaluate(LAYOUT)
        print(f"layout: {took:.0f} ms for an auto-layout of 200 nodes until painted")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765")
