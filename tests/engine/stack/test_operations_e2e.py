"""The operational options through the real engine on the real program, in one stack's life.

One stack (to keep the engine time down) goes through:

1. ``up`` with managed login (a branding style from a settings file and an image file), a
   custom domain with its Route 53 alias record, a token policy and IdP identifiers; the
   backends hold exactly that; the next preview is empty;
2. a new certificate on the custom domain (an in-place update, as on the real provider) and
   a new logo (a replacement of the branding style, the old one deleted first: Cognito keeps
   one style per app client); moto holds the new certificate, the stand-in the new image,
   and the alias record follows the domain's CloudFront target;
3. a client-secret rotation while a sign-in loop plays Cognito's part of the federation
   without pause (reading the identity provider's current client id and secret from moto at
   every sign-in, as Cognito does): no sign-in fails, the loop signs in with the old and then
   the new credentials, and afterwards Beyond Identity refuses the old ones; the next preview
   is empty;
4. a switch back to the classic hosted UI with a new token policy: the domain and the client
   update in place, the branding style is deleted; the next preview is empty;
5. an out-of-range token lifetime fails the preview, naming the stack setting and the range.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import boto3
import httpx
import pytest
from helpers.stack_harness import (
    PROJECT,
    REGION,
    Deployment,
    changes,
    events_of,
    new_deployment,
    steps,
)
from joserfc import jwt
from joserfc.jwk import KeySet
from pulumi import automation as auto

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
NEW_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-7777-8888-9999-000011112222"
DOMAIN_TYPE = "aws:cognito/userPoolDomain:UserPoolDomain"
DOMAIN = "auth.example.com"
BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding"
APPLICATION = "pulumi-python:dynamic/beyondidentity:Application"
IDP = "aws:cognito/identityProvider:IdentityProvider"
MAPPING = {"email": "sub", "username": "sub", "email_verified": "email_verified", "name": "name"}


@dataclass
class SignInLoop:
    """Signs in through the federation again and again, as Cognito would, until stopped."""

    deployment: Deployment
    pool_id: str
    provider_name: str
    redirect_uri: str
    successes: Counter[str] = field(default_factory=Counter)
    """Successful sign-ins per Beyond Identity client id."""
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sign_in(self, http: httpx.Client, cognito: Any) -> str:
        """One federated sign-in; returns the client id used, raises on any failure."""
        # Cognito reads the provider's details when it sends the user to the IdP and uses the
        # same client id and secret to redeem the code.
        provider = cognito.describe_identity_provider(
            UserPoolId=self.pool_id, ProviderName=self.provider_name
        )["IdentityProvider"]
        details = provider["ProviderDetails"]
        client_id, client_secret = details["client_id"], details["client_secret"]
        state, nonce = secrets.token_urlsafe(8), secrets.token_urlsafe(8)
        answer = http.get(
            details["authorize_url"],
            params={
                "response_type": "code",
                "client_id": client_id,
                "redirect_uri": self.redirect_uri,
                "scope": details["authorize_scopes"],
                "state": state,
                "nonce": nonce,
            },
        )
        if answer.status_code != 302:
            raise RuntimeError(f"authorize {answer.status_code}: {answer.text[:200]}")
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        if query.get("state") != [state] or "code" not in query:
            raise RuntimeError(f"authorize redirected to {answer.headers['location']}")
        tokens = http.post(
            details["token_url"],
            data={
                "grant_type": "authorization_code",
                "code": query["code"][0],
                "redirect_uri": self.redirect_uri,
                "client_id": client_id,
                "client_secret": client_secret,
            },
        )
        if tokens.status_code != 200:
            raise RuntimeError(f"token {tokens.status_code}: {tokens.text[:200]}")
        keys = KeySet.import_key_set(http.get(details["jwks_uri"]).raise_for_status().json())
        claims = jwt.decode(tokens.json()["id_token"], keys).claims
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": details["oidc_issuer"]},
            aud={"essential": True, "value": client_id},
            nonce={"essential": True, "value": nonce},
        ).validate(claims)
        # What the attribute mapping reads: email from sub, email_verified from its claim.
        if claims.get("email_verified") is not True:
            raise RuntimeError(f"no email_verified claim to map: {sorted(claims)}")
        return str(client_id)

    def _run(self) -> None:
        cognito = self.deployment.cognito()
        with httpx.Client(timeout=10.0) as http:
            while not self._stop.is_set():
                try:
                    self.successes[self.sign_in(http, cognito)] += 1
                except Exception as err:  # every failure is counted and reported
                    self.failures.append(f"{type(err).__name__}: {err}")
                time.sleep(0.05)  # ~10 sign-ins a second, leaving the CPU to the engine

    def __enter__(self) -> SignInLoop:
        self._thread = threading.Thread(target=self._run, name="sign-in-loop", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join(timeout=30)


def hosted_zone(moto: str) -> str:
    route53 = boto3.client(
        "route53",
        region_name=REGION,
        endpoint_url=moto,
        aws_access_key_id="e2e",
        aws_secret_access_key="e2e-moto",
    )
    zone = route53.create_hosted_zone(Name="example.com", CallerReference=secrets.token_hex(4))
    return str(zone["HostedZone"]["Id"]).rsplit("/", 1)[-1]


def branding_style(moto: str, pool_id: str, branding_id: str) -> dict[str, Any]:
    """The style as the AWS stand-in keeps it (moto has no managed-login-branding API)."""
    s3 = boto3.client(
        "s3",
        region_name=REGION,
        endpoint_url=moto,
        aws_access_key_id="e2e",
        aws_secret_access_key="e2e-moto",
    )
    key = f"managed-login-branding/{REGION}/{pool_id}/{branding_id}.json"
    body = s3.get_object(Bucket="aws-standin-state", Key=key)["Body"].read()
    style: dict[str, Any] = json.loads(body)
    return style


def settings(**values: str) -> dict[str, auto.ConfigValue]:
    return {f"{PROJECT}:{key}": auto.ConfigValue(value) for key, value in values.items()}


def assert_empty_preview(d: Deployment, when: str) -> None:
    plan = d.preview()
    assert steps(plan) == {}, f"second preview after {when}: {plan.change_summary}"


def configure(d: Deployment, zone_id: str, style: dict[str, Any]) -> None:
    """Managed login with a branding file and a logo, a custom domain, a token policy, IdP ids."""
    program = Path(d.stack.workspace.work_dir)
    (program / "branding.json").write_text(json.dumps(style))
    (program / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    d.stack.remove_config(f"{PROJECT}:domainPrefix")
    d.stack.set_all_config(
        settings(
            customDomain=DOMAIN,
            certificateArn=CERT,
            hostedZoneId=zone_id,
            managedLoginVersion="2",
            managedLoginBrandingSettings="branding.json",
            userPoolTier="ESSENTIALS",
            accessTokenValidity="30",
            accessTokenValidityUnit="minutes",
            idTokenValidity="2",
            enableTokenRevocation="false",
            preventUserExistenceErrors="LEGACY",
            refreshTokenValidity="7",
            authSessionValidity="5",
            refreshTokenRotation="true",
            refreshTokenRotationGracePeriod="10",
        )
        | {
            f"{PROJECT}:idpIdentifiers[0]": auto.ConfigValue("example.com"),
            **{
                f"{PROJECT}:attributeMapping.{attribute}": auto.ConfigValue(claim)
                for attribute, claim in MAPPING.items()
            },
            f"{PROJECT}:managedLoginBrandingAssets[0].category": auto.ConfigValue(
                "PAGE_HEADER_LOGO"
            ),
            f"{PROJECT}:managedLoginBrandingAssets[0].colorMode": auto.ConfigValue("LIGHT"),
            f"{PROJECT}:managedLoginBrandingAssets[0].file": auto.ConfigValue("logo.png"),
        },
        path=True,
    )


def check_client_and_idp(d: Deployment, out: dict[str, Any]) -> dict[str, Any]:
    """The token policy on the app client and the identifiers on the IdP; returns the IdP."""
    cognito = d.cognito()
    pool_id = out["userPoolId"]
    client = cognito.describe_user_pool_client(
        UserPoolId=pool_id, ClientId=out["userPoolClientId"]
    )["UserPoolClient"]
    assert (client["AccessTokenValidity"], client["RefreshTokenValidity"]) == (30, 7)
    assert client["IdTokenValidity"] == 2
    assert client["EnableTokenRevocation"] is False
    assert client["PreventUserExistenceErrors"] == "LEGACY"
    assert client["TokenValidityUnits"] == {
        "AccessToken": "minutes",
        "IdToken": "hours",
        "RefreshToken": "days",
    }
    assert client["AuthSessionValidity"] == 5
    assert client["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
    idp: dict[str, Any] = cognito.describe_identity_provider(
        UserPoolId=pool_id, ProviderName=out["identityProviderName"]
    )["IdentityProvider"]
    assert idp["IdpIdentifiers"] == ["example.com"]
    assert idp["AttributeMapping"] == MAPPING
    return idp


def check_branding_and_dns(
    moto: str, zone_id: str, out: dict[str, Any], style: dict[str, Any]
) -> None:
    """The branding style as the stand-in keeps it; the custom domain's alias record."""
    assert out["managedLoginVersion"] == 2
    branding = branding_style(moto, out["userPoolId"], out["managedLoginBrandingId"])
    assert branding["clientId"] == out["userPoolClientId"]
    assert json.loads(branding["settings"]) == style
    assert [(a["category"], a["extension"]) for a in branding["assets"]] == [
        ("PAGE_HEADER_LOGO", "PNG")
    ]
    assert out["customDomainTarget"].endswith(".cloudfront.net")
    assert out["dnsRecordFqdn"] == DOMAIN
    check_alias_record(moto, out, zone_id)
    assert out["idpRedirectUri"] == f"https://{DOMAIN}/oauth2/idpresponse"


