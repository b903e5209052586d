"""Import: the value an intrinsic function stands for, where the diagram needs a literal
(an event pattern, a filter policy, a name, a batch size).

CloudFormation computes these at deploy time; import computes them the same way for the
simulated account and Region (`engine.runtime.names`): pseudo parameters (`AWS::AccountId`,
`AWS::Region`, `AWS::Partition`, `AWS::StackName`, `AWS::URLSuffix`, `AWS::NoValue`),
parameters by their `Default`, `Mappings`, `Conditions`, and a resource of the diagram by
its name, URL or ARN as the engine names it (its name prop, else the name its node id
gives it). What cannot be known before a deployment (an `Fn::ImportValue`, a parameter
without a default, an attribute the diagram has no value for) stays unresolved and the
caller leaves the value out with a warning, as before.
"""

from __future__ import annotations

import base64
import json
from types import SimpleNamespace
from typing import Any

from engine.core.spec import NodeSpec
from engine.runtime import names

from .import_props import node_type_of
from .names import kebab
from .refs import UNRESOLVED

MAX_DEPTH = 32
STACK_NAME = "eventyard"
PSEUDO = {
    "AWS::AccountId": names.ACCOUNT,
    "AWS::Region": names.REGION,
    "AWS::Partition": "aws",
    "AWS::StackName": STACK_NAME,
    "AWS::StackId": (
        f"arn:aws:cloudformation:{names.REGION}:{names.ACCOUNT}:stack/{STACK_NAME}/"
        "00000000-0000-0000-0000-000000000000"
    ),
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NotificationARNs": [],
}
NO_VALUE = "AWS::NoValue"
_REMOVED = object()  # AWS::NoValue: the key or item is left out
# What `Ref` returns for a resource, by its CloudFormation type (else its name).
REF_ARN = (
    "AWS::SNS::Topic",
    "AWS::StepFunctions::StateMachine",
    "AWS::MSK::ServerlessCluster",
    "AWS::Pipes::Pipe",
)
REF_URL = ("AWS::SQS::Queue",)
NAME_ATTRIBUTES = ("Name", "QueueName", "TopicName", "FunctionName", "BucketName", "StreamName")


