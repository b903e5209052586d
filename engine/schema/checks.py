"""Named checks for JSON-valued fields (a spec's `check`), composed from the services.

Most JSON props only need a shape (an object with these keys, a number in these bounds):
each service declares those as data (`engine.core.shapes`) and `SHAPES` names them here.
Props that need more (patterns, templates, schedules) have a check function of their own in
their service. The catalogue passes each field's check name on, so the browser can tell
which editor a field needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.core.errors import Problem
from engine.core.shapes import Shape, check_shape
from engine.matching.event_patterns import validate_pattern
from engine.polling.filters import check_filter_criteria
from engine.runtime.templates import check_template
from engine.services.awslambda.rules import ESM_DESTINATION, FUNCTION_DEAD_LETTER, SCALING_CONFIG
from engine.services.dynamodb.table import KEY_SCHEMA, STREAM_SPECIFICATION
from engine.services.eventbridge.archive import check_archives, check_replays
from engine.services.eventbridge.input import check_input_transformer
from engine.services.eventbridge.schedule import check_schedule_expression
from engine.services.eventbridge.targets import (
    check_retry_policy,
    check_sqs_parameters,
    check_target_dead_letter,
)
from engine.services.firehose.spec import BUFFERING_HINTS
from engine.services.flink.spec import check_aggregate, check_window
from engine.services.kinesis.stream import STREAM_MODE
from engine.services.pipes.spec import (
    check_enrichment_parameters,
    check_source_parameters,
    check_target_parameters,
)
from engine.services.producer.attributes import check_attributes
from engine.services.producer.producer import BURST
from engine.services.s3.config import check_bucket_name, check_s3_filter
from engine.services.sns.delivery_logs import check_delivery_status_logging
from engine.services.sns.rules import FILTER_POLICY, SUBSCRIPTION_REDRIVE
from engine.services.stepfunctions.spec import check_definition
from engine.services.worker.worker import POLLER_CHANGES

SHAPES: dict[str, Shape] = {
    "filter_policy": FILTER_POLICY,
    "subscription_redrive": SUBSCRIPTION_REDRIVE,
    "scaling_config": SCALING_CONFIG,
    "esm_destination": ESM_DESTINATION,
    "function_dead_letter": FUNCTION_DEAD_LETTER,
    "burst": BURST,
    "stream_mode": STREAM_MODE,
    "buffering_hints": BUFFERING_HINTS,
    "key_schema": KEY_SCHEMA,
    "stream_specification": STREAM_SPECIFICATION,
    "poller_changes": POLLER_CHANGES,
}

CHECKS: dict[str, Callable[[Any, str], list[Problem]]] = {
    "event_pattern": validate_pattern,
    "filter_criteria": check_filter_criteria,
    "attributes": check_attributes,
    "template": check_template,
    "s3_filter": check_s3_filter,
    "bucket_name": check_bucket_name,
    "schedule_expression": check_schedule_expression,
    "input_transformer": check_input_transformer,
    "retry_policy": check_retry_policy,
    "target_dead_letter": check_target_dead_letter,
    "target_sqs_parameters": check_sqs_parameters,
    "pipe_source_parameters": check_source_parameters,
    "pipe_target_parameters": check_target_parameters,
    "pipe_enrichment_parameters": check_enrichment_parameters,
    "delivery_status_logging": check_delivery_status_logging,
    "states_definition": check_definition,
    "bus_archives": check_archives,
    "bus_replays": check_replays,
    "flink_window": check_window,
    "flink_aggregate": check_aggregate,
}


def run_check(name: str, value: Any, path: str) -> list[Problem]:
    shape = SHAPES.get(name)
    return check_shape(shape, value, path) if shape is not None else CHECKS[name](value, path)
