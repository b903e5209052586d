"""Export: every example lints clean, goldens hold, permissions are least privilege, and the
pitfalls of section 14.3 (cycles, resource policies before their users) are handled.

Golden files: `tests/designer/golden/<case>.yaml` hold the exact export of some examples.
After an intended change to the exporter, regenerate them with
`EVENTYARD_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/designer -k golden`
and review the diff.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from designer.cloudformation import export_template
from designer.cloudformation.template_text import load_text
from engine import DiagramError
from tests.designer.cfn_support import EXAMPLES, example, lint_findings, resources_of

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_CASES = ("order-queue-dlq", "sns-fanout-filters", "eventbridge-order-routing")


def template_of(doc: dict) -> dict:
    return load_text(export_template(doc))


def doc_of(nodes: list, edges: list | None = None) -> dict:
    return {"format": "eventyard/1", "name": "t", "nodes": nodes, "edges": edges or []}


def node(node_id: str, type_: str, **props) -> dict:
    return {"id": node_id, "type": type_, "props": props}


def edge(edge_id: str, kind: str, source: str, target: str, **props) -> dict:
    return {"id": edge_id, "kind": kind, "source": source, "target": target, "props": props}


def statements(template: dict) -> list[tuple[str, dict]]:
    """Every IAM statement of the template: roles' policies and resource policies."""
    found = []
    for lid, resource in template["Resources"].items():
        props = resource.get("Properties", {})
        documents = [p["PolicyDocument"] for p in props.get("Policies", [])]
        documents += [props[k] for k in ("PolicyDocument",) if k in props]
        found += [(lid, s) for d in documents for s in d["Statement"]]
    return found


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_every_example_exports_without_lint_errors(name, fmt):
    errors, others = lint_findings(export_template(example(name), fmt=fmt))
    assert errors == [], "\n".join(errors + ["(warnings:)"] + others)


