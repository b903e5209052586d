"""WebSocket routes, served by `playground.asgi` under `/ws/` (contract section 6)."""

from django.urls import re_path

from playground.consumers import RunConsumer

# Run ids are URL-safe base64 (`secrets.token_urlsafe`).
websocket_urlpatterns: list = [
    re_path(r"^ws/runs/(?P<run_id>[A-Za-z0-9_-]{1,64})/$", RunConsumer.as_asgi()),
]
