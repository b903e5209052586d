"""The contract's face for SNS filter policies: `engine.sns.filter_policy_matches`.

The matching lives in `engine.matching.filter_policies`; this module only re-exports it.
"""

from engine.matching.filter_policies import filter_policy_matches, validate_filter_policy

__all__ = ["filter_policy_matches", "validate_filter_policy"]
