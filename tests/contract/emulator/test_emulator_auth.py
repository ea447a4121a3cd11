"""Bearer authentication and authorisation of the management API."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import Emulator

UNAUTHORIZED = {"code": "unauthorized", "message": "unauthorized"}
FORBIDDEN = {"code": "forbidden", "message": "forbidden"}


def _management_token(emulator: Emulator, **form: str) -> dict[str, Any]:
    response = httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"grant_type": "client_credentials", **form},
    )
    return p.ok(response)


def _realms(emulator: Emulator, tenant_id: str | None = None) -> str:
    return f"{emulator.url}/v1/tenants/{tenant_id or emulator.tenant_id}/realms"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic dGVzdDp0ZXN0"},
        {"Authorization": "test-api-token"},
    ],
)
def test_missing_or_wrong_credentials_are_401(emulator: Emulator, headers: dict[str, str]) -> None:
    response = httpx.get(_realms(emulator), headers=headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_every_management_route_requires_auth(emulator: Emulator) -> None:
    base = f"{emulator.url}/v1/tenants/{emulator.tenant_id}"
    realm = f"{base}/realms/{emulator.admin_realm_id}"
    for method, url in [
        ("GET", base),
        ("POST", f"{base}/realms"),
        ("PATCH", realm),
        ("DELETE", realm),
        ("GET", f"{realm}/resource-servers"),
        ("POST", f"{realm}/applications"),
        ("DELETE", f"{realm}/authenticator-configs/x"),
    ]:
        assert httpx.request(method, url).status_code == 401, (method, url)


def test_management_jwt_is_accepted(emulator: Emulator) -> None:
    token = _management_token(emulator)["access_token"]
    response = httpx.get(_realms(emulator), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_expired_jwt_is_401(emulator: Emulator) -> None:
    body = _management_token(emulator)
    now = emulator.clock()
    emulator.clock = lambda: now + body["expires_in"] + 1
    response = httpx.get(
        _realms(emulator), headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED


def test_tampered_jwt_is_401(emulator: Emulator) -> None:
    token = _management_token(emulator)["access_token"]
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert (
        httpx.get(_realms(emulator), headers={"Authorization": f"Bearer {forged}"}).status_code
        == 401
    )


def test_missing_scope_is_403(emulator: Emulator) -> None:
    token = _management_token(emulator, scope="realms:read")["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(_realms(emulator), headers=headers).status_code == 200
    response = httpx.post(_realms(emulator), headers=headers, json=p.realm("Nope"))
    assert response.status_code == 403
    assert response.json() == FORBIDDEN


def test_other_tenant_is_403(emulator: Emulator) -> None:
    other = _realms(emulator, "0001aaaaaaaaaaaa")
    response = httpx.get(other, headers={"Authorization": f"Bearer {emulator.api_token}"})
    assert response.status_code == 403
    assert response.json() == FORBIDDEN
    token = _management_token(emulator)["access_token"]
    assert httpx.get(other, headers={"Authorization": f"Bearer {token}"}).status_code == 403


def test_token_for_another_audience_is_401(
    api: httpx.Client, emulator: Emulator, realm_id: str, rs: dict[str, Any]
) -> None:
    app = api.post(
        f"/realms/{realm_id}/applications", json=p.client_credentials_app(rs["id"])
    ).json()
    pc = app["protocol_config"]
    token = httpx.post(
        f"{emulator.issuer(realm_id, app['id'])}/token",
        auth=(pc["client_id"], pc["client_secret"]),
        data={"grant_type": "client_credentials"},
    ).json()["access_token"]
    response = httpx.get(_realms(emulator), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_own_admin_app_on_the_management_resource_server(
    api: httpx.Client, emulator: Emulator
) -> None:
    # The documented alternative to the console token: an admin-realm app that
    # references the Management API resource server with chosen scopes.
    body = p.client_credentials_app(
        emulator.management_resource_server_id, allowed_scopes=["realms:read", "tenants:read"]
    )
    app = api.post(f"/realms/{emulator.admin_realm_id}/applications", json=body).json()
    pc = app["protocol_config"]
    response = httpx.post(
        f"{emulator.issuer(emulator.admin_realm_id, app['id'])}/token",
        data={
            "grant_type": "client_credentials",
            "client_id": pc["client_id"],
            "client_secret": pc["client_secret"],
        },
    )
    assert response.json()["scope"] == "realms:read tenants:read"
    headers = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert httpx.get(_realms(emulator), headers=headers).status_code == 200
    assert httpx.post(_realms(emulator), headers=headers, json=p.realm("X")).status_code == 403


def test_revoked_token_is_401(emulator: Emulator) -> None:
    token = _management_token(emulator)["access_token"]
    revoke = httpx.post(
        f"{emulator.management_issuer}/revoke",
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"token": token},
    )
    assert revoke.status_code == 200
    assert (
        httpx.get(_realms(emulator), headers={"Authorization": f"Bearer {token}"}).status_code
        == 401
    )


def test_admin_surface_accepts_only_the_api_token(emulator: Emulator) -> None:
    url = f"{emulator.url}/__emulator/counters"
    assert httpx.get(url).status_code == 401
    token = _management_token(emulator)["access_token"]
    assert httpx.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert (
        httpx.get(url, headers={"Authorization": f"Bearer {emulator.api_token}"}).status_code == 200
    )
