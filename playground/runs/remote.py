"""Live runs seen from a web process when they run on workers (REDIS_URL).

`RemoteRuns` stands in for the `RunManager` (the API views and the socket use either the
same way) and `RemoteRun` for a `LiveRun`: both read the run from `playground.runs.store`
and hand everything that touches the Simulation to the worker that owns the run, over the
channel layer (`playground.runs.workers`). A web process never runs the engine: it makes a
run by sending it to the `eventyard-runs` channel, where some worker picks it up.

Frames reach a web process through the Channels group `run.<id>`, which its `Relay` (one
channel for the whole process) joins; the relay writes each frame to the process's sockets
on the run, and tells the worker how late it is (back-pressure). A socket attaches under
the relay's lock for the run: it reads the replay buffer (or the snapshot state) from
Redis, and frames arriving meanwhile wait, so none falls between the two; `push` drops any
seq it has already sent. A socket's controls go to the owning worker, whose refusals come
back through the relay as `run.error` messages.

While a process has sockets on a run it checks the run's lease twice a second: a lease
that lapsed (its worker died) sends the run to `eventyard-runs` again to be adopted. It
also says twice a second that it is alive: its sockets count as a run's viewers (and
owner) only while it does, so a web process that dies takes its count with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from engine.core.diagram import Diagram
from playground.runs import config, store
from playground.runs.access import OWNER, WATCHER
from playground.runs.controls import ControlError
from playground.runs.fanout import Viewer, group_name
from playground.runs.frames import fit, stamp
from playground.runs.live import GONE_CODE, REVOKED_CODE, Source
from playground.runs.manager import TooManyFromAddress, TooManyRuns
from playground.runs.serializers import describe
from playground.runs.ticker import WallPacer

logger = logging.getLogger(__name__)

RUNS_CHANNEL = "eventyard-runs"
WATCHDOG_SECONDS = 0.5
# A control waits this many 50 ms steps for the run's worker before it is refused.
LEASE_WAIT_STEPS = 40
LAG_REPORT_SECONDS = 0.25


class RemoteAccess:
    """`RunAccess` for a run kept in Redis: the watch token is the run hash's."""

    def __init__(self, run: RemoteRun):
        self._run = run

    @property
    def owner(self) -> str:
        return self._run.meta["owner"]

    @property
    def shared(self) -> bool:
        return bool(self._run.meta.get("watch"))

    def role_for(self, owner: str | None, token: str | None) -> str | None:
        if owner is not None and owner == self.owner:
            return OWNER
        current = self._run.meta.get("watch")
        if token and current and secrets.compare_digest(token, current):
            return WATCHER
        return None

    def share(self) -> tuple[str, bool]:
        wanted = secrets.token_urlsafe(24)
        token = store.share(self._run.id, wanted)
        self._run.meta["watch"] = token
        return token, token == wanted

    def revoke(self) -> bool:
        self._run.meta.pop("watch", None)
        return store.revoke(self._run.id)


