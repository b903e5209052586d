"""The diagrams API: CRUD, ownership (404 for others), read-only examples (403), stale saves
(409), problems (400), revisions, duplicates, share links and CSRF."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from designer import models, permissions
from designer import serializers as serializers_module
from designer.models import Diagram
from tests.designer.builders import Api, edge, make_doc, node, orders_doc, stored, url

pytestmark = pytest.mark.django_db

FIELDS = {
    "id",
    "name",
    "document",
    "revision",
    "created",
    "updated",
    "is_example",
    "shared",
    "guide",
}


# --- create, read, update, delete ---------------------------------------------------------


def test_create_returns_the_diagram_at_revision_1(visitor):
    response = visitor.post("/api/diagrams/", {"name": "Orders", "document": orders_doc()})

    assert response.status_code == 201
    body = response.json()
    assert set(body) == FIELDS
    assert (body["name"], body["revision"], body["is_example"], body["shared"]) == (
        "Orders",
        1,
        False,
        False,
    )
    assert body["document"] == orders_doc()


def test_an_anonymous_visitor_gets_a_session_that_owns_the_diagram(visitor):
    created = visitor.create()

    session_key = visitor.client.cookies[settings.SESSION_COOKIE_NAME].value
    diagram = stored(created)
    assert (diagram.owner, diagram.session_key) == (None, session_key)
    assert visitor.get(url(created)).status_code == 200


def test_a_made_up_session_cookie_never_becomes_an_owner(db):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "made-up-session-key-0123456789ab"
    created = Api(client).create()

    assert stored(created).session_key != "made-up-session-key-0123456789ab"


def test_a_signed_in_user_owns_their_diagrams(member):
    created = member.create()

    diagram = stored(created)
    assert (diagram.owner, diagram.session_key) == (member.user, "")


def test_list_shows_own_diagrams_then_examples_and_nobody_elses(visitor, stranger, example):
    mine = visitor.create("Mine")
    stranger.create("Theirs")

    listed = visitor.get("/api/diagrams/").json()

    assert [(d["id"], d["is_example"]) for d in listed] == [(mine["id"], False), (example.pk, True)]


def test_put_saves_the_next_revision(visitor):
    created = visitor.create()

    response = visitor.put(
        url(created), {"name": "Renamed", "document": orders_doc(60), "revision": 1}
    )

    assert response.status_code == 200
    assert (response.json()["revision"], response.json()["name"]) == (2, "Renamed")
    assert stored(created).document == orders_doc(60)


def test_patch_changes_only_what_it_sends(visitor):
    created = visitor.create()

    response = visitor.patch(url(created), {"name": "Renamed", "revision": 1})

    assert response.status_code == 200
    diagram = stored(created)
    assert (diagram.name, diagram.revision, diagram.document) == ("Renamed", 2, orders_doc())


def test_delete_removes_the_diagram(visitor):
    created = visitor.create()

    assert visitor.delete(url(created)).status_code == 204
    assert not Diagram.objects.filter(pk=created["id"]).exists()


# --- ownership ------------------------------------------------------------------------------


def test_another_session_gets_404_for_every_action_and_changes_nothing(visitor, stranger):
    created = visitor.create()
    body = {"name": "Taken", "document": orders_doc(60), "revision": 1}

    statuses = [
        stranger.get(url(created)).status_code,
        stranger.put(url(created), body).status_code,
        stranger.patch(url(created), body).status_code,
        stranger.delete(url(created)).status_code,
        stranger.get(url(created, "validate/")).status_code,
        stranger.get(url(created, "revisions/")).status_code,
        stranger.post(url(created, "duplicate/")).status_code,
        stranger.post(url(created, "share/")).status_code,
    ]

    assert statuses == [404] * len(statuses)
    diagram = stored(created)
    assert (diagram.name, diagram.revision, diagram.share_token) == ("Orders", 1, None)
    assert Diagram.objects.count() == 1


def test_anonymous_and_signed_in_callers_do_not_see_each_others_diagrams(visitor, member):
    anonymous, signed_in = visitor.create(), member.create()

    assert member.get(url(anonymous)).status_code == 404
    assert visitor.get(url(signed_in)).status_code == 404


def test_ids_that_are_not_numbers_or_too_large_are_404(visitor):
    assert visitor.get("/api/diagrams/abc/").status_code == 404
    assert visitor.get(f"/api/diagrams/{'9' * 40}/").status_code == 404


# --- examples: readable by all, never writable (403) ---------------------------------------


def test_examples_are_readable_by_everyone(visitor, member, example):
    for caller in (visitor, member):
        response = caller.get(url(example))
        assert response.status_code == 200
        assert response.json()["is_example"] is True


def test_examples_are_not_writable_403_and_stay_unchanged(member, example):
    body = {"name": "Mine now", "document": orders_doc(60), "revision": 1}

    responses = [
        member.put(url(example), body),
        member.patch(url(example), body),
        member.delete(url(example)),
        member.post(url(example, "share/")),
    ]

    assert [r.status_code for r in responses] == [403] * 4
    assert "read-only" in responses[0].json()["detail"]
    example.refresh_from_db()
    assert (example.name, example.revision, example.share_token) == ("Example orders", 1, None)


# --- stale saves (409) and problems (400) ----------------------------------------------------


def test_a_stale_save_gets_409_with_the_current_state_and_changes_nothing(visitor):
    created = visitor.create()
    visitor.put(url(created), {"name": "Second", "document": orders_doc(60), "revision": 1})

    response = visitor.put(
        url(created), {"name": "Lost", "document": orders_doc(90), "revision": 1}
    )

    assert response.status_code == 409
    body = response.json()
    assert set(body) == {"detail", "revision", "document"}
    assert (body["revision"], body["document"]) == (2, orders_doc(60))
    diagram = stored(created)
    assert (diagram.name, diagram.revision, diagram.document) == ("Second", 2, orders_doc(60))


def test_an_invalid_document_gets_400_with_document_prefixed_paths(visitor):
    response = visitor.post(
        "/api/diagrams/", {"name": "Orders", "document": orders_doc(visibility_timeout=50000)}
    )

    assert response.status_code == 400
    assert response.json() == {
        "problems": [
            {
                "path": "document.nodes[0].props.VisibilityTimeout",
                "code": "out_of_range",
                "message": "50000 is not in 0..43200",
            }
        ]
    }
    assert not Diagram.objects.exists()


def test_a_failed_save_changes_nothing(visitor):
    created = visitor.create()

    response = visitor.put(
        url(created), {"name": "Renamed", "document": orders_doc(50000), "revision": 1}
    )

    assert response.status_code == 400
    diagram = stored(created)
    assert (diagram.name, diagram.revision, diagram.document) == ("Orders", 1, orders_doc())
    assert diagram.revisions.count() == 0


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [
        ({"document": orders_doc()}, "name", "required"),
        ({"name": "x" * 201, "document": orders_doc()}, "name", "max_length"),
        ({"name": "a\u0000b", "document": orders_doc()}, "name", "null_characters_not_allowed"),
        ({"name": "Orders"}, "document", "required"),
        ({"name": "Orders", "document": [1, 2]}, "document", "invalid_document"),
        ({"name": "Orders", "document": {**orders_doc(), "extra": 1}}, "document.extra", None),
        (
            {"name": "Orders", "document": {**orders_doc(), "name": "a\u0000"}},
            "document.name",
            None,
        ),
        ([1, 2], "", "invalid"),
    ],
)
def test_bad_fields_get_400_problems_at_their_path(visitor, body, path, code):
    response = visitor.post("/api/diagrams/", body)

    assert response.status_code == 400
    problems = response.json()["problems"]
    assert path in [p["path"] for p in problems]
    assert all(set(p) == {"path", "code", "message"} for p in problems)
    if code:
        assert code in [p["code"] for p in problems if p["path"] == path]


@pytest.mark.parametrize(
    ("revision", "code"), [("abc", "invalid"), (0, "min_value"), (2**40, "max_value"), (None, None)]
)
def test_a_save_needs_a_whole_revision_number(visitor, revision, code):
    created = visitor.create()
    body = {"name": "x"} if revision is None else {"name": "x", "revision": revision}

    response = visitor.patch(url(created), body)

    assert response.status_code == 400
    [problem] = response.json()["problems"]
    assert (problem["path"], problem["code"]) == ("revision", code or "required")


def test_a_body_that_is_not_json_gets_400_and_a_form_gets_415(visitor):
    not_json = visitor.client.post("/api/diagrams/", "{oops", content_type="application/json")
    form = visitor.client.post("/api/diagrams/", {"name": "Orders"})

    assert not_json.status_code == 400
    assert not_json.json()["problems"][0]["code"] == "parse_error"
    assert form.status_code == 415


def test_an_engine_crash_is_a_400_not_a_500(visitor, monkeypatch):
    def crash(document):
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr("designer.validation.load_diagram", crash)

    response = visitor.post("/api/diagrams/", {"name": "Orders", "document": orders_doc()})

    assert response.status_code == 400
    assert response.json()["problems"][0]["code"] == "engine_error"
    assert not Diagram.objects.exists()


# --- CSRF ----------------------------------------------------------------------------------


def test_csrf_applies_to_an_anonymous_session(db):
    browser = Api(Client(enforce_csrf_checks=True))
    browser.get("/api/diagrams/")  # sets the CSRF cookie
    token = browser.client.cookies[settings.CSRF_COOKIE_NAME].value
    first = browser.post(
        "/api/diagrams/", {"name": "Orders", "document": orders_doc()}, HTTP_X_CSRFTOKEN=token
    )
    assert first.status_code == 201
    assert settings.SESSION_COOKIE_NAME in browser.client.cookies
    created = first.json()

    refused = browser.post("/api/diagrams/", {"name": "Forged", "document": orders_doc()})
    refused_put = browser.put(url(created), {"name": "Forged", "revision": 1})
    refused_delete = browser.delete(url(created))
    accepted = browser.post(
        "/api/diagrams/", {"name": "Second", "document": orders_doc()}, HTTP_X_CSRFTOKEN=token
    )

    assert (refused.status_code, refused_put.status_code, refused_delete.status_code) == (
        403,
        403,
        403,
    )
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 201
    assert sorted(Diagram.objects.values_list("name", flat=True)) == ["Orders", "Second"]


def test_csrf_applies_to_a_signed_in_user(db, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_user("ada"))

    response = Api(client).post("/api/diagrams/", {"name": "Orders", "document": orders_doc()})

    assert response.status_code == 403
    assert not Diagram.objects.exists()


# --- concurrency ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_saves_of_one_revision_exactly_one_succeeds(monkeypatch):
    visitor = Api(Client())
    created = visitor.create()
    session = visitor.client.cookies[settings.SESSION_COOKIE_NAME].value
    remember = models.remember

    def slow_remember(diagram):
        time.sleep(0.3)  # hold the lock while the other save tries to read
        return remember(diagram)

    monkeypatch.setattr(models, "remember", slow_remember)
    statuses = []

    def save(name: str) -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        body = {"name": name, "document": orders_doc(60), "revision": 1}
        statuses.append(Api(client).put(url(created), body).status_code)
        connection.close()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses) == [200, 409]
    diagram = stored(created)
    assert diagram.revision == 2
    assert diagram.revisions.count() == 1


def test_nested_node_documents_round_trip(visitor):
    document = make_doc(
        [node("t", "sns.topic"), node("q", "sqs.queue")],
        [edge("s", "subscription", "t", "q", FilterPolicy={"region": ["eu"]})],
    )

    created = visitor.create(document=document)

    assert visitor.get(url(created)).json()["document"] == document


def test_a_diagram_deleted_while_a_save_is_on_its_way_answers_404(visitor, monkeypatch):
    created = visitor.create()
    save = models.save_diagram

    def deleted_first(diagram_id, **kwargs):
        Diagram.objects.filter(pk=diagram_id).delete()  # the DELETE wins the race
        return save(diagram_id, **kwargs)

    monkeypatch.setattr(serializers_module, "save_diagram", deleted_first)
    body = {"name": "Late", "document": orders_doc(60), "revision": 1}

    response = visitor.put(url(created), body)

    assert response.status_code == 404
    assert "deleted" in response.json()["detail"]


def test_a_diagram_deleted_after_it_was_read_is_not_called_an_example(visitor, monkeypatch):
    created = visitor.create()
    check = permissions.ChangesNeedOwnership.has_object_permission

    def deleted_first(self, request, view, obj):
        Diagram.objects.filter(pk=obj.pk).delete()
        return check(self, request, view, obj)

    monkeypatch.setattr(permissions.ChangesNeedOwnership, "has_object_permission", deleted_first)

    put = visitor.put(url(created), {"name": "Late", "document": orders_doc(), "revision": 1})
    share = visitor.post(url(created, "share/"))

    assert (put.status_code, share.status_code) == (404, 404)
    assert "read-only" not in put.content.decode() + share.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_deletes_and_saves_answer_404_or_409_never_500():
    visitor = Api(Client())
    session_cookie = None
    statuses = []

    def act(kind: str, pk: int, revision: int) -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie
        api = Api(client)
        if kind == "delete":
            statuses.append(api.delete(f"/api/diagrams/{pk}/").status_code)
        else:
            body = {"name": kind, "document": orders_doc(60), "revision": revision}
            statuses.append(api.put(f"/api/diagrams/{pk}/", body).status_code)
        connection.close()

    for _ in range(5):
        created = visitor.create()
        session_cookie = visitor.client.cookies[settings.SESSION_COOKIE_NAME].value
        threads = [
            threading.Thread(target=act, args=(kind, created["id"], 1))
            for kind in ("put-a", "delete", "put-b", "delete")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert len(statuses) == 20
    assert set(statuses) <= {200, 204, 404, 409}, statuses
    assert not Diagram.objects.filter(is_example=False).exists()
