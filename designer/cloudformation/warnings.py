"""Import: the warnings, as a reader wants them. What changes how messages flow (a
subscription to an email address, a pattern only known once deployed, a resource the
diagram has no node for) is one warning each, at its path. What a real template always
holds and the message flow never depends on (log groups, descriptions, tags,
architectures, encryption, provisioned throughput, environment variables) is one
grouped warning, `not_message_flow`, that names what was left out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

# Resource types that never carry messages (the wiring types are read, not warned).
QUIET_TYPES = re.compile(
    r"^AWS::(Logs|EC2|KMS|CloudTrail|SSM|XRay|CodeDeploy|CertificateManager)::"
    r"|^AWS::S3::BucketPolicy$|^AWS::Lambda::LayerVersion$|^AWS::IAM::(ManagedPolicy|"
    r"InstanceProfile|User|Group)$|^AWS::CloudWatch::Dashboard$|^AWS::ApiGateway::(Account|"
    r"Stage|Deployment|UsagePlan|UsagePlanKey|ApiKey|DomainName|BasePathMapping)$"
    r"|^AWS::ApiGatewayV2::(Stage|Deployment|DomainName|ApiMapping)$"
)
# Properties that do not change how messages flow through the diagram.
QUIET_PROPERTIES = frozenset(
    (
        "Architectures",
        "BucketEncryption",
        "CodeSigningConfigArn",
        "ContributorInsightsSpecification",
        "CorsConfiguration",
        "DeletionProtectionEnabled",
        "Description",
        "DisplayName",
        "EphemeralStorage",
        "KmsDataKeyReusePeriodSeconds",
        "KmsKeyArn",
        "KmsKeyId",
        "KmsMasterKeyId",
        "Layers",
        "LifecycleConfiguration",
        "LoggingConfig",
        "LoggingConfiguration",
        "OwnershipControls",
        "PointInTimeRecoverySpecification",
        "ProvisionedThroughput",
        "PublicAccessBlockConfiguration",
        "RuntimeManagementConfig",
        "SSESpecification",
        "SnapStart",
        "SqsManagedSseEnabled",
        "StreamEncryption",
        "TableClass",
        "Tags",
        "TracingConfig",
        "TracingConfiguration",
        "VersioningConfiguration",
        "VpcConfig",
    )
)
_PROPERTY = re.compile(r"^Resources\.[A-Za-z0-9]+\.Properties\.([A-Za-z0-9]+)")
_VARIABLE = re.compile(r"^Resources\.[A-Za-z0-9]+\.Properties\.Environment\.Variables\.")
_RESOURCE = re.compile(r"^Resources\.([A-Za-z0-9]+)$")
SHOWN = 6  # names listed in a group before "and N more"


def tidy(
    warnings: list[dict[str, str]], resources: dict[str, dict[str, Any]]
) -> list[dict[str, str]]:
    """`warnings` without repeats, the quiet ones grouped into one at the end."""
    kept, seen = [], set()
    quiet_types: dict[str, list[str]] = defaultdict(list)
    quiet_props: Counter[str] = Counter()
    for w in warnings:
        key = (w["path"], w["code"], w["message"])
        if key in seen:
            continue
        seen.add(key)
        if w["code"] == "unsupported_resource":
            match = _RESOURCE.match(w["path"])
            kind = resources.get(match.group(1), {}).get("Type", "") if match else ""
            if QUIET_TYPES.match(kind):
                quiet_types[kind].append(match.group(1))
                continue
        if w["code"] == "unsupported_property":
            if _VARIABLE.match(w["path"]):
                quiet_props["environment variables"] += 1
                continue
            match = _PROPERTY.match(w["path"])
            if match and match.group(1) in QUIET_PROPERTIES:
                quiet_props[match.group(1)] += 1
                continue
        kept.append(w)
    parts = [f"{len(lids)} {kind} ({_names(lids)})" for kind, lids in sorted(quiet_types.items())]
    parts += [
        f"{name} ({count} resource{'s' if count > 1 else ''})"
        for name, count in sorted(quiet_props.items())
    ]
    if parts:
        kept.append(
            {
                "path": "",
                "code": "not_message_flow",
                "message": "left out, as the messages' flow does not depend on them: "
                + "; ".join(parts),
            }
        )
    return kept


def _names(lids: list[str]) -> str:
    shown = ", ".join(lids[:SHOWN])
    return shown + (f" and {len(lids) - SHOWN} more" if len(lids) > SHOWN else "")
