"""Fixtures for the providers' unit tests."""

from __future__ import annotations

import pytest

from pulumi_beyondidentity import BeyondIdentityClient, Settings


@pytest.fixture
def client() -> BeyondIdentityClient:
    """A client whose settings resolve but which reaches nothing (port 9 on loopback): for
    the rules a collection applies without a request."""
    explicit = {
        "tenant_id": "000176d94fd7b4d1",
        "api_url": "http://127.0.0.1:9",
        "auth_url": "http://127.0.0.1:9",
        "api_token": "not-a-real-token",
    }
    return BeyondIdentityClient(Settings.resolve(explicit=explicit, environ={}))
