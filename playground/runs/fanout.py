"""How a run's frames reach its viewers: two ways, one interface.

Measured here (shared/docs/toolchain.md): the in-memory channel layer's `group_send`
deep-copies the message for every channel and each delivery goes through the consumer's
dispatch, so it saturates near 100-200 viewers; serialising once and writing the same
text to each socket held 400. So:

- `DirectFanout` (one process, the default): the run holds its viewers and writes each
  frame's text to each of them. No channel layer on the hot path at all.
- `LayerFanout` (REDIS_URL, on a run worker): the run keeps each frame in Redis and
  `group_send`s one small message holding the pre-serialised text to the group
  `run.<id>`, which sockets on any web process join, so each frame is serialised once.

Either way a viewer's `push(seq, text)` drops a seq it has already sent, which makes a
frame that arrives both in a snapshot and through the group harmless.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, Protocol

from channels.layers import get_channel_layer

from playground.runs import store

logger = logging.getLogger(__name__)
SENT = re.compile(r'^\{"type":"\w+","seq":\d+,"sent":([0-9.]+)')


class Viewer(Protocol):
    """A connected socket (the consumer)."""

    channel_name: str
    sent_seq: int  # the seq of the last run frame it was sent
    role: str | None  # "owner" or "watcher"

    async def push(self, seq: int, text: str) -> None: ...

    async def gone(self, code: int) -> None: ...

    async def revoked(self, code: int) -> None: ...

    async def run_error(self, message: dict[str, Any]) -> None: ...


class DirectFanout:
    """Invariant: `viewers` are exactly the sockets attached to the run in this process."""

    def __init__(self, run_id: str):
        self.viewers: set[Viewer] = set()

    @property
    def count(self) -> int:
        return len(self.viewers)

    async def add(self, viewer: Viewer) -> None:
        self.viewers.add(viewer)

    async def remove(self, viewer: Viewer) -> None:
        self.viewers.discard(viewer)

    async def send(self, seq: int, text: str) -> None:
        # A copy: a viewer may detach while an earlier write is awaited. A socket that
        # fails (closing under us) is dropped, not allowed to stop the run's frames.
        for viewer in list(self.viewers):
            try:
                await viewer.push(seq, text)
            except Exception:
                logger.warning("run frame %s: dropping a socket that failed", seq, exc_info=True)
                self.viewers.discard(viewer)

    async def close_all(self, code: int) -> None:
        for viewer in list(self.viewers):
            await viewer.gone(code)
        self.viewers.clear()

    async def close_watchers(self, code: int) -> None:
        for viewer in [v for v in self.viewers if v.role == "watcher"]:
            self.viewers.discard(viewer)
            await viewer.revoked(code)


class LayerFanout:
    """A run worker's fan-out (REDIS_URL): each frame goes into Redis first (replay buffer,
        checkpoint, and the control that made it, in one MULTI), then to the Channels group
        `run.<id>`, which each web process with sockets on the run has joined once (its relay,
    `playground.runs.remote.Relay`). `run` is the
        LiveRun it serves; `pending` the control being applied (`playground.runs.workers`).
        Viewers are the web processes' business: `count` is always 0 here."""

    count = 0

    def __init__(self, run_id: str, *, checkpoint: Callable[[int, str], dict[str, Any]]):
        self.group, self.run_id = group_name(run_id), run_id
        self.layer = get_channel_layer()
        self.checkpoint = checkpoint
        self.pending: dict[str, Any] | None = None
        self.keep = 200

    async def add(self, viewer: Viewer) -> None:
        return None

    async def remove(self, viewer: Viewer) -> None:
        return None

    async def send(self, seq: int, text: str) -> None:
        control = self._control_for(text)
        if control is not None:
            control["seq"] = seq
        fields = self.checkpoint(seq, text)
        store.record_frame(
            self.run_id, seq=seq, text=text, fields=fields, keep=self.keep, control=control
        )
        await self.resend(seq, text)

    async def resend(self, seq: int, text: str) -> None:
        message = {"type": "run.frame", "run": self.run_id, "seq": seq, "text": text}
        if sent := SENT.match(text):  # for the relays' lag reports (back-pressure)
            message["sent"] = float(sent.group(1))
        await self.layer.group_send(self.group, message)

    def _control_for(self, text: str) -> dict[str, Any] | None:
        """The pending control, if this frame is the one it made (a tick may publish
        while a control waits for the run's lock)."""
        pending = self.pending
        if pending is None:
            return None
        head = text[:40]
        made = {
            "inject": '"type":"injected"' in head,
            "step": '"type":"tick"' in head,
            "reset": '"type":"status"' in head and '"reason":"reset"' in text,
        }[pending["kind"]]
        if not made:
            return None
        self.pending = None
        return pending

    async def close_all(self, code: int) -> None:
        await self.layer.group_send(
            self.group, {"type": "run.gone", "run": self.run_id, "code": code}
        )

    async def close_watchers(self, code: int) -> None:
        message = {"type": "run.revoked", "run": self.run_id, "code": code}
        await self.layer.group_send(self.group, message)


def group_name(run_id: str) -> str:
    """`run.<id>`: run ids are URL-safe base64 (ASCII letters, digits, `-`, `_`), 16 long,
    well under Channels' 100-character limit."""
    return f"run.{run_id}"
