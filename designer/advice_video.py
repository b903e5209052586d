"""Design advice about Kinesis video streams: a GetMedia reader slower than the camera.
Listed in `designer.advice.RULES`."""

from __future__ import annotations

from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram
from engine.runtime.distributions import mean_ms


def video_reader_falls_behind(d: Diagram) -> Iterator[Advice]:
    """A GetMedia reader that takes longer over its fragments than the camera takes to
    record them falls further behind live every minute (GetMedia.MillisBehindNow grows,
    "Kinesis Video Streams metrics"), until retention takes what it has not read."""
    for stream in (n for n in d.nodes.values() if n.type == "kinesisvideo.stream"):
        cameras = [d.nodes[e.source] for e in d.edges_to(stream.id, "publish")]
        rate = sum(c.sim["rate"] for c in cameras if c.type == "producer")
        if not rate:
            continue
        for edge in d.edges_from(stream.id, "event-source"):
            reader = d.nodes[edge.target]
            if reader.type != "worker":
                continue
            seconds = mean_ms(reader.sim["duration"]) / 1000.0
            capacity = reader.sim["batchSize"] / seconds if seconds else float("inf")
            if capacity >= rate:
                continue
            yield Advice(
                reader.path + ".sim.duration",
                "video_reader_behind",
                f"'{reader.id}' reads at most {capacity:.2g} fragments a second "
                f"({reader.sim['batchSize']} per {seconds:g} s) while '{stream.id}' takes "
                f"{rate:.2g}: it falls further behind live the longer the stream runs",
                "Make each fragment's work shorter, read more fragments at a time "
                "(batchSize), or let a faster reader sample the stream",
            )
