"""The REST API's addresses, mounted under `/api/` (contract section 6)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from designer import lesson_views, lint_view, views
from designer.openapi import ApiDocsView

app_name = "designer"

router = SimpleRouter()
router.register("diagrams", views.DiagramViewSet, basename="diagram")

urlpatterns = [
    # Async, outside the router: see designer.lint_view.
    path("diagrams/<int:pk>/lint/", lint_view.diagram_lint, name="diagram-lint"),
    *router.urls,
    path("shared/<str:token>/", views.SharedDiagramView.as_view(), name="shared"),
    path(
        "shared/<str:token>/duplicate/",
        views.SharedDuplicateView.as_view(),
        name="shared-duplicate",
    ),
    path("catalog/", views.CatalogView.as_view(), name="catalog"),
    path("lessons/", lesson_views.LessonListView.as_view(), name="lessons"),
    path("lessons/<slug:slug>/", lesson_views.LessonDetailView.as_view(), name="lesson"),
    path(
        "lessons/<slug:slug>/check/",
        lesson_views.LessonCheckView.as_view(),
        name="lesson-check",
    ),
    path("import/", views.ImportView.as_view(), name="import"),
    path("validate/", views.ValidateDocumentView.as_view(), name="validate"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="designer:schema"), name="docs"),
]
