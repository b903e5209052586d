"""The live run's WebSocket: controls, frames and seq, replay, watchers, limits, determinism.

Every socket goes through the real ASGI stack (origin check, session, auth, routing).
Runs are short and mostly at speed "max" or 100, so the tests take seconds; nothing here
asserts how long anything took.
"""

from __future__ import annotations

import asyncio
import threading

import orjson
import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from django.test import Client

from engine import Simulation, load_diagram
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
    """Each test gets its own run manager on a fake pacer (free-running: ticks come as
    fast as the loop allows, each 50 ms of run time), shut down at its end."""
    fresh = RunManager(pacer=FakePacer())
    old = replace_manager(fresh)
    yield fresh
    await fresh.shutdown()
    replace_manager(old)


async def owned_run(doc: dict | None = None, **body):
    """A run of `doc` and its owner's socket, past the snapshot: (run id, socket, snapshot)."""
    run_id, cookie = await start_run(await make_example(doc or busy_doc()), **body)
    owner = await open_socket(run_id, cookie=cookie)
    snapshot = await owner.frame()
    owner.cookie = cookie
    return run_id, owner, snapshot


def headless_report(doc: dict, *, until: float) -> dict:
    sim = Simulation(load_diagram(doc))
    sim.run(until=until)
    return sim.report()


async def test_owner_gets_a_snapshot_then_every_frame_in_seq_order():
    run_id, owner, snapshot = await owned_run(busy_doc(duration=10))
    assert snapshot["type"] == "snapshot" and snapshot["seq"] == 0
    assert snapshot["role"] == "owner" and snapshot["status"] == "ready"
    assert snapshot["run"]["id"] == run_id and "document" not in snapshot["run"]["diagram"]
    assert set(snapshot["metrics"]) == {"shop", "orders", "work"}

    await owner.send({"type": "speed", "value": 100})
    await owner.send({"type": "start"})
    frames = await owner.until(is_status("finished"))

    assert [f["seq"] for f in frames] == list(range(1, len(frames) + 1))
    ticks = [f for f in frames if f["type"] == "tick"]
    assert len(ticks) >= 2
    for before, after in zip(ticks, ticks[1:], strict=False):
        assert after["from"] == before["to"]  # the spans tile the run, no gap or overlap
    assert ticks[-1]["to"] == 10.0 and frames[-1]["reason"] == "duration"
    counted = sum(len(t["events"]) + t["omitted"]["events"] for t in ticks)
    assert counted == frames[-1]["total_events"]


@pytest.mark.parametrize("speed", ["max", 100, 37.5])
async def test_a_live_run_reports_exactly_what_a_headless_run_does(speed):
    doc = busy_doc(duration=15)
    _, owner, _ = await owned_run(doc)
    await owner.send({"type": "speed", "value": speed})
    await owner.send({"type": "start"})

    final = (await owner.until(is_status("finished")))[-1]

    assert final["report"] == headless_report(doc, until=15)


async def test_the_ticks_carry_the_headless_trace_event_for_event(settings):
    settings.EVENTYARD_RUN_FRAME_EVENTS = 10**6  # no aggregation: every event is listed
    doc = busy_doc(duration=6)
    _, owner, _ = await owned_run(doc)
    await owner.send({"type": "speed", "value": 60})
    await owner.send({"type": "start"})

    frames = await owner.until(is_status("finished"))

    live = [event for f in frames if f["type"] == "tick" for event in f["events"]]
    sim = Simulation(load_diagram(doc))
    sim.run(until=6)
    assert orjson.dumps(live) == orjson.dumps(sim.drain_events())


async def test_steps_pauses_and_resumes_do_not_change_the_final_report(manager):
    doc = busy_doc(duration=8)
    _, owner, _ = await owned_run(doc)
    manager.pacer.hold()
    for unit in ("event", "event", "second", "event"):
        await owner.send({"type": "step", "unit": unit})
        await owner.until(lambda f: f["type"] == "tick")
    await owner.send({"type": "speed", "value": 100})
    await owner.send({"type": "resume"})
    manager.pacer.release()
    await owner.until(lambda f: f["type"] == "tick")
    await owner.send({"type": "pause"})
    await owner.until(is_status("paused"))
    await owner.send({"type": "speed", "value": "max"})
    await owner.send({"type": "resume"})
    manager.pacer.run_free()

    final = (await owner.until(is_status("finished")))[-1]

    assert final["report"] == headless_report(doc, until=8)