class RemoteRun:
    """A run as stored in Redis when it was read (`meta`); `refresh()` reads it again."""

    def __init__(self, run_id: str, meta: dict[str, Any]):
        self.id, self.meta = run_id, meta
        self.access = RemoteAccess(self)
        self.source = Source(**meta["source"])
        self.seed, self.duration, self.end = meta["seed"], meta["duration"], meta["end"]
        self.limits = meta["limits"]
        self._reply: str | None = None

    def refresh(self) -> None:
        self.meta = store.load(self.id) or self.meta

    # --- what the serializers and sockets read ---------------------------------------
    @property
    def checkpoint(self) -> dict[str, Any]:
        return self.meta.get("checkpoint") or {}

    owner = property(lambda self: self.access.owner)
    shared = property(lambda self: self.access.shared)
    ws = property(lambda self: f"/ws/runs/{self.id}/")
    seq = property(lambda self: self.checkpoint.get("seq", 0))
    status = property(lambda self: self.checkpoint.get("status", "ready"))
    reason = property(lambda self: self.checkpoint.get("reason"))
    time = property(lambda self: self.meta.get("state", {}).get("time", 0.0))
    bytes = property(lambda self: self.checkpoint.get("bytes", 0))
    report = property(lambda self: self.meta.get("report"))
    closed = property(lambda self: bool(self.meta.get("closed")))

    @property
    def viewers(self) -> int:
        return store.viewers(self.id)

    def role_for(self, owner: str | None, token: str | None) -> str | None:
        return self.access.role_for(owner, token)

    def snapshot_text(self, *, role: str, resync: bool) -> str:
        self.refresh()
        body = {"run": describe(self), "role": role, "resync": resync}
        body.update(self.meta.get("state") or {})
        return fit(stamp("snapshot", self.seq, body), self.limits["frame_bytes"])

    # --- viewers -----------------------------------------------------------------------
    async def attach(self, viewer: Viewer, *, role: str, last_seq: int | None) -> None:
        """Send what the socket missed (or a snapshot) and add it to this process's relay,
        under the relay's lock for the run: frames arriving meanwhile wait, then reach it
        in order (`push` drops a seq it has sent)."""
        self._reply = viewer.channel_name
        relay = _manager().relay
        async with relay.lock(self.id):
            await relay.join(self.id)
            store.web_heartbeat(_manager().process)
            store.add_sockets(self.id, _manager().process, viewers=1)
            self.refresh()
            missed = None
            if last_seq is not None:
                missed = store.frames_since(self.id, last_seq, self.seq)
            if missed is None:
                resync = last_seq is not None
                await viewer.push(self.seq, self.snapshot_text(role=role, resync=resync))
            else:
                for seq, text in missed:
                    await viewer.push(seq, text)
                viewer.sent_seq = max(viewer.sent_seq, self.seq)
            if self.closed:
                await viewer.gone(GONE_CODE)
                return
            relay.viewers(self.id).add(viewer)

    async def detach(self, viewer: Viewer) -> None:
        relay = _manager().relay
        if viewer in relay.viewers(self.id):
            relay.viewers(self.id).discard(viewer)
            store.add_sockets(self.id, _manager().process, viewers=-1)
            await relay.leave_if_unwatched(self.id)

    # --- controls: to the owning worker ----------------------------------------------
    async def _control(self, kind: str, **fields: Any) -> None:
        self.refresh()
        if self.closed:
            raise ControlError("type", "closed", f"{kind} is not possible: the run is closed.")
        worker = store.lease_holder(self.id)
        for _ in range(LEASE_WAIT_STEPS):  # a new run's worker may not have taken it yet
            if worker is not None:
                break
            await asyncio.sleep(0.05)
            worker = store.lease_holder(self.id)
        if worker is None:
            await adopt(self.id)
            raise ControlError(
                "type", "moving", "The run is moving to another worker; try again in a moment."
            )
        message = {"type": "run.control", "run": self.id, "control": {"type": kind, **fields}}
        reply = {"channel": _manager().relay.channel, "socket": self._reply}
        await get_channel_layer().send(worker, {**message, "reply": reply})

    async def start(self) -> None:
        await self._control("start")

    async def resume(self) -> None:
        await self._control("resume")

    async def pause(self) -> None:
        await self._control("pause")

    async def set_speed(self, speed: float | None) -> None:
        await self._control("speed", speed=speed)

    async def step(self, unit: str) -> None:
        await self._control("step", unit=unit)

    async def reset(self) -> None:
        await self._control("reset")

    async def inject(self, node: str, payload: Any, attributes: dict | None) -> None:
        await self._control("inject", node=node, payload=payload, attributes=attributes)

    async def skip(self) -> None:
        await self._control("skip")

    async def seek(self, time: float) -> None:
        await self._control("seek", time=time)

    async def open_poll(self, choices: int) -> None:
        await self._control("poll", choices=choices)

    async def answer(self, voter: str, choice: int) -> None:
        await self._control("answer", voter=voter, choice=choice)

    # The owner-gone close (EVENTYARD_RUN_OWNER_GONE_SECONDS): the owner's sockets are
    # counted in Redis per web process, and the owning worker closes the run once none has
    # been left for that long (`RunWorker.upkeep`).
    def owner_joined(self) -> None:
        store.add_sockets(self.id, _manager().process, viewers=0, owners=1)

    def owner_left(self) -> None:
        store.add_sockets(self.id, _manager().process, viewers=0, owners=-1)


