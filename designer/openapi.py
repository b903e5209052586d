"""What drf-spectacular needs to describe the API: the catalogue's shape and our
authentication scheme. These serializers document responses; they validate nothing.

Imported by `DesignerConfig.ready`, so the authentication extension is registered before
any schema is generated.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers


class BrowserSessionScheme(OpenApiAuthenticationExtension):
    """`BrowserSessionAuthentication` is Django's session cookie (CSRF token on writes)."""

    target_class = "designer.authentication.BrowserSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}


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


class PresetSerializer(serializers.Serializer):
    key = serializers.CharField()
    type = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    role = serializers.CharField(allow_null=True)
    props = serializers.DictField(child=serializers.JSONField())


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