class Evaluator:
    """Evaluates intrinsic functions against one template. `node_name(lid)` gives the
    name the diagram will give a resource's node (None if it is not one)."""

    def __init__(self, template: dict[str, Any], ctx: Any):
        self.ctx = ctx
        parameters = template.get("Parameters")
        self.parameters = parameters if isinstance(parameters, dict) else {}
        mappings = template.get("Mappings")
        self.mappings = mappings if isinstance(mappings, dict) else {}
        conditions = template.get("Conditions")
        self.conditions = conditions if isinstance(conditions, dict) else {}
        self._naming: set[str] = set()  # resources whose name is being worked out
        self._stood_in: set[str] = set()  # parameters given a stand-in value

    def value(self, value: Any) -> Any:
        """`value` with every intrinsic function computed, or UNRESOLVED."""
        result = self._eval(value, 0)
        return None if result is _REMOVED else result

    # --- the functions -----------------------------------------------------------------
    def _eval(self, value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            return UNRESOLVED
        if isinstance(value, list):
            items = []
            for item in value:
                got = self._eval(item, depth + 1)
                if got is UNRESOLVED:
                    return UNRESOLVED
                if got is not _REMOVED:
                    items.append(got)
            return items
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref":
                return self._ref(arg, depth)
            if key == "Condition":
                return self._condition(arg, depth)
            if isinstance(key, str) and key.startswith("Fn::"):
                handler = getattr(self, "_fn_" + key[4:].lower(), None)
                return handler(arg, depth + 1) if handler else UNRESOLVED
        mapping = {}
        for key, item in value.items():
            got = self._eval(item, depth + 1)
            if got is UNRESOLVED:
                return UNRESOLVED
            if got is not _REMOVED:
                mapping[key] = got
        return mapping

    def _ref(self, name: Any, depth: int) -> Any:
        if not isinstance(name, str):
            return UNRESOLVED
        if name == NO_VALUE:
            return _REMOVED
        if name in PSEUDO:
            return PSEUDO[name]
        if name in self.parameters:
            return self._parameter(name)
        return self._resource(name, "Ref", depth)

    def _parameter(self, name: str) -> Any:
        declared = self.parameters[name]
        if not isinstance(declared, dict):
            return UNRESOLVED
        kind = str(declared.get("Type", "String"))
        if "Default" in declared:
            default = declared["Default"]
        else:
            default = self._stand_in(name, declared, kind)
            if default is UNRESOLVED:
                return UNRESOLVED
        if kind == "CommaDelimitedList" or kind.startswith("List<"):
            return [part.strip() for part in str(default).split(",")] if default != "" else []
        if kind == "Number" and isinstance(default, str):
            try:
                number = float(default)
            except ValueError:
                return default
            return int(number) if number.is_integer() else number
        return default

    def _stand_in(self, name: str, declared: dict[str, Any], kind: str) -> Any:
        """A value for a parameter given only at deployment: its first allowed value, else
        one made from its name (said once, as a warning)."""
        allowed = declared.get("AllowedValues")
        if isinstance(allowed, list) and allowed:
            value = allowed[0]
        elif kind == "String":
            value = kebab(name)
        elif kind == "Number":
            value = declared.get("MinValue", 1)
        else:
            return UNRESOLVED
        if name not in self._stood_in:
            self._stood_in.add(name)
            self.ctx.warn(
                f"Parameters.{name}",
                "parameter_stand_in",
                f"{name} has no default: {value!r} stands for the value given at deployment",
            )
        return value

    def _resource(self, lid: str, attribute: str, depth: int) -> Any:
        resource = self.ctx.resources.get(lid)
        spec = node_type_of(resource["Type"]) if isinstance(resource, dict) else None
        if spec is None:
            return UNRESOLVED
        name = self.name_of(lid, spec, depth)
        if name is UNRESOLVED:
            return UNRESOLVED
        arn = (spec.arn_format or names.FALLBACK_ARN).format(
            region=names.REGION, account=names.ACCOUNT, type=spec.type, name=name
        )
        url = f"https://sqs.{names.REGION}.amazonaws.com/{names.ACCOUNT}/{name}"
        if attribute == "Ref":
            if resource["Type"] in REF_ARN:
                return arn
            return url if resource["Type"] in REF_URL else name
        if attribute in ("Arn", "TopicArn"):
            return arn
        if attribute == "QueueUrl":
            return url
        if attribute in NAME_ATTRIBUTES:
            return name
        return UNRESOLVED

    def name_of(self, lid: str, spec: NodeSpec, depth: int = 0) -> Any:
        """The resource's name as the engine will give its node: the name prop, else
        from the node id."""
        if lid in self._naming:
            return UNRESOLVED
        props = self.ctx.props_of(lid)
        given = props.get(spec.name_prop) if spec.name_prop else None
        if given is not None:
            self._naming.add(lid)
            try:
                given = self._eval(given, depth + 1)
            finally:
                self._naming.discard(lid)
            if not isinstance(given, str):
                return UNRESOLVED
            name = given
        else:
            node_id = self.ctx.node_of.get(lid)
            if node_id is None:
                return UNRESOLVED
            name = names.default_name(SimpleNamespace(id=node_id, spec=spec))
        fifo = any(str(props.get(key)).lower() == "true" for key in ("FifoQueue", "FifoTopic"))
        return name + ".fifo" if fifo and not name.endswith(".fifo") else name

    def _fn_getatt(self, arg: Any, depth: int) -> Any:
        if isinstance(arg, str):
            arg = arg.split(".", 1)
        if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str)):
            return UNRESOLVED
        attribute = self._eval(arg[1], depth)
        return (
            self._resource(arg[0], attribute, depth) if isinstance(attribute, str) else UNRESOLVED
        )

    def _fn_sub(self, arg: Any, depth: int) -> Any:
        variables: dict[str, Any] = {}
        if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], dict):
            arg, variables = arg
        if not isinstance(arg, str):
            return UNRESOLVED
        out, index = [], 0
        while index < len(arg):
            start = arg.find("${", index)
            if start < 0:
                out.append(arg[index:])
                break
            out.append(arg[index:start])
            end = arg.find("}", start)
            if end < 0:
                return UNRESOLVED
            name = arg[start + 2 : end]
            if name.startswith("!"):  # ${!Literal} is written as ${Literal}
                out.append("${" + name[1:] + "}")
            else:
                got = self._variable(name, variables, depth)
                if got is UNRESOLVED or isinstance(got, (dict, list)) or got is _REMOVED:
                    return UNRESOLVED
                out.append(str(got).lower() if isinstance(got, bool) else str(got))
            index = end + 1
        return "".join(out)

    def _variable(self, name: str, variables: dict[str, Any], depth: int) -> Any:
        if name in variables:
            return self._eval(variables[name], depth)
        if "." in name:
            lid, attribute = name.split(".", 1)
            return self._resource(lid, attribute, depth)
        return self._ref(name, depth)

    def _fn_join(self, arg: Any, depth: int) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str)):
            return UNRESOLVED
        parts = self._eval(arg[1], depth)
        if not isinstance(parts, list) or any(isinstance(p, (dict, list)) for p in parts):
            return UNRESOLVED
        return arg[0].join(str(p) for p in parts)

    def _fn_select(self, arg: Any, depth: int) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2):
            return UNRESOLVED
        index, items = self._eval(arg[0], depth), self._eval(arg[1], depth)
        try:
            return items[int(index)] if isinstance(items, list) else UNRESOLVED
        except (ValueError, TypeError, IndexError):
            return UNRESOLVED

    def _fn_split(self, arg: Any, depth: int) -> Any:
        if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and arg[0]):
            return UNRESOLVED
        text = self._eval(arg[1], depth)
        return text.split(arg[0]) if isinstance(text, str) else UNRESOLVED

    def _fn_findinmap(self, arg: Any, depth: int) -> Any:
        if not (isinstance(arg, list) and len(arg) >= 3):
            return UNRESOLVED
        keys = [self._eval(k, depth) for k in arg[:3]]
        if any(not isinstance(k, str) for k in keys):
            return UNRESOLVED
        found: Any = self.mappings
        for key in keys:
            found = found.get(key) if isinstance(found, dict) else None
        return UNRESOLVED if found is None else self._eval(found, depth)

    def _fn_if(self, arg: Any, depth: int) -> Any:
        if not (isinstance(arg, list) and len(arg) == 3 and isinstance(arg[0], str)):
            return UNRESOLVED
        holds = self._condition(arg[0], depth)
        if not isinstance(holds, bool):
            return UNRESOLVED
        return self._eval(arg[1] if holds else arg[2], depth)

    def _condition(self, name: Any, depth: int) -> Any:
        if not isinstance(name, str) or name not in self.conditions:
            return UNRESOLVED
        return self._test(self.conditions[name], depth + 1)

    def _test(self, value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH or not isinstance(value, dict) or len(value) != 1:
            return UNRESOLVED
        ((key, arg),) = value.items()
        if key == "Condition":
            return self._condition(arg, depth)
        if not isinstance(arg, list):
            return UNRESOLVED
        if key == "Fn::Equals" and len(arg) == 2:
            left, right = self._eval(arg[0], depth), self._eval(arg[1], depth)
            if UNRESOLVED in (left, right):
                return UNRESOLVED
            return str(left) == str(right)
        results = [self._test(item, depth + 1) for item in arg]
        if any(not isinstance(r, bool) for r in results):
            return UNRESOLVED
        if key == "Fn::Not" and len(results) == 1:
            return not results[0]
        if key == "Fn::And":
            return all(results)
        if key == "Fn::Or":
            return any(results)
        return UNRESOLVED

    def _fn_tojsonstring(self, arg: Any, depth: int) -> Any:
        got = self._eval(arg, depth)
        return UNRESOLVED if got is UNRESOLVED else json.dumps(got, separators=(",", ":"))

    def _fn_base64(self, arg: Any, depth: int) -> Any:
        got = self._eval(arg, depth)
        if not isinstance(got, str):
            return UNRESOLVED
        return base64.b64encode(got.encode("utf-8")).decode("ascii")

    def _fn_getazs(self, arg: Any, depth: int) -> Any:
        return [f"{names.REGION}{zone}" for zone in "abcdef"]
