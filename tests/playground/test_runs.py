"""Live runs over HTTP (`/api/runs/`), and the protocol's building blocks: control
checking, event aggregation, the replay buffer and the limits' settings."""

from __future__ import annotations

import orjson
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from designer.models import Diagram
from playground import bench
from playground import settings as site_settings
from playground.runs import controls
from playground.runs.controls import ControlError
from playground.runs.frames import ReplayBuffer, select_events
from tests.playground.live_support import busy_doc, post_run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("manager")]


@pytest.fixture
def example() -> Diagram:
    doc = busy_doc(duration=30)
    return Diagram.objects.create(
        is_example=True, example_slug="busy", name="Busy example", document=doc
    )


def own_diagram(client: Client) -> int:
    """A diagram saved by `client` (which gets a session if it had none)."""
    body = {"name": "Mine", "document": busy_doc()}
    response = client.post("/api/diagrams/", orjson.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def problems(response) -> list[tuple[str, str]]:
    return [(p["path"], p["code"]) for p in response.json()["problems"]]


def test_a_run_is_made_ready_and_belongs_to_its_caller(example):
    owner, stranger = Client(), Client()

    response = post_run(owner, {"diagram": example.pk, "seed": 9, "duration": 12.5})

    assert response.status_code == 201
    run = response.json()
    assert run["ws"] == f"/ws/runs/{run['id']}/" and run["status"] == "ready"
    assert (run["seed"], run["duration"], run["time"]) == (9, 12.5, 0.0)
    assert run["diagram"] == {"id": example.pk, "name": "Busy example"}
    assert [r["id"] for r in owner.get("/api/runs/").json()] == [run["id"]]
    assert owner.get(f"/api/runs/{run['id']}/").json()["diagram"]["document"]["nodes"]
    assert stranger.get("/api/runs/").json() == []
    assert stranger.get(f"/api/runs/{run['id']}/").status_code == 404
    assert stranger.delete(f"/api/runs/{run['id']}/").status_code == 404


def test_the_document_seed_and_duration_are_the_defaults(example):
    run = post_run(Client(), {"diagram": example.pk}).json()
    assert (run["seed"], run["duration"]) == (3, 30.0)


def test_only_a_diagram_the_caller_may_read_can_be_run():
    author, stranger = Client(), Client()
    diagram_id = own_diagram(author)

    assert post_run(author, {"diagram": diagram_id}).status_code == 201
    assert post_run(stranger, {"diagram": diagram_id}).status_code == 404
    assert post_run(stranger, {"diagram": 10**9}).status_code == 404


def test_a_shared_diagram_runs_by_its_token_for_anyone():
    author, friend = Client(), Client()
    diagram_id = own_diagram(author)
    token = author.post(f"/api/diagrams/{diagram_id}/share/").json()["token"]

    response = post_run(friend, {"shared": token})

    assert response.status_code == 201
    assert response.json()["diagram"]["id"] == diagram_id
    assert post_run(friend, {"shared": "nope"}).status_code == 404


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, [("diagram", "required")]),
        ({"diagram": 1, "shared": "x"}, [("diagram", "required")]),
        ({"diagram": "one"}, [("diagram", "invalid")]),
        ({"diagram": 1, "duration": 0}, [("duration", "min_value")]),
        ({"diagram": 1, "seed": "abc"}, [("seed", "invalid")]),
    ],
)
def test_bad_requests_are_400_problems_naming_the_field(body, expected):
    assert problems(post_run(Client(), body)) == expected


def test_a_body_that_is_not_json_is_a_400_problem():
    response = Client().post("/api/runs/", "{nope", content_type="application/json")
    assert response.status_code == 400 and problems(response) == [("", "parse_error")]


def test_a_stored_document_the_engine_refuses_is_400_with_document_paths():
    doc = busy_doc()
    doc["nodes"][1]["props"]["VisibilityTimeout"] = 50000
    broken = Diagram.objects.create(is_example=True, example_slug="broken", name="x", document=doc)

    response = post_run(Client(), {"diagram": broken.pk})

    assert response.status_code == 400
    assert ("document.nodes[1].props.VisibilityTimeout", "out_of_range") in problems(response)


def test_an_owner_may_hold_only_a_few_runs_and_closing_one_frees_a_slot(example, settings):
    settings.EVENTYARD_RUNS_PER_OWNER = 2
    owner = Client()
    first = post_run(owner, {"diagram": example.pk}).json()["id"]
    post_run(owner, {"diagram": example.pk})

    refused = post_run(owner, {"diagram": example.pk})

    assert refused.status_code == 429
    assert problems(refused) == [("", "too_many_runs")]
    message = refused.json()["problems"][0]["message"]
    assert "Close one" in message and "EVENTYARD" not in message  # plain words
    assert first in refused.json()["runs"]
    assert post_run(Client(), {"diagram": example.pk}).status_code == 201  # others may
    assert owner.delete(f"/api/runs/{first}/").status_code == 204
    assert owner.get(f"/api/runs/{first}/").status_code == 404
    assert post_run(owner, {"diagram": example.pk}).status_code == 201


