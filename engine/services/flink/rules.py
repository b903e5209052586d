"""Cross-node rules of Flink applications: what a source connector takes."""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram
from engine.core.errors import Problem
from engine.services.flink.spec import SOURCE_PROPS


def sources(d: Diagram) -> Iterator[Problem]:
    for edge in (e for e in d.edges if e.kind == "event-source"):
        if d.nodes[edge.target].type != "flink.application":
            continue
        for key in sorted(edge.given - set(SOURCE_PROPS)):
            yield Problem(
                f"{edge.path}.props.{key}",
                "not_applicable",
                f"{key} is a Lambda mapping's; a Flink source takes StartingPosition and BatchSize",
            )
        if edge.props["StartingPosition"] == "AT_TIMESTAMP":
            yield Problem(
                f"{edge.path}.props.StartingPosition",
                "not_supported",
                "AT_TIMESTAMP is not simulated; use TRIM_HORIZON or LATEST",
            )


RULES = (sources,)
