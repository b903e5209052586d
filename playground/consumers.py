"""The live run's WebSocket, `/ws/runs/<run-id>/` (contract sections 5 and 6).

A thin consumer: it finds the run and the caller's role (owner by session or signed-in
user; watcher by `?watch=<token>`), attaches the socket (replaying what a reconnecting
client missed after `?last_seq=N`, or sending a snapshot), and hands each control to the
run through one handler per control `type`. Anything wrong with a message becomes an error
frame naming the field; the socket and the run go on. README "Live runs" has the protocol.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from playground.runs import controls
from playground.runs.controls import Control, ControlError
from playground.runs.frames import dumps, error_frame
from playground.runs.live import LiveRun
from playground.runs.manager import get_manager
from playground.runs.owners import scope_owner

# Close code for a run that does not exist or is not this caller's (HTTP's 404).
NOT_FOUND_CODE = 4404
MAX_SEQ = 2**63 - 1


def _query(scope: dict[str, Any]) -> dict[str, str]:
    """The first value of each query parameter."""
    raw = scope.get("query_string", b"").decode("latin-1")
    return {key: values[0] for key, values in parse_qs(raw).items()}


def _last_seq(query: dict[str, str]) -> tuple[int | None, ControlError | None]:
    text = query.get("last_seq")
    if text is None:
        return None, None
    if text.isascii() and text.isdigit() and int(text) <= MAX_SEQ:
        return int(text), None
    problem = ControlError(
        "last_seq", "invalid", f"last_seq {text[:20]!r} is not a seq; here is a snapshot."
    )
    return None, problem


class RunConsumer(AsyncJsonWebsocketConsumer):
    """Invariant: `sent_seq` is the seq of the last run frame this socket was sent, and
    run frames reach it in seq order, each once (`push` drops any it has sent)."""

    run: LiveRun | None = None
    role: str | None = None
    sent_seq = -1

    async def connect(self) -> None:
        # Accept first, so that a refusal can say why in a frame before the close.
        await self.accept()
        query = _query(self.scope)
        run = get_manager().get(self.scope["url_route"]["kwargs"]["run_id"])
        role = run.role_for(scope_owner(self.scope), query.get("watch")) if run else None
        if run is None or role is None:
            message = "No such run for this connection (closed, or never yours to watch)."
            await self.send_error(ControlError("run", "not_found", message))
            await self.close(code=NOT_FOUND_CODE)
            return
        last_seq, problem = _last_seq(query)
        if problem is not None:
            await self.send_error(problem)
        self.run, self.role = run, role
        get_manager().ensure_sweeper()
        await run.attach(self, role=role, last_seq=last_seq)

    async def disconnect(self, code: int) -> None:
        if self.run is not None:
            await self.run.detach(self)

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        if self.run is None:
            return  # refused: the close is on its way
        try:
            content = controls.decode(text_data)
            kind = controls.control_type(content)
            if self.role != "owner":
                raise ControlError("type", "read_only", "This run is shared read-only with you.")
            control = controls.parse(content)
            await getattr(self, f"control_{kind}")(control)
        except ControlError as error:
            await self.send_error(error)

    # --- one handler per control type -------------------------------------------------
    async def control_start(self, control: Control) -> None:
        await self.run.start()

    async def control_pause(self, control: Control) -> None:
        await self.run.pause()

    async def control_resume(self, control: Control) -> None:
        await self.run.resume()

    async def control_step(self, control: Control) -> None:
        await self.run.step(control.unit)

    async def control_speed(self, control: Control) -> None:
        await self.run.set_speed(control.speed)

    async def control_reset(self, control: Control) -> None:
        await self.run.reset()

    async def control_inject(self, control: Control) -> None:
        await self.run.inject(control.node, control.payload, control.attributes)

    async def control_share(self, control: Control) -> None:
        token, _made = self.run.share()
        frame = {"type": "shared", "seq": max(self.sent_seq, 0), **self.run.watch_links(token)}
        await self.send(text_data=dumps(frame))

    # --- frames out ---------------------------------------------------------------------
    async def push(self, seq: int, text: str) -> None:
        """Send a run frame (already serialised, shared by every viewer)."""
        if seq <= self.sent_seq:
            return
        self.sent_seq = seq
        await self.send(text_data=text)

    async def gone(self, code: int) -> None:
        """The run was closed: its last frame has been sent."""
        await self.close(code=code)

    async def send_error(self, error: ControlError) -> None:
        frame = error_frame(
            max(self.sent_seq, 0), field=error.field, code=error.code, message=error.message
        )
        await self.send(text_data=frame)

    # --- group fan-out (EVENTYARD_RUN_FANOUT=group) ---------------------------------------
    async def dispatch(self, message: dict[str, Any]) -> None:
        # Frames are the hot path and touch no database: skip the hop to a worker thread
        # (close_old_connections) that Channels makes before every other handler.
        if message.get("type") == "run.frame":
            await self.push(message["seq"], message["text"])
            return
        await super().dispatch(message)

    async def run_gone(self, message: dict[str, Any]) -> None:
        await self.gone(message["code"])
