"""The contract's face for EventBridge patterns: `engine.patterns.matches` and friends.

The matching lives in `engine.matching.event_patterns`; this module only re-exports it.
"""

from engine.matching.event_patterns import compile_pattern, matches, validate_pattern

__all__ = ["compile_pattern", "matches", "validate_pattern"]
