"""Lessons (contract section 8): each teaches one study question by running it.

A lesson is a folder `designer/lessons/<slug>/`: `lesson.json` (title, topics, level, the
question with its choices, answer and explanation, the steps, and for a challenge its text
and hints), `diagram.json` (the document the learner runs, or for a challenge the broken
design) and, for a challenge, `solution.json` (a design that passes every goal). Lessons
are read once and checked whole: every document loads, every step's `focus` names nodes
of the document, a challenge's document fails one of its goals and its solution passes
them all. A file that breaks these rules is an error in the product (`LessonError`).

An explanation may quote the run: `{node.Metric}` (or `{ledger.bucket}`) is replaced by
the value it has when the last step ends, from a headless run of the lesson's document
with its seed: the same run, to the event, as the one the learner watches live.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from engine import DiagramError, Simulation, load_diagram
from engine.core.errors import Problem

TOPICS = (
    "loose-coupling",
    "stream-processing",
    "step-functions",
    "fan-out",
    "sqs-ordering",
    "lambda-event-sources",
    "delivery-status",
    "managed-queue",
    "saas-events",
    "batching",
    "sns-lambda-fan-out",
    "kinesis-multiple-consumers",
    "eda-basics",
    "fan-out-benefits",
    "kinesis-streaming",
    "s3-lambda",
    "sqs-decoupling",
    "dead-letter-queues",
    "sqs-durability",
    "kinesis-vs-msk",
    "idempotency",
    "event-schemas",
    "monitoring-fan-out",
    "least-privilege",
)
LEVELS = {1: "beginner", 2: "intermediate", 3: "advanced"}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
FIGURE = re.compile(r"\{([A-Za-z0-9_.-]+)\}")
# A check runs the learner's design headless: at most this many simulated seconds and
# trace events, so a design that floods the engine is refused, not run for ever.
MAX_CHECK_SECONDS = 600.0
MAX_CHECK_EVENTS = 500_000  # five times the busiest lesson's run
CHECK_STEP = 5.0


class LessonError(ValueError):
    """A lesson folder that is not a lesson the app can serve."""


class CheckError(ValueError):
    """A design that cannot be checked: `problems` say why, with their paths."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    topics: tuple[str, ...]
    level: int
    question: dict[str, Any]
    steps: tuple[dict[str, Any], ...]
    document: dict[str, Any]
    challenge: dict[str, Any] | None

    @property
    def goals(self) -> list[dict[str, Any]]:
        return list((self.document.get("sim") or {}).get("goals") or [])

    def summary(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "topics": list(self.topics),
            "level": self.level,
            "level_name": LEVELS[self.level],
            "challenge": self.challenge is not None,
            # the question as the lesson has it, without its answer: the list spoils nothing
            "question": {"text": self.question["text"], "choices": self.question["choices"]},
        }

    def as_dict(self) -> dict[str, Any]:
        question = dict(self.question)
        question["explanation"] = explain(self)
        return {
            "slug": self.slug,
            "title": self.title,
            "topics": list(self.topics),
            "level": self.level,
            "level_name": LEVELS[self.level],
            "question": question,
            "steps": [dict(step) for step in self.steps],
            "document": self.document,
            "challenge": dict(self.challenge) if self.challenge is not None else None,
        }


def lessons_dir() -> Traversable:
    return files("designer") / "lessons"


