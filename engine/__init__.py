"""Eventyard's simulation engine: diagrams in, AWS-faithful message flow out.

Pure Python (standard library only): it never imports Django or the web apps. The public
API is contract section 2: `load_diagram`, `Simulation`, `DiagramError`, and the matchers
`engine.patterns.matches`, `engine.sns.filter_policy_matches`,
`engine.kinesis.shard_for_partition_key`.
"""

from engine.core.errors import DiagramError, Problem
from engine.schema.load import load_diagram
from engine.simulation import Simulation

__all__ = ["DiagramError", "Problem", "Simulation", "load_diagram"]
