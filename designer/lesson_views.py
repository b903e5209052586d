"""The lessons' API (contract section 8): the list, one lesson, and the check of a
challenge. Lessons are files (`designer.course`); each lesson's document is also a
read-only example diagram (`lesson:<slug>`), which is what a live run of it runs."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from designer import course
from designer.examples import LESSON_PREFIX
from designer.models import Diagram
from designer.parsers import SafeJSONParser
from designer.problems import bad_request
from designer.serializers import DocumentField

NOT_FOUND = OpenApiResponse(description="No such lesson.")


class CheckSerializer(serializers.Serializer):
    """A learner's design, checked against the lesson's goals."""

    document = DocumentField()


def _lesson(slug: str) -> course.Lesson:
    found = course.lesson(slug)
    if found is None:
        raise NotFound("No such lesson.")
    return found


def diagram_id(slug: str) -> int | None:
    """The id of the example diagram that holds the lesson's document (what a run runs)."""
    row = Diagram.objects.filter(example_slug=LESSON_PREFIX + slug).only("id").first()
    return row.id if row is not None else None


class LessonListView(APIView):
    """Every lesson: slug, title, topics, level, whether it is a challenge, its question."""

    @extend_schema(
        operation_id="lessons_list",
        responses={200: OpenApiResponse(description="The lessons, in order.")},
    )
    def get(self, request) -> Response:
        return Response([item.summary() for item in course.all_lessons().values()])


class LessonDetailView(APIView):
    """One lesson whole: question, steps, document, challenge (with its solution)."""

    @extend_schema(
        operation_id="lessons_retrieve",
        responses={200: OpenApiResponse(description="The lesson."), 404: NOT_FOUND},
    )
    def get(self, request, slug: str) -> Response:
        item = _lesson(slug)
        body: dict[str, Any] = item.as_dict()
        body["diagram_id"] = diagram_id(slug)
        return Response(body)


class LessonCheckView(APIView):
    """Run a design headless with the lesson's goals: `{"passed", "goals"}`."""

    parser_classes = (SafeJSONParser,)
    # A check runs the engine (up to course.MAX_CHECK_EVENTS events): a few a minute each.
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "lesson-check"

    @extend_schema(
        operation_id="lessons_check",
        request=CheckSerializer,
        responses={
            200: OpenApiResponse(description="Each goal passed or failed."),
            400: OpenApiResponse(description="Problems with the design, with their paths."),
            404: NOT_FOUND,
        },
    )
    def post(self, request, slug: str) -> Response:
        item = _lesson(slug)
        serializer = CheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not item.goals:
            raise bad_request(
                [{"path": "", "code": "no_goals", "message": "this lesson has no goals to check"}]
            )
        try:
            result = course.check_lesson(item, serializer.validated_data["document"])
        except course.CheckError as error:
            raise bad_request([p.as_dict() for p in error.problems]) from error
        return Response(result)
