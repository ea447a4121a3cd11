"""Managed login (version 2): the branding style Cognito needs per app client.

A domain on managed login serves login pages only for app clients that have a branding
style; clients created through the API get none. With ``managed_login_version=2`` the
component creates one: Cognito's default style, or the settings and images the user gives.
With version 1 (classic hosted UI) there is none, and switching back deletes it.
"""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from ._args import CognitoFederationArgs


def managed_login_branding(
    name: str,
    args: CognitoFederationArgs,
    *,
    user_pool_id: pulumi.Input[str],
    client_id: pulumi.Input[str],
    opts: pulumi.ResourceOptions,
) -> aws.cognito.ManagedLoginBranding | None:
    """The app client's branding style, or None for the classic hosted UI."""
    if args.managed_login_version != 2:
        return None
    if args.managed_login_branding_settings is None:
        return aws.cognito.ManagedLoginBranding(
            f"{name}-branding",
            user_pool_id=user_pool_id,
            client_id=client_id,
            use_cognito_provided_values=True,
            region=args.region,
            opts=opts,
        )
    return aws.cognito.ManagedLoginBranding(
        f"{name}-branding",
        user_pool_id=user_pool_id,
        client_id=client_id,
        # Sorted keys: the same settings always give the same string, so no spurious diff.
        settings=json.dumps(args.managed_login_branding_settings, sort_keys=True),
        assets=[
            {
                "category": asset.category,
                "color_mode": asset.color_mode,
                "extension": asset.extension,
                "bytes": asset.bytes,
            }
            for asset in args.managed_login_branding_assets
        ]
        or None,
        region=args.region,
        opts=opts,
    )
