"""CloudFormation for EventBridge pipes: `AWS::Pipes::Pipe` with its wiring, a role that
pipes.amazonaws.com assumes with exactly what the pipe does ("Amazon EventBridge Pipes
permissions"), cfn-lint clean, and an import that gives the diagram back. The example
`pipes-order-enrichment` is also exported and round-tripped with every other example."""

from __future__ import annotations

import json

import pytest

from designer.cloudformation import export_template
from designer.cloudformation.importer import import_template
from designer.cloudformation.template_text import load_text
from tests.designer.cfn_support import canonical, lint_findings, resources_of
from tests.engine.builders import diagram, edge, node


def kinesis_pipe_doc() -> dict:
    """A Kinesis stream → filtered pipe → enrichment → DynamoDB-free target: an SNS topic,
    with a dead-letter queue for batches the stream source gives up on."""
    return diagram(
        [
            node("clicks", "kinesis.stream", {"ShardCount": 2}),
            node(
                "pipe",
                "pipes.pipe",
                {
                    "Name": "clicks-pipe",
                    "DesiredState": "STOPPED",
                    "SourceParameters": {
                        "FilterCriteria": {"Filters": [{"Pattern": {"data": {"kind": ["buy"]}}}]},
                        "KinesisStreamParameters": {
                            "StartingPosition": "LATEST",
                            "BatchSize": 10,
                            "MaximumRetryAttempts": 3,
                            "OnPartialBatchItemFailure": "AUTOMATIC_BISECT",
                            "DeadLetterConfig": {"Arn": "failed"},
                        },
                    },
                    "EnrichmentParameters": {"InputTemplate": '{"id": <$.data.id>}'},
                    "TargetParameters": {"InputTemplate": "<aws.pipes.event.json>"},
                },
            ),
            node("lookup", "lambda.function", {"FunctionName": "lookup"}),
            node("alerts", "sns.topic"),
            node("failed", "sqs.queue"),
        ],
        [
            edge("event-source", "clicks", "pipe", "src"),
            edge("enrichment", "pipe", "lookup", "enrich"),
            edge("target", "pipe", "alerts", "out"),
        ],
    )


def test_a_pipe_exports_its_wiring_and_a_least_privilege_role():
    template = load_text(export_template(kinesis_pipe_doc()))
    ((lid, pipe),) = resources_of(template, "AWS::Pipes::Pipe").items()
    props = pipe["Properties"]
    assert props["Source"] == {"Fn::GetAtt": ["Clicks", "Arn"]}
    assert props["Target"] == {"Ref": "Alerts"}
    assert props["Enrichment"] == {"Fn::GetAtt": ["Lookup", "Arn"]}
    assert props["DesiredState"] == "STOPPED"
    source = props["SourceParameters"]
    # CloudFormation takes filter patterns as JSON text, and the DLQ by ARN.
    assert json.loads(source["FilterCriteria"]["Filters"][0]["Pattern"]) == {
        "data": {"kind": ["buy"]}
    }
    dlq = source["KinesisStreamParameters"]["DeadLetterConfig"]["Arn"]
    assert dlq == {"Fn::GetAtt": ["Failed", "Arn"]}
    role = template["Resources"][props["RoleArn"]["Fn::GetAtt"][0]]["Properties"]
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Principal"] == {"Service": "pipes.amazonaws.com"}
    allowed = {
        s["Sid"]: (sorted(s["Action"]), s["Resource"])
        for p in role["Policies"]
        for s in p["PolicyDocument"]["Statement"]
    }
    assert allowed == {
        "ReadClicks": (
            sorted(
                [
                    "kinesis:DescribeStream",
                    "kinesis:DescribeStreamSummary",
                    "kinesis:GetRecords",
                    "kinesis:GetShardIterator",
                    "kinesis:ListShards",
                ]
            ),
            [{"Fn::GetAtt": ["Clicks", "Arn"]}],
        ),
        "EnrichLookup": (["lambda:InvokeFunction"], [{"Fn::GetAtt": ["Lookup", "Arn"]}]),
        "TargetAlerts": (["sns:Publish"], [{"Ref": "Alerts"}]),
        "DeadLetterFailed": (["sqs:SendMessage"], [{"Fn::GetAtt": ["Failed", "Arn"]}]),
    }
    # Nothing else: no event source mapping, no resource policies, no Lambda permission.
    types = {r["Type"] for r in template["Resources"].values()}
    assert not types & {
        "AWS::Lambda::EventSourceMapping",
        "AWS::SQS::QueuePolicy",
        "AWS::SNS::TopicPolicy",
        "AWS::Lambda::Permission",
    }


def test_a_dynamodb_source_is_read_by_its_stream_arn():
    doc = diagram(
        [
            node("t", "dynamodb.table", {"StreamSpecification": {"StreamViewType": "NEW_IMAGE"}}),
            node(
                "pipe",
                "pipes.pipe",
                {"SourceParameters": {"DynamoDBStreamParameters": {"StartingPosition": "LATEST"}}},
            ),
            node("q", "sqs.queue"),
        ],
        [edge("event-source", "t", "pipe", "s"), edge("target", "pipe", "q", "o")],
    )
    template = load_text(export_template(doc))
    (pipe,) = resources_of(template, "AWS::Pipes::Pipe").values()
    assert pipe["Properties"]["Source"] == {"Fn::GetAtt": ["T", "StreamArn"]}


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_pipe_lints_clean_and_imports_back(fmt):
    doc = kinesis_pipe_doc()
    text = export_template(doc, fmt=fmt)
    errors, _others = lint_findings(text)
    assert errors == []
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)


def test_a_hand_written_pipe_becomes_a_pipe_with_its_edges():
    template = {
        "Resources": {
            "Orders": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "orders"}},
            "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "shop"}},
            "Pipe": {
                "Type": "AWS::Pipes::Pipe",
                "Properties": {
                    "RoleArn": "arn:aws:iam::123456789012:role/pipe",
                    "Source": {"Fn::GetAtt": ["Orders", "Arn"]},
                    "Target": "arn:aws:events:us-east-1:123456789012:event-bus/shop",
                    "SourceParameters": {
                        "FilterCriteria": {"Filters": [{"Pattern": '{ "body": { "a": [1] } }'}]}
                    },
                },
            },
        }
    }
    document, warnings = import_template(json.dumps(template))
    assert warnings == []
    kinds = sorted((e["kind"], e["source"], e["target"]) for e in document["edges"])
    ids = {n["type"]: n["id"] for n in document["nodes"]}
    assert kinds == [
        ("event-source", ids["sqs.queue"], ids["pipes.pipe"]),
        ("target", ids["pipes.pipe"], ids["eventbridge.bus"]),
    ]
    pipe = next(n for n in document["nodes"] if n["type"] == "pipes.pipe")
    # Text that is not the exporter's spelling of a pattern stays text.
    assert pipe["props"]["SourceParameters"]["FilterCriteria"]["Filters"][0]["Pattern"] == (
        '{ "body": { "a": [1] } }'
    )
