"""Pages of the site. Views stay thin: data comes from `playground.examples` and the engine."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from playground.examples import list_examples


def gallery(request: HttpRequest) -> HttpResponse:
    """The front page: the example diagrams, by name."""
    return render(request, "playground/gallery.html", {"examples": list_examples()})
