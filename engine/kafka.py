"""The contract's face for Kafka's partitioner: `engine.kafka.partition_for_key`.

The topic lives in `engine.services.kafka`; this module only re-exports the partitioner.
"""

from engine.services.kafka.partitioner import partition_for_key

__all__ = ["partition_for_key"]
