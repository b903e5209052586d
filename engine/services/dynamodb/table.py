"""Amazon DynamoDB tables with streams: the engine's `dynamodb.table` node.

A `publish` edge writes items (PutItem). With `StreamSpecification` on, each write adds one
stream record, `INSERT` for a new key and `MODIFY` for an existing one, carrying the images
its `StreamViewType` asks for ("Change data capture for DynamoDB Streams"). Records of one
item stay in order (the item's key picks the stream shard) and are kept for 24 hours.

A table at the end of an `idempotency` edge holds idempotency records (`IdempotencyStore`):
Powertools' conditional PutItem, UpdateItem and DeleteItem, each consuming write capacity;
a refused conditional write still consumes it and returns the item that refused it
(ReturnValuesOnConditionCheckFailure), so no read is made ("Condition expressions").
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from engine.core.message import Copy, compact_json
from engine.core.shapes import items, obj, one_of, string
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime import names
from engine.runtime.idempotency import IdempotencyRecord, is_replaceable
from engine.runtime.shards import StreamResource, StreamStore
from engine.runtime.templates import iso_time

RETENTION = 24 * 3600.0  # stream records are kept 24 hours
STREAM_SHARDS = 4
VIEW_TYPES = ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")

SPEC = NodeSpec(
    type="dynamodb.table",
    metrics=(
        "ConsumedWriteCapacityUnits",
        "ConsumedReadCapacityUnits",
        "ConditionalCheckFailedRequests",
        "WriteRequests",
        "StreamRecords",
        "RejectedWrites",
        "GetRecords.Records",
        "Records",
    ),
    group="Storage",
    stream=True,
    name_prop="TableName",
    arn_format="arn:aws:dynamodb:{region}:{account}:table/{name}",
    metric_namespace="AWS/DynamoDB",
    metric_dimension="TableName",
    counters=(
        ("WriteRequests", "writes"),
        ("StreamRecords", "stream"),
    ),
    counter_variants=(
        (
            "idempotency",
            (
                ("ConsumedWriteCapacityUnits", "WCU"),
                ("ConditionalCheckFailedRequests", "cond. failed"),
            ),
        ),
    ),
    label="DynamoDB table",
    description="A table whose item changes can flow to a stream that Lambda reads.",
    cfn_type="AWS::DynamoDB::Table",
    props=(
        FieldSpec(
            "TableName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_.-]{3,255}",
            help="3 to 255 letters, digits, '_', '.' and '-'.",
        ),
        FieldSpec(
            "KeySchema",
            "json",
            [{"AttributeName": "id", "KeyType": "HASH"}],
            check="key_schema",
            help="The partition key (and optional sort key).",
        ),
        FieldSpec(
            "StreamSpecification",
            "json",
            None,
            check="stream_specification",
            help='{"StreamViewType": "NEW_AND_OLD_IMAGES"}: turns the stream on and says what '
            "each record carries (AWS's default: no stream).",
        ),
    ),
)


def to_attribute_value(value: Any) -> dict[str, Any]:
    """A JSON value in DynamoDB's typed form (`{"S": "x"}`, `{"N": "1"}`, ...)."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, int | float):
        return {"N": str(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [to_attribute_value(v) for v in value]}
    return {"M": {k: to_attribute_value(v) for k, v in value.items()}}


def to_image(item: dict[str, Any]) -> dict[str, Any]:
    return {k: to_attribute_value(v) for k, v in item.items()}


class DynamoTable(StreamResource):
    """Invariants: `items` holds the latest image of every key written; each write adds one
    stream record (when the stream is on), in write order for its key."""

    batch_info_key = "DDBStreamBatchInfo"

    def __init__(self, node, sim):
        super().__init__(node, sim)
        keys = node.props["KeySchema"] or SPEC.prop("KeySchema").default
        self.key_names = [k["AttributeName"] for k in keys]
        spec = node.props["StreamSpecification"]
        self.view = (spec or {}).get("StreamViewType")
        self.store = StreamStore(self, STREAM_SHARDS, RETENTION)
        self.items: dict[str, dict[str, Any]] = {}
        self.arn = f"{names.arn(node)}/stream/2026-01-01T00:00:00.000"
        self.writes = self.stream_records = self.rejected = 0
        self.records: dict[str, IdempotencyRecord] = {}
        self.write_units = self.read_units = self.conditional_failed = 0

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """PutItem with the message's payload as the item."""
        item = copy.payload
        if isinstance(item, str):
            try:
                item = json.loads(item)
            except ValueError:
                item = None
        if not isinstance(item, dict) or any(k not in item for k in self.key_names):
            self.rejected += 1
            return f"ValidationException: the item must hold the key {', '.join(self.key_names)}"
        key = json.dumps([item[k] for k in self.key_names])
        old = self.items.get(key)
        self.items[key] = item
        self.writes += 1
        self.write_units += write_units(item)
        self.rec.emit("deliver", self.id, copy, edge=edge)
        # "Change data capture for DynamoDB Streams": a write that changes nothing in the
        # item writes no stream record.
        if not self.view or old == item:
            self.rec.end(copy, "processed")
            return None
        record = self.sim.derive(
            copy,
            body=compact_json(self._record(item, old)),
            attributes={},
            partition_key=key,
        )
        self.rec.end(copy, "processed")
        shard = int.from_bytes(hashlib.md5(key.encode()).digest()[:4], "big") % STREAM_SHARDS
        place = self.store.append(shard, record)
        self.stream_records += 1
        self.rec.emit(
            "put-record", self.id, record, eventName="MODIFY" if old else "INSERT", **place
        )
        return None

    def _record(self, item: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "ApproximateCreationDateTime": round(self.kernel.now, 3),
            "Keys": to_image({k: item[k] for k in self.key_names}),
            "SizeBytes": len(json.dumps(item)),
            "StreamViewType": self.view,
        }
        if self.view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES"):
            data["NewImage"] = to_image(item)
        if old is not None and self.view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES"):
            data["OldImage"] = to_image(old)
        return {
            "eventName": "MODIFY" if old else "INSERT",
            "eventSource": "aws:dynamodb",
            "eventVersion": "1.1",
            "awsRegion": names.REGION,
            "dynamodb": data,
            "eventSourceARN": self.arn,
            "eventTime": iso_time(self.kernel.now),
        }

    def record_view(self, copy: Copy) -> dict[str, Any]:
        """What an event-source filter sees: the stream record itself."""
        return json.loads(copy.body)

    # --- idempotency records (Powertools' DynamoDB persistence layer) ----------------
    def put_record(self, key: str, record: IdempotencyRecord, now: float):
        """PutItem with Powertools' condition; a refusal returns the item (ALL_OLD)."""
        self.write_units += 1
        held = self.records.get(key)
        if held is not None and not is_replaceable(held, now):
            self.conditional_failed += 1
            return held
        self.records[key] = record
        return None

    def update_record(self, key: str, record: IdempotencyRecord) -> None:
        self.write_units += 1
        self.records[key] = record

    def delete_record(self, key: str) -> None:
        self.write_units += 1
        self.records.pop(key, None)

    def metrics(self) -> dict[str, Any]:
        return {
            "ConsumedWriteCapacityUnits": self.write_units,
            "ConsumedReadCapacityUnits": self.read_units,
            "ConditionalCheckFailedRequests": self.conditional_failed,
            "WriteRequests": self.writes,
            "StreamRecords": self.stream_records,
            "RejectedWrites": self.rejected,
            "GetRecords.Records": self.read_records,
            "Records": self.store.held(),
        }


def write_units(item: dict[str, Any]) -> int:
    """Write request units of one write: one per KB of the item, rounded up ("Read/write
    capacity mode"); the item's size is approximated by its JSON text."""
    size = len(json.dumps(item).encode("utf-8"))
    return max(1, -(-size // 1024))


_KEY = '{"AttributeName": "id", "KeyType": "HASH"}'
KEY_SCHEMA = items(
    f"[{_KEY}]",
    obj(
        _KEY, required=("AttributeName", "KeyType"), AttributeName=string(), KeyType=one_of("HASH")
    ),
    obj(
        _KEY, required=("AttributeName", "KeyType"), AttributeName=string(), KeyType=one_of("RANGE")
    ),
    least=1,
    most=2,
)
STREAM_SPECIFICATION = obj(
    '{"StreamViewType": "NEW_AND_OLD_IMAGES"}',
    required=("StreamViewType",),
    StreamViewType=one_of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"),
)
