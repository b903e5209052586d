"""The pollers that read SQS queues, driven against small fakes of the protocols they use
(`PolledQueue`, `Invoker`): the Lambda SQS event source (`sqs_source`) and a worker's
poller. Stream event sources are covered through whole diagrams in test_kinesis.py."""

from __future__ import annotations

from types import SimpleNamespace

from engine.core.message import IN_FLIGHT, VISIBLE, Copy
from engine.polling.sqs_source import SqsEventSource
from engine.runtime.behaviour import Outcome
from engine.runtime.kernel import ACTION, Kernel
from engine.runtime.recorder import Recorder


class FakeQueue:
    """A standard queue without timeouts: visible copies, received into flight."""

    fifo = False
    visibility_timeout = 30.0

    def __init__(self, count: int):
        self.id = "q"
        self.visible = [self._copy(i) for i in range(count)]
        self.waiters: list = []
        self.deleted: list[str] = []
        self.discarded: list[str] = []

    def _copy(self, i: int) -> Copy:
        copy = Copy(id=f"m-{i}", origin=f"m-{i}", body=f'{{"n": {i}}}', attributes={}, payload=i)
        copy.state = VISIBLE
        return copy

    @property
    def visible_count(self) -> int:
        return len(self.visible)

    @property
    def can_receive(self) -> bool:
        return bool(self.visible)

    def wait(self, callback) -> None:
        self.waiters.append(callback)

    def add(self, count: int) -> None:
        start = len(self.deleted) + len(self.visible) + 1000
        self.visible += [self._copy(start + i) for i in range(count)]
        waiters, self.waiters = self.waiters, []
        for callback in waiters:
            callback()

    def receive(self, max_messages: int) -> list[Copy]:
        taken, self.visible = self.visible[:max_messages], self.visible[max_messages:]
        for copy in taken:
            copy.state, copy.holder = IN_FLIGHT, self
            copy.receipt += 1
        return taken

    def delete(self, copy: Copy, receipt: int) -> bool:
        self.deleted.append(copy.id)
        return True

    def discard(self, copy: Copy, receipt: int, bucket: str) -> None:
        self.discarded.append(copy.id)


class FakeFunction:
    """Runs each batch for `seconds`; refuses concurrency while `throttled`."""

    def __init__(self, kernel: Kernel, seconds: float = 1.0):
        self.id, self.arn = "f", "arn:f"
        self.kernel = kernel
        self.rec = Recorder(kernel)
        self.sim = SimpleNamespace()
        self.seconds = seconds
        self.throttled = False
        self.batches: list[tuple[float, list[str]]] = []
        self.acquired = 0

    def try_acquire(self, copies, edge) -> bool:
        if self.throttled:
            return False
        self.acquired += 1
        return True

    def execute(self, copies, edge, *, stop_at_first, whole_batch_fails, on_done) -> None:
        self.batches.append((self.kernel.now, [c.id for c in copies]))
        outcome = Outcome(self.seconds * 1000)
        self.kernel.after(self.seconds, ACTION, on_done, copies, outcome)


def mapping(**props) -> SimpleNamespace:
    base = {
        "BatchSize": None,
        "MaximumBatchingWindowInSeconds": 0,
        "FunctionResponseTypes": None,
        "ScalingConfig": None,
        "FilterCriteria": None,
        "Enabled": True,
    }
    return SimpleNamespace(id="esm", props=base | props)


def start(queue: FakeQueue, function: FakeFunction, **props) -> SqsEventSource:
    source = SqsEventSource(mapping(**props), queue, function)
    source.start()
    return source


def test_batches_of_batch_size_start_five_at_a_time_and_are_deleted():
    kernel = Kernel(1)
    queue, function = FakeQueue(70), FakeFunction(kernel)
    start(queue, function)
    kernel.run_until(0.5)
    assert [len(ids) for _t, ids in function.batches] == [10] * 5  # five pollers to start
    kernel.run_until(30)
    assert len(queue.deleted) == 70 and queue.visible == []


def test_concurrency_grows_by_five_a_second_while_messages_wait_up_to_the_cap():
    kernel = Kernel(1)
    queue, function = FakeQueue(1000), FakeFunction(kernel, seconds=10)
    source = start(queue, function, BatchSize=1, ScalingConfig={"MaximumConcurrency": 12})
    kernel.run_until(0.5)
    assert source.active == 5
    kernel.run_until(1.5)
    assert source.active == 10
    kernel.run_until(5)
    assert source.active == source.limit == 12


def test_a_batching_window_waits_for_a_full_batch_or_the_window():
    kernel = Kernel(1)
    queue, function = FakeQueue(3), FakeFunction(kernel)
    start(queue, function, BatchSize=5, MaximumBatchingWindowInSeconds=4)
    kernel.run_until(3.9)
    assert function.batches == []
    kernel.at(2.0 + kernel.now, ACTION, queue.add, 1)
    kernel.run_until(4.5)
    assert [(t, len(ids)) for t, ids in function.batches] == [(4.0, 3)]


def test_an_idle_source_waits_on_the_queue_and_wakes_when_a_message_arrives():
    kernel = Kernel(1)
    queue, function = FakeQueue(0), FakeFunction(kernel)
    start(queue, function)
    kernel.run_until(5)
    assert len(queue.waiters) == 1 and function.batches == []
    kernel.at(6.0, ACTION, queue.add, 2)
    kernel.run_until(6)
    assert function.batches == [(6.0, ["m-1000", "m-1001"])]


def test_a_throttled_batch_is_retried_with_backoff_until_its_visibility_timeout():
    kernel = Kernel(1)
    queue, function = FakeQueue(1), FakeFunction(kernel)
    function.throttled = True
    source = start(queue, function)
    kernel.run_until(40)
    # Retries 1, 2, 4, 8 s after the first try (at 1, 3, 7, 15 s); the next (31 s) would
    # pass the 30 s visibility timeout, so the source gives the batch up.
    assert function.acquired == 0 and source.active == 0
    assert queue.deleted == []


def test_messages_no_filter_matches_are_discarded_as_filtered():
    kernel = Kernel(1)
    queue, function = FakeQueue(4), FakeFunction(kernel)
    keep_even = {"Filters": [{"Pattern": {"body": {"n": [0, 2]}}}]}
    start(queue, function, FilterCriteria=keep_even)
    kernel.run_until(5)
    assert queue.discarded == ["m-1", "m-3"]
    assert function.batches == [(0.0, ["m-0", "m-2"])]
