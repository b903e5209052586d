"""WebSocket routes, served by `playground.asgi` under `/ws/`."""

websocket_urlpatterns: list = []
