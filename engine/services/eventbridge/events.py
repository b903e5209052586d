"""EventBridge events: PutEvents entries checked and wrapped in the event envelope.

What a bus takes ("PutEvents" API reference, "Amazon EventBridge events"): an entry with
`source`, `detail-type` and `detail` (a JSON object), optionally `resources` and `time`;
the API's own spelling (`Source`, `DetailType`, `Detail`, ...) is read too. An entry
missing one of the three fails with `InvalidArgument`; a `detail` that is not a JSON
object with `MalformedDetail`; a custom event whose source starts with `aws.` with
`NotAuthorizedForSourceException` (only AWS services send those); an entry over 1 MB
(14 bytes for `Time` plus the UTF-8 bytes of source, detail-type, detail and each
resource) with `InvalidArgument`. The bus then adds `version` "0", a fresh `id`, `time`,
`account`, `region` and `resources`.

Messages that are not PutEvents entries are wrapped as AWS does: an asynchronous
invocation record sent to a bus destination becomes `source: "lambda"`, `detail-type:
"Lambda Function Invocation Result - Success"` (or `- Failure`) with the record as
`detail` ("Introducing AWS Lambda Destinations"); a simulated function or worker, which
has no code to build an entry, publishes its record's payload as `detail`, with its own
name as `source` and `Function Output` or `Worker Output` as `detail-type`.
"""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

from engine.runtime.names import ACCOUNT, REGION
from engine.runtime.templates import iso_time

ENVELOPE_KEYS = (
    "version",
    "id",
    "detail-type",
    "source",
    "account",
    "time",
    "region",
    "resources",
    "detail",
)
API_KEYS = {
    "Source": "source",
    "DetailType": "detail-type",
    "Detail": "detail",
    "Resources": "resources",
    "Time": "time",
}
REQUIRED = (("source", "Source"), ("detail-type", "DetailType"), ("detail", "Detail"))
# "Amazon EventBridge quotas": an entry is at most 1 MB since January 2026 (256 KB before).
MAX_ENTRY_BYTES = 1_048_576
TIME_BYTES = 14  # "Calculating PutEvents event entry size": a Time counts 14 bytes
MAX_DETAIL_TYPE = 128
MAX_SOURCE = 256
WRAPPED_DETAIL_TYPES = {"lambda.function": "Function Output", "worker": "Worker Output"}
_COMPACT = (",", ":")


def encode_event(event: dict[str, Any]) -> str:
    """An event as targets receive it: compact JSON, keys in envelope order."""
    return json.dumps(event, separators=_COMPACT, ensure_ascii=False)


def event_time(t: float) -> str:
    """An event's `time`: RFC 3339 in whole seconds, as AWS writes it."""
    return iso_time(t)[:19] + "Z"


def new_event_id(rng: random.Random) -> str:
    """A version-4 UUID drawn from the run's seeded stream."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def normalise(value: Any) -> Any:
    """An entry with the API's key spellings renamed and a JSON-string detail parsed."""
    if not isinstance(value, dict):
        return value
    entry = {API_KEYS.get(key, key): item for key, item in value.items()}
    if isinstance(entry.get("detail"), str):
        entry["detail"] = parse_json(entry["detail"])
    return entry


def is_entry_like(value: Any) -> bool:
    """Whether a payload was meant as a PutEvents entry (it names one of its fields)."""
    return isinstance(value, dict) and any(key in value for pair in REQUIRED for key in pair)


def entry_error(entry: Any, *, trusted: bool) -> str | None:
    """The PutEvents error for an entry, or None; `trusted` senders (AWS services and
    rules forwarding events) may use `aws.` sources."""
    if not isinstance(entry, dict):
        return "InvalidArgument: the entry is not a JSON object with source, detail-type, detail"
    for key, api_name in REQUIRED:
        if entry.get(key) is None:
            return (
                f"InvalidArgument: Parameter {api_name} is not valid. "
                f"Reason: {api_name} is a required argument."
            )
    source, detail_type = entry["source"], entry["detail-type"]
    if not isinstance(source, str) or not 1 <= len(source) <= MAX_SOURCE:
        return f"InvalidArgument: Source must be a string of 1 to {MAX_SOURCE} characters"
    if not isinstance(detail_type, str) or len(detail_type) > MAX_DETAIL_TYPE:
        return f"InvalidArgument: DetailType must be a string of at most {MAX_DETAIL_TYPE} chars"
    if not isinstance(entry["detail"], dict):
        return "MalformedDetail: Detail is malformed."
    resources = entry.get("resources", [])
    if not isinstance(resources, list) or not all(isinstance(r, str) for r in resources):
        return "InvalidArgument: Resources must be a list of ARNs"
    if source.startswith("aws.") and not trusted:
        return "NotAuthorizedForSourceException: Not authorized for the source."
    if entry_size(entry) > MAX_ENTRY_BYTES:
        return f"InvalidArgument: the entry is over {MAX_ENTRY_BYTES} bytes"
    return None


def entry_size(entry: dict[str, Any]) -> int:
    size = TIME_BYTES if entry.get("time") else 0
    size += len(entry["source"].encode()) + len(entry["detail-type"].encode())
    size += len(json.dumps(entry["detail"], separators=_COMPACT, ensure_ascii=False).encode())
    return size + sum(len(r.encode()) for r in entry.get("resources", []))


def envelope(
    entry: dict[str, Any], *, rng: random.Random, now: float, forwarded: bool = False
) -> dict[str, Any]:
    """The event the bus makes of a checked entry; a `forwarded` event that is already
    whole (an AWS service's, or one a rule sends on from another bus) is kept as it is."""
    if forwarded and "id" in entry and "version" in entry:
        return entry
    return {
        "version": "0",
        "id": new_event_id(rng),
        "detail-type": entry["detail-type"],
        "source": entry["source"],
        "account": ACCOUNT,
        "time": entry["time"] if isinstance(entry.get("time"), str) else event_time(now),
        "region": REGION,
        "resources": list(entry.get("resources") or []),
        "detail": entry["detail"],
    }


def lambda_result_entry(record: Any, *, success: bool, bus_arn: str) -> dict[str, Any]:
    """A Lambda destination record as the event the bus receives."""
    context = record.get("requestContext", {}) if isinstance(record, dict) else {}
    function = context.get("functionArn")
    outcome = "Success" if success else "Failure"
    return {
        "source": "lambda",
        "detail-type": f"Lambda Function Invocation Result - {outcome}",
        "resources": [bus_arn] + ([function] if isinstance(function, str) else []),
        "detail": record if isinstance(record, dict) else {"record": record},
    }


def wrapped_entry(payload: Any, *, sender_type: str, sender_name: str) -> dict[str, Any]:
    """A function's or worker's output that is not an entry, as one."""
    return {
        "source": sender_name,
        "detail-type": WRAPPED_DETAIL_TYPES.get(sender_type, "Output"),
        "detail": payload if isinstance(payload, dict) else {"message": payload},
    }


def scheduled_event(*, event_id: str, now: float, rule_arn: str) -> dict[str, Any]:
    """What a scheduled rule sends ("Creating a rule that runs on a schedule")."""
    return {
        "version": "0",
        "id": event_id,
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": event_time(now),
        "region": REGION,
        "resources": [rule_arn],
        "detail": {},
    }


def bus_arn(name: str) -> str:
    return f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}"


def rule_arn(bus_name: str, rule_name: str) -> str:
    """Rules on the default bus are `rule/<name>`; on a custom bus `rule/<bus>/<name>`."""
    if bus_name == "default":
        return f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule_name}"
    return f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{bus_name}/{rule_name}"
