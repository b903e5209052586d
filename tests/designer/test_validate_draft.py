"""`POST /api/validate/`: the editor checks an unsaved draft without storing anything."""

from __future__ import annotations

from designer.models import Diagram
from tests.designer.builders import orders_doc


def test_a_valid_draft_gets_advice_and_nothing_is_stored(visitor):
    response = visitor.post("/api/validate/", {"document": orders_doc()})

    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["errors"] == []
    assert all({"path", "code", "message", "fix"} <= set(w) for w in body["warnings"])
    assert Diagram.objects.filter(is_example=False).count() == 0


def test_an_invalid_draft_lists_its_problems_with_document_paths(visitor):
    document = orders_doc()
    document["nodes"][0]["props"] = {"VisibilityTimeout": 50000}

    body = visitor.post("/api/validate/", {"document": document}).json()

    assert body["valid"] is False
    paths = [problem["path"] for problem in body["errors"]]
    assert "nodes[0].props.VisibilityTimeout" in paths or any(
        p.endswith("props.VisibilityTimeout") for p in paths
    )


def test_a_body_without_a_document_is_a_400_naming_the_field(visitor):
    response = visitor.post("/api/validate/", {"doc": {}})

    assert response.status_code == 400
    assert response.json()["problems"][0]["path"] == "document"
