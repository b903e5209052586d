"""Several processes on one machine, as README "Running on more than one process" runs
them: Daphne web processes and `runworker eventyard-runs` workers on PostgreSQL and Redis,
each on a free 127.0.0.1 port. Used by the multi-process tests and `playground.bench
--processes N --workers M`; it stops (or SIGKILLs, when asked) only what it started.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from playground.bench import BASE_DIR, free_port, prepare_database, start_server, stop_server

RUNS_CHANNEL = "eventyard-runs"


def make_database(url: str) -> None:
    """Create the PostgreSQL database `url` names, dropping any left from before."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clear_redis(url: str) -> None:
    """Forget the `eventyard:` keys of this Redis database (and only those)."""
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter("eventyard:*", count=1000):
        client.delete(key)


@dataclass
class Cluster:
    database_url: str
    redis_url: str
    folder: Path
    webs: int = 2
    workers: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)
    web_processes: list[subprocess.Popen] = field(default_factory=list)
    worker_processes: list[subprocess.Popen] = field(default_factory=list)
    ports: list[int] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EVENTYARD_")}
        env.update(
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            EVENTYARD_SECRET_KEY=self._key,
            EVENTYARD_DB_PATH=str(self.folder / "unused.sqlite3"),
            EVENTYARD_RUNS_PER_OWNER="100",
            DJANGO_SETTINGS_MODULE="playground.settings",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    def __post_init__(self) -> None:
        self._key = secrets.token_urlsafe(50)  # one for all: sessions work on every process

    @property
    def bases(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    def start(self, *, rate: float = 160.0) -> int:
        """Make the database, start everything; returns the runnable example's id."""
        make_database(self.database_url)
        clear_redis(self.redis_url)
        diagram_id = prepare_database(self.env, rate)
        for index in range(self.workers):
            self.start_worker(index)
        for index in range(self.webs):
            port = free_port()
            log = self.folder / f"web{index}.log"
            self.web_processes.append(start_server(self.env, port, log))
            self.ports.append(port)
        return diagram_id

    def start_worker(self, index: int) -> subprocess.Popen:
        log = (self.folder / f"worker{index}.log").open("ab")
        command = [sys.executable, "manage.py", "runworker", RUNS_CHANNEL]
        worker = subprocess.Popen(command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=log)
        self.worker_processes.append(worker)
        return worker

    def kill_worker(self, pid: int) -> None:
        """SIGKILL one worker this cluster started (no goodbye: its leases just lapse)."""
        worker = next(w for w in self.worker_processes if w.pid == pid)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

    def kill_web(self, index: int) -> None:
        """SIGKILL one web process this cluster started: its sockets drop, no goodbye."""
        process = self.web_processes[index]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def worker_log(self) -> str:
        return "".join(
            (self.folder / f"worker{i}.log").read_text(errors="replace")
            for i in range(len(self.worker_processes))
            if (self.folder / f"worker{i}.log").exists()
        )

    def stop(self, *, drop: bool = True) -> None:
        for process in self.web_processes + self.worker_processes:
            stop_server(process)
        if drop:
            drop_database(self.database_url)
            clear_redis(self.redis_url)


def wait_for(predicate, *, timeout: float, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return None