async def test_a_step_moves_the_run_by_one_traced_event():
    doc = busy_doc()
    _, owner, snapshot = await owned_run(doc)
    reference = Simulation(load_diagram(doc))
    for _ in range(3):
        reference.step()
        expected = reference.drain_events()

        await owner.send({"type": "step", "unit": "event"})
        tick = await owner.frame()

        assert tick["type"] == "tick" and tick["status"] == "paused"
        assert tick["events"] == expected and len(expected) >= 1
        assert tick["to"] == round(reference.now, 6)
        assert tick["ledger"] == reference.ledger()


async def test_a_second_step_moves_the_clock_one_simulated_second():
    _, owner, _ = await owned_run()
    await owner.send({"type": "step", "unit": "second"})
    first = await owner.frame()
    await owner.send({"type": "step", "unit": "second"})
    second = await owner.frame()

    assert (first["from"], first["to"], second["to"]) == (0.0, 1.0, 2.0)
    shown = len(second["events"]) + second["omitted"]["events"]
    assert second["total_events"] == first["total_events"] + shown


async def test_pause_holds_the_numbers_still():
    _, owner, _ = await owned_run(busy_doc(duration=600))
    await owner.send({"type": "speed", "value": 20})
    await owner.send({"type": "start"})
    await owner.until(lambda f: f["type"] == "tick" and f["total_events"] > 0)
    await owner.send({"type": "pause"})
    paused = (await owner.until(is_status("paused")))[-1]

    assert await owner.quiet()  # no tick while paused
    await owner.send({"type": "speed", "value": 50})
    still = await owner.frame()  # a speed change says so, and nothing else moves
    assert still["type"] == "status" and still["speed"] == 50
    for key in ("time", "metrics", "ledger", "total_events", "status"):
        assert still[key] == paused[key]


async def test_reset_starts_again_from_zero_and_seq_keeps_growing():
    _, owner, _ = await owned_run()
    await owner.send({"type": "step", "unit": "second"})
    tick = await owner.frame()
    await owner.send({"type": "reset"})
    reset = await owner.frame()

    assert reset["type"] == "status" and reset["reason"] == "reset"
    assert (reset["status"], reset["time"], reset["total_events"]) == ("ready", 0.0, 0)
    assert reset["seq"] == tick["seq"] + 1
    assert reset["ledger"]["produced"] == 0
    await owner.send({"type": "step", "unit": "second"})
    again = await owner.frame()
    assert again["events"] == tick["events"]  # same seed, same first second


async def test_inject_publishes_a_message_by_hand():
    _, owner, _ = await owned_run()
    await owner.send(
        {"type": "inject", "node": "orders", "payload": {"n": 99}, "attributes": {"vip": True}}
    )
    injected = await owner.frame()
    assert injected["type"] == "injected" and injected["node"] == "orders"

    await owner.send({"type": "step", "unit": "event"})
    tick = await owner.frame()
    assert tick["events"][0]["message"] == injected["message"]
    assert tick["ledger"]["produced"] >= 1


BAD_CONTROLS = [
    ("not json", "", "invalid_json"),
    ("[1, 2]", "", "invalid_type"),
    ('"start"', "", "invalid_type"),
    ("{}", "type", "required"),
    ('{"type": 7}', "type", "invalid_type"),
    ('{"type": "explode"}', "type", "unknown_type"),
    ('{"type": "pause", "now": true}', "now", "unknown_field"),
    ('{"type": "step"}', "unit", "required"),
    ('{"type": "step", "unit": 1}', "unit", "invalid_type"),
    ('{"type": "step", "unit": "minute"}', "unit", "invalid_choice"),
    ('{"type": "speed"}', "value", "required"),
    ('{"type": "speed", "value": "fast"}', "value", "invalid_type"),
    ('{"type": "speed", "value": true}', "value", "invalid_type"),
    ('{"type": "speed", "value": 0.01}', "value", "out_of_range"),
    ('{"type": "speed", "value": 1000}', "value", "out_of_range"),
    ('{"type": "speed", "value": NaN}', "", "invalid_json"),
    ('{"type": "inject", "payload": {}}', "node", "required"),
    ('{"type": "inject", "node": "orders"}', "payload", "required"),
    ('{"type": "inject", "node": ["orders"], "payload": 1}', "node", "invalid_type"),
    ('{"type": "inject", "node": "nowhere", "payload": 1}', "node", "invalid_target"),
    (
        '{"type": "inject", "node": "orders", "payload": 1, "attributes": 5}',
        "attributes",
        "invalid_type",
    ),
    (
        '{"type": "inject", "node": "orders", "payload": 1, "attributes": {"a": {"b": 1}}}',
        "attributes.a",
        "invalid_type",
    ),
    ('{"type": "pause"}', "type", "invalid_state"),
    ('{"type": "resume"}', "type", "invalid_state"),
    ("x" * 70000, "", "too_large"),
]


