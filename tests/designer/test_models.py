"""Stored diagrams: revisions, stale saves, the invariants the database enforces, sharing,
and loading the example files."""

import pytest
from django.db import IntegrityError, transaction

from designer.examples import ExampleError, examples_dir, sync_examples
from designer.models import (
    Diagram,
    DiagramRevision,
    StaleRevision,
    save_diagram,
    share,
    unshare,
)
from tests.designer.builders import make_doc, orders_doc, write_example

pytestmark = pytest.mark.django_db


def anonymous_diagram(**fields) -> Diagram:
    return Diagram.objects.create(
        session_key="s" * 32, name="Orders", document=orders_doc(), **fields
    )


def test_a_new_diagram_starts_at_revision_1_unshared():
    diagram = anonymous_diagram()

    assert diagram.revision == 1
    assert diagram.is_shared is False
    assert diagram.revisions.count() == 0


def test_save_keeps_the_replaced_state_as_a_revision():
    diagram = anonymous_diagram()
    new_document = orders_doc(visibility_timeout=60)

    saved = save_diagram(diagram.pk, expected_revision=1, name="Renamed", document=new_document)

    assert (saved.revision, saved.name, saved.document) == (2, "Renamed", new_document)
    [old] = DiagramRevision.objects.filter(diagram=diagram)
    assert (old.revision, old.name, old.document) == (1, "Orders", orders_doc())


def test_a_stale_save_raises_with_the_current_state_and_changes_nothing():
    diagram = anonymous_diagram()
    save_diagram(diagram.pk, expected_revision=1, name="Second", document=orders_doc(60))

    with pytest.raises(StaleRevision) as raised:
        save_diagram(diagram.pk, expected_revision=1, name="Lost", document=orders_doc(90))

    assert raised.value.current.revision == 2
    diagram.refresh_from_db()
    assert (diagram.revision, diagram.name) == (2, "Second")
    assert diagram.document == orders_doc(60)
    assert diagram.revisions.count() == 1


def test_an_example_cannot_have_an_owner_a_session_or_a_share_token(django_user_model):
    user = django_user_model.objects.create_user("ada")
    for fields in ({"owner": user}, {"session_key": "k" * 32}, {"share_token": "t"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Diagram.objects.create(is_example=True, name="x", document={}, **fields)


def test_a_users_diagram_needs_an_owner_or_a_session():
    with pytest.raises(IntegrityError), transaction.atomic():
        Diagram.objects.create(name="Orphan", document=orders_doc())


def test_only_examples_have_a_slug():
    with pytest.raises(IntegrityError), transaction.atomic():
        anonymous_diagram(example_slug="orders")


def test_a_revision_number_is_stored_once_per_diagram():
    diagram = anonymous_diagram()
    DiagramRevision.objects.create(diagram=diagram, revision=1, name="a", document={})

    with pytest.raises(IntegrityError), transaction.atomic():
        DiagramRevision.objects.create(diagram=diagram, revision=1, name="b", document={})


def test_sharing_twice_gives_the_same_token_and_unsharing_revokes_it():
    diagram = anonymous_diagram()

    token, made = share(diagram.pk)
    again, made_again = share(diagram.pk)
    unshare(diagram.pk)

    assert (made, made_again) == (True, False)
    assert again == token and len(token) >= 32
    diagram.refresh_from_db()
    assert diagram.share_token is None


# --- examples ---------------------------------------------------------------------------


def test_sync_creates_one_read_only_example_per_file(example_folder):
    write_example(example_folder, "orders", orders_doc())
    write_example(example_folder, "empty", make_doc([], name="Empty canvas"))

    result = sync_examples(example_folder)

    assert sorted(result.created) == ["empty", "orders"]
    examples = {d.example_slug: d for d in Diagram.objects.filter(is_example=True)}
    assert examples["empty"].name == "Empty canvas"
    assert examples["orders"].document == orders_doc()
    assert all(d.owner is None and d.session_key == "" for d in examples.values())


def test_sync_updates_changed_files_deletes_missing_ones_and_leaves_the_rest(example_folder):
    write_example(example_folder, "orders", orders_doc())
    write_example(example_folder, "gone", make_doc([]))
    write_example(example_folder, "same", make_doc([], name="Same"))
    sync_examples(example_folder)
    write_example(example_folder, "orders", orders_doc(visibility_timeout=60))
    (example_folder / "gone.json").unlink()

    result = sync_examples(example_folder)

    assert (result.created, result.updated, result.deleted) == ([], ["orders"], ["gone"])
    orders = Diagram.objects.get(example_slug="orders")
    assert orders.revision == 2
    assert orders.document == orders_doc(visibility_timeout=60)
    assert Diagram.objects.get(example_slug="same").revision == 1


def test_sync_refuses_an_invalid_example_and_changes_nothing(example_folder):
    write_example(example_folder, "good", orders_doc())
    write_example(example_folder, "bad", orders_doc(visibility_timeout=50000))

    with pytest.raises(ExampleError) as raised:
        sync_examples(example_folder)

    assert "bad.json" in str(raised.value)
    assert "nodes[0].props.VisibilityTimeout" in str(raised.value)
    assert not Diagram.objects.filter(is_example=True).exists()


def test_sync_refuses_a_file_that_is_not_json(example_folder):
    write_example(example_folder, "broken", "{not json")

    with pytest.raises(ExampleError, match="broken.json"):
        sync_examples(example_folder)


def test_every_shipped_example_loads():
    slugs = sorted(
        item.name.removesuffix(".json")
        for item in examples_dir().iterdir()
        if item.name.endswith(".json")
    )

    sync_examples()

    stored = Diagram.objects.filter(is_example=True).values_list("example_slug", flat=True)
    assert sorted(stored) == slugs
