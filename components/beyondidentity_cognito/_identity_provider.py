"""What the pool's OIDC identity provider is told: the Beyond Identity application's
credentials and endpoints, and the attribute mapping."""

from __future__ import annotations

from collections.abc import Mapping

import pulumi

from pulumi_beyondidentity import ApplicationCredentials

from ._args import DEFAULT_ATTRIBUTE_MAPPING, CognitoFederationArgs
from ._beyond_identity import allowed_scopes
from ._option_checks import mapping_warnings


def provider_details(
    args: CognitoFederationArgs, credentials: ApplicationCredentials
) -> dict[str, pulumi.Input[str]]:
    """The OIDC ``provider_details``, the client secret marked secret."""
    # Secret explicitly: the mark must not depend on the provider's additional_secret_outputs.
    plain_secret: pulumi.Output[str] = credentials.client_secret.apply(lambda s: s or "")
    return {
        "client_id": credentials.client_id,
        "client_secret": pulumi.Output.secret(plain_secret),
        "authorize_scopes": " ".join(["openid", *allowed_scopes(args)]),
        "oidc_issuer": credentials.issuer,
        "attributes_request_method": "GET",
        # Explicit endpoints: otherwise Cognito stores the discovered ones and every preview
        # shows a provider_details diff (pulumi/pulumi-aws#679).
        "authorize_url": credentials.authorize_url,
        "token_url": credentials.token_url,
        "attributes_url": credentials.userinfo_url,
        "jwks_uri": credentials.jwks_url,
    }


def attribute_mapping(
    args: CognitoFederationArgs, argument_names: Mapping[str, str]
) -> dict[str, str]:
    """The identity provider's attribute mapping, with advice if email_verified is missing."""
    mapping = dict(
        args.attribute_mapping if args.attribute_mapping is not None else DEFAULT_ATTRIBUTE_MAPPING
    )
    source = argument_names.get("attribute_mapping", "attribute_mapping")
    for warning in mapping_warnings(mapping, source=source):
        pulumi.log.warn(warning)
    return mapping