async def test_every_bad_control_gets_an_error_frame_naming_the_field_and_the_run_goes_on(
    settings,
):
    settings.EVENTYARD_WS_CONTROL_BURST = 100
    _, owner, _ = await owned_run()
    for text, field, code in BAD_CONTROLS:
        await owner.send_text(text)
        error = await owner.frame()
        assert (error["type"], error["field"], error["code"]) == ("error", field, code), text
        assert error["message"] and error["seq"] == 0

    await owner.send({"type": "step", "unit": "event"})
    tick = await owner.frame()
    assert tick["type"] == "tick" and tick["seq"] == 1
    await owner.communicator.send_to(bytes_data=b"\x00")
    error = await owner.frame()
    assert (error["code"], error["seq"]) == ("not_text", 1)


async def test_watchers_see_the_same_frames_and_cannot_control_the_run():
    run_id, owner, _ = await owned_run(busy_doc(duration=5))
    await owner.send({"type": "share"})
    shared = await owner.frame()
    token = shared["token"]
    assert shared["type"] == "shared" and shared["ws"] == f"/ws/runs/{run_id}/?watch={token}"
    watchers = [await open_socket(run_id, query=f"watch={token}") for _ in range(3)]
    for watcher in watchers:
        snapshot = await watcher.frame()
        assert snapshot["type"] == "snapshot" and snapshot["role"] == "watcher"

    await watchers[0].send({"type": "pause"})
    refused = await watchers[0].frame()
    assert (refused["type"], refused["code"], refused["field"]) == ("error", "read_only", "type")
    await watchers[1].send({"type": "share"})
    assert (await watchers[1].frame())["code"] == "read_only"

    await owner.send({"type": "speed", "value": "max"})
    await owner.send({"type": "start"})
    seen = await owner.until(is_status("finished"))
    for watcher in watchers:
        assert await watcher.until(is_status("finished")) == seen


@pytest.mark.parametrize("query", ["", "watch=not-the-token"])
async def test_a_stranger_is_told_the_run_is_not_found_and_disconnected(query):
    run_id, owner, _ = await owned_run()
    stranger = await open_socket(run_id, query=query)
    refused = await stranger.frame()
    assert (refused["type"], refused["code"], refused["field"]) == ("error", "not_found", "run")
    closed = await stranger.communicator.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 4404}


async def until_seq(run, seq: int) -> None:
    """Let the loop run until the run has published frame `seq` (bounded)."""
    for _ in range(10_000):
        if run.seq >= seq:
            return
        await asyncio.sleep(0.001)
    raise AssertionError(f"the run is at seq {run.seq}, not {seq}")


async def test_a_reconnecting_client_gets_exactly_the_frames_it_missed(manager):
    run_id, owner, _ = await owned_run(busy_doc(duration=600))
    manager.pacer.hold()
    await owner.send({"type": "speed", "value": 10})
    await owner.send({"type": "start"})
    manager.pacer.release(2)
    frames = await owner.until(lambda f: f["seq"] == 3)
    await owner.close()
    manager.pacer.release(5)  # the run goes on meanwhile
    await until_seq(manager.get(run_id), 8)
    manager.pacer.run_free()

    again = await open_socket(run_id, cookie=owner.cookie, query="last_seq=3")
    first = await again.frame()
    assert first["type"] == "tick" and first["seq"] == 4  # a replay, not a snapshot
    assert first["from"] == frames[-1]["to"]
    rest = await again.until(lambda f: f["seq"] >= 12)
    assert [f["seq"] for f in rest] == list(range(5, 13))


