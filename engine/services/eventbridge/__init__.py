"""EventBridge: buses and rules (`bus`), events (`events`), input transformers (`input`),
targets with retries and DLQs (`targets`), schedules (`schedule`) and cross-node rules."""
