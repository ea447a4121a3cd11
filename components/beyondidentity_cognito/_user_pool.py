"""The Cognito user pool: created (protected, tagged as this stack's) or given."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from . import _urls
from ._choices import DeletionProtection, MfaConfiguration, UserPoolTier
from ._inputs import derived
from ._unrecorded import Owner, check_user_pool, owner_tags


@dataclass(frozen=True)
class UserPoolObjects:
    """What :func:`user_pool` made (or found)."""

    user_pool_id: pulumi.Output[str]
    user_pool_arn: pulumi.Output[str]
    user_pool_issuer: pulumi.Output[str]
    """Issuer of the pool's own tokens."""


@dataclass(frozen=True)
class PoolRequest:
    """The pool to create."""

    name: pulumi.Input[str]
    mfa_configuration: pulumi.Input[MfaConfiguration]
    deletion_protection: pulumi.Input[DeletionProtection]
    tier: pulumi.Input[UserPoolTier]
    protect: bool


def user_pool(
    owner: Owner,
    existing_id: pulumi.Input[str] | None,
    request: PoolRequest,
    *,
    realm_id: pulumi.Output[str],
    region: pulumi.Input[str] | None,
    after: pulumi.Resource,
) -> UserPoolObjects:
    """The pool ``request`` describes, unless ``existing_id`` names one to federate."""
    if existing_id is None:
        pool = _created(owner, request, realm_id=realm_id, region=region, after=after)
        check_user_pool(
            owner,
            pool,
            f"{owner.name}-user-pool",
            name=request.name,
            tags=owner_tags(f"{owner.name}-user-pool", realm_id),
        )
        pool_id, arn = pool.id, pool.arn
    else:
        pool_id = pulumi.Output.from_input(existing_id)
        arn = aws.cognito.get_user_pool_output(
            user_pool_id=pool_id, region=region, opts=owner.lookup()
        ).arn
    issuer = pulumi.Output.all(owner.region, pool_id).apply(
        lambda v: _urls.user_pool_issuer(v[0], v[1])
    )
    return UserPoolObjects(pool_id, arn, issuer)


def _created(
    owner: Owner,
    request: PoolRequest,
    *,
    realm_id: pulumi.Output[str],
    region: pulumi.Input[str] | None,
    after: pulumi.Resource,
) -> aws.cognito.UserPool:
    return aws.cognito.UserPool(
        f"{owner.name}-user-pool",
        name=request.name,
        # Sign-in attributes are immutable: changing them replaces the pool and loses users.
        username_attributes=["email"],
        auto_verified_attributes=["email"],
        username_configuration={"case_sensitive": False},
        mfa_configuration=request.mfa_configuration,
        # Authenticator apps, as in the guide; they only ever apply to local users.
        software_token_mfa_configuration=derived(
            request.mfa_configuration, lambda mfa: {"enabled": True} if mfa != "OFF" else None
        ),
        deletion_protection=request.deletion_protection,
        user_pool_tier=request.tier,
        region=region,
        # Evidence for _unrecorded: a pool an interrupted `up` left is found by these.
        tags=owner_tags(f"{owner.name}-user-pool", realm_id),
        # None rather than False, so a protected component still protects its pool.
        opts=pulumi.ResourceOptions(
            parent=owner.component,
            protect=True if request.protect else None,
            depends_on=[after],
        ),
    )
