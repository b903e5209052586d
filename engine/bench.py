"""`python -m engine.bench`: the engine's benchmark, a measurement rather than a test.

The same workloads run on the engine (tracing on, the trace drained as a live consumer
would) and on moto (AWS in-process, through boto3): an SQS round trip and an SNS fan-out
to three queues. It also times a bare heapq loop, the engine's `Kernel` and SimPy on no-op
events: what an event costs, and why the kernel is ours. moto, boto3 and SimPy are
imported inside the functions that use them (engine/ imports the standard library only);
a missing one skips its part. It prints figures and ratios against targets, and exits 0.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import heapq
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from functools import partial
from typing import Any
from unittest import mock

from . import Simulation, load_diagram
from .kernel import ACTION, Kernel

SQS_TARGET, FANOUT_TARGET = 50.0, 100.0  # the engine's rate over moto's (best)
EVENT_COST_TARGET = 10.0  # the engine's µs per event over the bare loop's
RATE = 10_000  # producer msg/s: 10 pollers x 10 messages per 1 ms batch keep up easily
WORKER = {"pollers": 10, "batchSize": 10, "duration": {"dist": "fixed", "ms": 1}}
CHUNK = 0.1  # simulated seconds between trace drains
GRACE = 60.0  # simulated seconds allowed past the last publish before giving up
FANOUT_QUEUES, REGION, FORMAT = 3, "us-east-1", "eventyard-bench/1"
_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN")
DUMMY_ENV = dict.fromkeys(_KEYS, "testing") | {"AWS_DEFAULT_REGION": REGION}


class BenchError(RuntimeError):
    """A workload did not do what it was timed for: its figure would be meaningless."""


@dataclass(frozen=True)
class Sizes:
    messages: int = 50_000  # engine SQS round trip
    fanout: int = 25_000  # engine fan-out publishes (x3 deliveries)
    moto: int = 2_000  # moto SQS round trip, single and batch APIs each
    moto_fanout: int = 300  # moto fan-out publishes
    events: int = 100_000  # no-op events for the heap, Kernel and SimPy loops
    repeat: int = 3  # engine and loop figures are the best of this many runs (moto: 1)


QUICK = Sizes(messages=5_000, fanout=2_500, moto=200, moto_fanout=30, events=20_000)


def _rate(count: int, seconds: float) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    us_each = seconds / count * 1e6 if count else 0.0
    return {"count": count, "seconds": seconds, "per_second": count / seconds, "us_each": us_each}


def _best(measure: Callable[[], dict[str, Any]], repeat: int) -> dict[str, Any]:
    """The fastest of `repeat` runs: noise from other processes only ever slows a run."""
    runs = []
    for _ in range(max(1, repeat)):
        gc.collect()
        runs.append(measure())
    return min(runs, key=lambda run: run["seconds"])


def _diagram(name: str, messages: int, nodes: list[tuple], edges: list[tuple]) -> dict[str, Any]:
    """A producer of `messages` at RATE, (id, type, sim) `nodes`, (kind, from, to) `edges`."""
    nodes = [("producer", "producer", {"rate": RATE, "count": messages}), *nodes]
    edges = [(f"e{n}", *edge) for n, edge in enumerate(edges, 1)]
    return {
        "format": "eventyard/1",
        "name": name,
        "nodes": [{"id": i, "type": t, "props": {}, "sim": sim} for i, t, sim in nodes],
        "edges": [
            {"id": i, "kind": k, "source": a, "target": b, "props": {}} for i, k, a, b in edges
        ],
    }


def sqs_diagram(messages: int) -> dict[str, Any]:
    """Producer → standard queue → a worker fleet that receives and deletes."""
    nodes = [("queue", "sqs.queue", {}), ("consumer", "worker", WORKER)]
    edges = [("publish", "producer", "queue"), ("event-source", "queue", "consumer")]
    return _diagram("bench: SQS round trip", messages, nodes, edges)


def fanout_diagram(messages: int) -> dict[str, Any]:
    """Producer → SNS topic → three queues (JSON envelope: raw delivery off)."""
    queues = [f"queue{n}" for n in range(1, FANOUT_QUEUES + 1)]
    nodes = [("topic", "sns.topic", {})] + [(q, "sqs.queue", {}) for q in queues]
    edges = [("publish", "producer", "topic")] + [("subscription", "topic", q) for q in queues]
    return _diagram("bench: SNS fan-out", messages, nodes, edges)


def _engine_run(doc: dict, *, done: Callable[[dict], int], expected: int) -> dict[str, Any]:
    """Time a workload in CHUNK steps, draining after each, until `done(report)` is `expected`."""
    diagram, end = load_diagram(doc), doc["nodes"][0]["sim"]["count"] / RATE
    start = time.perf_counter()
    sim, drained, report = Simulation(diagram, seed=1), 0, None
    while report is None or (done(report) < expected and sim.now < end + GRACE):
        sim.run(round(sim.now + CHUNK, 6))
        drained += len(sim.drain_events())
        report = sim.report() if sim.now >= end else None
    seconds = time.perf_counter() - start
    if done(report) != expected or report["ledger"]["unaccounted"]:
        raise BenchError(f"{doc['name']}: {done(report)} done, {expected} expected")
    events, dispatched = report["events"], sim.kernel.dispatched
    extra = {"trace_events": events, "trace_per_second": events / seconds, "drained": drained}
    return _rate(expected, seconds) | extra | {"kernel_events": dispatched}


def _delivered(report: dict) -> int:
    nodes = report["nodes"].values()
    return sum(n["metrics"]["NumberOfMessagesSent"] for n in nodes if n["type"] == "sqs.queue")


def engine_sqs(messages: int) -> dict[str, Any]:
    """The SQS round trip on the engine; `count` is the messages deleted."""
    return _engine_run(
        sqs_diagram(messages), done=lambda r: r["ledger"]["deleted"], expected=messages
    )


def engine_fanout(messages: int) -> dict[str, Any]:
    """The fan-out on the engine; `count` is the deliveries into the three queues."""
    return _engine_run(fanout_diagram(messages), done=_delivered, expected=3 * messages)


@contextlib.contextmanager
def _moto_clients(*services: str) -> Iterator[list[Any]]:
    """boto3 clients inside moto's in-process mock, with dummy credentials meanwhile."""
    import boto3
    from moto import mock_aws

    with mock.patch.dict(os.environ, DUMMY_ENV), mock_aws():
        yield [boto3.client(service, region_name=REGION) for service in services]


