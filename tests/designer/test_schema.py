"""The OpenAPI schema at /api/schema/ generates, without warnings, and lists every address."""

import jsonschema
import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/catalog/",
    "/api/diagrams/",
    "/api/diagrams/{id}/",
    "/api/diagrams/{id}/duplicate/",
    "/api/diagrams/{id}/export/",
    "/api/diagrams/{id}/revisions/",
    "/api/diagrams/{id}/revisions/{number}/",
    "/api/diagrams/{id}/revisions/{number}/restore/",
    "/api/diagrams/{id}/share/",
    "/api/diagrams/{id}/validate/",
    "/api/import/",
    "/api/lessons/",
    "/api/lessons/{slug}/",
    "/api/lessons/{slug}/check/",
    "/api/runs/",
    "/api/runs/{run_id}/",
    "/api/runs/{run_id}/report/",
    "/api/runs/{run_id}/share/",
    "/api/shared/{token}/",
    "/api/shared/{token}/duplicate/",
    "/api/validate/",
]


@pytest.fixture
def schema(client) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_lists_every_address(schema):
    assert sorted(schema["paths"]) == PATHS


def test_the_schema_describes_bodies_and_error_shapes(schema):
    diagram = schema["paths"]["/api/diagrams/{id}/"]
    put = diagram["put"]
    components = schema["components"]["schemas"]

    assert put["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/DiagramUpdateRequest"
    )
    assert "revision" in components["DiagramUpdateRequest"]["required"]
    assert set(put["responses"]) == {"200", "400", "403", "404", "409", "415", "429"}
    assert set(components["Conflict"]["properties"]) == {"detail", "revision", "document"}
    assert set(components["Problems"]["properties"]) == {"problems"}
    assert diagram["get"]["parameters"][0]["schema"]["type"] == "integer"


def test_the_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn raises if drf-spectacular had to guess anything.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))


def test_the_schema_says_what_the_answers_are(schema):
    paths = schema["paths"]
    export = paths["/api/diagrams/{id}/export/"]["get"]["responses"]["200"]["content"]
    assert export["application/json"]["schema"]["type"] == "object"
    assert export["application/yaml"]["schema"]["type"] == "string"
    diagram = schema["components"]["schemas"]["Diagram"]["properties"]["document"]
    assert diagram["type"] == "object"
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert {} in operation["security"], f"{method} {path}: a cookie is optional"
            if method in ("post", "put", "patch", "delete"):
                assert "403" in operation["responses"], f"{method} {path}: CSRF refusal"


def test_a_new_run_takes_a_diagram_or_a_share_token_never_both(schema):
    body = schema["paths"]["/api/runs/"]["post"]["requestBody"]["content"]["application/json"]
    shape = body["schema"]
    assert jsonschema.Draft4Validator(shape).is_valid({"diagram": 3, "seed": 7})
    assert jsonschema.Draft4Validator(shape).is_valid({"shared": "abc"})
    assert not jsonschema.Draft4Validator(shape).is_valid({"diagram": 3, "shared": "abc"})
    assert not jsonschema.Draft4Validator(shape).is_valid({"seed": 7})