def _read_json(item: Traversable, what: str) -> Any:
    try:
        return json.loads(item.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LessonError(f"{what}: not a JSON file ({error})") from error


def read_lesson(folder: Traversable) -> Lesson:
    """One lesson folder, checked whole; raises `LessonError` naming what is wrong."""
    slug = folder.name
    where = f"lessons/{slug}"
    if not SLUG.fullmatch(slug):
        raise LessonError(f"{where}: a lesson's folder name is lowercase words and hyphens")
    meta = _read_json(folder / "lesson.json", f"{where}/lesson.json")
    document = _read_json(folder / "diagram.json", f"{where}/diagram.json")
    problems: list[str] = []
    try:
        diagram = load_diagram(document)
    except DiagramError as error:
        raise LessonError(f"{where}/diagram.json: {error}") from error
    topics = tuple(meta.get("topics") or ())
    problems += [f"topic '{t}' is not one of the study topics" for t in topics if t not in TOPICS]
    if not topics:
        problems.append("a lesson has at least one topic")
    if meta.get("level") not in LEVELS:
        problems.append("level is 1, 2 or 3")
    question = meta.get("question") or {}
    choices = question.get("choices")
    if not isinstance(question.get("text"), str) or not question.get("text"):
        problems.append("the question needs its text")
    if not isinstance(choices, list) or len(choices) < 2:
        problems.append("the question needs at least two choices")
    elif question.get("answer") not in range(len(choices)):
        problems.append("the question's answer is the index of one of its choices")
    if not isinstance(question.get("explanation"), str):
        problems.append("the question needs its explanation")
    steps = meta.get("steps") or []
    if not steps:
        problems.append("a lesson has at least one step")
    last = 0.0
    for index, step in enumerate(steps):
        missing = [n for n in step.get("focus") or [] if n not in diagram.nodes]
        if missing:
            problems.append(f"steps[{index}].focus names no node of the diagram: {missing}")
        until = step.get("until")
        if not isinstance(until, (int, float)) or until < last or until > diagram.duration:
            problems.append(
                f"steps[{index}].until is a time from the previous step's to the run's end"
            )
        else:
            last = until
        if not isinstance(step.get("text"), str) or not step["text"]:
            problems.append(f"steps[{index}] needs its text")
    challenge = meta.get("challenge")
    if challenge is not None:
        challenge = dict(challenge)
        challenge["solution"] = _read_json(folder / "solution.json", f"{where}/solution.json")
        problems += _challenge_problems(document, challenge)
    if problems:
        raise LessonError(f"{where}: " + "; ".join(problems))
    return Lesson(
        slug=slug,
        title=meta.get("title") or slug,
        topics=topics,
        level=meta["level"],
        question=question,
        steps=tuple(steps),
        document=document,
        challenge=challenge,
    )


def _challenge_problems(document: dict, challenge: dict) -> list[str]:
    goals = (document.get("sim") or {}).get("goals") or []
    if not goals:
        return ["a challenge's diagram has the goals it is checked by"]
    roles = challenge.get("roles")
    found = []
    before = check(goals, document, document, roles=roles)
    if before["passed"]:
        found.append("a challenge's diagram fails at least one of its goals")
    try:
        after = check(goals, document, challenge["solution"], roles=roles)
    except CheckError as error:
        return [f"solution.json does not load: {error}"]
    if not after["passed"]:
        failed = [g["name"] for g in after["goals"] if not g["passed"]]
        found.append(f"the solution fails goals {failed}")
    if not isinstance(challenge.get("text"), str):
        found.append("a challenge needs its text")
    return found


@cache
def all_lessons() -> dict[str, Lesson]:
    """Every lesson, by slug, in the order of their folders' names."""
    folder = lessons_dir()
    entries = sorted((f for f in folder.iterdir() if f.is_dir()), key=lambda f: f.name)
    return {entry.name: read_lesson(entry) for entry in entries}


def lesson(slug: str) -> Lesson | None:
    return all_lessons().get(slug)


# --- runs ----------------------------------------------------------------------------
def _read(sim: Simulation, name: str) -> Any:
    return sim.metric(name)


def figures(document: dict[str, Any], until: float, names: set[str]) -> dict[str, Any]:
    """The value of each `node.Metric` (or `ledger.bucket`) in `names` at `until`, from a
    headless run of `document` with its seed."""
    sim = Simulation(load_diagram(document), trace=False)
    sim.run(until)
    found = {}
    for name in sorted(names):
        value = _read(sim, name)
        if isinstance(value, float):
            value = int(value) if value.is_integer() else round(value, 2)
        found[name] = value
    return found


@cache
def _explanation(slug: str) -> str:
    item = all_lessons()[slug]
    text = item.question["explanation"]
    names = set(FIGURE.findall(text))
    if not names:
        return text
    until = item.steps[-1]["until"]
    values = figures(item.document, until, names)

    def show(match: re.Match) -> str:
        value = values.get(match.group(1))
        if value is None:
            raise LessonError(f"lessons/{slug}: {{{match.group(1)}}} names no metric")
        return f"{value:,}" if isinstance(value, int) else str(value)

    return FIGURE.sub(show, text)


def explain(item: Lesson) -> str:
    """The explanation with the run's figures in it."""
    return _explanation(item.slug)


def check_lesson(item: Lesson, design: Any) -> dict:
    """A learner's design checked as the lesson's challenge checks it."""
    roles = (item.challenge or {}).get("roles")
    return check(item.goals, item.document, design, roles=roles)


def role_actions(document: dict[str, Any], function: str) -> set[str]:
    """What the exported template lets `function`'s execution role do, its own log group
    left out."""
    from designer.cloudformation import export_template

    template = json.loads(export_template(document, fmt="json"))
    entry = template["Metadata"]["Eventyard"]["nodes"][function]
    role = template["Resources"][entry["logicalId"]]["Properties"]["Role"]["Fn::GetAtt"][0]
    actions: set[str] = set()
    for policy in template["Resources"][role]["Properties"].get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            listed = statement["Action"]
            listed = listed if isinstance(listed, list) else [listed]
            actions |= {a for a in listed if not a.startswith("logs:")}
    return actions


def _role_results(roles: dict[str, list[str]], design: dict, own: Any) -> list[dict[str, Any]]:
    """One result per function whose exported role must grant exactly `roles[function]`."""
    found = []
    for function, wanted in roles.items():
        name = f"the role of '{function}' grants only what it uses"
        if function not in own.nodes:
            reason = f"the design has no node '{function}'"
            found.append({"name": name, "passed": False, "value": None, "reason": reason})
            continue
        try:
            granted = role_actions(design, function)
        except DiagramError as error:
            raise CheckError(
                [Problem(f"document.{p.path}", p.code, p.message) for p in error.problems]
            ) from error
        extra, missing = sorted(granted - set(wanted)), sorted(set(wanted) - granted)
        result: dict[str, Any] = {"name": name, "passed": not extra and not missing}
        result["value"] = None
        if extra or missing:
            parts = [f"also grants {', '.join(extra)}"] if extra else []
            parts += [f"lacks {', '.join(missing)}"] if missing else []
            result["reason"] = "; ".join(parts)
        found.append(result)
    return found


def check(
    goals: list[dict[str, Any]],
    reference: dict[str, Any],
    design: Any,
    *,
    roles: dict[str, list[str]] | None = None,
) -> dict:
    """Run `design` headless with the lesson's `goals` (whatever goals the design itself
    has), for the reference document's duration and seed: `{"passed", "goals"}`. A goal on
    a node the design no longer has fails. With `roles`, each named function's exported
    role must grant exactly the actions listed (least privilege). Raises `CheckError` for
    a design that does not load."""
    if not isinstance(design, dict):
        raise CheckError([Problem("document", "invalid_type", "the design is a diagram object")])
    design = copy.deepcopy(design)
    if isinstance(design.get("sim"), dict):
        design["sim"].pop("goals", None)  # the lesson's goals are what is checked
    try:
        own = load_diagram(design)
    except DiagramError as error:
        raise CheckError(
            [
                Problem(f"document.{p.path}" if p.path else "document", p.code, p.message)
                for p in error.problems
            ]
        ) from error
    kept, missing = [], []
    for goal in goals:
        node = goal["metric"].split(".", 1)[0]
        (kept if node == "ledger" or node in own.nodes else missing).append(goal)
    candidate = design
    sim_fields = dict(candidate.get("sim") or {})
    sim_fields["goals"] = kept
    reference_sim = reference.get("sim") or {}
    for key in ("seed", "duration"):
        if key in reference_sim:
            sim_fields[key] = reference_sim[key]
    candidate["sim"] = sim_fields
    try:
        diagram = load_diagram(candidate)
    except DiagramError as error:  # a goal's metric the design's node type has not
        raise CheckError(
            [Problem(f"document.{p.path}", p.code, p.message) for p in error.problems]
        ) from error
    sim = Simulation(diagram, trace=False)
    end = min(diagram.duration, MAX_CHECK_SECONDS)
    while sim.now < end:
        sim.run(min(end, sim.now + CHECK_STEP))
        if sim.recorder.count > MAX_CHECK_EVENTS:
            raise CheckError(
                [
                    Problem(
                        "document",
                        "too_busy",
                        f"the design makes more than {MAX_CHECK_EVENTS:,} events in "
                        f"{sim.now:g} simulated seconds; lower its rates to check it",
                    )
                ]
            )
    results = {r["name"]: r for r in sim.report().get("goals", [])}
    found = []
    for goal in goals:
        if goal in missing:
            node = goal["metric"].split(".", 1)[0]
            found.append(
                {
                    "name": goal["name"],
                    "passed": False,
                    "value": None,
                    "reason": f"the design has no node '{node}'",
                }
            )
        else:
            found.append(results[goal["name"]])
    if roles:
        found += _role_results(roles, design, own)
    return {"passed": all(g["passed"] for g in found), "goals": found}
