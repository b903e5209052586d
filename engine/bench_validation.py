"""`python -m engine.bench_validation`: how long `load_diagram` takes as documents grow.

Each document is half producers and half queues, each producer publishing to the queue
beside it, so per-node rules visit every node's edges. The node and edge limits are lifted
for the measurement; time should grow linearly with the document (twice the nodes and
edges, about twice the time).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from engine.schema import load_diagram

SIZES = ((2_000, 1_000), (5_000, 2_500), (10_000, 5_000), (20_000, 10_000))


def document(nodes: int, edges: int) -> dict[str, Any]:
    """`nodes` nodes, alternately producer and queue; `edges` publish edges, pair by pair."""
    kinds = ("producer", "sqs.queue")
    return {
        "format": "eventyard/1",
        "nodes": [{"id": f"n{i}", "type": kinds[i % 2]} for i in range(nodes)],
        "edges": [
            {"id": f"e{k}", "kind": "publish", "source": f"n{2 * k}", "target": f"n{2 * k + 1}"}
            for k in range(min(edges, nodes // 2))
        ],
    }


def seconds_to_load(doc: dict[str, Any], repeat: int) -> float:
    """The best of `repeat` timings of `load_diagram(doc)` with no size limit."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        load_diagram(doc, max_nodes=len(doc["nodes"]), max_edges=len(doc["edges"]))
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m engine.bench_validation")
    parser.add_argument("--repeat", type=int, default=3, help="timings per size (best kept)")
    args = parser.parse_args(argv)
    for nodes, edges in SIZES:
        took = seconds_to_load(document(nodes, edges), max(1, args.repeat))
        rate = (nodes + edges) / took
        print(f"{nodes:>6,} nodes {edges:>6,} edges: {took:6.3f} s ({rate:,.0f} items/s)")


if __name__ == "__main__":
    main()
