"""`playground.runs.store`'s socket counts against a real Redis: each web process counts
its own sockets on a run, and a process that stops saying it is alive (it died) stops
counting, so a run's viewers and its owner's presence are never left too high."""

from __future__ import annotations

import time

import pytest
import redis

from playground.cluster import clear_redis
from playground.runs import store


@pytest.fixture
def redis_store(redis_url, monkeypatch):
    clear_redis(redis_url)
    monkeypatch.setattr(store, "_client", redis.Redis.from_url(redis_url))
    yield store
    clear_redis(redis_url)


def test_sockets_of_every_live_web_process_count(redis_store):
    for process in ("web-a", "web-b"):
        redis_store.web_heartbeat(process)
    redis_store.add_sockets("r1", "web-a", viewers=2, owners=1)
    redis_store.add_sockets("r1", "web-b", viewers=3)
    redis_store.add_sockets("r1", "web-b", viewers=-1)

    assert redis_store.viewers("r1") == 4
    assert redis_store.owner_sockets("r1") == 1
    redis_store.add_sockets("r1", "web-a", viewers=-1, owners=-1)
    assert (redis_store.viewers("r1"), redis_store.owner_sockets("r1")) == (3, 0)


def test_a_dead_web_process_stops_counting_its_sockets(redis_store, monkeypatch):
    monkeypatch.setattr(store, "WEB_ALIVE_SECONDS", 0.3)
    redis_store.web_heartbeat("web-a")
    redis_store.web_heartbeat("web-b")
    redis_store.add_sockets("r1", "web-a", viewers=1, owners=1)
    redis_store.add_sockets("r1", "web-b", viewers=5)
    assert redis_store.viewers("r1") == 6

    time.sleep(0.2)
    redis_store.web_heartbeat("web-a")  # web-b was killed: no more heartbeats
    time.sleep(0.2)

    assert redis_store.viewers("r1") == 1
    assert redis_store.owner_sockets("r1") == 1
    # and its field is gone, not merely skipped: a process of the same name starts at 0
    redis_store.web_heartbeat("web-b")
    assert redis_store.viewers("r1") == 1


def test_a_process_that_never_said_it_was_alive_counts_nothing(redis_store):
    redis_store.add_sockets("r1", "ghost", viewers=4, owners=1)
    assert (redis_store.viewers("r1"), redis_store.owner_sockets("r1")) == (0, 0)
