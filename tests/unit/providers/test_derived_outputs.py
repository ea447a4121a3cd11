"""Outputs computed in the program rather than kept in the state (issue 21 item 2).

``tenant_id`` comes from the settings as the providers read them (``tenantId``, else the
API token's ``bi_t`` claim), ``is_managed`` is always false, and an application's five
endpoints are its stored issuer plus a fixed suffix. Run under the component tests' mocks.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from types import SimpleNamespace

import pulumi
import pytest
from helpers.cognito_mocks import BI_ENV_VARS, FakeCloud, install, run_program

from pulumi_beyondidentity import Application, ApplicationCredentials, Realm, ResourceServer

TENANT = "0001f1f460b1ace6"


@pytest.fixture(autouse=True)
def cloud(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCloud]:
    for var in BI_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    yield install(FakeCloud())
    pulumi.runtime.set_all_config({})


def token_of(tenant: str) -> str:
    claims = base64.urlsafe_b64encode(json.dumps({"bi_t": tenant}).encode()).decode()
    return f"e30.{claims.rstrip('=')}.signature"


def build() -> SimpleNamespace:
    realm = Realm("r", display_name="Customers")
    server = ResourceServer("rs", realm_id=realm.id, display_name="AWS", identifier="aws")
    app = Application(
        "a",
        realm_id=realm.id,
        display_name="App",
        authenticator_config_id="3d2a1f3c-0b5e-4d8c-9a51-6c2f1e7d9b40",
        protocol_config={
            "type": "oidc",
            "confidentiality": "confidential",
            "grant_type": ["authorization_code"],
            "redirect_uris": ["https://example.com/cb"],
            "token_configuration": {"expires_after": 600},
        },
    )
    creds = ApplicationCredentials("c", realm_id=app.realm_id, application_id=app.id)
    return SimpleNamespace(
        realm_tenant=realm.tenant_id,
        app_tenant=app.tenant_id,
        server_managed=server.is_managed,
        app_managed=app.is_managed,
        issuer=app.issuer,
        token_url=app.token_url,
        jwks_url=creds.jwks_url,
        discovery_url=creds.discovery_url,
        authorize_url=app.authorize_url,
        userinfo_url=creds.userinfo_url,
    )


@pytest.mark.parametrize(
    "config",
    [
        {"beyondidentity:tenantId": TENANT},
        {"beyondidentity:apiToken": token_of(TENANT)},  # the token's claim, as the providers
    ],
)
def test_tenant_and_managed_come_from_the_program(config: dict[str, str]) -> None:
    pulumi.runtime.set_all_config(config)
    out = run_program(build).outputs
    assert out["realm_tenant"] == out["app_tenant"] == TENANT
    assert out["server_managed"] is False
    assert out["app_managed"] is False


def test_the_endpoints_are_the_stored_issuer_plus_their_suffix() -> None:
    pulumi.runtime.set_all_config({"beyondidentity:tenantId": TENANT})
    out = run_program(build).outputs
    issuer = out["issuer"]
    assert issuer.endswith("/applications/" + issuer.rsplit("/", 1)[1])
    assert out["token_url"] == issuer + "/token"
    assert out["authorize_url"] == issuer + "/authorize"
    assert out["userinfo_url"] == issuer + "/userinfo"
    assert out["jwks_url"] == issuer + "/.well-known/jwks.json"
    assert out["discovery_url"] == issuer + "/.well-known/openid-configuration"
