"""SAM templates (`Transform: AWS::Serverless-2016-10-31`) in: expanded to CloudFormation
by AWS's own transform (`aws-sam-translator`, run offline: no AWS call is made), then
imported as any template is.

The transform needs what `sam build` and `sam package` would have given it: code, layers
and API definitions in Amazon S3. Local paths (`CodeUri: src/`) are replaced by stand-ins
first (the diagram keeps no code); a state machine's definition in a local file
(`DefinitionUri: statemachine/flow.asl.json`) is read when the caller can read files
beside the template (the `import_cfn` command), and otherwise replaced by the default
definition, with a warning.

The SAM meaning is kept: every resource the transform generates is traced back to the
SAM resource (and the event of it) it came from (`Expansion.origin`), so a function's
generated role, permissions and mappings are wiring of one function node, and what cannot
be mapped is reported at the SAM resource's path, not at a generated logical id.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.registry import node_spec
from engine.runtime import names

from .template_text import TemplateError, load_text

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
STAND_IN_BUCKET = "eventyard-import"
MAX_DEFINITION_BYTES = 1_048_576  # Step Functions' own limit on a definition
# SAM resources whose local file the transform wants in S3: (type, property, what it is).
LOCAL_URIS = (
    ("AWS::Serverless::Function", "CodeUri", "code"),
    ("AWS::Serverless::LayerVersion", "ContentUri", "layer"),
    ("AWS::Serverless::Api", "DefinitionUri", "API definition"),
    ("AWS::Serverless::HttpApi", "DefinitionUri", "API definition"),
    ("AWS::Serverless::GraphQLApi", "SchemaUri", "schema"),
)
API_TYPES = ("AWS::Serverless::Api", "AWS::Serverless::HttpApi")
_CAUSE_ID = re.compile(r"^(?:Resource|Structure) with id \[([^\]]+)\] is invalid\. ?")

ReadFile = Callable[[str], str | None]


@dataclass
class Expansion:
    """The transform's template and, for each resource it generated, the path in the SAM
    template of what it came from (`Resources.Fn` or `Resources.Fn.Properties.Events.Q`)."""

    template: dict[str, Any]
    origin: dict[str, str] = field(default_factory=dict)

    def path_of(self, path: str) -> str:
        """A warning's path in the SAM template: a generated resource's path becomes the
        path of the SAM resource (or event) it came from."""
        match = re.match(r"^Resources\.([A-Za-z0-9]+)(.*)$", path)
        if not match or match.group(1) not in self.origin:
            return path
        return self.origin[match.group(1)]


def is_sam(template: Any) -> bool:
    if not isinstance(template, dict):
        return False
    transform = template.get("Transform")
    transforms = transform if isinstance(transform, list) else [transform]
    return SAM_TRANSFORM in transforms


def expand(
    template: dict[str, Any], warnings: list[dict[str, str]], read_file: ReadFile | None = None
) -> Expansion:
    """The CloudFormation the SAM `template` stands for. Raises `TemplateError` with the
    transform's own messages (at the resource they name) when SAM refuses the template."""
    given = copy.deepcopy(template)
    resources = given.get("Resources")
    if not isinstance(resources, dict):
        raise TemplateError("not_a_template", "a template needs a Resources section")
    _other_transforms(given, warnings)
    _stand_in_local_files(given, warnings, read_file)
    sam_types = {
        str(lid): r["Type"]
        for lid, r in resources.items()
        if isinstance(r, dict)
        and isinstance(r.get("Type"), str)
        and r["Type"].startswith("AWS::Serverless::")
    }
    try:
        expanded = _translate(given)
    except TemplateError as error:  # a generated id in SAM's message: the SAM resource's
        named = [p["path"].removeprefix("Resources.") for p in error.problems]
        origin = _origins(template, named, sam_types)
        for problem in error.problems:
            lid = problem["path"].removeprefix("Resources.")
            problem["path"] = origin.get(lid, problem["path"])
        raise
    _drop_sam_tags(expanded)
    made = list(expanded.get("Resources") or {})
    return Expansion(expanded, _origins(template, made, sam_types))


def _drop_sam_tags(template: dict[str, Any]) -> None:
    """The tag SAM puts on what it makes (`lambda:createdBy: SAM`) is not the author's."""
    for resource in (template.get("Resources") or {}).values():
        props = resource.get("Properties") if isinstance(resource, dict) else None
        if not isinstance(props, dict):
            continue
        tags = props.get("Tags")
        if isinstance(tags, list):
            kept = [
                t
                for t in tags
                if not (isinstance(t, dict) and str(t.get("Key", "")).endswith(":createdBy"))
            ]
            if kept:
                props["Tags"] = kept
            else:
                del props["Tags"]
        elif isinstance(tags, dict):
            for key in [k for k in tags if str(k).endswith(":createdBy")]:
                del tags[key]
            if not tags:
                del props["Tags"]


