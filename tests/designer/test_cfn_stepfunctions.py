"""CloudFormation for Step Functions: the definition with each Task's integration and a
`DefinitionSubstitutions` placeholder for what it calls, a role that states.amazonaws.com
assumes with exactly the calls the tasks make, cfn-lint clean, and an import that turns
placeholders, `Fn::Sub` references and ARNs back into `task` edges. The example
`step-functions-order-workflow` is also exported, deployed and round-tripped with every
other example."""

from __future__ import annotations

import json

import pytest

from designer.cloudformation import export_template
from designer.cloudformation.importer import import_template
from designer.cloudformation.template_text import load_text
from engine import load_diagram
from tests.designer.cfn_support import canonical, lint_findings, resources_of
from tests.engine.builders import diagram, edge, node


def workflow_doc() -> dict:
    definition = {
        "StartAt": "Check",
        "States": {
            "Check": {"Type": "Task", "Next": "Queue it"},
            "Queue it": {
                "Type": "Task",
                "Parameters": {"MessageBody.$": "$.order"},
                "Next": "Tell",
            },
            "Tell": {
                "Type": "Task",
                "Parameters": {
                    "Entries": [{"Source": "shop", "DetailType": "Checked", "Detail.$": "$"}]
                },
                "Next": "Child",
            },
            "Child": {
                "Type": "Task",
                "Resource": "arn:aws:states:::states:startExecution.sync:2",
                "End": True,
            },
        },
    }
    return diagram(
        [
            node(
                "flow",
                "stepfunctions.statemachine",
                {"StateMachineName": "flow", "Definition": definition},
            ),
            node("check", "lambda.function", {"FunctionName": "check"}),
            node("orders", "sqs.queue"),
            node("bus", "eventbridge.bus", {"Name": "shop"}),
            node("child", "stepfunctions.statemachine", {"StateMachineType": "STANDARD"}),
        ],
        [
            edge("task", "flow", "check", "t1", State="Check"),
            edge("task", "flow", "orders", "t2", State="Queue it"),
            edge("task", "flow", "bus", "t3", State="Tell"),
            edge("task", "flow", "child", "t4", State="Child"),
        ],
    )


def test_the_definition_names_each_target_through_a_substitution():
    template = load_text(export_template(workflow_doc()))
    machines = resources_of(template, "AWS::StepFunctions::StateMachine")
    props = machines["Flow"]["Properties"]
    states = props["Definition"]["States"]
    assert states["Check"]["Resource"] == "arn:aws:states:::lambda:invoke"
    assert states["Check"]["Parameters"] == {"Payload.$": "$", "FunctionName": "${CheckArn}"}
    assert states["Queue it"]["Parameters"] == {
        "MessageBody.$": "$.order",
        "QueueUrl": "${OrdersUrl}",
    }
    assert states["Tell"]["Parameters"]["Entries"][0]["EventBusName"] == "${BusArn}"
    assert states["Child"]["Parameters"] == {"Input.$": "$", "StateMachineArn": "${ChildArn}"}
    assert props["DefinitionSubstitutions"] == {
        "CheckArn": {"Fn::GetAtt": ["Check", "Arn"]},
        "OrdersUrl": {"Ref": "Orders"},
        "BusArn": {"Fn::GetAtt": ["Bus", "Arn"]},
        "ChildArn": {"Ref": "Child"},
    }


def test_the_role_allows_exactly_the_calls_its_tasks_make():
    template = load_text(export_template(workflow_doc()))
    role = resources_of(template, "AWS::IAM::Role")["FlowRole"]["Properties"]
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"]
    assert trust == "states.amazonaws.com"
    statements = {s["Sid"]: s for s in role["Policies"][0]["PolicyDocument"]["Statement"]}
    assert statements["CallCheck"]["Action"] == ["lambda:InvokeFunction"]
    assert statements["CallCheck"]["Resource"] == [{"Fn::GetAtt": ["Check", "Arn"]}]
    assert statements["CallOrders"]["Action"] == ["sqs:SendMessage"]
    assert statements["CallBus"]["Action"] == ["events:PutEvents"]
    assert statements["CallChild"]["Action"] == ["states:StartExecution"]
    # `.sync` watches the child's executions through a managed rule
    assert statements["WatchChild"]["Action"] == [
        "states:DescribeExecution",
        "states:StopExecution",
    ]
    assert statements["WatchExecutions"]["Action"] == [
        "events:PutTargets",
        "events:PutRule",
        "events:DescribeRule",
    ]
    every = [a for s in statements.values() for a in s["Action"]]
    assert not any("*" in action for action in every)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_workflow_lints_clean_and_imports_back(fmt):
    doc = workflow_doc()
    text = export_template(doc, fmt=fmt)
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)


