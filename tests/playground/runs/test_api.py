"""`playground.runs.api`: making runs needs the CSRF token and is limited per address;
runs no socket opens are swept; share links and watch tokens can be revoked."""

from __future__ import annotations

import time

import orjson
import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from django.test import Client

from designer.models import Diagram
from playground.runs.manager import RunManager, replace_manager
from playground.runs.ticker import FakePacer
from tests.playground.live_support import busy_doc, open_socket, post_run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest_asyncio.fixture(autouse=True)
async def manager():
    fresh = RunManager(pacer=FakePacer())
    old = replace_manager(fresh)
    yield fresh
    await fresh.shutdown()
    replace_manager(old)


@pytest.fixture
def example() -> Diagram:
    return Diagram.objects.create(
        is_example=True, example_slug="busy", name="Busy", document=busy_doc()
    )


def shared_diagram() -> tuple[Client, int, str]:
    """A diagram saved and shared by its author: (author, id, share token)."""
    author = Client()
    body = {"name": "Mine", "document": busy_doc()}
    made = author.post("/api/diagrams/", orjson.dumps(body), content_type="application/json")
    diagram_id = made.json()["id"]
    token = author.post(f"/api/diagrams/{diagram_id}/share/").json()["token"]
    return author, diagram_id, token


def test_a_client_without_cookies_or_csrf_token_cannot_make_a_run(example):
    script = Client(enforce_csrf_checks=True)

    refused = post_run(script, {"diagram": example.pk})

    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert "sessionid" not in script.cookies
    script.get("/")  # a page load gives the CSRF cookie, as in a browser
    token = script.cookies["csrftoken"].value
    made = script.post(
        "/api/runs/",
        orjson.dumps({"diagram": example.pk}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert made.status_code == 201 and "sessionid" in made.cookies


def test_one_address_may_make_only_so_many_runs_a_minute(example, settings, manager):
    settings.EVENTYARD_RUNS_PER_ADDRESS_PER_MINUTE = 3
    answers = [post_run(Client(), {"diagram": example.pk}) for _ in range(4)]

    assert [a.status_code for a in answers] == [201, 201, 201, 429]
    problem = answers[-1].json()["problems"][0]
    assert problem["code"] == "rate_limited"
    assert "Wait 20 seconds" in problem["message"] and "EVENTYARD" not in problem["message"]
    assert answers[-1].json()["retry_after"] == 20 and answers[-1]["Retry-After"] == "20"
    manager.pacer.elapse(20)  # a third of a minute: one more
    assert post_run(Client(), {"diagram": example.pk}).status_code == 201
    assert post_run(Client(), {"diagram": example.pk}).status_code == 429


def test_runs_no_socket_opens_are_swept_on_their_own(example, settings, manager):
    settings.EVENTYARD_RUN_UNOPENED_SECONDS = 0.2  # the sweeper looks every 50 ms
    run_id = post_run(Client(), {"diagram": example.pk}).json()["id"]
    run = manager.get(run_id)
    assert run is not None
    manager.pacer.elapse(1)

    for _ in range(200):  # polled, not timed: the sweeper thread runs by itself
        if manager.get(run_id) is None:
            break
        time.sleep(0.02)

    assert manager.get(run_id) is None
    assert (run.status, run.reason, run.sim) == ("stopped", "unopened", None)


def test_a_run_from_a_revoked_share_link_no_longer_shows_the_document():
    author, diagram_id, token = shared_diagram()
    friend = Client()
    run_id = post_run(friend, {"shared": token}).json()["id"]
    assert friend.get(f"/api/runs/{run_id}/").json()["diagram"]["document"]["nodes"]

    assert author.delete(f"/api/diagrams/{diagram_id}/share/").status_code == 204

    diagram = friend.get(f"/api/runs/{run_id}/").json()["diagram"]
    assert diagram == {"id": diagram_id, "name": "Mine", "revoked": True}


def test_a_run_the_author_makes_from_their_own_share_keeps_the_document():
    author, diagram_id, token = shared_diagram()
    run_id = post_run(author, {"shared": token}).json()["id"]
    author.delete(f"/api/diagrams/{diagram_id}/share/")

    assert author.get(f"/api/runs/{run_id}/").json()["diagram"]["document"]["nodes"]


@pytest.mark.parametrize("fanout", ["direct", "group"])
async def test_revoking_a_watch_token_disconnects_its_watchers_and_the_run_goes_on(
    example, settings, fanout
):
    settings.EVENTYARD_RUN_FANOUT = fanout
    owner = Client()

    @sync_to_async
    def setup() -> tuple[str, str]:
        run_id = post_run(owner, {"diagram": example.pk}).json()["id"]
        return run_id, owner.post(f"/api/runs/{run_id}/share/").json()["token"]

    run_id, token = await setup()
    owner_socket = await open_socket(run_id, cookie=owner.cookies["sessionid"].value)
    watcher = await open_socket(run_id, query=f"watch={token}")
    await owner_socket.frame(), await watcher.frame()

    revoked = await sync_to_async(owner.delete)(f"/api/runs/{run_id}/share/")

    assert revoked.status_code == 204
    told = await watcher.frame()
    assert (told["type"], told["field"], told["code"]) == ("error", "watch", "revoked")
    closed = await watcher.communicator.receive_output(timeout=5)
    assert closed == {"type": "websocket.close", "code": 4403}
    await owner_socket.send({"type": "step", "unit": "second"})
    assert (await owner_socket.frame())["type"] == "tick"  # the owner and the run go on
    stranger = Client()
    seen = await sync_to_async(stranger.get)(f"/api/runs/{run_id}/", {"watch": token})
    assert seen.status_code == 404
    again = await sync_to_async(owner.post)(f"/api/runs/{run_id}/share/")
    assert again.status_code == 201 and again.json()["token"] != token
