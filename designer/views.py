"""The REST API (contract section 6): thin DRF views over the designer's modules.

Who sees what is `designer.access`; what comes in is checked by `designer.serializers`
(which asks the engine); saves are `designer.models.save_diagram`; error bodies are shaped
by `designer.problems.exception_handler`, which also turns the engine's `DiagramError` and
the importer's `TemplateError` into 400 problems, so views raise them as they come.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from designer import access, models, storage
from designer.catalog import catalog
from designer.cloudformation import export_template, import_template
from designer.examples import LESSON_PREFIX
from designer.openapi import CatalogSerializer
from designer.parsers import (
    LegacyYamlTextParser,
    PlainTextParser,
    SafeJSONParser,
    YamlTextParser,
)
from designer.permissions import ChangesNeedOwnership
from designer.problems import bad_request
from designer.serializers import (
    ConflictSerializer,
    DetailSerializer,
    DiagramSerializer,
    DiagramUpdateSerializer,
    DocumentSerializer,
    DuplicateSerializer,
    ImportRequestSerializer,
    ImportResultSerializer,
    ProblemsSerializer,
    RestoreSerializer,
    RevisionDetailSerializer,
    RevisionSerializer,
    ShareSerializer,
    ValidationResultSerializer,
)
from designer.validation import validation_report

# Each export format's content type and file name ending ("sam": SAM's YAML).
EXPORT_FORMATS = {
    "yaml": ("application/yaml", ".yaml"),
    "json": ("application/json", ".json"),
    "sam": ("application/yaml", "-sam.yaml"),
}

BAD_REQUEST = OpenApiResponse(ProblemsSerializer, description="Problems with the request.")
NOT_FOUND = OpenApiResponse(DetailSerializer, description="No such diagram for this caller.")
READ_ONLY = OpenApiResponse(DetailSerializer, description="Examples are read-only.")
CONFLICT = OpenApiResponse(ConflictSerializer, description="Based on a stale revision.")
QUOTA = OpenApiResponse(ProblemsSerializer, description="Over the owner's storage quota.")
SAVE_RESPONSES = {
    200: DiagramSerializer,
    400: BAD_REQUEST,
    403: READ_ONLY,
    404: NOT_FOUND,
    409: CONFLICT,
    429: QUOTA,
}
NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="A revision.")


class CsrfCookieMixin:
    """Safe requests set the CSRF cookie, so a browser holds a token before its first save."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in SAFE_METHODS:
            get_token(request._request)


