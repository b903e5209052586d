"""The shapes of the live runs' HTTP answers and requests, one serializer each.

`RunSerializer` builds every answer that shows a run (the API, and the `run` of a socket's
snapshot) from the run itself, so the OpenAPI schema and the answers cannot drift apart.
The run's document is shown only when the serializer's context says `document=True`.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from designer.parsers import MAX_INT
from designer.serializers import ProblemsSerializer


class NewRunSerializer(serializers.Serializer):
    """What to run: a diagram the caller may read, by id or by its share token."""

    diagram = serializers.IntegerField(required=False, min_value=1, max_value=MAX_INT)
    shared = serializers.CharField(required=False, max_length=64, help_text="A share token.")
    seed = serializers.IntegerField(
        required=False, min_value=-MAX_INT, max_value=MAX_INT, help_text="Default: sim.seed."
    )
    duration = serializers.FloatField(
        required=False, min_value=0.001, help_text="Simulated seconds. Default: sim.duration."
    )

    def validate(self, attrs: dict) -> dict:
        if ("diagram" in attrs) == ("shared" in attrs):
            raise ValidationError(
                {"diagram": ["Give either diagram (an id) or shared (a share token)."]},
                code="required",
            )
        return attrs


class RunLimitsSerializer(serializers.Serializer):
    max_events = serializers.IntegerField()
    max_sim_seconds = serializers.FloatField()
    idle_seconds = serializers.FloatField()
    runs_per_owner = serializers.IntegerField()
    frame_events = serializers.IntegerField()
    replay_frames = serializers.IntegerField()
    max_bytes = serializers.IntegerField(help_text="The run's memory cap, bytes.")
    frame_bytes = serializers.IntegerField(help_text="The largest frame, bytes.")
    inject_bytes = serializers.IntegerField(help_text="The largest inject payload, bytes.")
    injects_per_second = serializers.FloatField()
    resets_per_second = serializers.FloatField()
    unopened_seconds = serializers.FloatField()


class RunDiagramSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    document = serializers.JSONField(
        required=False, help_text="Only when reading one run, while the caller may see it."
    )
    revoked = serializers.BooleanField(
        required=False, help_text="True when the share link the run was made from is revoked."
    )

    def to_representation(self, source: Any) -> dict[str, Any]:
        shown = self.context.get("document")  # True, False, or "revoked"
        body: dict[str, Any] = {"id": source.id, "name": source.name}
        if shown is True:
            body["document"] = source.document
        elif shown == "revoked":
            body["revoked"] = True
        return body


class RunSerializer(serializers.Serializer):
    """A live run, read from the run object (validates nothing)."""

    id = serializers.CharField()
    ws = serializers.CharField(help_text="The run's WebSocket address (the owner's).")
    diagram = RunDiagramSerializer(source="source")
    seed = serializers.IntegerField()
    duration = serializers.FloatField()
    end = serializers.FloatField(help_text="Where the run stops: duration or the limit.")
    status = serializers.ChoiceField(["ready", "running", "paused", "finished", "stopped"])
    reason = serializers.CharField(allow_null=True)
    time = serializers.FloatField(help_text="The simulated clock, seconds.")
    shared = serializers.BooleanField(help_text="Whether a watch token is live.")
    viewers = serializers.IntegerField()
    bytes = serializers.IntegerField(help_text="The run's memory as its cap counts it.")
    limits = RunLimitsSerializer()


def describe(run: Any, *, document: bool | str = False) -> dict[str, Any]:
    """The run as the HTTP API and snapshots show it (`document`: True, False or
    "revoked")."""
    return dict(RunSerializer(run, context={"document": document}).data)


class ReportSerializer(serializers.Serializer):
    report = serializers.JSONField(help_text="The final report (contract section 4).")


class WatchSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The run's watch token.")
    ws = serializers.CharField(help_text="The WebSocket address for watchers (read-only).")
    watch_url = serializers.CharField(help_text="The page address to give watchers.")


class TooManySerializer(ProblemsSerializer):
    runs = serializers.ListField(child=serializers.CharField(), help_text="The caller's runs.")
    retry_after = serializers.IntegerField(
        required=False, help_text="rate_limited: seconds until another run may be made."
    )
