"""Amazon Kinesis Video Streams: the flow of media fragments (not the media itself)."""