def check_alias_record(moto: str, out: dict[str, Any], zone_id: str | None = None) -> None:
    """The custom domain's alias record points at the domain's current CloudFront target."""
    route53 = boto3.client(
        "route53",
        region_name=REGION,
        endpoint_url=moto,
        aws_access_key_id="e2e",
        aws_secret_access_key="e2e-moto",
    )
    if zone_id is None:
        zone_id = route53.list_hosted_zones()["HostedZones"][0]["Id"]
    records = route53.list_resource_record_sets(HostedZoneId=zone_id)["ResourceRecordSets"]
    alias = next(r for r in records if r["Name"] == f"{DOMAIN}." and r["Type"] == "A")
    assert alias["AliasTarget"]["DNSName"].rstrip(".") == out["customDomainTarget"]


def new_certificate_and_logo(d: Deployment, moto: str, before: dict[str, Any]) -> None:
    """A new certificate updates the custom domain in place; a new logo replaces the style.

    As on the real provider: ``certificate_arn`` ARN -> ARN is ``UpdateUserPoolDomain`` (only
    prefix <-> custom replaces), and any asset change replaces the branding style. Cognito
    keeps one style per client, so the old style is deleted before the new one is created.
    """
    d.set(f"{PROJECT}:certificateArn", NEW_CERT)
    events: list[auto.EngineEvent] = []
    plan = d.preview(on_event=events.append)
    assert steps(plan) == {"update": 1}, plan.change_summary
    updated = [t for t in events_of("update", events) if not t.startswith("pulumi:providers:")]
    assert updated == [DOMAIN_TYPE]

    (Path(d.stack.workspace.work_dir) / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo v2")
    events = []
    plan = d.preview(on_event=events.append)
    assert steps(plan) == {"update": 1, "replace": 1}, plan.change_summary
    assert events_of("replace", events) == [BRANDING]

    events = []
    result = d.stack.up(color="never", on_output=lambda _: None, on_event=events.append)
    out = d.outputs()
    # moto derives a custom domain's CloudFront host from its certificate; whether Cognito
    # moves it with a new certificate is not documented. Either way the alias record follows
    # the domain's target in the same `up` (an update of the record, never a replacement).
    moved = int(out["customDomainTarget"] != before["customDomainTarget"])
    assert changes(result.summary) == {"update": 1 + moved, "replace": 1, "same": 11 - moved}
    order = [
        (e.resource_pre_event.metadata.op.value, e.resource_pre_event.metadata.type)
        for e in events
        if e.resource_pre_event is not None
    ]
    assert order.index(("delete-replaced", BRANDING)) < order.index(
        ("create-replacement", BRANDING)
    )
    # moto does not return CustomDomainConfig; it names the CloudFront host after the
    # certificate (md5 of the ARN), so the host proves which certificate moto holds.
    domain = d.cognito().describe_user_pool_domain(Domain=DOMAIN)["DomainDescription"]
    host = hashlib.md5(NEW_CERT.encode(), usedforsecurity=False).hexdigest()[:16]
    assert domain["CloudFrontDistribution"] == f"{host}.cloudfront.net"
    assert out["customDomainTarget"] == domain["CloudFrontDistribution"]
    check_alias_record(moto, out)
    assert out["managedLoginBrandingId"] != before["managedLoginBrandingId"]
    style = branding_style(moto, out["userPoolId"], out["managedLoginBrandingId"])
    assert [base64.b64decode(a["bytes"]) for a in style["assets"]] == [b"\x89PNG\r\n\x1a\nlogo v2"]


def rotate_under_load(
    d: Deployment, out: dict[str, Any], record_property: Any
) -> tuple[auto.UpResult, list[auto.EngineEvent]]:
    """Rotate the client secret while the sign-in loop runs; no sign-in may fail."""
    old_client_id = out["beyondIdentityClientId"]
    d.set(f"{PROJECT}:clientSecretRotation", "2026-12")
    # What the runbook tells reviewers to expect from `pulumi preview`.
    plan = d.preview()
    assert steps(plan) == {"replace": 2, "update": 1}, plan.change_summary
    loop = SignInLoop(d, out["userPoolId"], out["identityProviderName"], out["idpRedirectUri"])
    with loop:
        while sum(loop.successes.values()) < 3 and not loop.failures:
            time.sleep(0.05)  # signing in before the rotation starts
        events: list[auto.EngineEvent] = []
        started = time.monotonic()
        result = d.stack.up(color="never", on_output=lambda _: None, on_event=events.append)
        seconds = time.monotonic() - started
        new_client_id = d.outputs()["beyondIdentityClientId"]
        deadline = time.monotonic() + 10
        while loop.successes[new_client_id] < 3 and time.monotonic() < deadline:
            time.sleep(0.05)  # and after it ended
    total = sum(loop.successes.values()) + len(loop.failures)
    summary = (
        f"rotation: {total} sign-ins during and around a {seconds:.1f}s `pulumi up`, "
        f"{len(loop.failures)} failed; old client {loop.successes[old_client_id]}, "
        f"new client {loop.successes[new_client_id]}"
    )
    print(summary)
    record_property("rotation", summary)
    assert loop.failures == [], summary
    assert new_client_id != old_client_id
    assert loop.successes[old_client_id] >= 3
    assert loop.successes[new_client_id] >= 3
    return result, events


def check_rotation_steps(result: auto.UpResult, events: list[auto.EngineEvent]) -> None:
    """A replacement of the application (created first), an update of the identity provider."""
    assert changes(result.summary) == {"replace": 2, "update": 1, "same": 10}
    # In this order: the new application, the identity provider, the old application's delete.
    order = [
        (e.resource_pre_event.metadata.op.value, e.resource_pre_event.metadata.type)
        for e in events
        if e.resource_pre_event is not None
    ]
    assert order.index(("create-replacement", APPLICATION)) < order.index(("update", IDP))
    assert order.index(("update", IDP)) < order.index(("delete-replaced", APPLICATION))
    updated = [t for t in events_of("update", events) if not t.startswith("pulumi:providers:")]
    assert updated == [IDP]


def check_old_credentials_refused(
    d: Deployment, before: dict[str, Any], old_details: dict[str, str]
) -> None:
    """The old application is gone and nothing takes its client id and secret any more."""
    old_client_id, old_app = before["beyondIdentityClientId"], before["applicationId"]
    out = d.outputs()
    with d.bi() as api:
        assert api.get(f"/realms/{out['realmId']}/applications/{old_app}").status_code == 404
        app = api.get(f"/realms/{out['realmId']}/applications/{out['applicationId']}").json()
    assert app["display_name"] == "AWS Cognito (2026-12)"
    old_credentials = {
        "grant_type": "authorization_code",
        "code": "any",
        "redirect_uri": out["idpRedirectUri"],
        "client_id": old_client_id,
        "client_secret": old_details["client_secret"],
    }
    with httpx.Client(timeout=10.0) as http:
        # Where Cognito sent them before the rotation: the old application is gone.
        assert http.post(old_details["token_url"], data=old_credentials).status_code == 404
        # And the new application does not take them either.
        refused = http.post(f"{out['issuer']}/token", data=old_credentials)
        assert refused.status_code == 401, refused.text
        assert refused.json()["error"] == "invalid_client"
        authorize = http.get(
            old_details["authorize_url"],
            params={
                "response_type": "code",
                "client_id": old_client_id,
                "redirect_uri": out["idpRedirectUri"],
                "scope": "openid",
            },
        )
        assert authorize.status_code == 404, authorize.text


def switch_to_classic_hosted_ui(d: Deployment) -> None:
    """Back to the classic hosted UI, with a new token policy: in-place updates."""
    d.set(f"{PROJECT}:managedLoginVersion", "1")
    d.stack.remove_all_config(
        [f"{PROJECT}:managedLoginBrandingSettings", f"{PROJECT}:managedLoginBrandingAssets"]
    )
    d.set(f"{PROJECT}:accessTokenValidity", "45")
    events: list[auto.EngineEvent] = []
    result = d.stack.up(color="never", on_output=lambda _: None, on_event=events.append)
    assert changes(result.summary) == {"update": 2, "delete": 1, "same": 10}
    assert sorted(t for t in events_of("update", events) if not t.startswith("pulumi:")) == [
        "aws:cognito/userPoolClient:UserPoolClient",
        "aws:cognito/userPoolDomain:UserPoolDomain",
    ]
    assert events_of("delete", events) == [BRANDING]
    out = d.outputs()
    assert out["managedLoginVersion"] == 1
    assert out.get("managedLoginBrandingId") is None  # a None output is left out


def check_ranges_fail_the_preview(d: Deployment) -> None:
    """Cognito's ranges fail the preview, before anything changes."""
    d.set(f"{PROJECT}:accessTokenValidity", "2")
    d.set(f"{PROJECT}:accessTokenValidityUnit", "days")
    with pytest.raises(auto.CommandError) as failed:
        d.preview()
    message = str(failed.value)
    assert "accessTokenValidity: must be from 5 minutes to 1 day; got 2 days" in message
    assert "Traceback" not in message


def test_login_pages_dns_token_policy_and_rotation_without_downtime(
    tmp_path: Path, emulator: Emulator, moto: str, record_property: Any
) -> None:
    zone_id = hosted_zone(moto)
    d = new_deployment(tmp_path, emulator, moto)
    style = {"categories": {"global": {"colorSchemeMode": "DARK"}}, "components": {}}
    configure(d, zone_id, style)

    # 1. Everything in one up; the backends hold it; the next preview is empty.
    assert changes(d.up().summary) == {"create": 13}
    out = d.outputs()
    idp = check_client_and_idp(d, out)
    check_branding_and_dns(moto, zone_id, out, style)
    assert_empty_preview(d, "the first up")

    # 2. A new certificate (an update) and a new logo (a replacement, the old style first).
    new_certificate_and_logo(d, moto, out)
    assert_empty_preview(d, "the new certificate and logo")

    # 3. Rotation under a continuous sign-in load.
    result, events = rotate_under_load(d, out, record_property)
    check_rotation_steps(result, events)
    check_old_credentials_refused(d, out, idp["ProviderDetails"])
    assert_empty_preview(d, "the rotation")

    # 4. Back to the classic hosted UI, with a new token policy: in-place updates.
    switch_to_classic_hosted_ui(d)
    assert_empty_preview(d, "the switch to the classic hosted UI")

    # 5. Cognito's ranges fail the preview, before anything changes.
    check_ranges_fail_the_preview(d)
