"""The limits of the component's option checks, each at, just inside and just past its bound.

``validate`` is called directly (no Pulumi mocks): every case is one set of
arguments and the exact arguments reported. The bounds are Cognito's, as the API reference
states them (see ``_option_checks``); they are written out here as literal numbers on
purpose, so a changed constant in the code fails a test instead of moving the test with it.
The mutation campaign (scripts/mutate.py option_checks) runs these tests.
"""

from __future__ import annotations

import base64
from typing import Any

import pulumi
import pytest

from beyondidentity_cognito import CognitoFederationArgs, ManagedLoginAsset
from beyondidentity_cognito._check_identity_provider import mapping_warnings
from beyondidentity_cognito._checks import Context
from beyondidentity_cognito._validation import validate
from pulumi_beyondidentity import Hosts

HOSTS = Hosts(region="us", api_url="https://api.example.com", auth_url="https://auth.example.com")
CONTEXT = Context("login", HOSTS)
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"

MINUTE, HOUR, DAY = 60, 3600, 86400
TEN_YEARS_IN_DAYS = 3650


def options(**overrides: Any) -> list[str]:
    """The arguments ``validate`` reports, in order."""
    kwargs: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost"]}
    kwargs.update(overrides)
    return [p.argument for p in validate(CognitoFederationArgs(**kwargs), CONTEXT).problems]


def rules(**overrides: Any) -> list[str]:
    kwargs: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost"]}
    kwargs.update(overrides)
    return [p.rule for p in validate(CognitoFederationArgs(**kwargs), CONTEXT).problems]


def test_the_defaults_pass() -> None:
    assert options() == []


# (token argument, unit, value, accepted)
TOKEN_BOUNDS = [
    # access and ID tokens: 5 minutes to 1 day
    *(
        (token, unit, value, ok)
        for token in ("access_token_validity", "id_token_validity")
        for unit, value, ok in (
            ("seconds", 5 * MINUTE - 1, False),
            ("seconds", 5 * MINUTE, True),
            ("seconds", 5 * MINUTE + 1, True),
            ("seconds", DAY - 1, True),
            ("seconds", DAY, True),
            ("seconds", DAY + 1, False),
            ("minutes", 4, False),
            ("minutes", 5, True),
            ("minutes", 1440, True),
            ("minutes", 1441, False),
            ("hours", 1, True),
            ("hours", 24, True),
            ("hours", 25, False),
            ("days", 1, True),
            ("days", 2, False),
        )
    ),
    # refresh tokens: 60 minutes to 10 years (of 365 days)
    ("refresh_token_validity", "seconds", HOUR - 1, False),
    ("refresh_token_validity", "seconds", HOUR, True),
    ("refresh_token_validity", "seconds", HOUR + 1, True),
    ("refresh_token_validity", "minutes", 59, False),
    ("refresh_token_validity", "minutes", 60, True),
    ("refresh_token_validity", "minutes", 61, True),
    ("refresh_token_validity", "hours", 1, True),
    ("refresh_token_validity", "hours", TEN_YEARS_IN_DAYS * 24, True),
    ("refresh_token_validity", "hours", TEN_YEARS_IN_DAYS * 24 + 1, False),
    ("refresh_token_validity", "days", TEN_YEARS_IN_DAYS - 1, True),
    ("refresh_token_validity", "days", TEN_YEARS_IN_DAYS, True),
    ("refresh_token_validity", "days", TEN_YEARS_IN_DAYS + 1, False),
    ("refresh_token_validity", "seconds", TEN_YEARS_IN_DAYS * DAY, True),
    ("refresh_token_validity", "seconds", TEN_YEARS_IN_DAYS * DAY + 1, False),
]


@pytest.mark.parametrize(("token", "unit", "value", "accepted"), TOKEN_BOUNDS)
def test_token_lifetimes_at_their_bounds(token: str, unit: str, value: int, accepted: bool) -> None:
    found = options(**{token: value, f"{token}_unit": unit})
    assert found == ([] if accepted else [token])