@pytest.mark.parametrize("name", EXAMPLES)
def test_yaml_and_json_exports_hold_the_same_template(name):
    doc = example(name)
    assert load_text(export_template(doc)) == json.loads(export_template(doc, fmt="json"))


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_export_matches_golden_file(case):
    text = export_template(example(case))
    path = GOLDEN / f"{case}.yaml"
    if os.environ.get("EVENTYARD_REGENERATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert text == path.read_text(encoding="utf-8")


def test_logical_ids_are_camel_case_unique_and_stable():
    doc = doc_of(
        [
            node("a-b", "sqs.queue"),
            node("a_b", "sqs.queue"),
            node("aB", "sqs.queue"),
            node("fn", "lambda.function"),
            node("fn-role", "sqs.queue"),
        ]
    )
    resources = template_of(doc)["Resources"]
    assert list(resources) == ["AB", "AB2", "AB3", "FnRole2", "Fn", "FnRole"]
    assert resources["FnRole2"]["Type"] == "AWS::IAM::Role"
    assert export_template(doc) == export_template(copy.deepcopy(doc))


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_statement_grants_everything(name):
    for lid, statement in statements(template_of(example(name))):
        actions = statement["Action"]
        resources = statement.get("Resource")
        for action in [actions] if isinstance(actions, str) else actions:
            assert "*" not in action, (lid, statement)
        for resource in resources if isinstance(resources, list) else [resources]:
            # EC2's Describe actions (an MSK mapping's network lookups) take no
            # resource-level permissions: "*" is the only Resource they accept.
            describe_only = all(a.startswith("ec2:Describe") for a in actions)
            assert resource != "*" or describe_only, (lid, statement)


def test_function_role_lists_exactly_what_its_edges_need():
    """kinesis-poison-bisect: `ingest` reads the stream and sends failed batches to a queue."""
    role = template_of(example("kinesis-poison-bisect"))["Resources"]["IngestRole"]
    [policy] = role["Properties"]["Policies"]
    granted = {
        s["Sid"]: (sorted(s["Action"]), s["Resource"])
        for s in policy["PolicyDocument"]["Statement"]
    }
    log_group = (
        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/ingest"
    )
    assert granted == {
        "WriteLogs": (
            ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            [{"Fn::Sub": log_group}, {"Fn::Sub": log_group + ":*"}],
        ),
        "ReadReadings": (
            [
                "kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary",
                "kinesis:GetRecords",
                "kinesis:GetShardIterator",
                "kinesis:ListShards",
            ],
            [{"Fn::GetAtt": ["Readings", "Arn"]}],
        ),
        "OnFailureFailedBatches": (
            ["sqs:SendMessage"],
            [{"Fn::GetAtt": ["FailedBatches", "Arn"]}],
        ),
    }
    assert role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {
        "Service": "lambda.amazonaws.com"
    }


def test_enhanced_fan_out_reads_through_a_consumer():
    template = template_of(example("kinesis-clickstream"))
    [(lid, consumer)] = resources_of(template, "AWS::Kinesis::StreamConsumer").items()
    assert consumer["Properties"]["ConsumerName"] == "personalise-efo"
    mappings = resources_of(template, "AWS::Lambda::EventSourceMapping")
    sources = {
        m["Properties"]["FunctionName"]["Ref"]: m["Properties"]["EventSourceArn"]
        for m in mappings.values()
    }
    assert sources == {
        "Analytics": {"Fn::GetAtt": ["Clicks", "Arn"]},
        "Personalise": {"Fn::GetAtt": [lid, "ConsumerARN"]},
    }
    policy = template["Resources"]["PersonaliseRole"]["Properties"]["Policies"][0]
    reads = {s["Sid"]: s for s in policy["PolicyDocument"]["Statement"]}
    assert reads["Read" + lid]["Resource"] == [{"Fn::GetAtt": [lid, "ConsumerARN"]}]
    assert "kinesis:SubscribeToShard" in reads["Read" + lid]["Action"]


def test_subscriptions_wait_for_the_queue_policy_that_lets_the_topic_send():
    resources = template_of(example("sns-fanout-filters"))["Resources"]
    subscription = resources["OrdersTopicToAuditSubscription"]
    assert subscription["DependsOn"] == ["AuditPolicy"]
    assert subscription["Properties"]["RawMessageDelivery"] is True
    [statement] = resources["AuditPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "sns.amazonaws.com"}
    assert statement["Action"] == ["sqs:SendMessage"]
    assert statement["Condition"] == {"ArnEquals": {"aws:SourceArn": [{"Ref": "OrdersTopic"}]}}
    lambda_subscription = resources["OrdersTopicToEuOrdersSubscription"]
    assert lambda_subscription["DependsOn"] == ["EuOrdersInvokedByOrdersTopic"]
    review = resources["OrdersTopicToReviewSubscription"]["Properties"]
    assert review["FilterPolicyScope"] == "MessageBody"
    assert review["FilterPolicy"] == {"amount": [{"numeric": [">=", 500]}]}


def test_bucket_notifications_avoid_the_circular_dependency():
    """An unnamed bucket notifying a function that writes back to it: fixed name, ARNs
    by Fn::Sub, and the bucket waits for the permission (section 14.3)."""
    doc = doc_of(
        [node("uploads", "s3.bucket"), node("resize", "lambda.function")],
        [
            edge("n", "notification", "uploads", "resize"),
            edge("p", "publish", "resize", "uploads"),
        ],
    )
    text = export_template(doc)
    template = load_text(text)
    bucket = template["Resources"]["Uploads"]
    name = "uploads-${AWS::AccountId}-${AWS::Region}"
    assert bucket["Properties"]["BucketName"] == {"Fn::Sub": name}
    assert bucket["DependsOn"] == ["ResizeInvokedByUploads"]
    permission = template["Resources"]["ResizeInvokedByUploads"]["Properties"]
    assert permission["SourceArn"] == {"Fn::Sub": "arn:${AWS::Partition}:s3:::" + name}
    assert permission["SourceAccount"] == {"Ref": "AWS::AccountId"}
    assert "Ref: Uploads" not in text and "Uploads.Arn" not in text
    errors, others = lint_findings(text)
    assert errors == [], errors + others


def test_an_event_pattern_with_null_is_written_as_json_text():
    doc = doc_of([node("r", "eventbridge.rule", EventPattern={"detail": {"gone": [None]}})])
    rule = template_of(doc)["Resources"]["R"]["Properties"]
    assert rule["EventPattern"] == '{"detail":{"gone":[null]}}'


def test_alarm_watches_the_metric_of_its_node_and_notifies_its_topic():
    resources = template_of(example("queue-depth-alarm"))["Resources"]
    alarm = resources["Backlog"]["Properties"]
    assert alarm["Namespace"] == "AWS/SQS"
    assert alarm["Dimensions"] == [
        {"Name": "QueueName", "Value": {"Fn::GetAtt": ["Jobs", "QueueName"]}}
    ]
    assert alarm["AlarmActions"] == [{"Ref": "OpsAlerts"}]
    [statement] = resources["OpsAlertsPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert statement["Condition"]["ArnEquals"]["aws:SourceArn"] == [
        {"Fn::GetAtt": ["Backlog", "Arn"]}
    ]


def test_outputs_give_every_queue_url_topic_arn_and_stream_arn():
    doc = doc_of([node("q", "sqs.queue"), node("t", "sns.topic"), node("s", "kinesis.stream")])
    outputs = template_of(doc)["Outputs"]
    assert {k: v["Value"] for k, v in outputs.items()} == {
        "QUrl": {"Ref": "Q"},
        "TArn": {"Ref": "T"},
        "SArn": {"Fn::GetAtt": ["S", "Arn"]},
    }


def test_clients_export_nothing_but_stay_in_the_metadata():
    template = template_of(example("queue-depth-alarm"))
    assert "Client" not in template["Resources"] and "SlowWorker" not in template["Resources"]
    nodes = template["Metadata"]["Eventyard"]["nodes"]
    assert nodes["client"]["type"] == "producer" and "logicalId" not in nodes["client"]
    assert nodes["slow-worker"]["sim"]["pollers"] == 1


def test_a_diagram_of_clients_alone_is_still_a_deployable_template():
    text = export_template(doc_of([node("app", "producer")]))
    assert list(load_text(text)["Resources"]) == ["NothingToDeploy"]
    assert lint_findings(text)[0] == []


def test_destinations_and_async_settings_make_one_invoke_config():
    doc = doc_of(
        [node("fn", "lambda.function"), node("ok", "sqs.queue"), node("bad", "sns.topic")],
        [
            edge("s", "destination", "fn", "ok", condition="OnSuccess"),
            edge("f", "destination", "fn", "bad", condition="OnFailure"),
        ],
    )
    doc["nodes"][0]["sim"] = {"MaximumRetryAttempts": 0}
    template = template_of(doc)
    config = template["Resources"]["FnEventInvokeConfig"]["Properties"]
    assert config == {
        "FunctionName": {"Ref": "Fn"},
        "Qualifier": "$LATEST",
        "MaximumRetryAttempts": 0,
        "DestinationConfig": {
            "OnSuccess": {"Destination": {"Fn::GetAtt": ["Ok", "Arn"]}},
            "OnFailure": {"Destination": {"Ref": "Bad"}},
        },
    }
    sids = [s["Sid"] for _, s in statements(template)]
    assert sids == ["WriteLogs", "OnSuccessOk", "OnFailureBad"]


def test_functions_that_are_each_others_destinations_form_no_cycle():
    doc = doc_of(
        [node("a", "lambda.function"), node("b", "lambda.function")],
        [
            edge("ab", "destination", "a", "b", condition="OnFailure"),
            edge("ba", "destination", "b", "a", condition="OnFailure"),
        ],
    )
    errors, others = lint_findings(export_template(doc))
    assert errors == [], errors + others


def test_batch_item_failures_are_reported_by_the_inline_handler():
    doc = doc_of(
        [node("q", "sqs.queue"), node("fn", "lambda.function")],
        [edge("e", "event-source", "q", "fn", FunctionResponseTypes=["ReportBatchItemFailures"])],
    )
    code = template_of(doc)["Resources"]["Fn"]["Properties"]["Code"]["ZipFile"]
    namespace: dict = {}
    exec(compile(code, "index.py", "exec"), namespace)  # noqa: S102 - our own handler

    def fail_on_second(record):
        if record["messageId"] == "2":
            raise ValueError("poison")

    namespace["process"] = fail_on_second
    event = {"Records": [{"messageId": str(i), "body": "{}"} for i in (1, 2, 3)]}
    assert namespace["handler"](event, None) == {
        "batchItemFailures": [{"itemIdentifier": "2"}, {"itemIdentifier": "3"}]
    }


def test_runtimes_without_inline_code_take_it_from_parameters():
    text = export_template(doc_of([node("fn", "lambda.function", Runtime="java21")]))
    template = load_text(text)
    code = template["Resources"]["Fn"]["Properties"]["Code"]
    assert code == {"S3Bucket": {"Ref": "FnCodeBucket"}, "S3Key": {"Ref": "FnCodeKey"}}
    assert set(template["Parameters"]) == {"FnCodeBucket", "FnCodeKey"}
    assert lint_findings(text)[0] == []


def test_an_invalid_document_is_refused_with_its_problems():
    with pytest.raises(DiagramError) as caught:
        export_template(doc_of([node("q", "sqs.queue", VisibilityTimeout=50000)]))
    assert caught.value.problems[0].path == "nodes[0].props.VisibilityTimeout"
    with pytest.raises(ValueError, match="format"):
        export_template(example("order-queue-dlq"), fmt="xml")


def test_two_resources_of_one_name_are_refused_before_export():
    doc = doc_of(
        [
            node("a", "lambda.function", FunctionName="same"),
            node("b", "lambda.function", FunctionName="same"),
        ],
        [],
    )
    with pytest.raises(DiagramError) as caught:
        export_template(doc)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("nodes[1].props.FunctionName", "duplicate_name"),
    ]


def test_what_no_template_can_hold_is_refused_with_its_paths():
    doc = doc_of(
        [node("q1", "sqs.queue"), node("q2", "sqs.queue")],
        [edge("x", "dead-letter", "q1", "q2"), edge("y", "dead-letter", "q2", "q1")],
    )
    with pytest.raises(DiagramError) as caught:
        export_template(doc)
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("edges[0]", "dead_letter_cycle"),
        ("edges[1]", "dead_letter_cycle"),
    ]


