"""Import: traffic to watch. A template says what receives messages, never who sends them,
so an imported diagram would sit still when Run is pressed. Each entry point nothing in
the diagram sends to (a queue, topic, stream, table, bucket, broker destination or
delivery stream written from outside, an event bus whose rules wait for events) gets a
starter producer: role `starter`, labelled as one, a message a second, with a payload the
entry point accepts (an event that matches a rule's pattern, an object key that passes a
bucket's notification filter, an item with the table's key). The user deletes them when
they have traffic of their own. A template with Eventyard's metadata gets none: its own
producers come back with it.

A function gets one when it leads somewhere (it publishes, or has destinations): the
traffic behind an API, an SDK caller; a state machine always (its executions are the thing
to watch). Not covered: rules whose pattern no PutEvents entry can match, and schedules,
which run on their own.
"""

from __future__ import annotations

import re
from typing import Any

from engine.matching.event_patterns import matches
from engine.runtime import names

from .names import unique

RATE = 1  # messages a second: enough to watch, little enough to read
MAX_PER_BUS = 5  # a starter per rule with a pattern, at most this many a bus
STREAM_TYPES = ("kinesis.stream", "kafka.topic")
QUEUE_TYPES = ("sqs.queue", "sns.topic", "mq.queue", "mq.topic", "firehose.deliverystream")
_MISSING = object()


def add_starters(
    nodes: dict[str, dict[str, Any]],
    edges: list[dict[str, Any]],
    resources: dict[str, dict[str, Any]] | None = None,
) -> list[str]:
    """Adds starter producers (and their publish edges) for `nodes`; their ids.
    `resources`: each node's properties as the template has them (a table's attribute
    types, which the node does not keep)."""
    resources = resources or {}
    fed = _fed_from_elsewhere(nodes, edges)
    referred = _referred(nodes)
    sends = {e["source"] for e in edges}
    added: list[str] = []
    for node_id, node in list(nodes.items()):
        if node_id in fed or node_id in referred or node["type"] == "producer":
            continue
        template_props = resources.get(node_id, {})
        for label, sim in _starters(node, nodes, edges, node_id in sends, template_props):
            producer = unique(f"starter-{node_id}", set(nodes), limit=64)
            nodes[producer] = {
                "id": producer,
                "type": "producer",
                "label": label,
                "role": "starter",
                "props": {},
                "sim": {"rate": RATE, **sim},
            }
            edges.append({"kind": "publish", "source": producer, "target": node_id, "props": {}})
            added.append(producer)
    return added


