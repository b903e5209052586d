"""CloudFormation for Amazon MQ: one broker per BrokerName with its engine's version, a
generated secret for its user (never a password in the template), destinations in
Metadata, Lambda mappings with `Queues` and `SourceAccessConfigurations`, a role scoped to
the broker and its secret, cfn-lint clean, and an import that finds a mapping's queue (or
makes one without Metadata)."""

from __future__ import annotations

import json

from designer.cloudformation import export_template, import_template
from designer.cloudformation.template_text import dump_yaml, load_text
from tests.designer.cfn_support import canonical, lint_findings, resources_of
from tests.engine.builders import diagram, edge, node


def doc(engine: str = "ACTIVEMQ") -> dict:
    broker = {"BrokerName": "shop", "EngineType": engine}
    queue = lambda i: node(i, "mq.queue", {**broker, "QueueName": i})  # noqa: E731
    nodes = [queue("orders"), queue("orders-dlq"), queue("audit")]
    edges = [
        edge("event-source", "orders", "reader", "m", BatchSize=50),
        edge("dead-letter", "orders", "orders-dlq", "d"),
        edge("publish", "writer", "audit", "w"),
    ]
    if engine == "RABBITMQ":
        nodes.append(node("x", "mq.exchange", {**broker, "ExchangeName": "events"}))
        edges.append(edge("binding", "x", "audit", "b", BindingKey="audit"))
    nodes += [
        node("reader", "lambda.function", {"FunctionName": "reader"}),
        node("writer", "lambda.function", {"FunctionName": "writer"}),
    ]
    return diagram(nodes, edges)


def statements(template: dict, role: str) -> dict[str, dict]:
    policy = resources_of(template, "AWS::IAM::Role")[role]["Properties"]["Policies"][0]
    return {s["Sid"]: s for s in policy["PolicyDocument"]["Statement"]}


def test_one_broker_a_secret_and_a_mapping_with_queues():
    text = export_template(doc())
    template = load_text(text)
    (broker,) = resources_of(template, "AWS::AmazonMQ::Broker").values()
    props = broker["Properties"]
    assert props["BrokerName"] == "shop" and props["EngineType"] == "ACTIVEMQ"
    assert props["EngineVersion"] == "5.18" and props["DeploymentMode"] == "SINGLE_INSTANCE"
    assert props["PubliclyAccessible"] is False
    (user,) = props["Users"]
    # the password is never in the template: CloudFormation resolves it from the secret
    assert user["Password"] == {
        "Fn::Sub": "{{resolve:secretsmanager:${ShopBrokerSecret}:SecretString:password}}"
    }
    (secret,) = resources_of(template, "AWS::SecretsManager::Secret").values()
    generated = secret["Properties"]["GenerateSecretString"]
    assert generated["GenerateStringKey"] == "password" and generated["ExcludePunctuation"]
    assert set(template["Parameters"]) >= {"ShopBrokerSubnetIds", "ShopBrokerSecurityGroupIds"}
    (mapping,) = resources_of(template, "AWS::Lambda::EventSourceMapping").values()
    m = mapping["Properties"]
    assert m["EventSourceArn"] == {"Fn::GetAtt": ["ShopBroker", "Arn"]}
    assert m["Queues"] == ["orders"] and m["BatchSize"] == 50
    assert m["SourceAccessConfigurations"] == [
        {"Type": "BASIC_AUTH", "URI": {"Ref": "ShopBrokerSecret"}}
    ]
    (config,) = resources_of(template, "AWS::AmazonMQ::Configuration").values()
    assert props["Configuration"]["Id"] == {"Ref": "ShopBrokerConfiguration"}
    xml = config["Properties"]["Data"]["Fn::Base64"]
    assert '<queue physicalName="orders"/>' in xml and '<queue physicalName="audit"/>' in xml
    # orders' own dead-letter queue, orders-dlq: ActiveMQ's prefix + name + suffix
    assert (
        '<policyEntry queue="orders"><deadLetterStrategy><individualDeadLetterStrategy '
        'queuePrefix="" queueSuffix="-dlq"/></deadLetterStrategy></policyEntry>'
    ) in xml
    nodes = template["Metadata"]["Eventyard"]["nodes"]
    assert "logicalId" not in nodes["orders"] and nodes["orders"]["type"] == "mq.queue"
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc())


