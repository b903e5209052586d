"""`playground.runs.live` under hostile use, through the real socket stack: the memory
cap, inject size and rate, frames cut to the frame limit, a failing tick loop, and closed
runs freed."""

from __future__ import annotations

import gc
import weakref

import orjson
import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from django.test import Client

from engine import Simulation, load_diagram
from playground.runs import live
from playground.runs.manager import RunManager, replace_manager
from playground.runs.ticker import FakePacer
from tests.playground.live_support import (
    busy_doc,
    is_status,
    make_example,
    open_socket,
    start_run,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest_asyncio.fixture(autouse=True)
async def manager():
    fresh = RunManager(pacer=FakePacer())
    old = replace_manager(fresh)
    yield fresh
    await fresh.shutdown()
    replace_manager(old)


async def owned_run(doc: dict | None = None):
    """(run id, the owner's socket past its snapshot, the session cookie)."""
    run_id, cookie = await start_run(await make_example(doc or busy_doc()))
    owner = await open_socket(run_id, cookie=cookie)
    await owner.frame()
    return run_id, owner, cookie


def inject(payload) -> dict:
    return {"type": "inject", "node": "orders", "payload": payload}


async def test_injects_stop_at_the_run_memory_cap_with_an_error_naming_it(settings):
    settings.EVENTYARD_RUN_MAX_BYTES = 50_000
    settings.EVENTYARD_RUN_INJECTS_PER_SECOND = 1000
    _, owner, _ = await owned_run()
    answers = []
    for _ in range(8):  # 8 x 10 KB into a run never started: the queue holds them all
        await owner.send(inject("x" * 10_000))
        answers.append(await owner.frame())

    kinds = [(a["type"], a.get("code")) for a in answers]
    assert kinds[:4] == [("injected", None)] * 4
    assert set(kinds[5:]) == {("error", "memory_limit")}
    assert "EVENTYARD_RUN_MAX_BYTES" in answers[-1]["message"]
    assert answers[-1]["field"] == "payload"


async def test_a_run_past_its_memory_cap_stops_with_a_status_naming_the_limit(settings, manager):
    settings.EVENTYARD_RUN_MAX_BYTES = 10_000_000
    big = busy_doc(rate=100, duration=600, payload={"blob": "x" * 100_000, "n": "{{seq}}"})
    big["nodes"] = big["nodes"][:2]  # nobody reads the queue: 100 KB x 100 a second piles up
    big["edges"] = big["edges"][:1]
    run_id, owner, _ = await owned_run(big)
    run = manager.get(run_id)
    await owner.send({"type": "start"})

    final = (await owner.until(is_status("stopped")))[-1]

    assert final["reason"] == "max_bytes" and "10000000 bytes" in final["message"]
    assert run.sim is None or run.sim.held_bytes() > 10_000_000
    assert final["time"] < 5  # stopped within a few simulated seconds, not at the end


async def test_an_inject_too_large_or_too_frequent_is_refused(settings):
    settings.EVENTYARD_RUN_INJECT_BYTES = 1000
    settings.EVENTYARD_RUN_INJECTS_PER_SECOND = 3
    _, owner, _ = await owned_run()
    await owner.send(inject("x" * 2000))
    too_large = await owner.frame()
    codes = []
    for n in range(5):  # the clock stands still: a burst of 3, then refusals
        await owner.send(inject(n))
        codes.append((await owner.frame()).get("code"))

    assert (too_large["field"], too_large["code"]) == ("payload", "too_large")
    assert "EVENTYARD_RUN_INJECT_BYTES" in too_large["message"]
    assert codes == [None, None, None, "rate_limited", "rate_limited"]


async def test_a_hundred_resets_in_a_burst_are_mostly_refused_cheaply(settings):
    settings.EVENTYARD_WS_CONTROL_BURST = 20
    _, owner, _ = await owned_run()
    for _ in range(100):
        await owner.send({"type": "reset"})
    frames = [await owner.frame() for _ in range(100)]

    resets = [f for f in frames if f["type"] == "status" and f["reason"] == "reset"]
    limited = [f["message"] for f in frames if f.get("code") == "rate_limited"]
    # The clock stands still: the run's burst of 3 resets, then the socket's burst of 20
    # controls is spent on refusals, and the other 80 are refused before any parsing.
    assert (len(resets), len(limited)) == (3, 97)
    assert sum("EVENTYARD_RUN_RESETS_PER_SECOND" in m for m in limited) == 17
    assert sum("EVENTYARD_WS_CONTROLS_PER_SECOND" in m for m in limited) == 80
    assert await owner.quiet()


def many_queues(count: int) -> dict:
    """The busy diagram plus `count` idle queues: big metrics in every frame."""
    doc = busy_doc(duration=5)
    doc["nodes"] += [
        {"id": f"idle-{i:04d}", "type": "sqs.queue", "props": {}, "sim": {}} for i in range(count)
    ]
    return doc


async def test_every_frame_fits_the_frame_limit_and_the_report_is_served_over_http(
    settings,
):
    settings.EVENTYARD_RUN_FRAME_BYTES = 20_000
    doc = many_queues(300)
    run_id, cookie = await start_run(await make_example(doc))
    owner = await open_socket(run_id, cookie=cookie)
    texts = [await owner.communicator.receive_from(timeout=10)]
    await owner.send({"type": "speed", "value": "max"})
    await owner.send({"type": "start"})
    while '"status":"finished"' not in texts[-1] or '"type":"status"' not in texts[-1]:
        texts.append(await owner.communicator.receive_from(timeout=10))

    assert max(len(text.encode()) for text in texts) <= 20_000
    final = orjson.loads(texts[-1])
    assert "report" in final["trimmed"] and final["report"] is None
    client = Client()
    client.cookies["sessionid"] = cookie
    served = await sync_to_async(client.get)(f"/api/runs/{run_id}/report/")
    sim = Simulation(load_diagram(doc))
    sim.run(until=5)
    assert served.status_code == 200 and served.json()["report"] == sim.report()


async def test_an_error_in_the_tick_loop_stops_the_run_and_says_so(monkeypatch):
    _, owner, _ = await owned_run(busy_doc(duration=600))
    real_fit, calls = live.fit, []

    def failing_once(frame, limit):
        calls.append(frame["type"])
        if frame["type"] == "tick" and calls.count("tick") == 1:
            raise RuntimeError("a bug while publishing")
        return real_fit(frame, limit)

    monkeypatch.setattr(live, "fit", failing_once)
    await owner.send({"type": "start"})

    frames = await owner.until(is_status("stopped"))

    assert frames[-1]["reason"] == "failed" and "bug" in frames[-1]["message"]
    await owner.send({"type": "resume"})
    assert (await owner.frame())["code"] == "invalid_state"


async def test_a_closed_run_frees_its_simulation(manager):
    run_id, owner, cookie = await owned_run()
    await owner.send({"type": "step", "unit": "second"})
    await owner.frame()
    run = manager.get(run_id)
    sim = weakref.ref(run.sim)
    client = Client()
    client.cookies["sessionid"] = cookie

    assert (await sync_to_async(client.delete)(f"/api/runs/{run_id}/")).status_code == 204

    assert sim() is None  # freed by the close itself, not by a collection here
    gc.collect()
    assert run.sim is None and run.time == 1.0 and run.status == "stopped"


async def test_a_reset_frees_the_simulation_it_replaces(manager):
    run_id, owner, _ = await owned_run()
    run = manager.get(run_id)
    old = weakref.ref(run.sim)

    await owner.send({"type": "reset"})
    reset = await owner.frame()

    assert reset["reason"] == "reset" and run.sim is not None
    assert old() is None


async def test_a_run_watched_by_a_crowd_ticks_less_often(manager):
    """Each frame is one write per socket: past 500 sockets the run's ticker is asked for
    a wider interval (config.frame_interval), up to 10 frames a second."""
    run_id, owner, _cookie = await owned_run()
    run = manager.get(run_id)
    assert run.ticker.interval() == pytest.approx(0.05)
    crowd = {object() for _ in range(999)}  # stand-ins: only counted, never written to
    run.fanout.viewers |= crowd
    try:
        assert run.viewers == 1000
        assert run.ticker.interval() == pytest.approx(0.1)
    finally:
        run.fanout.viewers -= crowd
    assert run.ticker.interval() == pytest.approx(0.05)
    await owner.close()
