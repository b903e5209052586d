"""What a resource may use of the run that hosts it, as a Protocol.

Resources never import `engine.simulation` (a later layer); they see the run through this
small surface: the kernel, the recorder, the seeded random stream, the other resources,
and the ways a copy is made, offered, published or dropped.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any, Protocol, runtime_checkable

from engine.core.message import Copy
from engine.runtime.kernel import Kernel
from engine.runtime.recorder import Recorder


class Target(Protocol):
    """Anything a copy can be offered to."""

    id: str

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None: ...


class Host(Protocol):
    kernel: Kernel
    recorder: Recorder
    rng: random.Random
    seed: int

    @property
    def resources(self) -> Mapping[str, Any]: ...

    def new_copy(self, *, body: str, attributes: dict, payload: Any, **fields: Any) -> Copy: ...

    def derive(
        self,
        source: Copy,
        *,
        body: str | None = None,
        attributes: dict | None = None,
        **fields: Any,
    ) -> Copy: ...

    def duplicate(self, source: Copy) -> Copy: ...

    def offer(
        self, node_id: str, copy: Copy, *, edge: str | None, target: Target
    ) -> str | None: ...

    def publish(
        self, node_id: str, copy: Copy, *, edge: str | None, target: Target
    ) -> str | None: ...

    def drop(self, node_id: str, copy: Copy, *, reason: str, edge: str | None = None) -> None: ...


class Callee(Protocol):
    """A resource called and answered in one request: a Step Functions request-response
    task, a pipe's enrichment. The caller keeps the copy (and ends it); the callee only
    runs it. `on_done(result, error)` comes later on the kernel, never inside `call`:
    `error` is None on success, else the error name the caller sees (Step Functions' names,
    e.g. `Lambda.TooManyRequestsException`)."""

    id: str

    def call(
        self, copy: Copy, *, edge: str | None, on_done: Callable[[Any, str | None], None]
    ) -> None: ...


class PolledQueue(Protocol):
    """What a poller (an SQS event source mapping, a worker) uses of the queue it reads."""

    id: str
    fifo: bool
    visibility_timeout: float

    @property
    def visible_count(self) -> int: ...

    @property
    def can_receive(self) -> bool: ...

    def wait(self, callback: Callable[[], None]) -> None: ...

    def receive(self, max_messages: int) -> list[Copy]: ...

    def delete(self, copy: Copy, receipt: int) -> bool: ...

    def discard(self, copy: Copy, receipt: int, bucket: str) -> None: ...


class BrokerQueue(Protocol):
    """A message broker's queue (Amazon MQ) as a Lambda mapping reads it: one consumer of
    its own, which also takes back what failed (`reject`), and the concurrency the mapping
    may use on it."""

    id: str
    esm_concurrency: int

    def open_consumer(self, edge: str) -> BrokerConsumer: ...


class BrokerConsumer(PolledQueue, Protocol):
    def reject(self, copy: Copy, receipt: int) -> None: ...


@runtime_checkable
class ReaderSource(Protocol):
    """A source each consumer reads from a position of its own (a Kinesis video stream's
    GetMedia connections), rather than one queue its consumers share: `open_reader` gives
    the consumer at the end of an edge its own `PolledQueue` view."""

    def open_reader(self, edge: str) -> PolledQueue: ...


class IdempotencyStore(Protocol):
    """What an idempotent consumer uses of its store (a DynamoDB table, an ElastiCache
    serverless cache): the three writes of Powertools' persistence layers. Each store counts
    the requests as its service does; `runtime.idempotency.is_replaceable` says when a held
    record may be overwritten."""

    id: str

    def put_record(self, key: str, record: Any, now: float) -> Any | None:
        """Save `record` unless a record that is not replaceable holds `key`: None when
        saved, else the record found."""
        ...

    def update_record(self, key: str, record: Any) -> None: ...

    def delete_record(self, key: str) -> None: ...
