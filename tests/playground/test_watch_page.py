"""The live playground's pages without a browser: the watch page behind a run's
`watch_url`, the editor's run controls and live panel, the vendored chart library, and the
live modules that must stay free of the DOM. The browser side is tests/browser/test_live.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from designer.models import Diagram
from tests.playground.live_support import busy_doc, post_run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manager")]

ROOT = Path(__file__).resolve().parents[2]
UPLOT = ROOT / "static" / "vendor" / "uplot-1.6.32"
JS = ROOT / "static" / "designer" / "js"
NO_DOM = [
    "net/socket.js",
    "model/live/run-state.js",
    "model/live/token-plan.js",
    "model/live/event-store.js",
    "app/live-session.js",
]


@pytest.fixture
def example() -> Diagram:
    return Diagram.objects.create(
        is_example=True, example_slug="busy", name="Busy <b>example</b>", document=busy_doc()
    )


def test_the_watch_link_opens_a_read_only_page_for_anyone_with_it(example):
    owner, friend = Client(), Client()
    run = post_run(owner, {"diagram": example.pk}).json()
    links = owner.post(f"/api/runs/{run['id']}/share/").json()
    assert links["watch_url"] == f"/runs/{run['id']}/?watch={links['token']}"

    response = friend.get(links["watch_url"])

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-page="watch"' in html and f'data-run-id="{run["id"]}"' in html
    assert "data-canvas" in html and "data-live-panel" in html
    assert 'data-action="run"' not in html and 'data-control="speed"' not in html
    assert "Busy &lt;b&gt;example&lt;/b&gt;" in html and "<b>example" not in html


def test_the_watch_page_answers_404_without_the_right_token(example):
    owner, stranger = Client(), Client()
    run = post_run(owner, {"diagram": example.pk}).json()
    owner.post(f"/api/runs/{run['id']}/share/")

    assert stranger.get(f"/runs/{run['id']}/").status_code == 404
    assert stranger.get(f"/runs/{run['id']}/?watch=wrong").status_code == 404
    assert stranger.get("/runs/no-such-run/?watch=x").status_code == 404
    assert owner.get(f"/runs/{run['id']}/").status_code == 200  # the owner needs no token


def test_the_editor_has_the_run_controls_and_a_hidden_live_panel(client, example):
    html = client.get(f"/diagrams/{example.pk}/").content.decode()
    for action in ("run", "pause", "resume", "step", "step-second", "reset", "share"):
        assert f'data-action="{action}"' in html
    assert 'data-control="speed"' in html
    assert re.search(r"<section[^>]*data-live-panel[^>]*hidden", html)
    assert "/static/designer/css/live.css" in html


def test_uplot_is_vendored_unmodified_with_its_licence_and_mapped(client):
    assert "MIT License" in (UPLOT / "LICENSE").read_text()
    package = (UPLOT / "package.json").read_text()
    assert '"version": "1.6.32"' in package and '"license": "MIT"' in package
    notes = (UPLOT / "VENDORED.md").read_text()
    assert "1.6.32" in notes and "MIT" in notes
    module = (UPLOT / "dist" / "uPlot.esm.js").read_text()
    assert module.rstrip().endswith("export { uPlot as default };")
    html = client.get("/").content.decode()
    assert '"uplot": "/static/vendor/uplot-1.6.32/dist/uPlot.esm.js"' in html
    css = (ROOT / "static" / "designer" / "css" / "live.css").read_text()
    assert '@import url("../../vendor/uplot-1.6.32/dist/uPlot.min.css")' in css


@pytest.mark.parametrize("name", NO_DOM)
def test_the_live_model_and_network_modules_have_no_dom(name):
    code = re.sub(r"^\s*//.*$", "", (JS / name).read_text(), flags=re.MULTILINE)
    assert not re.search(r"(?<![\w./'])(document|window)\.", code), f"{name} touches the DOM"
