"""`playground.measure_seek`: the seek it times covers the whole run, as a headless run."""

from __future__ import annotations

import json

from engine import Simulation, load_diagram
from playground.measure_seek import EXAMPLES, seek_to_end


def test_a_seek_to_the_end_goes_through_every_event_of_the_run():
    document = json.loads((EXAMPLES / "order-queue-dlq.json").read_text())
    sim = Simulation(load_diagram(document), seed=document["sim"]["seed"])
    sim.run(until=document["sim"]["duration"])

    events, took, size = seek_to_end(document)

    assert events == sim.report()["events"] == 130
    assert took > 0 and size > 1000  # a history with 181 samples