def _fed_from_elsewhere(nodes: dict[str, dict], edges: list[dict]) -> set[str]:
    """Nodes something sends to that is not downstream of them: a table only its own
    stream's consumer writes to still needs traffic from outside."""
    after: dict[str, set[str]] = {}
    for edge in edges:
        after.setdefault(edge["source"], set()).add(edge["target"])

    def downstream(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in after.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    fed = set()
    for node_id in nodes:
        senders = {e["source"] for e in edges if e["target"] == node_id}
        if senders and not senders <= downstream(node_id):
            fed.add(node_id)
    return fed


def _referred(nodes: dict[str, dict[str, Any]]) -> set[str]:
    """Node ids that props name (a function's dead-letter queue, a destination)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value in nodes:
            found.add(value)

    for node in nodes.values():
        walk(node.get("props"))
    return found


def _starters(
    node: dict[str, Any],
    nodes: dict[str, dict],
    edges: list[dict],
    sends: bool,
    template_props: dict[str, Any],
) -> list[tuple[str, dict]]:
    kind, props = node["type"], node.get("props") or {}
    named = [v for k, v in props.items() if k.endswith("Name") and isinstance(v, str)]
    name = node.get("label") or (named[0] if named else node["id"])
    name = _short(name)
    label = f"Starter → {name}"
    payload = {"id": "{{seq}}", "starter": True}
    if kind == "eventbridge.bus":
        return _bus_starters(node, nodes, edges, name)
    if kind == "stepfunctions.statemachine":  # its executions are worth watching alone
        return [(label, {"payload": payload})]
    if not sends:
        return []  # nothing reads it: traffic would only pile up
    if kind in STREAM_TYPES:
        return [(label, {"payload": payload, "partitionKey": "k-{{int 1 16}}"})]
    if kind == "dynamodb.table":
        item = _item({**template_props, **props})
        return [(label, {"payload": item})] if item else []
    if kind == "s3.bucket":
        key = _object_key(node["id"], edges)
        found = [(label, {"payload": {"key": key, "size": 1024}})]
        removals = any(
            str(event).startswith("s3:ObjectRemoved:")
            for e in edges
            if e["source"] == node["id"] and e["kind"] == "notification"
            for event in (e.get("props") or {}).get("Events") or []
        )
        if removals:  # half a second after each upload, the same key is deleted
            deletes = {"payload": {"key": key, "delete": True}, "start": 0.5}
            found.append((f"Starter deletes → {name}", deletes))
        return found
    if kind == "mq.exchange":
        return [(label, {"payload": payload, "routingKey": _routing_key(node["id"], edges)})]
    if kind == "lambda.function":
        return [(label, {"payload": payload})]
    if kind in QUEUE_TYPES:
        sim: dict[str, Any] = {"payload": payload}
        if props.get("FifoQueue") or props.get("FifoTopic"):
            sim["messageGroupId"] = "g-{{int 1 4}}"
            if not props.get("ContentBasedDeduplication"):
                sim["deduplicationId"] = "{{uuid}}"
        return [(label, sim)]
    return []


def _short(name: str, most: int = 22) -> str:
    """A name short enough for a node's label to stay one node wide."""
    return name if len(name) <= most else name[: most - 1] + "…"


# --- what each entry point accepts -------------------------------------------------------
def _item(props: dict[str, Any]) -> dict[str, Any] | None:
    """An item with the table's key attributes (numbers where the key is a number)."""
    schema = props.get("KeySchema")
    if not isinstance(schema, list) or not schema:
        return None
    types = {
        d.get("AttributeName"): d.get("AttributeType")
        for d in props.get("AttributeDefinitions") or []
        if isinstance(d, dict)
    }
    item: dict[str, Any] = {}
    for key in schema:
        attribute = key.get("AttributeName") if isinstance(key, dict) else None
        if not isinstance(attribute, str):
            return None
        item[attribute] = "{{seq}}" if types.get(attribute) == "N" else "item-{{seq}}"
    item["starter"] = True
    return item


def _object_key(bucket: str, edges: list[dict]) -> str:
    """A key that passes the first notification's prefix and suffix filter."""
    for edge in edges:
        if edge["source"] != bucket or edge["kind"] != "notification":
            continue
        rules = (((edge.get("props") or {}).get("Filter") or {}).get("S3Key") or {}).get("Rules")
        prefix = suffix = ""
        for rule in rules or []:
            if isinstance(rule, dict) and str(rule.get("Name", "")).lower() == "prefix":
                prefix = str(rule.get("Value", ""))
            if isinstance(rule, dict) and str(rule.get("Name", "")).lower() == "suffix":
                suffix = str(rule.get("Value", ""))
        return f"{prefix}starter-{{{{seq}}}}{suffix or '.json'}"
    return "starter-{{seq}}.json"


def _routing_key(exchange: str, edges: list[dict]) -> str:
    """A routing key the first binding takes (`*` and `#` given a word)."""
    for edge in edges:
        if edge["source"] == exchange and edge["kind"] == "binding":
            key = str((edge.get("props") or {}).get("BindingKey") or "starter")
            return ".".join("starter" if w in ("*", "#") else w for w in key.split(".")) or "x"
    return "starter"


def _bus_starters(
    bus: dict[str, Any], nodes: dict[str, dict], edges: list[dict], name: str
) -> list[tuple[str, dict]]:
    """A producer per rule with a pattern (up to MAX_PER_BUS), each sending an event its
    rule matches; none for rules whose pattern no event can be made for."""
    rules = [e["target"] for e in edges if e["source"] == bus["id"] and e["kind"] == "rule"]
    found = []
    for rule_id in rules:
        pattern = (nodes.get(rule_id, {}).get("props") or {}).get("EventPattern")
        if pattern is None:
            continue
        entry = example_entry(pattern)
        if entry is not None:
            found.append((f"Starter → {_short(rule_id)}", {"payload": entry}))
        if len(found) >= MAX_PER_BUS:
            break
    return found


def example_entry(pattern: Any) -> dict[str, Any] | None:
    """A PutEvents entry (`source`, `detail-type`, `detail`) whose event the pattern
    matches once the bus has wrapped it, or None."""
    if not isinstance(pattern, dict):
        return None
    event = _example(pattern)
    if not isinstance(event, dict):
        return None
    entry = {
        "source": event.get("source", "starter"),
        "detail-type": event.get("detail-type", "Starter"),
        "detail": event.get("detail", {}),
    }
    if not all(isinstance(entry[k], str) for k in ("source", "detail-type")):
        return None
    if not isinstance(entry["detail"], dict):
        return None
    envelope = {
        "version": "0",
        "id": "00000000-0000-4000-8000-000000000000",
        "detail-type": entry["detail-type"],
        "source": entry["source"],
        "account": names.ACCOUNT,
        "time": "2026-01-01T00:00:00Z",
        "region": names.REGION,
        "resources": event.get("resources", []),
        "detail": entry["detail"],
    }
    try:
        return entry if matches(pattern, envelope) else None
    except Exception:  # a pattern the matcher refuses has no example
        return None


def _example(pattern: dict[str, Any]) -> Any:
    if "$or" in pattern and isinstance(pattern["$or"], list) and pattern["$or"]:
        rest = {k: v for k, v in pattern.items() if k != "$or"}
        first = pattern["$or"][0]
        return _example({**rest, **first}) if isinstance(first, dict) else _MISSING
    out: dict[str, Any] = {}
    for key, value in pattern.items():
        if isinstance(value, dict):
            got = _example(value)
        elif isinstance(value, list):
            got = _value(value)
        else:
            return _MISSING
        if got is _MISSING:
            return _MISSING
        if got is not _ABSENT:
            out[key] = got
    return out


_ABSENT = object()  # {"exists": false}: the key is left out


def _value(choices: list[Any]) -> Any:
    """A value one of a leaf's alternatives matches."""
    for choice in choices:
        got = _one(choice, choices)
        if got is not _MISSING:
            return got
    return _MISSING


def _one(choice: Any, choices: list[Any]) -> Any:
    if choice is None or isinstance(choice, (str, int, float, bool)):
        return choice
    if not isinstance(choice, dict) or len(choice) != 1:
        return _MISSING
    ((operator, arg),) = choice.items()
    if operator == "prefix":
        text = arg.get("equals-ignore-case") if isinstance(arg, dict) else arg
        return f"{text}starter" if isinstance(text, str) else _MISSING
    if operator == "suffix":
        text = arg.get("equals-ignore-case") if isinstance(arg, dict) else arg
        return f"starter{text}" if isinstance(text, str) else _MISSING
    if operator == "equals-ignore-case":
        return arg if isinstance(arg, str) else _MISSING
    if operator == "wildcard":
        return arg.replace("*", "starter") if isinstance(arg, str) else _MISSING
    if operator == "exists":
        return "starter" if arg is True else _ABSENT
    if operator == "numeric":
        return _number(arg)
    if operator == "anything-but":
        return _other(arg)
    if operator == "cidr" and isinstance(arg, str):
        return re.sub(r"/\d+$", "", arg)
    return _MISSING


def _number(rule: Any) -> Any:
    """A number within a numeric rule's bounds (`[">", 0, "<=", 5]`)."""
    if not isinstance(rule, list) or len(rule) % 2:
        return _MISSING
    low, high, exact = float("-inf"), float("inf"), None
    for op, bound in zip(rule[::2], rule[1::2], strict=True):
        if not isinstance(bound, (int, float)):
            return _MISSING
        if op == "=":
            exact = bound
        elif op in (">", ">="):
            low = max(low, bound + (1 if op == ">" else 0))
        elif op in ("<", "<="):
            high = min(high, bound - (1 if op == "<" else 0))
    if exact is not None:
        return exact
    if low == float("-inf"):
        return high if high != float("inf") else 0
    return low if low <= high else (low + high) / 2


def _other(excluded: Any) -> Any:
    """A value an `anything-but` rule lets through."""
    if isinstance(excluded, dict):
        return "starter"  # anything-but a prefix or suffix: "starter" rarely has it
    values = excluded if isinstance(excluded, list) else [excluded]
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return max(values, default=0) + 1
    word = "starter"
    while word in values:
        word += "-x"
    return word
