"""Kinesis video streams, out to a template and back.

A stream exports as `AWS::KinesisVideo::Stream` with the props the user set; the stream's
fragment size and bitrate are simulation fields (kept in the metadata), and its GetMedia
readers are workers, which are not AWS resources. Streams import with their plain props.
"""

from __future__ import annotations

from troposphere import GetAtt, kinesisvideo

from engine.core.diagram import Node

from ..context import ExportContext


def export_video_stream(ctx: ExportContext, node: Node) -> None:
    props = ctx.user_props(node)
    ctx.add(kinesisvideo.Stream.from_dict(ctx.lid(node.id), props))
    ctx.output(node, "Arn", GetAtt(ctx.lid(node.id), "Arn"), f"ARN of the video stream '{node.id}'")
