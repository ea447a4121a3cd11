"""The real AWS provider's preview-time limits, refused first by the component's own checks.

pulumi-aws is bridged from terraform-provider-aws, which refuses these values at ``pulumi
preview`` (``internal/service/cognitoidp``: ``user_pool_client.go`` ConfigValidators and
validators, ``identity_provider.go``, ``user_pool_domain.go``, ``managed_login_branding.go``,
``validate.go``). The component refuses them before anything is registered, offline too,
naming the argument in one line. Each bound is tested at the bound, just inside it and just
past it.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

import pytest
from helpers.cognito_mocks import CLIENT, DOMAIN, IDENTITY_PROVIDER, Deploy, FakeCloud

from beyondidentity_cognito import (
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    ManagedLoginAsset,
)
from beyondidentity_cognito._checks import Context
from beyondidentity_cognito._component import default_name
from beyondidentity_cognito._hosts import read_hosts
from beyondidentity_cognito._validation import validate
from pulumi_beyondidentity.rules import (
    MANAGED_LOGIN_ASSET_CATEGORIES,
    MANAGED_LOGIN_ASSET_COLOR_MODES,
)

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n-fake-image").decode()
BASE: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost:3000"]}


def args_of(overrides: dict[str, Any]) -> CognitoFederationArgs:
    return CognitoFederationArgs(**{**BASE, **overrides})


def token(kind: str, value: int, unit: str) -> dict[str, Any]:
    return {f"{kind}_token_validity": value, f"{kind}_token_validity_unit": unit}


def assets(count: int) -> list[ManagedLoginAsset]:
    """``count`` distinct images (Cognito takes one per category and colour mode)."""
    pairs = itertools.product(MANAGED_LOGIN_ASSET_CATEGORIES, MANAGED_LOGIN_ASSET_COLOR_MODES)
    return [ManagedLoginAsset(c, m, "PNG", PNG) for c, m in itertools.islice(pairs, count)]


def branding(count: int) -> dict[str, Any]:
    return {
        "managed_login_version": 2,
        "managed_login_branding_settings": {"components": {}},
        "managed_login_branding_assets": assets(count),
    }


def custom_domain(host: str) -> dict[str, Any]:
    return {"domain_prefix": None, "custom_domain": host, "certificate_arn": CERT}


def host_of(length: int) -> str:
    """A valid host name of exactly ``length`` characters, ending in ``.example.com``."""
    return "a" * (length - len(".example.com")) + ".example.com"


def urls(count: int, length: int = 0) -> list[str]:
    """``count`` distinct https URLs; with ``length``, the first one is that long."""
    found = [f"https://app.example.com/{i}" for i in range(count)]
    if length:
        found[0] = "https://app.example.com/" + "p" * (length - len("https://app.example.com/"))
    return found


def resource_scopes(count: int) -> list[str]:
    return ["openid", *(f"api/s{i}" for i in range(count - 1))]


# bound: (at the bound, just inside it, just past it, the argument reported past it)
BOUNDS: dict[str, tuple[dict[str, Any], dict[str, Any], dict[str, Any], str]] = {
    # user_pool_client.go ConfigValidators: access and id tokens 5 minutes to 24 hours.
    "access shortest": (
        token("access", 5, "minutes"),
        token("access", 6, "minutes"),
        token("access", 299, "seconds"),
        "access_token_validity",
    ),
    "access longest (hours)": (
        token("access", 24, "hours"),
        token("access", 23, "hours"),
        token("access", 25, "hours"),
        "access_token_validity",
    ),
    "access longest (days)": (
        token("access", 1, "days"),
        token("access", 1439, "minutes"),
        token("access", 2, "days"),
        "access_token_validity",
    ),
    "access longest (seconds): 48 hours is the brief's example": (
        token("access", 86400, "seconds"),
        token("access", 86399, "seconds"),
        token("access", 48, "hours"),
        "access_token_validity",
    ),
    "id shortest": (
        token("id", 300, "seconds"),
        token("id", 301, "seconds"),
        token("id", 4, "minutes"),
        "id_token_validity",
    ),
    "id longest": (
        token("id", 1440, "minutes"),
        token("id", 1439, "minutes"),
        token("id", 1441, "minutes"),
        "id_token_validity",
    ),
    # refresh tokens 60 minutes to 315360000 seconds (3650 days).
    "refresh shortest": (
        token("refresh", 60, "minutes"),
        token("refresh", 61, "minutes"),
        token("refresh", 59, "minutes"),
        "refresh_token_validity",
    ),
    "refresh shortest (seconds)": (
        token("refresh", 3600, "seconds"),
        token("refresh", 3601, "seconds"),
        token("refresh", 3599, "seconds"),
        "refresh_token_validity",
    ),
    "refresh longest (days)": (
        token("refresh", 3650, "days"),
        token("refresh", 3649, "days"),
        token("refresh", 3651, "days"),
        "refresh_token_validity",
    ),
    "refresh longest (seconds)": (
        token("refresh", 315360000, "seconds"),
        token("refresh", 315359999, "seconds"),
        token("refresh", 315360001, "seconds"),
        "refresh_token_validity",
    ),
    # auth_session_validity: int64validator.Between(3, 15).
    "session shortest": (
        {"auth_session_validity": 3},
        {"auth_session_validity": 4},
        {"auth_session_validity": 2},
        "auth_session_validity",
    ),
    "session longest": (
        {"auth_session_validity": 15},
        {"auth_session_validity": 14},
        {"auth_session_validity": 16},
        "auth_session_validity",
    ),
    # refresh_token_rotation.retry_grace_period_seconds: 0 to 60.
    "grace shortest": (
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": 0},
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": 1},
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": -1},
        "refresh_token_rotation_grace_period",
    ),
    "grace longest": (
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": 60},
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": 59},
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": 61},
        "refresh_token_rotation_grace_period",
    ),
    # identity_provider.go idp_identifiers: MaxItems 50, each 1-40 of ^[\w\s+=.@-]+$ (Go: ASCII).
    "identifiers count": (
        {"idp_identifiers": [f"d{i}.com" for i in range(50)]},
        {"idp_identifiers": [f"d{i}.com" for i in range(49)]},
        {"idp_identifiers": [f"d{i}.com" for i in range(51)]},
        "idp_identifiers",
    ),
    "identifier length": (
        {"idp_identifiers": ["x" * 40]},
        {"idp_identifiers": ["x" * 39]},
        {"idp_identifiers": ["x" * 41]},
        "idp_identifiers[0]",
    ),
    "identifier shortest": (
        {"idp_identifiers": ["x"]},
        {"idp_identifiers": ["xy"]},
        {"idp_identifiers": [""]},
        "idp_identifiers[0]",
    ),
    "identifier characters: Go's \\w is ASCII": (
        {"idp_identifiers": ["a_b+c=d.e@f-g h"]},
        {"idp_identifiers": ["example.com"]},
        {"idp_identifiers": ["bücher.example"]},
        "idp_identifiers[0]",
    ),
    # managed_login_branding.go asset: setvalidator.SizeBetween(0, 40).
    "assets count": (branding(40), branding(39), branding(41), "managed_login_branding_assets"),
    # validate.go userPoolClientNameValidator: 1-128 of [\w\s+=,.@-].
    "client name length": (
        {"app_client_name": "c" * 128},
        {"app_client_name": "c" * 127},
        {"app_client_name": "c" * 129},
        "app_client_name",
    ),
    "client name shortest": (
        {"app_client_name": "c"},
        {"app_client_name": "cc"},
        {"app_client_name": ""},
        "app_client_name",
    ),
    "client name characters": (
        {"app_client_name": "a_b+c=d,e.f@g-h i"},
        {"app_client_name": "my app"},
        {"app_client_name": "my/app"},
        "app_client_name",
    ),
    "pool name length": (
        {"user_pool_name": "p" * 128},
        {"user_pool_name": "p" * 127},
        {"user_pool_name": "p" * 129},
        "user_pool_name",
    ),
    # supported_identity_providers: each 1-32 UTF-8 characters (the provider's name).
    "provider name length": (
        {"identity_provider_name": "P" * 32},
        {"identity_provider_name": "P" * 31},
        {"identity_provider_name": "P" * 33},
        "identity_provider_name",
    ),
    # user_pool_domain.go domain: StringLenBetween(1, 63), a custom domain included.
    "prefix length": (
        {"domain_prefix": "b" * 63},
        {"domain_prefix": "b" * 62},
        {"domain_prefix": "b" * 64},
        "domain_prefix",
    ),
    "custom domain length": (
        custom_domain(host_of(63)),
        custom_domain(host_of(62)),
        custom_domain(host_of(64)),
        "custom_domain",
    ),
    # callback_urls / logout_urls: SizeAtMost(100), each 1-1024 UTF-8 characters.
    "callback count": (
        {"callback_urls": urls(100)},
        {"callback_urls": urls(99)},
        {"callback_urls": urls(101)},
        "callback_urls",
    ),
    "callback length": (
        {"callback_urls": urls(1, 1024)},
        {"callback_urls": urls(1, 1023)},
        {"callback_urls": urls(1, 1025)},
        "callback_urls[0]",
    ),
    "logout count": (
        {"logout_urls": urls(100)},
        {"logout_urls": urls(99)},
        {"logout_urls": urls(101)},
        "logout_urls",
    ),
    "logout length": (
        {"logout_urls": urls(1, 1024)},
        {"logout_urls": urls(1, 1023)},
        {"logout_urls": urls(1, 1025)},
        "logout_urls[0]",
    ),
    # allowed_oauth_scopes: SizeAtMost(50).
    "scopes count": (
        {"oauth_scopes": resource_scopes(50)},
        {"oauth_scopes": resource_scopes(49)},
        {"oauth_scopes": resource_scopes(51)},
        "oauth_scopes",
    ),
}


def problems(overrides: dict[str, Any]) -> list[str]:
    """What the component's checks say about these arguments (the constructor runs both)."""
    args = args_of(overrides)
    found = validate(args, Context(default_name("login"), read_hosts())).problems
    return [str(p) for p in found]


