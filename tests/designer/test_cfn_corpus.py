"""Import of real templates (`tests/designer/cfn_corpus/`: 66 of AWS's Serverless Patterns,
SAM nearly all): each imports to a document the engine runs, the wiring the template
holds comes back (the issue's target: 95%), what does not is said at its path, the
warnings name the author's resources (not what the SAM transform generated), starter
traffic makes the diagrams run, and each diagram exports lint-clean and back."""

from __future__ import annotations

import re

import pytest

from designer.cloudformation import export_template, import_template
from designer.cloudformation.template_text import load_text
from engine import load_diagram
from tests.designer.cfn_support import canonical, lint_findings
from tests.designer.corpus import measure, templates

TARGET_RECALL = 0.95
AT_LEAST_RECALLED = 133  # of 134 (README "Importing real templates")
# Figures of the README ("Importing real templates"): a change that loses one fails here.
AT_LEAST_RUNNING = 61


@pytest.fixture(scope="module")
def outcomes():
    return [measure(path) for path in templates()]


def test_the_corpus_is_real_and_large_enough():
    paths = templates()
    assert len(paths) >= 30
    sam = [p for p in paths if "AWS::Serverless-2016-10-31" in p.read_text(encoding="utf-8")]
    assert len(sam) >= 0.9 * len(paths)  # as in the wild: SAM nearly everywhere


def test_every_template_imports_to_a_document_the_engine_runs(outcomes):
    failed = [(o.name, o.error) for o in outcomes if not o.imported]
    assert failed == []
    for outcome in outcomes:
        load_diagram(outcome.document)


def test_the_wiring_comes_back(outcomes):
    wires = sum(len(o.wires) for o in outcomes)
    recalled = sum(o.recalled for o in outcomes)
    assert wires >= 120
    assert recalled / wires >= TARGET_RECALL, [
        (o.name, w.where) for o in outcomes for w in o.missed
    ]
    assert recalled >= AT_LEAST_RECALLED


def test_what_does_not_come_back_is_said_where_it_is(outcomes):
    for outcome in outcomes:
        paths = [w["path"] for w in outcome.warnings]
        for wire in outcome.missed:
            resource = wire.where.split(".")[0]
            assert any(p.startswith(f"Resources.{resource}") for p in paths), (
                outcome.name,
                wire.where,
            )


def test_warnings_name_what_the_author_wrote(outcomes):
    for path, outcome in zip(templates(), outcomes, strict=True):
        written = set(load_text(path.read_text(encoding="utf-8"))["Resources"])
        for warning in outcome.warnings:
            assert warning["code"] and warning["message"]
            match = re.match(r"^Resources\.([A-Za-z0-9]+)", warning["path"])
            if match:  # never a logical id SAM's transform made up
                assert match.group(1) in written, (outcome.name, warning)
            else:
                assert warning["path"] in ("", "Transform") or warning["path"].startswith(
                    "Parameters."
                ), (outcome.name, warning)
        quiet = [w for w in outcome.warnings if w["code"] == "not_message_flow"]
        assert len(quiet) <= 1  # log groups, descriptions, tags: one grouped line


def test_starter_traffic_makes_imported_diagrams_run(outcomes):
    running = [o for o in outcomes if o.carries]
    assert len(running) >= AT_LEAST_RUNNING
    for outcome in outcomes:
        starters = [n for n in outcome.document["nodes"] if n.get("role") == "starter"]
        assert all(n["type"] == "producer" and n["sim"]["rate"] == 1 for n in starters)
        if starters:
            assert outcome.carries, outcome.name


@pytest.mark.slow
def test_every_imported_diagram_exports_lint_clean_and_comes_back(outcomes):
    for outcome in outcomes:
        text = export_template(outcome.document)
        errors, _ = lint_findings(text)
        assert errors == [], (outcome.name, errors)
        back, warnings = import_template(text)
        assert warnings == [], outcome.name
        assert canonical(back) == canonical(outcome.document), outcome.name


@pytest.mark.slow
def test_every_imported_diagram_exports_as_sam_lint_clean_and_comes_back(outcomes):
    """Real projects' diagrams as SAM: AWS's transform takes each, cfn-lint (which applies
    the transform) finds no error, and the import gives the same diagram."""
    for outcome in outcomes:
        text = export_template(outcome.document, fmt="sam")
        errors, _ = lint_findings(text)
        assert errors == [], (outcome.name, errors)
        back, warnings = import_template(text)
        assert warnings == [], outcome.name
        assert canonical(back) == canonical(outcome.document), outcome.name
