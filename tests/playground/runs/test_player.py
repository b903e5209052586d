"""`playground.runs.player`: the document's recommended speed, skip and seek over the real
socket stack (a seek lands exactly where a headless run of the same seed is), and the
story so far that a late joiner's snapshot carries."""

from __future__ import annotations

import pytest
import pytest_asyncio

from engine import Simulation, load_diagram
from playground.runs.manager import RunManager, replace_manager
from playground.runs.player import EVENTS_KEPT, SAMPLES_KEPT, RunHistory, recommended_speed
from playground.runs.ticker import FakePacer
from tests.playground.live_support import busy_doc, is_status, make_example, open_socket, start_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest_asyncio.fixture(autouse=True)
async def manager():
    fresh = RunManager(pacer=FakePacer())
    old = replace_manager(fresh)
    yield fresh
    await fresh.shutdown()
    replace_manager(old)


async def owned_run(doc: dict):
    """(run id, the owner's socket, its snapshot, the session cookie)."""
    run_id, cookie = await start_run(await make_example(doc))
    owner = await open_socket(run_id, cookie=cookie)
    return run_id, owner, await owner.frame(), cookie


def headless(doc: dict, until: float) -> Simulation:
    sim = Simulation(load_diagram(doc), seed=doc["sim"]["seed"])
    sim.run(until=until)
    return sim


async def test_a_run_starts_at_the_speed_its_document_recommends():
    doc = busy_doc()
    doc["sim"]["speed"] = 5
    _, owner, snapshot, _ = await owned_run(doc)

    assert snapshot["speed"] == 5.0
    await owner.send({"type": "start"})
    started = await owner.frame()
    tick = await owner.frame()
    assert started["speed"] == 5.0
    assert tick["to"] - tick["from"] == pytest.approx(5 * 0.05)  # FakePacer: 50 ms a tick


def test_recommended_speed_reads_max_and_falls_back_to_one():
    assert recommended_speed({"sim": {"speed": "max"}}) is None
    assert recommended_speed({"sim": {"speed": 0.5}}) == 0.5
    assert recommended_speed({"sim": {}}) == 1.0
    assert recommended_speed({"sim": {"speed": 1000}}) == 1.0


async def test_seek_forwards_then_backwards_lands_where_a_headless_run_is():
    doc = busy_doc(duration=60)
    _, owner, _, _ = await owned_run(doc)

    await owner.send({"type": "seek", "time": 12.5})
    ahead = await owner.frame()
    await owner.send({"type": "seek", "time": 4})
    back = await owner.frame()

    assert (ahead["type"], ahead["reason"], ahead["status"]) == ("status", "seek", "paused")
    assert ahead["time"] == 12.5 and ahead["metrics"] == headless(doc, 12.5).node_metrics()
    assert back["time"] == 4 and back["metrics"] == headless(doc, 4).node_metrics()
    assert back["total_events"] < ahead["total_events"]
    series = back["history"]["series"]
    assert series["t"][0] < 1 and series["t"][-1] == 4  # from t = 0, one sample a second
    assert len(series["t"]) == len(series["nodes"]["orders"]["NumberOfMessagesSent"]) == 5
    assert 0 < len(back["history"]["events"]) <= EVENTS_KEPT
    assert back["history"]["events"][-1]["t"] <= 4
    counts = back["history"]["counts"]
    assert sum(sum(kinds.values()) for kinds in counts.values()) == back["total_events"]
    assert counts["shop"]["publish"] == back["metrics"]["shop"]["MessagesPublished"]


async def test_seek_to_the_end_finishes_with_the_headless_report_and_back_revives():
    doc = busy_doc(duration=10)
    _, owner, _, _ = await owned_run(doc)

    await owner.send({"type": "seek", "time": 999})
    frames = await owner.until(is_status("finished"))
    await owner.send({"type": "seek", "time": 2})
    revived = await owner.frame()

    assert frames[-1]["report"] == headless(doc, 10).report()
    assert (revived["status"], revived["time"]) == ("paused", 2)
    await owner.send({"type": "resume"})
    assert (await owner.frame())["status"] == "running"


async def test_skip_jumps_to_the_next_event_and_keeps_a_running_run_running(manager):
    doc = busy_doc(rate=0.2, duration=600)  # one message every ~5 s: long quiet gaps
    _, owner, _, _ = await owned_run(doc)

    await owner.send({"type": "skip"})
    skipped = await owner.frame()

    assert skipped["type"] == "tick" and skipped["status"] == "paused"
    assert len(skipped["events"]) >= 1 and skipped["to"] == skipped["events"][-1]["t"]
    manager.pacer.hold()  # no ticks but the skip's own
    await owner.send({"type": "resume"})
    await owner.frame()
    await owner.send({"type": "skip"})
    again = await owner.frame()
    assert again["type"] == "tick" and again["status"] == "running"
    assert again["from"] == skipped["to"] and len(again["events"]) >= 1


