"""The live runs' HTTP API, under `/api/runs/` (README "Live runs").

Thin DRF views: who may run which diagram is `playground.runs.owners` (which applies
`designer.access`), runs live in `playground.runs.manager`, answers are shaped by
`playground.runs.serializers`, and error bodies by the project's exception handler (400:
`{"problems": [...]}`). A run's owner is whoever made it (a signed-in user or the browser
session); anyone else gets 404, as for diagrams, except a watcher holding the run's watch
token, who may read it. Making a run needs the CSRF token even from a client with no
session yet (the pages set the cookie), and each client address may make only so many a
minute, so a script without cookies cannot make runs by the hundred.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import access
from designer.authentication import BrowserSessionAuthentication
from designer.parsers import SafeJSONParser
from designer.serializers import DetailSerializer, ProblemsSerializer
from engine import load_diagram
from playground.runs.access import watch_links
from playground.runs.live import LiveRun, Source
from playground.runs.manager import TooManyFromAddress, TooManyRuns, get_manager
from playground.runs.owners import request_owner, runnable_diagram
from playground.runs.serializers import (
    NewRunSerializer,
    ReportSerializer,
    RunSerializer,
    TooManySerializer,
    WatchSerializer,
    describe,
)

NO_RUN = "No such run for this caller."
WATCH = OpenApiParameter(
    "watch", OpenApiTypes.STR, description="A watch token: read a run shared with you."
)
NOT_FOUND = OpenApiResponse(DetailSerializer, description=NO_RUN)
BAD_REQUEST = OpenApiResponse(ProblemsSerializer, description="Problems with the request.")
FORBIDDEN = OpenApiResponse(DetailSerializer, description="No valid CSRF token.")


def _new_run_schema() -> dict:
    """`NewRunSerializer` as OpenAPI, with what it enforces in `validate`: exactly one of
    `diagram` and `shared`."""
    common = {
        "seed": {"type": "integer", "description": "Default: the document's sim.seed."},
        "duration": {
            "type": "number",
            "minimum": 0.001,
            "description": "Simulated seconds. Default: the document's sim.duration.",
        },
    }
    by_id = {"type": "integer", "minimum": 1, "description": "A diagram the caller may read."}
    by_token = {"type": "string", "maxLength": 64, "description": "A share token."}
    return {
        "oneOf": [
            {
                "type": "object",
                "properties": {"diagram": by_id, **common},
                "required": ["diagram"],
                "not": {"required": ["shared"]},
            },
            {
                "type": "object",
                "properties": {"shared": by_token, **common},
                "required": ["shared"],
                "not": {"required": ["diagram"]},
            },
        ]
    }


NEW_RUN_SCHEMA = _new_run_schema()


def _owned_run(request: HttpRequest, run_id: str) -> LiveRun:
    run = get_manager().get(run_id)
    if run is None or run.role_for(request_owner(request), None) != "owner":
        raise NotFound(NO_RUN)
    return run


def _readable_run(request: HttpRequest, run_id: str) -> LiveRun:
    run = get_manager().get(run_id)
    token = request.query_params.get("watch")
    if run is None or run.role_for(request_owner(request), token) is None:
        raise NotFound(NO_RUN)
    return run


def _document_shown(request: HttpRequest, run: LiveRun) -> bool | str:
    """True, or "revoked" for a run made from a share link that has since been revoked
    (unless the caller may read the diagram anyway)."""
    token = run.source.share_token
    if token is None:
        return True
    if access.shared_diagrams().filter(pk=run.source.id, share_token=token).exists():
        return True
    return True if access.readable(request).filter(pk=run.source.id).exists() else "revoked"


def _require_csrf(request) -> None:
    """A request with a session cookie had its CSRF token checked by the authentication
    class; one without must carry the token too (cookie and header), or it is a 403."""
    if settings.SESSION_COOKIE_NAME not in request._request.COOKIES:
        BrowserSessionAuthentication().enforce_csrf(request)


def _too_many(message: str, code: str, **extra) -> Response:
    problem = {"path": "", "code": code, "message": message}
    response = Response({"problems": [problem], **extra}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    if "retry_after" in extra:
        response["Retry-After"] = str(extra["retry_after"])
    return response


class RunsView(APIView):
    """The caller's live runs; POST starts one."""

    parser_classes = (SafeJSONParser,)

    @extend_schema(summary="The caller's live runs", responses={200: RunSerializer(many=True)})
    def get(self, request) -> Response:
        runs = get_manager().owned_by(request_owner(request))
        return Response([describe(run) for run in runs])

    @extend_schema(
        summary="Make a live run of a diagram (status ready: send start over its socket)",
        request={"application/json": NEW_RUN_SCHEMA},
        responses={
            201: RunSerializer,
            400: BAD_REQUEST,
            403: FORBIDDEN,
            404: OpenApiResponse(DetailSerializer, description="No such diagram."),
            429: OpenApiResponse(
                TooManySerializer, description="Too many runs at once, or from this address."
            ),
        },
    )
    def post(self, request) -> Response:
        _require_csrf(request)
        body = NewRunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        wanted = body.validated_data
        share_token = wanted.get("shared")
        row = runnable_diagram(request, diagram_id=wanted.get("diagram"), share_token=share_token)
        if row is None:
            raise NotFound("No such diagram for this caller.")
        diagram = load_diagram(row.document)  # DiagramError: 400 under document. (the handler)
        manager = get_manager()
        try:
            manager.admit(request.META.get("REMOTE_ADDR") or "")
            run = manager.create(
                owner=request_owner(request, create=True),
                source=Source(row.pk, row.name, row.document, share_token),
                diagram=diagram,
                seed=wanted.get("seed", diagram.seed),
                duration=wanted.get("duration", diagram.duration),
            )
        except TooManyRuns as error:
            return _too_many(str(error), "too_many_runs", runs=error.runs)
        except TooManyFromAddress as error:
            return _too_many(str(error), "rate_limited", runs=[], retry_after=error.retry_after)
        return Response(describe(run), status=status.HTTP_201_CREATED)


