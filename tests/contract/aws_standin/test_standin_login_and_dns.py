"""Managed login branding (kept by the stand-in), the domain's login version and Route 53 alias
records, against a real moto server through the provider's methods."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers.aws import moto_client
from helpers.standin_harness import CLIENT, DOMAIN, POOL, Created, Harness, diff_kinds

from aws_standin._aws import AwsError

BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding"
RECORD = "aws:route53/record:Record"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
PNG = "iVBORw0KGgo="


@pytest.fixture
def harness(moto: str) -> Harness:
    return Harness(moto)


def pool_and_client(h: Harness, tier: str | None = None) -> tuple[Created, Created]:
    pool = h.up(POOL, "pool", {"name": "p"} | ({"userPoolTier": tier} if tier else {}))
    client = h.up(CLIENT, "client", {"userPoolId": pool.id, "name": "web"})
    return pool, client


def test_default_style_is_kept_and_reported_like_aws(harness: Harness) -> None:
    pool, client = pool_and_client(harness)
    branding = harness.up(
        BRANDING,
        "branding",
        {"userPoolId": pool.id, "clientId": client.id, "useCognitoProvidedValues": True},
    )
    pool_id, _, branding_id = branding.id.partition(",")
    assert pool_id == pool.id
    out = branding.plain
    assert out["managedLoginBrandingId"] == branding_id
    assert out["useCognitoProvidedValues"] is True
    assert out["settingsAll"] == "{}"  # Cognito's default document is not invented
    # refresh finds it unchanged; an empty diff against the same inputs
    assert harness.read(branding).resource_id == branding.id
    same = {"userPoolId": pool.id, "clientId": client.id, "useCognitoProvidedValues": True}
    assert not harness.diff(branding, same).changes


def test_one_style_per_client_and_gone_with_its_client(harness: Harness) -> None:
    pool, client = pool_and_client(harness)
    inputs = {"userPoolId": pool.id, "clientId": client.id, "useCognitoProvidedValues": True}
    branding = harness.up(BRANDING, "branding", inputs)
    with pytest.raises(AwsError, match="ManagedLoginBrandingExistsException"):
        harness.up(BRANDING, "second", inputs)
    harness.delete(client)
    assert harness.read(branding).resource_id is None  # reported gone, as on AWS
    harness.delete(branding)  # and deleting it again is not an error


def test_settings_update_in_place_and_assets_replace(harness: Harness) -> None:
    # managed_login_branding.go: `settings` is updatable; the `asset` block RequiresReplace.
    # (Before issue 18 the stand-in updated assets in place: that expectation was wrong.)
    pool, client = pool_and_client(harness)
    settings = json.dumps({"categories": {"global": {"colorSchemeMode": "DARK"}}})
    asset = {"category": "PAGE_HEADER_LOGO", "colorMode": "LIGHT", "extension": "PNG"}
    base = {"userPoolId": pool.id, "clientId": client.id}
    branding = harness.up(
        BRANDING, "branding", base | {"settings": settings, "assets": [asset | {"bytes": PNG}]}
    )
    assert branding.plain["settingsAll"] == settings
    switched = base | {"useCognitoProvidedValues": True}
    diff = harness.diff(branding, switched)
    assert diff.replaces == ["assets"]
    assert set(diff_kinds(diff)) == {"settings", "assets", "useCognitoProvidedValues"}
    lighter = base | {"settings": "{}", "assets": [asset | {"bytes": PNG}]}
    diff = harness.diff(branding, lighter)
    assert diff_kinds(diff) == {"settings": "UPDATE"}
    assert not diff.replaces
    updated = harness.update(branding, lighter)
    assert harness.read(updated).properties["settingsAll"].value == "{}"
    other_client = harness.up(CLIENT, "other", {"userPoolId": pool.id, "name": "other"})
    moved = lighter | {"clientId": other_client.id}
    assert harness.diff(updated, moved).replaces == ["clientId"]


def test_branding_rules_are_enforced(harness: Harness) -> None:
    pool, client = pool_and_client(harness)
    both = harness.check(
        BRANDING,
        "b",
        {
            "userPoolId": pool.id,
            "clientId": client.id,
            "useCognitoProvidedValues": True,
            "settings": "{}",
        },
    )
    assert [f.property for f in both.failures or []] == ["useCognitoProvidedValues"]
    not_json = harness.check(
        BRANDING, "b", {"userPoolId": pool.id, "clientId": client.id, "settings": "[1]"}
    )
    assert [f.property for f in not_json.failures or []] == ["settings"]
    bad_asset = harness.check(
        BRANDING,
        "b",
        {
            "userPoolId": pool.id,
            "clientId": client.id,
            "settings": "{}",
            "assets": [{"category": "LOGO", "colorMode": "LIGHT", "extension": "PNG"}],
        },
    )
    assert [f.property for f in bad_asset.failures or []] == ["assets[0].category"]
    with pytest.raises(AwsError, match="ResourceNotFoundException"):
        harness.up(
            BRANDING,
            "b",
            {"userPoolId": pool.id, "clientId": "nosuchclient", "useCognitoProvidedValues": True},
        )


def test_lite_pools_have_no_managed_login(harness: Harness) -> None:
    pool, client = pool_and_client(harness, tier="LITE")
    with pytest.raises(AwsError, match="FeatureUnavailableInTierException"):
        harness.up(
            BRANDING,
            "b",
            {"userPoolId": pool.id, "clientId": client.id, "useCognitoProvidedValues": True},
        )
    with pytest.raises(AwsError, match="FeatureUnavailableInTierException"):
        harness.up(
            DOMAIN, "d", {"domain": "bi-lite", "userPoolId": pool.id, "managedLoginVersion": 2.0}
        )
    classic = harness.up(
        DOMAIN, "d", {"domain": "bi-lite", "userPoolId": pool.id, "managedLoginVersion": 1.0}
    )
    with pytest.raises(AwsError, match="FeatureUnavailableInTierException"):
        harness.update(
            classic, {"domain": "bi-lite", "userPoolId": pool.id, "managedLoginVersion": 2.0}
        )


def test_login_version_switches_in_place(harness: Harness) -> None:
    pool, _ = pool_and_client(harness)
    inputs: dict[str, Any] = {"domain": "bi-switch", "userPoolId": pool.id}
    domain = harness.up(DOMAIN, "d", inputs | {"managedLoginVersion": 2.0})
    assert domain.plain["managedLoginVersion"] == 2.0
    diff = harness.diff(domain, inputs | {"managedLoginVersion": 1.0})
    assert diff_kinds(diff) == {"managedLoginVersion": "UPDATE"}
    assert not diff.replaces
    back = harness.update(domain, inputs | {"managedLoginVersion": 1.0})
    assert back.plain["managedLoginVersion"] == 1.0


def test_custom_domain_alias_record_in_route53(harness: Harness, moto: str) -> None:
    route53 = moto_client("route53", moto)
    zone = route53.create_hosted_zone(Name="example.com", CallerReference="h11")["HostedZone"]
    zone_id = zone["Id"].rsplit("/", 1)[-1]
    pool, _ = pool_and_client(harness)
    domain = harness.up(
        DOMAIN, "d", {"domain": "auth.example.com", "userPoolId": pool.id, "certificateArn": CERT}
    )
    target = str(domain.plain["cloudfrontDistribution"])
    assert target.endswith(".cloudfront.net")
    assert domain.plain["cloudfrontDistributionZoneId"] == "Z2FDTNDATAQYW2"
    inputs = {
        "zoneId": zone_id,
        "name": "auth.example.com",
        "type": "A",
        "aliases": [
            {"name": target, "zoneId": "Z2FDTNDATAQYW2", "evaluateTargetHealth": False},
        ],
    }
    record = harness.up(RECORD, "dns", inputs)
    assert record.id == f"{zone_id}_auth.example.com_A"
    assert record.plain["fqdn"] == "auth.example.com"
    sets = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    alias = next(s for s in sets if s["Type"] == "A")
    assert alias["Name"] == "auth.example.com."
    assert alias["AliasTarget"]["DNSName"].rstrip(".") == target
    assert not harness.diff(record, inputs).changes
    # Switching the login pages of a custom domain keeps its certificate and CloudFront target.
    switched = harness.update(
        domain,
        {
            "domain": "auth.example.com",
            "userPoolId": pool.id,
            "certificateArn": CERT,
            "managedLoginVersion": 2.0,
        },
    )
    assert switched.plain["cloudfrontDistribution"] == target
    assert switched.plain["certificateArn"] == CERT
    assert harness.read(record).resource_id == record.id
    with pytest.raises(AwsError):  # CREATE of an existing record fails, as on AWS
        harness.up(RECORD, "again", inputs)
    conflicting = harness.check(RECORD, "r", inputs | {"records": ["192.0.2.1"]})
    assert [f.property for f in conflicting.failures or []] == ["aliases"]
    harness.delete(record)
    sets = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    assert [s["Type"] for s in sets if s["Name"] == "auth.example.com."] == []
