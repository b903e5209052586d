"""Server frames: what a run sends its viewers, built as dicts and serialised once.

A frame is serialised to text once (orjson, about 12x faster than `json` here) and the
same text goes to every viewer, and into the replay buffer; per-viewer work is a socket
write. Run frames (`tick`, `status`, `injected`, `poll`) carry the run's next `seq`; per-viewer
frames (`snapshot`, `error`, `shared`) carry the `seq` of the last run frame that viewer
was sent, and are never buffered. README "Live runs" lists every shape.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson


def dumps(frame: dict[str, Any]) -> str:
    return orjson.dumps(frame).decode()


def fit(frame: dict[str, Any], limit: int) -> str:
    """The frame as text of at most `limit` bytes: past it, the frame sheds (in this order)
    the history a snapshot or seek carries, its listed events (counted in `omitted`
    instead), its report, its metrics and its ledger, and names what it shed in
    `trimmed`; what must be fetched over HTTP then (`/api/runs/<id>/`,
    `/api/runs/<id>/report/`) is said by README "Limits"."""
    raw = orjson.dumps(frame)
    if len(raw) <= limit:
        return raw.decode()
    trimmed: list[str] = []
    for key in ("history", "events", "report", "metrics", "ledger"):
        if not frame.get(key):
            continue
        frame = _shed(frame, key)
        trimmed.append(key)
        frame["trimmed"] = trimmed
        raw = orjson.dumps(frame)
        if len(raw) <= limit:
            return raw.decode()
    # Still too big (a huge `omitted` or a document): only the header and the status.
    kept = ("type", "seq", "sent", "status", "time", "speed", "total_events", "reason")
    bare = {key: frame[key] for key in kept if key in frame}
    return dumps({**bare, "trimmed": [*trimmed, "all"]})


def _shed(frame: dict[str, Any], key: str) -> dict[str, Any]:
    frame = dict(frame)
    if key != "events":
        frame[key] = None
        return frame
    _shown, extra = select_events(frame["events"], 0)
    omitted = frame.get("omitted") or {"events": 0, "nodes": {}, "edges": {}}
    nodes = {node: dict(counts) for node, counts in omitted["nodes"].items()}
    for node, counts in extra["nodes"].items():
        per_node = nodes.setdefault(node, {})
        for event, count in counts.items():
            per_node[event] = per_node.get(event, 0) + count
    edges = Counter(omitted["edges"]) + Counter(extra["edges"])
    frame["events"], frame["aggregated"] = [], True
    frame["omitted"] = {
        "events": omitted["events"] + extra["events"],
        "nodes": nodes,
        "edges": dict(edges),
    }
    return frame


def stamp(kind: str, seq: int, body: dict[str, Any]) -> dict[str, Any]:
    """A frame with its header first: `type`, `seq` and `sent` (server time, epoch seconds,
    so a client on the same clock can measure how long the frame took to arrive)."""
    return {"type": kind, "seq": seq, "sent": round(time.time(), 6), **body}


def error_frame(seq: int, *, field: str, code: str, message: str) -> str:
    return dumps({"type": "error", "seq": seq, "field": field, "code": code, "message": message})


@dataclass
class Span:
    """What one step of the engine did: the simulated time it covers and its events."""

    start: float
    end: float
    events: list[dict[str, Any]] = field(default_factory=list)


def select_events(
    events: list[dict[str, Any]], limit: int
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """At most `limit` events to draw, spread evenly over the span (the first `limit`
    would show only its start), and counts of the rest per node (by event) and per edge."""
    omitted: dict[str, Any] = {"events": 0, "nodes": {}, "edges": {}}
    total = len(events)
    if total <= limit:
        return events, omitted
    keep = {index * total // limit for index in range(limit)}
    shown = [events[index] for index in sorted(keep)]
    rest = [event for index, event in enumerate(events) if index not in keep]
    omitted["events"] = len(rest)
    omitted["nodes"] = _count_by_node(rest)
    omitted["edges"] = dict(Counter(event["edge"] for event in rest if event.get("edge")))
    return shown, omitted


def _count_by_node(events: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for event in events:
        per_node = counts.setdefault(event["node"], {})
        per_node[event["event"]] = per_node.get(event["event"], 0) + 1
    return counts


def tick_body(span: Span, *, limit: int, state: dict[str, Any]) -> dict[str, Any]:
    """A tick: the span, its (possibly aggregated) events, then the run's state."""
    shown, omitted = select_events(span.events, limit)
    return {
        "from": round(span.start, 6),
        "to": round(span.end, 6),
        "events": shown,
        "aggregated": omitted["events"] > 0,
        "omitted": omitted,
        **state,
    }


class ReplayBuffer:
    """The last run frames, for viewers who reconnect. Invariants: the seqs held are
    consecutive and end at the run's latest seq; at most `size` frames, and no more than
    `max_bytes` of text unless that is the latest frame alone; `bytes` is their length."""

    def __init__(self, size: int, *, max_bytes: int | None = None):
        self._frames: deque[tuple[int, str]] = deque()
        self.size, self.max_bytes, self.bytes = size, max_bytes, 0

    def add(self, seq: int, text: str) -> None:
        self._frames.append((seq, text))
        self.bytes += len(text)
        while len(self._frames) > self.size or (
            self.max_bytes is not None and self.bytes > self.max_bytes and len(self._frames) > 1
        ):
            self.bytes -= len(self._frames.popleft()[1])

    def clear(self) -> None:
        self._frames.clear()
        self.bytes = 0

    def since(self, last_seq: int, current: int) -> list[tuple[int, str]] | None:
        """The frames after `last_seq`, or None when they are no longer all here (or
        `last_seq` is not a seq this run has sent)."""
        if not 0 <= last_seq <= current:
            return None
        if last_seq == current:
            return []
        if not self._frames or self._frames[0][0] > last_seq + 1:
            return None
        return [item for item in self._frames if item[0] > last_seq]
