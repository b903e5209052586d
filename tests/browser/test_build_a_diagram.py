"""A new user builds a diagram: drop, wire, see a wrong wire refused, fix a bad prop after
seeing the problem, save, reload."""

import pytest
from playwright.sync_api import expect

from designer.models import Diagram
from tests.browser.helpers import (
    click_edge,
    drop,
    edges,
    new_diagram,
    node,
    node_ids,
    open_editor,
    saved,
    set_prop,
    wire,
)

pytestmark = pytest.mark.e2e


def build_queue_pipeline(page):
    drop(page, "producer", 140, 140)
    drop(page, "sqs.queue", 440, 140)
    drop(page, "lambda.function", 740, 140)
    expect(page.locator("[data-node-id]")).to_have_count(3)
    wire(page, "producer", "queue")
    wire(page, "queue", "function")
    expect(page.locator("[data-edge-id]")).to_have_count(2)


def test_new_diagram_from_the_gallery_drops_wires_saves_and_reloads(page):
    page.goto("/")
    page.locator('[data-action="new"]').first.click()
    page.wait_for_url("**/diagrams/*/")
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")

    build_queue_pipeline(page)

    assert node_ids(page) == ["producer", "queue", "function"]
    assert page.locator('[data-node-id="queue"]').get_attribute("data-node-type") == "sqs.queue"
    assert node(page, "queue").locator('[data-port="in"]').count() == 1
    assert node(page, "queue").locator('[data-port="out"]').count() == 1
    assert node(page, "producer").locator('[data-port="in"]').count() == 0
    assert edges(page) == [("e1", "publish"), ("e2", "event-source")]
    saved(page)

    page.reload()
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator("[data-node-id]")).to_have_count(3)
    expect(page.locator("[data-edge-id]")).to_have_count(2)
    assert edges(page) == [("e1", "publish"), ("e2", "event-source")]
    stored = Diagram.objects.get(is_example=False)
    assert [n["type"] for n in stored.document["nodes"]] == [
        "producer",
        "sqs.queue",
        "lambda.function",
    ]


def test_a_wire_no_edge_kind_allows_is_refused_with_the_allowed_pairs(page):
    new_diagram(page)
    drop(page, "producer", 140, 140)
    drop(page, "worker", 540, 140)

    wire(page, "producer", "worker")

    refusal = page.locator('[data-toast="error"]')
    expect(refusal).to_contain_text("No edge joins producer → worker")
    details = refusal.locator("[data-toast-details]")
    expect(details).to_be_hidden()
    refusal.locator("[data-toast-more]").click()
    expect(details).to_contain_text("publish s3.bucket, sns.topic, sqs.queue")
    expect(details).to_contain_text("event-source sqs.queue")
    expect(page.locator("[data-edge-id]")).to_have_count(0)
    # The message is one short sentence and leaves the toolbar uncovered.
    sentence = refusal.locator("[data-toast-text]").text_content()
    assert sentence.endswith(".") and ". " not in sentence and len(sentence) < 100
    toast_box = refusal.bounding_box()
    toolbar_box = page.locator("[data-toolbar]").bounding_box()
    assert toast_box["y"] > toolbar_box["y"] + toolbar_box["height"]


def test_a_pair_several_kinds_fit_asks_which_kind(page):
    new_diagram(page)
    drop(page, "lambda.function", 140, 140)
    drop(page, "sqs.queue", 540, 140)

    wire(page, "function", "queue")

    dialog = page.locator('[data-dialog="edge-kind"]')
    expect(dialog).to_be_visible()
    expect(dialog.locator('[data-choice="publish"]')).to_be_visible()
    dialog.locator('[data-choice="destination"]').click()
    expect(page.locator('[data-edge-kind="destination"]')).to_have_count(1)
    # A destination needs its condition: the editor fills the first allowed one.
    saved(page)


