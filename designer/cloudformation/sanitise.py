"""The last step of import: a document `engine.load_diagram` accepts and a run starts, with
warnings.

A template may hold what a template may hold and the diagram may not (a visibility
timeout below the function's timeout, two rules on one bus, a prop out of the engine's
range). Each problem `load_diagram` reports is resolved by leaving out the smallest thing
it names: the prop, the sim field, the edge, or the node with its edges, and becomes a
warning pointing at the resource it came from. A few passes reach a valid document.
"""

from __future__ import annotations

import re
from typing import Any

from engine import DiagramError, Simulation, load_diagram
from engine.core.errors import Problem

from .refs import ImportContext
from .template_text import TemplateError

MAX_PASSES = 8
_PATH = re.compile(r"^(nodes|edges)\[(\d+)\](?:\.(props|sim)(?:\.([^.\[]+))?)?")


def sanitise(document: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
    for _ in range(MAX_PASSES):
        try:
            startable(document)
        except DiagramError as error:
            if not _leave_out(document, error.problems, ctx):
                break
            continue
        return document
    raise TemplateError(
        "unmappable",
        "the template describes a diagram the engine refuses: "
        + "; ".join(str(p) for p in _problems(document)),
    )


def startable(document: dict[str, Any]) -> None:
    """Raises `DiagramError` for what a run would refuse as well as for what loading
    refuses: some problems show only once the resources exist (an alarm on a metric its
    resource reports only as a run-long average), and an import must never give a
    document that `simulate` then refuses."""
    Simulation(load_diagram(document), seed=1).run(0.0)


def _problems(document: dict[str, Any]) -> list[Problem]:
    try:
        startable(document)
    except DiagramError as error:
        return error.problems
    return []


def _leave_out(document: dict[str, Any], problems: list[Problem], ctx: ImportContext) -> bool:
    """Remove what each problem names; False when no problem named anything removable."""
    drop_nodes: set[int] = set()
    drop_edges: set[int] = set()
    removed = False
    for problem in problems:
        match = _PATH.match(problem.path)
        if not match:
            continue
        section, index, part, key = match.group(1), int(match.group(2)), *match.group(3, 4)
        item = document[section][index]
        where = _origin(ctx, item, section, part, key)
        ctx.warn(where, problem.code, f"{problem}; left out")
        if part and key and isinstance(item.get(part), dict) and key in item[part]:
            del item[part][key]
        elif section == "nodes":
            drop_nodes.add(index)
        else:
            drop_edges.add(index)
        removed = True
    gone = {document["nodes"][i]["id"] for i in drop_nodes}
    document["nodes"] = [n for i, n in enumerate(document["nodes"]) if i not in drop_nodes]
    document["edges"] = [
        e
        for i, e in enumerate(document["edges"])
        if i not in drop_edges and e["source"] not in gone and e["target"] not in gone
    ]
    return removed


def _origin(ctx: ImportContext, item: dict, section: str, part: str | None, key: str | None) -> str:
    """Where in the template the refused thing came from."""
    if section == "nodes" and item["id"] in ctx.lid_of:
        base = f"Resources.{ctx.lid_of[item['id']]}"
        return f"{base}.Properties.{key}" if part == "props" and key else base
    if section == "edges":
        origin = next(
            (
                e.get("origin")
                for e in ctx.edges
                if (e["kind"], e["source"], e["target"])
                == (item["kind"], item["source"], item["target"])
            ),
            None,
        )
        if origin:
            return f"Resources.{origin}"
    return f"Metadata.Eventyard.{section}.{item['id']}"
