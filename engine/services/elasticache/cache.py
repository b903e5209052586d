"""Amazon ElastiCache serverless caches: the engine's `elasticache.cache` node.

In a diagram a cache is an idempotency store (the end of an `idempotency` edge), used as
Powertools' Redis-compatible persistence layer does ("Idempotency", Powertools for AWS
Lambda (Python)): a claim is `SET key value EX ttl NX`; when the key is held, a `GET` reads
the record, and an orphan (an INPROGRESS record past its in-progress expiry) is taken over
under a lock (`SET NX` on the lock key, then `SET`); a success is a `SET`, a failed handler
a `DEL`. Keys carry a time to live, so an expired record is gone by itself. The metrics are
the cache's own CloudWatch names for the commands it served.
"""

from __future__ import annotations

from typing import Any

from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.idempotency import IdempotencyRecord, is_replaceable
from engine.runtime.resource import Resource

# "CreateServerlessCache": a name begins with a letter, holds at most 40 letters, digits
# and hyphens, and neither ends with a hyphen nor holds two in a row.
NAME_PATTERN = r"[A-Za-z](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,39}"

SPEC = NodeSpec(
    type="elasticache.cache",
    metrics=(
        "GetHits",
        "GetMisses",
        "SetCommands",
    ),
    group="Storage",
    name_prop="ServerlessCacheName",
    arn_format="arn:aws:elasticache:{region}:{account}:serverlesscache:{name}",
    metric_namespace="AWS/ElastiCache",
    metric_dimension="clusterId",
    counters=(
        ("GetHits", "hits"),
        ("GetMisses", "misses"),
        ("SetCommands", "sets"),
    ),
    label="ElastiCache cache",
    description="A serverless Valkey or Redis OSS cache: here, a store of processed event ids.",
    cfn_type="AWS::ElastiCache::ServerlessCache",
    props=(
        FieldSpec(
            "ServerlessCacheName",
            "string",
            None,
            pattern=NAME_PATTERN,
            help="A letter, then up to 39 letters, digits and single hyphens.",
        ),
        FieldSpec(
            "Engine",
            "enum",
            "valkey",
            choices=("valkey", "redis"),
            help="valkey or redis (Redis OSS).",
        ),
    ),
)


class ServerlessCache(Resource):
    """Invariant: every key held has not passed its time to live; `GetHits + GetMisses`
    counts every GET, `SetCommands` every SET (refused or not)."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.keys: dict[str, IdempotencyRecord] = {}
        self.hits = self.misses = self.sets = 0

    def _live(self, key: str, now: float) -> IdempotencyRecord | None:
        record = self.keys.get(key)
        if record is not None and record.expiration <= now:
            del self.keys[key]  # its time to live ran out
            record = None
        return record

    def put_record(self, key: str, record: IdempotencyRecord, now: float):
        self.sets += 1  # SET ... NX
        held = self._live(key, now)
        if held is None:
            self.keys[key] = record
            return None
        self.hits += 1  # GET: the record that holds the key
        if is_replaceable(held, now):
            self.sets += 2  # the orphan's lock, then the record
            self.keys[key] = record
            return None
        return held

    def update_record(self, key: str, record: IdempotencyRecord) -> None:
        self.sets += 1
        self.keys[key] = record

    def delete_record(self, key: str) -> None:
        self.keys.pop(key, None)

    def metrics(self) -> dict[str, Any]:
        return {"GetHits": self.hits, "GetMisses": self.misses, "SetCommands": self.sets}
