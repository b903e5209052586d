"""What SQS and SNS accept as message attributes, checked on a producer's `attributes`:
names of up to 256 characters. How many depends on the target ("Amazon SQS message
attributes": at most 10 per message sent to a queue; SNS takes more): see `rules.py`."""

from __future__ import annotations

import re
from typing import Any

from engine.core.errors import Problem, join_path
from engine.runtime.templates import check_template

ATTRIBUTE_NAME = re.compile(
    r"^(?!\.)(?!.*\.\.)(?!(?i:aws\.|amazon\.))[A-Za-z0-9_.-]{1,256}(?<!\.)$"
)
MAX_SQS_ATTRIBUTES = 10


def check_attributes(value: Any, path: str) -> list[Problem]:
    if not isinstance(value, dict):
        example = '{"store": "example_corp", "price": "{{int 1 500}}"}'
        return [Problem(path, "invalid_type", f"must be an object: {example}")]
    problems = []
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
