"""Sign-up, sign-in and sign-out: Django's own auth, with a user name and a password (no
e-mail). Signing in or up moves the diagrams this browser made while anonymous into the
account (`designer.access.adopt_session_diagrams`), so a demo prepared on a laptop opens on
the classroom's computer. A form with mistakes comes back with them, status 400.
"""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from designer import access


def _next_url(request: HttpRequest) -> str:
    """Where to go after signing in: a safe `next` on this site, or the gallery."""
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/"


def _sign_in(request: HttpRequest, user) -> int:
    before = request.session.session_key
    login(request, user)
    return access.adopt_session_diagrams(before, user)


def _page(request: HttpRequest, template: str, form, *, status: int = 200) -> HttpResponse:
    context = {"page": "account", "form": form, "next": _next_url(request)}
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """A new account: a user name and a password typed twice."""
    if request.method == "GET":
        return _page(request, "playground/sign_up.html", UserCreationForm())
    form = UserCreationForm(request.POST)
    if not form.is_valid():
        return _page(request, "playground/sign_up.html", form, status=400)
    _sign_in(request, form.save())
    return redirect(_next_url(request))


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """Sign in with a user name and password."""
    if request.method == "GET":
        return _page(request, "playground/sign_in.html", AuthenticationForm(request))
    form = AuthenticationForm(request, data=request.POST)
    if not form.is_valid():
        return _page(request, "playground/sign_in.html", form, status=400)
    _sign_in(request, form.get_user())
    return redirect(_next_url(request))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out (a POST, so a link elsewhere cannot sign anyone out)."""
    logout(request)
    return redirect("/")
