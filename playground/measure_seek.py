"""`python -m playground.measure_seek`: how long a live run's seek takes (README "Live
runs"), for every example, from t = 0 to its end: a fresh Simulation run headless one
simulated second at a time with the run's history kept, as `Player._run_to` does under
the run's lock (no other control of that run is served meanwhile). Prints, per example,
the events, the wall time and the size of the `history` a seek's frame carries.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import engine
from engine import Simulation, load_diagram
from playground.runs.player import RunHistory

EXAMPLES = Path(engine.__file__).resolve().parent / "examples"


def seek_to_end(document: dict) -> tuple[int, float, int]:
    """(events, wall seconds, history bytes) of a seek to the document's end."""
    end = document["sim"]["duration"]
    began = time.perf_counter()
    sim = Simulation(load_diagram(document), seed=document["sim"]["seed"])
    history, events = RunHistory(), 0
    while sim.now < end:
        sim.run(until=round(min(math.floor(sim.now + 1), end), 9))
        batch = sim.drain_events()
        events += len(batch)
        history.record(batch, {"time": round(sim.now, 6), "metrics": sim.node_metrics()})
    took = time.perf_counter() - began
    return events, took, len(json.dumps(history.frame()))


def main() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        document = json.loads(path.read_text())
        events, took, size = seek_to_end(document)
        end = document["sim"]["duration"]
        print(
            f"{path.stem:28s} to t = {end:>4} s  {events:>7,} events  {took * 1000:7.1f} ms"
            f"  history {size / 1024:6.1f} KiB"
        )


if __name__ == "__main__":
    main()