@pytest.mark.parametrize("token", ["access_token_validity", "id_token_validity"])
def test_the_smallest_count_of_a_unit_is_one(token: str) -> None:
    # 1 day is a valid access/ID token lifetime; 0 of anything is not, with the count's rule.
    assert options(**{token: 1, f"{token}_unit": "days"}) == []
    found = rules(**{token: 0, f"{token}_unit": "days"})
    assert found == ["must be a whole number of days from 5 minutes to 1 day; got 0"]


@pytest.mark.parametrize("value", [0, -1, True, 1.5, "60", None])
def test_a_lifetime_that_is_no_positive_whole_number_gets_one_problem(value: Any) -> None:
    found = rules(refresh_token_validity=value, refresh_token_validity_unit="minutes")
    assert found == [
        f"must be a whole number of minutes from 60 minutes to 10 years; got {value!r}"
    ]


def test_a_range_problem_names_the_value_and_unit() -> None:
    assert rules(access_token_validity=4, access_token_validity_unit="minutes") == [
        "must be from 5 minutes to 1 day; got 4 minutes"
    ]


@pytest.mark.parametrize("unit", ["weeks", "Seconds", "", None])
def test_an_unknown_unit_is_reported_once_without_a_range_problem(unit: Any) -> None:
    assert options(access_token_validity=10**9, access_token_validity_unit=unit) == [
        "access_token_validity_unit"
    ]


@pytest.mark.parametrize(
    ("minutes", "accepted"),
    [(2, False), (3, True), (4, True), (14, True), (15, True), (16, False), (True, False)],
)
def test_auth_session_at_its_bounds(minutes: Any, accepted: bool) -> None:
    assert options(auth_session_validity=minutes) == ([] if accepted else ["auth_session_validity"])


@pytest.mark.parametrize(
    ("seconds", "accepted"),
    [(-1, False), (0, True), (1, True), (59, True), (60, True), (61, False), (False, False)],
)
def test_rotation_grace_period_at_its_bounds(seconds: Any, accepted: bool) -> None:
    found = options(refresh_token_rotation=True, refresh_token_rotation_grace_period=seconds)
    assert found == ([] if accepted else ["refresh_token_rotation_grace_period"])


def test_a_grace_period_needs_rotation() -> None:
    assert options(refresh_token_rotation_grace_period=1) == ["refresh_token_rotation_grace_period"]
    assert options(refresh_token_rotation_grace_period=0, refresh_token_rotation=False) == []


@pytest.mark.parametrize("argument", ["enable_token_revocation", "refresh_token_rotation"])
@pytest.mark.parametrize("value", ["true", 1, None])
def test_switches_are_booleans(argument: str, value: Any) -> None:
    assert options(**{argument: value}) == [argument]


@pytest.mark.parametrize(
    ("value", "accepted"), [("ENABLED", True), ("LEGACY", True), ("OFF", False)]
)
def test_user_existence_errors_choices(value: str, accepted: bool) -> None:
    found = options(prevent_user_existence_errors=value)
    assert found == ([] if accepted else ["prevent_user_existence_errors"])


def test_idp_identifiers_at_their_bounds() -> None:
    assert options(idp_identifiers=[f"d{i}.example.com" for i in range(50)]) == []
    assert options(idp_identifiers=[f"d{i}.example.com" for i in range(51)]) == ["idp_identifiers"]
    assert options(idp_identifiers=["x" * 39, "y" * 40]) == []
    assert options(idp_identifiers=["x" * 41]) == ["idp_identifiers[0]"]
    assert options(idp_identifiers=["ok", ""]) == ["idp_identifiers[1]"]


@pytest.mark.parametrize(
    ("version", "accepted"), [(1, True), (2, True), (0, False), (3, False), (True, False)]
)
def test_managed_login_versions(version: Any, accepted: bool) -> None:
    assert options(managed_login_version=version) == ([] if accepted else ["managed_login_version"])


