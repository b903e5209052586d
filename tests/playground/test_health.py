"""`/healthz` in the embedded setup: the database and the in-memory channel layer answer,
and runs are in-process (no workers to count); a broken database is a 503 naming it."""

from __future__ import annotations

import pytest

from playground import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_with_each_check(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "channel_layer": "ok",
        "workers": "in-process",
        "status": "ok",
    }


def test_a_failing_database_makes_healthz_503_and_says_which(client, monkeypatch):
    def broken() -> str:
        raise ConnectionError("refused")

    monkeypatch.setattr(health, "_database", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "failed: ConnectionError"
    assert response.json()["status"] == "unhealthy"


def test_healthz_is_read_only(client):
    assert client.post("/healthz").status_code == 405
