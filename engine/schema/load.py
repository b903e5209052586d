"""`load_diagram`: check a diagram document (contract section 1) and build a `Diagram`.

Every problem is collected with its contract path, then raised once as `DiagramError`.
Field-level checks are driven by the specs in the registry; rules that span several nodes
and edges (FIFO pairs, dead-letter types) live with each service and are listed in
`engine.schema.rules`.
"""

from __future__ import annotations

import re
from typing import Any

from engine import registry
from engine.core.diagram import Diagram, Edge, Node
from engine.core.errors import DiagramError, Problem, join_path
from engine.core.spec import FieldSpec
from engine.core.values import is_int, is_number, show
from engine.runtime.distributions import check_duration
from engine.schema.checks import run_check
from engine.schema.goals import load_goals
from engine.schema.rules import check_rules
from engine.schema.upgrade import upgrade_document

FORMAT = "eventyard/1"
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
TOP_KEYS = ("format", "name", "description", "nodes", "edges", "sim")
NODE_KEYS = ("id", "type", "label", "position", "props", "sim", "role")
EDGE_KEYS = ("id", "kind", "source", "target", "props", "label", "vertices")
MAX_DURATION = 30 * 86400.0
# The most nodes and edges one document may hold. Checking is linear in both, but a run
# holds a resource per node and the live page draws every one; 5,000 nodes is well past
# any diagram a person draws (the examples have under 20).
MAX_NODES = 5_000
MAX_EDGES = 10_000


def load_diagram(doc: Any, *, max_nodes: int = MAX_NODES, max_edges: int = MAX_EDGES) -> Diagram:
    """Check `doc` and return the diagram with defaults filled in, or raise `DiagramError`.
    A document with more than `max_nodes` nodes or `max_edges` edges is refused before
    anything in it is checked."""
    problems: list[Problem] = []
    if not isinstance(doc, dict):
        raise DiagramError(
            [
                Problem(
                    "",
                    "invalid_document",
                    "a diagram must be a JSON object with format, nodes and edges",
                )
            ]
        )
    _check_size(doc, {"nodes": max_nodes, "edges": max_edges})
    doc = upgrade_document(doc)  # older forms first (see engine.schema.upgrade)
    _check_top(doc, problems)
    nodes = _load_nodes(doc.get("nodes", []), problems)
    edges = _load_edges(doc.get("edges", []), nodes, problems)
    seed, duration = _load_run_settings(doc.get("sim", {}), problems)
    sim = doc.get("sim", {})
    goals = load_goals(sim.get("goals") if isinstance(sim, dict) else None, nodes, problems)
    if problems:
        raise DiagramError(problems)
    diagram = Diagram(
        name=doc.get("name", ""),
        description=doc.get("description", ""),
        nodes=nodes,
        edges=tuple(edges),
        seed=seed,
        duration=duration,
        goals=goals,
        document=doc,
    )
    problems.extend(check_rules(diagram))
    if problems:
        raise DiagramError(problems)
    return diagram


def _check_size(doc: dict, limits: dict[str, int]) -> None:
    """Refuse a document over the node or edge limit at once, naming the limit."""
    problems = [
        Problem(
            key,
            "too_many",
            f"{len(doc[key])} {key}; a diagram holds at most {limit:,} {key}",
        )
        for key, limit in limits.items()
        if isinstance(doc.get(key), list) and len(doc[key]) > limit
    ]
    if problems:
        raise DiagramError(problems)


def _check_top(doc: dict, problems: list[Problem]) -> None:
    for key in doc:
        if key not in TOP_KEYS:
            problems.append(
                Problem(
                    key,
                    "unknown_field",
                    f"'{key}' is not a diagram field; allowed: {', '.join(TOP_KEYS)}",
                )
            )
    if doc.get("format") != FORMAT:
        problems.append(
            Problem("format", "invalid_format", f"{show(doc.get('format'))} is not '{FORMAT}'")
        )
    for key in ("name", "description"):
        if key in doc and not isinstance(doc[key], str):
            problems.append(Problem(key, "invalid_type", f"{show(doc[key])} is not a string"))
    for key in ("nodes", "edges"):
        if key in doc and not isinstance(doc[key], list):
            problems.append(Problem(key, "invalid_type", f"{key} must be a list"))


