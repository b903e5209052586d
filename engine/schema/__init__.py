"""The schema layer: the edge-kind table, the checks that compose every service's own, and
`load_diagram`, which turns a document into a `Diagram` or raises `DiagramError`."""

from engine.schema.load import (
    FORMAT,
    ID_PATTERN,
    MAX_EDGES,
    MAX_NODES,
    check_field,
    load_diagram,
)

__all__ = ["FORMAT", "ID_PATTERN", "MAX_EDGES", "MAX_NODES", "check_field", "load_diagram"]