def _manager() -> RemoteRuns:
    from playground.runs.manager import get_manager

    return get_manager()


async def adopt(run_id: str) -> None:
    """Ask any worker to take over a run whose lease lapsed."""
    await get_channel_layer().send(RUNS_CHANNEL, {"type": "run.adopt", "run": run_id})


class Relay:
    """This process's one channel in the groups of the runs its sockets watch: a frame
    crosses Redis once per web process, not once per socket, and is written to each local
    socket here (as `DirectFanout` does in one process). Invariant: the relay channel is in
    a run's group exactly while `viewers(run)` is not empty (or a socket is attaching)."""

    def __init__(self) -> None:
        self.channel: str | None = None
        self._viewers: dict[str, set[Viewer]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._task: asyncio.Task | None = None
        self._reported: dict[str, float] = {}

    def viewers(self, run_id: str) -> set[Viewer]:
        return self._viewers.setdefault(run_id, set())

    def lock(self, run_id: str) -> asyncio.Lock:
        return self._locks.setdefault(run_id, asyncio.Lock())

    async def join(self, run_id: str) -> None:
        layer = get_channel_layer()
        if self.channel is None or self._task is None or self._task.done():
            # channels-redis reads every "specific." channel of a process in one place:
            # a channel of another prefix would wait while the sockets' reads hold it.
            self.channel = await layer.new_channel()
            self._task = asyncio.get_running_loop().create_task(self._relay())
        await layer.group_add(group_name(run_id), self.channel)

    async def leave_if_unwatched(self, run_id: str) -> None:
        if not self._viewers.get(run_id) and not self.lock(run_id).locked():
            self._viewers.pop(run_id, None)
            self._locks.pop(run_id, None)
            if self.channel is not None:
                await get_channel_layer().group_discard(group_name(run_id), self.channel)

    async def _relay(self) -> None:
        layer = get_channel_layer()
        while True:
            message = await layer.receive(self.channel)
            try:
                await self.deliver(message)
            except Exception:
                logger.exception("run relay: a message failed")

    async def deliver(self, message: dict[str, Any]) -> None:
        run_id = message.get("run")
        if run_id is None:
            return
        async with self.lock(run_id):
            viewers = list(self._viewers.get(run_id, ()))
            kind = message["type"]
            for viewer in viewers:
                try:
                    if kind == "run.frame":
                        await viewer.push(message["seq"], message["text"])
                    elif kind == "run.gone":
                        await viewer.gone(message["code"])
                    elif kind == "run.revoked":
                        await viewer.revoked(message["code"])
                    elif kind == "run.error" and viewer.channel_name == message["socket"]:
                        await viewer.run_error(message)
                except Exception:  # a socket closing under us: the others go on
                    logger.warning("run relay: dropping a socket that failed", exc_info=True)
                    self._viewers.get(run_id, set()).discard(viewer)
            if kind == "run.gone":
                self._viewers.pop(run_id, None)
            elif kind == "run.frame" and "sent" in message:
                self._report_lag(run_id, time.time() - message["sent"])

    def _report_lag(self, run_id: str, lag: float) -> None:
        """How late this process wrote the run's last frame, for its worker to slow the
        run's ticks when web processes cannot keep up (`workers.AdaptivePacer`)."""
        now = time.monotonic()
        if now - self._reported.get(run_id, 0.0) >= LAG_REPORT_SECONDS:
            self._reported[run_id] = now
            store.report_lag(run_id, self.channel, lag)


class RemoteRuns:
    """The web process's side of runs on workers: same interface as `RunManager`."""

    def __init__(self) -> None:
        self.pacer = WallPacer()
        self.relay = Relay()
        self._watchdog: asyncio.Task | None = None
        # This process's name in the sockets' counts (`store.add_sockets`).
        self.process = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"

    def create(
        self, *, owner: str, source: Source, diagram: Diagram, seed: int, duration: float
    ) -> RemoteRun:
        limits = config.current_limits()
        run_id = secrets.token_urlsafe(12)
        runs = store.admit_owner(owner, run_id, limits.runs_per_owner)
        if runs is not None:
            raise TooManyRuns(limits.runs_per_owner, runs)
        end = round(min(duration, limits.max_sim_seconds), 9)
        state = {"status": "ready", "time": 0.0, "speed": 1.0, "total_events": 0}
        meta = {
            "owner": owner,
            "source": source.__dict__,
            "seed": seed,
            "duration": duration,
            "end": end,
            "limits": limits.as_dict(),
            "state": {**state, "metrics": {}, "ledger": {}, "reason": None, "message": None},
            "checkpoint": {"seq": 0, "status": "ready", "reason": None, "bytes": 0},
        }
        store.save_new(run_id, meta)
        async_to_sync(get_channel_layer().send)(RUNS_CHANNEL, {"type": "run.create", "run": run_id})
        return RemoteRun(run_id, meta)

    def admit(self, address: str) -> None:
        limit = config.runs_per_address_per_minute()
        if limit > 0 and not store.admit_address(address, limit):
            raise TooManyFromAddress(limit)

    def get(self, run_id: str) -> RemoteRun | None:
        meta = store.load(run_id)
        if meta is None or meta.get("closed"):
            return None
        return RemoteRun(run_id, meta)

    def owned_by(self, owner: str | None) -> list[RemoteRun]:
        if not owner:
            return []
        return [run for run in map(self.get, store.owner_runs(owner)) if run is not None]

    def close_from_thread(self, run: RemoteRun, reason: str) -> None:
        """Closed at once for the owner's limit; the worker sends the last frame."""
        store.forget_owner_run(run.owner, run.id)
        worker = store.lease_holder(run.id)
        layer = get_channel_layer()
        if worker is not None:
            message = {"type": "run.close", "run": run.id, "reason": reason}
            async_to_sync(layer.send)(worker, message)
        else:
            message = {"type": "run.gone", "run": run.id, "code": GONE_CODE}
            async_to_sync(layer.group_send)(group_name(run.id), message)

    def revoke_from_thread(self, run: RemoteRun) -> bool:
        had = run.access.revoke()
        if had:
            message = {"type": "run.revoked", "run": run.id, "code": REVOKED_CODE}
            async_to_sync(get_channel_layer().group_send)(group_name(run.id), message)
        return had

    def drop_unopened(self) -> list:
        return []  # the owning worker forgets runs nobody watches

    # --- the lease watchdog, on the event loop -----------------------------------------
    def ensure_sweeper(self) -> None:
        loop = asyncio.get_running_loop()
        task = self._watchdog
        if task is None or task.done() or task.get_loop() is not loop:
            self._watchdog = loop.create_task(self._watch_leases())

    async def _watch_leases(self) -> None:
        while True:
            with contextlib.suppress(Exception):
                store.web_heartbeat(self.process)
            await asyncio.sleep(WATCHDOG_SECONDS)
            for run_id in [run for run, viewers in self.relay._viewers.items() if viewers]:
                with contextlib.suppress(Exception):
                    await self.check_lease(run_id)

    async def check_lease(self, run_id: str) -> bool:
        """Send a run whose worker died to be adopted: whether it was."""
        meta = store.load(run_id)
        if meta is None or meta.get("closed") or store.lease_holder(run_id) is not None:
            return False
        await adopt(run_id)
        return True

    async def shutdown(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
