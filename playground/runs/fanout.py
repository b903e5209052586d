"""How a run's frames reach its viewers: two ways, one interface.

Measured here (shared/docs/toolchain.md): the in-memory channel layer's `group_send`
deep-copies the message for every channel and each delivery goes through the consumer's
dispatch, so it saturates near 100-200 viewers; serialising once and writing the same
text to each socket held 400. So:

- `DirectFanout` (one process, the default): the run holds its viewers and writes each
  frame's text to each of them. No channel layer on the hot path at all.
- `GroupFanout` (the Redis layer): viewers join the Channels group `run.<id>` and the run
  `group_send`s one small message holding the pre-serialised text, so each frame is
  serialised once whichever process serves the socket.

Either way a viewer's `push(seq, text)` drops a seq it has already sent, which makes a
frame that arrives both in a snapshot and through the group harmless.
"""

from __future__ import annotations

import logging
from typing import Protocol

from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


class Viewer(Protocol):
    """A connected socket (the consumer)."""

    channel_name: str
    sent_seq: int  # the seq of the last run frame it was sent
    role: str | None  # "owner" or "watcher"

    async def push(self, seq: int, text: str) -> None: ...

    async def gone(self, code: int) -> None: ...

    async def revoked(self, code: int) -> None: ...


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


class GroupFanout:
    """Invariant: `count` is the number of this process's sockets in the group."""

    def __init__(self, run_id: str):
        self.group = group_name(run_id)
        self.layer = get_channel_layer()
        self.count = 0

    async def add(self, viewer: Viewer) -> None:
        await self.layer.group_add(self.group, viewer.channel_name)
        self.count += 1

    async def remove(self, viewer: Viewer) -> None:
        await self.layer.group_discard(self.group, viewer.channel_name)
        self.count = max(0, self.count - 1)

    async def send(self, seq: int, text: str) -> None:
        await self.layer.group_send(self.group, {"type": "run.frame", "seq": seq, "text": text})

    async def close_all(self, code: int) -> None:
        await self.layer.group_send(self.group, {"type": "run.gone", "code": code})
        self.count = 0

    async def close_watchers(self, code: int) -> None:
        # Each socket knows its role; watchers leave the group as they disconnect.
        await self.layer.group_send(self.group, {"type": "run.revoked", "code": code})


def group_name(run_id: str) -> str:
    """`run.<id>`: run ids are URL-safe base64 (ASCII letters, digits, `-`, `_`), 16 long,
    well under Channels' 100-character limit."""
    return f"run.{run_id}"


def make_fanout(mode: str, run_id: str) -> DirectFanout | GroupFanout:
    return GroupFanout(run_id) if mode == "group" else DirectFanout(run_id)
