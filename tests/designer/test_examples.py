"""`manage.py playground` loads the example diagrams into the database after migrating."""

import pytest
from django.core.management import CommandError, call_command

from designer.models import Diagram
from playground.management.commands import playground
from tests.designer.builders import orders_doc, write_example

pytestmark = pytest.mark.django_db


class NoServer:
    """Daphne's server, replaced: the command's preparation is what is tested here."""

    listen_failure = None

    def __init__(self, **kwargs):
        pass

    def run(self) -> None:
        pass


def test_the_playground_command_loads_the_examples(monkeypatch, example_folder):
    write_example(example_folder, "orders", orders_doc())
    monkeypatch.setattr("designer.examples.examples_dir", lambda: example_folder)
    monkeypatch.setattr(playground, "_Server", NoServer)

    call_command("playground", "127.0.0.1:8123")

    [example] = Diagram.objects.filter(is_example=True)
    assert (example.example_slug, example.document) == ("orders", orders_doc())


def test_the_playground_command_stops_on_a_broken_example(monkeypatch, example_folder):
    write_example(example_folder, "bad", orders_doc(visibility_timeout=50000))
    monkeypatch.setattr("designer.examples.examples_dir", lambda: example_folder)
    monkeypatch.setattr(playground, "_Server", NoServer)

    with pytest.raises(CommandError, match="bad.json"):
        call_command("playground", "127.0.0.1:8123")
