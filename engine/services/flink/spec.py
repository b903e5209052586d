"""The `flink.application` node type: an application of Amazon Managed Service for Apache
Flink (formerly Kinesis Data Analytics) that keys a stream's records, aggregates them over
processing-time windows and emits one result per key per window. Props are
`AWS::KinesisAnalyticsV2::Application`'s; what the application's code does (its window, key
and aggregate, and how fast it can go) is simulation-only."""

from __future__ import annotations

from typing import Any

from engine.core.errors import Problem
from engine.core.shapes import check_shape, number, obj, one_of, string
from engine.core.spec import FieldSpec, NodeSpec

WINDOW_TYPES = ("tumbling", "sliding", "session")
# What a Flink source edge may set: where a new application starts reading
# (flink.stream.initpos) and the records of one GetRecords call.
SOURCE_PROPS = ("StartingPosition", "BatchSize")
AGGREGATES = ("count", "sum", "avg", "min", "max")
# "Managed Service for Apache Flink": the Flink versions an application can run now.
RUNTIMES = ("FLINK-1_20", "FLINK-1_19", "FLINK-1_18", "FLINK-1_15")
MAX_WINDOW_S = 86_400
PATH = r"[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*"

WINDOW = obj(
    '{"type": "tumbling", "size": 60}',
    required=("type",),
    type=one_of(*WINDOW_TYPES),
    size=number(above=0),
    slide=number(above=0),
    gap=number(above=0),
)
AGGREGATE = obj(
    '{"op": "sum", "field": "amount"}',
    required=("op",),
    op=one_of(*AGGREGATES),
    field=string("a dotted path into the payload, e.g. order.amount"),
)
# What each window type needs and takes ("Windows" of Apache Flink's DataStream API).
WINDOW_FIELDS = {"tumbling": ("size",), "sliding": ("size", "slide"), "session": ("gap",)}


def check_window(value: Any, path: str) -> list[Problem]:
    problems = check_shape(WINDOW, value, path)
    if problems:
        return problems
    kind = value["type"]
    wanted = WINDOW_FIELDS[kind]
    for key in wanted:
        if key not in value:
            problems.append(
                Problem(f"{path}.{key}", "required", f"a {kind} window needs its {key} (seconds)")
            )
    for key in set(value) - {"type", *wanted}:
        problems.append(
            Problem(f"{path}.{key}", "not_applicable", f"a {kind} window takes no {key}")
        )
    for key in wanted:
        if key in value and value[key] > MAX_WINDOW_S:
            problems.append(
                Problem(f"{path}.{key}", "out_of_range", f"at most {MAX_WINDOW_S} s (a day)")
            )
    if kind == "sliding" and not problems and value["slide"] > value["size"]:
        problems.append(
            Problem(
                f"{path}.slide",
                "out_of_range",
                f"a slide of {value['slide']:g} s is longer than the window's size "
                f"({value['size']:g} s): records between windows would be lost",
            )
        )
    return problems


def check_aggregate(value: Any, path: str) -> list[Problem]:
    problems = check_shape(AGGREGATE, value, path)
    if not problems and value["op"] != "count" and not value.get("field"):
        problems.append(
            Problem(f"{path}.field", "required", f"{value['op']} needs the field it aggregates")
        )
    return problems


SPEC = NodeSpec(
    type="flink.application",
    metrics=("numRecordsIn", "numRecordsOut", "millisBehindLatest", "KPUs"),
    group="Streaming",
    name_prop="ApplicationName",
    arn_format="arn:aws:kinesisanalytics:{region}:{account}:application/{name}",
    metric_namespace="AWS/KinesisAnalytics",
    metric_dimension="Application",
    counters=(
        ("numRecordsIn", "in"),
        ("numRecordsOut", "out"),
        ("millisBehindLatest", "behind ms"),
    ),
    label="Flink application",
    description="Managed Service for Apache Flink: keys a stream's records, aggregates them "
    "over tumbling, sliding or session windows, and emits one result per key per window.",
    cfn_type="AWS::KinesisAnalyticsV2::Application",
    props=(
        FieldSpec(
            "ApplicationName",
            "string",
            None,
            pattern=r"[A-Za-z0-9_.-]{1,128}",
            help="Letters, digits, underscores, hyphens and periods.",
        ),
        FieldSpec(
            "RuntimeEnvironment",
            "enum",
            RUNTIMES[0],
            choices=RUNTIMES,
            help="The Apache Flink version the application runs.",
        ),
    ),
    sim=(
        FieldSpec(
            "window",
            "json",
            {"type": "tumbling", "size": 60},
            check="flink_window",
            help='Processing-time windows: {"type": "tumbling", "size": s}, '
            '{"type": "sliding", "size": s, "slide": s} or {"type": "session", "gap": s}.',
        ),
        FieldSpec(
            "keyBy",
            "string",
            None,
            pattern=PATH,
            help="A dotted path into the payload whose value keys the records (none: one "
            "window for all records).",
        ),
        FieldSpec(
            "aggregate",
            "json",
            {"op": "count"},
            check="flink_aggregate",
            help='What each window emits per key: {"op": "count"}, or sum, avg, min or max '
            'of a {"field": "dotted.path"}.',
        ),
        FieldSpec(
            "parallelism",
            "int",
            1,
            minimum=1,
            maximum=1000,
            help="Parallel tasks (one KPU each here): the application's throughput is "
            "parallelism × recordsPerSecond.",
        ),
        FieldSpec(
            "recordsPerSecond",
            "int",
            1000,
            minimum=1,
            maximum=1_000_000,
            help="Records one parallel task processes a second.",
        ),
    ),
)
