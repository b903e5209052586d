"""S3: buckets and their event notifications (`bucket`), and what S3 accepts when a
notification configuration is saved (`config`)."""
