"""EventBridge API destinations, out to a template and back.

An `eventbridge.apidestination` node is an `AWS::Events::ApiDestination` and the
`AWS::Events::Connection` it needs (API-key authorization; the key is a `NoEcho`
parameter, never a value in the template). Rules and pipes that target it get
`events:InvokeApiDestination` on it in their roles (`iam.WRITE_ACTIONS`). On import a
connection is wiring: read through its destination, never drawn.
"""

from __future__ import annotations

from typing import Any

from troposphere import GetAtt, Parameter, Ref, events

from engine.core.diagram import Node
from engine.core.spec import NodeSpec

from ..context import ExportContext
from ..import_props import spec_props
from ..refs import ImportContext

CONNECTION = "AWS::Events::Connection"
API_KEY_HEADER = "x-api-key"


def connection_id(ctx: ExportContext, node: Node) -> str:
    return ctx.ids.derived(f"connection:{node.id}", ctx.lid(node.id) + "Connection")


def export_api_destination(ctx: ExportContext, node: Node) -> None:
    lid = ctx.lid(node.id)
    connection = connection_id(ctx, node)
    key = lid + "ApiKey"
    ctx.parameters.append(
        Parameter(
            key,
            Type="String",
            NoEcho=True,
            Description=f"The API key the endpoint of '{node.id}' expects ({API_KEY_HEADER})",
        )
    )
    ctx.add(
        events.Connection(
            connection,
            AuthorizationType="API_KEY",
            AuthParameters=events.AuthParameters(
                ApiKeyAuthParameters=events.ApiKeyAuthParameters(
                    ApiKeyName=API_KEY_HEADER, ApiKeyValue=Ref(key)
                )
            ),
        )
    )
    props = ctx.user_props(node, required=("InvocationEndpoint", "HttpMethod"))
    props["ConnectionArn"] = GetAtt(connection, "Arn")
    ctx.add(events.ApiDestination.from_dict(lid, props))
    ctx.output(node, "Arn", GetAtt(lid, "Arn"), f"ARN of the API destination '{node.id}'")


def import_api_destination(ctx: ImportContext, lid: str, spec: NodeSpec) -> dict[str, Any]:
    given = {k: v for k, v in ctx.props_of(lid).items() if k != "ConnectionArn"}
    return spec_props(ctx, lid, spec, given)
