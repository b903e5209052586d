"""Amazon ElastiCache serverless caches (an idempotency store)."""
