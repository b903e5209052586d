"""Import: exported diagrams come back whole, hand-written templates become diagrams, and
what cannot be mapped becomes warnings; text that is not a template is refused clearly."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from designer.cloudformation import TemplateError, export_template, import_template
from designer.cloudformation.services import SHARED_RESOURCE_TYPES
from designer.cloudformation.template_text import dump_yaml, load_text
from engine import DiagramError, load_diagram
from tests.designer.cfn_support import EXAMPLES, canonical, example, lint_findings

HAND_WRITTEN = """\
AWSTemplateFormatVersion: 2010-09-09
Description: Orders, written by hand
Parameters:
  Stage:
    Type: String
Resources:
  OrdersTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: orders
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
      VisibilityTimeout: "60"
      KmsMasterKeyId: alias/aws/sqs
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDLQ.Arn
        maxReceiveCount: 5
  OrdersDLQ:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "orders-dlq-${Stage}"
  QueueSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref OrdersTopic
      Protocol: sqs
      Endpoint: !GetAtt OrdersQueue.Arn
      RawMessageDelivery: "true"
      FilterPolicy: '{"type": ["order"]}'
  MailSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref OrdersTopic
      Protocol: email
      Endpoint: ops@example.com
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Timeout: 30
      Role: !GetAtt WorkerRole.Arn
      Code:
        ZipFile: "def handler(event, context): return None"
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: access
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
                Resource: !GetAtt OrdersQueue.Arn
              - Effect: Allow
                Action: sns:Publish
                Resource: !Ref Shipped
  Shipped:
    Type: AWS::SNS::Topic
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Worker
      EventSourceArn: !GetAtt OrdersQueue.Arn
      BatchSize: 5
      FunctionResponseTypes: [ReportBatchItemFailures]
  Dashboard:
    Type: AWS::CloudWatch::Dashboard
    Properties:
      DashboardBody: "{}"
