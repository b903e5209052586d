"""What drf-spectacular needs to describe the API: the catalogue's shape, our
authentication scheme, what every operation shares (`document_browser_sessions`), and the
human-readable page of the schema at `/api/docs/`. These serializers document responses;
they validate nothing.

Imported by `DesignerConfig.ready`, so the authentication extension is registered before
any schema is generated.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers


class BrowserSessionScheme(OpenApiAuthenticationExtension):
    """`BrowserSessionAuthentication` is Django's session cookie (CSRF token on writes)."""

    target_class = "designer.authentication.BrowserSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


UNSAFE_METHODS = ("post", "put", "patch", "delete")
CSRF_REFUSAL = (
    "Refused: a request carrying a session cookie needs the CSRF token (`X-CSRFToken`); "
    "for diagrams, also: examples are read-only."
)


def document_browser_sessions(result: dict, generator, request, public) -> dict:
    """A drf-spectacular postprocessing hook (settings `POSTPROCESSING_HOOKS`).

    Every operation works without a session (a visitor without a cookie is anonymous, and
    gets a session on the first save), so the cookie is optional everywhere; every unsafe
    operation may answer 403 `{"detail"}` when the cookie comes without the CSRF token
    (`designer.authentication.BrowserSessionAuthentication`); and every operation with a
    body 415 for a media type it does not read."""
    detail = {"$ref": "#/components/schemas/Detail"}
    result["components"]["schemas"].setdefault(
        "Detail",
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    )
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            security = operation.setdefault("security", [])
            if {} not in security:
                security.append({})
            if method in UNSAFE_METHODS:
                _answer(operation, "403", CSRF_REFUSAL, detail)
            if "requestBody" in operation:
                _answer(
                    operation, "415", "A body of a media type this address does not read.", detail
                )
    return result


def _answer(operation: dict, status: str, description: str, schema: dict) -> None:
    operation["responses"].setdefault(
        status, {"description": description, "content": {"application/json": {"schema": schema}}}
    )


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI over `/api/schema/`, served from this app (drf-spectacular-sidecar: no
    CDN). The split view loads its start-up code as a script file of its own, and the
    template has no inline style, so the page runs under a policy that allows neither."""

    template_name = "designer/api_docs.html"


class FieldSpecSerializer(serializers.Serializer):
    """One prop or sim field, as `engine.spec.FieldSpec.as_dict()` gives it."""

    name = serializers.CharField()
    kind = serializers.CharField(help_text="int, number, bool, string, enum, json, ...")
    default = serializers.JSONField(allow_null=True, help_text="AWS's default (null: none).")
    help = serializers.CharField(allow_blank=True)
    minimum = serializers.FloatField(required=False)
    maximum = serializers.FloatField(required=False)
    pattern = serializers.CharField(required=False)
    check = serializers.CharField(required=False, help_text="A named check in the engine.")
    choices = serializers.ListField(child=serializers.CharField(), required=False)
    required = serializers.BooleanField(required=False)


class NodeTypeSerializer(serializers.Serializer):
    type = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    cfn_type = serializers.CharField(allow_null=True)
    props = FieldSpecSerializer(many=True)
    sim = FieldSpecSerializer(many=True)
    roles = serializers.ListField(child=serializers.CharField())
    name_prop = serializers.CharField(allow_null=True)
    metric_namespace = serializers.CharField(allow_null=True)
    metric_dimension = serializers.CharField(allow_null=True)
    counters = serializers.DictField(
        child=serializers.ListField(child=serializers.ListField(child=serializers.CharField())),
        help_text="[metric, label] pairs the live page shows: `default`, `dlq`, `stream`",
    )
    metrics = serializers.ListField(
        child=serializers.CharField(),
        help_text="Every metric the type reports: what a goal (`sim.goals`) may name.",
    )


class PresetSerializer(serializers.Serializer):
    key = serializers.CharField()
    type = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    role = serializers.CharField(allow_null=True)
    props = serializers.DictField(child=serializers.JSONField())
    sim = serializers.DictField(child=serializers.JSONField())


class EdgeKindSerializer(serializers.Serializer):
    kind = serializers.CharField()
    description = serializers.CharField()
    sources = serializers.ListField(child=serializers.CharField())
    targets = serializers.ListField(child=serializers.CharField())
    props = FieldSpecSerializer(many=True)
    pairs = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        help_text="Every allowed [source type, target type].",
    )


class CatalogSerializer(serializers.Serializer):
    format = serializers.CharField()
    node_types = NodeTypeSerializer(many=True)
    presets = PresetSerializer(many=True)
    edge_kinds = EdgeKindSerializer(many=True)
