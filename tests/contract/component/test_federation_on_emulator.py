"""The component's Beyond Identity half through the real dynamic providers, into the emulator.

Each Beyond Identity resource the component registers is checked and created by its real
provider (unpickled from ``__provider``, as the engine's provider process would) against a
fresh Beyond Identity emulator; the Cognito resources are created in an in-process moto server.
The tests then read both back and check the wiring end to end.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers.aws import moto_client
from helpers.builders import ok, realm
from helpers.cognito_live import LiveCloud
from helpers.cognito_mocks import (
    APPLICATION,
    BI_ENV_VARS,
    IDENTITY_PROVIDER,
    REALM,
    Deployed,
    install,
    run_program,
)

from beyondidentity_cognito import CognitoFederation, CognitoFederationArgs
from beyondidentity_emulator import Emulator

CALLBACK = "http://localhost:3000"
REDIRECT = "https://bi-demo.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"


@pytest.fixture
def cognito(moto: str) -> Any:
    """A boto3 cognito-idp client on a freshly reset moto."""
    return moto_client("cognito-idp", moto)


@pytest.fixture
def live(emulator: Emulator, cognito: Any, monkeypatch: pytest.MonkeyPatch) -> LiveCloud:
    """Mocks running the real providers; they and the component find the emulator by env vars."""
    for var in BI_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BEYOND_IDENTITY_API_URL", emulator.url)
    monkeypatch.setenv("BEYOND_IDENTITY_AUTH_URL", emulator.url)
    monkeypatch.setenv("BEYOND_IDENTITY_TENANT_ID", emulator.tenant_id)
    monkeypatch.setenv("BEYOND_IDENTITY_API_TOKEN", emulator.api_token)
    cloud = LiveCloud(cognito)
    install(cloud)
    return cloud


def federation(name: str = "login", **overrides: Any) -> CognitoFederation:
    kwargs: dict[str, Any] = {
        "domain_prefix": "bi-demo",
        "callback_urls": [CALLBACK],
        "deletion_protection": "INACTIVE",
    }
    kwargs.update(overrides)
    return CognitoFederation(name, CognitoFederationArgs(**kwargs))


def get(api: httpx.Client, path: str) -> dict[str, Any]:
    return ok(api.get(path))


def test_federation_objects_exist_and_are_wired(
    live: LiveCloud, api: httpx.Client, emulator: Emulator, cognito: Any
) -> None:
    deployed: Deployed = run_program(federation)
    out = deployed.outputs
    protocol = _check_beyond_identity_side(api, emulator, out)
    issuer = emulator.issuer(out["realm_id"], out["application_id"])
    assert out["issuer"] == issuer
    assert out["beyond_identity_client_id"] == protocol["client_id"]
    # The Cognito side holds the real credentials and endpoints of that application.
    _check_identity_provider(cognito, out["user_pool_id"], protocol, issuer)
    _check_pool_client_and_domain(cognito, out)
    # The secret reached Cognito but no component output.
    assert protocol["client_secret"] not in repr(out)


def _check_beyond_identity_side(
    api: httpx.Client, emulator: Emulator, out: dict[str, Any]
) -> dict[str, Any]:
    """The realm, resource server, authenticator and application as created; the protocol."""
    realm_id = out["realm_id"]
    assert get(api, f"/realms/{realm_id}")["display_name"] == "beyondidentity-cognito-test-login"
    server = get(api, f"/realms/{realm_id}/resource-servers/{out['resource_server_id']}")
    assert server["identifier"] == "awsresourceserver"
    assert server["scopes"] == ["aws:customclaim"]
    authenticator = get(
        api, f"/realms/{realm_id}/authenticator-configs/{out['authenticator_config_id']}"
    )
    assert authenticator["config"]["type"] == "hosted_web"
    assert authenticator["config"]["trusted_origins"] == [f"{emulator.url}/authenticator/"]
    app = get(api, f"/realms/{realm_id}/applications/{out['application_id']}")
    protocol: dict[str, Any] = app["protocol_config"]
    assert app["resource_server_id"] == out["resource_server_id"]
    assert app["authenticator_config_id"] == out["authenticator_config_id"]
    assert protocol["type"] == "oidc"
    assert protocol["confidentiality"] == "confidential"
    assert protocol["grant_type"] == ["authorization_code"]
    assert protocol["redirect_uris"] == [REDIRECT] == [out["idp_redirect_uri"]]
    assert protocol["allowed_scopes"] == ["aws:customclaim"]
    assert protocol["pkce"] == "disabled"
    assert protocol["token_configuration"]["subject_field"] == "email"
    assert protocol["token_configuration"]["expires_after"] == 86400
    return protocol


def _check_identity_provider(
    cognito: Any, pool_id: str, protocol: dict[str, Any], issuer: str
) -> None:
    idp = cognito.describe_identity_provider(UserPoolId=pool_id, ProviderName="BeyondIdentity")[
        "IdentityProvider"
    ]
    details = idp["ProviderDetails"]
    assert details["client_id"] == protocol["client_id"]
    assert details["client_secret"] == protocol["client_secret"]
    assert details["oidc_issuer"] == issuer
    assert details["authorize_scopes"] == "openid aws:customclaim"
    assert details["authorize_url"] == f"{issuer}/authorize"
    assert details["token_url"] == f"{issuer}/token"
    assert details["attributes_url"] == f"{issuer}/userinfo"
    assert details["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert idp["AttributeMapping"] == {
        "email": "sub",
        "username": "sub",
        "email_verified": "email_verified",
    }
    # The endpoints Cognito is given are the ones the issuer's discovery document announces.
    discovery = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    assert discovery["issuer"] == issuer
    assert discovery["authorization_endpoint"] == details["authorize_url"]
    assert discovery["token_endpoint"] == details["token_url"]
    assert discovery["userinfo_endpoint"] == details["attributes_url"]
    assert discovery["jwks_uri"] == details["jwks_uri"]


def _check_pool_client_and_domain(cognito: Any, out: dict[str, Any]) -> None:
    client = cognito.describe_user_pool_client(
        UserPoolId=out["user_pool_id"], ClientId=out["user_pool_client_id"]
    )["UserPoolClient"]
    assert client["SupportedIdentityProviders"] == ["BeyondIdentity"]
    assert client["CallbackURLs"] == [CALLBACK]
    assert "ClientSecret" not in client
    pool = cognito.describe_user_pool(UserPoolId=out["user_pool_id"])["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["MfaConfiguration"] == "OPTIONAL"
    domain = cognito.describe_user_pool_domain(Domain="bi-demo")["DomainDescription"]
    assert domain["UserPoolId"] == out["user_pool_id"]


def test_existing_realm(live: LiveCloud, api: httpx.Client) -> None:
    realm_id = ok(api.post("/realms", json=realm("Existing")))["id"]
    realms_before = len(get(api, "/realms")["realms"])

    out = run_program(lambda: federation(realm_id=realm_id)).outputs

    assert not live.of_type(REALM)
    assert len(get(api, "/realms")["realms"]) == realms_before
    app = get(api, f"/realms/{realm_id}/applications/{out['application_id']}")
    assert app["realm_id"] == realm_id


def test_two_federations_in_one_tenant(live: LiveCloud, api: httpx.Client, cognito: Any) -> None:
    staff, customers = run_program(
        lambda: [
            federation("staff", domain_prefix="bi-staff"),
            federation("customers", domain_prefix="bi-customers"),
        ]
    ).values
    assert staff["realm_id"] != customers["realm_id"]
    names = {r["display_name"] for r in get(api, "/realms")["realms"]}
    assert {"beyondidentity-cognito-test-staff", "beyondidentity-cognito-test-customers"} <= names
    for out, prefix in ((staff, "bi-staff"), (customers, "bi-customers")):
        app = get(api, f"/realms/{out['realm_id']}/applications/{out['application_id']}")
        assert app["protocol_config"]["redirect_uris"] == [
            f"https://{prefix}.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
        ]
        idp = cognito.describe_identity_provider(
            UserPoolId=out["user_pool_id"], ProviderName="BeyondIdentity"
        )["IdentityProvider"]
        assert idp["ProviderDetails"]["client_id"] == app["protocol_config"]["client_id"]
    assert len(live.of_type(APPLICATION)) == 2
    assert len(live.of_type(IDENTITY_PROVIDER)) == 2
