"""The live runs' HTTP addresses, mounted at `/api/runs/` by `playground.urls`."""

from django.urls import path

from playground.runs import api

app_name = "runs"

# Run ids are URL-safe base64 (`secrets.token_urlsafe`); the pattern keeps anything else out.
urlpatterns = [
    path("", api.RunsView.as_view(), name="list"),
    path("<slug:run_id>/", api.RunView.as_view(), name="detail"),
    path("<slug:run_id>/share/", api.RunShareView.as_view(), name="share"),
    path("<slug:run_id>/report/", api.RunReportView.as_view(), name="report"),
]
