"""`/healthz` for load balancers: the database answers, the channel layer answers, and
(with REDIS_URL) at least one run worker is alive. 200 when all hold, 503 otherwise,
with a JSON body naming each check; never a traceback."""

from __future__ import annotations

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _channel_layer() -> str:
    """A message sent to a fresh channel of this process comes back."""
    layer = get_channel_layer()

    async def round_trip() -> bool:
        channel = await layer.new_channel()
        marker = uuid.uuid4().hex
        await layer.send(channel, {"type": "health.check", "marker": marker})
        return (await layer.receive(channel)).get("marker") == marker

    return "ok" if async_to_sync(round_trip)() else "lost a message"


def _workers() -> int | None:
    if not settings.REDIS_URL:
        return None  # runs are in-process: no workers to have
    from playground.runs import store

    return store.live_workers()


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    body: dict[str, object] = {}
    healthy = True
    for name, check in (("database", _database), ("channel_layer", _channel_layer)):
        try:
            body[name] = check()
        except Exception as error:  # the answer says what failed; the log has the rest
            logger.warning("healthz: %s failed", name, exc_info=True)
            body[name] = f"failed: {type(error).__name__}"
        healthy = healthy and body[name] == "ok"
    try:
        workers = _workers()
    except Exception as error:
        workers, healthy = None, False
        body["workers"] = f"failed: {type(error).__name__}"
    else:
        body["workers"] = "in-process" if workers is None else workers
        healthy = healthy and (workers is None or workers > 0)
    body["status"] = "ok" if healthy else "unhealthy"
    return JsonResponse(body, status=200 if healthy else 503)
