"""SAM export: functions with their Events, EventInvokeConfig, DeadLetterQueue and SAM
policy templates; what AWS's transform makes of it lints clean, deploys and imports back
as the same diagram."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from designer.cloudformation import export_template, import_template
from designer.cloudformation.sam import expand
from designer.cloudformation.template_text import load_text
from engine import DiagramError
from tests.designer.builders import edge, make_doc
from tests.designer.cfn_support import EXAMPLES, canonical, deployable, example, lint_findings
from tests.designer.test_cfn_import import diagrams
from tests.engine.builders import node

FUNCTION_PLUMBING = (
    "AWS::Lambda::Function",
    "AWS::Lambda::EventSourceMapping",
    "AWS::Lambda::Permission",
    "AWS::Lambda::EventInvokeConfig",
    "AWS::IAM::Role",
    "AWS::SNS::Subscription",
)


def everything_doc() -> dict:
    """One function invoked every way SAM has an event for, sending every way it can."""
    return make_doc(
        [
            node("orders", "sqs.queue", {"QueueName": "orders"}),
            node("clicks", "kinesis.stream", {"Name": "clicks", "ShardCount": 1}),
            node(
                "table",
                "dynamodb.table",
                {"TableName": "carts", "StreamSpecification": {"StreamViewType": "NEW_IMAGE"}},
            ),
            node("news", "sns.topic", {"TopicName": "news"}),
            node("uploads", "s3.bucket", {"BucketName": "eventyard-sam-uploads"}),
            node("bus", "eventbridge.bus", {"Name": "shop"}),
            node("paid", "eventbridge.rule", {"EventPattern": {"detail-type": ["Paid"]}}),
            node("nightly", "eventbridge.rule", {"ScheduleExpression": "rate(1 day)"}),
            node("fanout", "eventbridge.rule", {"EventPattern": {"source": ["shop"]}}),
            node("audit", "sqs.queue"),
            node("rule-dlq", "sqs.queue"),
            node("worker", "lambda.function", {"FunctionName": "worker", "Timeout": 30}),
            node("failed", "sqs.queue"),
            node("dead", "sqs.queue"),
            node("done", "sns.topic"),
            node("out", "sqs.queue", {"QueueName": "out"}),
            node("alerts", "sns.topic", {"TopicName": "alerts"}),
            node("ledger", "dynamodb.table", {"TableName": "ledger"}),
            node("log", "kinesis.stream", {"ShardCount": 1}),
        ],
        [
            edge("e-orders", "event-source", "orders", "worker", BatchSize=5),
            edge(
                "e-clicks",
                "event-source",
                "clicks",
                "worker",
                StartingPosition="TRIM_HORIZON",
                BisectBatchOnFunctionError=True,
                DestinationConfig={"OnFailure": {"Destination": "failed"}},
            ),
            edge("e-table", "event-source", "table", "worker", StartingPosition="LATEST"),
            edge("e-news", "subscription", "news", "worker", FilterPolicy={"kind": ["big"]}),
            edge(
                "e-uploads",
                "notification",
                "uploads",
                "worker",
                Events=["s3:ObjectCreated:*"],
                Filter={"S3Key": {"Rules": [{"Name": "suffix", "Value": ".jpg"}]}},
            ),
            edge("e-bus", "rule", "bus", "paid"),
            edge(
                "e-paid",
                "target",
                "paid",
                "worker",
                RetryPolicy={"MaximumRetryAttempts": 2},
                DeadLetterConfig={"Arn": "rule-dlq"},
            ),
            edge("e-nightly", "target", "nightly", "worker"),
            edge("e-bus-fanout", "rule", "bus", "fanout"),
            edge("e-fanout-worker", "target", "fanout", "worker"),
            edge("e-fanout-audit", "target", "fanout", "audit"),
            edge("e-done", "destination", "worker", "done", condition="OnSuccess"),
            edge("e-out", "publish", "worker", "out"),
            edge("e-alerts", "publish", "worker", "alerts"),
            edge("e-ledger", "publish", "worker", "ledger"),
            edge("e-log", "publish", "worker", "log"),
            edge("e-bus-put", "publish", "worker", "bus"),
            # a publish target that is also a destination keeps its own statement
            edge("e-done-publish", "publish", "worker", "done"),
        ],
    )


def sam_of(document: dict) -> tuple[str, dict]:
    text = export_template(document, fmt="sam")
    return text, load_text(text)


def function_of(template: dict, lid: str = "Worker") -> dict:
    resource = template["Resources"][lid]
    assert resource["Type"] == "AWS::Serverless::Function"
    return resource["Properties"]


def expanded(template: dict) -> dict:
    warnings: list = []
    result = expand(template, warnings).template
    assert warnings == []
    return result


def assert_round_trip(document: dict, text: str) -> None:
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(json.loads(json.dumps(document)))
    assert export_template(back, fmt="sam") == text


def test_every_way_a_function_is_invoked_is_one_of_its_events():
    document = everything_doc()
    worker = document["nodes"][11]
    worker["props"]["DeadLetterConfig"] = {"TargetArn": "dead"}
    worker["sim"] = {"MaximumRetryAttempts": 1}
    text, template = sam_of(document)
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    plumbing = {lid for lid, r in template["Resources"].items() if r["Type"] in FUNCTION_PLUMBING}
    # SAM makes the rest from the function; the rule with two targets is not its event
    assert plumbing == {"WorkerInvokedByFanout"}
    props = function_of(template)
    events = props["Events"]
    assert events["Orders"] == {
        "Type": "SQS",
        "Properties": {"Queue": {"Fn::GetAtt": ["Orders", "Arn"]}, "BatchSize": 5},
    }
    assert events["Clicks"]["Type"] == "Kinesis"
    assert events["Clicks"]["Properties"]["BisectBatchOnFunctionError"] is True
    # `Type` is how SAM knows to grant the send to the destination
    assert events["Clicks"]["Properties"]["DestinationConfig"] == {
        "OnFailure": {"Type": "SQS", "Destination": {"Fn::GetAtt": ["Failed", "Arn"]}}
    }
    assert events["Table"]["Properties"]["Stream"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    assert events["News"] == {
        "Type": "SNS",
        "Properties": {"Topic": {"Ref": "News"}, "FilterPolicy": {"kind": ["big"]}},
    }
    assert events["Uploads"] == {
        "Type": "S3",
        "Properties": {
            "Bucket": {"Ref": "Uploads"},
            "Events": "s3:ObjectCreated:*",
            "Filter": {"S3Key": {"Rules": [{"Name": "suffix", "Value": ".jpg"}]}},
        },
    }
    assert events["Paid"]["Type"] == "EventBridgeRule"
    assert events["Paid"]["Properties"] == {
        "Pattern": {"detail-type": ["Paid"]},
        "EventBusName": {"Ref": "Bus"},
        "RetryPolicy": {"MaximumRetryAttempts": 2},
        "DeadLetterConfig": {"Arn": {"Fn::GetAtt": ["RuleDlq", "Arn"]}},
        "Target": {"Id": "e-paid"},
    }
    assert events["Nightly"] == {"Type": "Schedule", "Properties": {"Schedule": "rate(1 day)"}}
    # a rule with two targets stays a rule of its own
    assert template["Resources"]["Fanout"]["Type"] == "AWS::Events::Rule"
    assert "Fanout" not in events
    assert props["EventInvokeConfig"] == {
        "MaximumRetryAttempts": 1,
        "DestinationConfig": {"OnSuccess": {"Type": "SNS", "Destination": {"Ref": "Done"}}},
    }
    assert props["DeadLetterQueue"] == {
        "Type": "SQS",
        "TargetArn": {"Fn::GetAtt": ["Dead", "Arn"]},
    }
    templates, inline = [], []
    for policy in props["Policies"]:
        (inline if "Statement" in policy else templates).append(policy)
    assert templates == [
        {"SQSSendMessagePolicy": {"QueueName": {"Fn::GetAtt": ["Out", "QueueName"]}}},
        {"SNSPublishMessagePolicy": {"TopicName": {"Fn::GetAtt": ["Alerts", "TopicName"]}}},
        {"DynamoDBWritePolicy": {"TableName": {"Ref": "Ledger"}}},
        {"EventBridgePutEventsPolicy": {"EventBusName": {"Ref": "Bus"}}},
    ]
    # no template grants a Kinesis write without stream administration: the statement stays;
    # and the topic that is also a destination keeps its Publish statement
    [statements] = inline
    assert [s["Sid"] for s in statements["Statement"]] == ["PublishLog", "PublishDone"]
    # the rule's dead-letter queue lets the rule SAM makes send to it, by the name SAM gives it
    policy = template["Resources"]["RuleDlqPolicy"]["Properties"]["PolicyDocument"]
    [allow] = policy["Statement"]
    assert allow["Condition"]["ArnEquals"]["aws:SourceArn"] == [
        {"Fn::GetAtt": ["WorkerPaid", "Arn"]}
    ]
    made = expanded(template)["Resources"]
    assert made["WorkerPaid"]["Type"] == "AWS::Events::Rule"
    assert made["WorkerOrders"]["Type"] == "AWS::Lambda::EventSourceMapping"
    assert "WorkerRole" in made and "WorkerEventInvokeConfig" in made
    assert_round_trip(document, text)
    errors, _ = lint_findings(text)
    assert errors == []


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_exports_as_sam_that_lints_and_imports_back(name):
    document = example(name)
    text, template = sam_of(document)
    made = expanded(template)
    functions = [r for r in template["Resources"].values() if r["Type"].endswith("::Function")]
    assert all(f["Type"] == "AWS::Serverless::Function" for f in functions)
    assert len(functions) == sum(
        r["Type"] == "AWS::Lambda::Function" for r in made["Resources"].values()
    )
    errors, others = lint_findings(text)
    assert errors == [], "\n".join(errors + others)
    assert_round_trip(document, text)


@pytest.mark.filterwarnings("ignore:Tried to parse AWS:UserWarning")  # moto's skipped types
@pytest.mark.parametrize("name", ["sns-fanout-filters", "kinesis-poison-bisect", "s3-image-upload"])
def test_what_sam_makes_of_the_export_deploys(name):
    boto3 = pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    _, template = sam_of(example(name))
    made = deployable(expanded(template))
    with moto.mock_aws(config={"lambda": {"use_docker": False}}):
        cloudformation = boto3.client(
            "cloudformation",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        cloudformation.create_stack(
            StackName="eventyard-sam",
            TemplateBody=json.dumps(made),
            Capabilities=["CAPABILITY_IAM"],
        )
        [stack] = cloudformation.describe_stacks(StackName="eventyard-sam")["Stacks"]
        assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
        functions = boto3.client(
            "lambda",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).list_functions()["Functions"]
        wanted = sum(
            r["Type"] == "AWS::Serverless::Function" for r in template["Resources"].values()
        )
        assert len(functions) == wanted


def test_a_function_destination_that_would_close_a_cycle_keeps_the_plain_invoke_config():
    document = make_doc(
        [
            node("a", "lambda.function"),
            node("b", "lambda.function"),
            node("q", "sqs.queue"),
        ],
        [
            edge("e1", "event-source", "q", "a"),
            edge("e2", "destination", "a", "b", condition="OnFailure"),
            edge("e3", "destination", "b", "a", condition="OnFailure"),
        ],
    )
    text, template = sam_of(document)
    configs = [
        r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::EventInvokeConfig"
    ]
    assert len(configs) == 2
    for lid in ("A", "B"):
        props = function_of(template, lid)
        assert "EventInvokeConfig" not in props
        [statements] = [p for p in props["Policies"] if "Statement" in p]
        assert [s["Sid"] for s in statements["Statement"]] == [
            f"OnFailure{'B' if lid == 'A' else 'A'}"
        ]
    expanded(template)  # no circular dependency for SAM to refuse
    assert_round_trip(document, text)
    assert lint_findings(text)[0] == []


def test_a_resource_named_as_sam_names_a_role_is_a_clear_problem():
    document = make_doc(
        [node("worker", "lambda.function"), node("worker-role", "sqs.queue")],
        [],
    )
    with pytest.raises(DiagramError) as raised:
        export_template(document, fmt="sam")
    [problem] = raised.value.problems
    assert problem.code == "sam_name_taken"
    assert problem.path == "nodes[0].id"
    assert "'WorkerRole'" in problem.message
    export_template(document)  # the plain template names its role otherwise


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(diagrams())
def test_random_diagrams_export_as_sam_and_round_trip(doc):
    try:
        text = export_template(doc, fmt="sam")
    except DiagramError as error:
        assert {p.code for p in error.problems} == {"sam_name_taken"}
        return
    expanded(load_text(text))
    assert_round_trip(doc, text)