@extend_schema_view(
    list=extend_schema(summary="The caller's diagrams, then the examples"),
    create=extend_schema(
        summary="Create a diagram",
        responses={201: DiagramSerializer, 400: BAD_REQUEST, 429: QUOTA},
    ),
    retrieve=extend_schema(responses={200: DiagramSerializer, 404: NOT_FOUND}),
    update=extend_schema(
        summary="Save a diagram",
        request=DiagramUpdateSerializer,
        responses=SAVE_RESPONSES,
    ),
    partial_update=extend_schema(
        summary="Save part of a diagram (revision still required)",
        request=DiagramUpdateSerializer,
        responses=SAVE_RESPONSES,
    ),
    destroy=extend_schema(responses={204: None, 403: READ_ONLY, 404: NOT_FOUND}),
)
class DiagramViewSet(CsrfCookieMixin, viewsets.ModelViewSet):
    """Diagrams the caller owns (read and write) and the examples (read-only)."""

    serializer_class = DiagramSerializer
    permission_classes = (ChangesNeedOwnership,)
    parser_classes = (SafeJSONParser,)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the model
            return models.Diagram.objects.none()
        found = access.readable(self.request)
        if self.action == "list":  # a lesson's diagram is opened from its lesson, not listed
            found = found.exclude(example_slug__startswith=LESSON_PREFIX)
        return found

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return DiagramUpdateSerializer
        return DiagramSerializer

    def permission_denied(self, request, message=None, code=None):
        # Anonymous visitors are first-class owners: a refusal is about the diagram (an
        # example), never "sign in", which is what DRF says to callers without a user.
        raise PermissionDenied(message, code)

    def perform_create(self, serializer) -> None:
        owner = access.owner_fields(self.request)
        storage.within_quotas(lambda: serializer.save(**owner))

    def perform_destroy(self, instance) -> None:
        models.delete_diagram(instance.pk)
        storage.free_deleted_space()  # the document's pages go back to the file system

    @extend_schema(responses={200: ValidationResultSerializer, 404: NOT_FOUND})
    @action(detail=True, methods=["get"])
    def validate(self, request, pk=None) -> Response:
        """The engine's problems and the design advice for the stored document."""
        diagram = self.get_object()
        example = diagram.example_slug if diagram.is_example else None
        return Response(validation_report(diagram.document, example=example))

    @extend_schema(responses={200: RevisionSerializer(many=True), 404: NOT_FOUND})
    @action(detail=True, methods=["get"])
    def revisions(self, request, pk=None) -> Response:
        """Earlier revisions, newest first (the current one is the diagram itself)."""
        old = self.get_object().revisions.all()
        return Response(RevisionSerializer(old, many=True).data)

    @extend_schema(parameters=[NUMBER], responses={200: RevisionDetailSerializer, 404: NOT_FOUND})
    @action(detail=True, methods=["get"], url_path=r"revisions/(?P<number>[0-9]{1,9})")
    def revision(self, request, pk=None, number=None) -> Response:
        """One earlier revision, with its document."""
        old = get_object_or_404(self.get_object().revisions, revision=int(number))
        return Response(RevisionDetailSerializer(old).data)

    @extend_schema(
        parameters=[NUMBER],
        request=RestoreSerializer,
        responses=SAVE_RESPONSES,
    )
    @action(detail=True, methods=["post"], url_path=r"revisions/(?P<number>[0-9]{1,9})/restore")
    def restore(self, request, pk=None, number=None) -> Response:
        """Make an earlier revision's document the next revision."""
        diagram = self.get_object()
        old = get_object_or_404(diagram.revisions, revision=int(number))
        serializer = RestoreSerializer(data=request.data, context={"diagram": diagram, "old": old})
        serializer.is_valid(raise_exception=True)
        return Response(DiagramSerializer(serializer.save()).data)

    @extend_schema(
        request=DuplicateSerializer,
        responses={201: DiagramSerializer, 400: BAD_REQUEST, 404: NOT_FOUND, 429: QUOTA},
    )
    @action(detail=True, methods=["post"], permission_classes=[AllowAny])
    def duplicate(self, request, pk=None) -> Response:
        """A copy owned by the caller (examples too): revision 1, not shared."""
        serializer = DuplicateSerializer(
            data=request.data, context={"source": self.get_object(), "request": request}
        )
        serializer.is_valid(raise_exception=True)
        copy = serializer.save()
        return Response(DiagramSerializer(copy).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["POST"],
        request=None,
        responses={200: ShareSerializer, 201: ShareSerializer, 403: READ_ONLY, 404: NOT_FOUND},
        summary="Share read-only by link (the same link until revoked)",
    )
    @extend_schema(
        methods=["DELETE"],
        responses={204: None, 403: READ_ONLY, 404: NOT_FOUND},
        summary="Revoke the share link",
    )
    @action(detail=True, methods=["post", "delete"])
    def share(self, request, pk=None) -> Response:
        diagram = self.get_object()
        if request.method == "DELETE":
            models.unshare(diagram.pk)
            return Response(status=status.HTTP_204_NO_CONTENT)
        token, made = models.share(diagram.pk)
        url = request.build_absolute_uri(reverse("designer:shared", kwargs={"token": token}))
        return Response(
            ShareSerializer({"token": token, "url": url}).data,
            status=status.HTTP_201_CREATED if made else status.HTTP_200_OK,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format", str, enum=list(EXPORT_FORMATS), default="yaml", description="Template"
            )
        ],
        responses={
            (200, "application/yaml"): OpenApiTypes.STR,
            (200, "application/json"): OpenApiTypes.OBJECT,
            400: BAD_REQUEST,
            404: NOT_FOUND,
        },
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None) -> HttpResponse:
        """The diagram as a CloudFormation template (a download): YAML, JSON, or the same
        stack as a SAM template (`sam`)."""
        diagram = self.get_object()
        fmt = request.query_params.get("format", "yaml")
        if fmt not in EXPORT_FORMATS:
            message = f"the format must be one of {', '.join(EXPORT_FORMATS)}"
            raise bad_request([{"path": "format", "code": "invalid_choice", "message": message}])
        text = export_template(diagram.document, fmt=fmt)
        content_type, ending = EXPORT_FORMATS[fmt]
        filename = f"{slugify(diagram.name) or 'diagram'}{ending}"
        return HttpResponse(
            text,
            content_type=f"{content_type}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


@extend_schema(responses={200: DiagramSerializer, 404: NOT_FOUND})
class SharedDiagramView(generics.RetrieveAPIView):
    """A diagram shared by link: read-only, for whoever holds the token."""

    serializer_class = DiagramSerializer
    lookup_field = "share_token"
    lookup_url_kwarg = "token"

    def get_queryset(self):
        return access.shared_diagrams()


class SharedDuplicateView(APIView):
    """A copy of a diagram shared by link, owned by the caller: "Duplicate to edit"."""

    permission_classes = [AllowAny]

    @extend_schema(
        request=DuplicateSerializer,
        responses={201: DiagramSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def post(self, request, token: str) -> Response:
        source = get_object_or_404(access.shared_diagrams(), share_token=token)
        serializer = DuplicateSerializer(
            data=request.data, context={"source": source, "request": request}
        )
        serializer.is_valid(raise_exception=True)
        return Response(DiagramSerializer(serializer.save()).data, status=status.HTTP_201_CREATED)


class CatalogView(CsrfCookieMixin, APIView):
    """Node types, presets and edge kinds with their props, defaults, bounds and pairs."""

    @extend_schema(responses={200: CatalogSerializer})
    def get(self, request) -> Response:
        return Response(catalog())


class ValidateDocumentView(APIView):
    """Check a document that is not stored (a draft): problems and advice, nothing saved."""

    @extend_schema(
        request=DocumentSerializer,
        responses={200: ValidationResultSerializer, 400: BAD_REQUEST},
    )
    def post(self, request) -> Response:
        serializer = DocumentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(validation_report(serializer.validated_data["document"]))


class ImportView(APIView):
    """A CloudFormation template in; a diagram document and warnings out (nothing stored)."""

    parser_classes = (
        SafeJSONParser,
        MultiPartParser,
        PlainTextParser,
        YamlTextParser,
        LegacyYamlTextParser,
    )

    @extend_schema(
        request={
            "application/json": ImportRequestSerializer,
            "multipart/form-data": ImportRequestSerializer,
            "text/plain": OpenApiTypes.STR,
            "application/yaml": OpenApiTypes.STR,
        },
        responses={200: ImportResultSerializer, 400: BAD_REQUEST},
    )
    def post(self, request) -> Response:
        data = request.data
        if isinstance(data, str):
            data = {"template": data}
        serializer = ImportRequestSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        document, warnings = import_template(serializer.validated_data["template"])
        return Response({"document": document, "warnings": warnings})
