"""What a resource inside a VPC needs of a stack: its subnets and security groups as
parameters, and the grants an event source mapping needs to reach it (the network
interfaces Lambda makes in the VPC: "Lambda execution role" for MSK and Amazon MQ)."""

from __future__ import annotations

from typing import Any

from troposphere import Parameter, Sub

from ..context import PARTITION_ARN, ExportContext

ENI_WRITE = ("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface")
# EC2's Describe actions take no resource-level permissions: their Resource is "*".
ENI_DESCRIBE = (
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeVpcs",
)


def network_parameters(ctx: ExportContext, lid: str, what: str) -> tuple[str, str]:
    """The `<lid>SubnetIds` and `<lid>SecurityGroupIds` parameters of `what`."""
    subnets, groups = lid + "SubnetIds", lid + "SecurityGroupIds"
    ctx.parameters.append(
        Parameter(subnets, Type="List<AWS::EC2::Subnet::Id>", Description=f"Subnets of {what}")
    )
    ctx.parameters.append(
        Parameter(
            groups,
            Type="List<AWS::EC2::SecurityGroup::Id>",
            Description=f"Security groups of {what}",
        )
    )
    return subnets, groups


def network_resources() -> list[Any]:
    """The ARNs a mapping's network interfaces are made from and in."""
    return [
        Sub(f"{PARTITION_ARN}:ec2:${{AWS::Region}}:${{AWS::AccountId}}:{kind}/*")
        for kind in ("network-interface", "subnet", "security-group")
    ]