async def test_a_client_too_far_behind_gets_a_snapshot(settings):
    settings.EVENTYARD_RUN_REPLAY_FRAMES = 2
    run_id, owner, _ = await owned_run()
    for _ in range(4):
        await owner.send({"type": "step", "unit": "second"})
        await owner.frame()

    again = await open_socket(run_id, cookie=owner.cookie, query="last_seq=1")
    snapshot = await again.frame()
    assert snapshot["type"] == "snapshot" and snapshot["resync"] is True
    assert (snapshot["seq"], snapshot["time"]) == (4, 4.0)
    await owner.send({"type": "step", "unit": "second"})
    assert (await again.frame())["seq"] == 5


@pytest.mark.parametrize("last_seq", ["99", "-1", "abc"])
async def test_a_last_seq_the_run_never_sent_gets_a_snapshot(last_seq):
    run_id, owner, _ = await owned_run()
    again = await open_socket(run_id, cookie=owner.cookie, query=f"last_seq={last_seq}")
    first = await again.frame()
    if first["type"] == "error":
        assert first["field"] == "last_seq"
        first = await again.frame()
    assert first["type"] == "snapshot" and first["seq"] == 0


async def test_a_run_past_its_event_limit_stops_and_says_why(settings):
    settings.EVENTYARD_RUN_MAX_EVENTS = 100
    _, owner, _ = await owned_run()
    await owner.send({"type": "speed", "value": "max"})
    await owner.send({"type": "start"})

    final = (await owner.until(is_status("stopped")))[-1]

    assert final["reason"] == "max_events" and "EVENTYARD_RUN_MAX_EVENTS" in final["message"]
    assert final["total_events"] > 100
    await owner.send({"type": "resume"})
    assert (await owner.frame())["code"] == "invalid_state"


async def test_a_run_past_its_simulated_time_limit_stops_there(settings):
    settings.EVENTYARD_RUN_MAX_SIM_SECONDS = 3
    _, owner, snapshot = await owned_run(busy_doc(duration=60))
    assert snapshot["run"]["end"] == 3
    await owner.send({"type": "speed", "value": 100})
    await owner.send({"type": "start"})

    final = (await owner.until(is_status("stopped")))[-1]

    assert (final["reason"], final["time"]) == ("max_sim_seconds", 3.0)
    assert "EVENTYARD_RUN_MAX_SIM_SECONDS" in final["message"]


async def test_a_run_nobody_watches_stops_itself(settings, manager):
    settings.EVENTYARD_RUN_IDLE_SECONDS = 60
    run_id, owner, _ = await owned_run()
    await owner.close()
    manager.pacer.elapse(59)
    assert await manager.sweep_idle() == []
    manager.pacer.elapse(2)

    assert [run.id for run in await manager.sweep_idle()] == [run_id]
    assert manager.get(run_id) is None

    again = await open_socket(run_id, cookie=owner.cookie)
    assert (await again.frame())["code"] == "not_found"


async def test_closing_a_run_over_http_tells_every_viewer_and_closes_their_sockets():
    run_id, owner, _ = await owned_run()
    client = Client()
    client.cookies["sessionid"] = owner.cookie

    response = await sync_to_async(client.delete)(f"/api/runs/{run_id}/")

    assert response.status_code == 204
    final = await owner.frame()
    assert (final["type"], final["status"], final["reason"]) == ("status", "stopped", "closed")
    closed = await owner.communicator.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 4410}


async def test_many_events_in_one_frame_are_aggregated_with_counts(settings):
    settings.EVENTYARD_RUN_FRAME_EVENTS = 5
    _, owner, _ = await owned_run(busy_doc(rate=200))
    await owner.send({"type": "step", "unit": "second"})
    tick = await owner.frame()

    assert tick["aggregated"] is True and len(tick["events"]) == 5
    omitted = tick["omitted"]
    assert omitted["events"] == tick["total_events"] - 5
    assert sum(sum(per.values()) for per in omitted["nodes"].values()) == omitted["events"]
    assert set(omitted["edges"]) <= {"e1", "e2"} and omitted["edges"]
    times = [event["t"] for event in tick["events"]]
    assert times == sorted(times) and times[-1] > 0.5  # spread over the span, not its start


async def test_group_fanout_delivers_the_same_frames(settings):
    settings.EVENTYARD_RUN_FANOUT = "group"
    run_id, owner, _ = await owned_run(busy_doc(duration=5))
    await owner.send({"type": "share"})
    token = (await owner.frame())["token"]
    watcher = await open_socket(run_id, query=f"watch={token}")
    await watcher.frame()

    await owner.send({"type": "speed", "value": "max"})
    await owner.send({"type": "start"})
    seen = await owner.until(is_status("finished"))

    assert [f["seq"] for f in seen] == list(range(1, len(seen) + 1))
    assert await watcher.until(is_status("finished")) == seen


