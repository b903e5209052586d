"""Amazon Kinesis Data Streams: partition-key placement ("Kinesis Data Streams terminology
and concepts": the MD5 hash of the partition key, as a 128-bit integer, picks the shard
whose hash-key range contains it; a new stream's shards split the key space evenly)."""

from __future__ import annotations

import hashlib

HASH_SPACE = 2**128


def hash_key(partition_key: str) -> int:
    """The 128-bit hash key of a partition key: MD5 of its UTF-8 bytes, big-endian."""
    return int.from_bytes(hashlib.md5(partition_key.encode("utf-8")).digest(), "big")


def shard_for_partition_key(key: str, shard_count: int) -> int:
    """The 0-based shard of `key` in a stream of `shard_count` evenly split shards."""
    if shard_count < 1:
        raise ValueError("a stream has at least one shard")
    return hash_key(key) * shard_count // HASH_SPACE
