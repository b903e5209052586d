"""`playground.runs.workers` without Redis: a rebuilt Simulation is the one the lost worker
had (same clock, metrics and ledger), and a control is logged with the frame it made,
never with a tick that happened to be published while it waited."""

from __future__ import annotations

from engine import Simulation, load_diagram
from playground.runs.fanout import LayerFanout
from playground.runs.frames import dumps, stamp
from playground.runs.stepping import Stepper
from playground.runs.workers import rebuild
from tests.playground.live_support import busy_doc

END = 20.0


def state(sim: Simulation) -> tuple:
    return sim.now, sim.node_metrics(), sim.ledger()


def live_chain(diagram) -> tuple[Simulation, list[dict]]:
    """A run as a worker steps it, in uneven ticks, with the log it keeps."""
    sim, log = Simulation(diagram, seed=7), []
    for until in (0.05, 0.11, 0.37, 0.9):
        sim.run(until=until)
    log.append(
        {
            "kind": "inject",
            "at": sim.now,
            "node": "orders",
            "payload": {"hand": 1},
            "attributes": {"k": "v"},
        }
    )
    sim.inject("orders", {"hand": 1}, {"k": "v"})
    for until in (1.0, 1.45):
        sim.run(until=until)
    log.append({"kind": "step", "at": sim.now, "unit": "event"})
    Stepper.step(sim, unit="event", end=END)
    for until in (1.6, 2.25, 3.0):
        sim.run(until=until)
    log.append({"kind": "step", "at": sim.now, "unit": "second"})
    Stepper.step(sim, unit="second", end=END)
    sim.run(until=4.5)
    sim.drain_events()
    return sim, log


def test_a_rebuild_reaches_exactly_the_state_the_lost_worker_had():
    diagram = load_diagram(busy_doc(rate=80))
    live, log = live_chain(diagram)

    rebuilt = rebuild(diagram, seed=7, log=log, now=live.now, end=END)

    assert state(rebuilt) == state(live)
    live.run(until=9.0)  # and they go on alike
    rebuilt.run(until=9.0)
    assert state(rebuilt) == state(live)


def test_a_rebuild_without_the_inject_differs_so_the_log_matters():
    diagram = load_diagram(busy_doc(rate=80))
    live, log = live_chain(diagram)

    rebuilt = rebuild(diagram, seed=7, log=log[1:], now=live.now, end=END)

    assert state(rebuilt) != state(live)


def test_a_reset_in_the_log_starts_the_simulation_again():
    diagram = load_diagram(busy_doc(rate=80))
    _, log = live_chain(diagram)
    fresh = Simulation(diagram, seed=7)
    fresh.run(until=2.5)

    rebuilt = rebuild(diagram, seed=7, log=[*log, {"kind": "reset"}], now=2.5, end=END)

    assert state(rebuilt) == state(fresh)


def test_a_seek_back_in_the_log_rebuilds_and_a_seek_on_only_moves_the_clock():
    diagram = load_diagram(busy_doc(rate=80))
    live, log = live_chain(diagram)  # at 4.5 s, after an inject and two steps
    back = {"kind": "seek", "at": live.now, "time": 1.0}
    on = {"kind": "seek", "at": 1.0, "time": 3.0}
    inject = {"kind": "inject", "at": 3.0, "node": "orders", "payload": 2, "attributes": None}

    rebuilt = rebuild(diagram, seed=7, log=[*log, back, on, inject], now=6.0, end=END)

    fresh = Simulation(diagram, seed=7)  # the seek back forgot the first inject and steps
    fresh.run(until=3.0)
    fresh.inject("orders", 2, None)
    fresh.run(until=6.0)
    fresh.drain_events()
    assert state(rebuilt) == state(fresh)


def test_a_pending_control_goes_with_its_own_frame_not_a_tick_before_it():
    fanout = LayerFanout("run1", checkpoint=lambda seq, text: {})
    fanout.pending = {"kind": "inject", "at": 1.0, "node": "orders"}
    tick = dumps(stamp("tick", 5, {"from": 0.9, "to": 1.0}))
    injected = dumps(stamp("injected", 6, {"node": "orders", "message": "m"}))

    assert fanout._control_for(tick) is None
    assert fanout._control_for(injected)["kind"] == "inject"
    assert fanout.pending is None


def test_a_reset_goes_with_the_reset_status_frame_only():
    fanout = LayerFanout("run1", checkpoint=lambda seq, text: {})
    fanout.pending = {"kind": "reset", "at": 3.0}
    finished = dumps(stamp("status", 7, {"status": "finished", "reason": "duration"}))
    reset = dumps(stamp("status", 8, {"status": "ready", "reason": "reset"}))

    assert fanout._control_for(finished) is None
    assert fanout._control_for(reset)["kind"] == "reset"
