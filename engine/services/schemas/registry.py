"""EventBridge schema registries (`schemas.registry`, `AWS::EventSchemas::Registry`): a
`discover` edge from a bus is a schema discoverer on it, and the registry keeps the
schemas it infers (`engine.services.schemas.infer`) from every event the bus takes, one
per `source` and `detail-type` (named `<source>@<DetailType>`, as discovery names them),
with a new version each time an event adds a field, changes a type or leaves out a field
that was always there.

Choices: a registry keeps at most 100 schemas and 100 versions of each (a run past that
counts the events it could not fold in, `SchemasNotDiscovered`); versions are numbered
1, 2, ... and stamped with the simulated time of the event that made them.
"""

from __future__ import annotations

from typing import Any

from engine.core.spec import FieldSpec, NodeSpec
from engine.runtime.resource import Resource
from engine.services.schemas.infer import (
    changes,
    json_schema,
    merge,
    openapi,
    python_bindings,
    shape_of,
    type_name,
    typescript_bindings,
)

MAX_SCHEMAS = 100
MAX_VERSIONS = 100

SPEC = NodeSpec(
    type="schemas.registry",
    metrics=("SchemasDiscovered", "SchemaVersions", "EventsSeen", "SchemasNotDiscovered"),
    group="Routing",
    name_prop="RegistryName",
    arn_format="arn:aws:schemas:{region}:{account}:registry/{name}",
    counters=(("SchemasDiscovered", "schemas"), ("SchemaVersions", "versions")),
    label="Schema registry",
    description="Discovers the schema of each kind of event on the buses wired to it, "
    "with versions, diffs and code bindings.",
    cfn_type="AWS::EventSchemas::Registry",
    props=(
        FieldSpec(
            "RegistryName",
            "string",
            None,
            pattern=r"[.\-_A-Za-z@]+[.\-_A-Za-z0-9@]*",
            help="Letters, digits, dots, hyphens, underscores and @ (no leading digit).",
        ),
        FieldSpec("Description", "string", None, help="What the registry holds."),
    ),
)


class Schema:
    """Invariant: `versions` is never empty and each differs from the one before."""

    __slots__ = ("name", "source", "detail_type", "versions")

    def __init__(self, name: str, source: str, detail_type: str):
        self.name, self.source, self.detail_type = name, source, detail_type
        self.versions: list[dict[str, Any]] = []

    @property
    def latest(self) -> dict[str, Any] | None:
        return self.versions[-1]["shape"] if self.versions else None

    def document(self, index: int = -1) -> dict[str, Any]:
        version = self.versions[index]
        return openapi(self.source, self.detail_type, version["shape"], version["version"])


class SchemaRegistry(Resource):
    """Holds nothing of the ledger: it reads events, it does not take them."""

    def __init__(self, node, sim):
        super().__init__(node, sim)
        self.schemas: dict[str, Schema] = {}
        self.seen = self.refused = 0

    def wire_in(self, edge, source: Resource) -> None:
        if edge.kind == "discover":
            source.discoverers.append(self)

    def observe(self, event: dict[str, Any]) -> None:
        """An event the bus took: fold its detail into its schema."""
        self.seen += 1
        source, detail_type = str(event.get("source", "")), str(event.get("detail-type", ""))
        name = f"{source}@{type_name(detail_type)}"
        schema = self.schemas.get(name)
        if schema is None:
            if len(self.schemas) >= MAX_SCHEMAS:
                self.refused += 1
                return
            schema = self.schemas[name] = Schema(name, source, detail_type)
        detail = event.get("detail")
        observed = shape_of(detail if detail is not None else {})
        before = schema.latest
        after = merge(before, observed)
        if after == before:
            return
        if len(schema.versions) >= MAX_VERSIONS:
            self.refused += 1
            return
        number = str(len(schema.versions) + 1)
        said = changes(before, after) if before is not None else ["discovered"]
        schema.versions.append(
            {"version": number, "time": round(self.kernel.now, 6), "shape": after, "changes": said}
        )
        self.rec.note("schema-version", self.id, schema=name, version=number, changes=said)

    # --- reporting -----------------------------------------------------------------------
    def summary(self) -> dict[str, int]:
        """Each schema with its number of versions (what live frames carry)."""
        return {name: len(s.versions) for name, s in self.schemas.items()}

    def report(self) -> dict[str, Any]:
        """Every schema: its versions (time, changes, OpenAPI 3 and JSON Schema draft 4
        content) and the code bindings of its latest version."""
        out: dict[str, Any] = {}
        for name, schema in self.schemas.items():
            detail = schema.latest
            out[name] = {
                "source": schema.source,
                "detailType": schema.detail_type,
                "versions": [
                    {
                        "version": v["version"],
                        "time": v["time"],
                        "changes": v["changes"],
                        "openapi": openapi(
                            schema.source, schema.detail_type, v["shape"], v["version"]
                        ),
                        "jsonschema": json_schema(schema.source, schema.detail_type, v["shape"]),
                    }
                    for v in schema.versions
                ],
                "bindings": {
                    "python": python_bindings(schema.source, schema.detail_type, detail),
                    "typescript": typescript_bindings(schema.source, schema.detail_type, detail),
                },
            }
        return out

    def metrics(self) -> dict[str, Any]:
        return {
            "SchemasDiscovered": len(self.schemas),
            "SchemaVersions": sum(len(s.versions) for s in self.schemas.values()),
            "EventsSeen": self.seen,
            "SchemasNotDiscovered": self.refused,
        }
