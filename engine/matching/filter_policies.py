"""SNS subscription filter policies: `filter_policy_matches` and `validate_filter_policy`.

SNS filter policies use the same matching engine as EventBridge patterns (AWS's
event-ruler), so this module only adapts the message to a JSON object and adds the
SNS rules on top of `engine.matching.event_patterns`:
- scope `MessageAttributes`: each attribute becomes one field: `String` its text,
  `Number` its number (so numeric operators see only numbers), `String.Array` its
  parsed elements (each tried separately); `Binary` attributes are left out. A message
  without attributes matches no policy, not even `exists: false` ("Key matching in
  Amazon SNS");
- scope `MessageBody`: the body must be a JSON object (a dict, or a string holding
  one); anything else never matches ("Amazon SNS message filtering": payload-based
  filtering assumes a well-formed JSON object);
- `exists: true` needs a non-null, non-empty value ("Key matching in Amazon SNS").
`engine.sns` re-exports `filter_policy_matches` as the contract's public name.
"""

from __future__ import annotations

import json
import math
import re

from engine.core.errors import Problem, join_path
from engine.matching._checks import SNS, check_document, is_or_group
from engine.matching.event_patterns import compiled

SCOPES = ("MessageAttributes", "MessageBody")
MAX_KEYS = 5
MAX_COMBINATIONS = 150
_INTEGER = re.compile(r"[+-]?\d+")


def filter_policy_matches(
    policy: dict,
    message_attributes: dict | None,
    body: dict | str | None,
    scope: str = "MessageAttributes",
) -> bool:
    """Whether a subscription with `policy` (and `scope`) accepts the message.

    An empty or absent policy accepts everything. Raises `ValueError` for an unknown
    scope and `DiagramError` for a policy whose shape cannot be evaluated.
    """
    if scope not in SCOPES:
        raise ValueError(f"FilterPolicyScope {scope!r} is not one of {', '.join(SCOPES)}")
    if not policy:
        return True
    if scope == "MessageAttributes":
        document = _attributes_as_object(message_attributes)
        if not document:
            return False
    else:
        document = _body_as_object(body)
    return compiled(policy, exists_needs_value=True).matches(document)


def _attributes_as_object(attributes: dict | None) -> dict:
    """SNS message attributes as the JSON object the policy is matched against."""
    document: dict = {}
    for name, attribute in (attributes or {}).items():
        if not isinstance(attribute, dict):
            continue
        kind = str(attribute.get("Type", attribute.get("DataType", "String")))
        raw = attribute.get("Value", attribute.get("StringValue"))
        if kind.startswith("Binary") or raw is None:
            continue  # "Filter policy constraints in Amazon SNS": only String and Number compared
        if kind.startswith(("String.Array", "Number.Array")):
            document[name] = _parse_array(raw)
        elif kind.startswith("Number"):
            document[name] = _parse_number(raw)
        else:
            document[name] = raw if isinstance(raw, str) else json.dumps(raw)
    return document


def _parse_number(raw: object) -> object:
    """A Number attribute's value as a number; text that is not a number stays text."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw
    text = str(raw).strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def _parse_array(raw: object) -> object:
    """A String.Array value: a JSON array in a string; anything else is kept as one text."""
    if isinstance(raw, list):
        return raw
    try:
        parsed = json.loads(raw)
    except (TypeError, ValueError):
        return str(raw)
    return parsed if isinstance(parsed, list) else str(raw)


def _body_as_object(body: dict | str | None) -> dict | None:
    if isinstance(body, dict):
        return body
    if not isinstance(body, str | bytes):
        return None
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def validate_filter_policy(policy: object, path: str, scope: str) -> list[Problem]:
    """Every problem that would make SNS reject `policy` for `scope`, with paths."""
    if scope not in SCOPES:
        return [
            Problem(
                path,
                "invalid_scope",
                f"FilterPolicyScope {scope!r} is not one of {', '.join(SCOPES)}.",
            )
        ]
    problems = check_document(policy, path, SNS)
    if not isinstance(policy, dict) or not policy:
        return problems
    if scope == "MessageAttributes":
        problems.extend(_nesting_problems(policy, path))
    problems.extend(_limit_problems(policy, path))
    return problems


def _nesting_problems(policy: dict, path: str) -> list[Problem]:
    """Attribute-scope policies are flat ("Filter policy constraints in Amazon SNS")."""
    problems = []
    for key, child in policy.items():
        child_path = join_path(path, str(key))
        if key == "$or" and is_or_group(child):
            for index, branch in enumerate(child):
                problems.extend(_nesting_problems(branch, join_path(child_path, index)))
        elif isinstance(child, dict):
            problems.append(
                Problem(
                    child_path,
                    "nested_policy",
                    f'"{key}" holds nested keys, which FilterPolicyScope MessageAttributes '
                    "does not allow; use arrays of values, or the MessageBody scope.",
                )
            )
    return problems


def _alternatives(node: dict, prefix: str = "") -> list[list[tuple[str, int]]]:
    """The policy with every `$or` expanded: per alternative, (leaf key, value count)."""
    alternatives: list[list[tuple[str, int]]] = [[]]
    for key, child in node.items():
        if key == "$or" and is_or_group(child):
            options = [alt for branch in child for alt in _alternatives(branch, prefix)]
        elif isinstance(child, dict):
            options = _alternatives(child, f"{prefix}{key}.")
        elif isinstance(child, list):
            options = [[(f"{prefix}{key}", len(child))]]
        else:
            continue
        alternatives = [done + option for done in alternatives for option in options]
    return alternatives


def _limit_problems(policy: dict, path: str) -> list[Problem]:
    """At most 5 leaf keys and 150 value combinations ("Filter policy constraints")."""
    alternatives = _alternatives(policy)
    problems = []
    widest = max(alternatives, key=len)
    if len(widest) > MAX_KEYS:
        names = ", ".join(key for key, _ in widest)
        problems.append(
            Problem(
                path,
                "too_many_keys",
                f"The filter policy matches on {len(widest)} keys ({names}); "
                f"SNS allows at most {MAX_KEYS}.",
            )
        )
    combinations = sum(math.prod(count for _, count in alt) for alt in alternatives)
    if combinations > MAX_COMBINATIONS:
        problems.append(
            Problem(
                path,
                "too_complex",
                f"The filter policy has {combinations} value combinations (the product of "
                f"its value-list lengths); SNS allows at most {MAX_COMBINATIONS}.",
            )
        )
    return problems
