"""CloudFormation for MSK topics: one serverless cluster per ClusterName (IAM access, its
subnets and security groups as parameters), topics in Metadata, Lambda mappings with
`Topics` and a consumer group, `kafka-cluster:` grants scoped to the cluster, topic and
group, and an import that finds a mapping's topic (or makes one without Metadata)."""

from __future__ import annotations

from designer.cloudformation import export_template, import_template
from designer.cloudformation.template_text import load_text
from engine import load_diagram
from tests.designer.cfn_support import canonical, lint_findings, resources_of
from tests.engine.builders import diagram, edge, node


def doc() -> dict:
    topic = lambda i, n: node(i, "kafka.topic", {"ClusterName": "shop", "TopicName": n})  # noqa: E731
    return diagram(
        [
            topic("orders", "orders"),
            topic("payments", "payments"),
            node("reader", "lambda.function", {"FunctionName": "reader"}),
            node("writer", "lambda.function", {"FunctionName": "writer"}),
        ],
        [
            edge("event-source", "orders", "reader", "m", StartingPosition="LATEST", BatchSize=50),
            edge("publish", "writer", "payments", "w"),
        ],
    )


def test_one_cluster_topics_in_metadata_and_a_mapping_with_topics():
    text = export_template(doc())
    template = load_text(text)
    (cluster,) = resources_of(template, "AWS::MSK::ServerlessCluster").values()
    assert cluster["Properties"]["ClusterName"] == "shop"
    assert cluster["Properties"]["ClientAuthentication"] == {"Sasl": {"Iam": {"Enabled": True}}}
    assert set(template["Parameters"]) >= {"ShopClusterSubnetIds", "ShopClusterSecurityGroupIds"}
    (mapping,) = resources_of(template, "AWS::Lambda::EventSourceMapping").values()
    props = mapping["Properties"]
    assert props["EventSourceArn"] == {"Ref": "ShopCluster"} and props["Topics"] == ["orders"]
    assert props["AmazonManagedKafkaEventSourceConfig"] == {"ConsumerGroupId": "eventyard-reader"}
    topics = template["Metadata"]["Eventyard"]["nodes"]
    assert "logicalId" not in topics["orders"] and topics["orders"]["type"] == "kafka.topic"
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(doc())


def test_grants_are_scoped_to_the_cluster_the_topic_and_the_group():
    template = load_text(export_template(doc()))
    roles = resources_of(template, "AWS::IAM::Role")
    read = {
        s["Sid"]: s
        for s in roles["ReaderRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    }
    assert read["ReadOrders"]["Action"] == ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    assert "kafka-cluster:AlterGroup" in read["ReadOrdersGroup"]["Action"]
    assert read["ReadOrdersCluster"]["Resource"] == [{"Ref": "ShopCluster"}]
    write = {
        s["Sid"]: s
        for s in roles["WriterRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    }
    assert write["PublishPayments"]["Action"] == [
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:WriteData",
    ]
    assert "kafka-cluster:ReadData" not in str(write)


HAND_WRITTEN = """\
Resources:
  Cluster:
    Type: AWS::MSK::ServerlessCluster
    Properties:
      ClusterName: shop
      ClientAuthentication: {Sasl: {Iam: {Enabled: true}}}
      VpcConfigs: [{SubnetIds: [subnet-1]}]
  Reader:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: reader
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/x
      Code: {ZipFile: "def handler(e, c): return e"}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Reader
      EventSourceArn: !Ref Cluster
      Topics: [orders]
      StartingPosition: TRIM_HORIZON
"""


def test_a_hand_written_mapping_on_a_cluster_brings_its_topic():
    document, warnings = import_template(HAND_WRITTEN)
    load_diagram(document)
    assert warnings == []
    topics = [n for n in document["nodes"] if n["type"] == "kafka.topic"]
    assert [t["props"] for t in topics] == [{"ClusterName": "shop", "TopicName": "orders"}]
    (mapping,) = [e for e in document["edges"] if e["kind"] == "event-source"]
    assert (mapping["source"], mapping["target"]) == (topics[0]["id"], "reader")


def test_a_pipe_reads_a_topic_through_its_cluster_and_comes_back():
    pipe_doc = diagram(
        [
            node("orders", "kafka.topic", {"ClusterName": "shop", "TopicName": "orders"}),
            node(
                "pipe",
                "pipes.pipe",
                {
                    "SourceParameters": {
                        "ManagedStreamingKafkaParameters": {
                            "StartingPosition": "TRIM_HORIZON",
                            "ConsumerGroupID": "orders-pipe",
                        }
                    }
                },
            ),
            node("q", "sqs.queue"),
        ],
        [edge("event-source", "orders", "pipe", "src"), edge("target", "pipe", "q", "out")],
    )
    text = export_template(pipe_doc)
    template = load_text(text)
    (pipe,) = resources_of(template, "AWS::Pipes::Pipe").values()
    assert pipe["Properties"]["Source"] == {"Ref": "ShopCluster"}
    params = pipe["Properties"]["SourceParameters"]["ManagedStreamingKafkaParameters"]
    assert params["TopicName"] == "orders" and params["ConsumerGroupID"] == "orders-pipe"
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == []
    assert canonical(back) == canonical(pipe_doc)


def test_a_firehose_stream_reads_a_topic_as_msk_source():
    source = diagram(
        [
            node("orders", "kafka.topic", {"ClusterName": "shop", "TopicName": "orders"}),
            node(
                "archive",
                "firehose.deliverystream",
                {"DeliveryStreamName": "archive", "DeliveryStreamType": "MSKAsSource"},
            ),
            node("lake", "s3.bucket", {"BucketName": "eventyard-orders-lake"}),
        ],
        [edge("event-source", "orders", "archive", "in"), edge("delivery", "archive", "lake", "d")],
    )
    text = export_template(source)
    template = load_text(text)
    (stream,) = resources_of(template, "AWS::KinesisFirehose::DeliveryStream").values()
    props = stream["Properties"]
    assert props["DeliveryStreamType"] == "MSKAsSource"
    msk = props["MSKSourceConfiguration"]
    assert msk["MSKClusterARN"] == {"Ref": "ShopCluster"} and msk["TopicName"] == "orders"
    assert msk["AuthenticationConfiguration"]["Connectivity"] == "PRIVATE"
    role = resources_of(template, "AWS::IAM::Role")["ArchiveRole"]["Properties"]
    sids = {s["Sid"]: s for s in role["Policies"][0]["PolicyDocument"]["Statement"]}
    assert "kafka-cluster:ReadData" in sids["ReadOrders"]["Action"]
    assert sids["ReadOrdersCluster"]["Resource"] == [{"Ref": "ShopCluster"}]
    assert lint_findings(text) == ([], [])
    back, warnings = import_template(text)
    assert warnings == [] and canonical(back) == canonical(source)
