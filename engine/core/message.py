"""A copy of a message as it travels: the unit the trace names and the ledger counts.

A producer's publish creates the first copy; a fan-out, a duplicate, a function's output or
a destination record creates further copies. A copy keeps its `id` from the node where it
was made until it ends, and always knows the `origin` (the message the producer published)
and the producer's `payload`, which `failWhen` patterns are matched against.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

# One encoder for every body the engine writes: compact, UTF-8 kept as is. Building it once
# matters: json.dumps with options makes a new encoder on every call.
compact_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

# Where a copy stands inside a queue.
DELAYED = "delayed"
VISIBLE = "visible"
IN_FLIGHT = "in_flight"
GONE = "gone"


class Copy:
    """Invariant: a copy is held by at most one resource at a time (`holder`), and inside an
    SQS queue it is in exactly one of DELAYED, VISIBLE or IN_FLIGHT."""

    __slots__ = (
        "id",
        "origin",
        "message_id",
        "body",
        "attributes",
        "payload",
        "group",
        "dedup",
        "delay",
        "partition_key",
        "sent_at",
        "enqueued_at",
        "receive_count",
        "first_receive",
        "receipt",
        "state",
        "holder",
        "dead",
        "seq",
        "group_seq",
        "shard",
        "place",
        "counted",
        "_size",
    )

    def __init__(
        self,
        *,
        id: str,
        origin: str,
        body: str,
        attributes: dict[str, dict],
        payload: Any,
        group: str | None = None,
        dedup: str | None = None,
        delay: int | None = None,
        partition_key: str | None = None,
    ):
        self.id = id
        self.origin = origin
        self.message_id = id
        self.body = body
        self.attributes = attributes
        self.payload = payload
        self.group = group
        self.dedup = dedup
        self.delay = delay
        self.partition_key = partition_key
        self.sent_at = 0.0
        self.enqueued_at = 0.0
        self.receive_count = 0
        self.first_receive: float | None = None
        self.receipt = 0
        self.state = GONE
        self.holder: object | None = None
        self.dead = False
        self.seq = 0
        self.group_seq = 0
        self.shard = -1
        self.place: dict[str, str] | None = None  # a stream record's shard, sequence and key
        self.counted = 0  # the bytes of this copy in the recorder's held_bytes
        self._size: int | None = None

    @property
    def size(self) -> int:
        """Bytes SQS counts against MaximumMessageSize: the body plus each attribute's name,
        type and value (SQS "Message metadata" page)."""
        if self._size is None:
            body = self.body
            # ASCII text is one byte a character: no need to build the UTF-8 bytes.
            total = len(body) if body.isascii() else len(body.encode("utf-8"))
            for name, attr in self.attributes.items():
                total += len(name.encode()) + len(attr.get("Type", "").encode())
                total += len(str(attr.get("Value", "")).encode("utf-8"))
            self._size = total
        return self._size

    def set_attributes(self, attributes: dict[str, dict]) -> None:
        """Replace the message attributes (and so the size SQS counts)."""
        self.attributes = attributes
        self._size = None

    def body_sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()


def request_copy(source: Copy, body: str) -> Copy:
    """A request carrying `body` to a callee for `source` (a pipe's enrichment, a state
    machine's task): not a message of its own, so never counted in the ledger."""
    return Copy(
        id=source.id,
        origin=source.origin,
        body=body,
        attributes={},
        payload=source.payload,
        group=source.group,
    )


def encode_body(payload: Any) -> str:
    """The message body for a payload: a string as is, anything else as compact JSON."""
    if isinstance(payload, str):
        return payload
    return compact_json(payload)


def encode_attributes(values: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Rendered attribute values in the SNS/SQS shape: numbers are `Number`, lists
    `String.Array`, everything else `String`."""
    shaped = {}
    for name, value in values.items():
        if isinstance(value, bool):
            shaped[name] = {"Type": "String", "Value": "true" if value else "false"}
        elif isinstance(value, int | float):
            shaped[name] = {"Type": "Number", "Value": str(value)}
        elif isinstance(value, list):
            shaped[name] = {"Type": "String.Array", "Value": json.dumps(value)}
        else:
            shaped[name] = {"Type": "String", "Value": str(value)}
    return shaped
