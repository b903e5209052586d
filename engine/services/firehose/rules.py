"""Cross-node rules of Firehose streams ("CreateDeliveryStream"): one S3 destination, at
most one transform, and records from where the stream's type says."""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram
from engine.core.errors import Problem

TYPE = "firehose.deliverystream"
# What each stream type reads ("CreateDeliveryStream": DeliveryStreamType).
READS = {"KinesisStreamAsSource": "kinesis.stream", "MSKAsSource": "kafka.topic"}
NAMES = {"kinesis.stream": "Kinesis stream", "kafka.topic": "MSK topic"}


def delivery_streams(d: Diagram) -> Iterator[Problem]:
    for node in (n for n in d.nodes.values() if n.type == TYPE):
        deliveries = d.edges_from(node.id, "delivery")
        if not deliveries:
            yield Problem(
                node.path,
                "required",
                f"'{node.id}' has no destination: draw a delivery edge to an S3 bucket",
            )
        for edge in deliveries[1:]:
            yield Problem(edge.path, "too_many", f"'{node.id}' delivers to one bucket only")
        for edge in d.edges_from(node.id, "transform")[1:]:
            yield Problem(edge.path, "too_many", f"'{node.id}' has one transform function")
        readers = d.edges_to(node.id, "event-source")
        writers = d.edges_to(node.id, "publish") + d.edges_to(node.id, "target")
        kind = node.props["DeliveryStreamType"]
        if kind in READS:
            what = NAMES[READS[kind]]
            if len(readers) != 1:
                yield Problem(
                    node.path + ".props.DeliveryStreamType",
                    "required" if not readers else "too_many",
                    f"a {kind} stream reads exactly one {what} "
                    f"('{node.id}' has {len(readers)} event-source edges)",
                )
            for edge in writers:
                yield Problem(
                    edge.path,
                    "not_applicable",
                    f"'{node.id}' reads a {what}: Direct PUT is refused "
                    "(set DeliveryStreamType to DirectPut)",
                )
        for edge in readers:
            source = d.nodes[edge.source].type
            wanted = next(k for k, v in READS.items() if v == source)
            if kind != wanted:
                yield Problem(
                    edge.path,
                    "not_applicable",
                    f"'{node.id}' is {kind}: set DeliveryStreamType to {wanted} to read a "
                    f"{NAMES[source]}",
                )
            given = edge.set_props()
            for key in given:
                yield Problem(
                    f"{edge.path}.props.{key}",
                    "not_applicable",
                    "Firehose reads its source stream by itself: mapping settings do not apply",
                )


RULES = (delivery_streams,)
