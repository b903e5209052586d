"""Cross-node rules of Kinesis video streams: one PutMedia connection in, at most three
GetMedia readers out, and fragments within the service's size limit ("Kinesis Video
Streams service quotas")."""

from __future__ import annotations

from collections.abc import Iterator

from engine.core.diagram import Diagram
from engine.core.errors import Problem
from engine.services.kinesisvideo.stream import (
    MAX_FRAGMENT_BYTES,
    MAX_GETMEDIA_CONNECTIONS,
    fragment_bytes,
)

TYPE = "kinesisvideo.stream"


def video_streams(d: Diagram) -> Iterator[Problem]:
    for node in (n for n in d.nodes.values() if n.type == TYPE):
        size = fragment_bytes(node.sim)
        if size > MAX_FRAGMENT_BYTES:
            yield Problem(
                node.path + ".sim.bitrateKbps",
                "out_of_range",
                f"a fragment of {node.sim['fragmentSeconds']:g} s at "
                f"{node.sim['bitrateKbps']:g} kbps holds {size / 1e6:.1f} MB; PutMedia "
                "refuses fragments over 50 MB (MAX_FRAGMENT_SIZE)",
            )
        writers = d.edges_to(node.id, "publish")
        for edge in writers[1:]:
            yield Problem(
                edge.path,
                "connection_limit",
                f"'{node.id}' already takes media from '{writers[0].source}': a stream has "
                "one PutMedia connection at a time (a second one replaces the first)",
            )
        readers = d.edges_from(node.id, "event-source")
        for edge in readers:  # workers only: the edge table's `only`
            given = edge.set_props()
            for key in given:
                yield Problem(
                    f"{edge.path}.props.{key}",
                    "not_applicable",
                    "a GetMedia reader has no event source mapping settings",
                )
            worker = d.nodes[edge.target]
            if worker.type == "worker" and worker.sim["pollers"] != 1:
                yield Problem(
                    worker.path + ".sim.pollers",
                    "not_applicable",
                    f"'{worker.id}' reads video stream '{node.id}' over one GetMedia "
                    "connection, in order: set pollers to 1 (add workers for more readers)",
                )
        for edge in readers[MAX_GETMEDIA_CONNECTIONS:]:
            yield Problem(
                edge.path,
                "connection_limit",
                f"'{node.id}' serves at most {MAX_GETMEDIA_CONNECTIONS} GetMedia connections "
                "at once; further ones are refused",
            )


RULES = (video_streams,)
