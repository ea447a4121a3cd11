"""The pulumi-aws functions (invokes) the stack uses: getRegion, getCallerIdentity, getPartition."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from botocore.loaders import create_loader

from ._aws import AwsApi
from ._base import Ctx
from ._resources import UserPool
from ._values import Plain

GET_REGION = "aws:index/getRegion:getRegion"
GET_CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"
GET_PARTITION = "aws:index/getPartition:getPartition"
GET_USER_POOL = "aws:cognito/getUserPool:getUserPool"


@functools.cache
def _region_descriptions() -> dict[str, str]:
    """Region descriptions from botocore's endpoint data (e.g. "US East (N. Virginia)")."""
    data: Any = create_loader().load_data("endpoints")
    descriptions: dict[str, str] = {}
    for partition in data.get("partitions", []):
        for name, region in partition.get("regions", {}).items():
            descriptions[name] = str(region.get("description", name))
    return descriptions


def get_region(args: Mapping[str, Plain], provider_region: str) -> dict[str, Plain]:
    """pulumi-aws 7's ``getRegion``: ``region`` (``name`` deprecated alias), ``id``, ``description``,
    ``endpoint`` (the EC2 endpoint); the optional ``region``/``name``/``id`` arguments select one."""
    requested = next(
        (v for k in ("region", "name", "id") if isinstance(v := args.get(k), str) and v), None
    )
    region = requested or provider_region
    return {
        "region": region,
        "name": region,
        "id": region,
        "description": _region_descriptions().get(region, region),
        "endpoint": f"ec2.{region}.amazonaws.com",
    }


async def get_caller_identity(api: AwsApi, region: str) -> dict[str, Plain]:
    """``getCallerIdentity`` answered by the (loopback) STS endpoint of the moto server."""
    answer = await api.sts(region, "get_caller_identity")
    account = str(answer.get("Account", ""))
    return {
        "accountId": account,
        "arn": str(answer.get("Arn", "")),
        "userId": str(answer.get("UserId", "")),
        "id": account,
    }


def get_partition(region: str) -> dict[str, Plain]:
    partition = "aws-cn" if region.startswith("cn-") else "aws"
    suffix = "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"
    if region.startswith("us-gov-"):
        partition = "aws-us-gov"
    return {
        "id": partition,
        "partition": partition,
        "dnsSuffix": suffix,
        "reverseDnsPrefix": ".".join(reversed(suffix.split("."))),
    }


async def get_user_pool(api: AwsApi, region: str, args: Mapping[str, Plain]) -> dict[str, Plain]:
    """``aws.cognito.getUserPool``: the pool's scalar attributes (nested blocks returned empty)."""
    pool_id = args.get("userPoolId")
    if not isinstance(pool_id, str) or not pool_id:
        raise ValueError("getUserPool: userPoolId is required")
    live = await UserPool().fetch(Ctx(api, region), pool_id, {})
    assert live is not None
    tags = live.get("tags") or {}
    result: dict[str, Plain] = {
        "id": pool_id,
        "userPoolId": pool_id,
        "region": region,
        "usernameAttributes": live.get("usernameAttributes") or [],
        "autoVerifiedAttributes": live.get("autoVerifiedAttributes") or [],
        "deletionProtection": live.get("deletionProtection") or "INACTIVE",
        "smsAuthenticationMessage": live.get("smsAuthenticationMessage") or "",
        "smsVerificationMessage": live.get("smsVerificationMessage") or "",
        "smsConfigurationFailure": "",
        "tags": tags,
        "userPoolTags": tags,
    }
    for key in (
        "arn",
        "name",
        "creationDate",
        "lastModifiedDate",
        "customDomain",
        "domain",
        "estimatedNumberOfUsers",
        "mfaConfiguration",
    ):
        result[key] = live.get(key)
    for key in (  # nested blocks: not needed by the stack, returned empty
        "accountRecoverySettings",
        "adminCreateUserConfigs",
        "deviceConfigurations",
        "emailConfigurations",
        "lambdaConfigs",
        "schemaAttributes",
        "userPoolAddOns",
    ):
        result[key] = []
    return result
