"""S3 notification configurations: what S3 accepts when a bucket's configuration is saved.

The named checks of the `s3.bucket` spec and the `notification` edge (`bucket_name`,
`s3_filter`) and the rule that spans a bucket's notification edges (FIFO destinations,
overlapping filters, EventBridge). The bucket's behaviour lives in `engine.services.s3.bucket`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from engine.core.errors import Problem, join_path
from engine.runtime.names import resource_name

if TYPE_CHECKING:
    from collections.abc import Iterator

    from engine.core.diagram import Diagram, Edge, Node

ALL_CREATED = "s3:ObjectCreated:*"
MAX_KEY_BYTES = 1024  # "Naming Amazon S3 objects": a key is at most 1,024 bytes of UTF-8
_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_IP = re.compile(r"\d{1,3}(\.\d{1,3}){3}")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def check_bucket_name(value: Any, path: str) -> list[Problem]:
    """ "General purpose bucket naming rules"."""
    if not _NAME.fullmatch(value):
        why = "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending "
        return [Problem(path, "invalid_value", f"'{value}' is not {why}with a letter or digit")]
    if ".." in value or _IP.fullmatch(value):
        why = "has two adjacent dots" if ".." in value else "is formatted as an IP address"
        return [Problem(path, "invalid_value", f"'{value}' {why}; S3 refuses it")]
    if value.startswith(_RESERVED_PREFIXES) or value.endswith(_RESERVED_SUFFIXES):
        reserved = ", ".join(_RESERVED_PREFIXES + _RESERVED_SUFFIXES)
        return [Problem(path, "invalid_value", f"'{value}' uses a reserved affix ({reserved})")]
    return []


def _filter_rules(value: Any) -> list | None:
    """The rule list of a Filter value of the right shape, else None."""
    if not isinstance(value, dict) or set(value) != {"S3Key"}:
        return None
    key = value["S3Key"]
    if not isinstance(key, dict) or set(key) != {"Rules"}:
        return None
    rules = key["Rules"]
    return rules if isinstance(rules, list) and 1 <= len(rules) <= 2 else None


def check_s3_filter(value: Any, path: str) -> list[Problem]:
    """`{"S3Key": {"Rules": [{"Name": "prefix"|"suffix", "Value": ...}]}}`, at most one of
    each name ("Configuring event notifications using object key name filtering")."""
    rules = _filter_rules(value)
    if rules is None:
        shape = '{"S3Key": {"Rules": [{"Name": "prefix", "Value": "images/"}]}}'
        return [Problem(path, "invalid_value", f"must be {shape} with one or two rules")]
    problems, seen = [], set()
    for i, rule in enumerate(rules):
        rule_path = join_path(join_path(path, "S3Key.Rules"), i)
        if (
            not isinstance(rule, dict)
            or set(rule) != {"Name", "Value"}
            or rule["Name"] not in ("prefix", "suffix")
            or not isinstance(rule["Value"], str)
            or len(rule["Value"].encode("utf-8")) > MAX_KEY_BYTES
        ):
            problems.append(
                Problem(
                    rule_path,
                    "invalid_value",
                    'a rule is {"Name": "prefix" or "suffix", "Value": "<up to 1,024 bytes>"}',
                )
            )
        elif rule["Name"] in seen:
            problems.append(
                Problem(rule_path, "duplicate_rule", f"a filter has at most one {rule['Name']}")
            )
        else:
            seen.add(rule["Name"])
    return problems


def key_filter(value: dict | None) -> tuple[str, str]:
    """(prefix, suffix) of a checked Filter value; "" where the filter has none."""
    rules = {r["Name"]: r["Value"] for r in (value or {}).get("S3Key", {}).get("Rules", [])}
    return rules.get("prefix", ""), rules.get("suffix", "")


def _events_overlap(a: list[str], b: list[str]) -> bool:
    for family in ("s3:ObjectCreated:", "s3:ObjectRemoved:"):
        in_a = any(e.startswith(family) for e in a)
        in_b = any(e.startswith(family) for e in b)
        if (family + "*" in a and in_b) or (family + "*" in b and in_a):
            return True
    return bool(set(a) & set(b))


def _filters_overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    # Two prefixes overlap when one starts the other, two suffixes when one ends the other;
    # an absent rule ("") overlaps every key.
    prefixes = a[0].startswith(b[0]) or b[0].startswith(a[0])
    return prefixes and (a[1].endswith(b[1]) or b[1].endswith(a[1]))


def notification_rules(d: Diagram) -> Iterator[Problem]:
    """What S3 refuses when a notification configuration is saved: FIFO destinations
    ("Event notification types and destinations"), ambiguous overlapping filters ("Configuring
    event notifications using object key name filtering"), and filters on EventBridge, which
    receives every event ("Using EventBridge"). Bucket names are unique across AWS."""
    names: dict[str, Node] = {}
    for node in (n for n in d.nodes.values() if n.type == "s3.bucket"):
        name = resource_name(node)
        if name in names:
            path = f"nodes[{node.index}].props.BucketName"
            yield Problem(
                path,
                "duplicate_name",
                f"bucket name '{name}' is already used by '{names[name].id}'",
            )
        names[name] = node
        configs: list[Edge] = []
        for edge in d.edges_from(node.id, "notification"):
            target, path = d.nodes[edge.target], f"edges[{edge.index}]"
            if target.is_fifo:
                yield Problem(
                    path,
                    "fifo_destination",
                    f"S3 sends events to standard queues and topics only; '{target.id}' is FIFO",
                )
            if target.type == "eventbridge.bus":
                yield from _eventbridge_edge(edge, target, path)
                continue
            yield from _overlaps(edge, configs, path)
            configs.append(edge)


def _eventbridge_edge(edge: Edge, bus: Node, path: str) -> Iterator[Problem]:
    if edge.props["Filter"] is not None or edge.props["Events"] != [ALL_CREATED]:
        yield Problem(
            path,
            "not_applicable",
            "EventBridge receives every event of the bucket; filter in the bus's rules",
        )
    if (bus.props.get("Name") or "default") != "default":  # no Name: the default bus
        yield Problem(
            path,
            "not_default_bus",
            f"S3 sends events to the default event bus only; '{bus.id}' is not named 'default'",
        )


def _overlaps(edge: Edge, earlier: list[Edge], path: str) -> Iterator[Problem]:
    mine = key_filter(edge.props["Filter"])
    for other in earlier:
        theirs = key_filter(other.props["Filter"])
        if _events_overlap(edge.props["Events"], other.props["Events"]) and _filters_overlap(
            mine, theirs
        ):
            yield Problem(
                path,
                "overlapping_filters",
                f"its event types and key filter overlap those of '{other.id}': S3 rejects "
                "the configuration as ambiguous",
            )
