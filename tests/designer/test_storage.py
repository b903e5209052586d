"""Storage per owner: diagram and byte quotas (429, nothing kept), revisions pruned oldest
first per diagram and per owner, and deleted data giving its disk space back."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from designer.models import Diagram, DiagramRevision, document_size
from tests.designer.builders import Api, orders_doc, stored, url


def save(api: Api, diagram: dict, document: dict) -> dict:
    current = api.get(url(diagram)).json()
    body = {"name": current["name"], "document": document, "revision": current["revision"]}
    return api.put(url(diagram), body)


def test_one_diagram_past_the_quota_is_a_429_and_is_not_kept(visitor, stranger, settings):
    settings.EVENTYARD_DIAGRAMS_PER_OWNER = 2
    first = visitor.create("One")
    visitor.create("Two")

    response = visitor.post("/api/diagrams/", {"name": "Three", "document": orders_doc()})
    copy = visitor.post(url(first, "duplicate/"))

    assert (response.status_code, copy.status_code) == (429, 429)
    (problem,) = response.json()["problems"]
    assert problem["code"] == "too_many_diagrams" and "2 diagrams" in problem["message"]
    assert Diagram.objects.filter(is_example=False).count() == 2
    assert stranger.create("Someone else's").get("id")  # a quota is per owner


def test_each_diagram_keeps_only_its_newest_revisions(visitor, settings):
    settings.EVENTYARD_REVISIONS_PER_DIAGRAM = 3
    diagram = visitor.create()
    for timeout in range(31, 37):
        assert save(visitor, diagram, orders_doc(timeout)).status_code == 200

    kept = list(stored(diagram).revisions.values_list("revision", flat=True))

    assert stored(diagram).revision == 7
    assert kept == [6, 5, 4]


def test_an_owners_diagrams_together_keep_only_the_newest_revisions(visitor, settings):
    settings.EVENTYARD_REVISIONS_PER_OWNER = 4
    a, b = visitor.create("A"), visitor.create("B")
    for timeout in range(31, 34):
        save(visitor, a, orders_doc(timeout))
    for timeout in range(31, 34):
        save(visitor, b, orders_doc(timeout))

    kept = DiagramRevision.objects.order_by("diagram_id", "revision")
    assert [(r.diagram_id, r.revision) for r in kept] == [
        (a["id"], 3),
        (b["id"], 1),
        (b["id"], 2),
        (b["id"], 3),
    ]


def test_past_the_byte_quota_old_revisions_go_and_then_saves_are_refused(visitor, settings):
    small = document_size(orders_doc())
    settings.EVENTYARD_BYTES_PER_OWNER = small * 3 + 10
    diagram = visitor.create()
    for timeout in range(31, 36):
        assert save(visitor, diagram, orders_doc(timeout)).status_code == 200
    assert stored(diagram).revisions.count() == 2  # the diagram and its two newest

    big = orders_doc()
    big["description"] = "x" * (small * 3)
    response = save(visitor, diagram, big)

    assert response.status_code == 429
    assert response.json()["problems"][0]["code"] == "storage_full"
    assert stored(diagram).revision == 6  # the refused save changed nothing
    assert stored(diagram).revisions.count() == 2


def test_sizes_are_kept_with_every_save(visitor):
    diagram = visitor.create()
    save(visitor, diagram, orders_doc(99))

    row = stored(diagram)
    assert row.size == document_size(row.document)
    assert row.revisions.get().size == document_size(orders_doc())


def _pages() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA freelist_count")
        return pages, cursor.fetchone()[0]


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's pages (PostgreSQL: the test below)"
)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_deleting_diagrams_gives_their_space_back():
    api = Api(Client())
    big = orders_doc()
    big["description"] = "y" * 400_000
    made = [api.create(f"Big {i}", big) for i in range(5)]
    grown, _ = _pages()

    for diagram in made:
        assert api.delete(url(diagram)).status_code == 204

    pages, free = _pages()
    assert free == 0, "deleted pages stay in the file"
    assert pages < grown * 0.5, (grown, pages)


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_compact_command_vacuums_the_database():
    out = StringIO()

    call_command("compact", stdout=out)

    assert out.getvalue().startswith("database: ")
    assert _pages()[1] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_compact_on_postgresql_gives_deleted_diagrams_space_back():
    api = Api(Client())
    big = orders_doc()
    big["description"] = "".join(f"{i:07d}" for i in range(60_000))  # poorly compressible
    made = [api.create(f"Big {i}", big) for i in range(5)]
    for diagram in made:
        assert api.delete(url(diagram)).status_code == 204
    out = StringIO()

    call_command("compact", stdout=out)

    before, after = (
        int(part.split()[0].replace(",", ""))
        for part in out.getvalue().removeprefix("database: ").split(", ")
    )
    assert after < before, out.getvalue()
