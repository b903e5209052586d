"""Smoke tests of `python -m engine.bench`: each workload runs at a tiny size and does the
work it is timed for. Nothing here asserts a speed: that depends on the machine."""

import importlib.util
import json
import os
import sys

import pytest

from engine import bench
from engine import bench_workloads as workloads

TINY = bench.Sizes(
    messages=300,
    fanout=50,
    moto=10,
    moto_fanout=3,
    events=500,
    repeat=1,
    kinesis=300,
    moto_kinesis=12,
    pipe=300,
    moto_pipe=12,
)


def test_engine_sqs_deletes_every_message_it_times():
    figures = workloads.engine_sqs(500)

    assert figures["count"] == 500
    assert figures["seconds"] > 0 and figures["per_second"] > 0
    # publish, deliver, receive, invoke, success, delete: six trace events a message
    assert figures["trace_events"] >= 6 * 500
    assert figures["drained"] == figures["trace_events"]
    assert figures["kernel_events"] > 0


def test_engine_fanout_counts_one_delivery_per_queue_per_publish():
    figures = workloads.engine_fanout(100)

    assert figures["count"] == 3 * 100
    assert figures["per_second"] > 0
    assert figures["drained"] == figures["trace_events"] > 0


@pytest.mark.parametrize("batch", [False, True])
def test_moto_round_trip_deletes_every_message(batch):
    pytest.importorskip("moto")

    figures = workloads.moto_sqs(23, batch=batch)

    assert figures["count"] == 23
    assert figures["per_second"] > 0


def test_moto_fanout_delivers_a_copy_to_each_queue():
    pytest.importorskip("moto")

    figures = workloads.moto_fanout(4)

    assert figures["count"] == 12
    assert figures["per_second"] > 0


def test_moto_runs_with_dummy_credentials_and_restores_the_environment(monkeypatch):
    pytest.importorskip("moto")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "someone-elses-key")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)

    with workloads._moto_clients("sqs"):
        assert os.environ["AWS_ACCESS_KEY_ID"] != "someone-elses-key"

    assert os.environ["AWS_ACCESS_KEY_ID"] == "someone-elses-key"
    assert "AWS_SESSION_TOKEN" not in os.environ


def test_event_loops_dispatch_every_event():
    loops = [
        workloads.bare_heap_loop,
        workloads.kernel_loop,
        lambda n: workloads.kernel_loop(n, chain=True),
    ]
    if importlib.util.find_spec("simpy") is not None:
        loops += [workloads.simpy_loop, lambda n: workloads.simpy_loop(n, process=True)]

    for loop in loops:
        figures = loop(1_000)
        assert figures["count"] == 1_000
        assert figures["us_each"] > 0


def test_measure_compares_each_figure_with_its_target():
    results = bench.measure(TINY)

    assert json.loads(json.dumps(results)) == results
    by_name = {item["name"]: item for item in results["comparisons"]}
    assert by_name["SQS round trip"]["target"] == "≥ 50×"
    assert by_name["SNS fan-out"]["target"] == "≥ 100×"
    assert by_name["Cost per trace event"]["target"] == "≤ 10×"
    for item in by_name.values():
        assert item["engine"] > 0
        if not results["skipped"]:
            assert item["ratio"] > 0
    text = bench.render(results)
    assert "SQS round trip: engine " in text
    assert "(target ≥ 50×)" in text


def test_a_missing_module_skips_its_runs_instead_of_failing(monkeypatch):
    monkeypatch.setitem(sys.modules, "simpy", None)
    monkeypatch.setitem(sys.modules, "boto3", None)

    results = bench.measure(TINY)

    assert results["runs"]["simpy_process"] is None
    assert results["runs"]["moto_sqs_batch"] is None
    assert results["runs"]["engine_sqs"]["count"] == TINY.messages
    assert any(line.startswith("simpy is not installed") for line in results["skipped"])
    assert any(line.startswith("boto3 is not installed") for line in results["skipped"])
    sqs = next(item for item in results["comparisons"] if item["name"] == "SQS round trip")
    assert sqs["ratio"] is None and sqs["met"] is None
    assert "moto best n/a msg/s" in bench.render(results)


@pytest.mark.parametrize("argv", [["--messages", "0"], ["--messages", "many"], ["--bogus"]])
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        bench.main(argv)

    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m engine.bench: ") and err.count("\n") == 1


def test_kinesis_workloads_read_back_every_record():
    engine = workloads.engine_kinesis(400)
    assert engine["count"] == 400 and engine["per_second"] > 0
    moto = workloads.moto_kinesis(12)
    assert moto["count"] == 12


def test_the_validation_benchmark_loads_each_document_it_builds():
    from engine import bench_validation

    doc = bench_validation.document(10, 4)
    assert (len(doc["nodes"]), len(doc["edges"])) == (10, 4)
    assert bench_validation.seconds_to_load(doc, 1) > 0


def test_pipe_workloads_move_every_message_to_the_target():
    engine = workloads.engine_pipe(400)
    assert engine["count"] == 400 and engine["kernel_events"] > 0
    pytest.importorskip("moto")
    moto = workloads.moto_pipe(23)
    assert moto["count"] == 23
