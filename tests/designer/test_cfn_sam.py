"""SAM templates in (AWS's `aws-sam-translator`, offline): a function's events become its
mappings, subscriptions, rules and notifications with their settings; Globals, the
function's dead-letter queue and EventInvokeConfig; state machines with their events,
inline or file definitions and substitutions; SimpleTable; one node per SAM resource
(its role, permissions and mappings are wiring); warnings at the SAM template's paths;
a template SAM refuses is bad input with the resource's path."""

from __future__ import annotations

import json

import pytest

from designer.cloudformation import TemplateError, import_template
from engine import load_diagram

HEAD = "Transform: AWS::Serverless-2016-10-31\n"

ORDERS = (
    HEAD
    + """\
Globals:
  Function:
    Runtime: python3.12
    Timeout: 20
    CodeUri: src/
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 120
  Failures:
    Type: AWS::SQS::Queue
  Shipped:
    Type: AWS::SQS::Queue
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 2
  Alerts:
    Type: AWS::SNS::Topic
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Failures.Arn
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Failures.Arn
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Shipped.QueueName
      Events:
        FromOrders:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 5
            MaximumBatchingWindowInSeconds: 2
            FunctionResponseTypes: [ReportBatchItemFailures]
            FilterCriteria:
              Filters:
                - Pattern: '{"body": {"kind": ["order"]}}'
        FromClicks:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: TRIM_HORIZON
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 2
            DestinationConfig:
              OnFailure:
                Destination: !GetAtt Failures.Arn
            Enabled: false
        FromAlerts:
          Type: SNS
          Properties:
            Topic: !Ref Alerts
            FilterPolicy:
              level: [high]
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
        OrderEvents:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [shop.orders]
              account: [!Ref AWS::AccountId]
"""
)


def edges_of(document):
    return {(e["kind"], e["source"], e["target"]): e["props"] for e in document["edges"]}


def test_a_functions_events_become_its_wiring_with_their_settings():
    document, warnings = import_template(ORDERS)
    load_diagram(document)
    nodes = {n["id"]: n for n in document["nodes"]}
    # one node per resource the author wrote (plus the rules the events make, the default
    # bus and starter traffic); the function's role, permissions and mappings are wiring
    functions = [n for n in nodes.values() if n["type"] == "lambda.function"]
    assert [f["id"] for f in functions] == ["worker"]
    assert functions[0]["props"]["Runtime"] == "python3.12"  # from Globals
    assert functions[0]["props"]["Timeout"] == 20
    assert functions[0]["props"]["DeadLetterConfig"] == {"TargetArn": "failures"}
    edges = edges_of(document)
    assert edges[("event-source", "orders", "worker")] == {
        "BatchSize": 5,
        "MaximumBatchingWindowInSeconds": 2,
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "FilterCriteria": {"Filters": [{"Pattern": '{"body": {"kind": ["order"]}}'}]},
    }
    clicks = edges[("event-source", "clicks", "worker")]
    assert clicks["StartingPosition"] == "TRIM_HORIZON"
    assert clicks["BisectBatchOnFunctionError"] is True and clicks["MaximumRetryAttempts"] == 2
    assert clicks["Enabled"] is False
    assert clicks["DestinationConfig"] == {"OnFailure": {"Destination": "failures"}}
    assert edges[("subscription", "alerts", "worker")] == {"FilterPolicy": {"level": ["high"]}}
    assert ("destination", "worker", "failures") in edges
    assert ("publish", "worker", "shipped") in edges  # SAM's SQSSendMessagePolicy
    assert ("publish", "worker", "failures") not in edges  # its grant is the destination's
    rules = [n for n in nodes.values() if n["type"] == "eventbridge.rule"]
    patterns = [r["props"].get("EventPattern") for r in rules]
    # the account the pattern names is the simulated account's
    assert {"source": ["shop.orders"], "account": ["123456789012"]} in patterns
    assert any(r["props"].get("ScheduleExpression") == "rate(1 hour)" for r in rules)
    assert all(("target", r["id"], "worker") in edges for r in rules)
    assert functions[0]["sim"]["MaximumRetryAttempts"] == 1  # EventInvokeConfig
    for warning in warnings:  # nothing SAM made up is named
        assert "Role" not in warning["path"] and "Permission" not in warning["path"]


def test_state_machines_simple_tables_and_definition_files():
    template = (
        HEAD
        + """\
Resources:
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: {Name: orderId, Type: String}
  Queue:
    Type: AWS::SQS::Queue
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions:
        QueueUrl: !Ref Queue
      Policies:
        - SQSSendMessagePolicy: {QueueName: !GetAtt Queue.QueueName}
      Events:
        Every:
          Type: Schedule
          Properties: {Schedule: rate(1 minute)}
"""
    )
    definition = json.dumps(
        {
            "StartAt": "Send",
            "States": {
                "Send": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl": "${QueueUrl}", "MessageBody.$": "$"},
                    "End": True,
                }
            },
        }
    )
    files = {"statemachine/flow.asl.json": definition}
    document, warnings = import_template(template, read_file=files.get)
    nodes = {n["id"]: n for n in document["nodes"]}
    assert nodes["table"]["type"] == "dynamodb.table"
    assert nodes["table"]["props"]["KeySchema"] == [{"AttributeName": "orderId", "KeyType": "HASH"}]
    assert ("task", "flow", "queue") in edges_of(document)
    assert not [w for w in warnings if w["code"] == "external_definition"]

    alone, warnings = import_template(template)  # no files beside it: said, with its path
    [said] = [w for w in warnings if w["code"] == "external_definition"]
    assert said["path"] == "Resources.Flow.Properties.DefinitionUri"
    assert "statemachine/flow.asl.json" in said["message"]
    load_diagram(alone)
    missing, warnings = import_template(template, read_file=lambda name: None)
    [said] = [w for w in warnings if w["code"] == "external_definition"]
    assert "not found beside the template" in said["message"]


def test_warnings_point_at_the_sam_event_that_made_the_resource():
    template = (
        HEAD
        + """\
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "def handler(e, c): pass"
      Handler: index.handler
      Runtime: python3.12
      Events:
        Mail:
          Type: SNS
          Properties:
            Topic: arn:aws:sns:us-east-1:999999999999:somewhere-else
"""
    )
    _, warnings = import_template(template)
    [said] = [w for w in warnings if w["code"] == "unmapped_subscription"]
    assert said["path"] == "Resources.Fn.Properties.Events.Mail"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (
            "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
            "      Handler: a.b\n      Runtime: python3.12\n",
            "Resources.Fn",
        ),
        (
            "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
            "      InlineCode: x\n      Handler: a.b\n      Runtime: python3.12\n"
            "      Events:\n        Bad:\n          Type: SQS\n          Properties: {}\n",
            "Resources.Fn.Properties.Events.Bad",
        ),
    ],
)
def test_a_template_sam_refuses_is_bad_input_at_its_resource(body, path):
    with pytest.raises(TemplateError) as caught:
        import_template(HEAD + "Resources:\n" + body)
    [problem] = caught.value.problems
    assert problem["path"] == path and problem["code"] == "invalid_sam"
    assert problem["message"].startswith("SAM: ")


def test_the_api_answers_400_for_a_template_sam_refuses(client):
    text = HEAD + "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {}\n"
    response = client.post("/api/import/", {"template": text}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert any(p["path"].startswith("template") or "Fn" in p["path"] for p in body["problems"])
