"""The benchmark's workloads: the same work on the engine and on moto, and no-op event loops.

`engine.bench` times them and compares; see its docstring. moto, boto3 and SimPy are imported
inside the functions that use them: engine/ imports the standard library only.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import json
import os
import time
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

from engine import Simulation, load_diagram
from engine.runtime.kernel import ACTION, Kernel

RATE = 10_000  # producer msg/s
# One poller taking up to 10 messages per 1 ms batch: the engine's side of moto's batch APIs.
WORKER = {"pollers": 1, "batchSize": 10, "duration": {"dist": "fixed", "ms": 1}}
# Kinesis: 10 shards take the producer's 10,000 records/s within the per-shard write limit.
KINESIS_SHARDS = 10
CHUNK = 0.1  # simulated seconds between trace drains
GRACE = 60.0  # simulated seconds allowed past the last publish before giving up
FANOUT_QUEUES, REGION = 3, "us-east-1"
_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN")
DUMMY_ENV = dict.fromkeys(_KEYS, "testing") | {"AWS_DEFAULT_REGION": REGION}


class BenchError(RuntimeError):
    """A workload did not do what it was timed for: its figure would be meaningless."""


def _rate(count: int, seconds: float) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    us_each = seconds / count * 1e6 if count else 0.0
    return {"count": count, "seconds": seconds, "per_second": count / seconds, "us_each": us_each}


def best(measure: Callable[[], dict[str, Any]], repeat: int) -> dict[str, Any]:
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


def kinesis_diagram(records: int) -> dict[str, Any]:
    """Producer → a stream of KINESIS_SHARDS shards → a Lambda reading batches of 100."""
    nodes = [
        ("stream", "kinesis.stream", {}),
        ("reader", "lambda.function", {"duration": {"dist": "fixed", "ms": 1}}),
    ]
    edges = [("publish", "producer", "stream"), ("event-source", "stream", "reader")]
    doc = _diagram("bench: Kinesis put and get", records, nodes, edges)
    doc["nodes"][0]["sim"]["partitionKey"] = "k{{seq}}"
    doc["nodes"][1]["props"] = {"ShardCount": KINESIS_SHARDS}
    doc["edges"][1]["props"] = {"StartingPosition": "TRIM_HORIZON", "BatchSize": 100}
    return doc


def engine_kinesis(records: int) -> dict[str, Any]:
    """Put and get on the engine; `count` is the records the consumer read."""
    return _engine_run(
        kinesis_diagram(records),
        done=lambda r: r["nodes"]["stream"]["metrics"]["GetRecords.Records"],
        expected=records,
    )


def moto_kinesis(records: int) -> dict[str, float]:
    """PutRecord each record, then GetRecords through every shard's iterator, on moto."""
    with _moto_clients("kinesis") as (kinesis,):
        kinesis.create_stream(StreamName="bench", ShardCount=KINESIS_SHARDS)
        shards = kinesis.list_shards(StreamName="bench")["Shards"]
        start = time.perf_counter()
        for seq in range(records):
            kinesis.put_record(
                StreamName="bench", Data=json.dumps({"id": seq}).encode(), PartitionKey=f"k{seq}"
            )
        read = 0
        for shard in shards:
            iterator = kinesis.get_shard_iterator(
                StreamName="bench", ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
            while iterator:
                got = kinesis.get_records(ShardIterator=iterator, Limit=100)
                read += len(got["Records"])
                iterator = got.get("NextShardIterator") if got["Records"] else None
        seconds = time.perf_counter() - start
    if read != records:
        raise BenchError(f"moto Kinesis: {read} of {records} records read back")
    return _rate(read, seconds)


def pipe_diagram(messages: int) -> dict[str, Any]:
    """Producer → queue → an EventBridge pipe (batches of 10) → a second queue."""
    nodes = [("queue", "sqs.queue", {}), ("pipe", "pipes.pipe", {}), ("out", "sqs.queue", {})]
    edges = [
        ("publish", "producer", "queue"),
        ("event-source", "queue", "pipe"),
        ("target", "pipe", "out"),
    ]
    return _diagram("bench: EventBridge pipe", messages, nodes, edges)


def engine_pipe(messages: int) -> dict[str, Any]:
    """The pipe on the engine; `count` is the messages the pipe put in the target queue."""
    return _engine_run(
        pipe_diagram(messages),
        done=lambda r: r["nodes"]["out"]["metrics"]["NumberOfMessagesSent"],
        expected=messages,
    )


def moto_pipe(messages: int) -> dict[str, float]:
    """moto models the Pipes API (CreatePipe, DescribePipe) but moves no events: the pipe's
    work per batch is done through boto3 instead (send to the source; receive 10, send them
    to the target in one batch, delete them from the source); `count` is what the target got."""
    with _moto_clients("sqs", "pipes", "iam") as (sqs, pipes, _iam):
        source = sqs.create_queue(QueueName="bench-source")["QueueUrl"]
        target = sqs.create_queue(QueueName="bench-target")["QueueUrl"]
        arns = [
            sqs.get_queue_attributes(QueueUrl=u, AttributeNames=["QueueArn"])["Attributes"][
                "QueueArn"
            ]
            for u in (source, target)
        ]
        role = "arn:aws:iam::123456789012:role/bench-pipe"
        pipes.create_pipe(Name="bench", RoleArn=role, Source=arns[0], Target=arns[1])
        start = time.perf_counter()
        moved = 0
        for first in range(0, messages, 10):
            ids = range(first, min(first + 10, messages))
            bodies = [json.dumps({"id": n}) for n in ids]
            sqs.send_message_batch(QueueUrl=source, Entries=_entries("MessageBody", bodies))
            got = sqs.receive_message(QueueUrl=source, MaxNumberOfMessages=10)["Messages"]
            sqs.send_message_batch(
                QueueUrl=target, Entries=_entries("MessageBody", [m["Body"] for m in got])
            )
            handles = [m["ReceiptHandle"] for m in got]
            sqs.delete_message_batch(QueueUrl=source, Entries=_entries("ReceiptHandle", handles))
            moved += len(got)
        seconds = time.perf_counter() - start
        delivered = _moto_depth(sqs, target)
    if delivered != messages or moved != messages:
        raise BenchError(f"moto pipe: {delivered} of {messages} reached the target")
    return _rate(delivered, seconds)


# A state machine that checks each order event and sends it on: a Choice, then a Task.
def _workflow_definition(queue: Any = None) -> dict[str, Any]:
    send: dict[str, Any] = {"MessageBody.$": "$.detail"}
    if queue is not None:
        send = {"QueueUrl": queue, **send}
    return {
        "StartAt": "Check",
        "States": {
            "Check": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.detail.n", "NumericGreaterThanEquals": 0, "Next": "Send"}
                ],
                "Default": "Skip",
            },
            "Skip": {"Type": "Succeed"},
            "Send": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": send,
                "End": True,
            },
        },
    }


