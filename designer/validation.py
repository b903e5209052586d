"""Checking a diagram document: the engine's verdict, the design advice, and the text rules
the database and the JSON responses need.

`load_diagram` decides what a valid document is; this module only adds what the web layer
needs before and around it: strings must be storable and renderable text, and an engine
crash on odd input must become a problem rather than a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from designer.advice import advise
from engine import DiagramError, load_diagram
from engine.core.diagram import Diagram as LoadedDiagram
from engine.core.errors import Problem, join_path

logger = logging.getLogger(__name__)


def text_problem(text: str) -> str | None:
    """Why a string cannot be stored and sent back as JSON text, or None if it can."""
    if "\x00" in text:
        return "contains a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (it holds a lone surrogate)"
    return None


def text_problems(value: Any) -> list[Problem]:
    """Every string (value or key) in a JSON value that is not storable text, with its path.

    A bad key is reported at its object's path, and no message repeats the bad text: it
    could not be rendered either.
    """
    problems = []
    stack = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str) and (why := text_problem(item)):
            problems.append(Problem(path, "invalid_text", f"this string {why}"))
        elif isinstance(item, dict):
            for key, child in item.items():
                if why := text_problem(key):
                    problems.append(Problem(path, "invalid_text", f"an object key {why}"))
                else:
                    stack.append((join_path(path, key), child))
        elif isinstance(item, list):
            stack.extend((join_path(path, i), child) for i, child in enumerate(item))
    return sorted(problems, key=lambda problem: problem.path)


def check_document(document: Any) -> tuple[LoadedDiagram | None, list[Problem]]:
    """The loaded diagram, or every problem of the document.

    The engine is the boundary to untrusted input; an exception other than `DiagramError`
    is a bug in it (it is logged), and must become a problem, not a 500 or an unchecked
    document in the database.
    """
    problems = text_problems(document)
    if problems:
        return None, problems
    try:
        return load_diagram(document), []
    except DiagramError as error:
        return None, error.problems
    except Exception as error:  # noqa: BLE001 - see the docstring
        logger.exception("the engine failed while checking a document")
        return None, [
            Problem(
                "",
                "engine_error",
                f"the document could not be checked ({type(error).__name__}); it looks "
                "malformed, so it was not accepted",
            )
        ]


# What each curated example is about: the advice it exists to show, and the sentence that
# says so. An example shows no other advice: its other simplifications (a short retention,
# no subscription DLQ) are not what it teaches, and a wall of warnings would hide its point.
EXAMPLE_SUBJECTS: dict[str, dict[str, str]] = {
    "flink-clickstream-windows": {
        "flink_behind": "This example shows an application falling behind, as this advice says",
    },
    "amazon-mq-legacy-jms": {
        "shared_dead_letter_queue": "This example shows poison messages reaching the shared "
        "ActiveMQ.DLQ, as this advice says",
        "mq_batch_fails_whole": "This example shows good orders redelivered and dead-lettered "
        "with a bad one, as this advice says",
    },
    "rabbitmq-topic-routing": {
        "poison_message_loop": "This example shows a poison message requeued for ever, as "
        "this advice says",
        "mq_batch_fails_whole": "This example shows good orders redelivered and dead-lettered "
        "with a bad one, as this advice says",
    },
    "idempotent-consumer": {
        "no_idempotency_store": "This example shows what this advice prevents",
    },
    "kinesis-video-doorbell": {
        "video_reader_behind": "This example shows a reader falling behind, as this advice says",
    },
    "lambda-throttling-burst": {
        "visibility_timeout_short": "This example shows what this advice prevents",
        "max_receive_count_low": "This example shows throttled, healthy messages reaching the "
        "DLQ, which this advice prevents",
    },
}


def validation_report(document: Any, *, example: str | None = None) -> dict[str, Any]:
    """`{"valid", "errors", "warnings"}`: the engine's problems and, for a valid document,
    the design advice. Paths are contract paths within the document. For the curated
    example `example` (its slug), only the advice the example is about, saying so."""
    diagram, problems = check_document(document)
    warnings = [advice.as_dict() for advice in advise(diagram)] if diagram is not None else []
    if example is not None:
        subjects = EXAMPLE_SUBJECTS.get(example, {})
        warnings = [
            {**warning, "message": f"{subjects[warning['code']]}: {warning['message']}"}
            for warning in warnings
            if warning["code"] in subjects
        ]
    return {
        "valid": diagram is not None,
        "errors": [problem.as_dict() for problem in problems],
        "warnings": warnings,
    }