async def test_frames_are_json_text_with_the_header_first():
    _, owner, _ = await owned_run()
    await owner.send({"type": "step", "unit": "event"})
    text = await owner.communicator.receive_from(timeout=5)
    assert text.startswith('{"type":"tick","seq":1,"sent":')
    assert orjson.loads(text)["sent"] > 0


async def test_a_slow_engine_step_does_not_stall_another_runs_frames(manager):
    slow_id, slow, _ = await owned_run()
    _, other, _ = await owned_run()
    gate = threading.Event()
    run = manager.get(slow_id)
    advance = run._advance

    def stuck(wall: float):
        gate.wait(timeout=30)  # the engine thread of this run is busy until released
        return advance(wall)

    run._advance = stuck
    await slow.send({"type": "start"})
    await slow.frame()  # running
    await other.send({"type": "start"})
    try:
        frames = await other.until(lambda f: f["type"] == "tick" and f["seq"] >= 6)
    finally:
        gate.set()
    assert [f["seq"] for f in frames] == list(range(1, 7))
    assert (await slow.frame())["type"] == "tick"


async def test_a_signed_in_user_owns_their_run_from_any_browser(django_user_model):
    diagram_id = await make_example(busy_doc())

    @sync_to_async
    def signed_in_run() -> tuple[str, str]:
        user = django_user_model.objects.create_user("ada", password="not-used-here")
        laptop, phone = Client(), Client()
        laptop.force_login(user)
        phone.force_login(user)
        body = orjson.dumps({"diagram": diagram_id})
        run = laptop.post("/api/runs/", body, content_type="application/json").json()
        return run["id"], phone.cookies["sessionid"].value

    run_id, phone_cookie = await signed_in_run()
    phone = await open_socket(run_id, cookie=phone_cookie)
    snapshot = await phone.frame()
    assert (snapshot["type"], snapshot["role"]) == ("snapshot", "owner")


async def test_a_class_poll_one_answer_per_watcher_closed_when_the_run_starts():
    run_id, owner, _ = await owned_run(busy_doc(duration=5))
    await owner.send({"type": "share"})
    token = (await owner.frame())["token"]
    students = [await open_socket(run_id, query=f"watch={token}") for _ in range(2)]
    for student in students:
        await student.frame()  # the snapshot
    await students[0].send({"type": "answer", "choice": 1})
    assert (await students[0].frame())["code"] == "no_poll"  # nothing asked yet
    await owner.send({"type": "poll", "choices": 3})
    opened = await owner.frame()
    assert (opened["type"], opened["choices"], opened["tally"], opened["open"]) == (
        "poll",
        3,
        [0, 0, 0],
        True,
    )
    await students[0].send({"type": "answer", "choice": 1})
    await students[1].send({"type": "answer", "choice": 0})
    await students[1].send({"type": "answer", "choice": 2})  # a new choice replaces the old
    polls = await owner.until(lambda f: f["type"] == "poll" and f["tally"] == [0, 1, 1])
    assert polls[-1]["answered"] == 2
    await students[0].send({"type": "answer", "choice": 3})
    bad = await students[0].until(lambda f: f["type"] == "error")
    assert (bad[-1]["code"], bad[-1]["field"]) == ("out_of_range", "choice")
    await owner.send({"type": "answer", "choice": 0})
    assert (await owner.until(lambda f: f["type"] == "error"))[-1]["code"] == "not_a_watcher"
    await students[0].send({"type": "poll", "choices": 2})
    assert (await students[0].until(lambda f: f["type"] == "error"))[-1]["code"] == "read_only"

    late = await open_socket(run_id, query=f"watch={token}")
    assert (await late.frame())["poll"]["tally"] == [0, 1, 1]  # a late joiner's snapshot
    await owner.send({"type": "speed", "value": "max"})
    await owner.send({"type": "start"})
    closed = await students[1].until(lambda f: f["type"] == "poll" and not f["open"])
    assert closed[-1]["tally"] == [0, 1, 1]
    await students[1].send({"type": "answer", "choice": 0})
    assert (await students[1].until(lambda f: f["type"] == "error"))[-1]["code"] == "poll_closed"
    seqs = [f["seq"] for f in await owner.until(is_status("finished"))]
    assert seqs == sorted(seqs)  # poll frames are run frames: one seq order for all
