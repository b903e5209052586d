from django.apps import AppConfig


class DesignerConfig(AppConfig):
    """Diagrams as stored documents, their REST API and CloudFormation round trips."""

    name = "designer"
    verbose_name = "Eventyard designer"

    def ready(self) -> None:
        # Registers the OpenAPI description of our authentication class.
        from designer import openapi  # noqa: F401
