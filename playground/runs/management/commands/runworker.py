"""`manage.py runworker CHANNEL...`: Channels' runworker, unchanged, except that the
consumer of `eventyard-runs` is started at once (Channels starts a channel's consumer at
its first message). A run worker then heartbeats, renews leases and adopts orphaned runs
from the moment it starts, so `/healthz` counts it and a lone survivor takes over the
runs of a worker that died even if it has never been sent a run itself."""

from __future__ import annotations

from channels.management.commands.runworker import Command as ChannelsRunworker
from channels.worker import Worker

from playground.runs.remote import RUNS_CHANNEL


class WakingWorker(Worker):
    async def handle(self) -> None:
        if RUNS_CHANNEL in self.channels:
            scope = {"type": "channel", "channel": RUNS_CHANNEL}
            queue = self.get_or_create_application_instance(RUNS_CHANNEL, scope)
            await queue.put({"type": "run.wake"})
        await super().handle()


class Command(ChannelsRunworker):
    help = "Run Channels workers; `eventyard-runs` serves live runs (REDIS_URL)."
    worker_class = WakingWorker
