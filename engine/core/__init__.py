"""The core layer: errors and problems, the checked diagram, the specs (data about each
type), message copies, JSON values and the declarative shape checker. Imports nothing else
of the engine."""
