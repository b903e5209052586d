"""SNS delivery-status logging ("Amazon SNS message delivery status"; CloudFormation
"AWS::SNS::Topic LoggingConfig"): per protocol, successful deliveries logged at a sample
rate, failed ones always, to `sns/<region>/<account>/<topic>` and `.../Failure`."""

from __future__ import annotations

from tests.engine.builders import (
    assert_balanced,
    diagram,
    function,
    problem_codes,
    producer,
    publish,
    queue,
    run,
    subscription,
    topic,
)

ROLE = "arn:aws:iam::123456789012:role/sns-delivery-status"


def fan_out(logging, *, count=20, failure_rate=0.0, **producer_sim) -> dict:
    t = topic("t", TopicName="orders", DeliveryStatusLogging=logging)
    t["sim"] = {"deliveryFailureRate": failure_rate}
    return diagram(
        [producer("p", count=count, **producer_sim), t, queue("q"), function("f")],
        [publish("p", "t"), subscription("t", "q"), subscription("t", "f")],
    )


def logs(r, status=None, protocol=None):
    return [
        e
        for e in r.of("delivery-log", "t")
        if (status is None or e["status"] == status)
        and (protocol is None or e["protocol"] == protocol)
    ]


def test_every_success_is_logged_at_a_sample_rate_of_100():
    """A protocol with a success role and SuccessFeedbackSampleRate 100 logs each delivery:
    status, the endpoint's response (SQS answers with its request and message ids), dwell
    time, attempts and status code, in the topic's log group."""
    r = run(
        fan_out(
            [
                {
                    "Protocol": "sqs",
                    "SuccessFeedbackRoleArn": ROLE,
                    "SuccessFeedbackSampleRate": "100",
                }
            ]
        ),
        30,
    )
    assert_balanced(r.ledger)
    entries = logs(r)
    assert len(entries) == 20 and {e["protocol"] for e in entries} == {"sqs"}
    first = entries[0]
    assert first["status"] == "SUCCESS"
    assert first["logGroup"] == "sns/us-east-1/123456789012/orders"
    assert (first["statusCode"], first["attempts"], first["dwellTimeMs"]) == (200, 1, 0)
    assert "sqsRequestId" in first["providerResponse"]
    assert first["destination"] == "arn:aws:sqs:us-east-1:123456789012:q"
    assert first["target"] == "q" and first["edge"] == "subscription-t-q"
    assert len(first["messageMD5Sum"]) == 32
    assert r.report["deliveryLogs"] == {
        "entries": 20,
        "SUCCESS": 20,
        "FAILURE": 0,
        "topics": {
            "t": {
                "SUCCESS": 20,
                "FAILURE": 0,
                "logGroups": {
                    "sns/us-east-1/123456789012/orders": 20,
                    "sns/us-east-1/123456789012/orders/Failure": 0,
                },
            }
        },
    }


def test_the_sample_rate_logs_a_seeded_share_of_successes():
    """SuccessFeedbackSampleRate is the percentage of successes logged: drawn from the
    run's seeded stream, so the same seed logs the same deliveries; 0 (or no success role)
    logs none."""
    half = [{"Protocol": "lambda", "SuccessFeedbackRoleArn": ROLE, "SuccessFeedbackSampleRate": 50}]
    a, b = run(fan_out(half, count=200), 300), run(fan_out(half, count=200), 300)
    assert 60 <= len(logs(a)) <= 140
    assert [e["message"] for e in logs(a)] == [e["message"] for e in logs(b)]
    assert {e["providerResponse"][:18] for e in logs(a)} == {'{"lambdaRequestId"'}
    assert {e["statusCode"] for e in logs(a)} == {202}
    none = [{"Protocol": "lambda", "SuccessFeedbackRoleArn": ROLE, "SuccessFeedbackSampleRate": 0}]
    no_role = [{"Protocol": "lambda", "SuccessFeedbackSampleRate": 100}]
    for logging in (none, no_role):
        assert logs(run(fan_out(logging), 30)) == []


def test_failed_attempts_are_always_logged_to_the_failure_group():
    """With a failure role every failed delivery is logged (no sampling), to
    `.../Failure`; a delivery that got through after retries logs its attempts and a dwell
    time that includes the retry delays ("Amazon SNS message delivery retries")."""
    logging = [
        {
            "Protocol": "lambda",
            "SuccessFeedbackRoleArn": ROLE,
            "SuccessFeedbackSampleRate": 100,
            "FailureFeedbackRoleArn": ROLE,
        }
    ]
    r = run(fan_out(logging, count=30, failure_rate=0.7), 300)
    assert_balanced(r.ledger)
    failures = logs(r, "FAILURE")
    retries = [e for e in r.of("retry", "t") if e["edge"] == "subscription-t-f"]
    assert len(failures) == len(retries) > 0
    assert {e["logGroup"] for e in failures} == {"sns/us-east-1/123456789012/orders/Failure"}
    assert {e["statusCode"] for e in failures} == {503}
    late = [e for e in logs(r, "SUCCESS") if e["attempts"] >= 5]
    assert late and all(e["dwellTimeMs"] >= 1000 for e in late)
    assert logs(r, protocol="sqs") == [], "only the configured protocol is logged"
    assert r.report["deliveryLogs"]["FAILURE"] == len(failures)


def test_a_client_side_error_is_logged_once_without_retries():
    """A raw-delivery SQS subscription refuses a message with more than 10 attributes, a
    client-side error SNS does not retry: one FAILURE entry, status 400."""
    attributes = {f"a{i}": "x" for i in range(11)}
    t = topic(
        "t",
        TopicName="orders",
        DeliveryStatusLogging=[{"Protocol": "sqs", "FailureFeedbackRoleArn": ROLE}],
    )
    doc = diagram(
        [producer("p", count=1, attributes=attributes), t, queue("q")],
        [publish("p", "t"), subscription("t", "q", RawMessageDelivery=True)],
    )
    r = run(doc, 5)
    [entry] = logs(r)
    assert (entry["status"], entry["statusCode"], entry["attempts"]) == ("FAILURE", 400, 1)
    assert "10 message attributes" in entry["providerResponse"]


def test_no_logging_no_report_section():
    r = run(fan_out(None), 10)
    assert "deliveryLogs" not in r.report and logs(r) == []


def test_delivery_status_logging_is_checked():
    """AWS::SNS::Topic LoggingConfig: Protocol is one of http/s, sqs, lambda, firehose,
    application; roles are IAM role ARNs; the sample rate is 0..100; one entry per protocol."""

    def codes(logging):
        return problem_codes(fan_out(logging))

    assert codes([{"Protocol": "email"}]) == {"invalid_choice"}
    assert codes([{"Protocol": "sqs"}, {"Protocol": "sqs"}]) == {"duplicate_protocol"}
    assert codes([{"Protocol": "sqs", "SuccessFeedbackRoleArn": "my-role"}]) == {"invalid_value"}
    assert codes([{"Protocol": "sqs", "SuccessFeedbackSampleRate": "101"}]) == {"out_of_range"}
    assert codes([{"Protocol": "sqs", "Extra": 1}]) == {"unknown_field"}
    assert codes({"Protocol": "sqs"}) == {"invalid_type"}
    assert codes([{"Protocol": "http/s", "FailureFeedbackRoleArn": ROLE}]) == set()
