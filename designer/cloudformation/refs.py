"""What the importer shares: the template's resources, the nodes made so far, and how a
reference (`Ref`, `Fn::GetAtt`, `Fn::Sub`, a literal ARN or name) finds its node.

Exported templates refer to resources with `Ref` and `Fn::GetAtt`, to buckets and the
default event bus with `Fn::Sub` ARNs; hand-written ones may also use literal ARNs and
names. `resolve` understands all of these; what it cannot place returns None, and the
caller warns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from engine.registry import NAME_PROPS

from .metadata import Metadata
from .names import kebab, unique

DEFAULT_BUS_ID = "default-bus"
UNRESOLVED = object()  # an intrinsic function whose value import cannot know
# A function's alias or version (SAM's AutoPublishAlias) stands for the function.
FUNCTION_VERSIONS = ("AWS::Lambda::Alias", "AWS::Lambda::Version")
_SUB_VARIABLE = re.compile(r"\$\{([A-Za-z0-9_]+)\}")
_SUB_REF = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
_PARTITION = r"arn:(?:\$\{AWS::Partition\}|aws[a-z-]*)"
_BUCKET_ARN = re.compile(_PARTITION + r":s3:::([^/]+)(?:/.*)?$")
_DEFAULT_BUS = re.compile(
    _PARTITION
    + r":events:(?:\$\{AWS::Region\}|[^:]*):(?:\$\{AWS::AccountId\}|[^:]*):event-bus/default$"
)
_ARN = re.compile(r"arn:[^:]+:([^:]+):[^:]*:[^:]*:(.+)$")
_ARN_KINDS = ("function", "event-bus", "stream", "table", "alarm", "rule", "stateMachine")
_SERVICE_TYPES = {
    "sqs": ("sqs.queue",),
    "sns": ("sns.topic",),
    "lambda": ("lambda.function",),
    "kinesis": ("kinesis.stream",),
    "dynamodb": ("dynamodb.table",),
    "events": ("eventbridge.bus", "eventbridge.rule"),
    "cloudwatch": ("cloudwatch.alarm",),
    "states": ("stepfunctions.statemachine",),
}
_PSEUDO = {"${AWS::Partition}": "aws", "${AWS::Region}": "region", "${AWS::AccountId}": "account"}
# How the exporter names an unnamed function it must not wait for (`iam.invoke_arn`).
_STACK_NAMED = re.compile(r"\$\{AWS::StackName\}-([A-Za-z0-9]+)-\*")


def is_intrinsic(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and len(value) == 1
        and ("Ref" in value or any(str(k).startswith("Fn::") for k in value))
    )


def is_literal(value: Any) -> bool:
    """Whether `value` holds no intrinsic function anywhere (the diagram keeps only those)."""
    if is_intrinsic(value):
        return False
    if isinstance(value, dict):
        return all(is_literal(v) for v in value.values())
    if isinstance(value, list):
        return all(is_literal(v) for v in value)
    return True


def is_default_bus(node: dict[str, Any]) -> bool:
    name = (node.get("props") or {}).get("Name")
    return node["type"] == "eventbridge.bus" and (name or "default") == "default"


def warning(path: str, code: str, message: str) -> dict[str, str]:
    return {"path": path, "code": code, "message": message}


@dataclass
class ImportContext:
    """Invariant: every node id (and edge id) handed out is unique in the document."""

    resources: dict[str, dict[str, Any]]
    meta: Metadata
    warnings: list[dict[str, str]] = field(default_factory=list)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    node_of: dict[str, str] = field(default_factory=dict)  # logical id -> node id
    lid_of: dict[str, str] = field(default_factory=dict)  # node id -> logical id
    metadata_only: set[str] = field(default_factory=set)  # nodes with no resource
    edges: list[dict[str, Any]] = field(default_factory=list)
    default_bus: str | None = None
    template: dict[str, Any] = field(default_factory=dict)
    evaluated: set[tuple[str, str]] = field(default_factory=set)  # (lid, prop) computed
    _evaluator: Any = None

    def warn(self, path: str, code: str, message: str) -> None:
        self.warnings.append(warning(path, code, message))

    def literal(self, value: Any) -> Any:
        """`value` with its intrinsic functions computed (`intrinsics`), or `UNRESOLVED`."""
        from .intrinsics import Evaluator

        if self._evaluator is None:
            self._evaluator = Evaluator(self.template, self)
        return self._evaluator.value(value)

    def props_of(self, lid: str) -> dict[str, Any]:
        props = self.resources[lid].get("Properties")
        return props if isinstance(props, dict) else {}

    def type_of(self, lid: str) -> str | None:
        return self.resources.get(lid, {}).get("Type")

    def new_node_id(self, lid: str) -> str:
        taken = set(self.nodes) | {e.get("id") for e in self.meta.edges}
        return unique(kebab(lid), taken, limit=64)

    def add_edge(self, kind: str, source: str, target: str, **extra: Any) -> None:
        """A traced edge: `props`, `origin` (a resource path) and `hint` (an id) optional."""
        self.edges.append({"kind": kind, "source": source, "target": target, **extra})

    # --- finding nodes -------------------------------------------------------------------
    def default_bus_node(self) -> str | None:
        """The default bus's node. A template without metadata gets one when it refers to
        the default bus; with metadata, the diagram had one or did not draw it."""
        if self.default_bus is None:
            for node_id, node in self.nodes.items():
                if is_default_bus(node):
                    self.default_bus = node_id
                    return node_id
            if self.meta.present:
                return None
            self.default_bus = unique(DEFAULT_BUS_ID, set(self.nodes), limit=64)
            self.nodes[self.default_bus] = {
                "id": self.default_bus,
                "type": "eventbridge.bus",
                "label": "default",
                "props": {},
            }
        return self.default_bus

    def by_name(self, name: str, types: tuple[str, ...] = ()) -> str | None:
        """The node (of one of `types`, if given) whose resource has this name."""
        for node_id, node in self.nodes.items():
            props = node.get("props", {})
            if types and node["type"] not in types:
                continue
            if any(props.get(p) == name for p in NAME_PROPS):
                return node_id
        return self.bucket_names().get(name) if not types or "s3.bucket" in types else None

    def bucket_names(self) -> dict[str, str]:
        """Bucket node by name text (literal, or the `Fn::Sub` text the exporter wrote)."""
        found = {}
        for lid, node_id in self.node_of.items():
            name = self.props_of(lid).get("BucketName")
            if isinstance(name, dict):
                name = name.get("Fn::Sub")
            if isinstance(name, str) and self.type_of(lid) == "AWS::S3::Bucket":
                found[name] = node_id
        return found

    def resolve(self, value: Any) -> str | None:
        """The node a reference or ARN points at, or None."""
        if isinstance(value, dict) and "Ref" in value:
            if self.type_of(value["Ref"]) in FUNCTION_VERSIONS:  # an alias or version
                return self.resolve(self.props_of(value["Ref"]).get("FunctionName"))
            if value["Ref"] in self.resources:
                return self.node_of.get(value["Ref"])
            return self._computed(value)  # a parameter: the name or ARN its value gives
        if isinstance(value, dict) and "Fn::GetAtt" in value:
            lid = self.getatt_target(value)
            if lid and self.type_of(lid) == "AWS::Kinesis::StreamConsumer":
                return self.resolve(self.props_of(lid).get("StreamARN"))
            return self.node_of.get(lid) if lid else None
        if isinstance(value, dict) and "Fn::Join" in value:
            parts = value["Fn::Join"][1] if isinstance(value["Fn::Join"], list) else None
            return self.resolve(parts[0]) if isinstance(parts, list) and parts else None
        if isinstance(value, dict) and "Fn::Sub" in value:
            text = value["Fn::Sub"]
            if isinstance(text, list) and len(text) == 2 and isinstance(text[1], dict):
                # `!Sub [".../${name}", {name: !GetAtt Queue.QueueName}]`: the variable's
                # resource (SAM's policy templates are written so)
                for name in _SUB_VARIABLE.findall(text[0] if isinstance(text[0], str) else ""):
                    found = self.resolve(text[1][name]) if name in text[1] else None
                    if found:
                        return found
            body = text[0] if isinstance(text, list) and text else text
            found = self.resolve_text(body, substituted=True) if isinstance(body, str) else None
            return found or self._computed(value)
        return self.resolve_text(value) if isinstance(value, str) else None

    def _computed(self, value: Any) -> str | None:
        """The node a computed ARN or name names (`!Sub ...:event-bus/${BusParameter}`,
        a parameter's default filled in)."""
        text = self.literal(value)
        return self.resolve_text(text) if isinstance(text, str) else None

    def referred(self, value: Any, cfn_type: str) -> str | None:
        """The logical id `value` refers to (a `Ref` or `Fn::GetAtt`) when that resource
        is a `cfn_type` (an MSK cluster, an Amazon MQ broker), else None."""
        lid = None
        if isinstance(value, dict) and "Ref" in value:
            lid = value["Ref"]
        elif isinstance(value, dict) and "Fn::GetAtt" in value:
            lid = self.getatt_target(value)
        return lid if isinstance(lid, str) and self.type_of(lid) == cfn_type else None

    def getatt_target(self, value: dict) -> str | None:
        target = value["Fn::GetAtt"]
        if isinstance(target, str):
            target = target.split(".", 1)
        return target[0] if isinstance(target, list) and target else None

    def resolve_text(self, text: str, *, substituted: bool = False) -> str | None:
        """The node a literal or `Fn::Sub` ARN (or name) names."""
        if substituted and text in self.bucket_names():
            return self.bucket_names()[text]
        bucket = _BUCKET_ARN.match(text)
        if bucket:
            return self.bucket_names().get(bucket.group(1))
        if _DEFAULT_BUS.match(text):
            return self.default_bus_node()
        unnamed = _STACK_NAMED.search(text) if substituted else None
        if unnamed and unnamed.group(1) in self.node_of:
            return self.node_of[unnamed.group(1)]
        plain = text
        for variable, stand_in in _PSEUDO.items():
            plain = plain.replace(variable, stand_in)
        arn = _ARN.match(plain)
        if arn:
            tokens = re.split(r"[:/]", arn.group(2))
            kind_first = len(tokens) > 1 and tokens[0] in _ARN_KINDS
            types = _SERVICE_TYPES.get(arn.group(1), ("",))
            named = self.by_name(tokens[1] if kind_first else tokens[0], types)
            if named or not substituted:
                return named
        if substituted:
            refs = [self.node_of[m] for m in _SUB_REF.findall(text) if m in self.node_of]
            return refs[0] if len(refs) == 1 else None
        return self.by_name(text)
