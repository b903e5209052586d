"""JSON shapes of the API, and the checks on what comes in.

A document is checked by the engine (`designer.validation.check_document`); its problems
are raised under `document` with their contract paths, which `designer.problems` turns into
`document.<path>` in the 400 body. Saves go through `designer.models.save_diagram`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from designer import access, storage
from designer.examples import example_guide
from designer.models import NAME_MAX_LENGTH, Diagram, DiagramRevision, save_diagram
from designer.problems import as_detail
from designer.validation import check_document, text_problem
from engine.schema.upgrade import upgrade_document

# A revision is a positive 32-bit integer in the database.
MAX_REVISION = 2**31 - 1


@extend_schema_field(
    {"type": "object", "additionalProperties": True, "description": "A diagram document."}
)
class DocumentField(serializers.JSONField):
    """A diagram document (contract section 1): a JSON object, as the schema says; what
    is inside is the engine's to judge."""

    default_error_messages = {"invalid_document": "A diagram document is a JSON object."}

    def to_internal_value(self, data: Any) -> Any:
        value = super().to_internal_value(data)
        if not isinstance(value, dict):
            self.fail("invalid_document")
        return upgrade_document(value)  # older forms are stored in the current one

    def to_representation(self, value: Any) -> Any:
        # Stored before an upgrade (engine.schema.upgrade): served in the current form.
        return super().to_representation(upgrade_document(value))


def _checked_document(value: Any) -> Any:
    _, problems = check_document(value)
    if problems:
        raise serializers.ValidationError(as_detail(problems))
    return value


class DiagramSerializer(serializers.ModelSerializer):
    """A stored diagram, as `/api/diagrams/` lists it and as a create (`name`, `document`)."""

    # DRF's CharField refuses NUL and surrogate characters itself.
    name = serializers.CharField(max_length=NAME_MAX_LENGTH)
    document = DocumentField(help_text="A diagram document (contract section 1).")
    shared = serializers.BooleanField(
        source="is_shared", read_only=True, help_text="Whether a read-only share link exists."
    )
    guide = serializers.SerializerMethodField(
        help_text='For an example, `{"order", "level", "level_name"}`: its place in the '
        "suggested order (1 first) and its level (1 beginner .. 3 advanced); null otherwise."
    )

    class Meta:
        model = Diagram
        fields = (
            "id",
            "name",
            "document",
            "revision",
            "created",
            "updated",
            "is_example",
            "shared",
            "guide",
        )
        read_only_fields = ("id", "revision", "created", "updated", "is_example")

    def validate_document(self, value: Any) -> Any:
        return _checked_document(value)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "order": {"type": "integer"},
                "level": {"type": "integer"},
                "level_name": {"type": "string"},
            },
        }
    )
    def get_guide(self, diagram: Diagram) -> dict[str, Any] | None:
        return example_guide(diagram.example_slug) if diagram.is_example else None


class DiagramUpdateSerializer(DiagramSerializer):
    """A save: `revision` is the revision the client last saw (a stale one gets 409)."""

    revision = serializers.IntegerField(
        min_value=1,
        max_value=MAX_REVISION,
        help_text="The revision this change is based on; required on PUT and PATCH.",
    )

    class Meta(DiagramSerializer.Meta):
        read_only_fields = ("id", "created", "updated", "is_example")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # PATCH makes every field optional, but a save must say what it is based on.
        if "revision" not in attrs:
            raise serializers.ValidationError(
                {"revision": [ErrorDetail("This field is required.", code="required")]}
            )
        return attrs

    def update(self, instance: Diagram, validated_data: dict[str, Any]) -> Diagram:
        return storage.within_quotas(
            lambda: save_diagram(
                instance.pk,
                expected_revision=validated_data["revision"],
                name=validated_data.get("name", instance.name),
                document=validated_data.get("document", instance.document),
            )
        )


class RevisionSerializer(serializers.ModelSerializer):
    """An earlier revision, without its document (the list stays small)."""

    class Meta:
        model = DiagramRevision
        fields = ("revision", "name", "created")


