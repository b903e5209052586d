"""What real templates hold beyond Eventyard's own exports: an SNS topic's inline
subscriptions, EventBridge Scheduler schedules, a FIFO queue as a rule's target with its
message group, and the starter traffic an imported diagram gets at its entry points."""

from __future__ import annotations

import pytest

from designer.cloudformation import export_template, import_template
from designer.cloudformation.starters import example_entry
from designer.cloudformation.template_text import dump_yaml, load_text
from engine import Simulation, load_diagram
from engine.matching.event_patterns import matches
from tests.designer.cfn_support import canonical, lint_findings

# A function resource's properties, as the templates below spell them (flow style).
FUNCTION = (
    '{Runtime: python3.12, Handler: index.handler, Role: "arn:aws:iam::123456789012:role/x", '
    'Code: {ZipFile: "def handler(e, c): pass"}}'
)


def with_function(template: str) -> str:
    return template.replace("{FUNCTION}", FUNCTION)


def edges_of(document):
    return {(e["kind"], e["source"], e["target"]): e["props"] for e in document["edges"]}


def test_a_topics_inline_subscriptions_are_drawn():
    document, warnings = import_template(
        with_function(
            """\
Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - {Protocol: sqs, Endpoint: !GetAtt Audit.Arn}
        - {Protocol: lambda, Endpoint: !GetAtt Notify.Arn}
        - {Protocol: email, Endpoint: ops@example.com}
  Audit: {Type: AWS::SQS::Queue}
  Notify:
    Type: AWS::Lambda::Function
    Properties: {FUNCTION}
"""
        )
    )
    edges = edges_of(document)
    assert ("subscription", "alerts", "audit") in edges
    assert ("subscription", "alerts", "notify") in edges
    [said] = [w for w in warnings if w["code"] == "unmapped_subscription"]
    assert said["path"] == "Resources.Alerts.Properties.Subscription[2]"


SCHEDULE = """\
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties: {FifoQueue: true, ContentBasedDeduplication: true}
  Failed: {Type: AWS::SQS::Queue}
  Every:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 minute)
      FlexibleTimeWindow: {Mode: "OFF"}
      Target:
        Arn: !GetAtt Jobs.Arn
        RoleArn: arn:aws:iam::123456789012:role/scheduler
        RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600}
        DeadLetterConfig: {Arn: !GetAtt Failed.Arn}
        SqsParameters: {MessageGroupId: jobs}
  Once:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: at(2026-12-24T18:00:00)
      FlexibleTimeWindow: {Mode: "OFF"}
      Target: {Arn: !GetAtt Jobs.Arn, RoleArn: arn:aws:iam::123456789012:role/scheduler}
"""


def test_a_scheduler_schedule_is_drawn_as_the_scheduled_rule_that_does_the_same():
    document, warnings = import_template(SCHEDULE)
    nodes = {n["id"]: n for n in document["nodes"]}
    assert nodes["every"]["type"] == "eventbridge.rule"
    assert nodes["every"]["props"]["ScheduleExpression"] == "rate(1 minute)"
    target = edges_of(document)[("target", "every", "jobs")]
    assert target["RetryPolicy"] == {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600}
    assert target["DeadLetterConfig"] == {"Arn": "failed"}
    assert target["SqsParameters"] == {"MessageGroupId": "jobs"}
    assert "once" not in nodes  # a one-time schedule has no rule to be
    codes = {(w["path"], w["code"]) for w in warnings}
    assert ("Resources.Every", "drawn_as") in codes
    assert ("Resources.Once.Properties.ScheduleExpression", "unsupported_schedule") in codes
    sim = Simulation(load_diagram(document), seed=1)
    sim.run(185)
    assert sim.report()["nodes"]["jobs"]["metrics"]["NumberOfMessagesSent"] == 3


def test_a_fifo_rule_target_keeps_its_message_group_through_export_and_import():
    doc = {
        "format": "eventyard/1",
        "name": "fifo target",
        "nodes": [
            {"id": "bus", "type": "eventbridge.bus", "props": {"Name": "orders"}},
            {"id": "r", "type": "eventbridge.rule", "props": {"EventPattern": {"source": ["x"]}}},
            {
                "id": "q",
                "type": "sqs.queue",
                "props": {
                    "FifoQueue": True,
                    "QueueName": "q.fifo",
                    "ContentBasedDeduplication": True,
                },
            },
        ],
        "edges": [
            {"id": "on", "kind": "rule", "source": "bus", "target": "r"},
            {
                "id": "t",
                "kind": "target",
                "source": "r",
                "target": "q",
                "props": {"SqsParameters": {"MessageGroupId": "orders"}},
            },
        ],
    }
    text = export_template(doc)
    assert "MessageGroupId: orders" in text
    assert lint_findings(text)[0] == []
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)


