"""CloudFormation for idempotency stores and SNS delivery-status logging: the resources,
the least-privilege permissions AWS documents for them, and the way back.

- Idempotency: "Idempotency", Powertools for AWS Lambda (Python): IAM permissions
  `dynamodb:GetItem`, `PutItem`, `UpdateItem`, `DeleteItem`; a table keyed by `id` with TTL
  on `expiration`. ElastiCache: "Authenticating with IAM" (`elasticache:Connect`).
- Delivery status: "Prerequisites for delivery status logging" (the role SNS assumes may
  `logs:CreateLogGroup`, `CreateLogStream`, `PutLogEvents`; log group
  `sns/<region>/<account-id>/<topic-name>`), "AWS::SNS::Topic LoggingConfig".
"""

from __future__ import annotations

import copy

from designer.cloudformation import export_template, import_template
from designer.cloudformation.template_text import dump_yaml, load_text
from tests.designer.cfn_support import canonical, lint_findings, resources_of
from tests.engine.builders import (
    diagram,
    edge,
    event_source,
    function,
    node,
    producer,
    publish,
    queue,
    subscription,
    topic,
    worker,
)

ROLE = "arn:aws:iam::123456789012:role/sns-delivery-status"


def stores_doc() -> dict:
    """A function with a table store, a worker with a cache store."""
    return diagram(
        [
            producer("p"),
            queue("q"),
            queue("r"),
            function("f", {"FunctionName": "charge"}),
            worker("w"),
            node("table", "dynamodb.table", props={"TableName": "processed"}),
            node("cache", "elasticache.cache"),
        ],
        [
            publish("p", "q"),
            publish("p", "r"),
            event_source("q", "f"),
            event_source("r", "w"),
            edge("idempotency", "f", "table", "i1", Key="orderId", InProgressExpiry=False),
            edge("idempotency", "w", "cache", "i2", ExpiresAfterSeconds=600),
        ],
    )


def statements(template: dict, role: str) -> dict:
    [policy] = template["Resources"][role]["Properties"]["Policies"]
    return {s["Sid"]: s for s in policy["PolicyDocument"]["Statement"]}


def test_a_function_may_use_exactly_its_table_and_is_told_where_it_is():
    text = export_template(stores_doc())
    errors, others = lint_findings(text)
    assert errors == [] and others == []
    template = load_text(text)
    granted = statements(template, "FRole")["IdempotencyTable"]
    assert granted["Action"] == [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
    ]
    assert granted["Resource"] == [{"Fn::GetAtt": ["Table", "Arn"]}]
    assert not any(s.startswith("Publish") for s in statements(template, "FRole"))
    variables = template["Resources"]["F"]["Properties"]["Environment"]["Variables"]
    assert variables == {
        "IDEMPOTENCY_TABLE_NAME": {"Ref": "Table"},
        "IDEMPOTENCY_KEY": "orderId",
        "IDEMPOTENCY_IN_PROGRESS_EXPIRY": "false",
    }
    table = template["Resources"]["Table"]["Properties"]
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expiration", "Enabled": True}
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]


def test_a_cache_store_is_a_serverless_cache_named_after_its_node():
    template = load_text(export_template(stores_doc()))
    [cache] = resources_of(template, "AWS::ElastiCache::ServerlessCache").values()
    assert cache["Properties"] == {"Engine": "valkey", "ServerlessCacheName": "cache"}
    # A worker is not an AWS resource: its store has no grant, its edge lives in metadata.
    assert not [r for r in template["Resources"].values() if "Connect" in str(r)]


def test_a_function_with_a_cache_may_connect_to_it_only():
    doc = stores_doc()
    doc["edges"][-1]["source"] = "f"
    doc["edges"].pop(-2)
    template = load_text(export_template(doc))
    granted = statements(template, "FRole")["IdempotencyCache"]
    assert (granted["Action"], granted["Resource"]) == (
        ["elasticache:Connect"],
        [{"Fn::GetAtt": ["Cache", "ARN"]}],
    )
    variables = template["Resources"]["F"]["Properties"]["Environment"]["Variables"]
    assert variables["IDEMPOTENCY_CACHE_ENDPOINT"] == {"Fn::GetAtt": ["Cache", "Endpoint.Address"]}
    assert "TimeToLiveSpecification" not in str(template["Resources"].get("Table"))


def test_stores_round_trip_with_and_without_metadata():
    doc = stores_doc()
    text = export_template(doc)
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc)
    bare = load_text(text)
    del bare["Metadata"]
    back, warnings = import_template(dump_yaml(bare))
    assert warnings == []
    [store] = [e for e in back["edges"] if e["kind"] == "idempotency"]
    assert (store["source"], store["target"]) == ("f", "table")
    assert store["props"] == {"Key": "orderId", "InProgressExpiry": False}


