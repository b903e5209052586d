"""Fixtures for the site: a folder of example diagrams and a way to run `manage.py`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from playground import examples
from playground.runs.manager import RunManager, replace_manager

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def example_folder(tmp_path, monkeypatch):
    """An empty folder that `list_examples()` reads instead of `engine/examples/`."""
    folder = tmp_path / "examples"
    folder.mkdir()
    monkeypatch.setattr(examples, "examples_dir", lambda: folder)
    return folder


@pytest.fixture
def add_example(example_folder):
    """Write a minimal diagram document as `<slug>.json` into `example_folder`."""

    def add(slug: str, *, name: str, description: str = "") -> None:
        document = {
            "format": "eventyard/1",
            "name": name,
            "description": description,
            "nodes": [],
            "edges": [],
            "sim": {"seed": 1, "duration": 60},
        }
        (example_folder / f"{slug}.json").write_text(json.dumps(document), encoding="utf-8")

    return add


@pytest.fixture
def manage_env(tmp_path):
    """The environment for a `manage.py` child: no inherited EVENTYARD_* settings, a
    database in `tmp_path` (never the developer's own) and unbuffered output."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("EVENTYARD_")}
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
    """A run manager of the test's own, its worker threads shut down at the end."""
    fresh = RunManager()
    old = replace_manager(fresh)
    yield fresh
    replace_manager(old)
    fresh._executor.shutdown(wait=True)
