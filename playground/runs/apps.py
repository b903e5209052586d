"""The live runs as an app of their own only for one reason: it is listed before
`channels`, so its `runworker` command (Channels' own, which also wakes the run worker
at start: `playground.runs.management.commands.runworker`) is the one Django runs."""

from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "playground.runs"
    label = "eventyard_runs"