@pytest.mark.parametrize(
    "pattern",
    [
        {"source": ["shop.orders"], "detail-type": ["OrderPlaced"]},
        {"source": [{"prefix": "shop."}], "detail": {"amount": [{"numeric": [">", 100]}]}},
        {"source": ["a"], "detail": {"state": [{"anything-but": ["open", "new"]}]}},
        {"source": ["a"], "detail": {"gone": [{"exists": False}], "here": [{"exists": True}]}},
        {"source": ["a"], "detail": {"ip": [{"cidr": "10.0.0.0/24"}]}},
        {"source": ["a"], "detail": {"name": [{"suffix": ".png"}], "n": [{"numeric": ["=", 3]}]}},
        {"$or": [{"source": ["a"]}, {"detail-type": ["b"]}]},
        {"source": ["a"], "account": ["123456789012"], "region": ["us-east-1"]},
    ],
)
def test_a_starter_event_matches_the_pattern_it_was_made_for(pattern):
    entry = example_entry(pattern)
    assert entry is not None
    event = {
        "version": "0",
        "id": "x",
        "detail-type": entry["detail-type"],
        "source": entry["source"],
        "account": "123456789012",
        "time": "2026-01-01T00:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": entry["detail"],
    }
    assert matches(pattern, event)


def test_no_starter_event_for_a_pattern_no_put_event_can_match():
    assert example_entry({"account": ["999999999999"]}) is None


STARTERS = with_function(
    """\
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        QueueConfigurations:
          - Event: s3:ObjectCreated:*
            Queue: !GetAtt Thumbs.Arn
            Filter:
              S3Key:
                Rules:
                  - {Name: prefix, Value: images/}
                  - {Name: suffix, Value: .png}
  Thumbs: {Type: AWS::SQS::Queue}
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: N}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Reader:
    Type: AWS::Lambda::Function
    Properties: {FUNCTION}
  ReadOrders:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Reader
      EventSourceArn: !GetAtt Orders.StreamArn
      StartingPosition: LATEST
  Lonely: {Type: AWS::SQS::Queue}
"""
)


def test_each_entry_point_gets_starter_traffic_it_accepts():
    document, _ = import_template(STARTERS)
    starters = {
        e["target"]: next(n for n in document["nodes"] if n["id"] == e["source"])
        for e in document["edges"]
        if e["kind"] == "publish"
    }
    # the bucket's starter writes keys its notification lets through; the table's has its
    # key; the queue the bucket feeds and the queue nothing reads get none
    assert set(starters) == {"uploads", "orders"}
    assert starters["uploads"]["sim"]["payload"]["key"] == "images/starter-{{seq}}.png"
    assert starters["orders"]["sim"]["payload"]["pk"] == "{{seq}}"
    assert all(s["role"] == "starter" for s in starters.values())
    sim = Simulation(load_diagram(document), seed=1)
    sim.run(10)
    nodes = sim.report()["nodes"]
    assert nodes["thumbs"]["metrics"]["NumberOfMessagesSent"] >= 9
    assert nodes["reader"]["metrics"]["Invocations"] >= 9


def test_a_template_with_eventyards_metadata_gets_no_starters():
    document, _ = import_template(STARTERS)
    back, _ = import_template(export_template(document))
    assert [n["id"] for n in back["nodes"] if n.get("role") == "starter"] == [
        n["id"] for n in document["nodes"] if n.get("role") == "starter"
    ]  # the starters it had come back as drawn, no new ones


def test_an_api_destination_exports_with_its_connection_and_comes_back():
    from designer.cloudformation.template_text import load_text
    from tests.designer.cfn_support import example

    doc = example("saas-partner-events")
    text = export_template(doc)
    assert lint_findings(text)[0] == []
    template = load_text(text)
    resources = template["Resources"]
    [destination] = [r for r in resources.values() if r["Type"] == "AWS::Events::ApiDestination"]
    [connection] = [r for r in resources.values() if r["Type"] == "AWS::Events::Connection"]
    assert destination["Properties"]["InvocationRateLimitPerSecond"] == 5
    key = connection["Properties"]["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyValue"]
    assert template["Parameters"][key["Ref"]]["NoEcho"] is True  # no secret in the template
    role_actions = [
        s["Action"]
        for r in resources.values()
        if r["Type"] == "AWS::IAM::Role"
        for p in r["Properties"].get("Policies", [])
        for s in p["PolicyDocument"]["Statement"]
    ]
    assert any("events:InvokeApiDestination" in a for a in role_actions)
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)
    bare = dict(template)
    del bare["Metadata"]
    from designer.cloudformation.template_text import dump_yaml

    again, warnings = import_template(dump_yaml(bare))
    assert ("target", "urgent", "status-page") in edges_of(again)
    assert not [w for w in warnings if w["code"] == "unsupported_resource"]