class RunView(APIView):
    """One live run: its owner reads and closes it; a watcher reads it with its token."""

    @extend_schema(
        summary="A live run, with its diagram's document",
        parameters=[WATCH],
        responses={200: RunSerializer, 404: NOT_FOUND},
    )
    def get(self, request, run_id: str) -> Response:
        run = _readable_run(request, run_id)
        return Response(describe(run, document=_document_shown(request, run)))

    @extend_schema(
        summary="Close a live run (its viewers get a last status frame, then the socket closes)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request, run_id: str) -> Response:
        run = _owned_run(request, run_id)
        get_manager().close_from_thread(run, "closed")
        return Response(status=status.HTTP_204_NO_CONTENT)


class RunReportView(APIView):
    """A run's final report: what a status frame too large for a socket left out."""

    @extend_schema(
        summary="The final report of a live run that has ended",
        parameters=[WATCH],
        responses={200: ReportSerializer, 404: NOT_FOUND, 409: ProblemsSerializer},
    )
    def get(self, request, run_id: str) -> Response:
        run = _readable_run(request, run_id)
        if run.report is None:
            problem = {
                "path": "",
                "code": "not_finished",
                "message": f"The run is {run.status}: its report comes when it ends.",
            }
            return Response({"problems": [problem]}, status=status.HTTP_409_CONFLICT)
        return Response({"report": run.report})


class RunShareView(APIView):
    """The owner shares a run: anyone with the token watches it, read-only; DELETE
    revokes the token (its watchers are disconnected; the run goes on)."""

    @extend_schema(
        summary="Share a live run read-only (the same token every time)",
        request=None,
        responses={200: WatchSerializer, 201: WatchSerializer, 404: NOT_FOUND},
    )
    def post(self, request, run_id: str) -> Response:
        run = _owned_run(request, run_id)
        token, made = run.access.share()
        code = status.HTTP_201_CREATED if made else status.HTTP_200_OK
        return Response(watch_links(run.id, token), status=code)

    @extend_schema(
        summary="Revoke a live run's watch token (its watchers are disconnected with 4403)",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request, run_id: str) -> Response:
        run = _owned_run(request, run_id)
        get_manager().revoke_from_thread(run)
        return Response(status=status.HTTP_204_NO_CONTENT)
