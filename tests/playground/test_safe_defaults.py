"""Safe defaults: DEBUG off unless asked for, a secret key of the installation's own kept
beside the database, `check --deploy` clean with the documented HTTPS settings, friendly
error pages (JSON under /api/), and the security headers with a CSP the pages satisfy."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import Client

from playground.headers import content_security_policy, import_map_text
from playground.management.commands import playground as playground_command
from tests.playground.test_settings import BASE_DIR, read_settings

DEPLOY_ENV = {
    "SECRET_KEY": "deploy-Key-9f3b7c1e5a2d8f6b4c0e7a9d1f3b5c7e9a2d4f6b8c0e",
    "EVENTYARD_HTTPS": "1",
    "EVENTYARD_HSTS_PRELOAD": "1",
    "EVENTYARD_ALLOWED_HOSTS": "eventyard.example",
}


def test_a_secret_key_is_made_once_and_kept_beside_the_database(manage_env, tmp_path):
    first = json.loads(read_settings(manage_env).stdout)["secret"]
    second = json.loads(read_settings(manage_env).stdout)["secret"]

    key_file = tmp_path / "db.sqlite3.secret-key"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50 and not first.startswith("django-insecure")
    assert key_file.stat().st_mode & 0o077 == 0  # readable by its owner only


@pytest.mark.parametrize("name", ["SECRET_KEY", "EVENTYARD_SECRET_KEY"])
def test_a_secret_key_from_the_environment_wins_and_no_file_is_made(manage_env, tmp_path, name):
    settings = json.loads(read_settings(manage_env, **{name: "s" * 55}).stdout)

    assert settings["secret"] == "s" * 55
    assert not (tmp_path / "db.sqlite3.secret-key").exists()


def check_deploy(manage_env: dict, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={**manage_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_settings(manage_env):
    result = check_deploy(manage_env, **DEPLOY_ENV)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_names_what_is_missing_without_them(manage_env):
    result = check_deploy(manage_env, EVENTYARD_DEBUG="1")

    assert result.returncode != 0
    for code in ("W004", "W008", "W012", "W016", "W018"):
        assert f"security.{code}" in result.stderr


def test_playground_debug_flag_turns_debug_on(monkeypatch, settings):
    settings.DEBUG = False
    seen = {}

    class NoServer:
        listen_failure = None

        def __init__(self, **kwargs):
            seen["debug"] = playground_command.settings.DEBUG

        def run(self):
            pass

    monkeypatch.setattr(playground_command, "_Server", NoServer)
    monkeypatch.setattr(playground_command, "call_command", lambda *a, **k: None)
    monkeypatch.setattr(playground_command, "sync_examples", lambda: None)
    monkeypatch.setattr(playground_command, "sync_lessons", lambda: None)

    call_command("playground", "127.0.0.1:8999", "--debug")

    assert seen == {"debug": True}


# --- error pages ---------------------------------------------------------------------------


def test_an_unknown_page_is_a_friendly_404_without_url_patterns(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    text = response.content.decode()
    assert 'data-error-page="404"' in text and "/no/such/page/" in text
    # DEBUG's 404 lists every URL pattern ("api/diagrams/<int:pk>/ ..."); this page lists none.
    assert "URLconf" not in text and "<int:" not in text and "api/import/" not in text


@pytest.mark.parametrize("path", ["/api/nothing/", "/api/diagrams/1/nothing/", "/api/runs/x/y/"])
def test_unknown_api_addresses_answer_json_404s(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert path in response.json()["detail"]


def test_a_failing_page_is_a_friendly_500_and_a_failing_api_call_json(db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    import designer.views
    import playground.views

    monkeypatch.setattr(playground.views, "render", broken)
    monkeypatch.setattr(designer.views, "catalog", broken)
    client = Client(raise_request_exception=False)

    page = client.get("/")
    api = client.get("/api/catalog/")

    assert page.status_code == 500 and 'data-error-page="500"' in page.content.decode()
    assert "boom" not in page.content.decode() and "Traceback" not in page.content.decode()
    assert (api.status_code, api["Content-Type"]) == (500, "application/json")
    assert "boom" not in api.content.decode()


def test_too_many_form_fields_on_the_api_is_a_json_400(db):
    client = Client(raise_request_exception=False)

    response = client.post("/api/import/", {f"f{i}": "x" for i in range(1200)})

    assert response.status_code == 400
    assert response.json()["problems"][0]["code"] == "bad_request"


def test_an_empty_multipart_body_is_a_json_400(client):
    response = client.generic(
        "POST", "/api/import/", b"", content_type="multipart/form-data; boundary=xx"
    )

    assert response.status_code == 400
    assert response.json()["problems"][0]["code"] == "required"


# --- headers ---------------------------------------------------------------------------------


def test_pages_carry_the_security_headers(db, client):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Content-Security-Policy"] == content_security_policy()


def test_the_csp_allows_exactly_the_pages_one_inline_script(db, client):
    text = client.get("/").content.decode()

    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", text, re.S)
    assert inline == [import_map_text()]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    policy = dict(part.strip().split(" ", 1) for part in content_security_policy().split(";"))
    assert policy["script-src"] == f"'self' 'sha256-{digest}'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    assert json.loads(inline[0])["imports"]["@joint/core"].startswith("/static/vendor/")
    assert not re.search(r"\son[a-z]+=", text)  # no inline event handlers either


def test_no_template_holds_an_inline_script():
    for path in (BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path


def test_check_deploy_is_clean_on_postgresql_and_redis_behind_a_proxy(manage_env):
    """README "Running on more than one process": the same settings with DATABASE_URL,
    REDIS_URL and a TLS-terminating proxy (check needs neither server to be reachable)."""
    result = check_deploy(
        manage_env,
        **DEPLOY_ENV,
        EVENTYARD_BEHIND_PROXY="1",
        DATABASE_URL="postgres://eventyard@db.internal:5432/eventyard",
        REDIS_URL="redis://cache.internal:6379/0",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
