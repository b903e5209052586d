"""`GET /api/diagrams/<id>/lint/?format=yaml|json|sam`: cfn-lint's findings for the template
`GET /api/diagrams/<id>/export/` gives (README "API").

An async view, not a DRF one: a lint takes a second or more in a child process, and a
sync view would hold the thread every sync view of the process shares while it waits.
Who may read which diagram is `designer.access`, as for the export.
"""

from __future__ import annotations

from asgiref.sync import sync_to_async
from django.http import HttpRequest, JsonResponse

from designer import access
from designer.cloudformation import export_template
from designer.cloudformation.export import FORMATS
from designer.cloudformation.lint import LintBusy, LintFailed, lint_template
from designer.problems import join
from engine import DiagramError

NOT_FOUND = "No such diagram for this caller."


def _template(request: HttpRequest, pk: int, fmt: str) -> str | None:
    diagram = access.readable(request).filter(pk=pk).first()
    return None if diagram is None else export_template(diagram.document, fmt=fmt)


async def diagram_lint(request: HttpRequest, pk: int) -> JsonResponse:
    if request.method != "GET":
        return JsonResponse({"detail": f'Method "{request.method}" not allowed.'}, status=405)
    fmt = request.GET.get("format", "yaml")
    if fmt not in FORMATS:
        problem = {
            "path": "format",
            "code": "invalid_choice",
            "message": f"the format must be one of {', '.join(FORMATS)}",
        }
        return JsonResponse({"problems": [problem]}, status=400)
    try:
        text = await sync_to_async(_template)(request, pk, fmt)
    except DiagramError as error:  # a stored draft that does not export: as the export says
        problems = [{**p.as_dict(), "path": join("document", p.path)} for p in error.problems]
        return JsonResponse({"problems": problems}, status=400)
    if text is None:
        return JsonResponse({"detail": NOT_FOUND}, status=404)
    try:
        result = await lint_template(text)
    except LintBusy as busy:
        return JsonResponse({"detail": str(busy)}, status=503, headers={"Retry-After": "2"})
    except LintFailed as failed:
        return JsonResponse({"detail": str(failed)}, status=503)
    return JsonResponse({"format": fmt, **result})
