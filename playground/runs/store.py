"""Live runs kept in Redis, so that every web process and every run worker sees them
(REDIS_URL; README "Running on more than one process").

One hash per run holds what any process needs to know about it: its owner, watch token,
source diagram, seed, limits, the worker that owns it, and its checkpoint (seq, simulated
time, status, speed, events) as of the last frame sent. Beside it: the replay buffer (the
last frames' text), the controls log (what changed the Simulation, so that another worker
can rebuild it), the lease (who steps it; it expires when that worker dies) and the sockets
watching it, counted per web process (a process that dies stops counting). Every key
starts with `eventyard:`.

The client is redis-py's synchronous one (a thread-safe pool): calls are sub-millisecond
on the local network, made from sync views, socket connects and the worker's frames.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import orjson
import redis
from django.conf import settings

PREFIX = "eventyard:"
RUNS = PREFIX + "runs"  # ids of runs not closed yet
WORKERS = PREFIX + "workers"  # sorted set: worker channel -> when its heartbeat expires
# A worker renews its leases this often; one that has not for LEASE_SECONDS has died.
LEASE_SECONDS = 1.5
RENEW_SECONDS = 0.4
# A closed run's hash stays readable (its report, its last state) this long.
CLOSED_KEEP_SECONDS = 3600

# Make a run unless its owner already has `limit`: atomic across every web process.
_ADMIT_OWNER = """
local n = redis.call('SCARD', KEYS[1])
if n >= tonumber(ARGV[1]) then return redis.call('SMEMBERS', KEYS[1]) end
redis.call('SADD', KEYS[1], ARGV[2])
return false
"""
# Renew a lease only while it is still this worker's.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

_client: redis.Redis | None = None
_client_lock = threading.Lock()


def client() -> redis.Redis:
    global _client
    with _client_lock:
        if _client is None:
            _client = redis.Redis.from_url(settings.REDIS_URL, max_connections=200)
        return _client


def run_key(run_id: str, part: str = "") -> str:
    return f"{PREFIX}run:{run_id}" + (f":{part}" if part else "")


def owner_key(owner: str) -> str:
    return f"{PREFIX}owner:{owner}"


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def admit_owner(owner: str, run_id: str, limit: int) -> list[str] | None:
    """Count a new run against its owner: None, or the owner's runs when at the limit."""
    script = client().register_script(_ADMIT_OWNER)
    found = script(keys=[owner_key(owner)], args=[limit, run_id])
    return None if not found else sorted(item.decode() for item in found)


def admit_address(address: str, limit: int) -> bool:
    """One more run from a client address this minute: whether it is within `limit`."""
    key = f"{PREFIX}address:{address}:{int(time.time() // 60)}"
    pipe = client().pipeline()
    pipe.incr(key)
    pipe.expire(key, 120)
    count, _ = pipe.execute()
    return count <= limit


def save_new(run_id: str, fields: dict[str, Any]) -> None:
    pipe = client().pipeline()
    pipe.hset(run_key(run_id), mapping={key: dumps(value) for key, value in fields.items()})
    pipe.sadd(RUNS, run_id)
    pipe.execute()


def load(run_id: str) -> dict[str, Any] | None:
    raw = client().hgetall(run_key(run_id))
    if not raw:
        return None
    return {key.decode(): orjson.loads(value) for key, value in raw.items()}


def set_fields(run_id: str, **fields: Any) -> None:
    client().hset(run_key(run_id), mapping={key: dumps(value) for key, value in fields.items()})


def share(run_id: str, token: str) -> str:
    """The run's watch token: `token` if it had none (atomic), else the one it has."""
    key = run_key(run_id)
    client().hsetnx(key, "watch", dumps(token))
    return orjson.loads(client().hget(key, "watch"))


def revoke(run_id: str) -> bool:
    return bool(client().hdel(run_key(run_id), "watch"))


def forget_owner_run(owner: str, run_id: str) -> None:
    """The run is closed: it no longer counts against its owner."""
    pipe = client().pipeline()
    pipe.srem(owner_key(owner), run_id)
    pipe.srem(RUNS, run_id)
    pipe.hset(run_key(run_id), "closed", "true")
    for part in ("", "frames", "controls", "viewers", "owners", "lag"):
        pipe.expire(run_key(run_id, part), CLOSED_KEEP_SECONDS)
    pipe.execute()


def owner_runs(owner: str) -> list[str]:
    return sorted(item.decode() for item in client().smembers(owner_key(owner)))


def open_runs() -> list[str]:
    return sorted(item.decode() for item in client().smembers(RUNS))


