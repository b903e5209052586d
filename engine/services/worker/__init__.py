"""Workers: fleets of pollers reading queues, not an AWS resource (`worker`)."""
