"""`manage.py playground` loads the example diagrams into the database after migrating."""

import pytest
from django.core.management import CommandError, call_command

from designer.course import all_lessons
from designer.models import Diagram
from playground.management.commands import playground
from tests.designer.builders import orders_doc, write_example

pytestmark = pytest.mark.django_db


class NoServer:
    """Daphne's server, replaced: the command's preparation is what is tested here."""

    listen_failure = None

    def __init__(self, **kwargs):
        pass

    def run(self) -> None:
        pass


def test_the_playground_command_loads_the_examples(monkeypatch, example_folder):
    write_example(example_folder, "orders", orders_doc())
    monkeypatch.setattr("designer.examples.examples_dir", lambda: example_folder)
    monkeypatch.setattr(playground, "_Server", NoServer)

    call_command("playground", "127.0.0.1:8123")

    examples = Diagram.objects.filter(is_example=True)
    [example] = examples.exclude(example_slug__startswith="lesson:")
    assert (example.example_slug, example.document) == ("orders", orders_doc())
    # and every lesson's diagram, for its live runs
    assert examples.filter(example_slug__startswith="lesson:").count() == len(all_lessons())


def test_the_playground_command_stops_on_a_broken_example(monkeypatch, example_folder):
    write_example(example_folder, "bad", orders_doc(visibility_timeout=50000))
    monkeypatch.setattr("designer.examples.examples_dir", lambda: example_folder)
    monkeypatch.setattr(playground, "_Server", NoServer)

    with pytest.raises(CommandError, match="bad.json"):
        call_command("playground", "127.0.0.1:8123")


def test_a_curated_example_shows_only_the_advice_it_is_about_and_says_so(visitor):
    from designer.examples import sync_examples
    from designer.validation import EXAMPLE_SUBJECTS

    sync_examples()
    examples = {d.example_slug: d for d in Diagram.objects.filter(is_example=True)}
    for slug, diagram in examples.items():
        warnings = visitor.get(f"/api/diagrams/{diagram.pk}/validate/").json()["warnings"]
        about = EXAMPLE_SUBJECTS.get(slug, {})
        assert {w["code"] for w in warnings} <= set(about), slug
        assert all(w["message"].startswith("This example shows") for w in warnings), slug
    burst = visitor.get(f"/api/diagrams/{examples['lambda-throttling-burst'].pk}/validate/").json()
    assert sorted(w["code"] for w in burst["warnings"]) == [
        "max_receive_count_low",
        "visibility_timeout_short",
    ]
    assert (
        "VisibilityTimeout of 10 s"
        in burst["warnings"][0]["message"] + burst["warnings"][1]["message"]
    )


def test_a_copy_of_an_example_gets_all_the_advice(visitor):
    from designer.examples import sync_examples

    sync_examples()
    example = Diagram.objects.get(example_slug="sns-fanout-filters")
    assert visitor.get(f"/api/diagrams/{example.pk}/validate/").json()["warnings"] == []
    copy = visitor.post(f"/api/diagrams/{example.pk}/duplicate/", {}).json()
    warnings = visitor.get(f"/api/diagrams/{copy['id']}/validate/").json()["warnings"]
    assert {w["code"] for w in warnings} == {"no_on_failure_destination", "no_subscription_dlq"}
    assert not any(w["message"].startswith("This example") for w in warnings)


def test_examples_carry_their_place_in_the_suggested_order_and_a_level(visitor):
    from designer.examples import EXAMPLE_PATH, sync_examples

    sync_examples()
    listed = visitor.get("/api/diagrams/").json()
    examples = {d["name"]: d["guide"] for d in listed if d["is_example"]}
    slugs = {d.example_slug for d in Diagram.objects.filter(is_example=True)}
    # Every shipped example has its place in the path, each place once.
    assert slugs == {slug for slug, _ in EXAMPLE_PATH}
    orders = sorted(guide["order"] for guide in examples.values())
    assert orders == list(range(1, len(EXAMPLE_PATH) + 1))
    first = Diagram.objects.get(example_slug="order-queue-dlq")
    assert examples[first.name] == {"order": 1, "level": 1, "level_name": "beginner"}
    own = visitor.create()
    assert visitor.get(f"/api/diagrams/{own['id']}/").json()["guide"] is None
