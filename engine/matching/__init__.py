"""The matching layer: EventBridge event patterns and SNS filter policies, one matching
core (`_operators`, `_checks`) with two dialects. Imports only the core."""
