"""The import corpus (`tests/designer/cfn_corpus/`, real templates of AWS's Serverless
Patterns collection: see its README) and what import makes of it.

The wiring each template holds is counted here from the template itself, independently
of the importer (`census`): a SAM function's or state machine's events, dead-letter queue
and destinations, event source mappings, subscriptions (inline ones too), rule and
schedule targets with their dead-letter queues, queues' redrive policies, bucket
notifications, pipes, delivery streams, alarm actions, and the tasks of state machine
definitions (inline, or in a file beside the template). Wiring that points outside the
template (an ARN of another stack, an email address) is counted apart, as `external`.
A wire is recalled when the imported diagram joins the two nodes: an edge between them,
or a prop of one naming the other (a dead-letter queue, a destination); an event that a
SAM rule or schedule delivers is recalled when a rule of the diagram targets the function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from designer.cloudformation import import_template
from designer.cloudformation.names import kebab
from designer.cloudformation.template_text import TemplateError, load_text
from designer.management.commands.import_cfn import beside
from engine import Simulation, load_diagram

CORPUS = Path(__file__).parent / "cfn_corpus"
RUN_SECONDS = 60
RULE_EVENTS = ("EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2")
SOURCE_EVENTS = {
    "SQS": "Queue",
    "Kinesis": "Stream",
    "DynamoDB": "Stream",
    "MQ": "Broker",
    "MSK": "Stream",
    "SelfManagedKafka": None,
    "DocumentDB": "Cluster",
}
LINK_EVENTS = {"SNS": "Topic", "S3": "Bucket"}
# Resources that hold what is read (a broker's queues, a cluster's topics): not nodes.
SHARED = ("AWS::AmazonMQ::Broker", "AWS::MSK::ServerlessCluster", "AWS::MSK::Cluster")
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


@dataclass
class Wire:
    """One piece of wiring: `a` and `b` are logical ids (`a` None: anything of `kind`
    into `b`)."""

    kind: str  # link | into-rule | into-source
    a: str | None
    b: str
    where: str


@dataclass
class Outcome:
    name: str
    imported: bool = False
    error: str = ""
    wires: list[Wire] = field(default_factory=list)
    missed: list[Wire] = field(default_factory=list)
    external: int = 0
    carries: bool = False
    warnings: list[dict] = field(default_factory=list)
    document: dict | None = None

    @property
    def recalled(self) -> int:
        return len(self.wires) - len(self.missed)


def templates() -> list[Path]:
    return sorted(CORPUS.glob("*/template.y*ml"))


# --- the census --------------------------------------------------------------------------
class Census:
    def __init__(self, template: dict[str, Any], read_file):
        self.resources = template.get("Resources") or {}
        self.parameters = template.get("Parameters") or {}
        self.read_file = read_file
        self.wires: list[Wire] = []
        self.external = 0

    def lid(self, value: Any) -> str | None:
        """The logical id a reference names (Ref, GetAtt, a Sub of one resource, the
        first resource of a Join), or None."""
        if isinstance(value, dict) and len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref" and arg in self.resources:
                return arg
            if key == "Ref" and arg in self.parameters:
                return self._named_by(arg)
            if key == "Fn::GetAtt":
                target = arg.split(".")[0] if isinstance(arg, str) else (arg or [None])[0]
                return target if target in self.resources else None
            if key == "Fn::Sub":
                text, variables = (arg + [{}])[:2] if isinstance(arg, list) else (arg, {})
                for name in _SUB_NAME.findall(text if isinstance(text, str) else ""):
                    if name in (variables or {}):
                        found = self.lid(variables[name])
                        if found:
                            return found
                    elif name in self.resources:
                        return name
            if key == "Fn::Join" and isinstance(arg, list) and len(arg) == 2:
                for part in arg[1] if isinstance(arg[1], list) else []:
                    found = self.lid(part)
                    if found:
                        return found
        return None

    def _named_by(self, parameter: str) -> str | None:
        """The one resource whose name (a `...Name` property) is that parameter's value."""
        named = [
            lid
            for lid, resource in self.resources.items()
            if isinstance(resource, dict)
            and any(
                key.endswith("Name") and value == {"Ref": parameter}
                for key, value in (resource.get("Properties") or {}).items()
            )
        ]
        return named[0] if len(named) == 1 else None

    def source(self, value: Any) -> str | None:
        """What an event source reads: a stream (through its consumer), a queue, a table;
        None for a broker or cluster (a destination or topic of it is read) or outside."""
        lid = self.lid(value)
        kind = self.resources.get(lid, {}).get("Type") if lid else None
        if kind == "AWS::Kinesis::StreamConsumer":
            return self.lid((self.resources[lid].get("Properties") or {}).get("StreamARN"))
        if kind in SHARED:
            return None
        return lid

    def link(self, a: str | None, value: Any, where: str) -> None:
        b = self.lid(value)
        if a is None or b is None:
            self.external += 1
        else:
            self.wires.append(Wire("link", a, b, where))

    def count(self) -> None:
        for lid, resource in self.resources.items():
            if not isinstance(resource, dict):
                continue
            props = (
                resource.get("Properties") if isinstance(resource.get("Properties"), dict) else {}
            )
            kind = resource.get("Type")
            handler = getattr(self, "_" + str(kind).replace("::", "_").lower(), None)
            if handler:
                handler(lid, props)

    # SAM
    def _aws_serverless_function(self, lid: str, props: dict) -> None:
        self._events(lid, props)
        dlq = props.get("DeadLetterQueue")
        if isinstance(dlq, dict):
            self.link(lid, dlq.get("TargetArn"), f"{lid}.DeadLetterQueue")
        invoke = props.get("EventInvokeConfig")
        if isinstance(invoke, dict):
            self._destinations(lid, invoke.get("DestinationConfig"), f"{lid}.EventInvokeConfig")

    def _aws_serverless_statemachine(self, lid: str, props: dict) -> None:
        self._events(lid, props)
        definition = props.get("Definition")
        uri = props.get("DefinitionUri")
        if definition is None and isinstance(uri, str) and self.read_file:
            text = self.read_file(uri)
            try:
                definition = load_text(text) if text else None
            except TemplateError:
                definition = None
        self._tasks(lid, definition, props.get("DefinitionSubstitutions") or {})

    def _events(self, lid: str, props: dict) -> None:
        for name, event in (props.get("Events") or {}).items():
            if not isinstance(event, dict):
                continue
            kind, given = event.get("Type"), event.get("Properties") or {}
            where = f"{lid}.Events.{name}"
            if kind in SOURCE_EVENTS:
                key = SOURCE_EVENTS[kind]
                source = self.source(given.get(key)) if key else None
                if source:
                    self.wires.append(Wire("link", source, lid, where))
                else:
                    self.wires.append(Wire("into-source", None, lid, where))
                self._destinations(lid, given.get("DestinationConfig"), where)
            elif kind in LINK_EVENTS:
                self.link(lid, given.get(LINK_EVENTS[kind]), where)
            elif kind in RULE_EVENTS:
                self.wires.append(Wire("into-rule", None, lid, where))
                dlq = given.get("DeadLetterConfig") or {}
                if isinstance(dlq, dict) and "Arn" in dlq:
                    self.link(lid, dlq["Arn"], where + ".DeadLetterConfig")

    def _destinations(self, lid: str, config: Any, where: str) -> None:
        if not isinstance(config, dict):
            return
        for outcome in ("OnSuccess", "OnFailure"):
            target = config.get(outcome)
            if isinstance(target, dict) and "Destination" in target:
                self.link(lid, target["Destination"], f"{where}.{outcome}")

    def _tasks(self, machine: str, definition: Any, substitutions: dict) -> None:
        for state in _states(definition):
            if state.get("Type") != "Task":
                continue
            found = None
            for value in _values(state):
                found = self.lid(value)
                if not found and isinstance(value, str):
                    for name in _PLACEHOLDER.findall(value):
                        found = self.lid(substitutions.get(name))
                        if found:
                            break
                if found:
                    break
            if found:
                self.wires.append(Wire("link", machine, found, f"{machine}.Definition"))
            else:
                self.external += 1

    # CloudFormation
    def _aws_lambda_eventsourcemapping(self, lid: str, props: dict) -> None:
        function = self.lid(props.get("FunctionName"))
        if function:
            source = self.source(props.get("EventSourceArn"))
            self.wires.append(
                Wire("link", source, function, lid)
                if source
                else Wire("into-source", None, function, lid)
            )
            self._destinations(function, props.get("DestinationConfig"), lid)

    def _aws_lambda_eventinvokeconfig(self, lid: str, props: dict) -> None:
        function = self.lid(props.get("FunctionName"))
        self._destinations(function or lid, props.get("DestinationConfig"), lid)

    def _aws_sns_subscription(self, lid: str, props: dict) -> None:
        if props.get("Protocol") in ("sqs", "lambda"):
            self.link(self.lid(props.get("TopicArn")), props.get("Endpoint"), lid)
        else:
            self.external += 1

    def _aws_sns_topic(self, lid: str, props: dict) -> None:
        for item in props.get("Subscription") or []:
            if isinstance(item, dict) and item.get("Protocol") in ("sqs", "lambda"):
                self.link(lid, item.get("Endpoint"), f"{lid}.Subscription")
            else:
                self.external += 1

    def _aws_sqs_queue(self, lid: str, props: dict) -> None:
        redrive = props.get("RedrivePolicy")
        if isinstance(redrive, dict) and "deadLetterTargetArn" in redrive:
            self.link(lid, redrive["deadLetterTargetArn"], f"{lid}.RedrivePolicy")

    def _aws_events_rule(self, lid: str, props: dict) -> None:
        for index, target in enumerate(props.get("Targets") or []):
            if isinstance(target, dict):
                self.link(lid, target.get("Arn"), f"{lid}.Targets[{index}]")
                dlq = target.get("DeadLetterConfig")
                if isinstance(dlq, dict):
                    self.link(lid, dlq.get("Arn"), f"{lid}.Targets[{index}].DeadLetterConfig")

    def _aws_scheduler_schedule(self, lid: str, props: dict) -> None:
        target = props.get("Target")
        if isinstance(target, dict):
            self.link(lid, target.get("Arn"), f"{lid}.Target")
            dlq = target.get("DeadLetterConfig")
            if isinstance(dlq, dict):
                self.link(lid, dlq.get("Arn"), f"{lid}.Target.DeadLetterConfig")

    def _aws_s3_bucket(self, lid: str, props: dict) -> None:
        config = props.get("NotificationConfiguration") or {}
        for key, ref in (
            ("QueueConfigurations", "Queue"),
            ("LambdaConfigurations", "Function"),
            ("TopicConfigurations", "Topic"),
        ):
            for item in config.get(key) or [] if isinstance(config, dict) else []:
                if isinstance(item, dict):
                    self.link(lid, item.get(ref), f"{lid}.NotificationConfiguration")

    def _aws_pipes_pipe(self, lid: str, props: dict) -> None:
        for key in ("Source", "Target", "Enrichment"):
            if key == "Source" and key in props and self.source(props[key]) is None:
                self.wires.append(Wire("into-source", None, lid, f"{lid}.Source"))
            elif key in props:
                self.link(lid, props[key], f"{lid}.{key}")
        dlq = ((props.get("SourceParameters") or {}).get("SqsQueueParameters") or {}).get(
            "DeadLetterConfig"
        )
        if isinstance(dlq, dict):
            self.link(lid, dlq.get("Arn"), f"{lid}.DeadLetterConfig")

    def _aws_kinesisfirehose_deliverystream(self, lid: str, props: dict) -> None:
        source = props.get("KinesisStreamSourceConfiguration") or {}
        if isinstance(source, dict) and "KinesisStreamARN" in source:
            self.link(lid, source["KinesisStreamARN"], f"{lid}.Source")
        for key in ("ExtendedS3DestinationConfiguration", "S3DestinationConfiguration"):
            destination = props.get(key)
            if isinstance(destination, dict):
                self.link(lid, destination.get("BucketARN"), f"{lid}.{key}")
                processing = destination.get("ProcessingConfiguration") or {}
                for processor in processing.get("Processors") or []:
                    for parameter in processor.get("Parameters") or []:
                        if parameter.get("ParameterName") == "LambdaArn":
                            self.link(lid, parameter.get("ParameterValue"), f"{lid}.Processor")

    def _aws_cloudwatch_alarm(self, lid: str, props: dict) -> None:
        for action in props.get("AlarmActions") or []:
            self.link(lid, action, f"{lid}.AlarmActions")

    def _aws_stepfunctions_statemachine(self, lid: str, props: dict) -> None:
        definition = props.get("Definition")
        self._tasks(lid, definition, props.get("DefinitionSubstitutions") or {})