def _moto_depth(sqs: Any, url: str) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attributes[name]) for name in names)


def _entries(field: str, values: list[str]) -> list[dict[str, str]]:
    return [{"Id": str(n), field: value} for n, value in enumerate(values)]


def _moto_hop(sqs: Any, url: str, ids: range, batch: bool) -> int:
    """Send a message per id, then receive and delete them all; returns how many. Kept short,
    like a queue whose consumer keeps up: moto's receive scans every message it holds."""
    bodies = [json.dumps({"id": n}) for n in ids]
    if batch:
        sqs.send_message_batch(QueueUrl=url, Entries=_entries("MessageBody", bodies))
    for body in [] if batch else bodies:
        sqs.send_message(QueueUrl=url, MessageBody=body)
    deleted = 0
    while deleted < len(bodies):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=len(bodies) - deleted)
        handles = [message["ReceiptHandle"] for message in got.get("Messages", [])]
        if not handles:
            raise BenchError("moto SQS: a message that was sent could not be received")
        if batch:
            sqs.delete_message_batch(QueueUrl=url, Entries=_entries("ReceiptHandle", handles))
        for handle in [] if batch else handles:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=handle)
        deleted += len(handles)
    return deleted


def moto_sqs(messages: int, *, batch: bool = False) -> dict[str, float]:
    """The SQS round trip through boto3 on moto, one message per call or ten (batch)."""
    step = 10 if batch else 1
    with _moto_clients("sqs") as (sqs,):
        url = sqs.create_queue(QueueName="bench")["QueueUrl"]
        start = time.perf_counter()
        deleted = sum(
            _moto_hop(sqs, url, range(first, min(first + step, messages)), batch)
            for first in range(0, messages, step)
        )
        seconds = time.perf_counter() - start
        left = _moto_depth(sqs, url)
    if deleted != messages or left:
        raise BenchError(f"moto SQS: {deleted} of {messages} deleted, {left} left in the queue")
    return _rate(deleted, seconds)


def moto_fanout(messages: int) -> dict[str, float]:
    """SNS → three SQS queues on moto; `count` is the deliveries, counted in the queues."""
    with _moto_clients("sns", "sqs") as (sns, sqs):
        topic = sns.create_topic(Name="bench")["TopicArn"]
        urls = [sqs.create_queue(QueueName=f"bench{n}")["QueueUrl"] for n in range(3)]
        for url in urls:
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
            sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["Attributes"]["QueueArn"])
        start = time.perf_counter()
        for seq in range(messages):
            sns.publish(TopicArn=topic, Message=json.dumps({"id": seq}))
        seconds = time.perf_counter() - start
        delivered = sum(_moto_depth(sqs, url) for url in urls)
    if delivered != messages * FANOUT_QUEUES:
        raise BenchError(f"moto fan-out: {delivered} of {messages * FANOUT_QUEUES} deliveries")
    return _rate(delivered, seconds)


