"""Design advice about SaaS partner events: a producer that stands for a partner (its
entries' source is `aws.partner/...`) must put them on the partner event bus matched with
that source; any other bus refuses `aws.` sources. Listed in `designer.advice.RULES`."""

from __future__ import annotations

from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram

PARTNER_PREFIX = "aws.partner/"


def partner_events_on_the_wrong_bus(d: Diagram) -> Iterator[Advice]:
    """A partner producer wired to a bus that is not its partner event bus: every entry
    would fail (an `aws.` source), so say which bus it needs."""
    for producer in (n for n in d.nodes.values() if n.type == "producer"):
        payload = producer.sim.get("payload")
        source = payload.get("Source") if isinstance(payload, dict) else None
        if not isinstance(source, str) or not source.startswith(PARTNER_PREFIX):
            continue
        for edge in d.edges_from(producer.id, "publish"):
            bus = d.nodes[edge.target]
            if bus.type != "eventbridge.bus" or bus.props.get("EventSourceName") == source:
                continue
            yield Advice(
                edge.path,
                "partner_bus_mismatch",
                f"'{producer.id}' sends {source} events, but '{bus.id}' is not that "
                "partner's event bus: PutEvents refuses aws. sources on it",
                f"Set '{bus.id}''s Name and EventSourceName to '{source}' (a partner event "
                "bus), or give the producer a source of your own",
            )