class RevisionDetailSerializer(serializers.ModelSerializer):
    """An earlier revision with its document."""

    document = DocumentField(read_only=True)

    class Meta:
        model = DiagramRevision
        fields = ("revision", "name", "document", "created")


class RestoreSerializer(serializers.Serializer):
    """Restore: the old document becomes the next revision (the current name is kept).

    Context: `diagram` and `old` (the `DiagramRevision`). An old document the engine no
    longer accepts is refused with its problems, like any save.
    """

    revision = serializers.IntegerField(
        min_value=1,
        max_value=MAX_REVISION,
        required=False,
        help_text="Optional: the revision the client last saw; a stale one gets 409.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            _checked_document(self.context["old"].document)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"document": error.detail}) from None
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Diagram:
        diagram = self.context["diagram"]
        return storage.within_quotas(
            lambda: save_diagram(
                diagram.pk,
                expected_revision=validated_data.get("revision"),
                name=diagram.name,
                document=self.context["old"].document,
            )
        )


class DuplicateSerializer(serializers.Serializer):
    """A copy of a readable diagram (an example too), owned by the caller, at revision 1.

    Context: `source` (the diagram) and `request`."""

    name = serializers.CharField(
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text='The copy\'s name; default "<name> (copy)".',
    )

    def create(self, validated_data: dict[str, Any]) -> Diagram:
        source = self.context["source"]
        suffix = " (copy)"
        name = validated_data.get("name") or source.name[: NAME_MAX_LENGTH - len(suffix)] + suffix
        owner = access.owner_fields(self.context["request"])
        return storage.within_quotas(
            lambda: Diagram.objects.create(name=name, document=source.document, **owner)
        )


class ShareSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The share token.")
    url = serializers.URLField(help_text="Where anyone with the link reads the diagram.")


class ProblemSerializer(serializers.Serializer):
    path = serializers.CharField(allow_blank=True, help_text="Contract path of the problem.")
    code = serializers.CharField(help_text="A stable snake_case code.")
    message = serializers.CharField()


class AdviceSerializer(ProblemSerializer):
    fix = serializers.CharField(help_text="What to change.")


class ProblemsSerializer(serializers.Serializer):
    """The body of every 400."""

    problems = ProblemSerializer(many=True)


class ConflictSerializer(serializers.Serializer):
    """The body of a 409: the save was based on an old revision; here is the current one."""

    detail = serializers.CharField()
    revision = serializers.IntegerField()
    document = DocumentField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ValidationResultSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    errors = ProblemSerializer(many=True, help_text="What the engine refuses.")
    warnings = AdviceSerializer(many=True, help_text="Design advice (designer.advice).")


class DocumentSerializer(serializers.Serializer):
    """A diagram document to check without saving it (the editor's unsaved drafts)."""

    document = DocumentField()


class ImportRequestSerializer(serializers.Serializer):
    """A CloudFormation template to import, as text or as an uploaded file (one of them)."""

    template = serializers.CharField(required=False, trim_whitespace=False)
    file = serializers.FileField(required=False, help_text="A template file (YAML or JSON).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        given = [key for key in ("template", "file") if key in attrs]
        if len(given) != 1:
            raise serializers.ValidationError(
                "Send the template as text in `template`, or as an uploaded `file`: one of them.",
                code="required",
            )
        if "file" in attrs:
            attrs["template"] = _file_text(attrs.pop("file"))
        return attrs


def _file_text(upload) -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and upload.size > limit:
        raise serializers.ValidationError({"file": [f"the file is larger than {limit} bytes"]})
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        raise serializers.ValidationError({"file": ["the file is not UTF-8 text"]}) from None
    if why := text_problem(text):
        raise serializers.ValidationError({"file": [f"the file {why}"]})
    return text


class ImportResultSerializer(serializers.Serializer):
    document = DocumentField(help_text="The diagram document built from the template.")
    warnings = ProblemSerializer(many=True, help_text="What the import could not carry over.")
