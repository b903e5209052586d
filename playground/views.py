"""Pages of the site. Views stay thin: the pages are shells that the browser code in
`static/designer/js/` fills from the REST API (`/api/...`); the views only check that a
diagram exists for this visitor, so a wrong address answers 404 before any script runs.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render

from designer import access, course
from designer.examples import LESSON_PREFIX
from designer.models import Diagram
from playground.pictures import diagram_picture
from playground.runs.manager import get_manager
from playground.runs.owners import request_owner


def gallery(request: HttpRequest) -> HttpResponse:
    """The front page: the visitor's diagrams and the examples, listed by the browser code
    from `/api/diagrams/` (new, open, duplicate, delete)."""
    get_token(request)  # the CSRF cookie, for the page's first unsafe request
    return render(request, "playground/gallery.html", {"page": "gallery"})


def editor(request: HttpRequest, pk: int) -> HttpResponse:
    """The designer canvas for one diagram the visitor may read (an example opens read-only).
    `?lesson=<slug>` keeps a lesson's panel beside a learner's copy of its diagram."""
    diagram = get_object_or_404(access.readable(request), pk=pk)
    get_token(request)
    context = {"page": "editor", "diagram": diagram, "read_only": diagram.is_example}
    slug = request.GET.get("lesson")
    if isinstance(slug, str) and course.lesson(slug) is not None:
        context["lesson"] = course.lesson(slug)
    return render(request, "playground/editor.html", context)


def lessons_index(request: HttpRequest) -> HttpResponse:
    """Every lesson, by level, with its topics; the learner's progress is the browser's."""
    lessons = list(course.all_lessons().values())
    levels = [
        (level, name, [item for item in lessons if item.level == level])
        for level, name in course.LEVELS.items()
    ]
    context = {"page": "lessons", "levels": levels, "count": len(lessons)}
    return render(request, "playground/lessons.html", context)


def lesson_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A lesson: its diagram in the editor (read-only, runnable) and the lesson beside it."""
    item = course.lesson(slug)
    if item is None:
        raise Http404("No such lesson.")
    diagram = get_object_or_404(
        Diagram.objects.filter(is_example=True), example_slug=LESSON_PREFIX + slug
    )
    get_token(request)
    context = {"page": "editor", "diagram": diagram, "read_only": True, "lesson": item}
    return render(request, "playground/editor.html", context)


def lesson_handout(request: HttpRequest, slug: str) -> HttpResponse:
    """A printable page of a lesson: the question, a picture of its diagram, the answer and
    the explanation with the run's figures."""
    item = course.lesson(slug)
    if item is None:
        raise Http404("No such lesson.")
    context = {
        "page": "handout",
        "lesson": item,
        "explanation": course.explain(item),
        "answer": item.question["choices"][item.question["answer"]],
        "picture": diagram_picture(item.document),
    }
    return render(request, "playground/handout.html", context)


def shared_diagram(request: HttpRequest, token: str) -> HttpResponse:
    """A diagram someone shared by link: the editor, read-only, with "Duplicate to edit"."""
    diagram = get_object_or_404(access.shared_diagrams(), share_token=token)
    get_token(request)
    context = {"page": "editor", "diagram": diagram, "read_only": True, "share_token": token}
    return render(request, "playground/editor.html", context)


def new_diagram(request: HttpRequest) -> HttpResponse:
    """A new empty diagram: the browser code creates it through the API, then opens it."""
    get_token(request)
    return render(request, "playground/editor.html", {"page": "editor", "diagram": None})


def watch_run(request: HttpRequest, run_id: str) -> HttpResponse:
    """A live run, watched read-only (`/runs/<id>/?watch=<token>`, the run's `watch_url`):
    its canvas, counters, tokens, chart and log, without controls. 404 unless the run is
    live in this process and the token is its watch token (or the visitor owns it)."""
    run = get_manager().get(run_id)
    token = request.GET.get("watch")
    if run is None or run.role_for(request_owner(request), token) is None:
        raise Http404("No such live run for this link (closed, or the link is wrong).")
    get_token(request)
    context = {"page": "watch", "run_id": run.id, "name": run.source.name}
    # A lesson's run (the classroom): the students see its question and answer it.
    slug = (
        Diagram.objects.filter(pk=run.source.id, is_example=True)
        .values_list("example_slug", flat=True)
        .first()
    )
    if slug and slug.startswith(LESSON_PREFIX):
        context["lesson"] = course.lesson(slug.removeprefix(LESSON_PREFIX))
        if not request.session.session_key:  # one answer per student's browser
            request.session.save()
    return render(request, "playground/watch.html", context)
