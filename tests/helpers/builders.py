"""The one place tests build Beyond Identity objects: API request bodies and provider inputs.

* API request bodies, as the management API takes them (``{"realm": {...}}``): :func:`realm`,
  :func:`resource_server`, :func:`hosted_web`, :func:`embedded`, :func:`oidc_app`,
  :func:`client_credentials_app`.
* Provider inputs, as a program declares them (the body's fields plus ``realm_id``), for the
  providers' ``check``/``diff`` tests: the ``*_inputs`` functions, built from the bodies above
  with the guide's values (the Cognito resource server and application).
* Reading answers: :func:`ok`, :func:`violations`; OIDC: :func:`pkce_pair`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any

import httpx

ALL_METHODS = ["email_one_time_password", "software_passkey", "webauthn_passkey"]

REALM_ID = "19a95130480dfa79"
RS_ID = "84db69f5-48a8-4c11-8cda-1bae3a73f07e"
AC_ID = "73731b7f-eb76-4143-9b4b-81a720385f5a"
HOSTED_ORIGIN = "https://auth-us.beyondidentity.com/authenticator/"
REDIRECT = "https://demo-pool.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"


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


def realm_inputs() -> dict[str, Any]:
    """A ``Realm``'s inputs."""
    inputs: dict[str, Any] = realm("Customers")["realm"]
    return inputs


def resource_server_inputs(
    realm_id: str = REALM_ID,
    *,
    display_name: str = "AWS Cognito",
    identifier: str = "awsresourceserver",
) -> dict[str, Any]:
    """A ``ResourceServer``'s inputs: the guide's ``awsresourceserver``."""
    body = resource_server(identifier, ["aws:customclaim"], display_name)
    return {"realm_id": realm_id, **body["resource_server"]}


def authenticator_config_inputs(realm_id: str = REALM_ID) -> dict[str, Any]:
    """An ``AuthenticatorConfig``'s inputs: hosted web, the provider's default methods."""
    body = hosted_web(trusted_origins=[HOSTED_ORIGIN])["authenticator_config"]
    del body["config"]["authentication_methods"]
    return {"realm_id": realm_id, **body}


def application_inputs(
    realm_id: str = REALM_ID,
    resource_server_id: str = RS_ID,
    authenticator_config_id: str = AC_ID,
    *,
    display_name: str = "AWS Cognito",
) -> dict[str, Any]:
    """An ``Application``'s inputs: the dev stack's OIDC client (the one Cognito federates with)."""
    body = oidc_app(
        resource_server_id,
        authenticator_config_id,
        display_name,
        redirect_uris=[REDIRECT],
        allowed_scopes=["aws:customclaim"],
        token_configuration={"expires_after": 86400, "subject_field": "email"},
    )
    app = body["application"]
    order = ("display_name", "resource_server_id", "authenticator_config_id", "protocol_config")
    return {"realm_id": realm_id, **{key: app[key] for key in order}}


IDENTITY_ID = "e372db224c06e850"


def identity_inputs(realm_id: str = REALM_ID, *, username: str = "alice") -> dict[str, Any]:
    """An ``Identity``'s inputs: a pilot user."""
    return {
        "realm_id": realm_id,
        "display_name": "Alice Example",
        "username": username,
        "primary_email_address": f"{username}@example.com",
        "external_id": "hr-0001",
        "status": "active",
    }


def group_inputs(
    realm_id: str = REALM_ID, *, members: list[str] | None = None, display_name: str = "Pilots"
) -> dict[str, Any]:
    """A ``Group``'s inputs: the pilot users."""
    return {
        "realm_id": realm_id,
        "display_name": display_name,
        "description": "People who may sign in during the pilot",
        "members": [IDENTITY_ID] if members is None else members,
    }


def valid_inputs(label: str) -> dict[str, Any]:
    """Inputs ``check`` accepts, for each resource of the registry (``ALL_KINDS``) by label."""
    realm_id = resource_server_inputs()["realm_id"]
    builders: dict[str, Any] = {
        "Realm": realm_inputs,
        "ResourceServer": resource_server_inputs,
        "AuthenticatorConfig": authenticator_config_inputs,
        "Application": application_inputs,
        "ApplicationCredentials": lambda: {
            "realm_id": realm_id,
            "application_id": "38833c36-6f47-4992-9329-ea0a00915137",
        },
        "Identity": identity_inputs,
        "Group": group_inputs,
    }
    inputs: dict[str, Any] = builders[label]()
    return inputs


def as_engine_sends(props: dict[str, Any], *, keep_unknowns: bool = True) -> dict[str, Any]:
    """``props`` after the trip the engine gives them: through a protobuf Struct (every number
    becomes a float) and back through the SDK's deserializer, which turns the unknown sentinel
    into ``pulumi.output.Unknown`` objects for ``check`` and ``diff``."""
    from google.protobuf import struct_pb2
    from pulumi.runtime import rpc

    struct = struct_pb2.Struct()
    struct.update(props)
    return dict(rpc.deserialize_properties(struct, keep_unknowns=keep_unknowns))


def ok(response: httpx.Response) -> dict[str, Any]:
    """The JSON object of a 200 answer (asserts the status, showing the body when it is not)."""
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


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