@pytest.mark.parametrize(
    ("control", "field", "code"),
    [
        ({"type": "seek"}, "time", "required"),
        ({"type": "seek", "time": "93"}, "time", "invalid_type"),
        ({"type": "seek", "time": -1}, "time", "out_of_range"),
        ({"type": "seek", "time": 3, "at": 1}, "at", "unknown_field"),
        ({"type": "skip", "to": 3}, "to", "unknown_field"),
    ],
)
async def test_bad_seek_and_skip_controls_get_an_error_naming_the_field(control, field, code):
    _, owner, _, _ = await owned_run(busy_doc())

    await owner.send(control)
    error = await owner.frame()

    assert (error["type"], error["field"], error["code"]) == ("error", field, code)
    await owner.send({"type": "step", "unit": "second"})
    assert (await owner.frame())["time"] == 1  # the run goes on


async def test_a_watcher_may_not_seek(manager):
    run_id, owner, _, _ = await owned_run(busy_doc())
    token, _ = manager.get(run_id).access.share()
    watcher = await open_socket(run_id, query=f"watch={token}")
    await watcher.frame()

    await watcher.send({"type": "seek", "time": 5})

    assert (await watcher.frame())["code"] == "read_only"


async def test_a_late_joiner_gets_the_event_log_and_the_charts_from_t0():
    doc = busy_doc(duration=30)
    run_id, owner, _, cookie = await owned_run(doc)
    await owner.send({"type": "speed", "value": 20})
    await owner.send({"type": "start"})
    await owner.until(is_status("finished"))

    late = await open_socket(run_id, cookie=cookie)
    snapshot = await late.frame()

    history = snapshot["history"]
    assert len(history["events"]) == EVENTS_KEPT
    assert history["events"][-1]["t"] <= 30
    times = history["series"]["t"]
    assert times[0] <= 1 and times[-1] == 30 and times == sorted(times)
    received = history["series"]["nodes"]["orders"]["NumberOfMessagesSent"]
    assert received[-1] == snapshot["metrics"]["orders"]["NumberOfMessagesSent"]


async def test_a_snapshot_too_large_sheds_its_history_first(settings):
    doc = busy_doc(duration=30)
    run_id, owner, _, cookie = await owned_run(doc)
    await owner.send({"type": "seek", "time": 29})
    await owner.frame()
    settings.EVENTYARD_RUN_FRAME_BYTES = 3_000  # read by runs made from now on
    run_id, cookie = await start_run(await make_example(doc))
    small = await open_socket(run_id, cookie=cookie)
    await small.frame()
    await small.send({"type": "seek", "time": 29})
    seek = await small.frame()

    assert seek["history"] is None and seek["trimmed"][0] == "history"
    assert seek["time"] == 29  # the state itself is still there


def test_history_is_bounded_and_keeps_t0():
    history = RunHistory()
    for second in range(3 * SAMPLES_KEPT):
        events = [{"t": second, "node": "q", "event": "send"} for _ in range(3)]
        history.record(events, {"time": float(second), "metrics": {"q": {"depth": second}}})

    frame = history.frame()
    assert len(frame["events"]) == EVENTS_KEPT and frame["events"][-1]["t"] == 3599
    assert len(frame["series"]["t"]) <= SAMPLES_KEPT and frame["series"]["t"][0] == 0
    assert frame["series"]["nodes"]["q"]["depth"] == frame["series"]["t"]
    assert frame["counts"] == {"q": {"send": 3 * 3 * SAMPLES_KEPT}}  # every event counted


async def test_a_run_whose_owner_page_is_gone_for_long_is_closed_though_watched(settings, manager):
    settings.EVENTYARD_RUN_OWNER_GONE_SECONDS = 30
    run_id, owner, _, cookie = await owned_run(busy_doc())
    token, _ = manager.get(run_id).access.share()
    watcher = await open_socket(run_id, query=f"watch={token}")
    await watcher.frame()
    await owner.close()

    manager.pacer.elapse(29)
    assert await manager.sweep_idle() == []
    back = await open_socket(run_id, cookie=cookie)  # the owner came back in time
    await back.frame()
    await back.close()
    manager.pacer.elapse(29)
    assert await manager.sweep_idle() == []
    manager.pacer.elapse(2)
    closed = await manager.sweep_idle()

    assert [run.id for run in closed] == [run_id] and manager.get(run_id) is None
    last = await watcher.until(lambda frame: frame["type"] == "status")
    assert last[-1]["reason"] == "owner_gone" and "gone for 30 seconds" in last[-1]["message"]
