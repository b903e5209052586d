"""Fixtures for the designer: API clients for different visitors, an example diagram and a
folder for example files. Documents and the JSON client come from `builders`.

`visitor` and `stranger` are two anonymous browsers (separate sessions); `member` is a
signed-in user (its `.user`).
"""

from __future__ import annotations

import pytest
from django.test import Client

from designer.models import Diagram
from tests.designer.builders import Api, orders_doc


@pytest.fixture
def visitor(db) -> Api:
    """An anonymous browser."""
    return Api(Client())


@pytest.fixture
def stranger(db) -> Api:
    """Another anonymous browser, with a session of its own."""
    return Api(Client())


@pytest.fixture
def member(db, django_user_model) -> Api:
    """A signed-in user."""
    user = django_user_model.objects.create_user("ada", password="not-used-here")
    client = Client()
    client.force_login(user)
    api = Api(client)
    api.user = user
    return api


@pytest.fixture
def example(db) -> Diagram:
    """A shipped example in the database (owned by nobody)."""
    return Diagram.objects.create(
        is_example=True, example_slug="orders", name="Example orders", document=orders_doc()
    )


@pytest.fixture
def example_folder(tmp_path):
    """An empty folder to hold example files; `write_example(folder, slug, doc)` fills it."""
    folder = tmp_path / "examples"
    folder.mkdir()
    return folder