def test_a_signed_in_user_owns_their_runs_in_every_browser(example, django_user_model):
    user = django_user_model.objects.create_user("ada", password="not-used-here")
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)

    run_id = post_run(laptop, {"diagram": example.pk}).json()["id"]

    assert [r["id"] for r in phone.get("/api/runs/").json()] == [run_id]


def test_sharing_a_run_gives_one_watch_token_for_reading_it(example):
    owner, watcher = Client(), Client()
    run_id = post_run(owner, {"diagram": example.pk}).json()["id"]

    made = owner.post(f"/api/runs/{run_id}/share/")
    again = owner.post(f"/api/runs/{run_id}/share/")

    assert (made.status_code, again.status_code) == (201, 200)
    links = made.json()
    assert again.json() == links
    assert links["ws"] == f"/ws/runs/{run_id}/?watch={links['token']}"
    assert links["watch_url"] == f"/runs/{run_id}/?watch={links['token']}"
    seen = watcher.get(f"/api/runs/{run_id}/", {"watch": links["token"]})
    assert seen.status_code == 200 and seen.json()["shared"] is True
    assert watcher.get(f"/api/runs/{run_id}/", {"watch": "guess"}).status_code == 404
    assert watcher.post(f"/api/runs/{run_id}/share/").status_code == 404
    assert watcher.delete(f"/api/runs/{run_id}/").status_code == 404


def test_starting_a_run_with_a_session_cookie_needs_the_csrf_token(example):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/api/diagrams/")  # sets the csrftoken cookie
    browser.cookies["sessionid"] = "any-session-cookie-at-all"

    assert post_run(browser, {"diagram": example.pk}).status_code == 403
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        "/api/runs/",
        orjson.dumps({"diagram": example.pk}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201


# --- the protocol's building blocks --------------------------------------------------
def test_controls_are_parsed_into_their_fields():
    assert controls.parse({"type": "speed", "value": "max"}).speed is None
    assert controls.parse({"type": "speed", "value": 100}).speed == 100.0
    assert controls.parse({"type": "step", "unit": "second"}).unit == "second"
    inject = controls.parse(
        {"type": "inject", "node": "q", "payload": None, "attributes": {"n": [1, "a"]}}
    )
    assert (inject.node, inject.payload, inject.attributes) == ("q", None, {"n": [1, "a"]})


def test_more_than_ten_attributes_are_refused_as_on_aws():
    attributes = {f"a{i}": i for i in range(11)}
    with pytest.raises(ControlError) as refused:
        controls.parse({"type": "inject", "node": "q", "payload": 1, "attributes": attributes})
    assert (refused.value.field, refused.value.code) == ("attributes", "too_many")


def test_aggregation_keeps_an_even_sample_and_counts_the_rest():
    events = [{"t": i, "event": "deliver", "node": "q", "edge": "e1"} for i in range(10)]
    events += [{"t": 10 + i, "event": "invoke", "node": "f"} for i in range(10)]

    shown, omitted = select_events(events, 4)

    assert [e["t"] for e in shown] == [0, 5, 10, 15]
    assert omitted == {
        "events": 16,
        "nodes": {"q": {"deliver": 8}, "f": {"invoke": 8}},
        "edges": {"e1": 8},
    }
    assert select_events(events[:3], 4) == (events[:3], {"events": 0, "nodes": {}, "edges": {}})


def test_the_replay_buffer_answers_only_for_what_it_still_holds():
    buffer = ReplayBuffer(3)
    for seq in range(1, 6):
        buffer.add(seq, f"frame {seq}")

    assert buffer.since(2, 5) == [(3, "frame 3"), (4, "frame 4"), (5, "frame 5")]
    assert buffer.since(4, 5) == [(5, "frame 5")]
    assert buffer.since(5, 5) == []
    assert buffer.since(1, 5) is None  # frame 2 is gone
    assert buffer.since(6, 5) is None  # never sent
    assert ReplayBuffer(3).since(0, 0) == []


def test_a_bad_limit_in_the_environment_stops_the_server_with_its_name(monkeypatch):
    monkeypatch.setenv("EVENTYARD_RUN_MAX_EVENTS", "lots")
    with pytest.raises(ImproperlyConfigured, match="EVENTYARD_RUN_MAX_EVENTS"):
        site_settings._env_number("EVENTYARD_RUN_MAX_EVENTS", 1)
    monkeypatch.setenv("EVENTYARD_RUN_IDLE_SECONDS", "nan")
    with pytest.raises(ImproperlyConfigured, match="at least"):
        site_settings._env_number("EVENTYARD_RUN_IDLE_SECONDS", 1.0, kind=float)
    monkeypatch.setenv("EVENTYARD_RUNS_PER_OWNER", "5")
    assert site_settings._env_number("EVENTYARD_RUNS_PER_OWNER", 3) == 5


def test_the_bench_watches_a_run_through_a_real_daphne_server(capsys):
    # End to end over real sockets: HTTP session cookie, origin check, watch token, frames.
    bench.main(["--watchers", "3", "--seconds", "1"])

    out = capsys.readouterr().out
    row = next(line.split() for line in out.splitlines() if line.strip().startswith("3 "))
    frames, lost = float(row[1]), int(row[5])
    assert frames >= 5 and lost == 0