def stepfunctions_diagram(executions: int) -> dict[str, Any]:
    """Producer → an event bus → a rule that starts one Express execution per event (a
    Choice, then a Task sending the event's detail to a queue)."""
    nodes = [
        ("bus", "eventbridge.bus", {}),
        ("rule", "eventbridge.rule", {}),
        ("flow", "stepfunctions.statemachine", {}),
        ("out", "sqs.queue", {}),
    ]
    edges = [
        ("publish", "producer", "bus"),
        ("rule", "bus", "rule"),
        ("target", "rule", "flow"),
        ("task", "flow", "out"),
    ]
    doc = _diagram("bench: Step Functions", executions, nodes, edges)
    by_id = {node["id"]: node for node in doc["nodes"]}
    by_id["producer"]["sim"]["payload"] = {
        "Source": "bench",
        "DetailType": "Order",
        "Detail": {"n": "{{seq}}"},
    }
    by_id["bus"]["props"] = {"Name": "bench"}
    by_id["rule"]["props"] = {"EventPattern": {"source": ["bench"]}}
    by_id["flow"]["props"] = {"StateMachineType": "EXPRESS", "Definition": _workflow_definition()}
    doc["edges"][-1]["props"] = {"State": "Send"}
    return doc


def engine_stepfunctions(executions: int) -> dict[str, Any]:
    """The workflow on the engine; `count` is the executions that succeeded."""
    return _engine_run(
        stepfunctions_diagram(executions),
        done=lambda r: r["nodes"]["flow"]["metrics"]["ExecutionsSucceeded"],
        expected=executions,
    )


