"""Named checks for JSON-valued fields (a spec's `check`): filter policies, patterns, shapes.

Each check takes the value and its path and returns problems; the registry's specs name
them, so the catalogue can tell the browser which editor and checker a field needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from engine.core.errors import Problem, join_path
from engine.core.values import is_int
from engine.runtime.templates import check_template
from engine.services.eventbridge.input import check_input_transformer
from engine.services.eventbridge.schedule import check_schedule_expression
from engine.services.eventbridge.targets import check_retry_policy, check_target_dead_letter
from engine.services.s3.config import check_bucket_name, check_s3_filter

ATTRIBUTE_NAME = re.compile(
    r"^(?!\.)(?!.*\.\.)(?!(?i:aws\.|amazon\.))[A-Za-z0-9_.-]{1,256}(?<!\.)$"
)
MAX_ATTRIBUTES = 10
MAX_ESM_FILTERS = 10


def _object(value: Any, path: str, shape: str) -> list[Problem]:
    if isinstance(value, dict):
        return []
    return [Problem(path, "invalid_type", f"must be an object: {shape}")]


def _only_keys(value: dict, allowed: tuple[str, ...], path: str) -> list[Problem]:
    return [
        Problem(
            join_path(path, k),
            "unknown_field",
            f"'{k}' is not allowed here; allowed: {', '.join(allowed)}",
        )
        for k in value
        if k not in allowed
    ]


def check_filter_policy_shape(value: Any, path: str) -> list[Problem]:
    # The full check needs the subscription's FilterPolicyScope: see engine.rules.
    return _object(value, path, 'e.g. {"store": ["example_corp"]}')


def check_event_pattern(value: Any, path: str) -> list[Problem]:
    from engine.matching.event_patterns import validate_pattern

    return validate_pattern(value, path)


def check_subscription_redrive(value: Any, path: str) -> list[Problem]:
    problems = _object(value, path, '{"deadLetterTargetArn": "<queue node id>"}')
    if problems:
        return problems
    problems = _only_keys(value, ("deadLetterTargetArn",), path)
    if not isinstance(value.get("deadLetterTargetArn"), str):
        problems.append(
            Problem(
                join_path(path, "deadLetterTargetArn"),
                "required",
                "deadLetterTargetArn must name a queue node",
            )
        )
    return problems


def check_scaling_config(value: Any, path: str) -> list[Problem]:
    problems = _object(value, path, '{"MaximumConcurrency": 2..1000}')
    if problems:
        return problems
    problems = _only_keys(value, ("MaximumConcurrency",), path)
    cap = value.get("MaximumConcurrency")
    if cap is not None and (not is_int(cap) or not 2 <= cap <= 1000):
        problems.append(
            Problem(
                join_path(path, "MaximumConcurrency"), "out_of_range", f"{cap!r} is not in 2..1000"
            )
        )
    return problems


def check_filter_criteria(value: Any, path: str) -> list[Problem]:
    from engine.matching.event_patterns import validate_pattern

    problems = _object(value, path, '{"Filters": [{"Pattern": {...}}]}')
    if problems:
        return problems
    problems = _only_keys(value, ("Filters",), path)
    filters = value.get("Filters")
    if not isinstance(filters, list) or not 1 <= len(filters) <= MAX_ESM_FILTERS:
        return problems + [
            Problem(
                join_path(path, "Filters"),
                "invalid_value",
                f"Filters must be a list of 1..{MAX_ESM_FILTERS} filters",
            )
        ]
    for i, item in enumerate(filters):
        item_path = join_path(join_path(path, "Filters"), i)
        pattern = item.get("Pattern") if isinstance(item, dict) else None
        if isinstance(pattern, str):
            try:
                pattern = json.loads(pattern)
            except ValueError:
                problems.append(
                    Problem(
                        join_path(item_path, "Pattern"),
                        "invalid_json",
                        "Pattern is a string but not valid JSON",
                    )
                )
                continue
        problems.extend(validate_pattern(pattern, join_path(item_path, "Pattern")))
    return problems


def check_esm_destination(value: Any, path: str) -> list[Problem]:
    problems = _object(value, path, '{"OnFailure": {"Destination": "<node id>"}}')
    if problems:
        return problems
    problems = _only_keys(value, ("OnFailure",), path)
    on_failure = value.get("OnFailure")
    if not isinstance(on_failure, dict) or not isinstance(on_failure.get("Destination"), str):
        problems.append(
            Problem(
                join_path(path, "OnFailure"),
                "invalid_value",
                'OnFailure must be {"Destination": "<node id>"}',
            )
        )
    return problems


def check_burst(value: Any, path: str) -> list[Problem]:
    problems = _object(value, path, '{"size": 500, "every": 10}')
    if problems:
        return problems
    problems = _only_keys(value, ("size", "every"), path)
    size, every = value.get("size"), value.get("every")
    if not is_int(size) or not 1 <= size <= 1_000_000:
        problems.append(
            Problem(
                join_path(path, "size"),
                "out_of_range",
                f"{size!r} is not a whole number in 1..1000000",
            )
        )
    if not isinstance(every, int | float) or isinstance(every, bool) or every <= 0:
        problems.append(
            Problem(
                join_path(path, "every"),
                "out_of_range",
                f"{every!r} is not a number of seconds > 0",
            )
        )
    return problems


def check_attributes(value: Any, path: str) -> list[Problem]:
    problems = _object(value, path, '{"store": "example_corp", "price": "{{int 1 500}}"}')
    if problems:
        return problems
    if len(value) > MAX_ATTRIBUTES:
        problems.append(
            Problem(
                path,
                "too_many",
                f"{len(value)} attributes; SQS and SNS allow at most {MAX_ATTRIBUTES}",
            )
        )
    for name, template in value.items():
        item_path = join_path(path, name)
        if not ATTRIBUTE_NAME.match(name):
            problems.append(
                Problem(
                    item_path,
                    "invalid_name",
                    f"'{name}' is not an attribute name: up to 256 of A-Z a-z 0-9 "
                    "_ - ., no leading, trailing or double period, not AWS./Amazon.",
                )
            )
        if isinstance(template, dict) or template is None or isinstance(template, bool):
            problems.append(
                Problem(
                    item_path,
                    "invalid_type",
                    "an attribute is a string, a number or a list of strings",
                )
            )
        else:
            problems.extend(check_template(template, item_path))
    return problems


def check_stream_mode(value: Any, path: str) -> list[Problem]:
    problems = _object(value, path, '{"StreamMode": "PROVISIONED"} or {"StreamMode": "ON_DEMAND"}')
    if problems:
        return problems
    problems = _only_keys(value, ("StreamMode",), path)
    if value.get("StreamMode") not in ("PROVISIONED", "ON_DEMAND"):
        problems.append(
            Problem(
                join_path(path, "StreamMode"),
                "invalid_choice",
                f"{value.get('StreamMode')!r} is not PROVISIONED or ON_DEMAND",
            )
        )
    return problems


def check_key_schema(value: Any, path: str) -> list[Problem]:
    shape = '[{"AttributeName": "id", "KeyType": "HASH"}]'
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        return [Problem(path, "invalid_value", f"must be a list of one or two keys: {shape}")]
    problems = []
    for i, key in enumerate(value):
        item = join_path(path, i)
        want = "HASH" if i == 0 else "RANGE"
        if (
            not isinstance(key, dict)
            or not isinstance(key.get("AttributeName"), str)
            or key.get("KeyType") != want
        ):
            problems.append(
                Problem(
                    item,
                    "invalid_value",
                    f'key {i + 1} must be {{"AttributeName": ..., "KeyType": "{want}"}}',
                )
            )
    return problems


def check_stream_specification(value: Any, path: str) -> list[Problem]:
    views = ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")
    problems = _object(value, path, '{"StreamViewType": "NEW_AND_OLD_IMAGES"}')
    if problems:
        return problems
    problems = _only_keys(value, ("StreamViewType",), path)
    if value.get("StreamViewType") not in views:
        problems.append(
            Problem(
                join_path(path, "StreamViewType"),
                "invalid_choice",
                f"{value.get('StreamViewType')!r} is not one of {', '.join(views)}",
            )
        )
    return problems


CHECKS: dict[str, Callable[[Any, str], list[Problem]]] = {
    "filter_policy": check_filter_policy_shape,
    "event_pattern": check_event_pattern,
    "subscription_redrive": check_subscription_redrive,
    "scaling_config": check_scaling_config,
    "filter_criteria": check_filter_criteria,
    "esm_destination": check_esm_destination,
    "burst": check_burst,
    "attributes": check_attributes,
    "template": check_template,
    "stream_mode": check_stream_mode,
    "key_schema": check_key_schema,
    "stream_specification": check_stream_specification,
    "s3_filter": check_s3_filter,
    "bucket_name": check_bucket_name,
    "schedule_expression": check_schedule_expression,
    "input_transformer": check_input_transformer,
    "retry_policy": check_retry_policy,
    "target_dead_letter": check_target_dead_letter,
}


def run_check(name: str, value: Any, path: str) -> list[Problem]:
    return CHECKS[name](value, path)
