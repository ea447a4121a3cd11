"""Checks of the login pages: classic hosted UI or managed login, the pool's feature plan
for it, and the branding style's settings document and images (AssetType)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from pulumi_beyondidentity.rules import (
    MANAGED_LOGIN_ASSET_CATEGORIES,
    MANAGED_LOGIN_ASSET_COLOR_MODES,
    MANAGED_LOGIN_ASSET_EXTENSIONS,
)

from ._args import CognitoFederationArgs, ManagedLoginAsset
from ._checks import Checks, Context, is_plain
from ._choices import ManagedLoginVersion, UserPoolTier, choices
from ._wording import Place

MAX_ASSETS = 40
MAX_ASSET_BYTES = 1_000_000


def check_managed_login(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    version = a.managed_login_version
    if not is_plain(version):
        return  # must be known now: reported by check_known_when_needed
    if isinstance(version, bool) or version not in choices(ManagedLoginVersion):
        c.fail(
            "managed_login_version",
            f"must be 1 (classic hosted UI) or 2 (managed login); got {version!r}",
        )
        return
    _check_user_pool_tier(c, a, version)
    if version == 1:
        for argument, value in (
            ("managed_login_branding_settings", a.managed_login_branding_settings),
            ("managed_login_branding_assets", a.managed_login_branding_assets or None),
        ):
            if value is not None:
                c.fail(
                    argument,
                    f"applies only to managed login; set {c.name('managed_login_version')}=2",
                )
        return
    _check_branding_settings(c, a.managed_login_branding_settings)
    _check_branding_assets(c, a)


def _check_user_pool_tier(c: Checks, a: CognitoFederationArgs, version: int) -> None:
    if a.user_pool_tier is None:
        return
    if a.user_pool_id is not None:
        c.fail(
            "user_pool_tier",
            f"applies only to a created pool; remove it or {c.name('user_pool_id')}",
        )
        return
    c.choice("user_pool_tier", a.user_pool_tier, choices(UserPoolTier))
    if version == 2 and a.user_pool_tier == "LITE":
        c.fail(
            "user_pool_tier",
            "must be ESSENTIALS or PLUS for managed login "
            f"({c.name('managed_login_version')}=2); Cognito offers only the classic hosted UI "
            "on LITE",
        )


def _check_branding_settings(c: Checks, settings: Any) -> None:
    if settings is None:
        return
    if not isinstance(settings, Mapping):
        c.fail(
            "managed_login_branding_settings",
            f"must be an object (the branding designer's settings document); got {settings!r}",
        )
        return
    try:
        json.dumps(settings)
    except (TypeError, ValueError) as err:
        c.fail("managed_login_branding_settings", f"must be plain JSON data: {err}")


def _check_branding_assets(c: Checks, a: CognitoFederationArgs) -> None:
    assets = c.items(
        "managed_login_branding_assets",
        a.managed_login_branding_assets,
        max_items=MAX_ASSETS,
        what="assets",
    )
    if assets and a.managed_login_branding_settings is None:
        c.fail(
            "managed_login_branding_assets",
            f"needs {c.name('managed_login_branding_settings')}: Cognito's default style takes "
            "no assets",
        )
    seen: set[tuple[str, str]] = set()
    for place, asset in assets:
        _check_asset(c, place, asset, seen)


def _check_asset(c: Checks, place: Place, asset: Any, seen: set[tuple[str, str]]) -> None:
    if not isinstance(asset, ManagedLoginAsset):
        c.fail(place, f"must be a ManagedLoginAsset; got {asset!r}")
        return
    c.choice(place.part("category"), asset.category, MANAGED_LOGIN_ASSET_CATEGORIES)
    c.choice(place.part("color_mode"), asset.color_mode, MANAGED_LOGIN_ASSET_COLOR_MODES)
    c.choice(place.part("extension"), asset.extension, MANAGED_LOGIN_ASSET_EXTENSIONS)
    key = (asset.category, asset.color_mode)
    if key in seen:
        c.fail(
            place, f"duplicates the {asset.category}/{asset.color_mode} image of an earlier asset"
        )
    seen.add(key)
    if not is_plain(asset.bytes):
        return
    try:
        size = len(base64.b64decode(asset.bytes, validate=True)) if asset.bytes else 0
    except (binascii.Error, ValueError, TypeError):
        c.fail(place.part("bytes"), "must be the image, base64-encoded")
        return
    if not 1 <= size <= MAX_ASSET_BYTES:
        c.fail(place.part("bytes"), f"must be 1 to {MAX_ASSET_BYTES} bytes; got {size}")