def _other_transforms(template: dict[str, Any], warnings: list[dict[str, str]]) -> None:
    transform = template.get("Transform")
    if isinstance(transform, list):
        others = [t for t in transform if t != SAM_TRANSFORM]
        for other in others:
            warnings.append(
                {
                    "path": "Transform",
                    "code": "unsupported_transform",
                    "message": f"the transform {other!r} is not applied; only SAM's is",
                }
            )
        template["Transform"] = SAM_TRANSFORM


def _is_local(uri: Any) -> bool:
    return isinstance(uri, str) and not uri.startswith("s3://")


def _stand_in_local_files(
    template: dict[str, Any], warnings: list[dict[str, str]], read_file: ReadFile | None
) -> None:
    globals_ = template.get("Globals")
    function_globals = globals_.get("Function") if isinstance(globals_, dict) else None
    if isinstance(function_globals, dict) and _is_local(function_globals.get("CodeUri")):
        function_globals["CodeUri"] = f"s3://{STAND_IN_BUCKET}/code.zip"
    for lid, resource in template["Resources"].items():
        if not isinstance(resource, dict):
            continue
        props = resource.get("Properties")
        if not isinstance(props, dict):
            continue
        kind = resource.get("Type")
        for cfn_type, prop, _what in LOCAL_URIS:
            if kind == cfn_type and _is_local(props.get(prop)):
                props[prop] = f"s3://{STAND_IN_BUCKET}/{lid}.zip"
        if kind == "AWS::Serverless::Function" and _needs_image(props, function_globals):
            props["ImageUri"] = (
                f"{names.ACCOUNT}.dkr.ecr.{names.REGION}.amazonaws.com/{STAND_IN_BUCKET}:latest"
            )
        if kind == "AWS::Serverless::StateMachine" and _is_local(props.get("DefinitionUri")):
            _read_definition(str(lid), props, warnings, read_file)
        if kind in API_TYPES and _included(props.get("DefinitionBody")) is not None:
            _include_api(str(lid), props, warnings, read_file)


def _included(body: Any) -> str | None:
    """The file an `Fn::Transform: AWS::Include` stands for, or None."""
    transform = body.get("Fn::Transform") if isinstance(body, dict) and len(body) == 1 else None
    if not isinstance(transform, dict) or transform.get("Name") != "AWS::Include":
        return None
    location = (transform.get("Parameters") or {}).get("Location")
    return location if isinstance(location, str) else None


def _include_api(
    lid: str, props: dict[str, Any], warnings: list[dict[str, str]], read_file: ReadFile | None
) -> None:
    """An API definition included from a file (`AWS::Include`, which CloudFormation
    applies before SAM's transform): read when it can be, else left out (SAM then makes
    the API's definition from its functions' events)."""
    location = _included(props["DefinitionBody"])
    text = read_file(location) if read_file is not None and _is_local(location) else None
    try:
        body = load_text(text) if text is not None else None
    except TemplateError:
        body = None
    if isinstance(body, dict):
        props["DefinitionBody"] = body
        return
    del props["DefinitionBody"]
    warnings.append(
        {
            "path": f"Resources.{lid}.Properties.DefinitionBody",
            "code": "external_definition",
            "message": f"the API definition {location!r} (AWS::Include) could not be read; "
            "the API is made from its functions' events",
        }
    )


def _needs_image(props: dict[str, Any], function_globals: Any) -> bool:
    package = props.get("PackageType")
    if package is None and isinstance(function_globals, dict):
        package = function_globals.get("PackageType")
    return package == "Image" and "ImageUri" not in props


def _read_definition(
    lid: str, props: dict[str, Any], warnings: list[dict[str, str]], read_file: ReadFile | None
) -> None:
    """A definition in a local file: read (JSON or YAML) when the caller can, else the
    default definition stands in for it."""
    where = props.pop("DefinitionUri")
    path = f"Resources.{lid}.Properties.DefinitionUri"
    text = read_file(where) if read_file is not None else None
    definition = None
    if text is not None and len(text.encode("utf-8")) <= MAX_DEFINITION_BYTES:
        try:
            definition = load_text(text)
        except TemplateError:
            definition = None
    if isinstance(definition, dict):
        props["Definition"] = definition
        return
    if read_file is None:
        reason = "is a separate file, which an import of the template alone cannot read"
    elif text is None:
        reason = "was not found beside the template (or is not text, or is over 1 MB)"
    else:
        reason = "could not be read as a state machine definition"
    warnings.append(
        {
            "path": path,
            "code": "external_definition",
            "message": f"the definition {where!r} {reason}; the default definition is used "
            "(put the definition in the template as Definition to keep its tasks)",
        }
    )
    props["Definition"] = copy.deepcopy(
        node_spec("stepfunctions.statemachine").prop("Definition").default
    )


