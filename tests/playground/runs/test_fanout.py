"""`playground.runs.fanout`: one failing socket does not stop a run's frames, and a
revoked watch token closes watchers only."""

from __future__ import annotations

from playground.runs.fanout import DirectFanout


class Viewer:
    def __init__(self, role: str = "owner", *, broken: bool = False):
        self.role, self.broken, self.channel_name, self.sent_seq = role, broken, "", -1
        self.frames: list[int] = []
        self.closed: int | None = None

    async def push(self, seq: int, text: str) -> None:
        if self.broken:
            raise RuntimeError("Attempt to send on a closed protocol")
        self.frames.append(seq)

    async def gone(self, code: int) -> None:
        self.closed = code

    async def revoked(self, code: int) -> None:
        self.closed = code


async def test_a_socket_that_fails_is_dropped_and_the_others_get_every_frame():
    fanout = DirectFanout("r")
    good, broken, other = Viewer(), Viewer(broken=True), Viewer()
    for viewer in (good, broken, other):
        await fanout.add(viewer)

    await fanout.send(1, "{}")
    await fanout.send(2, "{}")

    assert good.frames == other.frames == [1, 2]
    assert fanout.count == 2 and broken not in fanout.viewers


async def test_revoking_closes_the_watchers_and_keeps_the_owner():
    fanout = DirectFanout("r")
    owner, watchers = Viewer("owner"), [Viewer("watcher"), Viewer("watcher")]
    for viewer in (owner, *watchers):
        await fanout.add(viewer)

    await fanout.close_watchers(4403)

    assert [w.closed for w in watchers] == [4403, 4403] and owner.closed is None
    assert fanout.viewers == {owner}