def test_queues_that_dead_letter_to_each_other_refer_by_name():
    doc = doc_of(
        [node("q1", "sqs.queue"), node("q2", "sqs.queue", QueueName="second")],
        [edge("x", "dead-letter", "q1", "q2"), edge("y", "dead-letter", "q2", "q1")],
    )
    text = export_template(doc)
    redrive = load_text(text)["Resources"]["Q1"]["Properties"]["RedrivePolicy"]
    arn = "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:second"
    assert redrive["deadLetterTargetArn"] == {"Fn::Sub": arn}
    assert lint_findings(text) == ([], [])


def test_a_function_dead_letter_queue_is_its_dead_letter_config_and_a_role_grant():
    """ "Dead-letter queues": DeadLetterConfig.TargetArn on the function, and the execution
    role may send there (sqs:SendMessage on that queue only); import gives it back."""
    from designer.cloudformation import import_template
    from tests.designer.cfn_support import canonical, lint_findings
    from tests.engine.builders import diagram, edge, node

    doc = diagram(
        [
            node("t", "sns.topic"),
            node("f", "lambda.function", {"DeadLetterConfig": {"TargetArn": "dlq"}}),
            node("dlq", "sqs.queue"),
        ],
        [edge("subscription", "t", "f")],
    )
    text = export_template(doc)
    template = load_text(text)
    function = template["Resources"]["F"]["Properties"]
    assert function["DeadLetterConfig"] == {"TargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}}
    statements = template["Resources"]["FRole"]["Properties"]["Policies"][0]["PolicyDocument"]
    grant = next(s for s in statements["Statement"] if s["Sid"] == "DeadLetterDlq")
    assert grant["Action"] == ["sqs:SendMessage"]
    assert grant["Resource"] == [{"Fn::GetAtt": ["Dlq", "Arn"]}]
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)
    assert not [e for e in back["edges"] if e["kind"] == "publish"]  # not a publish edge


