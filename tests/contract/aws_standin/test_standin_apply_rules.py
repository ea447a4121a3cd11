"""What the real provider's rules do once applied, checked in moto: Optional+Computed values stay,
removed blocks are reset as the real provider resets them, a certificate rotates in place, a
record changes type in place."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from helpers.aws import moto_client
from helpers.standin_harness import CLIENT, DOMAIN, POOL, Harness, diff_kinds

RECORD = "aws:route53/record:Record"
CERT_A = "arn:aws:acm:us-east-1:123456789012:certificate/aaaa"
CERT_B = "arn:aws:acm:us-east-1:123456789012:certificate/bbbb"


@pytest.fixture
def harness(moto: str) -> Harness:
    return Harness(moto)


def _client(cognito: Any, pool_id: str, client_id: str) -> dict[str, Any]:
    answer = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    return dict(answer["UserPoolClient"])


def test_removed_oauth_settings_stay_and_removed_blocks_reset(
    harness: Harness, cognito: Any
) -> None:
    pool = harness.up(POOL, "pool", {"name": "p"})
    inputs = {
        "userPoolId": pool.id,
        "name": "web",
        "allowedOauthFlowsUserPoolClient": True,
        "allowedOauthFlows": ["code"],
        "allowedOauthScopes": ["openid"],
        "callbackUrls": ["https://app.example.com/cb"],
        "logoutUrls": ["https://app.example.com/"],
        "supportedIdentityProviders": ["COGNITO"],
        "accessTokenValidity": 30.0,
        "tokenValidityUnits": {"accessToken": "minutes"},
        "refreshTokenRotation": {"feature": "ENABLED", "retryGracePeriodSeconds": 10.0},
    }
    client = harness.up(CLIENT, "client", inputs)
    assert client.plain["tokenValidityUnits"] == {
        "accessToken": "minutes",
        "idToken": "hours",
        "refreshToken": "days",
    }
    kept = {"userPoolId": pool.id, "name": "web", "accessTokenValidity": 1.0}
    diff = harness.diff(client, kept)
    # Optional+Computed: nothing planned for the OAuth settings and URLs the program dropped;
    # the two blocks are not computed, so dropping them is an update.
    assert diff_kinds(diff) == {
        "accessTokenValidity": "UPDATE",
        "tokenValidityUnits": "DELETE",
        "refreshTokenRotation": "DELETE",
    }
    updated = harness.update(client, kept)
    live = _client(cognito, pool.id, client.id)
    assert live["CallbackURLs"] == inputs["callbackUrls"]
    assert live["LogoutURLs"] == inputs["logoutUrls"]
    assert live["SupportedIdentityProviders"] == ["COGNITO"]
    assert live["AllowedOAuthFlows"] == ["code"]
    assert live["TokenValidityUnits"] == {
        "AccessToken": "hours",
        "IdToken": "hours",
        "RefreshToken": "days",
    }
    assert live["RefreshTokenRotation"]["Feature"] == "DISABLED"
    assert updated.plain["logoutUrls"] == inputs["logoutUrls"]
    assert "tokenValidityUnits" not in updated.plain
    assert not harness.diff(updated, kept).changes


def test_certificate_rotation_is_an_update_in_place(harness: Harness, cognito: Any) -> None:
    pool = harness.up(POOL, "pool", {"name": "p"})
    inputs = {"domain": "auth.example.com", "userPoolId": pool.id, "certificateArn": CERT_A}
    domain = harness.up(DOMAIN, "domain", inputs)
    rotated = inputs | {"certificateArn": CERT_B}
    diff = harness.diff(domain, rotated)
    assert diff_kinds(diff) == {"certificateArn": "UPDATE"}
    assert not diff.replaces
    updated = harness.update(domain, rotated)
    assert updated.id == domain.id
    live = cognito.describe_user_pool_domain(Domain="auth.example.com")["DomainDescription"]
    assert live["Status"] == "ACTIVE"
    # moto returns no CustomDomainConfig, but names the CloudFront target after the certificate:
    # the new certificate reached it through UpdateUserPoolDomain.
    target = hashlib.md5(CERT_B.encode()).hexdigest()[:16] + ".cloudfront.net"
    assert live["CloudFrontDistribution"] == target
    assert updated.plain["certificateArn"] == CERT_B


def test_record_type_change_is_one_update(harness: Harness, moto: str) -> None:
    route53 = moto_client("route53", moto, "us-east-1")
    zone = route53.create_hosted_zone(Name="example.com", CallerReference="r")["HostedZone"]
    zone_id = zone["Id"].rsplit("/", 1)[-1]
    inputs = {
        "zoneId": zone_id,
        "name": "txt.example.com",
        "type": "TXT",
        "records": ['"one"'],
        "ttl": 300.0,
    }
    record = harness.up(RECORD, "r", inputs)
    changed = inputs | {"type": "SPF"}
    diff = harness.diff(record, changed)
    assert diff_kinds(diff) == {"type": "UPDATE"}
    assert not diff.replaces
    updated = harness.update(record, changed)
    sets = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    kinds = {s["Type"] for s in sets if s["Name"].rstrip(".") == "txt.example.com"}
    assert kinds == {"SPF"}
    assert harness.read(updated).properties["type"].value == "SPF"
    harness.delete(updated)
    sets = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    assert not [s for s in sets if s["Name"].rstrip(".") == "txt.example.com"]


def test_a_record_without_ttl_passes_preview_and_fails_at_apply(
    harness: Harness, moto: str
) -> None:
    # sdk v2 checks RequiredWith only when `ttl` is set: preview passes; Route 53 refuses.
    route53 = moto_client("route53", moto, "us-east-1")
    zone = route53.create_hosted_zone(Name="example.org", CallerReference="r")["HostedZone"]
    inputs = {
        "zoneId": zone["Id"].rsplit("/", 1)[-1],
        "name": "a.example.org",
        "type": "A",
        "records": ["192.0.2.1"],
    }
    checked = harness.checked(RECORD, "r", inputs)
    with pytest.raises(Exception, match="creating Route53 Record: operation error Route 53"):
        harness.create(RECORD, "r", checked)
