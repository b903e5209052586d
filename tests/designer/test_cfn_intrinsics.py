"""Import computes what a template's intrinsic functions stand for where the diagram wants
a literal (CloudFormation's "Intrinsic function reference", "Pseudo parameters
reference"): in the simulated account and Region, parameters by their defaults (a stand-in,
said, for one without), resources by the names, URLs and ARNs the engine gives them."""

from __future__ import annotations

import pytest

from designer.cloudformation import import_template
from designer.cloudformation.intrinsics import Evaluator
from designer.cloudformation.refs import UNRESOLVED, ImportContext
from designer.cloudformation.template_text import load_text
from engine import Simulation, load_diagram

TEMPLATE = """\
Parameters:
  Stage: {Type: String, Default: prod}
  Sizes: {Type: CommaDelimitedList, Default: "s,m"}
  Limit: {Type: Number, Default: "5"}
  Given: {Type: String}
  Colour: {Type: String, AllowedValues: [blue, green]}
Mappings:
  Env:
    prod: {Retention: 7}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  NotProd: !Not [!Condition IsProd]
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "orders-${Stage}"
  Jobs:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Uploads:
    Type: AWS::S3::Bucket
"""


def evaluate(value, template=TEMPLATE):
    doc = load_text(template)
    ctx = ImportContext(doc["Resources"], meta=None, template=doc)  # type: ignore[arg-type]
    ctx.node_of = {lid: lid.lower() for lid in doc["Resources"]}
    return Evaluator(doc, ctx).value(value), ctx.warnings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"Fn::Sub": "${AWS::AccountId}.orders"}, "123456789012.orders"),
        ({"Ref": "AWS::Region"}, "us-east-1"),
        ({"Fn::Sub": "arn:${AWS::Partition}:sqs:${AWS::Region}:x"}, "arn:aws:sqs:us-east-1:x"),
        ({"Ref": "Stage"}, "prod"),
        ({"Ref": "Sizes"}, ["s", "m"]),
        ({"Ref": "Limit"}, 5),
        ({"Ref": "Orders"}, "https://sqs.us-east-1.amazonaws.com/123456789012/orders-prod"),
        ({"Fn::GetAtt": ["Orders", "Arn"]}, "arn:aws:sqs:us-east-1:123456789012:orders-prod"),
        ({"Fn::GetAtt": "Jobs.QueueName"}, "jobs"),  # unnamed: the name its node id gives
        ({"Ref": "Topic"}, "arn:aws:sns:us-east-1:123456789012:topic"),
        ({"Ref": "Uploads"}, "uploads"),
        ({"Fn::Join": ["-", [{"Ref": "Stage"}, "x"]]}, "prod-x"),
        ({"Fn::Select": [1, {"Fn::Split": [",", "a,b,c"]}]}, "b"),
        ({"Fn::FindInMap": ["Env", {"Ref": "Stage"}, "Retention"]}, 7),
        ({"Fn::If": ["IsProd", "big", "small"]}, "big"),
        ({"Fn::If": ["NotProd", "big", "small"]}, "small"),
        ({"detail": {"a": [{"Ref": "AWS::NoValue"}, 1]}}, {"detail": {"a": [1]}}),
        ({"Fn::Sub": ["${A}-${B}", {"A": "x", "B": {"Ref": "Stage"}}]}, "x-prod"),
        ({"Fn::Sub": "${!Literal}"}, "${Literal}"),
        ({"Fn::ToJsonString": {"a": {"Ref": "Stage"}}}, '{"a":"prod"}'),
        ({"Fn::ImportValue": "other-stack-queue"}, UNRESOLVED),
        ({"Ref": "Nowhere"}, UNRESOLVED),
        ({"Fn::GetAtt": ["Orders", "Unknown"]}, UNRESOLVED),
    ],
)
def test_values_are_computed_as_cloudformation_would(value, expected):
    got, _ = evaluate(value)
    assert got == expected


def test_a_parameter_without_default_gets_a_stand_in_said_once():
    got, warnings = evaluate({"Fn::Sub": "${Given}-${Given}-${Colour}"})
    assert got == "given-given-blue"
    assert sorted((w["path"], w["code"]) for w in warnings) == [
        ("Parameters.Colour", "parameter_stand_in"),
        ("Parameters.Given", "parameter_stand_in"),
    ]


def test_names_that_refer_to_each_other_do_not_loop():
    looping = (
        "Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        "      QueueName: !GetAtt B.QueueName\n  B:\n    Type: AWS::SQS::Queue\n"
        "    Properties:\n      QueueName: !GetAtt A.QueueName\n"
    )
    got, _ = evaluate({"Fn::GetAtt": ["A", "QueueName"]}, looping)
    assert got is UNRESOLVED


def test_a_rule_whose_pattern_holds_intrinsics_comes_back_and_routes_events():
    template = """\
Parameters:
  Source: {Type: String, Default: shop.orders}
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "uploads-${AWS::AccountId}"
      NotificationConfiguration:
        EventBridgeConfiguration: {EventBridgeEnabled: true}
  Inbox:
    Type: AWS::SQS::Queue
  OnUpload:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [aws.s3]
        detail:
          bucket:
            name: [!Ref Uploads]
      Targets:
        - {Id: q, Arn: !GetAtt Inbox.Arn}
  OnOrder:
    Type: AWS::Events::Rule
    Properties:
      EventPattern:
        source: [!Ref Source]
        account: [!Ref AWS::AccountId]
        region: [!Ref AWS::Region]
      Targets:
        - {Id: q, Arn: !GetAtt Inbox.Arn}
"""
    document, warnings = import_template(template)
    assert not [w for w in warnings if w["code"] == "not_literal"]
    nodes = {n["id"]: n for n in document["nodes"]}
    assert nodes["uploads"]["props"]["BucketName"] == "uploads-123456789012"
    assert nodes["on-upload"]["props"]["EventPattern"]["detail"] == {
        "bucket": {"name": ["uploads-123456789012"]}
    }
    assert nodes["on-order"]["props"]["EventPattern"] == {
        "source": ["shop.orders"],
        "account": ["123456789012"],
        "region": ["us-east-1"],
    }
    # the starter's event matches the rule it was made for: the run routes it
    sim = Simulation(load_diagram(document), seed=1)
    sim.run(10)
    assert sim.report()["nodes"]["inbox"]["metrics"]["NumberOfMessagesSent"] > 0
