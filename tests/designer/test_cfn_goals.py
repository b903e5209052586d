"""Goals are ordinary document content: an exported template keeps them in its metadata
and importing it gives them back."""

from __future__ import annotations

from designer.cloudformation import export_template, import_template
from tests.designer.cfn_support import example

GOALS = [
    {
        "name": "drained",
        "metric": "orders.ApproximateNumberOfMessagesVisible",
        "op": "==",
        "value": 0,
    },
    {
        "name": "peak",
        "metric": "orders.ApproximateNumberOfMessagesVisible",
        "stat": "max",
        "op": "<=",
        "value": 5,
    },
    {"name": "nothing lost", "metric": "ledger.unaccounted", "op": "==", "value": 0},
]


def test_goals_survive_export_and_import():
    doc = example("order-queue-dlq")
    doc["sim"]["goals"] = GOALS
    for fmt in ("yaml", "json"):
        document = import_template(export_template(doc, fmt=fmt))[0]
        assert document["sim"]["goals"] == GOALS
