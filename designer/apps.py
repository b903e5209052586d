from django.apps import AppConfig


class DesignerConfig(AppConfig):
    """Diagrams as stored documents, their REST API and CloudFormation round trips."""

    name = "designer"
    verbose_name = "Eventyard designer"
