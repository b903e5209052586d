from django.apps import AppConfig


class PlaygroundConfig(AppConfig):
    """The site: pages, live runs and the commands that serve and simulate diagrams."""

    name = "playground"
    verbose_name = "Eventyard playground"
