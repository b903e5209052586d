"""`python -m engine.bench`: the engine's benchmark, a measurement rather than a test.

The same workloads run on the engine (tracing on, the trace drained as a live consumer
would) and on moto (AWS in-process, through boto3): an SQS round trip, an SNS fan-out
to three queues, Kinesis put and get, a queue-to-queue EventBridge pipe (moto models
the Pipes API only, so its side does the pipe's moves through boto3), and an Express
workflow started by an EventBridge rule (a Choice, then an SQS task; moto runs the same
definition in its own Step Functions interpreter), and Kafka put and read (moto models
MSK's control plane only, so only the cost per kernel event is compared), and Amazon MQ
send and Lambda receive (the same: moto has no broker). It also times a
bare heapq loop, the engine's `Kernel` and SimPy on no-op events: what an event costs,
and why the kernel is ours. moto, boto3 and SimPy are
imported inside the functions that use them (engine/ imports the standard library only);
a missing one skips its part. It prints figures and ratios against targets, and exits 0.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from dataclasses import asdict, dataclass, replace
from functools import partial
from typing import Any

from engine.bench_workloads import (
    BenchError,
    bare_heap_loop,
    best,
    engine_fanout,
    engine_kafka,
    engine_kinesis,
    engine_mq,
    engine_pipe,
    engine_sqs,
    engine_stepfunctions,
    kernel_loop,
    moto_fanout,
    moto_kinesis,
    moto_pipe,
    moto_sqs,
    moto_stepfunctions,
    simpy_loop,
)

SQS_TARGET, FANOUT_TARGET, KINESIS_TARGET = 50.0, 100.0, 50.0  # the engine's rate over moto's
PIPE_TARGET = STEPFUNCTIONS_TARGET = 50.0
EVENT_COST_TARGET = 10.0  # the engine's µs per event over the bare loop's
FORMAT = "eventyard-bench/1"


@dataclass(frozen=True)
class Sizes:
    messages: int = 50_000  # engine SQS round trip
    fanout: int = 25_000  # engine fan-out publishes (x3 deliveries)
    moto: int = 2_000  # moto SQS round trip, single and batch APIs each
    moto_fanout: int = 300  # moto fan-out publishes
    events: int = 100_000  # no-op events for the heap, Kernel and SimPy loops
    kinesis: int = 50_000  # engine Kinesis records, put and read
    moto_kinesis: int = 2_000  # moto Kinesis records, put and read
    pipe: int = 50_000  # engine pipe: messages moved from queue to queue
    moto_pipe: int = 2_000  # moto: the same moves through boto3
    workflows: int = 20_000  # engine Step Functions executions (rule -> Express workflow)
    moto_workflows: int = 200  # moto: executions its interpreter runs
    kafka: int = 50_000  # engine Kafka records, put and read by a Lambda mapping
    mq: int = 50_000  # engine Amazon MQ messages, sent and received by a Lambda mapping
    repeat: int = 3  # engine and loop figures are the best of this many runs (moto: 1)


QUICK = Sizes(
    messages=5_000,
    fanout=2_500,
    moto=200,
    moto_fanout=30,
    events=20_000,
    kinesis=5_000,
    moto_kinesis=200,
    pipe=5_000,
    moto_pipe=200,
    workflows=2_000,
    moto_workflows=30,
    kafka=5_000,
    mq=5_000,
)


# (key, label, function, Sizes field), in the order the table shows them.
RUNS = (
    ("engine_sqs", "engine: send, receive, delete", engine_sqs, "messages"),
    ("moto_sqs_single", "moto: send, receive, delete", moto_sqs, "moto"),
    ("moto_sqs_batch", "moto: the same, batch APIs", partial(moto_sqs, batch=True), "moto"),
    ("engine_fanout", "engine: SNS -> 3 SQS queues", engine_fanout, "fanout"),
    ("moto_fanout", "moto: SNS -> 3 SQS queues", moto_fanout, "moto_fanout"),
    ("engine_kinesis", "engine: Kinesis put, Lambda reads", engine_kinesis, "kinesis"),
    ("moto_kinesis", "moto: Kinesis put, get records", moto_kinesis, "moto_kinesis"),
    ("engine_pipe", "engine: queue -> pipe -> queue", engine_pipe, "pipe"),
    ("moto_pipe", "moto: the pipe's moves by boto3", moto_pipe, "moto_pipe"),
    ("engine_workflow", "engine: rule -> Express workflow", engine_stepfunctions, "workflows"),
    ("moto_workflow", "moto: StartExecution, interpreted", moto_stepfunctions, "moto_workflows"),
    ("engine_kafka", "engine: Kafka put, Lambda reads", engine_kafka, "kafka"),
    ("engine_mq", "engine: MQ send, Lambda receives", engine_mq, "mq"),
    ("bare_heap_loop", "bare heapq loop, no-op events", bare_heap_loop, "events"),
    ("kernel_scheduled", "Kernel: at() N no-ops, run_until", kernel_loop, "events"),
    ("simpy_scheduled", "SimPy: N timeouts, no-op callbacks", simpy_loop, "events"),
    ("kernel_chain", "Kernel: one callback re-arming", partial(kernel_loop, chain=True), "events"),
    ("simpy_process", "SimPy: a process, N timeouts", partial(simpy_loop, process=True), "events"),
)
UNITS = {
    "messages": "msgs",
    "moto": "msgs",
    "fanout": "deliveries",
    "moto_fanout": "deliveries",
    "kinesis": "records",
    "moto_kinesis": "records",
    "pipe": "msgs",
    "moto_pipe": "msgs",
    "workflows": "executions",
    "moto_workflows": "executions",
    "kafka": "records",
    "mq": "msgs",
}
# (name, engine's label, reference's label, unit, target): "≥" ratios are speed-ups over
# the reference, "≤" ratios costs over it; the last three have no target, only a ratio.
COMPARISONS = (
    ("SQS round trip", "engine", "moto best", "msg/s", ("≥", SQS_TARGET)),
    ("SNS fan-out", "engine", "moto", "deliveries/s", ("≥", FANOUT_TARGET)),
    ("Kinesis put and get", "engine", "moto", "records/s", ("≥", KINESIS_TARGET)),
    ("Cost per trace event", "engine SQS", "bare heap loop", "µs", ("≤", EVENT_COST_TARGET)),
    ("Cost per kernel event", "engine SQS", "bare heap loop", "µs", ("≤", EVENT_COST_TARGET)),
    ("EventBridge pipe", "engine", "moto", "msg/s", ("≥", PIPE_TARGET)),
    ("Pipe cost per kernel event", "engine pipe", "bare heap loop", "µs", ("≤", EVENT_COST_TARGET)),
    ("Step Functions", "engine", "moto", "executions/s", ("≥", STEPFUNCTIONS_TARGET)),
    (
        "Workflow cost per kernel event",
        "engine workflow",
        "bare heap loop",
        "µs",
        ("≤", EVENT_COST_TARGET),
    ),
    (
        "Kafka cost per kernel event",
        "engine Kafka",
        "bare heap loop",
        "µs",
        ("≤", EVENT_COST_TARGET),
    ),
    (
        "Amazon MQ cost per kernel event",
        "engine MQ",
        "bare heap loop",
        "µs",
        ("≤", EVENT_COST_TARGET),
    ),
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
            runs[key] = best(partial(function, getattr(sizes, field)), repeat)
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


def _per_kernel_event(run: dict[str, Any] | None) -> float | None:
    return run["seconds"] / run["kernel_events"] * 1e6 if run else None


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
        (per("engine_kinesis"), per("moto_kinesis")),
        (sqs["seconds"] / sqs["trace_events"] * 1e6, bare_us),
        (sqs["seconds"] / sqs["kernel_events"] * 1e6, bare_us),
        (per("engine_pipe"), per("moto_pipe")),
        (_per_kernel_event(runs["engine_pipe"]), bare_us),
        (per("engine_workflow"), per("moto_workflow")),
        (_per_kernel_event(runs["engine_workflow"]), bare_us),
        (_per_kernel_event(runs["engine_kafka"]), bare_us),
        (_per_kernel_event(runs["engine_mq"]), bare_us),
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
