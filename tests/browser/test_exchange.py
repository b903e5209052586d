"""Export (the CloudFormation template, shown and downloadable) and import (a template, or
an Eventyard document file), through the editor's dialogs."""

import json

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import act, click_node, drop, edges, new_diagram, saved, wire

pytestmark = pytest.mark.e2e


def import_file(page, template) -> None:
    """Import a file through the dialog and wait for the new diagram's editor."""
    act(page, "import")
    page.locator('[data-dialog="import"] [data-field="import-file"]').set_input_files(template)
    page.wait_for_url(
        lambda url: not url.endswith(f"/diagrams/{Diagram.objects.order_by('pk').first().pk}/")
    )
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")


def test_export_shows_and_downloads_the_template_then_it_imports_back(page, tmp_path):
    new_diagram(page)
    drop(page, "producer", 140, 140)
    drop(page, "sqs.queue", 440, 140)
    wire(page, "producer", "queue")
    saved(page)

    act(page, "export")
    dialog = page.locator('[data-dialog="export"]')
    text = dialog.locator("[data-export-text]")
    expect(text).to_contain_text("AWS::SQS::Queue")
    expect(text).to_contain_text("AWSTemplateFormatVersion")
    lint = dialog.locator("[data-lint]")
    expect(lint).to_have_attribute("data-lint-state", "clean", timeout=20_000)
    expect(lint).to_contain_text("cfn-lint")
    expect(lint).to_contain_text("no findings")
    with page.expect_download() as download:
        dialog.locator('[data-action="download"]').click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".yaml"
    assert "AWS::SQS::Queue" in template.read_text()

    dialog.locator('[data-format="json"]').click()
    expect(text).to_contain_text('"AWSTemplateFormatVersion"')
    json.loads(text.text_content())
    page.keyboard.press("Escape")

    import_file(page, template)
    expect(page.locator('[data-node-type="sqs.queue"]')).to_have_count(1)
    expect(page.locator('[data-node-type="producer"]')).to_have_count(1)
    expect(page.locator('[data-edge-kind="publish"]')).to_have_count(1)
    assert Diagram.objects.filter(is_example=False).count() == 2


def test_export_as_sam_shows_the_functions_events_and_imports_back(page, tmp_path):
    new_diagram(page)
    drop(page, "sqs.queue", 160, 160)
    drop(page, "lambda.function", 480, 160)
    wire(page, "queue", "function")
    saved(page)
    assert edges(page) == [("e1", "event-source")]

    act(page, "export")
    dialog = page.locator('[data-dialog="export"]')
    note = dialog.locator("[data-export-note]")
    expect(note).to_be_hidden()
    dialog.locator('[data-format="sam"]').click()
    expect(dialog.locator('[data-format="sam"]')).to_have_attribute("aria-selected", "true")
    text = dialog.locator("[data-export-text]")
    expect(text).to_contain_text("Transform: AWS::Serverless-2016-10-31")
    expect(text).to_contain_text("Type: AWS::Serverless::Function")
    expect(text).to_contain_text("Type: SQS")
    expect(note).to_be_visible()
    expect(note).to_contain_text("managed policies")
    lint = dialog.locator("[data-lint]")
    expect(lint).to_have_attribute("data-lint-state", "clean", timeout=30_000)
    page.screenshot(path="/tmp/export-sam.png")
    with page.expect_download() as download:
        dialog.locator('[data-action="download"]').click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.name.endswith("-sam.yaml")
    page.keyboard.press("Escape")

    import_file(page, template)
    expect(page.locator('[data-node-type="lambda.function"]')).to_have_count(1)
    expect(page.locator('[data-edge-kind="event-source"]')).to_have_count(1)
    assert edges(page) == [("e1", "event-source")]
    imported = Diagram.objects.order_by("-pk").first().document
    assert [(e["source"], e["target"]) for e in imported["edges"]] == [("queue", "function")]


