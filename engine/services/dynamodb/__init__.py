"""DynamoDB: tables written by messages, and their streams of change records (`table`)."""
