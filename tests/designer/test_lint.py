"""`GET /api/diagrams/<id>/lint/`: cfn-lint's findings for the exported template, run in a
child process that is bounded in time, in number and cached by the template's text."""

from __future__ import annotations

import pytest

from designer.cloudformation import lint
from tests.designer.builders import orders_doc, url


def _old_runtime_doc() -> dict:
    doc = orders_doc()
    for node in doc["nodes"]:
        if node["type"] == "lambda.function":
            node.setdefault("props", {})["Runtime"] = "nodejs20.x"
    return doc


@pytest.fixture(autouse=True)
def fresh_cache():
    lint._cache.clear()
    yield
    lint._cache.clear()


def test_an_exported_diagram_lints_clean(visitor):
    diagram = visitor.create()
    answer = visitor.get(url(diagram, "lint/"))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["linter"].startswith("cfn-lint ")
    assert (body["format"], body["findings"], body["errors"], body["warnings"]) == (
        "yaml",
        [],
        0,
        0,
    )


def test_a_deprecated_runtime_is_a_finding_on_the_line_of_the_template_shown(visitor):
    """cfn-lint's W2531 (E2531 once creation is disabled): "Runtime ... was deprecated"."""
    diagram = visitor.create(document=_old_runtime_doc())
    for fmt in ("yaml", "json"):
        body = visitor.get(url(diagram, f"lint/?format={fmt}")).json()
        [finding] = [f for f in body["findings"] if f["rule"] in ("W2531", "E2531")]
        assert finding["path"].endswith("/Properties/Runtime")
        assert "nodejs20.x" in finding["message"]
        text = visitor.get(url(diagram, f"export/?format={fmt}")).content.decode()
        assert "nodejs20.x" in text.splitlines()[finding["line"] - 1]
        assert body["warnings"] + body["errors"] >= 1


def test_the_sam_template_is_linted_as_sam(visitor):
    """cfn-lint applies SAM's transform itself: a finding on the SAM function is at its
    line in the SAM text."""
    clean = visitor.create()
    body = visitor.get(url(clean, "lint/?format=sam")).json()
    assert (body["format"], body["findings"]) == ("sam", [])
    diagram = visitor.create(document=_old_runtime_doc())
    body = visitor.get(url(diagram, "lint/?format=sam")).json()
    [finding] = [f for f in body["findings"] if f["rule"] in ("W2531", "E2531")]
    text = visitor.get(url(diagram, "export/?format=sam")).content.decode()
    assert "nodejs20.x" in text.splitlines()[finding["line"] - 1]


def test_bad_format_unknown_and_foreign_diagrams_are_refused_without_linting(
    visitor, stranger, monkeypatch
):
    async def never(text):
        raise AssertionError("no lint for a refused request")

    monkeypatch.setattr(lint, "_run_child", never)
    diagram = visitor.create()
    bad = visitor.get(url(diagram, "lint/?format=xml"))
    assert bad.status_code == 400
    assert bad.json()["problems"][0]["path"] == "format"
    assert stranger.get(url(diagram, "lint/")).status_code == 404
    assert visitor.get("/api/diagrams/999999/lint/").status_code == 404
    assert visitor.post(url(diagram, "lint/")).status_code == 405


def test_the_same_template_is_linted_once(visitor, monkeypatch):
    calls = []
    real = lint._run_child

    async def counting(text):
        calls.append(text)
        return await real(text)

    monkeypatch.setattr(lint, "_run_child", counting)
    diagram = visitor.create()
    first = visitor.get(url(diagram, "lint/")).json()
    second = visitor.get(url(diagram, "lint/")).json()
    assert first == second and len(calls) == 1
    visitor.get(url(diagram, "lint/?format=json"))
    assert len(calls) == 2  # another text


def test_when_every_slot_is_taken_the_answer_is_busy_not_a_queue(visitor, monkeypatch):
    monkeypatch.setattr(lint, "MAX_RUNNING", 0)
    answer = visitor.get(url(visitor.create(), "lint/"))
    assert answer.status_code == 503
    assert answer["Retry-After"] == "2"
    assert "try again" in answer.json()["detail"]
    assert lint._running == 0


def test_a_lint_that_takes_too_long_is_stopped(visitor, monkeypatch):
    monkeypatch.setattr(lint, "CHILD", "import time; time.sleep(30)")
    monkeypatch.setattr(lint, "TIMEOUT", 0.5)
    answer = visitor.get(url(visitor.create(), "lint/"))
    assert answer.status_code == 503
    assert "longer than 0.5 s" in answer.json()["detail"]
    assert lint._running == 0 and lint._cache == {}


def test_a_linter_that_fails_says_why(visitor, monkeypatch):
    monkeypatch.setattr(lint, "CHILD", "raise SystemExit('no cfn-lint here')")
    answer = visitor.get(url(visitor.create(), "lint/"))
    assert answer.status_code == 503
    assert "no cfn-lint here" in answer.json()["detail"]
