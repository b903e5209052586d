"""Fixtures for the site: a way to run `manage.py`, and a run manager of the test's own
whose runs keep time by a fake pacer (no live test waits on the wall clock)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from playground.runs.manager import RunManager, replace_manager
from playground.runs.ticker import FakePacer

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def manage_env(tmp_path):
    """The environment for a `manage.py` child: no inherited EVENTYARD_* settings (nor
    DATABASE_URL, REDIS_URL), a
    database in `tmp_path` (never the developer's own) and unbuffered output."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("EVENTYARD_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(EVENTYARD_DB_PATH=str(tmp_path / "db.sqlite3"), PYTHONUNBUFFERED="1")
    return env


@pytest.fixture
def run_manage(manage_env):
    """Run `python manage.py ARGS...` in a child process and return the finished process."""

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=manage_env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture
def manager():
    """A run manager of the test's own (fake pacer), its threads stopped at the end."""
    fresh = RunManager(pacer=FakePacer())
    old = replace_manager(fresh)
    yield fresh
    replace_manager(old)
    fresh._stopping.set()
    fresh._executor.shutdown(wait=True)
