"""Managed login (version 2): the branding style Cognito needs per app client.

A domain on managed login serves login pages only for app clients that have a branding
style; clients created through the API get none. With ``managed_login_version=2`` the
component creates one: Cognito's default style, or the settings and images the user gives.
With version 1 (classic hosted UI) there is none, and switching back deletes it.

On the real provider a change to the images (``asset``, and each of its fields) replaces the
style (terraform-provider-aws ``managed_login_branding.go``: ``setplanmodifier.RequiresReplace``),
and Cognito keeps one style per app client ("Each style is permanently linked to an app
client. To change the style for an app client, delete the existing style ... and create a new
one", CreateManagedLoginBranding). Pulumi's default replacement creates the new style first,
which Cognito refuses; so the old style is deleted first. The settings document alone updates
in place.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from ._args import ManagedLoginAsset
from ._choices import ManagedLoginVersion


@dataclass(frozen=True)
class LoginPages:
    """What :func:`login_pages` made: the domain's login pages and the client's style."""

    managed_login_version: pulumi.Output[int]
    managed_login_branding_id: pulumi.Output[str | None]


@dataclass(frozen=True)
class BrandingRequest:
    """The login pages: version, and for managed login the style's settings and images."""

    version: ManagedLoginVersion
    settings: Mapping[str, object] | None
    assets: Sequence[ManagedLoginAsset]


def login_pages(
    name: str,
    parent: pulumi.Resource,
    request: BrandingRequest,
    *,
    domain: aws.cognito.UserPoolDomain,
    user_pool_id: pulumi.Input[str],
    client_id: pulumi.Input[str],
    region: pulumi.Input[str] | None,
) -> LoginPages:
    """The login-page outputs and, for managed login, the app client's branding style."""
    branding = _branding(name, parent, request, user_pool_id, client_id, region)
    return LoginPages(
        managed_login_version=domain.managed_login_version.apply(
            lambda v: int(v) if v is not None else request.version
        ),
        managed_login_branding_id=(
            branding.managed_login_branding_id
            if branding is not None
            else pulumi.Output.from_input(None)
        ),
    )


def _branding(
    name: str,
    parent: pulumi.Resource,
    request: BrandingRequest,
    user_pool_id: pulumi.Input[str],
    client_id: pulumi.Input[str],
    region: pulumi.Input[str] | None,
) -> aws.cognito.ManagedLoginBranding | None:
    """The app client's branding style, or None for the classic hosted UI."""
    if request.version != 2:
        return None
    # One style per app client: a replacement must delete the old style before creating one.
    opts = pulumi.ResourceOptions(parent=parent, delete_before_replace=True)
    if request.settings is None:
        return aws.cognito.ManagedLoginBranding(
            f"{name}-branding",
            user_pool_id=user_pool_id,
            client_id=client_id,
            use_cognito_provided_values=True,
            region=region,
            opts=opts,
        )
    return aws.cognito.ManagedLoginBranding(
        f"{name}-branding",
        user_pool_id=user_pool_id,
        client_id=client_id,
        # Sorted keys: the same settings always give the same string, so no spurious diff.
        settings=json.dumps(request.settings, sort_keys=True),
        assets=[
            {
                "category": asset.category,
                "color_mode": asset.color_mode,
                "extension": asset.extension,
                "bytes": asset.bytes,
            }
            for asset in request.assets
        ]
        or None,
        region=region,
        opts=opts,
    )