def test_rabbitmq_brokers_run_4_2_and_mappings_name_the_virtual_host():
    text = export_template(doc("RABBITMQ"))
    template = load_text(text)
    (broker,) = resources_of(template, "AWS::AmazonMQ::Broker").values()
    assert broker["Properties"]["EngineVersion"] == "4.2"
    assert broker["Properties"]["HostInstanceType"].startswith("mq.m7g.")
    assert "Configuration" not in broker["Properties"]  # RabbitMQ's queues are declared
    assert not resources_of(template, "AWS::AmazonMQ::Configuration")
    (mapping,) = resources_of(template, "AWS::Lambda::EventSourceMapping").values()
    assert {"Type": "VIRTUAL_HOST", "URI": "/"} in mapping["Properties"][
        "SourceAccessConfigurations"
    ]
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == [] and canonical(back) == canonical(doc("RABBITMQ"))
    binding = next(e for e in back["edges"] if e["kind"] == "binding")
    assert binding["props"]["BindingKey"] == "audit"


def test_the_reader_may_describe_the_broker_and_read_its_secret_and_nothing_more():
    template = load_text(export_template(doc()))
    read = statements(template, "ReaderRole")
    assert read["ReadOrdersBroker"] == {
        "Sid": "ReadOrdersBroker",
        "Effect": "Allow",
        "Action": ["mq:DescribeBroker"],
        "Resource": [{"Fn::GetAtt": ["ShopBroker", "Arn"]}],
    }
    assert read["ReadOrdersSecret"]["Action"] == ["secretsmanager:GetSecretValue"]
    assert read["ReadOrdersSecret"]["Resource"] == [{"Ref": "ShopBrokerSecret"}]
    assert "ec2:CreateNetworkInterface" in read["BrokerNetworkInterfaces"]["Action"]
    write = statements(template, "WriterRole")
    assert write["PublishAudit"]["Action"] == ["secretsmanager:GetSecretValue"]
    everything = json.dumps([read, write])
    assert '"mq:*"' not in everything and '"secretsmanager:*"' not in everything


def test_without_metadata_a_mapping_brings_its_queue_back():
    template = load_text(export_template(doc()))
    del template["Metadata"]
    back, warnings = import_template(dump_yaml(template))
    assert warnings == []
    queues = [n for n in back["nodes"] if n["type"] == "mq.queue"]
    assert [(q["props"]["BrokerName"], q["props"]["QueueName"]) for q in queues] == [
        ("shop", "orders")
    ]
    assert queues[0]["props"]["EngineType"] == "ACTIVEMQ"
    (mapping,) = [e for e in back["edges"] if e["kind"] == "event-source"]
    assert mapping["source"] == queues[0]["id"] and mapping["props"]["BatchSize"] == 50


def test_a_pipe_reads_a_broker_queue_with_the_brokers_user():
    for engine, key in (
        ("ACTIVEMQ", "ActiveMQBrokerParameters"),
        ("RABBITMQ", "RabbitMQBrokerParameters"),
    ):
        broker = {"BrokerName": "shop", "EngineType": engine}
        source = diagram(
            [
                node("orders", "mq.queue", {**broker, "QueueName": "orders"}),
                node(
                    "pipe",
                    "pipes.pipe",
                    {"SourceParameters": {key: {"BatchSize": 8}}},
                ),
                node("out", "sqs.queue"),
            ],
            [edge("event-source", "orders", "pipe", "in"), edge("target", "pipe", "out", "t")],
        )
        text = export_template(source)
        template = load_text(text)
        (pipe,) = resources_of(template, "AWS::Pipes::Pipe").values()
        props = pipe["Properties"]
        assert props["Source"] == {"Fn::GetAtt": ["ShopBroker", "Arn"]}
        params = props["SourceParameters"][key]
        assert params["QueueName"] == "orders" and params["BatchSize"] == 8
        assert params["Credentials"] == {"BasicAuth": {"Ref": "ShopBrokerSecret"}}
        assert ("VirtualHost" in params) == (engine == "RABBITMQ")
        role = statements(template, "PipeRole")
        assert role["ReadOrdersBroker"]["Action"] == ["mq:DescribeBroker"]
        assert role["ReadOrdersSecret"]["Resource"] == [{"Ref": "ShopBrokerSecret"}]
        assert lint_findings(text) == ([], []), engine
        back, warnings = import_template(text)
        assert warnings == [] and canonical(back) == canonical(source)
