"""The live runs' HTTP API, under `/api/runs/` (README "Live runs").

Thin DRF views: who may run which diagram is `playground.runs.owners` (which applies
`designer.access`), runs live in `playground.runs.manager`, and error bodies are shaped by
the project's exception handler (400: `{"problems": [...]}`). A run's owner is whoever
made it (a signed-in user or the browser session); anyone else gets 404, as for diagrams,
except a watcher holding the run's watch token, who may read it.
"""

from __future__ import annotations

from django.http import HttpRequest
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from designer.parsers import MAX_INT, SafeJSONParser
from designer.problems import as_detail
from designer.serializers import DetailSerializer, ProblemsSerializer
from engine import DiagramError, load_diagram
from playground.runs.live import LiveRun, Source
from playground.runs.manager import TooManyRuns, get_manager
from playground.runs.owners import request_owner, runnable_diagram

NO_RUN = "No such run for this caller."
WATCH = OpenApiParameter(
    "watch", OpenApiTypes.STR, description="A watch token: read a run shared with you."
)


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


class RunDiagramSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    document = serializers.JSONField(required=False, help_text="Only when reading one run.")


class RunSerializer(serializers.Serializer):
    """A live run (documents responses; validates nothing)."""

    id = serializers.CharField()
    ws = serializers.CharField(help_text="The run's WebSocket address (the owner's).")
    diagram = RunDiagramSerializer()
    seed = serializers.IntegerField()
    duration = serializers.FloatField()
    end = serializers.FloatField(help_text="Where the run stops: duration or the limit.")
    status = serializers.ChoiceField(["ready", "running", "paused", "finished", "stopped"])
    reason = serializers.CharField(allow_null=True)
    time = serializers.FloatField(help_text="The simulated clock, seconds.")
    shared = serializers.BooleanField()
    viewers = serializers.IntegerField()
    limits = RunLimitsSerializer()


class WatchSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The run's watch token.")
    ws = serializers.CharField(help_text="The WebSocket address for watchers (read-only).")
    watch_url = serializers.CharField(help_text="The page address to give watchers.")


class TooManySerializer(ProblemsSerializer):
    runs = serializers.ListField(child=serializers.CharField(), help_text="The caller's runs.")


NOT_FOUND = OpenApiResponse(DetailSerializer, description=NO_RUN)
BAD_REQUEST = OpenApiResponse(ProblemsSerializer, description="Problems with the request.")


def _owned_run(request: HttpRequest, run_id: str) -> LiveRun:
    run = get_manager().get(run_id)
    if run is None or run.role_for(request_owner(request), None) != "owner":
        raise NotFound(NO_RUN)
    return run


class RunsView(APIView):
    """The caller's live runs; POST starts one."""

    parser_classes = (SafeJSONParser,)

    @extend_schema(summary="The caller's live runs", responses={200: RunSerializer(many=True)})
    def get(self, request) -> Response:
        runs = get_manager().owned_by(request_owner(request))
        return Response([run.describe() for run in runs])

    @extend_schema(
        summary="Make a live run of a diagram (status ready: send start over its socket)",
        request=NewRunSerializer,
        responses={
            201: RunSerializer,
            400: BAD_REQUEST,
            404: OpenApiResponse(DetailSerializer, description="No such diagram."),
            429: OpenApiResponse(TooManySerializer, description="Too many runs at once."),
        },
    )
    def post(self, request) -> Response:
        body = NewRunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        wanted = body.validated_data
        row = runnable_diagram(
            request, diagram_id=wanted.get("diagram"), share_token=wanted.get("shared")
        )
        if row is None:
            raise NotFound("No such diagram for this caller.")
        try:
            diagram = load_diagram(row.document)
        except DiagramError as error:
            raise ValidationError({"document": as_detail(error.problems)}) from None
        try:
            run = get_manager().create(
                owner=request_owner(request, create=True),
                source=Source(row.pk, row.name, row.document),
                diagram=diagram,
                seed=wanted.get("seed", diagram.seed),
                duration=wanted.get("duration", diagram.duration),
            )
        except TooManyRuns as error:
            problem = {"path": "", "code": "too_many_runs", "message": str(error)}
            return Response(
                {"problems": [problem], "runs": error.runs},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        return Response(run.describe(), status=status.HTTP_201_CREATED)


class RunView(APIView):
    """One live run: its owner reads and closes it; a watcher reads it with its token."""

    @extend_schema(
        summary="A live run, with its diagram's document",
        parameters=[WATCH],
        responses={200: RunSerializer, 404: NOT_FOUND},
    )
    def get(self, request, run_id: str) -> Response:
        run = get_manager().get(run_id)
        token = request.query_params.get("watch")
        if run is None or run.role_for(request_owner(request), token) is None:
            raise NotFound(NO_RUN)
        return Response(run.describe(document=True))

    @extend_schema(
        summary="Close a live run (its viewers get a last status frame, then the socket closes)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request, run_id: str) -> Response:
        run = _owned_run(request, run_id)
        get_manager().close_from_thread(run, "closed")
        return Response(status=status.HTTP_204_NO_CONTENT)


class RunShareView(APIView):
    """The owner shares a run: anyone with the token watches it, read-only."""

    @extend_schema(
        summary="Share a live run read-only (the same token every time)",
        request=None,
        responses={200: WatchSerializer, 201: WatchSerializer, 404: NOT_FOUND},
    )
    def post(self, request, run_id: str) -> Response:
        run = _owned_run(request, run_id)
        token, made = run.share()
        code = status.HTTP_201_CREATED if made else status.HTTP_200_OK
        return Response(run.watch_links(token), status=code)
