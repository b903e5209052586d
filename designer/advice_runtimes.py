"""Design advice about Lambda runtimes: a function on a runtime AWS has deprecated ("Lambda
runtimes": after deprecation, creating and then updating such functions is blocked).
Listed in `designer.advice.RULES`."""

from __future__ import annotations

from collections.abc import Iterator

from designer.advice_base import Advice
from engine.core.diagram import Diagram
from engine.services.awslambda.function import DEPRECATED_RUNTIMES


def deprecated_runtime(d: Diagram) -> Iterator[Advice]:
    """A function whose runtime AWS has deprecated: the exported template would not deploy
    once creation is blocked, and the runtime gets no security patches."""
    for function in (n for n in d.nodes.values() if n.type == "lambda.function"):
        runtime = function.props.get("Runtime")
        if runtime not in DEPRECATED_RUNTIMES:
            continue
        since, successor = DEPRECATED_RUNTIMES[runtime]
        yield Advice(
            f"{function.path}.props.Runtime",
            "deprecated_runtime",
            f"'{function.id}' runs on {runtime}, which AWS deprecated on {since}: it gets no "
            "more patches, and AWS then blocks creating and updating functions on it",
            f"Move '{function.id}' to {successor}.",
        )
