"""Fixtures for the emulator's own tests: a realm with the usual building blocks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers import builders as p


@pytest.fixture
def realm_id(api: httpx.Client) -> str:
    """A new realm."""
    response = api.post("/realms", json=p.realm("Test Realm"))
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


@pytest.fixture
def rs(api: httpx.Client, realm_id: str) -> dict[str, Any]:
    """A resource server with scopes pets:read and pets:write."""
    response = api.post(f"/realms/{realm_id}/resource-servers", json=p.resource_server())
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def ac(api: httpx.Client, realm_id: str) -> dict[str, Any]:
    """A hosted-web authenticator config."""
    response = api.post(f"/realms/{realm_id}/authenticator-configs", json=p.hosted_web())
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def app(api: httpx.Client, realm_id: str, rs: dict[str, Any], ac: dict[str, Any]) -> dict[str, Any]:
    """A confidential OIDC authorization-code application."""
    response = api.post(f"/realms/{realm_id}/applications", json=p.oidc_app(rs["id"], ac["id"]))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
