"""The pool's OIDC identity provider: the Beyond Identity application's credentials and
endpoints, the attribute mapping and the routing identifiers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import pulumi
import pulumi_aws as aws

from pulumi_beyondidentity import ApplicationCredentials

from ._inputs import derived


@dataclass(frozen=True)
class IdentityProviderObjects:
    """What :func:`identity_provider` made."""

    resource: aws.cognito.IdentityProvider
    provider_name: pulumi.Output[str]


def provider_details(
    credentials: ApplicationCredentials, allowed_scopes: pulumi.Input[Sequence[pulumi.Input[str]]]
) -> dict[str, pulumi.Input[str]]:
    """The OIDC ``provider_details``, the client secret marked secret."""
    # Secret explicitly: the mark must not depend on the provider's additional_secret_outputs.
    plain_secret: pulumi.Output[str] = credentials.client_secret.apply(lambda s: s or "")
    return {
        "client_id": credentials.client_id,
        "client_secret": pulumi.Output.secret(plain_secret),
        "authorize_scopes": derived(cast(Any, allowed_scopes), _authorize_scopes),
        "oidc_issuer": credentials.issuer,
        "attributes_request_method": "GET",
        # Explicit endpoints: otherwise Cognito stores the discovered ones and every preview
        # shows a provider_details diff (pulumi/pulumi-aws#679).
        "authorize_url": credentials.authorize_url,
        "token_url": credentials.token_url,
        "attributes_url": credentials.userinfo_url,
        "jwks_uri": credentials.jwks_url,
    }


def _authorize_scopes(allowed_scopes: Sequence[str]) -> str:
    """Cognito asks Beyond Identity for ``openid`` and the allowed scopes."""
    return " ".join(["openid", *allowed_scopes])


def identity_provider(
    name: str,
    parent: pulumi.Resource,
    details: Mapping[str, pulumi.Input[str]],
    *,
    user_pool_id: pulumi.Output[str],
    provider_name: pulumi.Input[str],
    attribute_mapping: Mapping[str, str],
    idp_identifiers: pulumi.Input[Sequence[pulumi.Input[str]]],
    region: pulumi.Input[str] | None,
) -> IdentityProviderObjects:
    """The pool's OIDC identity provider for the Beyond Identity application."""
    resource = aws.cognito.IdentityProvider(
        f"{name}-identity-provider",
        user_pool_id=user_pool_id,
        provider_name=provider_name,
        provider_type="OIDC",
        provider_details=details,
        attribute_mapping=dict(attribute_mapping),
        # An empty list is no routing: sent as none, as before.
        idp_identifiers=derived(idp_identifiers, lambda ids: list(ids) or None),
        region=region,
        # provider_name is unique in the pool: a replacement must delete the old one first.
        opts=pulumi.ResourceOptions(parent=parent, delete_before_replace=True),
    )
    return IdentityProviderObjects(resource, resource.provider_name)