def test_a_bad_version_stops_the_login_page_checks() -> None:
    assert options(managed_login_version=3, user_pool_tier="GOLD") == ["managed_login_version"]


@pytest.mark.parametrize(
    ("overrides", "reported"),
    [
        ({"user_pool_tier": "ESSENTIALS", "managed_login_version": 2}, []),
        ({"user_pool_tier": "PLUS", "managed_login_version": 2}, []),
        ({"user_pool_tier": "LITE", "managed_login_version": 1}, []),
        ({"user_pool_tier": "LITE", "managed_login_version": 2}, ["user_pool_tier"]),
        ({"user_pool_tier": "GOLD"}, ["user_pool_tier"]),
        (
            {"user_pool_tier": "PLUS", "user_pool_id": "us-east-1_Abc", "domain_prefix": "x"},
            ["user_pool_tier"],
        ),
        (
            {"user_pool_tier": "LITE", "user_pool_id": "us-east-1_Abc", "managed_login_version": 2},
            ["user_pool_tier"],
        ),
    ],
)
def test_user_pool_tier(overrides: dict[str, Any], reported: list[str]) -> None:
    assert options(**overrides) == reported


def png(size: int) -> str:
    return base64.b64encode(b"\x89" * size).decode()


def asset(category: str = "PAGE_HEADER_LOGO", color_mode: str = "LIGHT", **kw: Any) -> Any:
    return ManagedLoginAsset(
        category=category,
        color_mode=color_mode,
        extension=kw.get("extension", "PNG"),
        bytes=kw.get("bytes", png(10)),
    )


def branded(*assets: Any, settings: Any = None) -> dict[str, Any]:
    return {
        "managed_login_version": 2,
        "managed_login_branding_settings": {"categories": {}} if settings is None else settings,
        "managed_login_branding_assets": list(assets),
    }


@pytest.mark.parametrize(
    ("size", "accepted"),
    [(0, False), (1, True), (2, True), (999_999, True), (1_000_000, True), (1_000_001, False)],
)
def test_asset_sizes_at_their_bounds(size: int, accepted: bool) -> None:
    found = options(**branded(asset(bytes=png(size))))
    assert found == ([] if accepted else ["managed_login_branding_assets[0].bytes"])


def test_an_asset_size_problem_says_the_bounds_and_the_size() -> None:
    assert rules(**branded(asset(bytes=""))) == ["must be 1 to 1000000 bytes; got 0"]


# "QU JD!" decodes to "ABC" when characters outside base64 are dropped: they are refused.
@pytest.mark.parametrize("data", ["not base64!", "QQ", b"\xff", "QU JD", "QUJD!"])
def test_asset_bytes_must_be_base64(data: Any) -> None:
    assert options(**branded(asset(bytes=data))) == ["managed_login_branding_assets[0].bytes"]


def test_asset_bytes_known_later_are_left_to_aws() -> None:
    later = pulumi.Output.from_input(png(10))
    assert options(**branded(asset(bytes=later))) == []


def test_asset_counts_at_their_bound() -> None:
    pairs = [(c, m) for c in ALL_CATEGORIES for m in ("LIGHT", "DARK", "DYNAMIC")]
    assert options(**branded(*(asset(c, m) for c, m in pairs[:40]))) == []
    assert options(**branded(*(asset(c, m) for c, m in pairs[:41]))) == [
        "managed_login_branding_assets"
    ]


ALL_CATEGORIES = (
    "FAVICON_ICO",
    "FAVICON_SVG",
    "EMAIL_GRAPHIC",
    "SMS_GRAPHIC",
    "AUTH_APP_GRAPHIC",
    "PASSWORD_GRAPHIC",
    "PASSKEY_GRAPHIC",
    "PAGE_HEADER_LOGO",
    "PAGE_HEADER_BACKGROUND",
    "PAGE_FOOTER_LOGO",
    "PAGE_FOOTER_BACKGROUND",
    "PAGE_BACKGROUND",
    "FORM_BACKGROUND",
    "FORM_LOGO",
    "IDP_BUTTON_ICON",
)


