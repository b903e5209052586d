"""`export_cfn` and `import_cfn`: templates out and diagrams in; bad input exits 2 with one
line per problem on stderr and no traceback (contract section 3)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from designer.cloudformation.template_text import load_text
from tests.designer.cfn_support import EXAMPLES_DIR, canonical, example

ORDERS = str(EXAMPLES_DIR / "order-queue-dlq.json")


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as stop:
        return stop.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_export_prints_yaml_or_json():
    status, out, err = run("export_cfn", ORDERS)
    assert (status, err) == (0, "")
    assert load_text(out)["Resources"]["Orders"]["Type"] == "AWS::SQS::Queue"
    status, out, _ = run("export_cfn", ORDERS, "--format", "json")
    assert json.loads(out)["Resources"]["OrdersDlq"]["Properties"]["QueueName"] == "orders-dlq"


def test_export_as_sam_then_import_through_files(tmp_path):
    template = tmp_path / "orders-sam.yaml"
    diagram = tmp_path / "orders.json"
    assert run("export_cfn", ORDERS, "--format", "sam", "-o", str(template))[:2] == (0, "")
    text = template.read_text(encoding="utf-8")
    assert load_text(text)["Transform"] == "AWS::Serverless-2016-10-31"
    assert run("import_cfn", str(template), "-o", str(diagram))[:2] == (0, "")
    document = json.loads(diagram.read_text(encoding="utf-8"))
    assert canonical(document) == canonical(example("order-queue-dlq"))


def test_export_then_import_through_files(tmp_path):
    template = tmp_path / "orders.yaml"
    diagram = tmp_path / "orders.json"
    assert run("export_cfn", ORDERS, "-o", str(template))[:2] == (0, "")
    assert run("import_cfn", str(template), "-o", str(diagram))[:2] == (0, "")
    document = json.loads(diagram.read_text(encoding="utf-8"))
    assert canonical(document) == canonical(example("order-queue-dlq"))


def test_import_lists_warnings_on_stderr_and_succeeds(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(
        "Resources:\n  Q: {Type: AWS::SQS::Queue}\n  D: {Type: AWS::CloudWatch::Dashboard}\n"
        "  A: {Type: AWS::ApiGateway::RestApi}\n",
        encoding="utf-8",
    )
    status, out, err = run("import_cfn", str(path))
    assert status == 0
    assert [n["id"] for n in json.loads(out)["nodes"]] == ["q"]
    assert err.strip().splitlines() == [
        "warning: Resources.A: AWS::ApiGateway::RestApi has no node type in the diagram; "
        "it was left out (unsupported_resource)",
        "warning: left out, as the messages' flow does not depend on them: "
        "1 AWS::CloudWatch::Dashboard (D) (not_message_flow)",
    ]


@pytest.mark.parametrize(
    ("command", "content", "expected"),
    [
        ("export_cfn", None, ["{path}: no such file"]),
        ("export_cfn", '{"format": "eventyard/1",', ["{path}: invalid JSON at line 1, column 26"]),
        (
            "export_cfn",
            '{"format": "eventyard/1", "nodes": [{"id": "q", "type": "sqs.queue", '
            '"props": {"VisibilityTimeout": -1, "DelaySeconds": 901}}]}',
            [
                "nodes[0].props.VisibilityTimeout: -1 is not in 0..43200",
                "nodes[0].props.DelaySeconds: 901 is not in 0..900",
            ],
        ),
        ("import_cfn", None, ["{path}: no such file"]),
        ("import_cfn", "Resources:\n  A: [\n", ["{path}: line 3: invalid YAML"]),
        ("import_cfn", "[1, 2]", ["{path}: a template is a mapping"]),
    ],
)
def test_bad_input_exits_2_with_one_line_per_problem(tmp_path, command, content, expected):
    path = tmp_path / "input"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status, out, err = run(command, str(path))
    lines = err.strip().splitlines()
    assert (status, out) == (2, "")
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start.format(path=path)), line
    assert "Traceback" not in err
