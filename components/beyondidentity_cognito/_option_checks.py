"""Checks of the operational options: token policy, routing, login pages, DNS, rotation.

Cognito's ranges, as the API reference states them (TokenValidityUnitsType,
RefreshTokenRotationType, CreateUserPoolClient, IdentityProviderType, AssetType): access and ID
tokens 5 minutes to 1 day, refresh tokens 60 minutes to 10 years, auth sessions 3 to 15
minutes, a rotation grace period of 0 to 60 seconds, at most 50 IdP identifiers of 1-40
characters. Like the other checks, every rule reports the argument it concerns and carries on.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pulumi_beyondidentity.rules import (
    MANAGED_LOGIN_ASSET_CATEGORIES,
    MANAGED_LOGIN_ASSET_COLOR_MODES,
    MANAGED_LOGIN_ASSET_EXTENSIONS,
)

from ._args import CognitoFederationArgs, ManagedLoginAsset
from ._errors import Problem
from ._validation import _Checks, is_plain, text_rule

TIME_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
MINUTE, DAY, YEAR = 60, 86400, 365 * 86400
# (argument, unit argument, shortest, longest) in seconds.
TOKEN_RANGES = (
    ("access_token_validity", "access_token_validity_unit", 5 * MINUTE, DAY, "5 minutes to 1 day"),
    ("id_token_validity", "id_token_validity_unit", 5 * MINUTE, DAY, "5 minutes to 1 day"),
    (
        "refresh_token_validity",
        "refresh_token_validity_unit",
        60 * MINUTE,
        10 * YEAR,
        "60 minutes to 10 years",
    ),
)
AUTH_SESSION_RANGE = (3, 15)
GRACE_PERIOD_RANGE = (0, 60)
PREVENT_USER_EXISTENCE_CHOICES = ("ENABLED", "LEGACY")
# terraform-provider-aws identity_provider.go: ^[\w\s+=.@-]+$ in Go, whose \w and \s are ASCII
# (\s without \v), and 1-40 long: ü.example fails its preview, so it fails ours.
IDP_IDENTIFIER_RE = re.compile(r"^[\w\t\n\f\r +=.@-]{1,40}$", re.ASCII)
MAX_IDP_IDENTIFIERS = 50
MANAGED_LOGIN_VERSIONS = (1, 2)
USER_POOL_TIERS = ("LITE", "ESSENTIALS", "PLUS")
MAX_ASSETS = 40
MAX_ASSET_BYTES = 1_000_000
HOSTED_ZONE_ID_RE = re.compile(r"^[A-Z0-9]{1,32}$")  # Route 53 ResourceId: at most 32
ROTATION_LABEL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$")
IDP_IDENTIFIER = text_rule(
    IDP_IDENTIFIER_RE, "must be 1-40 letters, digits, spaces and _+=.@- (e.g. an email domain)"
)
HOSTED_ZONE_ID = text_rule(
    HOSTED_ZONE_ID_RE,
    "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (without /hostedzone/)",
)
ROTATION_LABEL = text_rule(
    ROTATION_LABEL_RE,
    "must be a label of 1-32 letters, digits and ._:- starting with a letter or digit "
    "(e.g. 2026-12)",
)


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_options(args: CognitoFederationArgs) -> list[Problem]:
    """Every problem with the token policy, routing, login-page, DNS and rotation arguments."""
    c = _Checks()
    _check_token_policy(c, args)
    _check_routing(c, args)
    _check_managed_login(c, args)
    _check_dns(c, args)
    _check_rotation(c, args)
    return c.problems


def _check_token_policy(c: _Checks, a: CognitoFederationArgs) -> None:
    for argument, unit_argument, shortest, longest, words in TOKEN_RANGES:
        value, unit = getattr(a, argument), getattr(a, unit_argument)
        c.choice(unit_argument, unit, tuple(TIME_UNITS))
        if not _whole(value) or value < 1:
            c.fail(argument, f"must be a whole number of {unit} from {words}; got {value!r}")
            continue
        if unit in TIME_UNITS and not shortest <= value * TIME_UNITS[unit] <= longest:
            c.fail(argument, f"must be from {words}; got {value} {unit}")
    low, high = AUTH_SESSION_RANGE
    session = a.auth_session_validity
    if not _whole(session) or not low <= session <= high:
        c.fail("auth_session_validity", f"must be {low} to {high} minutes; got {session!r}")
    for argument in ("enable_token_revocation", "refresh_token_rotation"):
        if not isinstance(getattr(a, argument), bool):
            c.fail(argument, f"must be true or false; got {getattr(a, argument)!r}")
    low, high = GRACE_PERIOD_RANGE
    grace = a.refresh_token_rotation_grace_period
    if not _whole(grace) or not low <= grace <= high:
        c.fail(
            "refresh_token_rotation_grace_period", f"must be {low} to {high} seconds; got {grace!r}"
        )
    elif grace and a.refresh_token_rotation is False:
        c.fail(
            "refresh_token_rotation_grace_period",
            "applies only with refresh_token_rotation; enable it or remove the grace period",
        )
    c.choice(
        "prevent_user_existence_errors",
        a.prevent_user_existence_errors,
        PREVENT_USER_EXISTENCE_CHOICES,
    )


def _check_routing(c: _Checks, a: CognitoFederationArgs) -> None:
    for label, identifier in c.items(
        "idp_identifiers", a.idp_identifiers, max_items=MAX_IDP_IDENTIFIERS, what="identifiers"
    ):
        c.text(label, identifier, IDP_IDENTIFIER)


def _check_managed_login(c: _Checks, a: CognitoFederationArgs) -> None:
    version = a.managed_login_version
    if isinstance(version, bool) or version not in MANAGED_LOGIN_VERSIONS:
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
                c.fail(argument, "applies only to managed login; set managed_login_version=2")
        return
    _check_branding_settings(c, a.managed_login_branding_settings)
    _check_branding_assets(c, a)


def _check_user_pool_tier(c: _Checks, a: CognitoFederationArgs, version: int) -> None:
    if a.user_pool_tier is None:
        return
    if a.user_pool_id is not None:
        c.fail("user_pool_tier", "applies only to a created pool; remove it or user_pool_id")
        return
    c.choice("user_pool_tier", a.user_pool_tier, USER_POOL_TIERS)
    if version == 2 and a.user_pool_tier == "LITE":
        c.fail(
            "user_pool_tier",
            "must be ESSENTIALS or PLUS for managed login (managed_login_version=2); "
            "Cognito offers only the classic hosted UI on LITE",
        )


def _check_branding_settings(c: _Checks, settings: Any) -> None:
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


def _check_branding_assets(c: _Checks, a: CognitoFederationArgs) -> None:
    assets = c.items(
        "managed_login_branding_assets",
        a.managed_login_branding_assets,
        max_items=MAX_ASSETS,
        what="assets",
    )
    if assets and a.managed_login_branding_settings is None:
        c.fail(
            "managed_login_branding_assets",
            "needs managed_login_branding_settings: Cognito's default style takes no assets",
        )
    seen: set[tuple[str, str]] = set()
    for label, asset in assets:
        _check_asset(c, label, asset, seen)


def _check_asset(c: _Checks, label: str, asset: Any, seen: set[tuple[str, str]]) -> None:
    if not isinstance(asset, ManagedLoginAsset):
        c.fail(label, f"must be a ManagedLoginAsset; got {asset!r}")
        return
    c.choice(f"{label}.category", asset.category, MANAGED_LOGIN_ASSET_CATEGORIES)
    c.choice(f"{label}.color_mode", asset.color_mode, MANAGED_LOGIN_ASSET_COLOR_MODES)
    c.choice(f"{label}.extension", asset.extension, MANAGED_LOGIN_ASSET_EXTENSIONS)
    key = (asset.category, asset.color_mode)
    if key in seen:
        c.fail(
            label, f"duplicates the {asset.category}/{asset.color_mode} image of an earlier asset"
        )
    seen.add(key)
    if not is_plain(asset.bytes):
        return
    try:
        size = len(base64.b64decode(asset.bytes, validate=True)) if asset.bytes else 0
    except (binascii.Error, ValueError, TypeError):
        c.fail(f"{label}.bytes", "must be the image, base64-encoded")
        return
    if not 1 <= size <= MAX_ASSET_BYTES:
        c.fail(f"{label}.bytes", f"must be 1 to {MAX_ASSET_BYTES} bytes; got {size}")


def _check_dns(c: _Checks, a: CognitoFederationArgs) -> None:
    if a.hosted_zone_id is None:
        return
    if a.custom_domain is None:
        c.fail("hosted_zone_id", "applies only to custom_domain; set custom_domain or remove it")
    c.text("hosted_zone_id", a.hosted_zone_id, HOSTED_ZONE_ID)


def _check_rotation(c: _Checks, a: CognitoFederationArgs) -> None:
    if a.client_secret_rotation is not None:
        c.text("client_secret_rotation", a.client_secret_rotation, ROTATION_LABEL)


def mapping_warnings(mapping: Mapping[str, str], *, source: str) -> Sequence[str]:
    """Advice on an attribute mapping that maps ``email`` without ``email_verified``."""
    if "email" in mapping and "email_verified" not in mapping:
        return [
            f"{source} maps email but not email_verified: Cognito marks mapped email addresses "
            "unverified, so federated users get email_verified=false; add "
            '"email_verified": "email_verified" (see docs/operations.md)'
        ]
    return []