def moto_stepfunctions(executions: int) -> dict[str, float]:
    """The same workflow run by moto's Step Functions interpreter: StartExecution for each
    input, then DescribeExecution until none is running; `count` is what the queue got."""
    with (
        mock.patch.dict(os.environ, DUMMY_ENV),
        _moto_clients_with("stepfunctions", "sqs", sfn_execute=True) as (sfn, sqs),
    ):
        url = sqs.create_queue(QueueName="bench-out")["QueueUrl"]
        arn = sfn.create_state_machine(
            name="bench",
            definition=json.dumps(_workflow_definition(url)),
            roleArn="arn:aws:iam::123456789012:role/bench-flow",
            type="EXPRESS",
        )["stateMachineArn"]
        start = time.perf_counter()
        started = []
        for n in range(executions):
            body = json.dumps({"detail": {"n": n}})
            answer = sfn.start_execution(stateMachineArn=arn, name=f"e{n}", input=body)
            started.append(answer["executionArn"])
        running = list(started)
        while running:
            running = [
                e for e in running if sfn.describe_execution(executionArn=e)["status"] == "RUNNING"
            ]
            if running:
                time.sleep(0.005)
        seconds = time.perf_counter() - start
        delivered = _moto_depth(sqs, url)
    if delivered != executions:
        raise BenchError(f"moto Step Functions: {delivered} of {executions} reached the queue")
    return _rate(delivered, seconds)


@contextlib.contextmanager
def _moto_clients_with(*services: str, sfn_execute: bool = False) -> Iterator[list[Any]]:
    """`_moto_clients`, with moto's Step Functions interpreter switched on."""
    import boto3
    from moto import mock_aws

    config = {"stepfunctions": {"execute_state_machine": sfn_execute}}
    with mock_aws(config=config):
        yield [boto3.client(service, region_name=REGION) for service in services]


def kafka_diagram(records: int) -> dict[str, Any]:
    """Producer → an MSK topic of 10 partitions (keyed records) → a Lambda mapping."""
    nodes = [
        ("topic", "kafka.topic", {}),
        ("reader", "lambda.function", {"duration": {"dist": "fixed", "ms": 1}}),
    ]
    edges = [("publish", "producer", "topic"), ("event-source", "topic", "reader")]
    doc = _diagram("bench: Kafka", records, nodes, edges)
    by_id = {node["id"]: node for node in doc["nodes"]}
    by_id["producer"]["sim"]["partitionKey"] = "k-{{seq}}"
    by_id["topic"]["props"] = {"NumPartitions": KINESIS_SHARDS}
    doc["edges"][1]["props"] = {"StartingPosition": "TRIM_HORIZON", "BatchSize": 100}
    return doc


def mq_diagram(messages: int) -> dict[str, Any]:
    """Producer → an ActiveMQ queue → a Lambda mapping (batches of 100, five at once)."""
    nodes = [
        ("queue", "mq.queue", {}),
        ("reader", "lambda.function", {"duration": {"dist": "fixed", "ms": 1}}),
    ]
    edges = [("publish", "producer", "queue"), ("event-source", "queue", "reader")]
    doc = _diagram("bench: Amazon MQ", messages, nodes, edges)
    doc["edges"][1]["props"] = {"BatchSize": 100}
    return doc


def engine_mq(messages: int) -> dict[str, Any]:
    """Amazon MQ send and Lambda receive on the engine; `count` is the messages
    acknowledged. (moto models Amazon MQ's control plane only: no messages to compare.)"""
    return _engine_run(
        mq_diagram(messages),
        done=lambda r: r["nodes"]["queue"]["metrics"]["DequeueCount"],
        expected=messages,
    )


def engine_kafka(records: int) -> dict[str, Any]:
    """Kafka put and Lambda read on the engine; `count` is the records the mapping read.
    (moto models MSK's control plane only: no produce or consume to compare with.)"""
    return _engine_run(
        kafka_diagram(records),
        done=lambda r: (
            r["nodes"]["topic"]["metrics"]["IncomingRecords"]
            - r["nodes"]["topic"]["metrics"]["SumOffsetLag"]
        ),
        expected=records,
    )
