"""Amazon Kinesis Video Streams: the engine's `kinesisvideo.stream` node.

Media is out of scope; the service's flow is not. A producer wired to the stream is a
camera's PutMedia connection: each message it publishes is one fragment of the stream's
`fragmentSeconds` of media at `bitrateKbps`, and the stream gives it the next fragment
number ("Kinesis Video Streams data model": fragments are numbered in ingestion order).
Fragments stay for `DataRetentionInHours`; at 0 the stream keeps nothing in its data store,
but consumers can still read what remains in the host buffer: at most 5 minutes and 200 MB
("CreateStream", DataRetentionInHours). Consumers are GetMedia readers: a worker wired by
an `event-source` edge reads every fragment in order from its own position, as a GetMedia
connection does, whoever else reads the stream; each stream serves at most three such
connections ("Kinesis Video Streams service quotas": GetMedia, 3 per stream).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.core.message import GONE, Copy
from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.resource import Resource
from engine.runtime.shards import StreamStore

# "CreateStream": at 0 hours, the host buffer keeps fragments for 5 minutes and 200 MB.
BUFFER_SECONDS = 300.0
BUFFER_BYTES = 200 * 1_000_000
# "Kinesis Video Streams service quotas", PutMedia: a fragment lasts 1 to 20 seconds and
# holds at most 50 MB; a stream takes at most 12.5 MB/s (100 Mbps).
MIN_FRAGMENT_SECONDS, MAX_FRAGMENT_SECONDS = 1, 20
MAX_FRAGMENT_BYTES = 50 * 1_000_000
MAX_BITRATE_KBPS = 100_000
# GetMedia: "only three clients can concurrently receive content from the media stream".
MAX_GETMEDIA_CONNECTIONS = 3
# The creation time in the stream's ARN: the simulated clock's epoch, 2026-01-01, in ms.
CREATION_MS = 1767225600000

SPEC = NodeSpec(
    type="kinesisvideo.stream",
    metrics=(
        "PutMedia.IncomingFragments",
        "PutMedia.IncomingBytes",
        "GetMedia.OutgoingFragments",
        "GetMedia.OutgoingBytes",
        "GetMedia.MillisBehindNow",
        "Fragments",
    ),
    group="Streaming",
    name_prop="Name",
    arn_format="arn:aws:kinesisvideo:{region}:{account}:stream/{name}/" + str(CREATION_MS),
    metric_namespace="AWS/KinesisVideo",
    metric_dimension="StreamName",
    counters=(
        ("PutMedia.IncomingFragments", "fragments in"),
        ("GetMedia.OutgoingFragments", "fragments out"),
        ("GetMedia.MillisBehindNow", "behind ms"),
    ),
    label="Kinesis video stream",
    description="Media fragments from cameras, kept for the retention period and read in "
    "order by each consumer (GetMedia).",
    cfn_type="AWS::KinesisVideo::Stream",
    props=(
        FieldSpec(
            "Name",
            "string",
            None,
            pattern=r"[a-zA-Z0-9_.-]{1,256}",
            help="Up to 256 letters, digits, '_', '.' and '-'.",
        ),
        FieldSpec(
            "DataRetentionInHours",
            "int",
            0,
            minimum=0,
            maximum=87600,
            help="Hours fragments are kept; 0 keeps none beyond a 5-minute, 200 MB buffer.",
        ),
        FieldSpec(
            "MediaType",
            "string",
            None,
            pattern=r"[\w\-\.\+]+/[\w\-\.\+]+(,[\w\-\.\+]+/[\w\-\.\+]+)*",
            help='The media\'s MIME types, e.g. "video/h264" or "video/h264,audio/aac".',
        ),
    ),
    sim=(
        FieldSpec(
            "fragmentSeconds",
            "number",
            2,
            minimum=MIN_FRAGMENT_SECONDS,
            maximum=MAX_FRAGMENT_SECONDS,
            help="Seconds of media in each fragment a producer puts (1 to 20).",
        ),
        FieldSpec(
            "bitrateKbps",
            "number",
            2000,
            minimum=1,
            maximum=MAX_BITRATE_KBPS,
            help="The media's bitrate; a stream takes at most 100 Mbps (12.5 MB/s).",
        ),
    ),
)


def fragment_bytes(sim: dict[str, Any]) -> int:
    """The size of one fragment: its seconds of media at the bitrate."""
    return int(sim["bitrateKbps"] * 1000 / 8 * sim["fragmentSeconds"])


def fragment_number(seq: int) -> str:
    """A fragment number as Kinesis Video Streams writes them: a long decimal string that
    grows with ingestion order."""
    return f"91343852333{seq:037d}"


class KinesisVideoStream(Resource):
    """Invariants: fragments are stored in fragment-number order and each stays until its
    retention (or, at 0 hours, the host buffer's time or size limit) ends; every reader's
    position only moves past fragments it processed or that expired before it read them."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        hours = node.props["DataRetentionInHours"]
        self.buffered = not hours
        self.store = StreamStore(self, 1, hours * 3600.0 if hours else BUFFER_SECONDS)
        self.fragment_seconds = float(node.sim["fragmentSeconds"])
        self.fragment_bytes = fragment_bytes(node.sim)
        self.incoming = self.outgoing = 0
        self.behind_ms = 0.0
        self.readers: list[MediaReader] = []

    def open_reader(self, edge: str) -> MediaReader:
        """A GetMedia connection for the consumer at the end of `edge`."""
        reader = MediaReader(self, edge)
        self.readers.append(reader)
        return reader

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """PutMedia: the fragment is numbered and stored; readers waiting are woken."""
        self.store.append(0, copy)
        copy.place = {"fragmentNumber": fragment_number(copy.seq)}
        self.incoming += 1
        self.rec.emit(
            "put-record",
            self.id,
            copy,
            edge=edge,
            bytes=self.fragment_bytes,
            **copy.place,
        )
        if self.buffered:
            self._trim_buffer()
        return None

    def _trim_buffer(self) -> None:
        """At 0 hours' retention, the host buffer drops its oldest fragments past 200 MB."""
        shard = self.store.shards[0]
        while shard.records and len(shard.records) * self.fragment_bytes > BUFFER_BYTES:
            copy = shard.records.popleft()
            shard.base += 1
            self.rec.emit("expire", self.id, copy, **copy.place)
            copy.state = GONE
            copy.holder = None
            self.rec.end(copy, "expired")

    def holdings(self) -> dict[str, int]:
        return {"in_streams": self.store.held()}

    def note_read(self, fragments: list[Copy]) -> None:
        self.outgoing += len(fragments)
        behind = (self.kernel.now - fragments[0].sent_at) * 1000.0
        self.behind_ms = max(self.behind_ms, behind)

    def metrics(self) -> dict[str, Any]:
        return {
            "PutMedia.IncomingFragments": self.incoming,
            "PutMedia.IncomingBytes": self.incoming * self.fragment_bytes,
            "GetMedia.OutgoingFragments": self.outgoing,
            "GetMedia.OutgoingBytes": self.outgoing * self.fragment_bytes,
            "GetMedia.MillisBehindNow": round(self.behind_ms, 3),
            "Fragments": self.store.held(),
        }


class MediaReader:
    """One GetMedia connection of one consumer: it reads the stream's fragments in order
    from its own position, one batch at a time. A fragment the consumer fails on is read
    again (the consumer resumes from its last processed fragment, as a GetMedia client
    does with `StartSelectorType: FRAGMENT_NUMBER`); fragments that expired before it read
    them are skipped and counted.

    Seen by a worker as the queue it polls (`runtime.host.PolledQueue`): `delete` marks a
    fragment processed, and the next `receive` moves the position past what was processed.
    """

    fifo = True
    visibility_timeout = 0.0

    def __init__(self, stream: KinesisVideoStream, edge: str):
        self.stream = stream
        self.id = stream.id
        self.edge = edge
        self.store = stream.store
        self.position = self.store.shards[0].end  # StartSelectorType NOW
        self.batch: list[tuple[int, Copy]] = []
        self.done: set[int] = set()
        self.skipped = 0

    def _settle(self) -> None:
        """The batch in hand is finished: resume after the fragments processed, from the
        first one that was not."""
        for position, _ in self.batch:
            if position not in self.done:
                self.position = position
                break
        else:
            if self.batch:
                self.position = self.batch[-1][0] + 1
        self.batch, self.done = [], set()

    def _catch_up(self) -> None:
        shard = self.store.shards[0]
        if self.position < shard.base:
            self.skipped += shard.base - self.position
            self.position = shard.base

    @property
    def visible_count(self) -> int:
        self._catch_up()
        return self.store.shards[0].end - self.position

    @property
    def can_receive(self) -> bool:
        return not self.batch and self.visible_count > 0

    def wait(self, callback: Callable[[], None]) -> None:
        self.store.wait(0, callback)

    def receive(self, max_messages: int) -> list[Copy]:
        self._settle()
        self._catch_up()
        shard = self.store.shards[0]
        end = min(shard.end, self.position + max_messages)
        self.batch = [(p, shard.record_at(p)) for p in range(self.position, end)]
        fragments = [copy for _, copy in self.batch]
        for position, copy in self.batch:
            copy.receipt = position
        if fragments:
            self.stream.note_read(fragments)
            for copy in fragments:
                self.stream.rec.emit(
                    "get-records", self.stream.id, copy, edge=self.edge, **copy.place
                )
        return fragments

    def delete(self, copy: Copy, receipt: int) -> bool:
        self.done.add(receipt)
        return True

    def discard(self, copy: Copy, receipt: int, bucket: str) -> None:
        self.done.add(receipt)