def test_a_hand_written_ttl_or_variable_of_its_own_is_reported():
    template = load_text(export_template(stores_doc()))
    del template["Metadata"]
    props = template["Resources"]["Table"]["Properties"]
    props["TimeToLiveSpecification"] = {"AttributeName": "ttl", "Enabled": True}
    variables = template["Resources"]["F"]["Properties"]["Environment"]["Variables"]
    variables["STAGE"] = "prod"
    _, warnings = import_template(dump_yaml(template))
    assert {(w["path"], w["code"]) for w in warnings} == {
        ("Resources.Table.Properties.TimeToLiveSpecification", "unsupported_property"),
        ("", "not_message_flow"),  # the function's own variable, with the quiet ones
    }
    [quiet] = [w["message"] for w in warnings if w["code"] == "not_message_flow"]
    assert quiet.endswith("environment variables (1 resource)")


def logging_doc(logging: list, **topic_props) -> dict:
    return diagram(
        [producer("p"), topic("t", DeliveryStatusLogging=logging, **topic_props), function("f")],
        [publish("p", "t"), subscription("t", "f")],
    )


def test_delivery_status_logs_get_a_role_that_writes_only_the_topics_log_groups():
    logging = [
        {"Protocol": "lambda", "SuccessFeedbackRoleArn": ROLE, "SuccessFeedbackSampleRate": 25},
        {"Protocol": "sqs", "FailureFeedbackRoleArn": "arn:aws:iam::210987654321:role/theirs"},
    ]
    text = export_template(logging_doc(logging, TopicName="orders"))
    errors, others = lint_findings(text)
    assert errors == [] and others == []
    template = load_text(text)
    configs = template["Resources"]["T"]["Properties"]["DeliveryStatusLogging"]
    assert configs == [
        {
            "Protocol": "lambda",
            "SuccessFeedbackRoleArn": {"Fn::GetAtt": ["TDeliveryStatusRole", "Arn"]},
            "SuccessFeedbackSampleRate": "25",
        },
        {"Protocol": "sqs", "FailureFeedbackRoleArn": "arn:aws:iam::210987654321:role/theirs"},
    ]
    role = template["Resources"]["TDeliveryStatusRole"]["Properties"]
    trust = role["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Principal"] == {"Service": "sns.amazonaws.com"}
    [granted] = role["Policies"][0]["PolicyDocument"]["Statement"]
    assert granted["Action"] == ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    group = (
        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:"
        "sns/${AWS::Region}/${AWS::AccountId}/orders"
    )
    assert granted["Resource"] == [
        {"Fn::Sub": group + tail} for tail in ("", ":*", "/Failure", "/Failure:*")
    ]


def test_an_unnamed_topics_log_groups_are_matched_by_the_name_cloudformation_gives_it():
    template = load_text(
        export_template(logging_doc([{"Protocol": "lambda", "FailureFeedbackRoleArn": ROLE}]))
    )
    role = template["Resources"]["TDeliveryStatusRole"]["Properties"]
    [granted] = role["Policies"][0]["PolicyDocument"]["Statement"]
    assert granted["Resource"][0]["Fn::Sub"].endswith("/${AWS::StackName}-T-*")


def test_delivery_status_logging_round_trips_and_reads_a_hand_written_template():
    logging = [
        {
            "Protocol": "lambda",
            "SuccessFeedbackRoleArn": ROLE,
            "SuccessFeedbackSampleRate": 40,
            "FailureFeedbackRoleArn": ROLE,
        }
    ]
    doc = logging_doc(logging, TopicName="orders")
    text = export_template(doc)
    back, warnings = import_template(text)
    assert warnings == [] and canonical(back) == canonical(doc)
    bare = load_text(text)
    del bare["Metadata"]
    configs = bare["Resources"]["T"]["Properties"]["DeliveryStatusLogging"]
    configs[0]["FailureFeedbackRoleArn"] = {"Fn::ImportValue": "shared-role"}
    back, warnings = import_template(dump_yaml(bare))
    [topic_node] = [n for n in back["nodes"] if n["type"] == "sns.topic"]
    assert topic_node["props"]["DeliveryStatusLogging"] == [
        {"Protocol": "lambda", "SuccessFeedbackRoleArn": ROLE, "SuccessFeedbackSampleRate": 40}
    ]
    assert [w["code"] for w in warnings] == ["not_literal"]
    assert copy.deepcopy(doc) == doc
