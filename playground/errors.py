"""Error answers of the whole site (`handler400`, `handler404`, `handler500` in the URLconf):
JSON `{"detail"}` under `/api/`, friendly pages elsewhere. With DEBUG on, Django shows its
own technical pages instead (and lists the URL patterns), which is why DEBUG is off unless
asked for (`playground.settings`).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

API_PREFIX = "/api/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A request Django itself refused (too many fields, a body over the size limit, a
    suspicious header): a problem under `/api/`, a page elsewhere."""
    if _is_api(request):
        message = "The request could not be read (too large, too many fields, or malformed)."
        problem = {"path": "", "code": "bad_request", "message": message}
        return JsonResponse({"problems": [problem]}, status=400)
    return render(request, "400.html", status=400)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": f"No such address in the API: {request.path}"}, status=404)
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "The server failed; the error was logged."}, status=500)
    # No request context: what failed may be the session or the database it reads.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
