"""Lessons (contract section 8): every lesson loads and covers the study topics, every
step's focus names a node, every explanation quotes its run, every challenge fails before
and passes after; the API lists, serves and checks them, with 400s that name the path."""

from __future__ import annotations

import copy
import json

import pytest

from designer import course
from designer.examples import LESSON_PREFIX, sync_examples, sync_lessons
from designer.models import Diagram

LESSONS = sorted(course.all_lessons())


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no checks counted against the visitor (the throttle's cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


CHALLENGES = [slug for slug in LESSONS if course.lesson(slug).challenge]


def test_the_lessons_cover_every_study_topic_and_there_are_eight_challenges():
    covered = {topic for slug in LESSONS for topic in course.lesson(slug).topics}
    assert covered == set(course.TOPICS)
    assert len(CHALLENGES) >= 8


@pytest.mark.parametrize("slug", LESSONS)
def test_each_lesson_is_whole(slug):
    item = course.lesson(slug)
    assert item.question["answer"] in range(len(item.question["choices"]))
    nodes = {node["id"] for node in item.document["nodes"]}
    for step in item.steps:
        assert set(step["focus"]) <= nodes
    text = course.explain(item)
    assert "{" not in text  # every {node.Metric} replaced by the run's value
    assert any(ch.isdigit() for ch in text), "an explanation quotes numbers from the run"


@pytest.mark.parametrize("slug", CHALLENGES)
def test_each_challenge_fails_before_and_passes_after(slug):
    item = course.lesson(slug)
    before = course.check_lesson(item, item.document)
    after = course.check_lesson(item, item.challenge["solution"])
    assert not before["passed"] and after["passed"]
    assert item.challenge["hints"], "hints on demand"


def test_a_design_cannot_pass_by_dropping_the_goals_or_the_nodes_they_name():
    item = course.lesson("fix-the-filter-policy")
    cheat = copy.deepcopy(item.document)
    cheat["sim"]["goals"] = []
    assert not course.check(item.goals, item.document, cheat)["passed"]
    gone = copy.deepcopy(item.document)
    gone["nodes"] = [n for n in gone["nodes"] if n["id"] != "urgent"]
    gone["edges"] = [e for e in gone["edges"] if "urgent" not in (e["source"], e["target"])]
    result = course.check(item.goals, item.document, gone)
    (missing,) = [g for g in result["goals"] if g.get("reason")]
    assert missing["passed"] is False and "urgent" in missing["reason"]


def test_a_broken_lesson_is_an_error_that_names_it(tmp_path):
    folder = tmp_path / "broken-lesson"
    folder.mkdir()
    item = course.lesson("decouple-with-a-queue")
    meta = {
        "title": "x",
        "topics": ["not-a-topic"],
        "level": 1,
        "question": {"text": "q", "choices": ["a", "b"], "answer": 5, "explanation": "e"},
        "steps": [{"text": "s", "focus": ["nowhere"], "until": 10}],
    }
    (folder / "lesson.json").write_text(json.dumps(meta))
    (folder / "diagram.json").write_text(json.dumps(item.document))
    with pytest.raises(course.LessonError) as raised:
        course.read_lesson(folder)
    message = str(raised.value)
    assert "not-a-topic" in message and "answer" in message and "nowhere" in message


@pytest.mark.django_db
def test_the_api_lists_serves_and_checks_lessons(client):
    sync_examples()
    sync_lessons()
    listed = client.get("/api/lessons/").json()
    assert [item["slug"] for item in listed] == LESSONS
    assert all(item["level"] in (1, 2, 3) and item["topics"] for item in listed)
    assert all(set(item["question"]) == {"text", "choices"} for item in listed)  # no answer
    body = client.get("/api/lessons/fix-the-filter-policy/").json()
    assert set(body) >= {"slug", "title", "topics", "level", "question", "steps", "document"}
    assert body["challenge"]["solution"]["nodes"]
    row = Diagram.objects.get(example_slug=LESSON_PREFIX + "fix-the-filter-policy")
    assert body["diagram_id"] == row.id and row.document == body["document"]
    gallery = client.get("/api/diagrams/").json()
    assert not any((d.get("name") or "").startswith("Challenge:") for d in gallery)
    assert client.get(f"/api/diagrams/{row.id}/").status_code == 200  # opened from the lesson
    url = "/api/lessons/fix-the-filter-policy/check/"
    failed = client.post(url, {"document": body["document"]}, content_type="application/json")
    assert failed.status_code == 200 and failed.json()["passed"] is False
    solution = body["challenge"]["solution"]
    passed = client.post(url, {"document": solution}, content_type="application/json")
    assert passed.json()["passed"] is True
    assert {g["name"] for g in passed.json()["goals"]} == {
        g["name"] for g in body["document"]["sim"]["goals"]
    }


@pytest.mark.django_db
def test_bad_checks_are_400s_with_paths_and_unknown_lessons_404(client):
    url = "/api/lessons/fix-the-filter-policy/check/"
    post = lambda body: client.post(url, body, content_type="application/json")  # noqa: E731
    bad = post({"document": {"format": "eventyard/1", "nodes": [{"id": "x", "type": "nope"}]}})
    assert bad.status_code == 400
    assert any(p["path"].startswith("document.nodes[0]") for p in bad.json()["problems"])
    assert post({"document": []}).status_code == 400
    assert client.post(url, "{", content_type="application/json").status_code == 400
    assert client.get("/api/lessons/no-such-lesson/").status_code == 404
    assert post({}).status_code == 400
    no_goals = "/api/lessons/fan-out-with-sns/check/"
    plain = course.lesson("fan-out-with-sns").document
    answer = client.post(no_goals, {"document": plain}, content_type="application/json")
    assert answer.status_code == 400 and answer.json()["problems"][0]["code"] == "no_goals"


@pytest.mark.django_db
def test_a_design_that_floods_the_engine_is_refused_not_run_for_ever(client, monkeypatch):
    monkeypatch.setattr(course, "MAX_CHECK_EVENTS", 1000)
    item = course.lesson("keep-up-with-a-stream")
    answer = client.post(
        "/api/lessons/keep-up-with-a-stream/check/",
        {"document": item.document},
        content_type="application/json",
    )
    assert answer.status_code == 400 and answer.json()["problems"][0]["code"] == "too_busy"


def test_the_least_privilege_challenge_reads_the_exported_role():
    item = course.lesson("narrow-the-role")
    before = course.check_lesson(item, item.document)
    (role,) = [g for g in before["goals"] if g["name"].startswith("the role of")]
    assert (
        not role["passed"]
        and "sns:Publish" in role["reason"]
        and "sqs:SendMessage" in role["reason"]
    )
    assert course.role_actions(item.challenge["solution"], "report") == set(
        item.challenge["roles"]["report"]
    )
    too_little = copy.deepcopy(item.challenge["solution"])
    too_little["edges"] = [e for e in too_little["edges"] if e["target"] != "reports"]
    result = course.check_lesson(item, too_little)
    (role,) = [g for g in result["goals"] if g["name"].startswith("the role of")]
    assert "lacks dynamodb:PutItem" in role["reason"]


@pytest.mark.django_db
def test_checks_are_rate_limited_per_visitor(client, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"lesson-check": "2/min"})
    url = "/api/lessons/fix-the-filter-policy/check/"
    document = course.lesson("fix-the-filter-policy").document
    codes = [
        client.post(url, {"document": document}, content_type="application/json").status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]
