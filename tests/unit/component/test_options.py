"""The operational options (issue 11) under mocks: what each one registers, and its checks."""

from __future__ import annotations

import base64
import json
from typing import Any

import pulumi
import pytest
from botocore.loaders import create_loader
from helpers.cognito_mocks import (
    APPLICATION,
    BRANDING,
    CLIENT,
    CLOUDFRONT_ZONE_ID,
    DOMAIN,
    IDENTITY_PROVIDER,
    RECORD,
    USER_POOL,
    Deploy,
    FakeCloud,
)

from beyondidentity_cognito import (
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    ManagedLoginAsset,
)
from beyondidentity_cognito._managed_login import version_in_use
from pulumi_beyondidentity.rules import (
    MANAGED_LOGIN_ASSET_CATEGORIES,
    MANAGED_LOGIN_ASSET_COLOR_MODES,
    MANAGED_LOGIN_ASSET_EXTENSIONS,
)

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n-fake-image").decode()


def federation(**overrides: Any) -> CognitoFederation:
    kwargs: dict[str, Any] = {
        "domain_prefix": "bi-demo",
        "callback_urls": ["http://localhost:3000"],
    }
    kwargs.update(overrides)
    return CognitoFederation("login", CognitoFederationArgs(**kwargs))


def test_token_policy_reaches_the_app_client(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: federation(
            access_token_validity=15,
            access_token_validity_unit="minutes",
            id_token_validity=2,
            refresh_token_validity=90,
            auth_session_validity=10,
            enable_token_revocation=False,
            refresh_token_rotation=True,
            refresh_token_rotation_grace_period=30,
            prevent_user_existence_errors="LEGACY",
        )
    )
    client = cloud.one(CLIENT).plain
    assert {k: client[k] for k in client if "oken" in k or "Session" in k or "Existence" in k} == {
        "accessTokenValidity": 15,
        "idTokenValidity": 2,
        "refreshTokenValidity": 90,
        "tokenValidityUnits": {
            "accessToken": "minutes",
            "idToken": "hours",
            "refreshToken": "days",
        },
        "authSessionValidity": 10,
        "enableTokenRevocation": False,
        "refreshTokenRotation": {"feature": "ENABLED", "retryGracePeriodSeconds": 30},
        "preventUserExistenceErrors": "LEGACY",
    }