@pytest.mark.parametrize("category", ALL_CATEGORIES)
@pytest.mark.parametrize("color_mode", ["LIGHT", "DARK", "DYNAMIC"])
def test_every_category_and_color_mode_is_accepted(category: str, color_mode: str) -> None:
    assert options(**branded(asset(category, color_mode))) == []


@pytest.mark.parametrize("extension", ["ICO", "JPEG", "PNG", "SVG", "WEBP"])
def test_every_extension_is_accepted(extension: str) -> None:
    assert options(**branded(asset(extension=extension))) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("category", "LOGO"), ("color_mode", "light"), ("extension", "GIF")],
)
def test_an_asset_outside_the_enumerations_is_named(field: str, value: str) -> None:
    kw: dict[str, Any] = {"category": "PAGE_HEADER_LOGO", "color_mode": "LIGHT", field: value}
    bad = asset(kw.pop("category"), kw.pop("color_mode"), **kw)
    assert options(**branded(bad)) == [f"managed_login_branding_assets[0].{field}"]


def test_two_images_for_one_category_and_mode_are_refused() -> None:
    assert options(**branded(asset(), asset(color_mode="DARK"), asset())) == [
        "managed_login_branding_assets[2]"
    ]


def test_an_asset_that_is_not_an_asset_is_named() -> None:
    assert options(**branded({"category": "FAVICON_ICO"})) == ["managed_login_branding_assets[0]"]


def test_assets_need_settings_and_settings_must_be_json() -> None:
    assert options(managed_login_version=2, managed_login_branding_assets=[asset()]) == [
        "managed_login_branding_assets"
    ]
    assert options(**branded(settings=["x"])) == ["managed_login_branding_settings"]
    # Not an object, and not JSON either: one problem, not two.
    assert options(**branded(settings={1, 2})) == ["managed_login_branding_settings"]
    assert options(**branded(settings={"x": object()})) == ["managed_login_branding_settings"]
    assert options(**branded(settings={"x": [1, "y", None]})) == []


def test_branding_applies_only_to_managed_login() -> None:
    assert options(managed_login_branding_settings={"a": 1}) == ["managed_login_branding_settings"]
    assert options(managed_login_branding_assets=[asset()]) == ["managed_login_branding_assets"]
    assert options(managed_login_version=1, managed_login_branding_assets=[]) == []


@pytest.mark.parametrize(
    ("overrides", "reported"),
    [
        ({"hosted_zone_id": "Z" * 32, "custom_domain": "auth.example.com"}, []),
        ({"hosted_zone_id": "Z" * 33, "custom_domain": "auth.example.com"}, ["hosted_zone_id"]),
        ({"hosted_zone_id": "Z123"}, ["hosted_zone_id"]),
        (
            {"hosted_zone_id": "/hostedzone/Z1", "custom_domain": "a.example.com"},
            ["hosted_zone_id"],
        ),
    ],
)
def test_hosted_zone_ids(overrides: dict[str, Any], reported: list[str]) -> None:
    if "custom_domain" in overrides:
        overrides = {**overrides, "domain_prefix": None, "certificate_arn": CERT}
    assert options(**overrides) == reported


@pytest.mark.parametrize(
    ("label", "accepted"),
    [
        ("r", True),
        ("2026-12", True),
        ("r" * 32, True),
        ("r" * 33, False),
        ("-r", False),
        ("", False),
    ],
)
def test_rotation_labels(label: str, accepted: bool) -> None:
    found = options(client_secret_rotation=label)
    assert found == ([] if accepted else ["client_secret_rotation"])


def test_email_without_email_verified_is_warned_about_once() -> None:
    warned = mapping_warnings({"email": "email"}, source="attribute_mapping")
    assert len(warned) == 1
    assert warned[0].startswith("attribute_mapping maps email")
    assert mapping_warnings({"email": "e", "email_verified": "v"}, source="s") == []
    assert mapping_warnings({"name": "n"}, source="s") == []