def test_what_a_run_would_refuse_is_left_out_at_import_not_after():
    """An alarm on a Lambda's average Duration loads, but a run refuses it (the engine
    reports Duration only as a run-long average): import says so and leaves it out, so
    the document it gives always runs."""
    document, warnings = import_template(
        with_function(
            """\
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {FUNCTION}
  SlowAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Duration
      Dimensions: [{Name: FunctionName, Value: !Ref Fn}]
      Statistic: Average
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1000
      ComparisonOperator: GreaterThanThreshold
"""
        )
    )
    assert ("Resources.SlowAlarm.Properties.MetricName", "unsupported_metric") in {
        (w["path"], w["code"]) for w in warnings
    }
    Simulation(load_diagram(document), seed=1).run(5)  # no DiagramError


def band_alarm_doc(**props) -> dict:
    alarm = {
        "id": "unusual",
        "type": "cloudwatch.alarm",
        "props": {
            "watch": "orders",
            "MetricName": "NumberOfMessagesSent",
            "Statistic": "Sum",
            "Period": 60,
            "EvaluationPeriods": 2,
            "DatapointsToAlarm": 2,
            "ComparisonOperator": "LessThanLowerOrGreaterThanUpperThreshold",
            **props,
        },
    }
    return {
        "format": "eventyard/1",
        "name": "Unusual order traffic",
        "nodes": [
            {"id": "orders", "type": "sqs.queue", "props": {"QueueName": "orders"}},
            {"id": "ops", "type": "sns.topic"},
            alarm,
        ],
        "edges": [{"id": "a1", "kind": "alarm-action", "source": "unusual", "target": "ops"}],
    }


@pytest.mark.parametrize("width", [None, 2, 3.5])
def test_an_anomaly_detection_alarm_exports_its_band_and_comes_back(width):
    document = band_alarm_doc(**({} if width is None else {"AnomalyDetectionThreshold": width}))
    text = export_template(document)
    alarm = load_text(text)["Resources"]["Unusual"]["Properties"]
    assert alarm["ThresholdMetricId"] == "ad1"
    assert alarm["ComparisonOperator"] == "LessThanLowerOrGreaterThanUpperThreshold"
    assert not {"Threshold", "MetricName", "Namespace", "Statistic", "Period"} & set(alarm)
    metric, band = alarm["Metrics"]
    assert metric == {
        "Id": "m1",
        "MetricStat": {
            "Metric": {
                "Namespace": "AWS/SQS",
                "MetricName": "NumberOfMessagesSent",
                "Dimensions": [
                    {"Name": "QueueName", "Value": {"Fn::GetAtt": ["Orders", "QueueName"]}}
                ],
            },
            "Period": 60,
            "Stat": "Sum",
        },
        "ReturnData": True,
    }
    assert band["Expression"] == f"ANOMALY_DETECTION_BAND(m1, {width or 2:g})"
    assert lint_findings(text)[0] == []
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(document)
    plain = load_text(text)
    del plain["Metadata"]
    bare, warnings = import_template(dump_yaml(plain))
    [read] = [n for n in bare["nodes"] if n["type"] == "cloudwatch.alarm"]
    assert read["props"]["watch"] == "orders"
    assert read["props"]["MetricName"] == "NumberOfMessagesSent"
    assert read["props"].get("AnomalyDetectionThreshold") == (width if width != 2 else None)


def test_a_hand_written_anomaly_alarm_imports_and_other_metric_math_is_said():
    template = """\
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Unusual:
    Type: AWS::CloudWatch::Alarm
    Properties:
      ComparisonOperator: GreaterThanUpperThreshold
      EvaluationPeriods: 1
      ThresholdMetricId: band
      Metrics:
        - Id: sent
          ReturnData: true
          MetricStat:
            Metric:
              Namespace: AWS/SQS
              MetricName: NumberOfMessagesSent
              Dimensions: [{Name: QueueName, Value: !GetAtt Orders.QueueName}]
            Period: 300
            Stat: Sum
        - Id: band
          Expression: ANOMALY_DETECTION_BAND(sent, 3)
  Ratio:
    Type: AWS::CloudWatch::Alarm
    Properties:
      ComparisonOperator: GreaterThanThreshold
      EvaluationPeriods: 1
      Threshold: 0.5
      Metrics:
        - Id: e1
          Expression: m1 / m2
          ReturnData: true
"""
    document, warnings = import_template(template)
    alarms = {n["id"]: n["props"] for n in document["nodes"] if n["type"] == "cloudwatch.alarm"}
    assert alarms["unusual"] == {
        "ComparisonOperator": "GreaterThanUpperThreshold",
        "EvaluationPeriods": 1,
        "MetricName": "NumberOfMessagesSent",
        "Statistic": "Sum",
        "Period": 300,
        "AnomalyDetectionThreshold": 3,
        "watch": "orders",
    }
    assert "ratio" not in alarms  # it watches no one metric of the diagram: left out, said
    codes = {(w["path"], w["code"]) for w in warnings}
    assert ("Resources.Ratio.Properties.Metrics", "unsupported_metric_math") in codes
    Simulation(load_diagram(document)).run(30)
