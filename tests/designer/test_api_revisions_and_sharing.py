"""The diagrams API beyond saving: validation reports, revisions and restore, duplicates
and read-only share links."""

import pytest

from designer import models
from designer.models import Diagram
from tests.designer.builders import orders_doc, stored, url

pytestmark = pytest.mark.django_db


# --- validate ------------------------------------------------------------------------------


def test_validate_reports_advice_for_a_valid_document(visitor):
    created = visitor.create()

    body = visitor.get(url(created, "validate/")).json()

    assert (body["valid"], body["errors"]) == (True, [])
    assert {"path": "nodes[0]", "code": "no_dead_letter_queue"}.items() <= body["warnings"][
        0
    ].items()
    assert set(body["warnings"][0]) == {"path", "code", "message", "fix"}


def test_validate_reports_the_problems_of_a_stored_document_the_engine_now_refuses(visitor):
    created = visitor.create()
    Diagram.objects.filter(pk=created["id"]).update(document=orders_doc(50000))

    body = visitor.get(url(created, "validate/")).json()

    assert body == {
        "valid": False,
        "errors": [
            {
                "path": "nodes[0].props.VisibilityTimeout",
                "code": "out_of_range",
                "message": "50000 is not in 0..43200",
            }
        ],
        "warnings": [],
    }


# --- revisions -----------------------------------------------------------------------------


def test_revisions_list_earlier_states_newest_first(visitor):
    created = visitor.create()
    visitor.put(url(created), {"name": "Two", "document": orders_doc(60), "revision": 1})
    visitor.put(url(created), {"name": "Three", "document": orders_doc(90), "revision": 2})

    listed = visitor.get(url(created, "revisions/")).json()
    first = visitor.get(url(created, "revisions/1/")).json()

    assert [(r["revision"], r["name"]) for r in listed] == [(2, "Two"), (1, "Orders")]
    assert first["document"] == orders_doc()


def test_restore_makes_an_old_document_the_next_revision(visitor):
    created = visitor.create()
    visitor.put(url(created), {"name": "Two", "document": orders_doc(60), "revision": 1})

    response = visitor.post(url(created, "revisions/1/restore/"))

    assert response.status_code == 200
    body = response.json()
    assert (body["revision"], body["name"], body["document"]) == (3, "Two", orders_doc())
    assert [r["revision"] for r in visitor.get(url(created, "revisions/")).json()] == [2, 1]


def test_restore_based_on_a_stale_revision_gets_409(visitor):
    created = visitor.create()
    visitor.put(url(created), {"name": "Two", "document": orders_doc(60), "revision": 1})

    response = visitor.post(url(created, "revisions/1/restore/"), {"revision": 1})

    assert response.status_code == 409
    assert stored(created).revision == 2


def test_restore_of_an_unknown_revision_is_404(visitor):
    created = visitor.create()

    assert visitor.post(url(created, "revisions/7/restore/")).status_code == 404


def test_restore_refuses_an_old_document_the_engine_no_longer_accepts(visitor):
    created = visitor.create()
    visitor.put(url(created), {"name": "Two", "document": orders_doc(60), "revision": 1})
    models.DiagramRevision.objects.filter(revision=1).update(document=orders_doc(50000))

    response = visitor.post(url(created, "revisions/1/restore/"))

    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert problem["path"] == "document.nodes[0].props.VisibilityTimeout"
    assert stored(created).revision == 2


# --- duplicate and share ---------------------------------------------------------------------


def test_duplicate_of_an_example_belongs_to_the_caller(visitor, stranger, example):
    response = visitor.post(url(example, "duplicate/"))

    assert response.status_code == 201
    copy = response.json()
    assert (copy["name"], copy["revision"], copy["is_example"]) == (
        "Example orders (copy)",
        1,
        False,
    )
    assert copy["document"] == example.document
    assert visitor.patch(url(copy), {"name": "Mine", "revision": 1}).status_code == 200
    assert stranger.get(url(copy)).status_code == 404


def test_duplicate_takes_a_name(visitor):
    created = visitor.create()

    response = visitor.post(url(created, "duplicate/"), {"name": "Experiment"})

    assert response.json()["name"] == "Experiment"
    assert Diagram.objects.count() == 2


def test_a_share_link_gives_read_only_access_until_revoked(visitor, stranger):
    created = visitor.create()

    first = visitor.post(url(created, "share/"))
    second = visitor.post(url(created, "share/"))
    link = first.json()["url"]

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert link.endswith(f"/api/shared/{first.json()['token']}/")
    read = stranger.get(link)
    assert (read.status_code, read.json()["name"], read.json()["shared"]) == (200, "Orders", True)
    assert stranger.put(link, {"name": "x", "revision": 1}).status_code == 405
    assert stranger.get(url(created)).status_code == 404
    assert visitor.delete(url(created, "share/")).status_code == 204
    assert stranger.get(link).status_code == 404


def test_an_unknown_share_token_is_404(visitor):
    assert visitor.get("/api/shared/not-a-token/").status_code == 404


def test_anyone_with_a_share_link_duplicates_it_into_their_own_copy(visitor, stranger):
    created = visitor.create()
    token = visitor.post(url(created, "share/")).json()["token"]
    assert stranger.get(url(created)).status_code == 404  # the id alone shows nothing

    copy = stranger.post(f"/api/shared/{token}/duplicate/", {"name": "My copy"})
    assert copy.status_code == 201
    body = copy.json()
    assert (body["name"], body["revision"], body["shared"]) == ("My copy", 1, False)
    assert body["document"] == created["document"]
    assert stranger.get(url(body)).status_code == 200
    assert visitor.get(url(body)).status_code == 404

    visitor.delete(url(created, "share/"))
    assert stranger.post(f"/api/shared/{token}/duplicate/", {}).status_code == 404


def test_the_shared_page_opens_read_only_and_an_unknown_token_is_404(visitor, stranger):
    created = visitor.create()
    token = visitor.post(url(created, "share/")).json()["token"]
    page = stranger.get(f"/shared/{token}/")
    assert page.status_code == 200
    assert f'data-share-token="{token}"'.encode() in page.content
    assert b'data-banner="shared"' in page.content
    assert stranger.get("/shared/not-a-token/").status_code == 404
