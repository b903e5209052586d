"""Kinesis Data Streams: streams, partition-key hashing and write limits (`stream`)."""
