"""The browser's model/ code under Node's own test runner (`node --test`): the unit tests in
tests/js/ import static/designer/js/model/ modules directly (they are DOM-free ES modules, so
Node runs them as the browser does; static/designer/js/package.json says they are modules).
A failure shows Node's report. Without Node the test skips on a developer's machine but
fails under CI=true (.ci/run installs Node)."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = ROOT / "tests" / "js"
MODEL = ROOT / "static" / "designer" / "js" / "model"
IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]""", re.M)
MIN_NODE = 18  # node:test with --test-reporter (18.15 on), Event and EventTarget


def node_binary() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is not installed: the browser model's unit tests cannot run")
        pytest.skip("node is not installed")
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True)
    major = int(version.stdout.strip().lstrip("v").split(".")[0])
    assert major >= MIN_NODE, f"node {version.stdout.strip()} is older than {MIN_NODE}"
    return node


def unit_test_files() -> list[Path]:
    return sorted(JS_TESTS.rglob("*.test.mjs"))


def test_the_browser_model_passes_its_node_unit_tests():
    node = node_binary()
    files = unit_test_files()
    assert files, "no tests/js/**/*.test.mjs"
    # Files are named one by one: how Node reads a directory argument changed across versions.
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", *(str(f.relative_to(ROOT)) for f in files)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "NODE_OPTIONS": ""},
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-30000:]
    passed = re.search(r"^# pass (\d+)", report, re.M)
    assert passed and int(passed.group(1)) >= len(files), report[-3000:]
    assert re.search(r"^# fail 0$", report, re.M), report[-3000:]


def test_every_model_module_is_imported_by_a_unit_test():
    imported = set()
    for path in [*unit_test_files(), JS_TESTS / "support.mjs"]:
        for spec in IMPORT.findall(path.read_text(encoding="utf-8")):
            if spec.startswith("."):
                imported.add((path.parent / spec).resolve())
    modules = sorted(MODEL.rglob("*.js"))
    assert modules
    untested = [str(m.relative_to(ROOT)) for m in modules if m.resolve() not in imported]
    assert untested == [], f"model/ modules no node test imports: {untested}"