@pytest.mark.parametrize("bound", sorted(BOUNDS))
def test_at_and_just_inside_each_bound_is_accepted(bound: str, cloud: FakeCloud) -> None:
    at, inside, _past, _argument = BOUNDS[bound]
    assert problems(at) == []
    assert problems(inside) == []


@pytest.mark.parametrize("bound", sorted(BOUNDS))
def test_just_past_each_bound_is_refused_naming_the_argument(bound: str, cloud: FakeCloud) -> None:
    _at, _inside, past, argument = BOUNDS[bound]
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("login", args_of(past))
    assert [p.argument for p in caught.value.problems] == [argument], caught.value.problems
    (problem,) = caught.value.problems
    assert "\n" not in str(problem)  # one line per setting
    assert cloud.log == []  # nothing registered, so nothing half-created


def test_a_stack_setting_is_named_as_the_user_wrote_it(cloud: FakeCloud) -> None:
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation(
            "login",
            args_of(token("access", 48, "hours")),
            argument_names={
                "access_token_validity": "accessTokenValidity",
                "access_token_validity_unit": "accessTokenValidityUnit",
            },
        )
    assert [str(p) for p in caught.value.problems] == [
        "accessTokenValidity: must be from 5 minutes to 1 day; got 48 hours"
    ]


def test_the_largest_accepted_values_deploy(cloud: FakeCloud, deploy: Deploy) -> None:
    """Every maximum at once passes the checks and reaches the resources unchanged."""
    overrides = {
        **token("access", 24, "hours"),
        **token("id", 1, "days"),
        **token("refresh", 3650, "days"),
        "auth_session_validity": 15,
        "idp_identifiers": [f"d{i:02d}-{'x' * 35}" for i in range(50)],
        "app_client_name": "c" * 128,
        "identity_provider_name": "P" * 32,
        **custom_domain(host_of(63)),
        "callback_urls": urls(100, 1024),
        "logout_urls": urls(100, 1024),
    }
    deploy(lambda: CognitoFederation("login", args_of(overrides)))
    client = cloud.one(CLIENT).plain
    assert (client["accessTokenValidity"], client["refreshTokenValidity"]) == (24, 3650)
    assert len(client["callbackUrls"]) == len(client["logoutUrls"]) == 100
    assert len(cloud.one(IDENTITY_PROVIDER).plain["idpIdentifiers"]) == 50
    assert cloud.one(DOMAIN).plain["domain"] == host_of(63)
