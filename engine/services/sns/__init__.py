"""SNS: topics, fan-out to subscriptions, envelopes, delivery retries and subscription
DLQs (`topic`), and the rules of subscriptions (`rules`)."""
