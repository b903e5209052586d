"""cfn-lint's findings for a template, for the export dialog (README "CloudFormation").

cfn-lint runs in a child process, never in the web process: its resource schemas take
about 150 MB once loaded, and a child that takes longer than `TIMEOUT` can be killed, so
a lint is bounded in time and memory whatever the template. At most `MAX_RUNNING`
children run at once in a process; a request beyond that is refused as busy (the dialog
says so and offers to try again) rather than queued without bound. The same template
text is linted once: results are kept by its SHA-256 (`CACHE_SIZE` of them).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import threading
from collections import OrderedDict
from typing import Any

TIMEOUT = 30.0
MAX_RUNNING = 2
CACHE_SIZE = 64
REGION = "us-east-1"  # the simulated Region (engine.runtime.names.REGION)

# What the child runs: cfn-lint's Python API on the template read from stdin, the findings
# written to stdout as JSON. The child imports nothing of the project.
CHILD = """
import json, sys
from cfnlint.api import ManualArgs, lint
from cfnlint.version import __version__
text = sys.stdin.read()
levels = {"error": "error", "warning": "warning", "informational": "info"}
found = []
for m in lint(text, config=ManualArgs(regions=[sys.argv[1]])):
    found.append({
        "rule": m.rule.id,
        "level": levels.get(m.rule.severity, m.rule.severity),
        "line": m.linenumber,
        "column": m.columnnumber,
        "path": "/".join(str(p) for p in (getattr(m, "path", None) or [])),
        "message": m.message,
        "url": getattr(m.rule, "source_url", "") or "",
    })
json.dump({"linter": "cfn-lint " + __version__, "findings": found}, sys.stdout)
"""


class LintBusy(Exception):
    """Every lint slot is taken; try again in a moment."""


class LintFailed(Exception):
    """The linter did not finish (timed out, or could not run)."""


_running = 0
_running_lock = threading.Lock()
_cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
_cache_lock = threading.Lock()


def _take_slot() -> None:
    global _running
    with _running_lock:
        if _running >= MAX_RUNNING:
            raise LintBusy(f"{MAX_RUNNING} templates are being linted; try again in a moment")
        _running += 1


def _give_slot() -> None:
    global _running
    with _running_lock:
        _running -= 1


def _cached(key: str) -> dict[str, Any] | None:
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
        return found


def _remember(key: str, result: dict[str, Any]) -> None:
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def summary(findings: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"errors": 0, "warnings": 0, "info": 0}
    for finding in findings:
        key = {"error": "errors", "warning": "warnings"}.get(finding["level"], "info")
        counts[key] += 1
    return counts


async def lint_template(text: str) -> dict[str, Any]:
    """`{"linter", "findings": [{rule, level, line, column, path, message, url}], "errors",
    "warnings", "info"}` for a template's text (YAML or JSON)."""
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if (found := _cached(key)) is not None:
        return found
    _take_slot()
    try:
        result = await _run_child(text)
    finally:
        _give_slot()
    result = {**result, **summary(result["findings"])}
    _remember(key, result)
    return result


async def _run_child(text: str) -> dict[str, Any]:
    try:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CHILD,
            REGION,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
    except OSError as error:
        raise LintFailed(f"cfn-lint could not start: {error}") from None
    try:
        out, err = await asyncio.wait_for(child.communicate(text.encode("utf-8")), TIMEOUT)
    except TimeoutError:
        child.kill()
        await child.wait()
        raise LintFailed(f"cfn-lint took longer than {TIMEOUT:g} s and was stopped") from None
    if child.returncode != 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        raise LintFailed(f"cfn-lint failed: {last[:300]}")
    return json.loads(out)
