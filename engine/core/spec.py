"""The shapes in which node types, their props and sim fields, and edge kinds are declared.

Specs are frozen dataclasses: data, not behaviour. Each service package declares its own
(`engine/services/sqs/spec.py` has `SPEC`), `engine/registry.py` lists them all, and
everything else (validation, the catalogue API, export, the browser) reads them from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Kinds of values a prop or sim field may hold. `json` is any JSON value checked by a rule
# of its own (`check` names it); `duration` is the contract's duration distribution.
KINDS = ("int", "number", "bool", "string", "enum", "json", "duration", "node", "strings")


@dataclass(frozen=True)
class FieldSpec:
    """One prop or sim field: its CloudFormation (or sim) name, kind, default and bounds.

    `default` is AWS's default (None: AWS has none, the prop is simply absent). `minimum`
    and `maximum` bound numbers (inclusive); `choices` lists an enum's values; `pattern` is
    a regular expression a string must match in full; `check` names an extra rule in
    `engine.schema.checks` (e.g. `filter_policy`, `event_pattern`).
    """

    name: str
    kind: str
    default: Any = None
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    required: bool = False
    check: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = {"name": self.name, "kind": self.kind, "default": self.default, "help": self.help}
        for key in ("minimum", "maximum", "pattern", "check"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.choices:
            data["choices"] = list(self.choices)
        if self.required:
            data["required"] = True
        return data


# A counter the live page shows on a node: (CloudWatch metric name, short label).
Counter = tuple[str, str]


@dataclass(frozen=True)
class NodeSpec:
    """A node type: its type string, the CloudFormation resource it becomes, props, sim
    fields, and what the rest of the project derives from the type.

    `name_prop` is the prop that names the resource (CloudFormation's spelling); without it
    the name is the node id, or for `name_style` "bucket" the id made into a bucket name.
    `arn_format` has `{region}`, `{account}` and `{name}` fields. `metric_namespace` and
    `metric_dimension` are how CloudWatch names the resource's metrics (None: the type has
    no AWS metrics); `metrics` lists every metric the resource reports (a goal may name
    any of them). `counters` are what the live page shows on the node; `counter_variants`
    replace them for a variant ("dlq": the node has the dlq role; "stream": a function fed
    by a stream). `group` is the palette group the type is listed under ("Messaging",
    "Streaming", ...). `stream` says the type is read as a stream (in order, by shard: Kinesis
    and DynamoDB streams), not as a queue, by the functions it feeds.
    """

    type: str
    label: str
    description: str
    cfn_type: str | None
    props: tuple[FieldSpec, ...] = ()
    sim: tuple[FieldSpec, ...] = ()
    roles: tuple[str, ...] = ()
    name_prop: str | None = None
    name_style: str = "id"
    arn_format: str | None = None
    metric_namespace: str | None = None
    metric_dimension: str | None = None
    metrics: tuple[str, ...] = ()
    counters: tuple[Counter, ...] = ()
    counter_variants: tuple[tuple[str, tuple[Counter, ...]], ...] = ()
    group: str = ""
    stream: bool = False

    def prop(self, name: str) -> FieldSpec | None:
        return next((p for p in self.props if p.name == name), None)

    def sim_field(self, name: str) -> FieldSpec | None:
        return next((s for s in self.sim if s.name == name), None)


@dataclass(frozen=True)
class PresetSpec:
    """A palette entry that is an existing type with a role and preset props (the "DLQ"),
    or preset sim fields (a SaaS partner's producer)."""

    key: str
    type: str
    label: str
    description: str
    role: str | None = None
    props: tuple[tuple[str, Any], ...] = ()
    sim: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class EdgeKindSpec:
    """An edge kind: which node types it may join and its props. Every source may join
    every target, except a source listed in `only`, which may join just the targets named
    there (a Kinesis video stream's `event-source` edges go to workers only)."""

    kind: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    props: tuple[FieldSpec, ...] = field(default=())
    only: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    def allows(self, source_type: str, target_type: str) -> bool:
        if source_type not in self.sources or target_type not in self.targets:
            return False
        limits = dict(self.only)
        return source_type not in limits or target_type in limits[source_type]

    def pairs(self) -> list[tuple[str, str]]:
        """Every (source type, target type) this kind may join, in table order."""
        return [(s, t) for s in self.sources for t in self.targets if self.allows(s, t)]

    def prop(self, name: str) -> FieldSpec | None:
        return next((p for p in self.props if p.name == name), None)