"""


def test_hand_written_template_without_metadata_becomes_a_diagram():
    document, warnings = import_template(HAND_WRITTEN)
    load_diagram(document)
    nodes = {n["id"]: (n["type"], n["props"]) for n in document["nodes"]}
    assert nodes == {
        "orders-topic": ("sns.topic", {"TopicName": "orders"}),
        "orders-queue": ("sqs.queue", {"QueueName": "orders", "VisibilityTimeout": 60}),
        # its name is computed from a parameter with no default: a stand-in for it
        "orders-dlq": ("sqs.queue", {"QueueName": "orders-dlq-stage"}),
        "worker": ("lambda.function", {"Runtime": "python3.12", "Timeout": 30}),
        "shipped": ("sns.topic", {}),
        # nothing in the template publishes to the topic: traffic to watch, marked
        "starter-orders-topic": ("producer", {}),
    }
    [starter] = [n for n in document["nodes"] if n["type"] == "producer"]
    assert starter["role"] == "starter" and starter["label"] == "Starter → orders"
    assert starter["sim"]["rate"] == 1
    edges = {(e["kind"], e["source"], e["target"]): e["props"] for e in document["edges"]}
    assert edges == {
        ("dead-letter", "orders-queue", "orders-dlq"): {"maxReceiveCount": 5},
        ("subscription", "orders-topic", "orders-queue"): {
            "FilterPolicy": {"type": ["order"]},
            "RawMessageDelivery": True,
        },
        ("event-source", "orders-queue", "worker"): {
            "BatchSize": 5,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        },
        ("publish", "worker", "shipped"): {},
        ("publish", "starter-orders-topic", "orders-topic"): {},
    }
    assert all("position" in n for n in document["nodes"])
    assert document["description"] == "Orders, written by hand"
    found = {(w["path"], w["code"]) for w in warnings}
    assert found == {
        ("Parameters.Stage", "parameter_stand_in"),
        ("Resources.MailSubscription", "unmapped_subscription"),
        ("", "not_message_flow"),  # the dashboard and the queue's key, grouped
    }
    [quiet] = [w["message"] for w in warnings if w["code"] == "not_message_flow"]
    assert "1 AWS::CloudWatch::Dashboard (Dashboard)" in quiet
    assert "KmsMasterKeyId (1 resource)" in quiet


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_then_import_gives_the_diagram_back(name, fmt):
    doc = example(name)
    text = export_template(doc, fmt=fmt)
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)
    assert export_template(back, fmt=fmt) == text


@pytest.mark.parametrize("name", EXAMPLES)
def test_import_without_metadata_keeps_every_resource_and_wire(name):
    doc = example(name)
    template = load_text(export_template(doc))
    del template["Metadata"]
    back, warnings = import_template(dump_yaml(template))
    assert warnings == []
    original = load_diagram(doc)
    # Clients have no resource; Kafka topics and a broker's destinations live in the Metadata
    # (their cluster or broker is shared): only those a Lambda mapping reads come back.
    kept = ("producer", "worker", *SHARED_RESOURCE_TYPES)
    resources = {n.id for n in original.nodes.values() if n.type not in kept}
    assert {n["id"] for n in back["nodes"]} >= resources - {"default-bus"}
    wires = {
        (e.kind, e.source, e.target)
        for e in original.edges
        if {e.source, e.target} <= {n["id"] for n in back["nodes"]}
    }
    assert wires <= {(e["kind"], e["source"], e["target"]) for e in back["edges"]}


def test_edits_to_an_exported_template_win_over_its_metadata():
    template = load_text(export_template(example("sns-fanout-filters")))
    template["Resources"]["Audit"]["Properties"]["VisibilityTimeout"] = 90
    del template["Resources"]["OrdersTopicToReviewSubscription"]
    del template["Resources"]["EuOrders"]
    back, warnings = import_template(dump_yaml(template))
    nodes = {n["id"]: n for n in back["nodes"]}
    assert nodes["audit"]["props"]["VisibilityTimeout"] == 90
    assert nodes["audit"]["position"] == {"x": 560, "y": 60}
    assert "eu-orders" not in nodes
    assert [e["id"] for e in back["edges"]] == ["p1", "s-audit"]
    assert [(w["path"], w["code"]) for w in warnings] == [
        ("Metadata.Eventyard.nodes.eu-orders", "missing_resource"),
        ("Resources.OrdersTopicToEuOrdersSubscription", "unmapped_subscription"),
    ]


def test_what_the_engine_refuses_is_left_out_with_a_warning():
    template = load_text(export_template(example("order-queue-dlq")))
    template["Resources"]["Process"]["Properties"]["Timeout"] = 120
    back, warnings = import_template(dump_yaml(template))
    load_diagram(back)
    assert "e2" not in [e["id"] for e in back["edges"]]
    [warning] = warnings
    assert warning["code"] == "visibility_below_timeout"
    assert warning["path"] == "Resources.OrdersToProcessMapping"


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("Resources:\n  A: [\n", "invalid_yaml", 3),
        ('{"Resources": {"A": }}', "invalid_json", 1),
        ("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", "invalid_yaml", 3),
        ("- just\n- a list\n", "not_a_template", None),
        ("Description: no resources\n", "not_a_template", None),
    ],
)
def test_text_that_is_not_a_template_is_refused_clearly(text, code, line):
    with pytest.raises(TemplateError) as caught:
        import_template(text)
    assert caught.value.problems[0]["code"] == code
    assert caught.value.line == line
    if line:
        assert str(caught.value).startswith(f"line {line}: ")


# --- random diagrams ---------------------------------------------------------------------
NAMES = st.text("abcdefghij-", min_size=1, max_size=8).map(lambda s: "n" + s)
PROPS = {
    "sqs.queue": st.fixed_dictionaries(
        {},
        optional={
            "VisibilityTimeout": st.integers(60, 43200),
            "MessageRetentionPeriod": st.integers(60, 1209600),
            "DelaySeconds": st.integers(0, 900),
            "QueueName": NAMES,
        },
    ),
    "sns.topic": st.fixed_dictionaries({}, optional={"TopicName": NAMES}),
    "kinesis.stream": st.fixed_dictionaries(
        {},
        optional={"ShardCount": st.integers(1, 8), "RetentionPeriodHours": st.integers(24, 8760)},
    ),
    "lambda.function": st.fixed_dictionaries(
        {},
        optional={
            "Timeout": st.integers(1, 60),
            "MemorySize": st.integers(128, 10240),
            "Runtime": st.sampled_from(["python3.12", "python3.13", "nodejs22.x"]),
            "FunctionName": NAMES,
        },
    ),
}
FUNCTION_SIM = st.fixed_dictionaries(
    {},
    optional={
        "errorRate": st.floats(0, 1),
        "MaximumRetryAttempts": st.integers(0, 2),
        "failWhen": st.just({"bad": [True, None]}),
    },
)
STREAM_MAPPING = st.fixed_dictionaries(
    {
        "StartingPosition": st.sampled_from(["LATEST", "TRIM_HORIZON"]),
        "BatchSize": st.integers(1, 10000),
    },
    optional={
        "ParallelizationFactor": st.integers(1, 10),
        "ConsumerName": NAMES,
        "FunctionResponseTypes": st.just(["ReportBatchItemFailures"]),
    },
)
QUEUE_MAPPING = st.fixed_dictionaries(
    {},
    optional={
        "BatchSize": st.integers(1, 10),
        "ScalingConfig": st.just({"MaximumConcurrency": 5}),
        "FilterCriteria": st.just({"Filters": [{"Pattern": {"body": {"a": [1]}}}]}),
    },
)
SUBSCRIPTION = st.fixed_dictionaries({}, optional={"FilterPolicy": st.just({"store": ["a"]})})
COUNTS = {"sqs.queue": (1, 3), "sns.topic": (0, 2), "kinesis.stream": (0, 2)}
COUNTS["lambda.function"] = (1, 2)


def _nodes(draw) -> dict[str, list[dict]]:
    nodes: dict[str, list[dict]] = {}
    index = 0
    for type_, (low, high) in COUNTS.items():
        for _ in range(draw(st.integers(low, high))):
            position = {"x": draw(st.integers(0, 900)), "y": draw(st.floats(0, 600))}
            sim = draw(FUNCTION_SIM) if type_ == "lambda.function" else {}
            props = draw(PROPS[type_])
            # Names are unique per type in AWS: make them so.
            props.update({k: f"{v}{index}" for k, v in props.items() if k.endswith("Name")})
            node = {"id": f"{type_[:1]}{index}", "type": type_, "label": draw(NAMES)}
            node.update(props=props, position=position, sim=sim)
            nodes.setdefault(type_, []).append(node)
            index += 1
    return nodes


def _wire(draw, kind: str, by_type: dict[str, list[str]]) -> dict | None:
    """One edge of `kind` between random nodes of the right types (None if there are none)."""
    queues, topics = by_type.get("sqs.queue", []), by_type.get("sns.topic", [])
    streams, functions = by_type.get("kinesis.stream", []), by_type["lambda.function"]
    pick = lambda items: draw(st.sampled_from(items))  # noqa: E731
    if kind == "subscription" and topics:
        return {
            "source": pick(topics),
            "target": pick(queues + functions),
            "props": draw(SUBSCRIPTION),
        }
    if kind == "event-source":
        source = pick(queues + streams)
        props = draw(STREAM_MAPPING if source in streams else QUEUE_MAPPING)
        return {"source": source, "target": pick(functions), "props": props}
    if kind == "dead-letter" and len(queues) > 1:
        props = {"maxReceiveCount": draw(st.integers(1, 1000))}
        return {"source": queues[0], "target": pick(queues[1:]), "props": props}
    if kind == "publish":
        return {"source": pick(functions), "target": pick(queues + topics + streams), "props": {}}
    if kind == "destination":
        props = {"condition": pick(["OnSuccess", "OnFailure"])}
        return {
            "source": pick(functions),
            "target": pick(queues + topics + functions),
            "props": props,
        }
    return None


@st.composite
def diagrams(draw):
    """Small valid diagrams: queues, topics, functions and streams, randomly wired."""
    nodes = _nodes(draw)
    by_type = {type_: [n["id"] for n in found] for type_, found in nodes.items()}
    kinds = ["subscription", "event-source", "dead-letter", "publish", "destination"]
    edges = []
    for index in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(kinds))
        wire = _wire(draw, kind, by_type)
        if wire:
            edges.append({"id": f"e{index}", "kind": kind, **wire})
    doc = {
        "format": "eventyard/1",
        "name": draw(NAMES),
        "nodes": [n for found in nodes.values() for n in found],
        "edges": edges,
        "sim": {"seed": draw(st.integers(0, 99)), "duration": draw(st.floats(1, 600))},
    }
    try:
        load_diagram(doc)
    except DiagramError:
        assume(False)
    return doc


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(diagrams())
def test_random_diagrams_export_lint_clean_and_round_trip(doc):
    text = export_template(doc)
    errors, others = lint_findings(text)
    assert errors == [], "\n".join(errors + others)
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(json.loads(json.dumps(doc)))
    assert export_template(back) == text
