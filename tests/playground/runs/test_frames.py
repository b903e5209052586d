"""`playground.runs.frames`: every frame fits the WebSocket limit, and the replay buffer
is bounded in bytes as well as frames."""

from __future__ import annotations

import orjson

from playground.runs.frames import ReplayBuffer, fit, stamp


def tick(events: int, *, nodes: int = 3) -> dict:
    shown = [
        {"t": i, "event": "deliver", "node": f"q{i % nodes}", "edge": "e1"} for i in range(events)
    ]
    return stamp(
        "tick",
        7,
        {
            "from": 0.0,
            "to": 1.0,
            "events": shown,
            "aggregated": False,
            "omitted": {"events": 2, "nodes": {"q0": {"deliver": 2}}, "edges": {"e1": 2}},
            "status": "running",
            "time": 1.0,
            "speed": 1.0,
            "total_events": events + 2,
            "metrics": {f"q{i}": {"depth": i} for i in range(nodes)},
            "ledger": {"produced": 9},
        },
    )


def test_a_small_frame_is_sent_whole():
    frame = tick(5)
    assert orjson.loads(fit(frame, 10_000)) == orjson.loads(orjson.dumps(frame))


def test_a_large_frame_sheds_its_events_into_the_counts_first():
    text = fit(tick(2000), 20_000)

    frame = orjson.loads(text)
    assert len(text.encode()) <= 20_000
    assert frame["trimmed"] == ["events"] and frame["events"] == []
    assert frame["omitted"]["events"] == 2002 and frame["aggregated"] is True
    assert sum(frame["omitted"]["nodes"]["q0"].values()) == 667 + 2
    assert frame["omitted"]["edges"] == {"e1": 2002}
    assert frame["metrics"] and frame["total_events"] == 2002


def test_then_its_report_and_metrics_and_at_worst_all_but_the_status():
    big = tick(10, nodes=3000)
    big["report"] = {"nodes": {f"n{i}": {"sent": i} for i in range(3000)}}

    trimmed = orjson.loads(fit(dict(big), 20_000))
    bare = orjson.loads(fit(dict(big), 100))

    assert trimmed["trimmed"] == ["events", "report", "metrics"]
    assert trimmed["report"] is None and trimmed["metrics"] is None
    assert trimmed["ledger"] == {"produced": 9}
    assert bare["trimmed"][-1] == "all" and bare["status"] == "running" and bare["seq"] == 7


def test_the_replay_buffer_keeps_within_its_bytes_but_always_the_latest_frame():
    buffer = ReplayBuffer(100, max_bytes=25)
    for seq in range(1, 6):
        buffer.add(seq, "x" * 10)

    assert buffer.bytes == 20 and buffer.since(3, 5) == [(4, "x" * 10), (5, "x" * 10)]
    assert buffer.since(2, 5) is None
    buffer.add(6, "y" * 100)
    assert buffer.bytes == 100 and buffer.since(5, 6) == [(6, "y" * 100)]
