"""Idempotent consumers: the idempotency utility of Powertools for AWS Lambda, shared by
functions and workers ("Idempotency", Powertools for AWS Lambda (Python)).

A consumer with an `idempotency` edge keeps one record per idempotency key in its store
(`host.IdempotencyStore`: a DynamoDB table or an ElastiCache serverless cache). Before a
record is processed its key is claimed: the store saves an INPROGRESS record unless a live
one holds the key. A COMPLETED record that has not expired makes the consumer skip the
record (`duplicate-skip`); an INPROGRESS one refuses it with
IdempotencyAlreadyInProgressError, so its source retries it later. A record processed
successfully is saved COMPLETED; a failed handler deletes it so a retry may run; a timed-out
invocation leaves it INPROGRESS until its in-progress expiry (the invocation's deadline, when
`InProgressExpiry` is on) or until it expires.

`RepeatCounter` counts, per consumer, records whose key it had already processed
successfully (`ProcessedMoreThanOnce`): what at-least-once delivery costs without a store.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from engine.core.message import Copy, compact_json

if TYPE_CHECKING:
    from engine.core.diagram import Edge
    from engine.runtime.host import IdempotencyStore
    from engine.runtime.recorder import Recorder

INPROGRESS = "INPROGRESS"
COMPLETED = "COMPLETED"
# What a claim found.
NEW = "new"  # the key is now this invocation's (an INPROGRESS record was saved)
SKIP = "skip"  # a COMPLETED record that has not expired: the record is a duplicate
REFUSED = "refused"  # another invocation holds it INPROGRESS
UNGUARDED = "unguarded"  # the payload has no such key: processed without idempotency
IN_PROGRESS_ERROR = "IdempotencyAlreadyInProgressError"
DEFAULT_EXPIRY = 3600


class IdempotencyRecord:
    """One record of the store. `expiration` and `in_progress_expiration` are simulated
    seconds (Powertools writes epoch seconds and milliseconds); `in_progress_expiration`
    is None when the handler's deadline is unknown (`InProgressExpiry` off, or a worker)."""

    __slots__ = ("status", "expiration", "in_progress_expiration")

    def __init__(self, status: str, expiration: float, in_progress_expiration: float | None):
        self.status = status
        self.expiration = expiration
        self.in_progress_expiration = in_progress_expiration


def is_replaceable(record: IdempotencyRecord, now: float) -> bool:
    """Powertools' condition on saving an INPROGRESS record: no record, or an expired one,
    or an INPROGRESS one past its in-progress expiry (its invocation timed out)."""
    if record.expiration <= now:
        return True
    expiry = record.in_progress_expiration
    return record.status == INPROGRESS and expiry is not None and expiry <= now


def payload_key(payload: Any, path: str | None) -> str | None:
    """The value at the dotted `path` of the payload (JSON text is parsed), as text; None
    when the payload has no such value."""
    value = payload
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    for part in (path or "").split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    if value is None:
        return None
    return value if isinstance(value, str) else compact_json(value)


class IdempotencyGuard:
    """One consumer's view of its store. Invariant: a key is claimed by at most one
    invocation at a time; keys are prefixed with the consumer's id, as Powertools prefixes
    the function's name, so consumers sharing a store never skip each other's records."""

    def __init__(self, edge: Edge, store: IdempotencyStore, *, owner: str, recorder: Recorder):
        p = edge.props
        self.edge = edge.id
        self.store = store
        self.owner = owner
        self.rec = recorder
        self.path = p.get("Key")
        self.expires_after = float(p.get("ExpiresAfterSeconds") or DEFAULT_EXPIRY)
        self.in_progress_expiry = p.get("InProgressExpiry") is not False
        self.skips = 0

    def key_of(self, copy: Copy) -> str | None:
        if not self.path:
            return copy.message_id
        return payload_key(copy.payload, self.path)

    def _store_key(self, key: str) -> str:
        return f"{self.owner}#{key}"

    def claim(self, copy: Copy, now: float, deadline: float | None) -> str:
        """Save the record's INPROGRESS record, or say why it may not run."""
        key = self.key_of(copy)
        if key is None:
            return UNGUARDED
        until = deadline if self.in_progress_expiry else None
        fresh = IdempotencyRecord(INPROGRESS, now + self.expires_after, until)
        held = self.store.put_record(self._store_key(key), fresh, now)
        if held is None:
            return NEW
        if held.status == COMPLETED:
            self.skips += 1
            self.rec.emit("duplicate-skip", self.owner, copy, store=self.store.id, key=key)
            return SKIP
        return REFUSED

    def repeat(self, copy: Copy, key: str, now: float) -> None:
        """A key an earlier record of the same batch completed: the handler met that one
        first, so this claim finds the COMPLETED record and the record is skipped. The
        store serves (and counts) the refused write all the same."""
        record = IdempotencyRecord(INPROGRESS, now + self.expires_after, None)
        self.store.put_record(self._store_key(key), record, now)
        self.skips += 1
        self.rec.emit("duplicate-skip", self.owner, copy, store=self.store.id, key=key)

    def complete(self, copy: Copy, now: float) -> None:
        key = self.key_of(copy)
        if key is not None:
            record = IdempotencyRecord(COMPLETED, now + self.expires_after, None)
            self.store.update_record(self._store_key(key), record)

    def release(self, copy: Copy) -> None:
        key = self.key_of(copy)
        if key is not None:
            self.store.delete_record(self._store_key(key))


class RepeatCounter:
    """Keys a consumer processed successfully. Invariant: `repeats` is the number of
    successful processings of a key that had been processed successfully before."""

    __slots__ = ("done", "repeats")

    def __init__(self) -> None:
        self.done: set[str] = set()
        self.repeats = 0

    def count(self, key: str) -> None:
        if key in self.done:
            self.repeats += 1
        else:
            self.done.add(key)
