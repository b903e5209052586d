"""Amazon DynamoDB tables with streams: the engine's `dynamodb.table` node.

A `publish` edge writes items (PutItem). With `StreamSpecification` on, each write adds one
stream record, `INSERT` for a new key and `MODIFY` for an existing one, carrying the images
its `StreamViewType` asks for ("Change data capture for DynamoDB Streams"). Records of one
item stay in order (the item's key picks the stream shard) and are kept for 24 hours.

A state machine's `task` edge calls the table by its DynamoDB integrations
("Call DynamoDB APIs with Step Functions"): PutItem, GetItem, UpdateItem and DeleteItem,
with condition, update and projection expressions (`expressions`) and ReturnValues; a
refused condition is `ConditionalCheckFailedException`, a bad key or expression
`ValidationException`. Writes add stream records as above (a delete: `REMOVE`, with the
old image its view type asks for); reads consume read capacity (4 KB units, half for an
eventually consistent read).

A table at the end of an `idempotency` edge holds idempotency records (`IdempotencyStore`):
Powertools' conditional PutItem, UpdateItem and DeleteItem, each consuming write capacity;
a refused conditional write still consumes it and returns the item that refused it
(ReturnValuesOnConditionCheckFailure), so no read is made ("Condition expressions").
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from engine.core.attribute_values import from_image, to_image
from engine.core.message import Copy, compact_json
from engine.core.shapes import items, obj, one_of, string
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime import names
from engine.runtime.idempotency import IdempotencyRecord, is_replaceable
from engine.runtime.shards import StreamResource, StreamStore
from engine.runtime.templates import iso_time
from engine.services.dynamodb.expressions import (
    ExpressionError,
    condition_holds,
    projected,
    updated,
)

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
        missing = self._key_problem(item)
        if missing:
            self.rejected += 1
            return missing
        self.rec.emit("deliver", self.id, copy, edge=edge)
        self._write(copy, self._key(item), item)
        return None

    def _key(self, item: dict[str, Any]) -> str:
        return json.dumps([item[k] for k in self.key_names])

    def _key_problem(self, item: Any) -> str | None:
        if not isinstance(item, dict) or any(k not in item for k in self.key_names):
            return f"ValidationException: the item must hold the key {', '.join(self.key_names)}"
        return None

    def _write(self, copy: Copy, key: str, item: dict[str, Any] | None) -> None:
        """Store the item (None: delete it), count the write and add its stream record;
        ends `copy` (the request) as processed."""
        old = self.items.get(key)
        if item is None:
            self.items.pop(key, None)
        else:
            self.items[key] = item
        self.writes += 1
        self.write_units += write_units(item if item is not None else old or {})
        self.rec.end(copy, "processed")
        # "Change data capture for DynamoDB Streams": a write that changes nothing in the
        # item writes no stream record.
        if not self.view or old == item:
            return
        record = self.sim.derive(
            copy,
            body=compact_json(self._record(item, old)),
            attributes={},
            partition_key=key,
        )
        shard = int.from_bytes(hashlib.md5(key.encode()).digest()[:4], "big") % STREAM_SHARDS
        place = self.store.append(shard, record)
        self.stream_records += 1
        self.rec.emit("put-record", self.id, record, eventName=_event_name(item, old), **place)

    # --- Step Functions' DynamoDB integrations ---------------------------------------
    def request(
        self, operation: str, params: dict[str, Any], copy: Copy, *, edge: str | None
    ) -> tuple[dict[str, Any] | None, str | None]:
        """PutItem, GetItem, UpdateItem or DeleteItem as the API takes them (typed
        values); (the answer, None) or (None, "<Exception>: <message>"). A refused request
        leaves `copy` to the caller; an accepted one is ended here."""
        try:
            if operation == "PutItem":
                item = from_image(params.get("Item"))
                key_problem = self._key_problem(item)
                if key_problem:
                    return None, key_problem
                key = self._key(item)
                old = self.items.get(key)
            else:
                key, old = self._held(params.get("Key"))
                item = old
            self._check(params, old)
            if operation == "GetItem":
                return self._get(params, copy, edge, old), None
            if operation == "UpdateItem":
                item = updated(
                    old or self._key_item(key),
                    params.get("UpdateExpression") or "",
                    params.get("ExpressionAttributeNames"),
                    params.get("ExpressionAttributeValues"),
                    keys=self.key_names,
                )
            elif operation == "DeleteItem":
                item = None
        except ExpressionError as error:
            return None, f"ValidationException: {error}"
        except _Refused as refused:
            return None, str(refused)
        self.rec.emit("deliver", self.id, copy, edge=edge, operation=operation)
        if operation == "DeleteItem" and old is None:
            self.rec.end(copy, "processed")  # nothing to delete: no write, no record
        else:
            self._write(copy, key, item)
        return _returned(params.get("ReturnValues") or "NONE", old, item, self.key_names), None

    def _held(self, typed_key: Any) -> tuple[str, dict[str, Any] | None]:
        given = from_image(typed_key)
        if given is None or sorted(given) != sorted(self.key_names):
            raise _Refused(
                "ValidationException: The provided key element does not match the schema"
            )
        key = self._key(given)
        return key, self.items.get(key)

    def _key_item(self, key: str) -> dict[str, Any]:
        return dict(zip(self.key_names, json.loads(key), strict=True))

    def _check(self, params: dict[str, Any], old: dict[str, Any] | None) -> None:
        text = params.get("ConditionExpression")
        if not text:
            return
        names, values = (
            params.get("ExpressionAttributeNames"),
            params.get("ExpressionAttributeValues"),
        )
        if not condition_holds(old, text, names, values):
            self.write_units += 1  # a refused conditional write still consumes capacity
            self.conditional_failed += 1
            raise _Refused("ConditionalCheckFailedException: The conditional request failed")

    def _get(self, params: dict, copy: Copy, edge: str | None, item: dict | None) -> dict:
        self.rec.emit("deliver", self.id, copy, edge=edge, operation="GetItem")
        self.rec.end(copy, "processed")
        units = max(1, -(-len(json.dumps(item or {}).encode("utf-8")) // 4096))
        self.read_units += units if params.get("ConsistentRead") else units / 2
        if item is None:
            return {}
        if params.get("ProjectionExpression"):
            item = projected(
                item, params["ProjectionExpression"], params.get("ExpressionAttributeNames")
            )
        return {"Item": to_image(item)}

    def _record(self, item: dict[str, Any] | None, old: dict[str, Any] | None) -> dict[str, Any]:
        either = item if item is not None else old or {}
        data: dict[str, Any] = {
            "ApproximateCreationDateTime": round(self.kernel.now, 3),
            "Keys": to_image({k: either[k] for k in self.key_names}),
            "SizeBytes": len(json.dumps(either)),
            "StreamViewType": self.view,
        }
        if item is not None and self.view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES"):
            data["NewImage"] = to_image(item)
        if old is not None and self.view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES"):
            data["OldImage"] = to_image(old)
        return {
            "eventName": _event_name(item, old),
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


class _Refused(Exception):
    """A request DynamoDB answers with an error (its text: "<Exception>: <message>")."""


def _event_name(item: dict[str, Any] | None, old: dict[str, Any] | None) -> str:
    if item is None:
        return "REMOVE"
    return "MODIFY" if old else "INSERT"


def _returned(wanted: str, old: dict | None, new: dict | None, keys: list[str]) -> dict[str, Any]:
    """The answer's Attributes by ReturnValues (ALL_OLD, ALL_NEW, UPDATED_OLD, UPDATED_NEW:
    the attributes the write changed, never the key)."""
    if wanted in ("ALL_OLD", "UPDATED_OLD"):
        chosen = old
        if wanted == "UPDATED_OLD" and old is not None:
            chosen = {
                k: v for k, v in old.items() if k not in keys and (new or {}).get(k, _GONE) != v
            }
    elif wanted in ("ALL_NEW", "UPDATED_NEW"):
        chosen = new
        if wanted == "UPDATED_NEW" and new is not None:
            chosen = {
                k: v for k, v in new.items() if k not in keys and (old or {}).get(k, _GONE) != v
            }
    else:
        return {}
    return {"Attributes": to_image(chosen)} if chosen else {}


_GONE = object()


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
