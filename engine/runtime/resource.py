"""The base every simulated resource shares: its node, the run's kernel and recorder, and the
one way messages reach it (`accept`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.core.message import Copy, encode_body

if TYPE_CHECKING:
    from engine.core.diagram import Edge, Node
    from engine.runtime.host import Host


class Resource:
    """A node of the diagram while it runs. Subclasses state their own invariants."""

    def __init__(self, node: Node, sim: Host):
        self.id = node.id
        self.node = node
        self.props = node.props
        self.sim_fields = node.sim
        self.sim = sim
        self.kernel = sim.kernel
        self.rec = sim.recorder
        # (edge id, target resource) of this node's `publish` edges, in document order.
        self.outputs: list[tuple[str, Resource]] = []

    def wire_out(self, edge: Edge, target: Resource) -> None:
        """This node is the source of `edge`; `publish` edges are the same for every sender."""
        if edge.kind == "publish":
            self.outputs.append((edge.id, target))

    def wire_in(self, edge: Edge, source: Resource) -> None:
        """This node is the target of `edge`."""

    def start(self) -> None:
        """Called once, after every edge is wired, before the clock moves."""

    def accept(self, copy: Copy, *, edge: str | None = None) -> str | None:
        """Take a copy arriving over `edge`. Returns None when taken, or the error AWS would
        answer with; a rejected copy is still the sender's to account for."""
        raise TypeError(f"{self.node.type} '{self.id}' does not take messages")

    def send_on(self, copies: list[Copy]) -> None:
        """`publish` edges of a function or worker: one new message per processed record to
        each target, carrying the producer's payload and attributes."""
        for copy in copies:
            for edge, target in self.outputs:
                # A FIFO target needs a group: the record's own, else one per sender.
                out = self.sim.derive(
                    copy,
                    body=encode_body(copy.payload),
                    group=copy.group or self.id,
                    dedup=copy.message_id,
                )
                self.sim.publish(self.id, out, edge=edge, target=target)

    def holdings(self) -> dict[str, int]:
        """Copies this resource holds right now, by ledger bucket."""
        return {}

    def metrics(self) -> dict[str, Any]:
        """CloudWatch-named metrics: counters as totals so far, gauges as of now."""
        return {}

    @property
    def is_fifo(self) -> bool:
        return False