def _states(definition: Any):
    if not isinstance(definition, dict):
        return
    for state in (definition.get("States") or {}).values():
        if isinstance(state, dict):
            yield state
            for branch in state.get("Branches") or []:
                yield from _states(branch)
            yield from _states(state.get("Iterator") or state.get("ItemProcessor"))


def _values(state: dict) -> list[Any]:
    """What a task names its target by: its Resource, its Parameters' values."""
    found = [state.get("Resource")]
    params = state.get("Parameters") or state.get("Arguments") or {}
    if isinstance(params, dict):
        for key, value in params.items():
            if (
                key
                in (
                    "FunctionName",
                    "QueueUrl",
                    "TopicArn",
                    "TableName",
                    "StateMachineArn",
                    "StreamName",
                    "DeliveryStreamName",
                    "QueueUrl.$",
                )
                or key == "Entries"
            ):
                found.append(value)
            if key == "Entries" and isinstance(value, list):
                found.extend(e.get("EventBusName") for e in value if isinstance(e, dict))
    return found


def census(template: dict[str, Any], read_file=None) -> tuple[list[Wire], int]:
    counted = Census(template, read_file)
    counted.count()
    return counted.wires, counted.external


# --- recall ------------------------------------------------------------------------------
def joins(document: dict[str, Any]) -> tuple[set[frozenset], dict[str, set[str]]]:
    """The pairs of nodes the diagram joins (edges, and props naming a node), and each
    node's incoming edge kinds."""
    ids = {n["id"] for n in document["nodes"]}
    pairs: set[frozenset] = set()
    into: dict[str, set[str]] = {}

    def named(value: Any) -> set[str]:
        if isinstance(value, dict):
            return set().union(*(named(v) for v in value.values())) if value else set()
        if isinstance(value, list):
            return set().union(*(named(v) for v in value)) if value else set()
        return {value} if isinstance(value, str) and value in ids else set()

    kinds = {n["id"]: n["type"] for n in document["nodes"]}
    for edge in document["edges"]:
        pairs.add(frozenset((edge["source"], edge["target"])))
        for ref in named(edge.get("props")):
            pairs.add(frozenset((edge["source"], ref)))
            pairs.add(frozenset((edge["target"], ref)))
        into.setdefault(edge["target"], set()).add(f"{edge['kind']}:{kinds.get(edge['source'])}")
    for node in document["nodes"]:
        for ref in named(node.get("props")):
            pairs.add(frozenset((node["id"], ref)))
    return pairs, into


