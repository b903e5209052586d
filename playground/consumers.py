"""The live run's WebSocket, `/ws/runs/<run-id>/` (contract sections 5 and 6).

A thin consumer on Channels' JSON hooks (`decode_json`/`encode_json` with orjson,
`receive_json`): it finds the run and the caller's role (owner by session or signed-in
user; watcher by `?watch=<token>`), attaches the socket (replaying what a reconnecting
client missed after `?last_seq=N`, or sending a snapshot), and hands each control to the
run through one handler per control `type`. Anything wrong with a message becomes an error
frame naming the field; the socket and the run go on. Two limits per socket: controls a
second (a flood is refused cheaply, before any parsing), and the bytes it may fall behind
(a client that does not read misses frames, then gets a snapshot when it catches up, or
is closed if it never does). README "Live runs" has the protocol.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from playground.runs import controls
from playground.runs.access import watch_links
from playground.runs.budget import RateLimiter
from playground.runs.config import SocketLimits, socket_limits
from playground.runs.controls import Control, ControlError
from playground.runs.frames import dumps, error_frame
from playground.runs.live import LiveRun
from playground.runs.manager import get_manager
from playground.runs.owners import scope_owner
from playground.runs.sendbuffer import pending_bytes, write_frame

logger = logging.getLogger(__name__)

# Close codes: a run that does not exist or is not this caller's (HTTP's 404); a client
# that stayed behind for too long without reading (HTTP's 408).
NOT_FOUND_CODE = 4404
SLOW_READER_CODE = 4408
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
    """Invariants: `sent_seq` is the seq of the last run frame (or snapshot) this socket
    was sent, and run frames reach it in seq order, each once (`push` drops any it has
    sent); `behind_since` is set exactly while frames are being dropped for it."""

    # No channel layer per socket: frames come from the run (one process) or from the web
    # process's relay (REDIS_URL, `playground.runs.remote.Relay`), which is one channel for
    # all its sockets; channels-redis's receive costs every waiting socket per message.
    channel_layer_alias = None
    run: LiveRun | None = None
    role: str | None = None
    sent_seq = -1
    behind_since: float | None = None
    limits: SocketLimits
    rate: RateLimiter

    async def connect(self) -> None:
        # Accept first, so that a refusal can say why in a frame before the close.
        await self.accept()
        self.channel_name = f"socket.{secrets.token_hex(12)}"  # the relay's name for it
        query = _query(self.scope)
        manager = get_manager()
        run = manager.get(self.scope["url_route"]["kwargs"]["run_id"])
        role = run.role_for(scope_owner(self.scope), query.get("watch")) if run else None
        if run is None or role is None:
            message = "No such run for this connection (closed, or never yours to watch)."
            await self.send_error(ControlError("run", "not_found", message))
            await self.close(code=NOT_FOUND_CODE)
            return
        last_seq, problem = _last_seq(query)
        if problem is not None:
            await self.send_error(problem)
        self.limits = socket_limits()
        self.rate = RateLimiter(
            rate=self.limits.controls_per_second,
            burst=self.limits.control_burst,
            clock=manager.pacer.now,
        )
        self.run, self.role, self.clock = run, role, manager.pacer.now
        manager.ensure_sweeper()
        await run.attach(self, role=role, last_seq=last_seq)
        if role == "owner":
            run.owner_joined()

    async def disconnect(self, code: int) -> None:
        if self.run is not None:
            run, self.run = self.run, None  # controls still queued are ignored now
            await run.detach(self)
            if self.role == "owner":
                run.owner_left()

    # --- controls in ----------------------------------------------------------------------
    @classmethod
    async def decode_json(cls, text_data: str) -> Any:
        return controls.decode(text_data)

    @classmethod
    async def encode_json(cls, content: Any) -> str:
        return dumps(content)

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        if self.run is None:
            return  # refused or gone: the close is on its way
        try:
            if not self.rate.allow():
                raise ControlError(
                    "",
                    "rate_limited",
                    f"At most {self.limits.controls_per_second:g} controls a second "
                    "(EVENTYARD_WS_CONTROLS_PER_SECOND); this one was ignored.",
                )
            content = await self.decode_json(None if bytes_data is not None else text_data)
            await self.receive_json(content)
        except ControlError as error:
            await self.send_error(error)
        except Exception:  # a bug: say so in a frame, keep the socket and the run
            logger.exception("run socket: a control failed")
            message = "The server failed on this control; the server log has the details."
            await self.send_error(ControlError("", "server_error", message))

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        kind = controls.control_type(content)
        if self.role != "owner" and kind not in controls.WATCHER_CONTROLS:
            raise ControlError("type", "read_only", "This run is shared read-only with you.")
        if self.role == "owner" and kind in controls.WATCHER_CONTROLS:
            raise ControlError("type", "not_a_watcher", "The run's owner asks; watchers answer.")
        control = controls.parse(content)
        await getattr(self, f"control_{kind}")(control)

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

    async def control_skip(self, control: Control) -> None:
        await self.run.skip()

    async def control_seek(self, control: Control) -> None:
        await self.run.seek(control.time)

    async def control_poll(self, control: Control) -> None:
        await self.run.open_poll(control.choices)

    async def control_answer(self, control: Control) -> None:
        await self.run.answer(self.voter, control.choice)

    @property
    def voter(self) -> str:
        """Who answers: the browser's session (one answer each, however many tabs), or
        this socket for a browser without one."""
        session = self.scope.get("session")
        key = getattr(session, "session_key", None) if session is not None else None
        return f"session:{key}" if key else f"socket:{self.channel_name}"

    async def control_share(self, control: Control) -> None:
        token, _made = self.run.access.share()
        links = watch_links(self.run.id, token)
        await self.send_json({"type": "shared", "seq": max(self.sent_seq, 0), **links})

    # --- frames out ---------------------------------------------------------------------
    def backlog(self) -> int | None:
        """Bytes sent to this socket that its client has not read yet (None: unknown)."""
        return pending_bytes(self.base_send)

    async def push(self, seq: int, text: str) -> None:
        """Send a run frame (already serialised, shared by every viewer), unless this
        client is too far behind to take it."""
        if seq <= self.sent_seq or await self._drops(len(text)):
            return
        self.sent_seq = seq
        if not write_frame(self.base_send, text):  # under Daphne: straight to the socket
            await self.send(text_data=text)

    async def _drops(self, size: int) -> bool:
        """Whether this frame is dropped: the client is behind (its unsent bytes would
        pass the limit). A client that catches up gets a snapshot instead of the frame;
        one behind for longer than `behind_seconds` is closed."""
        backlog, run = self.backlog(), self.run
        if backlog is None or run is None:
            return False
        limit, now = self.limits.send_buffer_bytes, self.clock()
        if self.behind_since is None:
            if backlog + size <= limit:
                return False
            self.behind_since = now
            return True
        if backlog > limit // 4:
            if now - self.behind_since > self.limits.behind_seconds:
                self.behind_since = None
                await run.detach(self)
                await self.close(code=SLOW_READER_CODE)
            return True
        self.behind_since = None  # caught up: the whole state, then frames again
        self.sent_seq = run.seq
        await self.send(text_data=run.snapshot_text(role=self.role, resync=True))
        return True

    async def gone(self, code: int) -> None:
        """The run was closed: its last frame has been sent."""
        await self.close(code=code)

    async def revoked(self, code: int) -> None:
        """The watch token this socket used was revoked (owners stay)."""
        if self.role != "watcher":
            return
        message = "The owner revoked this watch link."
        await self.send_error(ControlError("watch", "revoked", message))
        await self.close(code=code)

    async def send_error(self, error: ControlError) -> None:
        frame = error_frame(
            max(self.sent_seq, 0), field=error.field, code=error.code, message=error.message
        )
        await self.send(text_data=frame)

    async def run_error(self, message: dict[str, Any]) -> None:
        """The owning worker refused a control this socket sent (REDIS_URL)."""
        error = ControlError(message["field"], message["code"], message["message"])
        await self.send_error(error)