def _load_run_settings(sim: Any, problems: list[Problem]) -> tuple[int, float]:
    if not isinstance(sim, dict):
        problems.append(Problem("sim", "invalid_type", "sim must be an object"))
        return 1, 60.0
    for key in sim:
        if key not in ("seed", "duration", "speed", "goals"):
            problems.append(
                Problem(
                    join_path("sim", key),
                    "unknown_field",
                    f"'{key}' is not a run setting; allowed: seed, duration, speed, goals",
                )
            )
    speed = sim.get("speed", 1)  # the live player's recommended speed, as its control's
    if speed != "max" and not (is_number(speed) and 0.1 <= speed <= 100):
        problems.append(
            Problem("sim.speed", "out_of_range", f"{show(speed)} is not 0.1..100 or max")
        )
    seed = sim.get("seed", 1)
    if not is_int(seed):
        problems.append(Problem("sim.seed", "invalid_type", f"{show(seed)} is not an integer"))
    duration = sim.get("duration", 60)
    if not is_number(duration) or not 0 < duration <= MAX_DURATION:
        problems.append(
            Problem(
                "sim.duration",
                "out_of_range",
                f"{show(duration)} is not a number of seconds in (0, {int(MAX_DURATION)}]",
            )
        )
        duration = 60
    return (seed if is_int(seed) else 1), float(duration)


def _load_nodes(raw: Any, problems: list[Problem]) -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    if not isinstance(raw, list):
        return nodes
    seen_ids: dict[str, bool] = {}  # ids taken, even by nodes refused below
    for index, item in enumerate(raw):
        path = f"nodes[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(path, "invalid_type", "a node must be an object"))
            continue
        _check_keys(item, NODE_KEYS, path, "node", problems)
        node_id = _check_id(item.get("id"), join_path(path, "id"), seen_ids, problems)
        spec = registry.node_spec(item.get("type"))
        if spec is None:
            problems.append(
                Problem(
                    join_path(path, "type"),
                    "unknown_type",
                    f"{show(item.get('type'))} is not a node type; known: "
                    f"{', '.join(registry.node_types())}",
                )
            )
            continue
        label = item.get("label", node_id or "")
        if not isinstance(label, str):
            problems.append(
                Problem(join_path(path, "label"), "invalid_type", "a label must be a string")
            )
        _check_position(item.get("position"), join_path(path, "position"), problems)
        role = item.get("role")
        if role is not None and role not in spec.roles:
            allowed = ", ".join(spec.roles) or "none"
            problems.append(
                Problem(
                    join_path(path, "role"),
                    "invalid_choice",
                    f"{show(role)} is not a role of {spec.type}; allowed: {allowed}",
                )
            )
        props = _load_fields(
            item.get("props", {}),
            spec.props,
            join_path(path, "props"),
            f"a prop of {spec.type}",
            problems,
        )
        sim = _load_fields(
            item.get("sim", {}),
            spec.sim,
            join_path(path, "sim"),
            f"a sim field of {spec.type}",
            problems,
        )
        if node_id is not None:
            nodes[node_id] = Node(
                id=node_id,
                type=spec.type,
                label=label if isinstance(label, str) else node_id,
                props=props,
                sim=sim,
                role=role,
                index=index,
                spec=spec,
                given=frozenset(raw if isinstance(raw := item.get("props"), dict) else ()),
            )
    return nodes


def _load_edges(raw: Any, nodes: dict[str, Node], problems: list[Problem]) -> list[Edge]:
    edges: list[Edge] = []
    if not isinstance(raw, list):
        return edges
    seen: dict[str, Any] = dict.fromkeys(nodes)
    for index, item in enumerate(raw):
        path = f"edges[{index}]"
        if not isinstance(item, dict):
            problems.append(Problem(path, "invalid_type", "an edge must be an object"))
            continue
        _check_keys(item, EDGE_KEYS, path, "edge", problems)
        edge_id = _check_id(item.get("id"), join_path(path, "id"), seen, problems)
        spec = registry.edge_kind(item.get("kind"))
        if spec is None:
            problems.append(
                Problem(
                    join_path(path, "kind"),
                    "unknown_kind",
                    f"{show(item.get('kind'))} is not an edge kind; known: "
                    f"{', '.join(registry.edge_kinds())}",
                )
            )
            continue
        ends = []
        for end in ("source", "target"):
            ref = item.get(end)
            if not isinstance(ref, str) or ref not in nodes:
                problems.append(
                    Problem(
                        join_path(path, end),
                        "unknown_node",
                        f"{show(ref)} is not the id of a node in this diagram",
                    )
                )
            ends.append(nodes.get(ref) if isinstance(ref, str) else None)
        if None not in ends and not spec.allows(ends[0].type, ends[1].type):
            problems.append(
                Problem(
                    path, "invalid_pair", registry.pair_message(spec, ends[0].type, ends[1].type)
                )
            )
        props = _load_fields(
            item.get("props", {}),
            spec.props,
            join_path(path, "props"),
            f"a prop of a {spec.kind} edge",
            problems,
        )
        if edge_id is not None and None not in ends:
            seen[edge_id] = True
            edges.append(
                Edge(
                    id=edge_id,
                    kind=spec.kind,
                    source=ends[0].id,
                    target=ends[1].id,
                    props=props,
                    index=index,
                    given=frozenset(raw if isinstance(raw := item.get("props"), dict) else ()),
                )
            )
    return edges


