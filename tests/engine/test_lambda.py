"""Lambda in the engine: SQS event source mappings (batching, failures, partial batch
responses, concurrency and scaling), function configuration (timeouts, cold starts, errors,
idempotency, publish edges), asynchronous invocation from SNS (retries, event age,
destinations), and the example diagrams that teach these behaviours."""

from __future__ import annotations

import json
from pathlib import Path

import engine
from tests.engine.builders import (
    assert_balanced,
    burst,
    capture_arrivals,
    destination,
    diagram,
    event_source,
    fifo_queue,
    fifo_topic,
    finish,
    fixed_ms,
    function,
    node,
    problem_codes,
    producer,
    publish,
    queue,
    run,
    simulation,
    subscription,
    topic,
)

EXAMPLES = Path(engine.__file__).parent / "examples"
RBIF = ["ReportBatchItemFailures"]


def _example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def _origins_by_id(run_, producer_id: str = "p") -> dict[int, str]:
    """Payload {"id": n} of each message a producer sent, by n: its origin."""
    sent = run_.of("publish", producer_id)
    return {n: e["origin"] for n, e in enumerate(sent, start=1)}


# --- SQS event source mapping: batching ----------------------------------------------------
def test_batch_size_caps_the_records_per_invocation():
    """ "Using Lambda with Amazon SQS" (BatchSize): an invocation carries at most BatchSize
    records; a backlog of 25 with BatchSize 4 makes six full batches and one of 1."""
    doc = diagram(
        [burst("p", 25), queue("q"), function("f")],
        [publish("p", "q"), event_source("q", "f", BatchSize=4)],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    sizes = [len(origins) for _t, origins in r.batches("f")]
    assert max(sizes) == 4
    assert sorted(sizes) == [1] + [4] * 6
    for _t, origins in r.batches("f"):
        assert len(set(origins)) == len(origins)
    assert r.metrics("f")["Invocations"] == 7
    assert r.ledger["deleted"] == 25


def test_batching_window_gathers_records_until_it_ends():
    """ "Using Lambda with Amazon SQS" (MaximumBatchingWindowInSeconds): with fewer than
    BatchSize records waiting, Lambda keeps gathering until the window ends, then invokes
    once with everything gathered."""
    doc = diagram(
        [producer("p", count=3, rate=1), queue("q"), function("f")],
        [
            publish("p", "q"),
            event_source("q", "f", BatchSize=10, MaximumBatchingWindowInSeconds=5),
        ],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    batches = r.batches("f")
    assert len(batches) == 1
    t, origins = batches[0]
    assert t == 5.0, "sent at 0, 1 and 2 s; the window opened at 0 s and ends at 5 s"
    assert len(origins) == 3
    assert r.ledger["deleted"] == 3


def test_batching_window_restarts_for_each_batch():
    """ "Using Lambda with Amazon SQS" (MaximumBatchingWindowInSeconds is the most time
    Lambda spends gathering records for a batch): a batch that fills early is sent at once,
    and the next batch gets a whole window of its own, not the rest of the first one."""
    doc = diagram(
        [producer("p", count=6, rate=1), queue("q"), function("f")],
        [
            publish("p", "q"),
            event_source("q", "f", BatchSize=4, MaximumBatchingWindowInSeconds=10),
        ],
    )
    r = run(doc, 30)
    assert_balanced(r.ledger)
    batches = r.batches("f")
    assert [len(origins) for _t, origins in batches] == [4, 2]
    assert batches[0][0] == 3.0, "full at 3 s: sent without waiting for the window"
    # The second batch starts gathering at 3 s (or at its first record, 4 s): its window
    # cannot end before 13 s.
    assert batches[1][0] >= 13.0


# --- SQS event source mapping: failures ----------------------------------------------------
def _three_record_batch(*, response_types: list[str] | None = None, fifo: bool = False):
    source_props = {"BatchSize": 3}
    if response_types:
        source_props["FunctionResponseTypes"] = response_types
    fifo_sim = {"messageGroupId": "g", "deduplicationId": "{{seq}}"} if fifo else {}
    q = fifo_queue("q", VisibilityTimeout=10) if fifo else queue("q", VisibilityTimeout=10)
    return diagram(
        [burst("p", 3, **fifo_sim), q, function("f", failWhen={"id": [2]})],
        [publish("p", "q"), event_source("q", "f", **source_props)],
    )


def test_failed_batch_returns_whole_to_the_queue_after_the_visibility_timeout():
    """ "Using Lambda with Amazon SQS": without ReportBatchItemFailures a function error
    fails the whole batch; every record, including those processed before the error,
    becomes visible again when the visibility timeout ends, and none is deleted."""
    r = run(_three_record_batch(), 15)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    assert r.count("delete") == 0
    assert r.metrics("q")["NumberOfMessagesDeleted"] == 0
    assert {e["origin"] for e in r.of("success", "f")} == {ids[1]}, "record 1 did run"
    returned = r.of("visibility-timeout", "q")
    assert {e["origin"] for e in returned} == set(ids.values())
    assert all(e["t"] == 10.0 for e in returned)
    again = [e for e in r.of("receive", "q") if e["receiveCount"] == 2]
    assert {e["origin"] for e in again} == set(ids.values())
    assert all(e["t"] >= 10.0 for e in again)
    assert r.metrics("f")["Errors"] == r.metrics("f")["Invocations"] == 2


def test_report_batch_item_failures_returns_only_the_failed_records():
    """ "Handling errors for an SQS event source in Lambda" (partial batch responses): with
    ReportBatchItemFailures only the reported records return to the queue; the others are
    deleted."""
    r = run(_three_record_batch(response_types=RBIF), 15)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    first_done = r.of("delete", "q")
    assert {e["origin"] for e in first_done} == {ids[1], ids[3]}
    assert all(e["t"] < 1.0 for e in first_done)
    assert {e["origin"] for e in r.of("visibility-timeout", "q")} == {ids[2]}
    assert r.receive_counts("q") == {ids[1]: 1, ids[2]: 2, ids[3]: 1}
    assert r.metrics("q")["NumberOfMessagesDeleted"] == 2


def test_fifo_report_batch_item_failures_returns_the_first_failure_and_all_after_it():
    """ "Handling errors for an SQS event source in Lambda": for FIFO queues the function
    stops at the first failure and reports it and every later record, so the group's order
    holds; the records before it are deleted."""
    r = run(_three_record_batch(response_types=RBIF, fifo=True), 15)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    assert {e["origin"] for e in r.of("delete", "q")} == {ids[1]}
    assert {e["origin"] for e in r.of("visibility-timeout", "q")} == {ids[2], ids[3]}
    retry = [e["origin"] for e in r.of("receive", "q") if e["receiveCount"] == 2]
    assert retry == [ids[2], ids[3]], "the group comes back in order"


# --- concurrency and scaling -------------------------------------------------------------
def test_reserved_concurrency_caps_executions_and_throttles():
    """ "Lambda function scaling" / "Configuring reserved concurrency": reserved concurrency
    caps the function's concurrent executions; the mapping's extra batches are throttled
    (Throttles metric, throttle events) and retried."""
    doc = diagram(
        [
            burst("p", 20),
            queue("q", VisibilityTimeout=60),
            function("f", {"ReservedConcurrentExecutions": 2}, duration=fixed_ms(1000)),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    r = run(doc, 130)
    assert_balanced(r.ledger)
    metrics = r.metrics("f")
    assert metrics["ConcurrentExecutions"] == 2
    assert metrics["Throttles"] > 0
    assert r.count("throttle", "f") == metrics["Throttles"], "one record per batch"
    assert metrics["Invocations"] == 20
    assert r.ledger["deleted"] == 20


def test_maximum_concurrency_caps_batches_without_throttling():
    """ "Configuring maximum concurrency for Amazon SQS event sources": ScalingConfig
    MaximumConcurrency limits the mapping's concurrent invocations without throttling."""
    doc = diagram(
        [burst("p", 20), queue("q", VisibilityTimeout=60), function("f", duration=fixed_ms(1000))],
        [
            publish("p", "q"),
            event_source("q", "f", BatchSize=1, ScalingConfig={"MaximumConcurrency": 2}),
        ],
    )
    r = run(doc, 30)
    assert_balanced(r.ledger)
    metrics = r.metrics("f")
    assert metrics["ConcurrentExecutions"] == 2
    assert metrics["Throttles"] == 0
    assert r.count("throttle") == 0
    assert r.ledger["deleted"] == 20


def test_mapping_scales_past_five_batches_while_a_backlog_persists():
    """ "Using Lambda with Amazon SQS" (scaling): the mapping starts with 5 concurrent
    batches and, while messages remain, adds up to 300 more per minute."""
    doc = diagram(
        [
            burst("p", 1000),
            queue("q", VisibilityTimeout=600),
            function("f", {"Timeout": 60}, duration=fixed_ms(30_000)),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    sim = simulation(doc)
    early = finish(sim, 0.5)
    assert early.metrics("f")["ConcurrentExecutions"] == 5
    later = finish(sim, 60)
    assert_balanced(later.ledger)
    peak = later.metrics("f")["ConcurrentExecutions"]
    assert 5 < peak <= 5 + 300


# --- function configuration --------------------------------------------------------------
def test_duration_beyond_timeout_is_an_error_billed_at_the_timeout():
    """ "Configure Lambda function timeout": an invocation that runs past Timeout is stopped
    and counts as an error; its Duration is the timeout."""
    doc = diagram(
        [
            producer("p", count=2, rate=0.5),
            queue("q"),
            function("f", {"Timeout": 2}, duration=fixed_ms(5000)),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    metrics = r.metrics("f")
    assert metrics["Invocations"] == 2
    assert metrics["Errors"] == 2
    assert metrics["Duration"] == 2000
    assert r.count("success") == 0 and r.count("delete") == 0
    for invoke in r.of("invoke", "f"):
        (error,) = [e for e in r.of("error", "f") if e["message"] == invoke["message"]]
        started = invoke["t"] + invoke.get("coldStart", 0) / 1000
        assert abs(error["t"] - started - 2.0) < 1e-6, "stopped at the timeout, not at 5 s"


def test_first_invocation_is_a_cold_start_and_the_next_is_warm():
    """ "Understanding the Lambda execution environment lifecycle": the first invocation
    initialises a new environment (cold start); a later one reuses the idle environment."""
    doc = diagram(
        [
            producer("p", count=2, rate=0.5),
            queue("q"),
            function("f", duration=fixed_ms(100), coldStart=fixed_ms(400)),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    r = run(doc, 5)
    assert_balanced(r.ledger)
    first, second = r.of("invoke", "f")
    assert first["coldStart"] == 400
    assert "coldStart" not in second
    done = r.of("success", "f")
    assert [e["t"] for e in done] == [0.5, 2.1], "init time delays the first response"
    assert r.metrics("f")["Duration"] == 100, "Duration excludes the init phase"


def test_error_rate_one_fails_every_invocation():
    """ "Using Lambda with Amazon SQS": a function that always errors never gets a record
    deleted; every invocation counts in Errors."""
    doc = diagram(
        [producer("p", count=5), queue("q", VisibilityTimeout=5), function("f", errorRate=1.0)],
        [publish("p", "q"), event_source("q", "f", BatchSize=1)],
    )
    r = run(doc, 20)
    assert_balanced(r.ledger)
    metrics = r.metrics("f")
    assert metrics["Invocations"] > 5, "records come back and fail again"
    assert metrics["Errors"] == metrics["Invocations"]
    assert r.count("success") == 0
    assert r.metrics("q")["NumberOfMessagesDeleted"] == 0


def _retried_pair(idempotent: bool) -> dict:
    return diagram(
        [
            burst("p", 2),
            queue("q", VisibilityTimeout=10),
            function("f", failWhen={"id": [2]}, idempotent=idempotent),
            queue("out"),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=2), publish("f", "out")],
    )


def test_idempotent_function_skips_records_it_has_already_processed():
    """ "Using Lambda with Amazon SQS" (at-least-once: make the function idempotent): a
    failed batch brings record 1 back three times; an idempotent function sends its
    output once, a plain one every time."""
    plain = run(_retried_pair(idempotent=False), 25)
    idempotent = run(_retried_pair(idempotent=True), 25)
    for r in (plain, idempotent):
        assert_balanced(r.ledger)
        assert r.receive_counts("q")[_origins_by_id(r)[1]] == 3
    assert plain.metrics("out")["NumberOfMessagesSent"] == 3
    assert idempotent.metrics("out")["NumberOfMessagesSent"] == 1


def test_publish_edge_sends_one_message_per_successful_record():
    """Contract "publish" edge (a function sends one message per successfully processed
    record): failed records, even when retried, send nothing."""
    doc = diagram(
        [
            burst("p", 5),
            queue("q", VisibilityTimeout=5),
            function("f", failWhen={"id": [3]}),
            queue("out"),
        ],
        [publish("p", "q"), event_source("q", "f", BatchSize=1), publish("f", "out")],
    )
    r = run(doc, 12)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    assert r.receive_counts("q")[ids[3]] >= 2
    sent = list(r.sim.resources["out"].held.values())
    assert sorted(c.origin for c in sent) == sorted(ids[n] for n in (1, 2, 4, 5))
    assert sorted(json.loads(c.body)["id"] for c in sent) == [1, 2, 4, 5]
    assert r.ledger["copies"] == 4


def test_visibility_timeout_below_function_timeout_is_refused():
    """ "Using Lambda with Amazon SQS": Lambda refuses a mapping whose queue visibility
    timeout is shorter than the function timeout."""
    doc = diagram(
        [queue("q", VisibilityTimeout=5), function("f", {"Timeout": 10})],
        [event_source("q", "f")],
    )
    assert "visibility_below_timeout" in problem_codes(doc)


# --- asynchronous invocation ---------------------------------------------------------------
def _sns_to_failing_function(*extra_nodes, edges=(), **function_sim) -> dict:
    return diagram(
        [
            producer("p", count=1, payload={"id": 1}),
            topic("t"),
            function("f", failWhen={"id": [1]}, **function_sim),
            *extra_nodes,
        ],
        [publish("p", "t"), subscription("t", "f"), *edges],
    )


def test_async_error_is_retried_twice_after_one_then_two_minutes():
    """ "How Lambda handles errors and retries with asynchronous invocation": after a function
    error Lambda retries twice, the first about 1 minute later and the second about 2
    minutes after that; without a destination the event is then discarded."""
    r = run(_sns_to_failing_function(), 400)
    assert_balanced(r.ledger)
    invokes = [e["t"] for e in r.of("invoke", "f")]
    errors = [e["t"] for e in r.of("error", "f")]
    assert len(invokes) == len(errors) == 3
    assert 54 <= invokes[1] - errors[0] <= 66
    assert 108 <= invokes[2] - errors[1] <= 132
    retries = r.of("retry", "f")
    assert [e["t"] for e in retries] == errors[:2]
    assert r.metrics("f")["Invocations"] == 3
    assert r.metrics("f")["Errors"] == 3
    assert r.ledger["dropped"] == 1
    assert r.ledger["in_flight"] == 0


def test_async_maximum_retry_attempts_zero_means_no_retry():
    """ "Configuring error handling for asynchronous invocation": MaximumRetryAttempts 0
    discards the event after the first failure."""
    r = run(_sns_to_failing_function(MaximumRetryAttempts=0), 400)
    assert_balanced(r.ledger)
    assert r.count("retry") == 0
    assert r.metrics("f")["Invocations"] == 1
    assert r.ledger["dropped"] == 1


def _destination_records(r, queue_id: str) -> list[dict]:
    return [json.loads(c.body) for c in r.sim.resources[queue_id].held.values()]


def test_on_failure_destination_gets_a_retries_exhausted_record():
    """ "Capturing records of Lambda asynchronous invocations": once retries are exhausted
    the OnFailure destination receives an invocation record with condition
    RetriesExhausted, after the third attempt."""
    doc = _sns_to_failing_function(
        queue("failures"), edges=[destination("f", "failures", "OnFailure")]
    )
    r = run(doc, 400)
    assert_balanced(r.ledger)
    (record,) = _destination_records(r, "failures")
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["requestContext"]["functionArn"].startswith(r.sim.resources["f"].arn)
    assert record["responseContext"]["functionError"] == "Unhandled"
    (sent,) = [e for e in r.of("publish", "f") if e["edge"] == "dest-OnFailure-f"]
    assert sent["t"] == r.of("error", "f")[-1]["t"]
    assert r.metrics("failures")["NumberOfMessagesSent"] == 1


def test_destination_record_carries_the_event_the_function_received():
    """ "Capturing records of Lambda asynchronous invocations": requestPayload is the payload
    of the invocation request, i.e. the event Lambda passed to the function; for an SNS
    subscription that is the {"Records": [{"Sns": ...}]} event, whose Sns.Message is the
    body the producer published."""
    doc = _sns_to_failing_function(
        queue("failures"), edges=[destination("f", "failures", "OnFailure")]
    )
    sim = simulation(doc)
    invoked = capture_arrivals(sim, "f")
    r = finish(sim, 400)
    assert_balanced(r.ledger)
    (record,) = _destination_records(r, "failures")
    event = json.loads(invoked[0].body)
    assert record["requestPayload"] == event
    assert json.loads(record["requestPayload"]["Records"][0]["Sns"]["Message"]) == {"id": 1}


def test_on_success_destination_gets_a_success_record():
    """ "Capturing records of Lambda asynchronous invocations": a successful asynchronous
    invocation sends a record with condition Success to the OnSuccess destination, and
    nothing to OnFailure."""
    doc = diagram(
        [
            producer("p", count=2, payload={"id": "{{seq}}"}),
            topic("t"),
            function("f"),
            queue("ok"),
            queue("failures"),
        ],
        [
            publish("p", "t"),
            subscription("t", "f"),
            destination("f", "ok", "OnSuccess"),
            destination("f", "failures", "OnFailure"),
        ],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    records = _destination_records(r, "ok")
    assert len(records) == 2
    for record in records:
        assert record["requestContext"]["condition"] == "Success"
        assert record["responseContext"]["statusCode"] == 200
        assert "functionError" not in record["responseContext"]
    assert r.metrics("failures")["NumberOfMessagesSent"] == 0
    assert r.ledger["processed"] == 2


def _throttled_async(*extra_nodes, edges=()) -> dict:
    """Two events for a function with reserved concurrency 1 whose first run takes 100 s:
    the second event finds no free concurrency for longer than its maximum age (60 s)."""
    return diagram(
        [
            producer("p", count=2, rate=2, payload={"id": "{{seq}}"}),
            topic("t"),
            function(
                "f",
                {"ReservedConcurrentExecutions": 1, "Timeout": 900},
                duration=fixed_ms(100_000),
                MaximumEventAgeInSeconds=60,
            ),
            *extra_nodes,
        ],
        [publish("p", "t"), subscription("t", "f"), *edges],
    )


def test_throttled_async_event_is_retried_with_growing_gaps_until_it_expires():
    """ "Invoking a Lambda function asynchronously": a throttled event goes back to the
    queue and is retried, the interval growing from 1 s, for up to MaximumEventAgeInSeconds;
    then it is discarded (expired). A throttle is not an invocation."""
    r = run(_throttled_async(), 200)
    assert_balanced(r.ledger)
    ids = _origins_by_id(r)
    times = [e["t"] for e in r.of("throttle", "f")]
    assert {e["origin"] for e in r.of("throttle", "f")} == {ids[2]}
    assert len(times) >= 3
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(later > earlier for earlier, later in zip(gaps, gaps[1:], strict=False))
    assert gaps[0] <= 5
    assert times[-1] - times[0] <= 60, "no attempt after the event's maximum age"
    assert r.metrics("f")["Throttles"] == len(times)
    assert r.metrics("f")["Invocations"] == 1, "only the first event ran"
    assert ids[2] not in {e["origin"] for e in r.of("invoke", "f")}
    assert r.ledger["expired"] == 1
    assert r.ledger["processed"] == 1


def test_throttled_async_event_past_its_age_goes_to_on_failure():
    """ "Capturing records of Lambda asynchronous invocations": an event discarded for its
    age reaches the OnFailure destination with condition EventAgeExceeded."""
    doc = _throttled_async(queue("failures"), edges=[destination("f", "failures", "OnFailure")])
    r = run(doc, 200)
    assert_balanced(r.ledger)
    (record,) = _destination_records(r, "failures")
    assert record["requestContext"]["condition"] == "EventAgeExceeded"
    (sent,) = [e for e in r.of("publish", "f") if e["edge"] == "dest-OnFailure-f"]
    assert sent["origin"] == _origins_by_id(r)[2]
    assert 60 <= sent["t"] <= 60 + 300 + 1, "discarded once older than 60 s"


def test_reserved_concurrency_zero_sends_async_events_to_on_failure_without_retries():
    """ "Capturing records of Lambda asynchronous invocations" (note): with reserved
    concurrency zero, Lambda sends new asynchronous events to the on-failure destination
    without any retries; the function never runs."""
    doc = diagram(
        [
            producer("p", count=1, payload={"id": 1}),
            topic("t"),
            function("f", {"ReservedConcurrentExecutions": 0}),
            queue("failures"),
        ],
        [publish("p", "t"), subscription("t", "f"), destination("f", "failures", "OnFailure")],
    )
    r = run(doc, 10)
    assert_balanced(r.ledger)
    assert r.metrics("f")["Invocations"] == 0
    assert r.count("throttle", "f") <= 1, "no retries"
    assert r.metrics("failures")["NumberOfMessagesSent"] == 1
    assert r.ledger["in_flight"] == 0, "the event does not wait in the function's queue"


def test_destination_cannot_be_a_fifo_queue_or_topic():
    """ "Adding a destination": asynchronous invocation destinations are standard queues
    and topics; FIFO ones are refused."""
    to_queue = diagram([function("f"), fifo_queue("dq")], [destination("f", "dq", "OnFailure")])
    assert "fifo_destination" in problem_codes(to_queue)
    to_topic = diagram([function("f"), fifo_topic("dt")], [destination("f", "dt", "OnSuccess")])
    assert "fifo_destination" in problem_codes(to_topic)
    standard = diagram([function("f"), queue("dq")], [destination("f", "dq", "OnFailure")])
    assert problem_codes(standard) == set()


# --- the example diagrams ----------------------------------------------------------------
def test_lambda_throttling_burst_example_sends_healthy_messages_to_the_dlq():
    """ "Using Lambda with Amazon SQS": a throttled batch stays in flight until its
    visibility timeout and that receive still counts. With reserved concurrency 2, a burst of
    200 and maxReceiveCount 2, most messages are received twice without ever running
    successfully and move to the DLQ, although the function never fails. Every message
    ends deleted or dead-lettered."""
    r = run(_example("lambda-throttling-burst"))
    assert_balanced(r.ledger)
    metrics = r.metrics("worker-fn")
    assert r.ledger["deleted"] + r.ledger["dead_lettered"] == 200
    assert r.ledger["dead_lettered"] > 0
    assert metrics["Throttles"] > 0
    assert metrics["ConcurrentExecutions"] == 2
    assert metrics["Errors"] == 0, "the messages in the DLQ are healthy"
    dead = {c.origin for c in r.sim.resources["jobs-dlq"].held.values()}
    assert len(dead) == r.ledger["dead_lettered"]
    assert not dead & {e["origin"] for e in r.of("error")}
    never_ran = dead - {e["origin"] for e in r.of("invoke", "worker-fn")}
    assert never_ran, "some reach the DLQ without ever being invoked"
    counts = r.receive_counts("jobs")
    assert all(counts[origin] == 2 for origin in dead)


def test_order_queue_dlq_example_dead_letters_only_order_seven():
    """ "Using dead-letter queues": order 7 always fails; after maxReceiveCount (3) receives
    it moves to the DLQ; the other 19 orders are processed and deleted once each."""
    r = run(_example("order-queue-dlq"))
    assert_balanced(r.ledger)
    assert r.ledger["deleted"] == 19
    assert r.ledger["dead_lettered"] == 1
    (poison,) = r.sim.resources["orders-dlq"].held.values()
    assert poison.payload["orderId"] == 7
    counts = r.receive_counts("orders")
    assert counts[poison.origin] == 3
    assert all(n == 1 for origin, n in counts.items() if origin != poison.origin)
    assert len(counts) == 20


def test_sns_fanout_filters_example_routes_by_body_and_attributes():
    """ "Amazon SNS message filtering": the audit queue (no policy, raw) receives all 100
    orders; review (MessageBody scope, amount >= 500) exactly the large ones; the eu-orders
    function (attribute region = eu) exactly the EU ones."""
    r = run(_example("sns-fanout-filters"))
    assert_balanced(r.ledger)
    audit = list(r.sim.resources["audit"].held.values())
    assert len(audit) == 100
    assert {c.origin for c in audit} == {e["origin"] for e in r.of("publish", "checkout")}
    large = {c.origin for c in audit if json.loads(c.body)["amount"] >= 500}
    eu = {c.origin for c in audit if c.attributes["region"]["Value"] == "eu"}
    assert 0 < len(large) < 100 and 0 < len(eu) < 100
    assert {e["origin"] for e in r.of("deliver", "review")} == large
    assert {e["origin"] for e in r.of("deliver", "eu-orders")} == eu
    assert r.metrics("eu-orders")["Invocations"] == len(eu)
    topic_metrics = r.metrics("orders-topic")
    assert topic_metrics["NumberOfNotificationsFilteredOut"] == (100 - len(large)) + (100 - len(eu))


def test_messages_an_event_filter_turns_away_count_as_deleted():
    """ "Lambda event filtering": Lambda deletes the SQS messages that match no filter, so
    they count in the queue's NumberOfMessagesDeleted (and end as filtered)."""
    keep_only = {"Filters": [{"Pattern": {"body": {"keep": [True]}}}]}
    doc = diagram([queue("q"), function("f")], [event_source("q", "f", FilterCriteria=keep_only)])
    sim = simulation(doc)
    for keep in (True, False, False):
        sim.inject("q", {"keep": keep})
    r = finish(sim, 10)
    assert_balanced(r.ledger)
    assert r.count("filter-out") == 2
    assert r.metrics("q")["NumberOfMessagesDeleted"] == 3
    assert (r.ledger["filtered"], r.ledger["deleted"]) == (2, 1)


def _call(sim, node_id: str, payload: dict) -> list:
    """Call `node_id` synchronously with `payload`; the answers arrive in the list."""
    answers: list = []
    copy = sim.new_copy(body=json.dumps(payload), attributes={}, payload=payload)
    sim.resources[node_id].call(copy, edge=None, on_done=lambda r, e: answers.append((r, e)))
    return answers


def test_synchronous_call_answers_with_the_event_after_the_handler_runs():
    # "Invoke" (RequestResponse): the caller waits for the handler's answer.
    sim = simulation(diagram([function("f", duration=fixed_ms(200), coldStart=fixed_ms(0))], []))
    answers = _call(sim, "f", {"order": 7})
    assert answers == []
    sim.run(0.1)
    assert answers == []
    sim.run(0.3)
    assert answers == [({"order": 7}, None)]
    assert sim.resources["f"].metrics()["Invocations"] == 1


def test_synchronous_call_reports_handler_errors_timeouts_and_throttles():
    # "Handling errors in Step Functions workflows": errors reach the caller by name.
    failing = function("bad", errorRate=1)
    slow = function("slow", {"Timeout": 1}, duration=fixed_ms(5000))
    closed = function("closed", {"ReservedConcurrentExecutions": 0})
    sim = simulation(diagram([failing, slow, closed], []))
    bad, timed_out, throttled = (
        _call(sim, "bad", {}),
        _call(sim, "slow", {}),
        _call(sim, "closed", {}),
    )
    sim.run(10)
    assert bad == [(None, "Error")]
    assert timed_out == [(None, "Sandbox.Timedout")]
    assert throttled == [(None, "Lambda.TooManyRequestsException")]
    assert sim.resources["closed"].metrics()["Throttles"] == 1


def _dead_letter_doc(**function_sim):
    sim = {"errorRate": 1, "MaximumRetryAttempts": 0, **function_sim}
    return diagram(
        [
            producer("p", count=2, payload={"order": "{{seq}}"}),
            topic("t"),
            node("f", "lambda.function", {"DeadLetterConfig": {"TargetArn": "dlq"}}, sim),
            queue("dlq"),
            queue("failures"),
        ],
        [publish("p", "t"), subscription("t", "f"), destination("f", "failures", "OnFailure")],
    )


def test_a_dead_letter_queue_gets_the_event_and_a_destination_the_invocation_record():
    """ "Dead-letter queues" vs "destinations" (asynchronous invocation): after its retries
    an event goes to both; the DLQ holds the event as sent, with RequestID, ErrorCode and
    ErrorMessage attributes, the destination an invocation record around it."""
    sim = simulation(_dead_letter_doc())
    dlq = capture_arrivals(sim, "dlq")
    records = capture_arrivals(sim, "failures")
    r = finish(sim, 30)
    assert len(dlq) == len(records) == 2
    event = json.loads(dlq[0].body)
    assert event["Records"][0]["EventSource"] == "aws:sns"  # the event the function got
    assert set(dlq[0].attributes) == {"RequestID", "ErrorCode", "ErrorMessage"}
    record = json.loads(records[0].body)
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestPayload"] == event
    assert [e["target"] for e in r.of("dead-letter", "f")] == ["dlq", "dlq"]
    assert r.metrics("f")["DeadLetterErrors"] == 0
    assert_balanced(r.ledger)


def test_a_dead_letter_target_must_be_a_standard_queue_or_topic():
    doc = _dead_letter_doc()
    doc["nodes"][2]["props"]["DeadLetterConfig"] = {"TargetArn": "p"}
    assert "unknown_node" in problem_codes(doc)
    doc["nodes"][2]["props"]["DeadLetterConfig"] = {"Target": "dlq"}
    assert problem_codes(doc)