def recalled(wire: Wire, pairs: set[frozenset], into: dict[str, set[str]]) -> bool:
    b = kebab(wire.b)
    if wire.kind == "into-rule":
        return "target:eventbridge.rule" in into.get(b, set())
    if wire.kind == "into-source":
        return any(k.startswith("event-source:") for k in into.get(b, set()))
    return frozenset((kebab(wire.a), b)) in pairs


def carries_messages(document: dict[str, Any]) -> bool:
    """Whether a run of `RUN_SECONDS` moves a message into a resource of the diagram."""
    document = {**document, "sim": {**document.get("sim", {}), "duration": RUN_SECONDS}}
    sim = Simulation(load_diagram(document), seed=1)
    sim.run(RUN_SECONDS)
    report = sim.report()
    return (
        any(
            node.get("type") != "producer"
            and any(v for v in (node.get("metrics") or {}).values() if isinstance(v, (int, float)))
            for node in report["nodes"].values()
        )
        and report["ledger"]["produced"] > 0
    )


def measure(path: Path) -> Outcome:
    outcome = Outcome(path.parent.name)
    text = path.read_text(encoding="utf-8")
    read_file = beside(str(path))
    try:
        document, warnings = import_template(text, read_file=read_file)
    except TemplateError as error:
        outcome.error = "; ".join(p["message"] for p in error.problems)
        return outcome
    outcome.imported, outcome.document, outcome.warnings = True, document, warnings
    wires, outcome.external = census(load_text(text), read_file)
    pairs, into = joins(document)
    outcome.wires = wires
    outcome.missed = [w for w in wires if not recalled(w, pairs, into)]
    outcome.carries = carries_messages(document)
    return outcome
