"""Amazon S3 buckets and their event notifications: the engine's `s3.bucket` node.

A `publish` edge into a bucket is a PutObject: the payload `{"key", "size"}` is stored
and raises `s3:ObjectCreated:Put` ("Amazon S3 Event Notifications"); a payload `{"key",
"delete": true}` is a DeleteObject, which removes the object and raises
`s3:ObjectRemoved:Delete` (versioning is off: no delete markers) when there was one to
remove (deleting a key the bucket does not hold changes nothing and notifies no one).
Each `notification` edge is one notification configuration, taken in document order:
when its `Events` cover the event and its key filter matches ("Configuring event
notifications using object key name filtering"), the bucket sends the S3 message ("Event
message structure") to an SQS queue, an SNS topic or a Lambda function (asynchronous
invoke). A notification edge to an event bus turns EventBridge on for the bucket: every
event goes to the bus ("Using EventBridge", "EventBridge event message structure"),
unfiltered; rules filter it there.

A bucket holds objects, not messages: the PutObject copy ends as `processed` once its
notifications are sent, and each notification is a new copy. A destination that refuses
one (its error string) drops it: S3 keeps no dead-letter queue for notifications.

Choices where AWS leaves room: notifications leave at the PutObject's instant (AWS: most
within seconds); versioning is off, so objects carry no `versionId`; the test event S3
sends when a configuration is saved (`s3:TestEvent`) is not sent; request ids, ETags and
sequencers are derived from the run's seed, the bucket and the upload's number. What S3
refuses when a configuration is saved lives in `engine.services.s3.config`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from engine.core.message import Copy
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime import names
from engine.runtime.resource import Resource
from engine.runtime.templates import SIM_EPOCH, iso_time
from engine.services.s3.config import MAX_KEY_BYTES, key_filter

PUT_EVENT = "s3:ObjectCreated:Put"
DELETE_EVENT = "s3:ObjectRemoved:Delete"
# "Event message structure": ObjectCreated events were written as version 2.1; the page
# now shows one unified version (2.4 and later) for every event type.
EVENT_VERSION = "2.1"
MAX_PUT_BYTES = 5 * 1024**3  # "Uploading objects": one PUT uploads at most 5 GB
OWNER_ID = "A3NL1KOZZKEXAMPLE"
PRINCIPAL_ID = "AWS:AIDAJDPLRKLG7UEXAMPLE"
SOURCE_IP = "198.51.100.7"

SPEC = NodeSpec(
    type="s3.bucket",
    metrics=(
        "PutRequests",
        "DeleteRequests",
        "NotificationsSent",
        "NotificationsFiltered",
        "NotificationsFailed",
        "BucketSizeBytes",
        "NumberOfObjects",
    ),
    group="Storage",
    name_prop="BucketName",
    name_style="bucket",
    arn_format="arn:aws:s3:::{name}",
    metric_namespace="AWS/S3",
    metric_dimension="BucketName",
    counters=(
        ("PutRequests", "puts"),
        ("NotificationsSent", "notified"),
    ),
    label="S3 bucket",
    description="Stores objects; each upload can notify a queue, a topic, a function or "
    "EventBridge.",
    cfn_type="AWS::S3::Bucket",
    props=(
        FieldSpec(
            "BucketName",
            "string",
            None,
            check="bucket_name",
            help="3 to 63 lowercase letters, digits, dots and hyphens; unique across AWS.",
        ),
    ),
)


# --- names and encodings ---------------------------------------------------------------
def encode_key(key: str) -> str:
    """ "Event message structure": the key is URL-encoded, a space becoming '+'."""
    return quote_plus(key, safe="/")


def covers(events: tuple[str, ...], event: str) -> bool:
    """Whether a configuration's `Events` take `event` (by name or its family's `*`)."""
    return event in events or event.rsplit(":", 1)[0] + ":*" in events


@dataclass(frozen=True)
class StoredObject:
    size: int
    etag: str
    sequencer: str
    request_id: str
    host_id: str
    time: float


@dataclass(frozen=True)
class Configuration:
    """One notification configuration: a `notification` edge and its destination."""

    edge: str
    target: Resource
    events: tuple[str, ...]
    prefix: str
    suffix: str
    eventbridge: bool


def _put_error(payload: Any) -> str | None:
    """The error S3 answers a PutObject with, or None."""
    if not isinstance(payload, dict) or not isinstance(payload.get("key"), str):
        return 'InvalidRequest: a PutObject payload is {"key": "<string>", "size": <bytes>}'
    if payload.get("delete", False) not in (True, False):
        return 'InvalidRequest: "delete" is true (a DeleteObject) or false'
    key, size = payload["key"], payload.get("size", 0)
    if not key:
        return "InvalidArgument: the key is empty"
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        return "KeyTooLongError: the key is longer than 1,024 bytes"
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        return f"InvalidArgument: size {size!r} is not a whole number of bytes"
    if size > MAX_PUT_BYTES:
        return "EntityTooLarge: one PUT uploads at most 5 GB"
    return None


class S3Bucket(Resource):
    """Invariants: `objects` holds the latest upload of every key, and `size_bytes` is the
    sum of their sizes; `sequence` counts PutObjects and every sequencer is greater than
    the ones before it. Each accepted PutObject copy ends here, as processed."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.name = names.resource_name(node)
        self.arn = names.arn(node)
        self.configurations: list[Configuration] = []
        self.objects: dict[str, StoredObject] = {}
        self.size_bytes = 0
        self.sequence = 0
        self.puts = self.deletes = 0
        self.sent = self.filtered = self.failed = 0

    def wire_out(self, edge, target: Resource) -> None:
        if edge.kind == "notification":
            prefix, suffix = key_filter(edge.props["Filter"])
            self.configurations.append(
                Configuration(
                    edge=edge.id,
                    target=target,
                    events=tuple(edge.props["Events"]),
                    prefix=prefix,
                    suffix=suffix,
                    eventbridge=target.node.type == "eventbridge.bus",
                )
            )
        super().wire_out(edge, target)

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """PutObject with the copy's payload `{"key", "size"}`."""
        error = _put_error(copy.payload)
        if error is not None:
            return error
        key = copy.payload["key"]
        self.rec.emit("deliver", self.id, copy, edge=edge)
        if copy.payload.get("delete"):
            self.deletes += 1
            removed = self._remove(key)
            if removed is not None:
                for config in self.configurations:
                    self._notify(copy, config, key, removed, DELETE_EVENT)
        else:
            self.puts += 1
            stored = self._store(key, copy.payload.get("size", 0))
            for config in self.configurations:
                self._notify(copy, config, key, stored, PUT_EVENT)
        self.rec.end(copy, "processed")
        return None

    def _remove(self, key: str) -> StoredObject | None:
        """DeleteObject: the object gone, with the request's own sequencer and ids."""
        old = self.objects.pop(key, None)
        if old is None:
            return None
        self.size_bytes -= old.size
        self.sequence += 1
        return self._stamp(key, 0)

    def _store(self, key: str, size: int) -> StoredObject:
        self.sequence += 1
        stored = self._stamp(key, size)
        old = self.objects.get(key)
        self.size_bytes += size - (old.size if old else 0)
        self.objects[key] = stored
        return stored

    def _stamp(self, key: str, size: int) -> StoredObject:
        """The ids and sequencer of the request numbered `sequence`."""
        n, now = self.sequence, self.kernel.now
        digest = hashlib.sha384(f"{self.sim.seed}:{self.name}:{n}".encode()).digest()
        seconds = int(SIM_EPOCH.timestamp() + now)
        return StoredObject(
            size=size,
            etag=hashlib.md5(f"{self.name}/{key}#{n}".encode()).hexdigest(),
            sequencer=f"{seconds:010X}{n:08X}",
            request_id=digest[:8].hex().upper(),
            host_id=base64.b64encode(digest).decode(),
            time=now,
        )

    def _notify(
        self, copy: Copy, config: Configuration, key: str, stored: StoredObject, event_name: str
    ) -> None:
        if config.eventbridge:
            event = self.eventbridge_event(key, stored, event_name)
            out = self.sim.derive(copy, body=_dump(event), attributes={})
            out.payload = event  # the bus reads the event from the payload
        elif not covers(config.events, event_name):
            return
        elif not (key.startswith(config.prefix) and key.endswith(config.suffix)):
            self.filtered += 1  # key filters are case-sensitive
            return
        else:
            message = self.s3_message(config.edge, key, stored, event_name)
            out = self.sim.derive(copy, body=_dump(message), attributes={})
        if self.sim.publish(self.id, out, edge=config.edge, target=config.target) is None:
            self.sent += 1
        else:
            self.failed += 1

    def s3_message(
        self, configuration_id: str, key: str, stored: StoredObject, event: str = PUT_EVENT
    ) -> dict:
        """The message S3 sends to SQS, SNS and Lambda ("Event message structure"); a
        removal's object has no size or eTag."""
        found: dict[str, Any] = {"key": encode_key(key)}
        if event != DELETE_EVENT:
            found.update(size=stored.size, eTag=stored.etag)
        found["sequencer"] = stored.sequencer
        record = {
            "eventVersion": EVENT_VERSION,
            "eventSource": "aws:s3",
            "awsRegion": names.REGION,
            "eventTime": iso_time(stored.time),
            "eventName": event.removeprefix("s3:"),
            "userIdentity": {"principalId": PRINCIPAL_ID},
            "requestParameters": {"sourceIPAddress": SOURCE_IP},
            "responseElements": {
                "x-amz-request-id": stored.request_id,
                "x-amz-id-2": stored.host_id,
            },
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": configuration_id,
                "bucket": {
                    "name": self.name,
                    "ownerIdentity": {"principalId": OWNER_ID},
                    "arn": self.arn,
                },
                "object": found,
            },
        }
        return {"Records": [record]}

    def eventbridge_event(self, key: str, stored: StoredObject, event: str = PUT_EVENT) -> dict:
        """The `Object Created` (or `Object Deleted`) event S3 puts on the default bus
        ("EventBridge event message structure"); unlike the S3 message, the key is not
        URL-encoded."""
        if event == DELETE_EVENT:
            obj: dict[str, Any] = {"key": key, "sequencer": stored.sequencer}
            kind, extra = "Object Deleted", {"deletion-type": "Permanently Deleted"}
            reason = "DeleteObject"
        else:
            obj = {
                "key": key,
                "size": stored.size,
                "etag": stored.etag,
                "sequencer": stored.sequencer,
            }
            kind, extra, reason = "Object Created", {}, "PutObject"
        return {
            "version": "0",
            "id": _uuid(hashlib.md5(f"{stored.request_id}:event".encode()).hexdigest()),
            "detail-type": kind,
            "source": "aws.s3",
            "account": names.ACCOUNT,
            "time": iso_time(stored.time)[:19] + "Z",
            "region": names.REGION,
            "resources": [self.arn],
            "detail": {
                "version": "0",
                "bucket": {"name": self.name},
                "object": obj,
                "request-id": stored.request_id,
                "requester": names.ACCOUNT,
                "source-ip-address": SOURCE_IP,
                "reason": reason,
                **extra,
            },
        }

    def metrics(self) -> dict[str, Any]:
        return {
            "PutRequests": self.puts,
            "DeleteRequests": self.deletes,
            "NotificationsSent": self.sent,
            "NotificationsFiltered": self.filtered,
            "NotificationsFailed": self.failed,
            "BucketSizeBytes": self.size_bytes,
            "NumberOfObjects": len(self.objects),
        }


def _dump(value: dict) -> str:
    return json.dumps(value, separators=(",", ":"))


def _uuid(hex32: str) -> str:
    return f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"
