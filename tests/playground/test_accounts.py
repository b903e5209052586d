"""Sign-up, sign-in and sign-out, and the visitor's diagrams following them into the
account."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from designer.models import Diagram
from tests.designer.builders import Api, orders_doc

pytestmark = pytest.mark.django_db

PASSWORD = "teach-the-dlq-42"


def visitor_with_diagrams(count: int = 2) -> tuple[Client, list[int]]:
    client = Client()
    api = Api(client)
    ids = [api.create(f"Demo {n}", orders_doc())["id"] for n in range(count)]
    return client, ids


def test_sign_up_makes_an_account_and_moves_the_visitors_diagrams_into_it():
    client, ids = visitor_with_diagrams()
    page = client.get("/accounts/sign-up/")
    assert page.status_code == 200 and b'data-account-form="sign-up"' in page.content

    answer = client.post(
        "/accounts/sign-up/",
        {"username": "ada", "password1": PASSWORD, "password2": PASSWORD, "next": "/diagrams/1/"},
    )
    assert answer.status_code == 302 and answer["Location"] == "/diagrams/1/"
    user = get_user_model().objects.get(username="ada")
    assert list(Diagram.objects.filter(pk__in=ids).values_list("owner", "session_key")) == [
        (user.pk, ""),
        (user.pk, ""),
    ]
    listed = Api(client).get("/api/diagrams/").json()
    assert {d["id"] for d in listed if not d["is_example"]} == set(ids)


def test_a_signed_in_account_opens_its_diagrams_on_another_computer():
    get_user_model().objects.create_user("ada", password=PASSWORD)
    laptop, ids = visitor_with_diagrams(1)
    assert (
        laptop.post("/accounts/sign-in/", {"username": "ada", "password": PASSWORD}).status_code
        == 302
    )

    classroom = Client()
    assert classroom.get(f"/diagrams/{ids[0]}/").status_code == 404
    assert (
        classroom.post("/accounts/sign-in/", {"username": "ada", "password": PASSWORD}).status_code
        == 302
    )
    assert classroom.get(f"/diagrams/{ids[0]}/").status_code == 200
    assert b"data-account-name>ada<" in classroom.get("/").content


def test_a_wrong_password_or_a_bad_sign_up_answers_400_with_the_reason():
    get_user_model().objects.create_user("ada", password=PASSWORD)
    client, ids = visitor_with_diagrams(1)
    wrong = client.post("/accounts/sign-in/", {"username": "ada", "password": "nope"})
    assert wrong.status_code == 400 and b"data-form-error" in wrong.content
    taken = client.post(
        "/accounts/sign-up/", {"username": "ada", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert taken.status_code == 400 and b'data-field-error="username"' in taken.content
    mismatch = client.post(
        "/accounts/sign-up/", {"username": "bob", "password1": PASSWORD, "password2": "other-42x"}
    )
    assert mismatch.status_code == 400 and b'data-field-error="password2"' in mismatch.content
    # Nothing moved: the diagram is still the visitor's.
    assert Diagram.objects.get(pk=ids[0]).owner is None


def test_next_never_leaves_the_site_and_sign_out_needs_a_post():
    get_user_model().objects.create_user("ada", password=PASSWORD)
    client = Client()
    answer = client.post(
        "/accounts/sign-in/",
        {"username": "ada", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert answer["Location"] == "/"
    assert client.get("/accounts/sign-out/").status_code == 405
    assert client.post("/accounts/sign-out/").status_code == 302
    assert b'data-account="visitor"' in client.get("/").content


def test_another_visitors_diagrams_do_not_move():
    get_user_model().objects.create_user("ada", password=PASSWORD)
    _, theirs = visitor_with_diagrams(1)
    mine = Client()
    mine.post("/accounts/sign-in/", {"username": "ada", "password": PASSWORD})
    assert Diagram.objects.get(pk=theirs[0]).owner is None
