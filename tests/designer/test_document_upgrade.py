"""Documents saved with the old `sim.idempotent` flag (engine.schema.upgrade): the API
stores what comes in, and serves what was stored, in the current form: an idempotency
edge to a DynamoDB table of the consumer's own."""

import pytest

from designer.models import Diagram
from tests.designer.builders import url
from tests.engine.builders import diagram, event_source, producer, publish, queue, worker

pytestmark = pytest.mark.django_db


def old_doc() -> dict:
    return diagram(
        [producer("p"), queue("q"), worker("w", idempotent=True)],
        [publish("p", "q"), event_source("q", "w")],
    )


def assert_upgraded(document: dict) -> None:
    assert "idempotent" not in document["nodes"][2]["sim"]
    assert document["nodes"][3]["type"] == "dynamodb.table"
    assert document["edges"][-1]["kind"] == "idempotency"
    assert (document["edges"][-1]["source"], document["edges"][-1]["target"]) == (
        "w",
        "w-idempotency",
    )


def test_an_old_document_is_stored_in_the_current_form(visitor):
    created = visitor.create(document=old_doc())
    assert_upgraded(created["document"])
    assert_upgraded(Diagram.objects.get(pk=created["id"]).document)


def test_a_document_stored_in_the_old_form_is_served_in_the_current_one(visitor):
    created = visitor.create()
    Diagram.objects.filter(pk=created["id"]).update(document=old_doc())
    served = visitor.get(url(created)).json()["document"]
    assert_upgraded(served)
    assert visitor.get(url(created, "validate/")).json()["valid"] is True