def _check_keys(
    item: dict, allowed: tuple[str, ...], path: str, what: str, problems: list[Problem]
) -> None:
    for key in item:
        if key not in allowed:
            problems.append(
                Problem(
                    join_path(path, key),
                    "unknown_field",
                    f"'{key}' is not a {what} field; allowed: {', '.join(allowed)}",
                )
            )


def _check_id(value: Any, path: str, seen: dict, problems: list[Problem]) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        problems.append(
            Problem(
                path,
                "invalid_id",
                f"{show(value)} is not an id: a letter, then up to 63 letters, digits, '_' or '-'",
            )
        )
        return None
    if value in seen:
        problems.append(Problem(path, "duplicate_id", f"'{value}' is used twice in this document"))
        return None
    seen[value] = True
    return value


def _check_position(value: Any, path: str, problems: list[Problem]) -> None:
    if value is None:
        return
    if not isinstance(value, dict) or not all(is_number(value.get(k)) for k in ("x", "y")):
        problems.append(
            Problem(path, "invalid_position", 'a position is {"x": number, "y": number}')
        )


def _load_fields(
    raw: Any, specs: tuple[FieldSpec, ...], path: str, what: str, problems: list[Problem]
) -> dict[str, Any]:
    """Check every given field against its spec; return all fields with defaults filled."""
    values = {spec.name: spec.default for spec in specs}
    if not isinstance(raw, dict):
        problems.append(
            Problem(path, "invalid_type", f"{path.rsplit('.', 1)[-1]} must be an object")
        )
        return values
    by_name = {spec.name: spec for spec in specs}
    for name, value in raw.items():
        spec = by_name.get(name)
        if spec is None:
            allowed = ", ".join(by_name) or "none"
            problems.append(
                Problem(
                    join_path(path, name),
                    "unknown_field",
                    f"'{name}' is not {what}; allowed: {allowed}",
                )
            )
            continue
        found = check_field(spec, value, join_path(path, name))
        problems.extend(found)
        if not found and value is not None:  # null means "AWS's default", as if left out
            values[name] = value
    for spec in specs:
        if spec.required and spec.name not in raw:
            problems.append(
                Problem(join_path(path, spec.name), "required", f"'{spec.name}' is required")
            )
    return values


def check_field(spec: FieldSpec, value: Any, path: str) -> list[Problem]:
    """Problems with one value against its spec (kind, bounds, choices, named check)."""
    if value is None and not spec.required:
        return []
    kind = spec.kind
    if kind == "duration":
        return check_duration(value, path)
    if kind in ("int", "number"):
        ok = is_int(value) if kind == "int" else is_number(value)
        if not ok:
            return [
                Problem(
                    path,
                    "invalid_type",
                    f"{show(value)} is not {'an integer' if kind == 'int' else 'a number'}",
                )
            ]
        return _check_bounds(spec, value, path)
    if kind == "bool" and not isinstance(value, bool):
        return [Problem(path, "invalid_type", f"{show(value)} is not true or false")]
    if kind in ("string", "node") and not isinstance(value, str):
        return [Problem(path, "invalid_type", f"{show(value)} is not a string")]
    if kind == "string" and spec.pattern and not re.fullmatch(spec.pattern, value):
        return [Problem(path, "invalid_value", f"{show(value)} does not match {spec.pattern}")]
    if kind == "enum" and value not in spec.choices:
        return [
            Problem(
                path, "invalid_choice", f"{show(value)} is not one of {', '.join(spec.choices)}"
            )
        ]
    if kind == "strings":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [Problem(path, "invalid_type", "must be a list of strings")]
        bad = [v for v in value if spec.choices and v not in spec.choices]
        if bad:
            return [
                Problem(
                    path,
                    "invalid_choice",
                    f"{show(bad[0])} is not one of {', '.join(spec.choices)}",
                )
            ]
    return run_check(spec.check, value, path) if spec.check else []


def _check_bounds(spec: FieldSpec, value: float, path: str) -> list[Problem]:
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        return [Problem(path, "out_of_range", f"{show(value)} is not in {_fmt(low)}..{_fmt(high)}")]
    return []


def _fmt(bound: float | None) -> str:
    if bound is None:
        return ""
    return str(int(bound)) if float(bound).is_integer() else str(bound)
