"""SQS: standard and FIFO queues (`queue`, `groups`) and the rules of dead-letter queues."""