# --- frames, checkpoint, controls log ------------------------------------------------
def record_frame(
    run_id: str,
    *,
    seq: int,
    text: str,
    fields: dict[str, Any],
    keep: int,
    control: dict[str, Any] | None,
) -> None:
    """One frame sent: into the replay buffer, with the checkpoint it leaves and the
    control that made it (if any), all at once (MULTI), so a worker that takes the run
    over finds them consistent."""
    pipe = client().pipeline(transaction=True)
    pipe.rpush(run_key(run_id, "frames"), f"{seq}:{text}")
    pipe.ltrim(run_key(run_id, "frames"), -keep, -1)
    if control is not None:
        pipe.rpush(run_key(run_id, "controls"), dumps(control))
    pipe.hset(run_key(run_id), mapping={key: dumps(value) for key, value in fields.items()})
    pipe.execute()


def frames(run_id: str) -> list[tuple[int, str]]:
    found = []
    for item in client().lrange(run_key(run_id, "frames"), 0, -1):
        seq, _, text = item.decode().partition(":")
        found.append((int(seq), text))
    return found


def frames_since(run_id: str, last_seq: int, current: int) -> list[tuple[int, str]] | None:
    """The frames after `last_seq` (as `ReplayBuffer.since`), or None when not all held."""
    if not 0 <= last_seq <= current:
        return None
    held = [item for item in frames(run_id) if item[0] > last_seq]
    if last_seq == current:
        return []
    if not held or held[0][0] != last_seq + 1:
        return None
    return held


def controls(run_id: str) -> list[dict[str, Any]]:
    return [orjson.loads(item) for item in client().lrange(run_key(run_id, "controls"), 0, -1)]


# --- leases and workers ---------------------------------------------------------------
def take_lease(run_id: str, worker: str) -> bool:
    """Own the run, unless a live worker does."""
    return bool(client().set(run_key(run_id, "lease"), worker, nx=True, px=_lease_ms()))


def renew_lease(run_id: str, worker: str) -> bool:
    script = client().register_script(_RENEW)
    return bool(script(keys=[run_key(run_id, "lease")], args=[worker, _lease_ms()]))


def drop_lease(run_id: str, worker: str) -> None:
    if client().get(run_key(run_id, "lease")) == worker.encode():
        client().delete(run_key(run_id, "lease"))


def lease_holder(run_id: str) -> str | None:
    holder = client().get(run_key(run_id, "lease"))
    return holder.decode() if holder else None


def _lease_ms() -> int:
    return int(LEASE_SECONDS * 1000)


def heartbeat(worker: str) -> None:
    client().zadd(WORKERS, {worker: time.time() + LEASE_SECONDS})


def live_workers() -> int:
    now = time.time()
    pipe = client().pipeline()
    pipe.zremrangebyscore(WORKERS, 0, now)
    pipe.zcard(WORKERS)
    return pipe.execute()[1]


# --- sockets on a run, counted per web process ----------------------------------------
# Each web process counts its own sockets on a run (all of them, and the owner's) in a
# field of its own, and says it is alive in WEB_PROCESSES; a process that dies stops
# saying so, and its sockets stop counting WEB_ALIVE_SECONDS later, as they closed with it.
WEB_PROCESSES = PREFIX + "web"  # sorted set: web process -> when its heartbeat expires
WEB_ALIVE_SECONDS = 2.0


def web_heartbeat(process: str) -> None:
    client().zadd(WEB_PROCESSES, {process: time.time() + WEB_ALIVE_SECONDS})


def add_sockets(run_id: str, process: str, *, viewers: int, owners: int = 0) -> None:
    """`process` has `viewers` more sockets on the run, `owners` of them the owner's."""
    pipe = client().pipeline()
    pipe.hincrby(run_key(run_id, "viewers"), process, viewers)
    if owners:
        pipe.hincrby(run_key(run_id, "owners"), process, owners)
    pipe.execute()


def _live_count(run_id: str, part: str) -> int:
    """The sockets of live web processes in the run's `part` hash (dead ones forgotten)."""
    pipe = client().pipeline()
    pipe.hgetall(run_key(run_id, part))
    pipe.zrangebyscore(WEB_PROCESSES, time.time(), "+inf")
    counts, alive = pipe.execute()
    alive = set(alive)
    dead = [process for process in counts if process not in alive]
    if dead:
        client().hdel(run_key(run_id, part), *dead)
    return sum(max(0, int(count)) for process, count in counts.items() if process not in dead)


def viewers(run_id: str) -> int:
    return _live_count(run_id, "viewers")


def owner_sockets(run_id: str) -> int:
    return _live_count(run_id, "owners")


# --- back-pressure: how late each web process's relay writes a run's frames -----------
LAG_FRESH_SECONDS = 2.0


def report_lag(run_id: str, relay: str, lag: float) -> None:
    client().hset(run_key(run_id, "lag"), relay, dumps([round(lag, 4), time.time()]))


def worst_lag(run_id: str) -> float:
    """The largest lag a relay reported in the last LAG_FRESH_SECONDS (0: none)."""
    now, worst = time.time(), 0.0
    for value in client().hvals(run_key(run_id, "lag")):
        lag, at = orjson.loads(value)
        if now - at <= LAG_FRESH_SECONDS:
            worst = max(worst, lag)
    return worst