def test_table_tasks_are_granted_exactly_their_operation_and_come_back():
    key = {"id": {"S.$": "$.id"}}
    definition = {
        "StartAt": "Read",
        "States": {
            "Read": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:getItem",
                "Parameters": {"Key": key},
                "Next": "Count",
            },
            "Count": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:updateItem",
                "Parameters": {
                    "Key": key,
                    "UpdateExpression": "ADD visits :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}},
                },
                "Next": "Forget",
            },
            "Forget": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:deleteItem",
                "Parameters": {"Key": key},
                "End": True,
            },
        },
    }
    doc = diagram(
        [
            node("flow", "stepfunctions.statemachine", {"Definition": definition}),
            node("visits", "dynamodb.table", {"TableName": "visits"}),
            node("audit", "dynamodb.table", {"TableName": "audit"}),
        ],
        [
            edge("task", "flow", "visits", "t1", State="Read"),
            edge("task", "flow", "visits", "t2", State="Count"),
            edge("task", "flow", "audit", "t3", State="Forget"),
        ],
    )
    text = export_template(doc)
    template = load_text(text)
    role = resources_of(template, "AWS::IAM::Role")["FlowRole"]["Properties"]
    statements = {s["Sid"]: s for s in role["Policies"][0]["PolicyDocument"]["Statement"]}
    assert statements["CallVisits"]["Action"] == ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    assert statements["CallVisits"]["Resource"] == [{"Fn::GetAtt": ["Visits", "Arn"]}]
    assert statements["CallAudit"]["Action"] == ["dynamodb:DeleteItem"]
    states = template["Resources"]["Flow"]["Properties"]["Definition"]["States"]
    assert states["Read"]["Parameters"]["TableName"] == "${VisitsName}"
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)


def test_a_rule_starts_a_machine_through_a_role_allowed_start_execution():
    doc = diagram(
        [
            node("bus", "eventbridge.bus", {"Name": "shop"}),
            node("rule", "eventbridge.rule", {"EventPattern": {"source": ["shop"]}}),
            node("flow", "stepfunctions.statemachine"),
        ],
        [edge("rule", "bus", "rule"), edge("target", "rule", "flow", "go")],
    )
    template = load_text(export_template(doc))
    rule = resources_of(template, "AWS::Events::Rule")["Rule"]["Properties"]
    assert rule["Targets"][0]["Arn"] == {"Ref": "Flow"}
    role = resources_of(template, "AWS::IAM::Role")["RuleTargetRole"]["Properties"]
    (grant,) = role["Policies"][0]["PolicyDocument"]["Statement"]
    assert grant["Action"] == ["states:StartExecution"]
    assert lint_findings(export_template(doc)) == ([], [])


HAND_WRITTEN = """\
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
  Charge:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: charge
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code: {ZipFile: "def handler(e, c): return e"}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/flow
      DefinitionString: !Sub |
        {"StartAt": "Charge",
         "States": {
           "Charge": {"Type": "Task", "Resource": "${Charge.Arn}", "Next": "Send"},
           "Send": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl": "${Orders}", "MessageBody.$": "$"}, "Next": "Wait"},
           "Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/elsewhere"},
                    "End": true}}}
"""


def test_a_hand_written_machine_becomes_task_edges_and_warns_about_the_rest():
    document, warnings = import_template(HAND_WRITTEN)
    load_diagram(document)  # a document the engine runs
    tasks = [e for e in document["edges"] if e["kind"] == "task"]
    edges = {(e["kind"], e["source"], e["target"], e["props"]["State"]) for e in tasks}
    assert edges == {("task", "flow", "charge", "Charge"), ("task", "flow", "orders", "Send")}
    # nothing in the template starts the machine: a starter producer does, to watch it run
    [starter] = [n for n in document["nodes"] if n.get("role") == "starter"]
    assert [(e["source"], e["target"]) for e in document["edges"] if e["kind"] == "publish"] == [
        (starter["id"], "flow")
    ]
    (flow,) = [n for n in document["nodes"] if n["id"] == "flow"]
    states = flow["props"]["Definition"]["States"]
    assert states["Charge"]["Resource"].startswith("arn:aws:lambda:")
    assert "Resource" not in states["Send"] and "Parameters" not in states["Send"]
    assert states["Wait"]["Type"] == "Pass"
    assert [w["code"] for w in warnings] == ["unmapped_task"]
    assert json.dumps(warnings[0]["path"]).count("Wait") == 1