def test_a_bad_prop_shows_its_problem_until_it_is_fixed(page):
    new_diagram(page)
    build_queue_pipeline(page)
    saved(page)
    node(page, "queue").locator("[joint-selector=body]").click(position={"x": 100, "y": 12})

    set_prop(page, "VisibilityTimeout", "50000")

    field_error = page.locator('[data-prop="VisibilityTimeout"] ~ [data-field-error]')
    expect(field_error).to_have_text("50000 is not in 0..43200")
    path = "nodes[1].props.VisibilityTimeout"
    listed = page.locator(f'[data-problems] [data-problem="{path}"]')
    expect(listed).to_contain_text("50000 is not in 0..43200")
    expect(node(page, "queue").locator(f'[data-problem="{path}"]')).to_have_count(1)
    expect(page.locator("[data-save-status]")).to_have_attribute("data-state", "invalid")

    set_prop(page, "VisibilityTimeout", "60")

    saved(page)
    expect(page.locator(f'[data-problem="{path}"]')).to_have_count(0)
    stored = Diagram.objects.get(is_example=False)
    assert stored.document["nodes"][1]["props"]["VisibilityTimeout"] == 60


def test_advice_from_the_validator_shows_on_the_node_and_in_the_list(page):
    new_diagram(page)
    build_queue_pipeline(page)
    saved(page)

    # A queue a Lambda reads without a dead-letter queue draws advice.
    advice = page.locator("[data-problems] .problem-warning[data-problem]")
    expect(advice.first).to_be_visible()
    paths = advice.evaluate_all("els => els.map(e => e.dataset.problem)")
    assert any(path.startswith(("nodes[", "edges[")) for path in paths)


def test_json_fields_check_syntax_inline(page):
    new_diagram(page)
    drop(page, "sns.topic", 140, 140)
    drop(page, "sqs.queue", 540, 140)
    wire(page, "topic", "queue")
    click_edge(page, "[data-edge-kind=subscription]")

    policy = page.locator('[data-prop="FilterPolicy"]')
    policy.fill('{"region": ["eu"')
    expect(page.locator('[data-prop="FilterPolicy"] ~ [data-field-error]')).to_contain_text(
        "Not valid JSON"
    )
    policy.fill('{"region": ["eu"]}')
    expect(page.locator('[data-prop="FilterPolicy"] ~ [data-field-error]')).to_be_hidden()
    policy.press("Tab")
    saved(page)
    stored = Diagram.objects.get(is_example=False)
    assert stored.document["edges"][0]["props"]["FilterPolicy"] == {"region": ["eu"]}


def test_an_unknown_diagram_answers_404(page):
    response = page.goto("/diagrams/999999/")
    assert response.status == 404


def test_example_opens_read_only_and_duplicates_to_edit(page, examples):
    example = examples["order-queue-dlq"]
    open_editor(page, f"/diagrams/{example.pk}/")

    expect(page.locator('[data-banner="example"]')).to_be_visible()
    expect(page.locator('[data-node-id="orders"]')).to_be_visible()
    expect(page.locator('[data-action="save"]')).to_be_disabled()
    expect(page.locator('[data-prop="VisibilityTimeout"]')).to_have_count(0)
    node(page, "orders").locator("[joint-selector=body]").click(position={"x": 100, "y": 12})
    expect(page.locator('[data-prop="VisibilityTimeout"]')).to_be_disabled()
    page.keyboard.press("Control+c")  # copying from an example is allowed; pasting is not
    page.keyboard.press("Control+v")
    expect(page.locator("[data-node-id]")).to_have_count(len(example.document["nodes"]))

    page.locator('[data-banner="example"] [data-action="duplicate"]').click()
    page.wait_for_url(lambda url: f"/diagrams/{example.pk}/" not in url)
    expect(page.locator("[data-editor]")).to_have_attribute("data-ready", "true")
    expect(page.locator('[data-banner="example"]')).to_have_count(0)
    expect(page.locator('[data-node-id="orders"]')).to_be_visible()
    page.keyboard.press("Control+v")
    expect(page.locator('[data-node-id="orders2"]')).to_be_visible()
    saved(page)
    assert Diagram.objects.filter(is_example=False).count() == 1
