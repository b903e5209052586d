"""Kafka's producer partitioners ("Kafka producer configs": `partitioner.class`, the Java
client's `BuiltInPartitioner` and `Utils.murmur2`).

A record with a key goes to `toPositive(murmur2(UTF-8 bytes of the key)) % partitions`,
so every record of a key lands on one partition, in order. A record without a key goes to
the producer's sticky partition, which changes once a batch is full (`batch.size`, 16,384
bytes by default): keyless records spread over partitions batch by batch, not one by one.
"""

from __future__ import annotations

import random

SEED = 0x9747B28C
M = 0x5BD1E995
MASK = 0xFFFFFFFF
BATCH_SIZE = 16_384  # bytes: the Java client's batch.size default


def murmur2(data: bytes) -> int:
    """The 32-bit murmur2 hash Kafka's Java client uses, as a signed int like Java's."""
    length = len(data)
    h = (SEED ^ length) & MASK
    whole = length & ~3
    for i in range(0, whole, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * M) & MASK
        k ^= k >> 24
        k = (k * M) & MASK
        h = (h * M) & MASK
        h ^= k
    rest = length & 3
    if rest == 3:
        h ^= data[whole + 2] << 16
    if rest >= 2:
        h ^= data[whole + 1] << 8
    if rest >= 1:
        h ^= data[whole]
        h = (h * M) & MASK
    h ^= h >> 13
    h = (h * M) & MASK
    h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h


def partition_for_key(key: str, partitions: int) -> int:
    """Kafka's default partitioner for a keyed record: toPositive(murmur2(key)) % n."""
    if partitions < 1:
        raise ValueError("a topic has at least one partition")
    return (murmur2(key.encode("utf-8")) & 0x7FFFFFFF) % partitions


class StickyPartitioner:
    """Keyless records of one producer: one partition until a batch's bytes are full, then
    another one, drawn from the run's seeded stream (never the same twice in a row)."""

    __slots__ = ("partition", "filled")

    def __init__(self) -> None:
        self.partition = -1
        self.filled = 0

    def next(self, size: int, partitions: int, rng: random.Random) -> int:
        if self.partition < 0 or self.partition >= partitions or self.filled + size > BATCH_SIZE:
            choices = [p for p in range(partitions) if p != self.partition] or [0]
            self.partition = rng.choice(choices)
            self.filled = 0
        self.filled += size
        return self.partition
