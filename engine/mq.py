"""Amazon MQ's routing rules, as the contract names them."""

from engine.services.mq.routing import topic_binding_matches

__all__ = ["topic_binding_matches"]
