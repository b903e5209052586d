"""The ASGI entry point: Django for HTTP, Channels' routing for WebSockets, and the run
workers' channel (`manage.py runworker eventyard-runs`)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playground.settings")

# Set Django up before anything imports models (consumers, routing, auth middleware).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ChannelNameRouter, ProtocolTypeRouter, URLRouter  # noqa: E402

from playground.origins import SameOriginValidator  # noqa: E402
from playground.routing import websocket_urlpatterns  # noqa: E402
from playground.runs.workers import RunWorker  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Scheme, host and port of the Origin must be the site's (playground/origins.py).
        "websocket": SameOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        # `manage.py runworker eventyard-runs` (REDIS_URL): the run workers.
        "channel": ChannelNameRouter({"eventyard-runs": RunWorker.as_asgi()}),
    }
)
