"""Export past CloudFormation's quotas per template (500 resources, 200 outputs, a 1 MB
body): a 400 naming the limit, and design advice saying so before anyone exports."""

from __future__ import annotations

import pytest

from designer.cloudformation import export_template
from designer.cloudformation.export import MAX_TEMPLATE_BYTES
from engine import DiagramError
from tests.designer.builders import make_doc, node


def queues(count: int) -> dict:
    return make_doc([node(f"q{i}", "sqs.queue") for i in range(count)], name="Many queues")


def test_exporting_201_queues_is_a_400_naming_the_200_outputs_limit(visitor):
    pk = visitor.create("Many", queues(201))["id"]

    response = visitor.get(f"/api/diagrams/{pk}/export/?format=yaml")

    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert (problem["path"], problem["code"]) == ("document", "too_many_outputs")
    assert "201 outputs" in problem["message"] and "at most 200" in problem["message"]


def test_200_queues_still_export():
    assert "Q199" in export_template(queues(200))


def test_over_500_resources_is_refused_naming_the_limit():
    with pytest.raises(DiagramError) as caught:
        export_template(queues(600), fmt="json")

    codes = {p.code: p.message for p in caught.value.problems}
    assert "at most 500 resources" in codes["too_many_resources"]


def test_a_template_over_a_megabyte_is_refused():
    payload = {"blob": "x" * (MAX_TEMPLATE_BYTES + 10)}
    document = make_doc([node("shop", "producer", sim={"payload": payload})])

    with pytest.raises(DiagramError) as caught:
        export_template(document, fmt="json")

    (problem,) = caught.value.problems
    assert problem.code == "template_too_large"
    assert f"{MAX_TEMPLATE_BYTES:,} bytes" in problem.message


def test_validation_warns_before_export(visitor):
    pk = visitor.create("Many", queues(201))["id"]

    report = visitor.get(f"/api/diagrams/{pk}/validate/").json()

    assert report["valid"] is True
    warning = next(w for w in report["warnings"] if w["code"] == "too_many_outputs")
    assert "Split the diagram" in warning["fix"]


def test_small_diagrams_get_no_quota_warning(visitor):
    pk = visitor.create("Few", queues(3))["id"]

    report = visitor.get(f"/api/diagrams/{pk}/validate/").json()

    assert not [w for w in report["warnings"] if w["code"].startswith("too_many")]
