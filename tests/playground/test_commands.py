import json
import queue
import socket
import subprocess
import sys
import threading
import time
import types
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from playground.management.commands.playground import parse_address

BASE_DIR = Path(__file__).resolve().parents[2]


# --- simulate: bad input, through a real `manage.py` process -------------------------


def test_simulate_missing_file_exits_2_with_one_line(run_manage, tmp_path):
    missing = tmp_path / "nowhere.json"

    result = run_manage("simulate", str(missing))

    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{missing}: no such file"]
    assert result.stdout == ""


def test_simulate_invalid_json_exits_2_naming_line_and_column(run_manage, tmp_path):
    diagram = tmp_path / "broken.json"
    diagram.write_text('{\n  "format": "eventyard/1",\n  "name": oops\n}', encoding="utf-8")

    result = run_manage("simulate", str(diagram))

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{diagram}: invalid JSON at line 3, column 11")


# --- simulate: in this process, with the engine replaced ------------------------------


class FakeProblem:
    def __init__(self, path: str, code: str, message: str):
        self.path, self.code, self.message = path, code, message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FakeDiagramError(ValueError):
    def __init__(self, problems: list[FakeProblem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class FakeSimulation:
    """Records how the command drives it; each `run` yields one event at its end time."""

    instances: list["FakeSimulation"] = []

    def __init__(self, diagram, *, seed: int):
        self.diagram, self.seed = diagram, seed
        self.runs: list[float] = []
        self.pending: list[dict] = []
        FakeSimulation.instances.append(self)

    def run(self, *, until: float) -> None:
        self.runs.append(until)
        self.pending.append({"t": until, "event": "publish", "node": "café", "message": "m-1"})

    def drain_events(self) -> list[dict]:
        drained, self.pending = self.pending, []
        return drained

    def report(self) -> dict:
        return {"format": "eventyard-report/1", "seed": self.seed, "duration": self.runs[-1]}


def fake_load_diagram(document: dict) -> types.SimpleNamespace:
    if document.get("nodes") == "bad":
        raise FakeDiagramError(
            [
                FakeProblem("nodes", "not_a_list", "must be a list of nodes"),
                FakeProblem("sim.duration", "out_of_range", "-1 is not 0 or more"),
            ]
        )
    sim = document.get("sim", {})
    return types.SimpleNamespace(seed=sim.get("seed", 1), duration=sim.get("duration", 60))


@pytest.fixture
def fake_engine(monkeypatch):
    module = types.ModuleType("engine")
    module.Simulation = FakeSimulation
    module.load_diagram = fake_load_diagram
    module.DiagramError = FakeDiagramError
    monkeypatch.setitem(sys.modules, "engine", module)
    FakeSimulation.instances = []
    return FakeSimulation.instances


@pytest.fixture
def no_engine(monkeypatch):
    """Make `import engine` fail, to prove a code path never reaches the engine."""
    monkeypatch.setitem(sys.modules, "engine", None)


def simulate(*args: str) -> tuple[int, str, str]:
    """Run `simulate` in this process: (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("simulate", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write_diagram(tmp_path: Path, document: dict) -> str:
    path = tmp_path / "diagram.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_simulate_reports_unreadable_input_without_importing_the_engine(no_engine, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2", encoding="utf-8")

    assert simulate(str(tmp_path / "missing.json"))[0] == 2
    status, _, err = simulate(str(broken))
    assert status == 2
    assert "invalid JSON at line 1, column 6" in err


def test_simulate_rejects_a_negative_duration(no_engine, tmp_path):
    status, out, err = simulate(write_diagram(tmp_path, {}), "--duration", "-5")

    assert status == 2
    assert out == ""
    assert err.splitlines() == ["--duration: -5 is not allowed; give 0 or more seconds"]


def test_simulate_prints_every_diagram_problem_on_its_own_line(fake_engine, tmp_path):
    status, out, err = simulate(write_diagram(tmp_path, {"nodes": "bad"}))

    assert status == 2
    assert out == ""
    assert err.splitlines() == [
        "nodes: must be a list of nodes",
        "sim.duration: -1 is not 0 or more",
    ]


def test_simulate_defaults_to_the_documents_seed_and_duration(fake_engine, tmp_path):
    status, out, err = simulate(write_diagram(tmp_path, {"sim": {"seed": 9, "duration": 25}}))

    assert (status, err) == (0, "")
    [sim] = fake_engine
    assert sim.seed == 9
    assert sim.runs == [10.0, 20.0, 25]
    assert json.loads(out) == {"format": "eventyard-report/1", "seed": 9, "duration": 25}


def test_simulate_options_override_the_document(fake_engine, tmp_path):
    path = write_diagram(tmp_path, {"sim": {"seed": 9, "duration": 25}})

    status, _, _ = simulate(path, "--seed", "7", "--duration", "0")

    assert status == 0
    [sim] = fake_engine
    assert (sim.seed, sim.runs) == (7, [0.0])


def test_simulate_trace_writes_one_compact_json_object_per_line(fake_engine, tmp_path):
    trace = tmp_path / "run.jsonl"
    path = write_diagram(tmp_path, {"sim": {"duration": 15}})

    status, _, _ = simulate(path, "--trace", str(trace))

    assert status == 0
    lines = trace.read_text(encoding="utf-8").splitlines()
    assert lines == [
        '{"t":10.0,"event":"publish","node":"café","message":"m-1"}',
        '{"t":15,"event":"publish","node":"café","message":"m-1"}',
    ]


def test_simulate_reports_a_trace_file_it_cannot_write(fake_engine, tmp_path):
    trace = tmp_path / "no-such-folder" / "run.jsonl"

    status, _, err = simulate(write_diagram(tmp_path, {}), "--trace", str(trace))

    assert status == 2
    assert err.splitlines() == [f"{trace}: cannot write the trace: No such file or directory"]


# --- playground -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["foo", "8000:", "127.0.0.1:0", "127.0.0.1:99999", "::1:8000", "300.1.1.1:80", "localhost:web"],
)
def test_playground_rejects_a_bad_address_in_one_line(address):
    with pytest.raises(CommandError) as raised:
        call_command("playground", address)

    assert address in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("8080", ("127.0.0.1", 8080)),
        ("0.0.0.0:80", ("0.0.0.0", 80)),
        ("[::1]:8000", ("[::1]", 8000)),
        ("localhost:65535", ("localhost", 65535)),
    ],
)
def test_playground_accepts_addresses(address, expected):
    assert parse_address(address) == expected


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pump_lines(stream, lines: queue.Queue) -> None:
    """Copy `stream` into `lines` line by line, then None at EOF."""
    with stream:
        for line in stream:
            lines.put(line)
    lines.put(None)


def wait_for_line(lines: queue.Queue, prefix: str, *, timeout: float) -> str:
    """The first line starting with `prefix`; fails after `timeout` seconds or at EOF."""
    deadline = time.monotonic() + timeout
    seen = []
    while (remaining := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=remaining)
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith(prefix):
            return line
        seen.append(line)
    pytest.fail(f"no line starting with {prefix!r}; the command printed: {''.join(seen)}")


@pytest.mark.slow
def test_playground_serves_the_gallery_and_static_files(manage_env, tmp_path):
    port = free_port()
    env = {**manage_env, "EVENTYARD_DEBUG": "0"}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "playground", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=pump_lines, args=(process.stdout, lines))
    reader.start()
    try:
        line = wait_for_line(lines, "Eventyard is running at ", timeout=60)
        url = line.removeprefix("Eventyard is running at ").strip()
        assert url == f"http://127.0.0.1:{port}/"
        for path in ("", "static/playground/css/site.css"):
            with urllib.request.urlopen(url + path, timeout=10) as response:
                assert response.status == 200
        assert (tmp_path / "db.sqlite3").is_file()
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        reader.join(timeout=15)
    assert process.returncode == 0
