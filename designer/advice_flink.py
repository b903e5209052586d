"""Design advice about Flink applications: one slower than its input, one that reads or
writes nothing. Listed in `designer.advice.RULES`."""

from __future__ import annotations

import math
from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram


def flink_falls_behind(d: Diagram) -> Iterator[Advice]:
    """An application whose tasks process fewer records a second than its sources take
    falls further behind (millisBehindLatest grows, "Metrics and dimensions in Managed
    Service for Apache Flink") until it scales out or the records expire."""
    for app in (n for n in d.nodes.values() if n.type == "flink.application"):
        sources = [d.nodes[e.source] for e in d.edges_to(app.id, "event-source")]
        rate = sum(
            d.nodes[e.source].sim["rate"]
            for source in sources
            for e in d.edges_to(source.id, "publish")
            if d.nodes[e.source].type == "producer" and d.nodes[e.source].sim["arrival"] != "burst"
        )
        capacity = app.sim["parallelism"] * app.sim["recordsPerSecond"]
        if rate <= capacity:
            continue
        needed = math.ceil(rate / app.sim["recordsPerSecond"])
        yield Advice(
            app.path + ".sim.parallelism",
            "flink_behind",
            f"'{app.id}' processes at most {capacity:,} records a second "
            f"({app.sim['parallelism']} × {app.sim['recordsPerSecond']:,}) while its sources "
            f"take about {rate:,.0f}: it falls further behind while they do",
            f"Raise the parallelism of '{app.id}' to at least {needed}.",
        )


def flink_unwired(d: Diagram) -> Iterator[Advice]:
    """An application with no source has nothing to read; one with no sink computes
    results no one gets."""
    for app in (n for n in d.nodes.values() if n.type == "flink.application"):
        if not d.edges_to(app.id, "event-source"):
            yield Advice(
                app.path,
                "flink_without_source",
                f"'{app.id}' reads nothing: it has no source",
                f"Add an event-source edge from a Kinesis stream or Kafka topic to '{app.id}'.",
            )
        elif not d.edges_from(app.id, "publish"):
            yield Advice(
                app.path,
                "flink_without_sink",
                f"'{app.id}' has no sink: its window results go nowhere",
                f"Add a publish edge from '{app.id}' to a stream, a topic, Firehose or a function.",
            )


RULES = (flink_falls_behind, flink_unwired)
