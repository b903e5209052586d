"""The live run as a player: its recommended speed, "skip to the next event", seeking to
any simulated time, and the story so far that a viewer joining late is given.

Runs are deterministic (a diagram and a seed make the same run), so a seek backwards
builds a fresh Simulation and runs it headless to the wanted time; a seek forwards runs
the current one on (messages injected earlier are kept; a seek backwards forgets them, as
a reset does). Either way the run's history is what a run that got there in real time
would hold: the last `EVENTS_KEPT` trace events and one metrics sample per simulated
second from t = 0 (thinned past `SAMPLES_KEPT`, so it stays bounded).

`Player` is a mixin of `LiveRun` (`playground.runs.live`): it uses the run's lock, its
engine-tick and status-frame helpers, and keeps `LiveRun` itself small.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import deque
from typing import Any

from playground.runs.config import SPEED_MAX, SPEED_MIN

logger = logging.getLogger(__name__)
EVENTS_KEPT = 500
SAMPLES_KEPT = 1200
# Seeking is headless engine work in a worker thread: one engine call per simulated second.
SEEK_STEP = 1.0


def recommended_speed(document: dict[str, Any]) -> float | None:
    """The document's `sim.speed` (None: "max"), or 1 when it names none or a bad one."""
    sim = document.get("sim") if isinstance(document, dict) else None
    speed = sim.get("speed", 1) if isinstance(sim, dict) else 1
    if speed == "max":
        return None
    number = isinstance(speed, int | float) and not isinstance(speed, bool)
    return float(speed) if number and SPEED_MIN <= speed <= SPEED_MAX else 1.0


class RunHistory:
    """Invariants: at most EVENTS_KEPT events (the latest); samples in time order, one per
    simulated second reached at most, at most SAMPLES_KEPT of them, the first kept.
    Recorded in the engine's worker thread, read on the event loop (a slow reader's
    catch-up snapshot is made outside the run's lock), hence its own lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.events: deque[dict[str, Any]] = deque(maxlen=EVENTS_KEPT)
        self.times: list[float] = []
        self.samples: list[dict[str, Any]] = []
        self.counts: dict[str, dict[str, int]] = {}  # node -> event -> how many, all run

    def record(self, events: list[dict[str, Any]], state: dict[str, Any]) -> dict[str, Any]:
        """Keep a tick's events, and its metrics when it reached a new second (or is the
        first); returns `state`, so a tick can record and build its frame in one go."""
        with self._lock:
            self._record(events, state)
        return state

    def _record(self, events: list[dict[str, Any]], state: dict[str, Any]) -> None:
        self.events.extend(events[-EVENTS_KEPT:])
        for event in events:
            per_node = self.counts.setdefault(event["node"], {})
            per_node[event["event"]] = per_node.get(event["event"], 0) + 1
        time = state["time"]
        if not self.times or math.floor(time) > math.floor(self.times[-1]):
            self.times.append(time)
            self.samples.append(state["metrics"])
            if len(self.times) > SAMPLES_KEPT:
                self.times = self.times[::2]
                self.samples = self.samples[::2]

    def frame(self) -> dict[str, Any]:
        """The history as a frame field: events, each node's metric series
        (`{"t": [...], "nodes": {"<node>": {"<metric>": [...]}}}`, null where a metric
        was not reported), and `counts`: every event of the run so far, per node and kind."""
        with self._lock:
            return self._frame()

    def _frame(self) -> dict[str, Any]:
        nodes: dict[str, dict[str, list[Any]]] = {}
        for index, metrics in enumerate(self.samples):
            for node, values in metrics.items():
                per_node = nodes.setdefault(node, {})
                for name, value in values.items():
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        column = per_node.setdefault(name, [None] * len(self.times))
                        column[index] = value
        series = {"t": list(self.times), "nodes": nodes}
        counts = {node: dict(kinds) for node, kinds in self.counts.items()}
        return {"events": list(self.events), "series": series, "counts": counts}


class Player:
    """The skip and seek controls of a live run (see the module docstring), and whether
    its owner's page is still there (`owner_sockets`, counted by the consumer)."""

    owner_sockets = 0
    owner_left_at: float | None = None

    def owner_joined(self) -> None:
        self.owner_sockets += 1
        self.owner_left_at = None

    def owner_left(self) -> None:
        self.owner_sockets = max(0, self.owner_sockets - 1)
        if self.owner_sockets == 0:
            self.owner_left_at = self.ticker.pacer.now()

    def is_owner_gone(self, now: float) -> bool:
        """The owner's last socket closed `owner_gone_seconds` ago, and none came back."""
        left = self.owner_left_at
        return left is not None and now - left >= self.limits.owner_gone_seconds

    async def skip(self) -> None:
        """Jump the clock to the next traced event (through the quiet time before it);
        a running run goes on running, a ready one becomes paused, as after a step."""
        async with self._lock:
            self._require(("ready", "running", "paused"), "skip")
            if self.status == "ready":
                self.status = "paused"
            await self._engine_tick(self._step, "event")

    async def seek(self, time: float) -> None:
        """Move the run to simulated `time` (clamped to its end): forwards by running on,
        backwards by rebuilding from the seed. A run that had ended is paused there, or
        ends again at its end."""
        async with self._lock:
            self._require(("ready", "running", "paused", "finished", "stopped"), "seek")
            target = round(min(max(time, 0.0), self.end), 9)
            if target < self.sim.now or self.status in ("finished", "stopped"):
                self.sim = None
                self.sim = await self.ticker.in_thread(self._fresh_simulation)
                self.total_events, self.report = 0, None
                self.history = RunHistory()
            if self.status in ("ready", "finished", "stopped"):
                self.status, self.reason = "paused", None
            try:
                await self.ticker.in_thread(self._run_to, target)
            except Exception:  # an engine bug ends this run, as in a tick
                logger.exception("live run %s: the engine failed while seeking", self.id)
                await self._stop("engine_error")
                return
            await self._publish_seek()

    def _run_to(self, target: float) -> None:
        """(Worker thread.) Headless to `target`, second by second, keeping the history."""
        sim, left = self.sim, self.limits.max_events - self.total_events
        if not self.history.times:  # rebuilt: the series starts at t = 0
            self.history.record([], self.state())
        while sim.now < target and left >= 0:
            sim.run(until=round(min(math.floor(sim.now + SEEK_STEP), target), 9))
            events = sim.drain_events()
            self.total_events += len(events)
            left -= len(events)
            self.history.record(events, self.state())

    async def _publish_seek(self) -> None:
        """The status frame of a seek carries the history, which replaces the viewers'
        log and charts; a seek to the end (or past a limit) then ends the run there."""
        body = self.state()
        body.update(reason="seek", message=None, history=self.history.frame())
        await self._publish("status", body)
        await self._stop_if_due()
