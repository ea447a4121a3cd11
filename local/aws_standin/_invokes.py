"""The pulumi-aws functions (invokes) the stack uses: getRegion, getCallerIdentity, getPartition,
and the Cognito look-ups getUserPool, getUserPools and getUserPoolClients."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from ._aws import AwsApi
from ._base import Ctx
from ._resources import DEFAULT_ACCOUNT_ID, UserPool
from ._values import Plain

GET_REGION = "aws:index/getRegion:getRegion"
GET_CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"
GET_PARTITION = "aws:index/getPartition:getPartition"
GET_USER_POOL = "aws:cognito/getUserPool:getUserPool"
GET_USER_POOLS = "aws:cognito/getUserPools:getUserPools"
GET_USER_POOL_CLIENTS = "aws:cognito/getUserPoolClients:getUserPoolClients"


@functools.cache
def _region_descriptions() -> dict[str, str]:
    """Region descriptions from botocore's endpoint data (e.g. "US East (N. Virginia)")."""
    from botocore.loaders import create_loader  # on the first getRegion: see _aws

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


async def get_user_pools(api: AwsApi, region: str, args: Mapping[str, Plain]) -> dict[str, Plain]:
    """``aws.cognito.getUserPools``: the IDs and ARNs of every pool whose name is ``name``.

    As terraform-provider-aws's ``aws_cognito_user_pools`` data source
    (``internal/service/cognitoidp/user_pools_data_source.go``): ``ListUserPools`` in pages of
    60, an exact name match, empty lists (not an error) when no pool has the name, and ``id``
    the name. Its ARNs name the provider's account; here moto's (the stand-in reads no
    account from its configuration).
    """
    name = args.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("getUserPools: name is required")
    ids: list[Plain] = []
    token: str | None = None
    while True:
        page = await api.cognito(region, "list_user_pools", MaxResults=60, NextToken=token)
        ids += [str(p["Id"]) for p in page.get("UserPools") or [] if p.get("Name") == name]
        token = page.get("NextToken")
        if not token:
            break
    arns: list[Plain] = [
        f"arn:aws:cognito-idp:{region}:{DEFAULT_ACCOUNT_ID}:userpool/{pool_id}" for pool_id in ids
    ]
    return {"id": name, "name": name, "region": region, "ids": ids, "arns": arns}


async def get_user_pool_clients(
    api: AwsApi, region: str, args: Mapping[str, Plain]
) -> dict[str, Plain]:
    """``aws.cognito.getUserPoolClients``: every app client of a pool, IDs and names in order.

    As terraform-provider-aws's ``aws_cognito_user_pool_clients`` data source
    (``internal/service/cognitoidp/user_pool_clients_data_source.go``): ``ListUserPoolClients``
    page by page, ``id`` the pool's ID; an unknown pool is the API's error.
    """
    pool_id = args.get("userPoolId")
    if not isinstance(pool_id, str) or not pool_id:
        raise ValueError("getUserPoolClients: userPoolId is required")
    ids: list[Plain] = []
    names: list[Plain] = []
    token: str | None = None
    while True:
        page = await api.cognito(
            region, "list_user_pool_clients", UserPoolId=pool_id, MaxResults=60, NextToken=token
        )
        for client in page.get("UserPoolClients") or []:
            ids.append(str(client["ClientId"]))
            names.append(str(client.get("ClientName") or ""))
        token = page.get("NextToken")
        if not token:
            break
    return {
        "id": pool_id,
        "userPoolId": pool_id,
        "region": region,
        "clientIds": ids,
        "clientNames": names,
    }


# The Cognito look-ups: each takes an optional ``region`` (else the provider's).
POOL_LOOKUPS = {
    GET_USER_POOL: get_user_pool,
    GET_USER_POOLS: get_user_pools,
    GET_USER_POOL_CLIENTS: get_user_pool_clients,
}
