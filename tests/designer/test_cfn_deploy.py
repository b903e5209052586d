"""Every example's template deploys into moto's CloudFormation, and what moto creates is there.

moto 5 creates queues, topics, functions, event source mappings, streams, tables, buses,
rules with their targets, buckets, roles and Lambda permissions from a template. It skips
subscriptions, queue and topic policies, stream consumers, invoke configs and alarms (the
stack still completes), and cannot refer to a stream consumer or name a bus by `Ref`:
`cfn_support.deployable` works around those two, and the skipped types are checked in the
template itself.
"""

from __future__ import annotations

import json

import pytest

from designer.cloudformation import export_template
from engine import load_diagram
from tests.designer.cfn_support import EXAMPLES, deployable, example, resources_of

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")
REGION = "us-east-1"
# moto says which types it skips; the tests below check those from the template instead.
pytestmark = pytest.mark.filterwarnings("ignore:Tried to parse AWS:UserWarning")


@pytest.fixture
def aws(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
    }.items():
        monkeypatch.setenv(name, value)
    with moto.mock_aws(config={"lambda": {"use_docker": False}}):
        yield lambda service: boto3.client(service, region_name=REGION)


def create_stack(aws, template: dict) -> dict:
    """Create the stack, passing what a deployer must (a Flink application's code bucket)
    for each parameter without a default."""
    cloudformation = aws("cloudformation")
    values = [
        {"ParameterKey": name, "ParameterValue": "arn:aws:s3:::eventyard-code"}
        for name, spec in template.get("Parameters", {}).items()
        if "Default" not in spec
    ]
    cloudformation.create_stack(
        StackName="eventyard",
        TemplateBody=json.dumps(template),
        Capabilities=["CAPABILITY_IAM"],
        Parameters=values,
    )
    return cloudformation.describe_stacks(StackName="eventyard")["Stacks"][0]


def count(template: dict, cfn_type: str) -> int:
    return len(resources_of(template, cfn_type))


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_deploys_and_creates_its_resources(aws, name):
    template = json.loads(export_template(example(name), fmt="json"))
    stack = create_stack(aws, deployable(template))
    assert stack["StackStatus"] == "CREATE_COMPLETE", stack.get("StackStatusReason")
    assert len(aws("sqs").list_queues().get("QueueUrls", [])) == count(template, "AWS::SQS::Queue")
    assert len(aws("sns").list_topics()["Topics"]) == count(template, "AWS::SNS::Topic")
    functions = aws("lambda").list_functions()["Functions"]
    assert len(functions) == count(template, "AWS::Lambda::Function")
    mappings = aws("lambda").list_event_source_mappings()["EventSourceMappings"]
    # (mappings on an MSK cluster, which moto lacks, are left out of the deployed copy)
    assert len(mappings) == count(deployable(template), "AWS::Lambda::EventSourceMapping")
    streams = aws("kinesis").list_streams()["StreamNames"]
    assert len(streams) == count(template, "AWS::Kinesis::Stream")
    assert len(aws("dynamodb").list_tables()["TableNames"]) == count(
        template, "AWS::DynamoDB::Table"
    )
    assert len(aws("s3").list_buckets()["Buckets"]) == count(template, "AWS::S3::Bucket")
    roles = aws("iam").list_roles()["Roles"]
    assert len(roles) == count(template, "AWS::IAM::Role")
    buses = [b["Name"] for b in aws("events").list_event_buses()["EventBuses"]]
    assert len(buses) - 1 == count(template, "AWS::Events::EventBus")
    rules = [r for bus in buses for r in aws("events").list_rules(EventBusName=bus)["Rules"]]
    assert len(rules) == count(template, "AWS::Events::Rule")


@pytest.mark.parametrize("name", EXAMPLES)
def test_deployed_queues_have_their_redrive_policies(aws, name):
    template = json.loads(export_template(example(name), fmt="json"))
    create_stack(aws, deployable(template))
    sqs = aws("sqs")
    for queue in resources_of(template, "AWS::SQS::Queue").values():
        props = queue["Properties"]
        if "RedrivePolicy" not in props or "QueueName" not in props:
            continue
        url = sqs.get_queue_url(QueueName=props["QueueName"])["QueueUrl"]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        redrive = json.loads(attributes["RedrivePolicy"])
        assert int(redrive["maxReceiveCount"]) == props["RedrivePolicy"]["maxReceiveCount"]
        dlq = props["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        dlq_name = template["Resources"][dlq]["Properties"]["QueueName"]
        assert redrive["deadLetterTargetArn"].endswith(":" + dlq_name)


def test_deployed_rules_send_to_their_targets(aws):
    template = json.loads(export_template(example("eventbridge-order-routing"), fmt="json"))
    create_stack(aws, deployable(template))
    events = aws("events")
    targets = {
        target["Id"]
        for bus in ("orders", "default")
        for rule in events.list_rules(EventBusName=bus)["Rules"]
        for target in events.list_targets_by_rule(Rule=rule["Name"], EventBusName=bus)["Targets"]
    }
    assert targets == {"t-review", "t-small", "t-housekeeping"}


@pytest.mark.parametrize("name", EXAMPLES)
def test_what_moto_skips_is_in_the_template(name):
    """One subscription per subscription edge, a mapping per Lambda event-source edge, a
    consumer per consumer name, an invoke config per function with destinations, a policy
    per queue or topic that services send to, an alarm per alarm node; each DependsOn
    names a resource of the template."""
    doc = example(name)
    diagram = load_diagram(doc)
    template = json.loads(export_template(doc, fmt="json"))
    edges = [e for e in diagram.edges]
    sns_subscriptions = [
        e for e in edges if e.kind == "subscription" and diagram.nodes[e.source].type == "sns.topic"
    ]
    assert count(template, "AWS::SNS::Subscription") == len(sns_subscriptions)
    lambda_sources = [
        e
        for e in edges
        if e.kind == "event-source" and diagram.nodes[e.target].type == "lambda.function"
    ]
    assert count(template, "AWS::Lambda::EventSourceMapping") == len(lambda_sources)
    consumers = {
        (e.source, e.props["ConsumerName"]) for e in lambda_sources if e.props.get("ConsumerName")
    }
    assert count(template, "AWS::Kinesis::StreamConsumer") == len(consumers)
    with_destinations = {e.source for e in edges if e.kind == "destination"}
    assert count(template, "AWS::Lambda::EventInvokeConfig") >= len(with_destinations)
    pushed_to = {
        e.target
        for e in edges
        if (
            e.kind in ("subscription", "notification", "target")
            and diagram.nodes[e.target].type == "sqs.queue"
            and diagram.nodes[e.source].type != "pipes.pipe"  # a pipe sends through its role
        )
    }
    assert count(template, "AWS::SQS::QueuePolicy") == len(pushed_to | _dead_letter_queues(edges))
    alarms = [n for n in diagram.nodes.values() if n.type == "cloudwatch.alarm"]
    assert count(template, "AWS::CloudWatch::Alarm") == len(alarms)
    for lid, resource in template["Resources"].items():
        for waited in resource.get("DependsOn", []):
            assert waited in template["Resources"], (lid, waited)


def _dead_letter_queues(edges) -> set[str]:
    """Queues that take what a subscription or a rule target could not deliver."""
    found = set()
    for edge in edges:
        redrive = edge.props.get("RedrivePolicy") if edge.kind == "subscription" else None
        dead_letter = edge.props.get("DeadLetterConfig") if edge.kind == "target" else None
        found |= {(redrive or {}).get("deadLetterTargetArn"), (dead_letter or {}).get("Arn")}
    return found - {None}