def _noop(*_args: Any) -> None:
    return None


def bare_heap_loop(events: int) -> dict[str, float]:
    """The floor: push (time, seq, callback) tuples on a heapq, pop each and call it."""
    heap: list[tuple[float, int, Callable[..., None]]] = []
    push, pop = heapq.heappush, heapq.heappop
    start = time.perf_counter()
    for seq in range(events):
        push(heap, (seq * 0.001, seq, _noop))
    while heap:
        _when, _seq, fn = pop(heap)
        fn()
    return _rate(events, time.perf_counter() - start)


def kernel_loop(events: int, *, chain: bool = False) -> dict[str, float]:
    """`Kernel.at` N no-ops, then `run_until`; `chain`: one callback re-arming itself N times."""
    kernel, left = Kernel(1), [events]

    def tick() -> None:
        left[0] -= 1
        if left[0]:
            kernel.after(0.001, ACTION, tick)

    start = time.perf_counter()
    for seq in range(1 if chain else events):
        kernel.at(seq * 0.001, ACTION, tick if chain else _noop)
    dispatched = kernel.run_until(events * 0.001)
    return _rate(dispatched, time.perf_counter() - start)


def simpy_loop(events: int, *, process: bool = False) -> dict[str, float]:
    """SimPy: N timeouts with a no-op callback each; `process`: one process yielding N."""
    import simpy

    env = simpy.Environment()
    start = time.perf_counter()
    if process:
        env.process(env.timeout(0.001) for _ in range(events))
    for seq in range(0 if process else events):
        env.timeout(seq * 0.001).callbacks.append(_noop)
    env.run()
    return _rate(events, time.perf_counter() - start)


# (key, label, function, Sizes field), in the order the table shows them.
RUNS = (
    ("engine_sqs", "engine: send, receive, delete", engine_sqs, "messages"),
    ("moto_sqs_single", "moto: send, receive, delete", moto_sqs, "moto"),
    ("moto_sqs_batch", "moto: the same, batch APIs", partial(moto_sqs, batch=True), "moto"),
    ("engine_fanout", "engine: SNS -> 3 SQS queues", engine_fanout, "fanout"),
    ("moto_fanout", "moto: SNS -> 3 SQS queues", moto_fanout, "moto_fanout"),
    ("bare_heap_loop", "bare heapq loop, no-op events", bare_heap_loop, "events"),
    ("kernel_scheduled", "Kernel: at() N no-ops, run_until", kernel_loop, "events"),
    ("simpy_scheduled", "SimPy: N timeouts, no-op callbacks", simpy_loop, "events"),
    ("kernel_chain", "Kernel: one callback re-arming", partial(kernel_loop, chain=True), "events"),
    ("simpy_process", "SimPy: a process, N timeouts", partial(simpy_loop, process=True), "events"),
)
UNITS = {"messages": "msgs", "moto": "msgs", "fanout": "deliveries", "moto_fanout": "deliveries"}
# (name, engine's label, reference's label, unit, target): "≥" ratios are speed-ups over
# the reference, "≤" ratios costs over it; the last three have no target, only a ratio.
COMPARISONS = (
    ("SQS round trip", "engine", "moto best", "msg/s", ("≥", SQS_TARGET)),
    ("SNS fan-out", "engine", "moto", "deliveries/s", ("≥", FANOUT_TARGET)),
    ("Cost per trace event", "engine SQS", "bare heap loop", "µs", ("≤", EVENT_COST_TARGET)),
    ("Cost per kernel event", "engine SQS", "bare heap loop", "µs", ("≤", EVENT_COST_TARGET)),
    ("Kernel dispatch cost", "Kernel", "bare heap loop", "µs", None),
    ("Events scheduled up front", "Kernel", "SimPy", "events/s", None),
    ("Re-arming callback vs process", "Kernel", "SimPy", "events/s", None),
)
COMPARISON_KEYS = ("name", "unit", "labels", "engine", "reference", "ratio", "target", "met")


def _runs(sizes: Sizes, skipped: list[str]) -> dict[str, dict[str, Any] | None]:
    """Each run's figures; None for a run whose third-party module is not installed."""
    runs: dict[str, dict[str, Any] | None] = dict.fromkeys(row[0] for row in RUNS)
    for key, _label, function, field in RUNS:
        repeat = 1 if key.startswith("moto") else sizes.repeat
        try:
            runs[key] = _best(partial(function, getattr(sizes, field)), repeat)
        except ImportError as missing:
            note = f"{missing.name} is not installed: what needs it is skipped"
            skipped.extend([note] if note not in skipped else [])
    return runs


