"""`manage.py simulate DIAGRAM.json`: run a diagram headless and print its report.

Contract sections 3, 4 and 8. With `--check` it prints one line per goal of `sim.goals`
instead, and exits 1 when any fails (0 when all hold): a diagram with goals is an
architecture test a CI job can run. Bad input (a missing or unreadable file, invalid JSON, an
invalid diagram, a negative duration) prints one line per problem on stderr and exits
with status 2, never a traceback (`designer.cli` reads the file and reports bad input for
every command). Reading and parsing happen before the engine is imported, so those errors
are reported even while the engine itself cannot load.
"""

import json
import math
from contextlib import nullcontext
from typing import IO

from django.core.management.base import BaseCommand

from designer.cli import BadInput, read_document, report_bad_input

# The run advances this many simulated seconds between drains of the trace, so memory
# holds one chunk of events, however long the run.
CHUNK_SECONDS = 10.0


def check_duration(duration: float | None) -> None:
    if duration is not None and not (math.isfinite(duration) and duration >= 0):
        raise BadInput([f"--duration: {duration:g} is not allowed; give 0 or more seconds"])


def run_in_chunks(sim, duration: float, trace: IO[str] | None) -> None:
    """Run `sim` to `duration`, draining its events every chunk into `trace` (if any)."""
    steps = max(1, math.ceil(duration / CHUNK_SECONDS))
    for step in range(1, steps + 1):
        sim.run(until=min(duration, step * CHUNK_SECONDS))
        events = sim.drain_events()
        if trace is not None:
            trace.writelines(
                json.dumps(event, separators=(",", ":"), ensure_ascii=False) + "\n"
                for event in events
            )


def open_trace(path: str | None) -> IO[str] | nullcontext:
    if path is None:
        return nullcontext()
    try:
        return open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
    except OSError as error:
        raise BadInput([f"{path}: cannot write the trace: {error.strerror}"]) from None


class Command(BaseCommand):
    help = (
        "Run DIAGRAM.json headless and print its report as JSON. The seed and duration "
        "default to the document's sim.seed and sim.duration."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("diagram", metavar="DIAGRAM.json")
        parser.add_argument("--seed", type=int, help="the run's seed (default: sim.seed)")
        parser.add_argument(
            "--duration",
            type=float,
            metavar="S",
            help="simulated seconds to run (default: sim.duration)",
        )
        parser.add_argument(
            "--trace", metavar="FILE.jsonl", help="write every trace event, one JSON a line"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="print one line per goal (sim.goals); exit 1 if any fails",
        )

    def handle(self, *args, **options) -> None:
        try:
            report, goals = self.simulate(
                options["diagram"],
                seed=options["seed"],
                duration=options["duration"],
                trace_path=options["trace"],
                check=options["check"],
            )
        except BadInput as bad:
            report_bad_input(self.stderr, bad)
        if not options["check"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        for line in goal_lines(report["goals"], goals):
            self.stdout.write(line)
        if not all(goal["passed"] for goal in report["goals"]):
            raise SystemExit(1)

    def simulate(
        self,
        path: str,
        *,
        seed: int | None,
        duration: float | None,
        trace_path: str | None,
        check: bool = False,
    ) -> tuple[dict, tuple]:
        """The run's report, and the diagram's goals."""
        check_duration(duration)
        document = read_document(path)

        from engine import DiagramError, Simulation, load_diagram

        try:
            diagram = load_diagram(document)
            sim = Simulation(diagram, seed=diagram.seed if seed is None else seed)
        except DiagramError as error:
            raise BadInput([str(problem) for problem in error.problems] or [str(error)]) from None
        if check and not diagram.goals:
            raise BadInput([f"{path}: sim.goals: the diagram has no goals to check"])
        until = diagram.duration if duration is None else duration
        with open_trace(trace_path) as trace:
            run_in_chunks(sim, until, trace)
        return sim.report(), (diagram.goals if check else ())


def goal_lines(results: list[dict], goals) -> list[str]:
    """`PASS name: metric stat op value (was V)`, one per goal, in the document's order."""
    lines = []
    for result, goal in zip(results, goals, strict=True):
        verdict = "PASS" if result["passed"] else "FAIL"
        value = "no value" if result["value"] is None else f"was {result['value']:g}"
        stat = "" if goal.stat == "end" else f"{goal.stat} of "
        lines.append(
            f"{verdict} {goal.name}: {stat}{goal.metric} {goal.op} {goal.value:g} ({value})"
        )
    return lines