def test_export_lists_cfn_lint_findings_and_goes_to_their_line(page):
    """A function on a deprecated runtime: cfn-lint's W2531 (E2531 once AWS stops its
    creation) is listed under the template, and its line number scrolls the text there."""
    new_diagram(page)
    drop(page, "lambda.function", 200, 200)
    click_node(page, "function")
    page.locator('[data-prop="Runtime"]').select_option("nodejs20.x")
    saved(page)

    act(page, "export")
    dialog = page.locator('[data-dialog="export"]')
    lint = dialog.locator("[data-lint]")
    expect(lint).to_have_attribute("data-lint-state", "findings", timeout=20_000)
    finding = lint.locator('[data-lint-finding$="2531"]')
    expect(finding).to_contain_text("nodejs20.x")
    text = dialog.locator("[data-export-text]")
    assert text.evaluate("el => el.scrollTop") == 0
    finding.locator("button").click()
    assert text.evaluate("el => el.scrollTop") > 0
    page.screenshot(path="/tmp/export-lint.png")

    dialog.locator('[data-format="json"]').click()
    expect(text).to_contain_text('"AWSTemplateFormatVersion"')
    expect(lint).to_have_attribute("data-lint-state", "findings", timeout=20_000)
    expect(lint.locator('[data-lint-finding$="2531"]')).to_have_count(1)


def test_import_a_diagram_document_and_see_a_bad_file_refused(page, tmp_path):
    document = {
        "format": "eventyard/1",
        "name": "From a file",
        "nodes": [
            {"id": "topic", "type": "sns.topic", "label": "alerts", "position": {"x": 80, "y": 80}},
            {"id": "inbox", "type": "sqs.queue", "label": "inbox", "position": {"x": 380, "y": 80}},
        ],
        "edges": [{"id": "s1", "kind": "subscription", "source": "topic", "target": "inbox"}],
    }
    good = tmp_path / "diagram.json"
    good.write_text(json.dumps(document))
    bad = tmp_path / "broken.yaml"
    bad.write_text("Resources: [this is not, a template")
    new_diagram(page)

    act(page, "import")
    dialog = page.locator('[data-dialog="import"]')
    dialog.locator('[data-field="import-file"]').set_input_files(bad)
    expect(dialog.locator("[data-import-result]")).to_contain_text("Could not import broken.yaml")

    dialog.locator('[data-field="import-file"]').set_input_files(good)
    expect(page.locator('[data-edge-id="s1"]')).to_have_attribute("data-edge-kind", "subscription")
    expect(page.locator("[data-diagram-name]")).to_have_text("From a file")
    assert Diagram.objects.filter(name="From a file").count() == 1


HAND_WRITTEN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Inbox:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 45
  InboxSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Alerts
      Protocol: sqs
      Endpoint: !GetAtt Inbox.Arn
"""


def test_import_pasted_yaml_gets_the_default_seed_and_duration(person):
    page = person
    first = new_diagram(page)
    act(page, "import")
    dialog = page.locator('[data-dialog="import"]')
    go = dialog.locator("[data-import-paste]")
    expect(go).to_be_disabled()
    dialog.locator('[data-field="import-text"]').fill("Resources: [not, a template")
    go.click()
    expect(dialog.locator("[data-import-result]")).to_contain_text(
        "Could not import the pasted text"
    )

    dialog.locator('[data-field="import-text"]').fill(HAND_WRITTEN)
    go.click()
    page.wait_for_url(lambda url: not url.rstrip("/").endswith(f"/{first}"))
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator('[data-node-type="sns.topic"]')).to_have_count(1)
    expect(page.locator('[data-edge-kind="subscription"]')).to_have_count(1)
    imported = Diagram.objects.order_by("pk").last().document
    assert imported["sim"]["seed"] == 1 and imported["sim"]["duration"] == 60
    queue = next(n for n in imported["nodes"] if n["type"] == "sqs.queue")
    assert queue["props"]["VisibilityTimeout"] == 45
    expect(page.locator('[data-field="sim.seed"]')).to_have_value("1")
    expect(page.locator('[data-field="sim.duration"]')).to_have_value("60")
