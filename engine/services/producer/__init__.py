"""Producers: message sources (`producer`), their attributes and what they must send to
FIFO queues, topics and streams (`rules`)."""
