"""RabbitMQ's routing ("AMQP 0-9-1 Model Explained", "Exchanges"): which of an exchange's
bindings a message's routing key matches.

A direct exchange matches a binding whose key equals the routing key; a fanout exchange
matches every binding; a topic exchange reads both keys as words separated by dots, where
a binding's `*` stands for exactly one word and `#` for zero or more words.
"""

from __future__ import annotations

from functools import lru_cache

MAX_KEY_BYTES = 255  # routing and binding keys are AMQP short strings


def topic_binding_matches(binding_key: str, routing_key: str) -> bool:
    """Whether a topic exchange routes `routing_key` to a binding with `binding_key`."""
    return _match(tuple(binding_key.split(".")), tuple(routing_key.split(".")))


@lru_cache(maxsize=4096)
def _match(pattern: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        # zero words, or one more word still under the same `#`
        return _match(rest, words) or (bool(words) and _match(pattern, words[1:]))
    if not words:
        return False
    return (head == "*" or head == words[0]) and _match(rest, words[1:])


def routes(exchange_type: str, binding_key: str, routing_key: str) -> bool:
    """Whether an exchange of `exchange_type` routes `routing_key` over a binding."""
    if exchange_type == "fanout":
        return True
    if exchange_type == "topic":
        return topic_binding_matches(binding_key, routing_key)
    return binding_key == routing_key


def binding_key_problem(key: str) -> str | None:
    """Why RabbitMQ would refuse `key` as a binding or routing key, or None. AMQP 0-9-1
    allows empty keys and empty words ("zero or more words"), so only the length counts."""
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        return f"a key is at most {MAX_KEY_BYTES} bytes (an AMQP short string)"
    return None


def has_empty_word(key: str) -> bool:
    """A topic key with two dots together or a dot at an end: legal, but its empty word
    matches only an empty word, which is seldom what was meant."""
    return bool(key) and "" in key.split(".")