def test_routing_identifiers_and_email_verified(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(lambda: federation(idp_identifiers=["example.com", "corp.example.com"]))
    idp = cloud.one(IDENTITY_PROVIDER).plain
    assert idp["idpIdentifiers"] == ["example.com", "corp.example.com"]
    # The documented answer to email_verified: mapped from Beyond Identity's claim.
    assert idp["attributeMapping"]["email_verified"] == "email_verified"


def test_a_mapping_without_email_verified_is_warned_about(
    cloud: FakeCloud, deploy: Deploy, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(pulumi.log, "warn", lambda message, *a, **k: warnings.append(message))
    deploy(lambda: federation(attribute_mapping={"email": "email", "username": "sub"}))
    assert cloud.one(IDENTITY_PROVIDER).plain["attributeMapping"] == {
        "email": "email",
        "username": "sub",
    }
    assert len(warnings) == 1
    assert "email_verified" in warnings[0]


def test_classic_hosted_ui_by_default_has_no_branding(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(federation).outputs
    assert cloud.one(DOMAIN).plain["managedLoginVersion"] == 1
    assert cloud.of_type(BRANDING) == []
    assert out["managed_login_version"] == 1
    assert out["managed_login_branding_id"] is None


def test_managed_login_gets_cognitos_default_style(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(lambda: federation(managed_login_version=2, user_pool_tier="ESSENTIALS")).outputs
    assert cloud.one(DOMAIN).plain["managedLoginVersion"] == 2
    assert cloud.one(USER_POOL).plain["userPoolTier"] == "ESSENTIALS"
    branding = cloud.one(BRANDING)
    assert branding.plain == {
        "userPoolId": cloud.one(USER_POOL).id,
        "clientId": cloud.one(CLIENT).id,
        "useCognitoProvidedValues": True,
    }
    # One style per app client: a replacement (new images) deletes the old style first.
    assert branding.delete_before_replace
    assert branding.parent.endswith("::login")
    assert out["managed_login_branding_id"] == branding.outputs["managedLoginBrandingId"]


def test_managed_login_with_own_settings_and_images(cloud: FakeCloud, deploy: Deploy) -> None:
    settings = {"categories": {"global": {"colorSchemeMode": "DARK"}}, "components": {}}
    logo = ManagedLoginAsset("PAGE_HEADER_LOGO", "LIGHT", "PNG", PNG)
    deploy(
        lambda: federation(
            managed_login_version=2,
            managed_login_branding_settings=settings,
            managed_login_branding_assets=[logo],
        )
    )
    branding = cloud.one(BRANDING).plain
    assert json.loads(branding["settings"]) == settings
    assert branding["settings"] == json.dumps(settings, sort_keys=True)  # stable text, no diff
    assert branding["assets"] == [
        {"category": "PAGE_HEADER_LOGO", "colorMode": "LIGHT", "extension": "PNG", "bytes": PNG}
    ]
    assert "useCognitoProvidedValues" not in branding
    assert cloud.one(BRANDING).delete_before_replace


def test_a_removed_setting_sends_the_value_that_clears_it(cloud: FakeCloud, deploy: Deploy) -> None:
    """Optional+Computed client and pool inputs are never left out (the real provider would
    keep their old values on AWS): no logout URLs is an empty list, COGNITO is listed only
    when allowed, no tier is AWS's default."""
    deploy(lambda: federation(allow_cognito_login=False))
    client = cloud.one(CLIENT).plain
    assert client["logoutUrls"] == []
    assert client["supportedIdentityProviders"] == ["BeyondIdentity"]
    for always in ("allowedOauthFlows", "allowedOauthFlowsUserPoolClient", "allowedOauthScopes"):
        assert client[always], always
    assert cloud.one(USER_POOL).plain["userPoolTier"] == "ESSENTIALS"
    # Rotation off is sent as off, so turning it off on a stack turns it off on AWS.
    assert client["refreshTokenRotation"] == {"feature": "DISABLED"}
    # Not computed on the real provider: a removal already clears them, nothing to send.
    assert "idpIdentifiers" not in cloud.one(IDENTITY_PROVIDER).plain
    assert "defaultRedirectUri" not in client


def test_custom_domain_target_and_alias_record(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(
        lambda: federation(
            domain_prefix=None,
            custom_domain="auth.example.com",
            certificate_arn=CERT,
            hosted_zone_id="Z0123456789ABCDEFGHIJ",
        )
    ).outputs
    domain = cloud.one(DOMAIN)
    assert out["custom_domain_target"] == domain.outputs["cloudfrontDistribution"]
    assert out["custom_domain_target"].endswith(".cloudfront.net")
    assert out["custom_domain_target_zone_id"] == CLOUDFRONT_ZONE_ID
    record = cloud.one(RECORD)
    assert record.plain == {
        "zoneId": "Z0123456789ABCDEFGHIJ",
        "name": "auth.example.com",
        "type": "A",
        "aliases": [
            {
                "name": out["custom_domain_target"],
                "zoneId": CLOUDFRONT_ZONE_ID,
                "evaluateTargetHealth": False,
            }
        ],
    }
    assert out["dns_record_fqdn"] == "auth.example.com"


def test_prefix_domain_has_no_dns_target(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(federation).outputs
    assert cloud.of_type(RECORD) == []
    assert out["custom_domain_target"] is None
    assert out["dns_record_fqdn"] is None


def test_rotation_label_names_the_application_and_triggers_replacement(
    cloud: FakeCloud, deploy: Deploy
) -> None:
    deploy(lambda: federation(client_secret_rotation="2026-12"))
    app = cloud.one(APPLICATION)
    assert app.plain["display_name"] == "AWS Cognito (2026-12)"
    assert app.replacement_trigger == "2026-12"


def test_no_rotation_label_an_empty_trigger(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(federation)
    app = cloud.one(APPLICATION)
    assert app.plain["display_name"] == "AWS Cognito"
    # Present but empty: the engine ignores a trigger that goes from null to a value.
    assert app.replacement_trigger == ""


# (overrides, the argument reported): Cognito's ranges and the options' own rules.
CASES: dict[str, tuple[dict[str, Any], str]] = {
    "access 4 minutes": (
        {"access_token_validity": 4, "access_token_validity_unit": "minutes"},
        "access_token_validity",
    ),
    "access 2 days": (
        {"access_token_validity": 2, "access_token_validity_unit": "days"},
        "access_token_validity",
    ),
    "access 0": ({"access_token_validity": 0}, "access_token_validity"),
    "id 299 seconds": (
        {"id_token_validity": 299, "id_token_validity_unit": "seconds"},
        "id_token_validity",
    ),
    "id as text": ({"id_token_validity": "1"}, "id_token_validity"),
    "unit unknown": ({"id_token_validity_unit": "weeks"}, "id_token_validity_unit"),
    "refresh 59 minutes": (
        {"refresh_token_validity": 59, "refresh_token_validity_unit": "minutes"},
        "refresh_token_validity",
    ),
    "refresh 11 years": ({"refresh_token_validity": 4016}, "refresh_token_validity"),
    "session 2": ({"auth_session_validity": 2}, "auth_session_validity"),
    "session 16": ({"auth_session_validity": 16}, "auth_session_validity"),
    "grace 61": (
        {"refresh_token_rotation": True, "refresh_token_rotation_grace_period": 61},
        "refresh_token_rotation_grace_period",
    ),
    "grace without rotation": (
        {"refresh_token_rotation_grace_period": 10},
        "refresh_token_rotation_grace_period",
    ),
    "rotation not a bool": ({"refresh_token_rotation": "yes"}, "refresh_token_rotation"),
    "existence errors": ({"prevent_user_existence_errors": "ON"}, "prevent_user_existence_errors"),
    "identifier too long": ({"idp_identifiers": ["x" * 41]}, "idp_identifiers[0]"),
    "identifier with slash": ({"idp_identifiers": ["a/b"]}, "idp_identifiers[0]"),
    "identifier repeated": ({"idp_identifiers": ["a.com", "a.com"]}, "idp_identifiers[1]"),
    "too many identifiers": (
        {"idp_identifiers": [f"d{i}.com" for i in range(51)]},
        "idp_identifiers",
    ),
    "login version 3": ({"managed_login_version": 3}, "managed_login_version"),
    "managed login on LITE": (
        {"managed_login_version": 2, "user_pool_tier": "LITE"},
        "user_pool_tier",
    ),
    "tier unknown": ({"user_pool_tier": "GOLD"}, "user_pool_tier"),
    "tier with an existing pool": (
        {"user_pool_id": "us-east-1_AbC123", "user_pool_tier": "PLUS"},
        "user_pool_tier",
    ),
    "branding on classic": (
        {"managed_login_branding_settings": {}},
        "managed_login_branding_settings",
    ),
    "assets without settings": (
        {
            "managed_login_version": 2,
            "managed_login_branding_assets": [ManagedLoginAsset("FORM_LOGO", "DARK", "PNG", PNG)],
        },
        "managed_login_branding_assets",
    ),
    "asset category": (
        {
            "managed_login_version": 2,
            "managed_login_branding_settings": {},
            "managed_login_branding_assets": [ManagedLoginAsset("LOGO", "DARK", "PNG", PNG)],
        },
        "managed_login_branding_assets[0].category",
    ),
    "asset not base64": (
        {
            "managed_login_version": 2,
            "managed_login_branding_settings": {},
            "managed_login_branding_assets": [
                ManagedLoginAsset("FORM_LOGO", "DARK", "PNG", "not base64!")
            ],
        },
        "managed_login_branding_assets[0].bytes",
    ),
    "settings not an object": (
        {"managed_login_version": 2, "managed_login_branding_settings": ["a"]},
        "managed_login_branding_settings",
    ),
    "zone without custom domain": (
        {"hosted_zone_id": "Z0123456789ABCDEFGHIJ"},
        "hosted_zone_id",
    ),
    "zone id malformed": (
        {
            "domain_prefix": None,
            "custom_domain": "auth.example.com",
            "certificate_arn": CERT,
            "hosted_zone_id": "/hostedzone/Z1",
        },
        "hosted_zone_id",
    ),
    "rotation label with space": ({"client_secret_rotation": "dec 2026"}, "client_secret_rotation"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_reports_its_argument(case: str, cloud: FakeCloud) -> None:
    overrides, argument = CASES[case]
    with pytest.raises(CognitoFederationError) as caught:
        federation(**overrides)
    assert [p.argument for p in caught.value.problems] == [argument], caught.value.problems
    assert cloud.log == []  # nothing registered


def test_the_extremes_of_each_range_are_accepted(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: federation(
            access_token_validity=300,
            access_token_validity_unit="seconds",
            id_token_validity=1,
            id_token_validity_unit="days",
            refresh_token_validity=3650,
            auth_session_validity=15,
            refresh_token_rotation=True,
            refresh_token_rotation_grace_period=60,
            idp_identifiers=["x" * 40],
            client_secret_rotation="r" * 32,
        )
    )
    assert cloud.one(CLIENT).plain["refreshTokenValidity"] == 3650


def test_the_asset_enumerations_are_cognitos() -> None:
    """The one table the component and the AWS stand-in check assets by is AWS's own model."""
    model: Any = create_loader().load_service_model("cognito-idp", "service-2")
    shapes = model["shapes"]
    assert tuple(shapes["AssetCategoryType"]["enum"]) == MANAGED_LOGIN_ASSET_CATEGORIES
    assert tuple(shapes["ColorSchemeModeType"]["enum"]) == MANAGED_LOGIN_ASSET_COLOR_MODES
    assert tuple(shapes["AssetExtensionType"]["enum"]) == MANAGED_LOGIN_ASSET_EXTENSIONS


@pytest.mark.parametrize(
    ("reported", "requested", "in_use"),
    [(None, 2, 2), (None, 1, 1), ("1", 2, 1), (2, 1, 2), (2.0, 1, 2)],
)
def test_the_login_pages_in_use_are_the_domains(reported: Any, requested: Any, in_use: int) -> None:
    """What the domain reports wins (AWS's value, as a number); the requested version stands in
    while the domain reports none (a preview of a new domain)."""
    assert version_in_use(reported, requested) == in_use
