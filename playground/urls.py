"""HTTP routes of the site (contract section 6)."""

from django.urls import include, path

from playground import accounts, health, views

urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("healthz", health.healthz, name="healthz"),
    path("diagrams/new/", views.new_diagram, name="new-diagram"),
    path("diagrams/<int:pk>/", views.editor, name="editor"),
    path("lessons/", views.lessons_index, name="lessons"),
    path("lessons/<slug:slug>/", views.lesson_page, name="lesson"),
    path("lessons/<slug:slug>/handout/", views.lesson_handout, name="lesson-handout"),
    # A diagram shared by link, read-only (`/api/diagrams/<id>/share/` makes the token).
    path("shared/<str:token>/", views.shared_diagram, name="shared-diagram"),
    path("accounts/sign-up/", accounts.sign_up, name="sign-up"),
    path("accounts/sign-in/", accounts.sign_in, name="sign-in"),
    path("accounts/sign-out/", accounts.sign_out, name="sign-out"),
    # A live run's watch page (its `watch_url`); run ids are URL-safe base64.
    path("runs/<slug:run_id>/", views.watch_run, name="watch-run"),
    # Live runs (playground/runs/): before the designer's API, which has no runs/ prefix.
    path("api/runs/", include("playground.runs.urls")),
    path("api/", include("designer.urls")),
]

handler400 = "playground.errors.bad_request"
handler404 = "playground.errors.page_not_found"
handler500 = "playground.errors.server_error"
