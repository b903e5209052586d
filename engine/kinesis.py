"""The contract's face for Kinesis partition-key hashing: `engine.kinesis.shard_for_partition_key`.

The stream lives in `engine.services.kinesis`; this module only re-exports the hashing.
"""

from engine.services.kinesis.stream import shard_for_partition_key

__all__ = ["shard_for_partition_key"]