def _compare(spec: tuple, engine: float | None, reference: float | None) -> dict[str, Any]:
    name, engine_label, reference_label, unit, target = spec
    ratio = engine / reference if engine and reference else None
    met = None
    if ratio is not None and target is not None:
        met = ratio >= target[1] if target[0] == "≥" else ratio <= target[1]
    goal = f"{target[0]} {target[1]:g}×" if target else None
    values = (name, unit, [engine_label, reference_label], engine, reference, ratio, goal, met)
    return dict(zip(COMPARISON_KEYS, values, strict=True))


def measure(sizes: Sizes) -> dict[str, Any]:
    """Every run and every comparison, as one JSON-ready object."""
    skipped: list[str] = []
    runs = _runs(sizes, skipped)

    def per(key: str, field: str = "per_second") -> float | None:
        return runs[key][field] if runs[key] else None

    sqs, bare_us = runs["engine_sqs"], per("bare_heap_loop", "us_each")
    moto_best = max(filter(None, [per("moto_sqs_single"), per("moto_sqs_batch")]), default=None)
    pairs = [
        (per("engine_sqs"), moto_best),
        (per("engine_fanout"), per("moto_fanout")),
        (sqs["seconds"] / sqs["trace_events"] * 1e6, bare_us),
        (sqs["seconds"] / sqs["kernel_events"] * 1e6, bare_us),
        (per("kernel_scheduled", "us_each"), bare_us),
        (per("kernel_scheduled"), per("simpy_scheduled")),
        (per("kernel_chain"), per("simpy_process")),
    ]
    comparisons = [_compare(spec, *pair) for spec, pair in zip(COMPARISONS, pairs, strict=True)]
    head = {"format": FORMAT, "python": platform.python_version(), "sizes": asdict(sizes)}
    return head | {"runs": runs, "comparisons": comparisons, "skipped": skipped}


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.{2 if value < 10 else 1 if value < 100 else 0}f}"


def render(results: dict[str, Any]) -> str:
    """The readable table: each run, then each comparison with its target and verdict."""
    lines = [
        f"Eventyard engine benchmark, Python {results['python']}: engine and loop figures "
        f"are the best of {results['sizes']['repeat']} runs, moto's of one; tracing on.",
        "",
    ]
    for key, label, _function, field in RUNS:
        run, unit = results["runs"][key] or {}, UNITS.get(field, "events")
        if run:
            lines.append(
                f"  {label:<36} {run['count']:>8,} {unit:<10} in {run['seconds']:6.2f} s = "
                f"{run['per_second']:>11,.0f}/s ({run['us_each']:.2f} µs each)"
            )
        if "trace_events" in run:
            lines.append(
                f"{'':<38} {run['trace_events']:>8,} trace events = {run['trace_per_second']:,.0f}"
                f"/s ({run['drained']:,} drained); {run['kernel_events']:,} kernel events"
            )
    lines += ["", *results["skipped"]]
    for item in results["comparisons"]:
        (engine_label, reference_label), unit = item["labels"], item["unit"]
        target = f" (target {item['target']})" if item["target"] else ""
        verdict = {True: " ✓", False: " ✗", None: ""}[item["met"]]
        lines.append(
            f"{item['name']}: {engine_label} {_figure(item['engine'])} {unit}, "
            f"{reference_label} {_figure(item['reference'])} {unit}, "
            f"ratio {_figure(item['ratio'])}×{target}{verdict}"
        )
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit 2, not argparse's usage block
        self.exit(2, f"python -m engine.bench: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """The command: exit 0 whatever the figures, 1 if a workload misbehaved, 2 on bad usage."""
    parser = _Parser(prog="python -m engine.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--messages", type=int, metavar="N", help="engine SQS messages (50,000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object, no table")
    args = parser.parse_args(argv)
    if args.messages is not None and args.messages < 1:
        parser.error(f"argument --messages: {args.messages} is not a positive number")
    sizes = QUICK if args.quick else Sizes()
    if args.messages:  # the fan-out publishes half as many: three deliveries each
        sizes = replace(sizes, messages=args.messages, fanout=max(1, args.messages // 2))
    try:
        results = measure(sizes)
    except BenchError as error:
        print(f"python -m engine.bench: {error}", file=sys.stderr)
        return 1
    print(json.dumps(results, indent=2) if args.json else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
