"""Import, nodes: what every service's importer shares (its mapping is in `services/`).

A resource becomes a node of the type whose spec names its CloudFormation type
(`NodeSpec.cfn_type`). Its props are the spec's props found in the resource, with literal
values (CloudFormation accepts `"30"` for 30 and `"true"` for true; the diagram wants the
number and the boolean). Properties the diagram expresses as edges (`RedrivePolicy`,
`NotificationConfiguration`, `Targets`, ...) or that wiring needs (`Role`, `Code`) are
read by the edge importers; anything else is listed as a warning.
"""

from __future__ import annotations

from typing import Any

from engine import registry
from engine.core.spec import FieldSpec, NodeSpec

from .refs import UNRESOLVED, ImportContext, is_literal

# Properties each type reads elsewhere (edges, wiring) or that the exporter always writes.
STRUCTURAL = {
    "sqs.queue": ("RedrivePolicy",),
    "sns.topic": ("Subscription",),
    "lambda.function": ("Role", "Handler", "Code", "LoggingConfig", "Environment"),
    "dynamodb.table": ("AttributeDefinitions", "BillingMode", "TimeToLiveSpecification"),
    "eventbridge.rule": ("EventBusName", "Targets"),
    "s3.bucket": ("NotificationConfiguration",),
    "cloudwatch.alarm": ("Namespace", "Dimensions", "AlarmActions", "Metrics", "ThresholdMetricId"),
    "pipes.pipe": ("RoleArn", "Source", "Target", "Enrichment"),
    "stepfunctions.statemachine": ("RoleArn", "DefinitionSubstitutions"),
    "flink.application": ("ServiceExecutionRole", "ApplicationConfiguration"),
    "firehose.deliverystream": (
        "ExtendedS3DestinationConfiguration",
        "S3DestinationConfiguration",
        "KinesisStreamSourceConfiguration",
        "MSKSourceConfiguration",
    ),
}


def coerce(spec: FieldSpec, value: Any) -> Any:
    """A CloudFormation value as the diagram spells it (numbers and booleans from text)."""
    if isinstance(value, str) and spec.kind in ("int", "number"):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if spec.kind == "int" and number.is_integer() else number
    if isinstance(value, str) and spec.kind == "bool" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def spec_props(
    ctx: ImportContext, lid: str, spec: NodeSpec, given: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The spec's props that the resource (or `given`, its properties as the importer
    reads them) sets to literal values; warnings for the rest."""
    given = ctx.props_of(lid) if given is None else given
    props: dict[str, Any] = {}
    for field in spec.props:
        if field.name not in given:
            continue
        value = given[field.name]
        if not is_literal(value):
            value = computed(ctx, lid, field.name, value)
            if value is UNRESOLVED:
                continue
            if value is None:  # AWS::NoValue: as if not set
                continue
        props[field.name] = coerce(field, value)
    known = {f.name for f in spec.props} | set(STRUCTURAL.get(spec.type, ()))
    for name in given:
        if name not in known:
            ctx.warn(
                f"Resources.{lid}.Properties.{name}",
                "unsupported_property",
                f"{name} of {ctx.type_of(lid)} is not part of the diagram and was left out",
            )
    return props


def computed(ctx: ImportContext, lid: str, name: str, value: Any, path: str = "") -> Any:
    """The value an intrinsic function computes (pseudo parameters, parameters' defaults,
    the diagram's own resources), or UNRESOLVED after a warning."""
    got = ctx.literal(value)
    if got is UNRESOLVED:
        ctx.warn(
            path or f"Resources.{lid}.Properties.{name}",
            "not_literal",
            f"{name} is computed by an intrinsic function whose value is only known once "
            "deployed; the diagram keeps literal values only, so it was left out",
        )
        return UNRESOLVED
    ctx.evaluated.add((lid, name))
    return got


def import_plain(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    return spec_props(ctx, lid, spec)


def node_type_of(cfn_type: str) -> NodeSpec | None:
    """The node type whose resource is `cfn_type` (specs say it; nothing else lists them)."""
    return next((s for s in registry.NODE_SPECS if s.cfn_type == cfn_type), None)


def resource_path(lid: str, *keys: str) -> str:
    return ".".join(("Resources", lid) + (("Properties",) + keys if keys else ()))


def edge_props(
    kind: str, given: dict, names: tuple[str, ...], ctx: ImportContext, path: str
) -> dict[str, Any]:
    """The edge props `names` that `given` (at `path`) sets, as the diagram spells them;
    a value an intrinsic function computes is computed, or left out with a warning."""
    spec = registry.edge_kind(kind)
    props = {}
    for name in names:
        if name not in given:
            continue
        value = given[name]
        if not is_literal(value):
            value = computed(ctx, "", name, value, path=f"{path}.{name}")
            if value is UNRESOLVED or value is None:
                continue
        props[name] = coerce(spec.prop(name), value) if spec.prop(name) else value
    return props


def unsupported(ctx: ImportContext, lid: str, given: dict, known: tuple, what: str) -> None:
    """A warning for each property of `given` the diagram has no place for."""
    for name in given:
        if name not in known:
            ctx.warn(
                resource_path(lid, name),
                "unsupported_property",
                f"{name} of {what} is not part of the diagram and was left out",
            )
