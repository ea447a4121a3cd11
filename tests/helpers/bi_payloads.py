"""Request bodies and response helpers for tests that talk to the emulator."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any

import httpx

ALL_METHODS = ["email_one_time_password", "software_passkey", "webauthn_passkey"]


def realm(display_name: Any = "Dev Realm", **extra: Any) -> dict[str, Any]:
    """``{"realm": {...}}``."""
    return {"realm": {"display_name": display_name, **extra}}


def resource_server(
    identifier: str = "https://api.example.com",
    scopes: Any = None,
    display_name: str = "Pet API",
    **extra: Any,
) -> dict[str, Any]:
    """``{"resource_server": {...}}`` with scopes ``pets:read pets:write`` by default."""
    return {
        "resource_server": {
            "display_name": display_name,
            "identifier": identifier,
            "scopes": ["pets:read", "pets:write"] if scopes is None else scopes,
            **extra,
        }
    }


def hosted_web(display_name: str = "Hosted Web", **config: Any) -> dict[str, Any]:
    """``{"authenticator_config": {...}}`` of type hosted_web."""
    body = {
        "type": "hosted_web",
        "authentication_methods": [{"type": "software_passkey"}],
        "trusted_origins": ["https://auth.example.com"],
    }
    body.update(config)
    return {"authenticator_config": {"display_name": display_name, "config": body}}


def embedded(display_name: str = "Embedded", **config: Any) -> dict[str, Any]:
    """``{"authenticator_config": {...}}`` of type embedded (only required fields)."""
    body = {
        "type": "embedded",
        "invoke_url": "http://localhost:8092",
        "trusted_origins": ["http://localhost:8092"],
    }
    body.update(config)
    return {"authenticator_config": {"display_name": display_name, "config": body}}


def oidc_app(
    resource_server_id: str | None,
    authenticator_config_id: str | None,
    display_name: str = "Pet App",
    **protocol: Any,
) -> dict[str, Any]:
    """``{"application": {...}}``: confidential OIDC authorization-code app."""
    pc: dict[str, Any] = {
        "type": "oidc",
        "confidentiality": "confidential",
        "grant_type": ["authorization_code"],
        "redirect_uris": ["https://app.example.com/callback"],
        "allowed_scopes": ["pets:read"] if resource_server_id else [],
        "token_configuration": {"expires_after": 3600},
    }
    pc.update(protocol)
    app: dict[str, Any] = {"display_name": display_name, "protocol_config": pc}
    if resource_server_id:
        app["resource_server_id"] = resource_server_id
    if authenticator_config_id:
        app["authenticator_config_id"] = authenticator_config_id
    return {"application": app}


def client_credentials_app(
    resource_server_id: str | None = None, display_name: str = "Worker", **protocol: Any
) -> dict[str, Any]:
    """``{"application": {...}}``: confidential OAuth2 client-credentials app."""
    pc: dict[str, Any] = {
        "type": "oauth2",
        "confidentiality": "confidential",
        "grant_type": ["client_credentials"],
        "allowed_scopes": ["pets:read"] if resource_server_id else [],
        "token_configuration": {"expires_after": 600},
    }
    pc.update(protocol)
    app: dict[str, Any] = {"display_name": display_name, "protocol_config": pc}
    if resource_server_id:
        app["resource_server_id"] = resource_server_id
    return {"application": app}


def violations(response: httpx.Response) -> dict[str, str]:
    """Map field → description from a 400 FieldViolations body (asserts the shape)."""
    body = response.json()
    assert response.status_code == 400, (response.status_code, body)
    assert body["code"] == "bad_request"
    assert body["message"] == "invalid parameters"
    (detail,) = body["details"]
    assert detail["type"] == "FieldViolations"
    return {v["field"]: v["description"] for v in detail["field_violations"]}


def pkce_pair() -> tuple[str, str]:
    """A random RFC 7636 verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")