def test_archives_are_resources_of_their_own_and_replays_stay_in_the_metadata():
    """`AWS::Events::Archive` per archive (on the default bus too, by its ARN); StartReplay
    is an API call, so replays travel in Metadata; import gives both back."""
    from designer.cloudformation import import_template
    from tests.designer.cfn_support import canonical, lint_findings
    from tests.engine.builders import diagram, edge, node

    for name in ("shop", None):
        archives = [
            {"ArchiveName": "orders", "EventPattern": {"source": ["shop"]}, "RetentionDays": 7},
            {"ArchiveName": "all", "Description": "everything"},
        ]
        replays = [{"ReplayName": "again", "ArchiveName": "all", "At": 30}]
        bus_props = {"Archives": archives, **({"Name": name} if name else {})}
        doc = diagram(
            [
                node("bus", "eventbridge.bus", bus_props, {"replays": replays}),
                node("rule", "eventbridge.rule", {"EventPattern": {"source": ["shop"]}}),
                node("q", "sqs.queue"),
            ],
            [edge("rule", "bus", "rule"), edge("target", "rule", "q")],
        )
        text = export_template(doc)
        archives_out = resources_of(load_text(text), "AWS::Events::Archive")
        assert sorted(a["Properties"]["ArchiveName"] for a in archives_out.values()) == [
            "all",
            "orders",
        ]
        orders = next(
            a for a in archives_out.values() if a["Properties"]["ArchiveName"] == "orders"
        )
        assert orders["Properties"]["RetentionDays"] == 7
        assert lint_findings(text) == ([], [])
        back, warnings = import_template(text)
        assert warnings == []
        assert canonical(back) == canonical(doc)


@pytest.mark.parametrize(
    "runtime", ["python3.14", "nodejs24.x", "java25", "dotnet10", "ruby3.4", "provided.al2023"]
)
def test_every_current_runtime_exports_lint_clean(runtime):
    """Current runtimes ("Lambda runtimes"): inline code for Python and Node.js, a packaged
    handler from the stack's parameters for the others; cfn-lint knows each of them."""
    from tests.engine.builders import diagram, node

    doc = diagram([node("f", "lambda.function", {"Runtime": runtime})], [])
    errors, others = lint_findings(export_template(doc))
    assert errors == [] and others == [], (errors, others)
