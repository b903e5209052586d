"""The database the diagrams live in, whichever DATABASE_URL selects (SQLite by default,
PostgreSQL in CI's second pass): concurrent saves are decided by the row lock, and the
SQLite-only housekeeping leaves PostgreSQL alone."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from designer import models
from tests.designer.builders import Api, orders_doc, stored, url

SAVERS = 20


@pytest.mark.django_db(transaction=True)
def test_of_20_concurrent_saves_of_one_revision_one_wins_and_19_get_409():
    visitor = Api(Client())
    created = visitor.create()
    session = visitor.client.cookies[settings.SESSION_COOKIE_NAME].value
    ready = threading.Barrier(SAVERS)
    statuses: list[int] = []

    def save(index: int) -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        body = {"name": f"Saver {index}", "document": orders_doc(60), "revision": 1}
        ready.wait(timeout=30)  # all at once
        statuses.append(Api(client).put(url(created), body).status_code)
        connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200] + [409] * (SAVERS - 1)
    diagram = stored(created)
    assert diagram.revision == 2
    assert diagram.revisions.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_the_row_lock_another_connection_holds():
    """The guarantee is SELECT ... FOR UPDATE, not timing: while another connection holds
    the row, a save cannot read it; once that one commits a new revision, the save is 409."""
    visitor = Api(Client())
    created = visitor.create()
    other = connections.create_connection("default")
    other.set_autocommit(False)
    result: list[object] = []
    with other.cursor() as cursor:
        table = models.Diagram._meta.db_table
        cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE", [created["id"]])

        def save() -> None:
            try:
                models.save_diagram(created["id"], expected_revision=1, name="Late", document={})
                result.append("saved")
            except models.StaleRevision:
                result.append("stale")
            finally:
                connection.close()

        thread = threading.Thread(target=save)
        thread.start()
        thread.join(timeout=1.0)
        assert thread.is_alive(), "the save did not wait for the lock"
        cursor.execute(f"UPDATE {table} SET revision = 2 WHERE id = %s", [created["id"]])
    other.commit()
    other.close()
    thread.join(timeout=30)

    assert result == ["stale"]


@pytest.mark.django_db(transaction=True)
def test_a_delete_during_saves_leaves_no_revision_behind():
    """The delete locks the row as saves do: PostgreSQL would otherwise see a revision
    inserted between collecting the revisions and deleting the diagram (a foreign key
    error at commit, a 500)."""
    visitor = Api(Client())
    created = visitor.create()
    session = visitor.client.cookies[settings.SESSION_COOKIE_NAME].value
    statuses: list[int] = []

    def act(kind: str, revision: int) -> None:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        api = Api(client)
        if kind == "delete":
            statuses.append(api.delete(url(created)).status_code)
        else:
            body = {"name": kind, "document": orders_doc(60), "revision": revision}
            statuses.append(api.put(url(created), body).status_code)
        connection.close()

    kinds = ["save"] * 6 + ["delete"] + ["save"] * 6
    threads = [threading.Thread(target=act, args=(kind, 1)) for kind in kinds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert 204 in statuses and set(statuses) <= {200, 204, 404, 409}, statuses
    assert not models.Diagram.objects.filter(pk=created["id"]).exists()
    assert not models.DiagramRevision.objects.filter(diagram_id=created["id"]).exists()


@pytest.mark.django_db
def test_incremental_vacuum_is_sqlite_only_housekeeping():
    from designer import storage

    storage.free_deleted_space()  # never an error, on either database
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA auto_vacuum")
            assert cursor.fetchone()[0] == 2
    else:
        assert connection.vendor == "postgresql"
