"""Design advice for EventBridge pipes (`designer.advice` lists these rules in `RULES`).

A pipe whose filter drops everything its source receives costs nothing and does nothing:
"Event filtering in Amazon EventBridge Pipes" bills only matching events, so nothing warns
on AWS either. The check renders what the source's producers publish (a sample of each
producer's payload template, from a fixed seed) and matches it as the pipe would.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from engine.core.diagram import Diagram, Edge, Node
from engine.core.message import encode_attributes, encode_body
from engine.patterns import matches
from engine.runtime.templates import compile_template

SAMPLES = 50


def invokes_synchronously(d: Diagram, edge: Edge) -> bool:
    """A pipe calls its enrichment, and a Lambda target unless FIRE_AND_FORGET, and waits
    for the answer ("Amazon EventBridge Pipes targets"): not an asynchronous invoke."""
    pipe = d.nodes[edge.source]
    if pipe.type != "pipes.pipe":
        return False
    if edge.kind == "enrichment":
        return True
    params = (pipe.props.get("TargetParameters") or {}).get("LambdaFunctionParameters") or {}
    return params.get("InvocationType", "REQUEST_RESPONSE") == "REQUEST_RESPONSE"


def _patterns(pipe: Node) -> list[Any]:
    filters = ((pipe.props.get("SourceParameters") or {}).get("FilterCriteria") or {}).get(
        "Filters", []
    )
    found = []
    for item in filters:
        pattern = item.get("Pattern")
        found.append(json.loads(pattern) if isinstance(pattern, str) else pattern)
    return found


def _views(producer: Node, source: Node) -> list[dict[str, Any]]:
    """What the pipe's filter would see of a sample of the producer's messages."""
    render = compile_template(producer.sim.get("payload"))
    attributes = compile_template(producer.sim.get("attributes") or {})
    rng = random.Random(0)
    views = []
    for seq in range(1, SAMPLES + 1):
        payload = render(seq, 0.0, rng)
        if source.type == "kinesis.stream":
            views.append({"data": payload, "partitionKey": producer.sim.get("partitionKey")})
            continue
        body = encode_body(payload)
        try:
            parsed: Any = json.loads(body)
        except ValueError:
            parsed = body
        views.append(
            {"body": parsed, "messageAttributes": encode_attributes(attributes(seq, 0.0, rng))}
        )
    return views


def pipe_filter_drops_everything(d: Diagram) -> Iterator[Any]:
    """A pipe whose FilterCriteria no message its source receives can match."""
    from designer.advice import Advice  # the module that lists this rule, loaded by now

    for pipe in (n for n in d.nodes.values() if n.type == "pipes.pipe"):
        patterns = _patterns(pipe)
        sources = d.edges_to(pipe.id, "event-source")
        if not patterns or not sources:
            continue
        source = d.nodes[sources[0].source]
        if source.type not in ("sqs.queue", "kinesis.stream"):
            continue
        inbound = d.edges_to(source.id)
        senders = [d.nodes[e.source] for e in inbound if e.kind == "publish"]
        if not senders or len(senders) != len(inbound):
            continue  # something other than a producer sends too: cannot tell
        if any(s.type != "producer" for s in senders):
            continue
        if any(matches(p, v) for s in senders for v in _views(s, source) for p in patterns):
            continue
        yield Advice(
            f"nodes[{pipe.index}].props.SourceParameters.FilterCriteria",
            "pipe_filter_drops_everything",
            f"pipe '{pipe.id}' filters out every message in a sample of {SAMPLES} from each "
            f"producer of '{source.id}' ({', '.join(s.id for s in senders)}); its target "
            "never receives anything"
            + (" and SQS deletes each message it drops" if source.type == "sqs.queue" else ""),
            f"Change the FilterCriteria of '{pipe.id}' to match what reaches '{source.id}' "
            "(an SQS message's JSON body is matched under \"body\", a Kinesis record's data "
            'under "data").',
        )