def _translate(template: dict[str, Any]) -> dict[str, Any]:
    # Imported lazily: the transform and its schemas take a while to load, and only SAM
    # imports need them.
    import boto3

    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its notes are not ours
    from samtranslator.metrics.metrics import DummyMetricsPublisher, Metrics
    from samtranslator.model.exceptions import (
        ExceptionWithMessage,
        InvalidDocumentException,
    )
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator

    # A session with a Region and no credentials: the transform reads the Region and
    # partition from it and never calls AWS when the managed policy map is given.
    session = boto3.session.Session(region_name=names.REGION)
    metrics = Metrics("ServerlessTransform", DummyMetricsPublisher())
    translator = Translator(None, Parser(), metrics=metrics, boto_session=session)
    plain = json.loads(json.dumps(template))  # the transform wants JSON types only
    try:
        return translator.translate(
            plain,
            parameter_values={"AWS::AccountId": names.ACCOUNT},
            get_managed_policy_map=dict,
        )
    except InvalidDocumentException as error:
        problems = [_problem(cause.message) for cause in error.causes] or [_problem(error.message)]
    except ExceptionWithMessage as error:
        problems = [_problem(error.message)]
    except Exception as error:  # the transform's own bugs must not become a 500
        problems = [
            {
                "path": "Transform",
                "code": "invalid_sam",
                "message": f"the SAM transform could not expand this template ({error})",
            }
        ]
    finally:
        metrics.publish()  # to nowhere: the transform's usage metrics are not sent
    failure = TemplateError("invalid_sam", problems[0]["message"], path=problems[0]["path"])
    failure.problems = problems
    raise failure


def _problem(message: str) -> dict[str, str]:
    match = _CAUSE_ID.match(message)
    path = f"Resources.{match.group(1)}" if match else "Transform"
    text = message[match.end() :] if match else message
    return {"path": path, "code": "invalid_sam", "message": f"SAM: {text.strip()}"}


def _implicit_apis(template: dict[str, Any], sam_types: dict[str, str]) -> dict[str, str]:
    """SAM's implicit APIs (`ServerlessRestApi`, `ServerlessHttpApi`, with their stages
    and deployments) come from the first function event of their kind."""
    found: dict[str, str] = {}
    for lid, kind in sam_types.items():
        if kind != "AWS::Serverless::Function":
            continue
        events = (template["Resources"][lid].get("Properties") or {}).get("Events") or {}
        for name, event in events.items() if isinstance(events, dict) else ():
            kind_of = event.get("Type") if isinstance(event, dict) else None
            prefix = {"Api": "ServerlessRestApi", "HttpApi": "ServerlessHttpApi"}.get(kind_of)
            if prefix and prefix not in found:
                found[prefix] = f"Resources.{lid}.Properties.Events.{name}"
    return found


def _origins(
    template: dict[str, Any], made: list[str], sam_types: dict[str, str]
) -> dict[str, str]:
    """Each generated logical id -> the path of the SAM resource (or its event) that made
    it: the longest SAM logical id it starts with, and the event named next, if any."""
    before = set((template.get("Resources") or {}).keys())
    events = {
        lid: list((template["Resources"][lid].get("Properties") or {}).get("Events") or {})
        for lid in sam_types
        if isinstance(template["Resources"][lid], dict)
        and isinstance(template["Resources"][lid].get("Properties"), dict)
        and isinstance(template["Resources"][lid]["Properties"].get("Events"), dict)
    }
    by_length = sorted(sam_types, key=len, reverse=True)
    implicit = _implicit_apis(template, sam_types)
    origin: dict[str, str] = {}
    for lid in made:
        if lid in before:  # the author's own resource (SAM's keeps its logical id)
            continue
        api = next((path for prefix, path in implicit.items() if lid.startswith(prefix)), None)
        if api is not None:
            origin[lid] = api
            continue
        owner = next((sam for sam in by_length if lid.startswith(sam)), None)
        if owner is None:
            continue
        rest = lid[len(owner) :]
        event = next(
            (e for e in sorted(events.get(owner, ()), key=len, reverse=True) if rest.startswith(e)),
            None,
        )
        origin[lid] = (
            f"Resources.{owner}.Properties.Events.{event}" if event else f"Resources.{owner}"
        )
    return origin
