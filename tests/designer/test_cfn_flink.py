"""CloudFormation for Flink applications: an `AWS::KinesisAnalyticsV2::Application` whose
code location is a parameter, parallelism in its configuration, the window and wiring in
its runtime properties, a service role allowed exactly its code, sources and sinks,
cfn-lint clean, and an import that gives the sources and sinks back as edges."""

from __future__ import annotations

import json

from designer.cloudformation import export_template, import_template
from designer.cloudformation.template_text import dump_yaml, load_text
from tests.designer.cfn_support import canonical, lint_findings, resources_of
from tests.engine.builders import diagram, edge, node


def doc() -> dict:
    return diagram(
        [
            node("clicks", "kinesis.stream", {"Name": "clicks"}),
            node(
                "agg",
                "flink.application",
                {"ApplicationName": "agg"},
                {
                    "window": {"type": "sliding", "size": 60, "slide": 10},
                    "keyBy": "page",
                    "aggregate": {"op": "avg", "field": "ms"},
                    "parallelism": 4,
                },
            ),
            node("totals", "kinesis.stream", {"Name": "totals"}),
            node("archive", "firehose.deliverystream", {"DeliveryStreamName": "archive"}),
            node("lake", "s3.bucket", {"BucketName": "eventyard-lake"}),
        ],
        [
            edge("event-source", "clicks", "agg", "in", StartingPosition="TRIM_HORIZON"),
            edge("publish", "agg", "totals", "out1"),
            edge("publish", "agg", "archive", "out2"),
            edge("delivery", "archive", "lake", "d"),
        ],
    )


def test_an_application_with_its_code_parameters_parallelism_and_properties():
    text = export_template(doc())
    template = load_text(text)
    (application,) = resources_of(template, "AWS::KinesisAnalyticsV2::Application").values()
    props = application["Properties"]
    assert props["ApplicationName"] == "agg" and props["RuntimeEnvironment"] == "FLINK-1_20"
    config = props["ApplicationConfiguration"]
    location = config["ApplicationCodeConfiguration"]["CodeContent"]["S3ContentLocation"]
    assert location == {"BucketARN": {"Ref": "AggCodeBucketArn"}, "FileKey": {"Ref": "AggCodeKey"}}
    assert "Default" not in template["Parameters"]["AggCodeBucketArn"]
    parallelism = config["FlinkApplicationConfiguration"]["ParallelismConfiguration"]
    assert parallelism["Parallelism"] == 4 and parallelism["ConfigurationType"] == "CUSTOM"
    groups = {
        g["PropertyGroupId"]: g["PropertyMap"]
        for g in config["EnvironmentProperties"]["PropertyGroups"]
    }
    assert groups["eventyard.window"] == {
        "type": "sliding",
        "size": "60",
        "slide": "10",
        "aggregate.op": "avg",
        "aggregate.field": "ms",
        "keyBy": "page",
    }
    assert groups["eventyard.sources"] == {
        "0.arn": {"Fn::GetAtt": ["Clicks", "Arn"]},
        "0.initpos": "TRIM_HORIZON",
    }
    assert groups["eventyard.sinks"] == {
        "0.arn": {"Fn::GetAtt": ["Totals", "Arn"]},
        "1.arn": {"Fn::GetAtt": ["Archive", "Arn"]},
    }
    assert lint_findings(text) == ([], [])


def test_the_role_reads_its_code_and_sources_and_writes_its_sinks_only():
    template = load_text(export_template(doc()))
    role = resources_of(template, "AWS::IAM::Role")["AggRole"]["Properties"]
    trusted = role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"]
    assert trusted == "kinesisanalytics.amazonaws.com"
    statements = {s["Sid"]: s for s in role["Policies"][0]["PolicyDocument"]["Statement"]}
    assert set(statements) == {"ReadCode", "ReadClicks", "WriteTotals", "WriteArchive"}
    assert statements["ReadClicks"]["Resource"] == [{"Fn::GetAtt": ["Clicks", "Arn"]}]
    assert "kinesis:GetRecords" in statements["ReadClicks"]["Action"]
    assert statements["WriteTotals"]["Action"] == ["kinesis:PutRecord", "kinesis:PutRecords"]
    assert statements["WriteArchive"]["Action"] == ["firehose:PutRecord", "firehose:PutRecordBatch"]
    assert "*" not in json.dumps([s["Resource"] for s in statements.values()])


def test_import_gives_the_application_and_its_wiring_back():
    text = export_template(doc())
    back, warnings = import_template(text)
    assert warnings == [] and canonical(back) == canonical(doc())
    template = load_text(text)
    del template["Metadata"]
    bare, warnings = import_template(dump_yaml(template))
    assert warnings == []
    wires = {(e["kind"], e["source"], e["target"]) for e in bare["edges"]}
    ids = {n["type"]: n["id"] for n in bare["nodes"]}
    app = ids["flink.application"]
    assert ("publish", app, ids["firehose.deliverystream"]) in wires
    (source,) = [e for e in bare["edges"] if e["kind"] == "event-source"]
    assert source["target"] == app and source["props"] == {"StartingPosition": "TRIM_HORIZON"}
