"""PostgreSQL and Redis for the scale-out tests: the ones this machine runs (or those
EVENTYARD_TEST_DATABASE_URL / EVENTYARD_TEST_REDIS_URL name). Without them these tests
skip with a message, except under CI=true, where they fail: CI must run them."""

from __future__ import annotations

import os
import uuid

import pytest

POSTGRES = os.environ.get("EVENTYARD_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("EVENTYARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"scale-out tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        import redis

        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as error:  # not installed, not running, refused
        _unavailable(f"no Redis at {REDIS} ({type(error).__name__}: {error})")
    return REDIS


@pytest.fixture(scope="session")
def postgres() -> str:
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=2).close()
    except Exception as error:
        _unavailable(f"no PostgreSQL at {POSTGRES} ({type(error).__name__}: {error})")
    return POSTGRES


@pytest.fixture
def database_url(postgres) -> str:
    """A fresh database name for one test (the cluster creates and drops it)."""
    return f"{postgres}/eventyard_test_{uuid.uuid4().hex[:10]}"
