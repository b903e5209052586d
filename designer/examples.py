"""Loading the shipped example diagrams into the database (contract section 3).

One `is_example` diagram per `engine/examples/<slug>.json`, keyed by the slug: created when
new, updated (next revision) when its file changed, deleted when its file is gone. Examples
are owned by nobody and read-only, so this is the only code that writes them. A file that
is not a valid diagram is an error in the product: it raises instead of being skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from designer import course
from designer.models import NAME_MAX_LENGTH, Diagram
from designer.validation import check_document

# The order a newcomer should open the examples in, and how much each assumes (1: start
# here, 2: after the basics, 3: streams and their failure handling). An example missing
# here is listed last, at level 2.
EXAMPLE_PATH: tuple[tuple[str, int], ...] = (
    ("order-queue-dlq", 1),
    ("sns-fanout-filters", 1),
    ("s3-image-upload", 1),
    ("queue-depth-alarm", 2),
    ("lambda-throttling-burst", 2),
    ("fifo-groups-poison", 2),
    ("eventbridge-order-routing", 2),
    ("dynamodb-stream-audit", 2),
    ("kinesis-clickstream", 3),
    ("kinesis-poison-bisect", 3),
    ("pipes-order-enrichment", 3),
    ("idempotent-consumer", 2),
    ("sns-delivery-status", 2),
    ("kinesis-tumbling-window", 3),
    ("kinesis-video-doorbell", 3),
    ("firehose-clickstream-to-s3", 2),
    ("step-functions-order-workflow", 2),
    ("eventbridge-archive-replay", 2),
    ("saas-partner-events", 2),
    ("schema-discovery", 2),
    ("kinesis-vs-msk", 3),
    ("amazon-mq-legacy-jms", 2),
    ("rabbitmq-topic-routing", 3),
    ("flink-clickstream-windows", 3),
)
LEVEL_NAMES = {1: "beginner", 2: "intermediate", 3: "advanced"}
# The example slug of a lesson's diagram: `lesson:<slug>`.
LESSON_PREFIX = "lesson:"


def example_guide(slug: str) -> dict[str, int | str]:
    """`{"order", "level", "level_name"}` of an example: where it sits in the suggested path."""
    for order, (known, level) in enumerate(EXAMPLE_PATH, start=1):
        if known == slug:
            return {"order": order, "level": level, "level_name": LEVEL_NAMES[level]}
    return {"order": len(EXAMPLE_PATH) + 1, "level": 2, "level_name": LEVEL_NAMES[2]}


class ExampleError(ValueError):
    """An example file that is not a diagram document the app can load."""


@dataclass
class SyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def examples_dir() -> Traversable:
    """The folder of example documents inside the installed `engine` package."""
    return files("engine") / "examples"


def read_example(item: Traversable | Path) -> tuple[str, dict]:
    """(name, document) of one example file; raises `ExampleError` naming every problem."""
    try:
        document = json.loads(item.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as error:  # bad JSON or not UTF-8
        raise ExampleError(f"{item.name}: not a JSON document ({error})") from error
    _, problems = check_document(document)
    if problems:
        lines = "; ".join(str(problem) for problem in problems)
        raise ExampleError(f"{item.name}: not a valid diagram: {lines}")
    name = document.get("name") or item.name.removesuffix(".json")
    return name[:NAME_MAX_LENGTH], document


def sync_examples(folder: Traversable | Path | None = None) -> SyncResult:
    """Make the example diagrams in the database match the files in `folder`
    (default: `engine/examples/`). All or nothing: a bad file changes nothing."""
    folder = examples_dir() if folder is None else folder
    entries = sorted(
        (item for item in folder.iterdir() if item.name.endswith(".json") and item.is_file()),
        key=lambda item: item.name,
    )
    wanted = {item.name.removesuffix(".json"): read_example(item) for item in entries}
    return _sync(wanted, lessons=False)


def sync_lessons() -> SyncResult:
    """Make the lessons' diagrams (`lesson:<slug>`: read-only examples the gallery does not
    list) match the lessons (`designer.course`). A broken lesson changes nothing."""
    try:
        lessons = course.all_lessons()
    except course.LessonError as error:
        raise ExampleError(str(error)) from error
    wanted = {
        LESSON_PREFIX + slug: (item.title[:NAME_MAX_LENGTH], item.document)
        for slug, item in lessons.items()
    }
    return _sync(wanted, lessons=True)


def _sync(wanted: dict[str, tuple[str, dict]], *, lessons: bool) -> SyncResult:
    """The examples (or the lessons' diagrams) in the database made `wanted`."""
    mine = Q(example_slug__startswith=LESSON_PREFIX)
    result = SyncResult()
    with transaction.atomic():
        rows = Diagram.objects.filter(is_example=True).filter(mine if lessons else ~mine)
        stored = {d.example_slug: d for d in rows}
        for slug, (name, document) in wanted.items():
            diagram = stored.pop(slug, None)
            if diagram is None:
                Diagram.objects.create(
                    is_example=True, example_slug=slug, name=name, document=document
                )
                result.created.append(slug)
            elif (diagram.name, diagram.document) != (name, document):
                diagram.name, diagram.document = name, document
                diagram.revision += 1
                diagram.save()
                result.updated.append(slug)
        for slug, diagram in stored.items():
            diagram.delete()
            result.deleted.append(slug)
    return result
