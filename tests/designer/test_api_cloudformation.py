"""The API's CloudFormation addresses: export a stored diagram, import a template."""

from __future__ import annotations

import json

from designer.cloudformation.template_text import load_text
from tests.designer.builders import orders_doc


def _create(api) -> int:
    response = api.post("/api/diagrams/", {"name": "Orders", "document": orders_doc()})
    assert response.status_code == 201
    return response.json()["id"]


def test_export_gives_a_yaml_template_download_with_the_diagrams_resources(visitor):
    pk = _create(visitor)

    response = visitor.get(f"/api/diagrams/{pk}/export/?format=yaml")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    template = load_text(response.content.decode())
    types = {r["Type"] for r in template["Resources"].values()}
    assert "AWS::SQS::Queue" in types
    assert template["Metadata"]["Eventyard"]["format"] == "eventyard/1"


def test_export_as_json_and_an_unknown_format_is_a_400(visitor):
    pk = _create(visitor)

    assert json.loads(visitor.get(f"/api/diagrams/{pk}/export/?format=json").content)
    response = visitor.get(f"/api/diagrams/{pk}/export/?format=xml")
    assert response.status_code == 400
    assert response.json()["problems"][0]["path"] == "format"


def test_export_as_sam_is_a_sam_template_download(visitor):
    pk = _create(visitor)

    response = visitor.get(f"/api/diagrams/{pk}/export/?format=sam")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert response["Content-Disposition"].endswith('orders-sam.yaml"')
    template = load_text(response.content.decode())
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    [function] = [r for r in template["Resources"].values() if "Serverless" in r["Type"]]
    assert [e["Type"] for e in function["Properties"]["Events"].values()] == ["SQS"]


def test_another_visitor_cannot_export_my_diagram(visitor, stranger):
    pk = _create(visitor)

    assert stranger.get(f"/api/diagrams/{pk}/export/").status_code == 404


def test_import_rebuilds_the_exported_diagram(visitor):
    pk = _create(visitor)
    text = visitor.get(f"/api/diagrams/{pk}/export/?format=yaml").content.decode()

    response = visitor.post("/api/import/", {"template": text})

    assert response.status_code == 200
    body = response.json()
    assert {n["id"] for n in body["document"]["nodes"]} == {n["id"] for n in orders_doc()["nodes"]}
    assert isinstance(body["warnings"], list)


def test_import_of_something_that_is_not_a_template_is_a_400_with_a_path(visitor):
    response = visitor.post("/api/import/", {"template": "just: [unclosed"})

    assert response.status_code == 400
    assert response.json()["problems"][0]["path"].startswith("template")
