"""Fixtures for the emulator's own tests: a realm with the usual building blocks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers import builders as p


@pytest.fixture
def realm_id(api: httpx.Client) -> str:
    """A new realm."""
    return str(p.ok(api.post("/realms", json=p.realm("Test Realm")))["id"])


@pytest.fixture
def rs(api: httpx.Client, realm_id: str) -> dict[str, Any]:
    """A resource server with scopes pets:read and pets:write."""
    return p.ok(api.post(f"/realms/{realm_id}/resource-servers", json=p.resource_server()))


@pytest.fixture
def ac(api: httpx.Client, realm_id: str) -> dict[str, Any]:
    """A hosted-web authenticator config."""
    return p.ok(api.post(f"/realms/{realm_id}/authenticator-configs", json=p.hosted_web()))


@pytest.fixture
def app(api: httpx.Client, realm_id: str, rs: dict[str, Any], ac: dict[str, Any]) -> dict[str, Any]:
    """A confidential OIDC authorization-code application."""
    return p.ok(api.post(f"/realms/{realm_id}/applications", json=p.oidc_app(rs["id"], ac["id"])))
