"""The applications collection over real HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import Emulator

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{24}$")
CLIENT_SECRET = re.compile(r"^[A-Za-z0-9_-]{48}$")
PC = "application.protocol_config"

Body = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


def _apps(realm_id: str) -> str:
    return f"/realms/{realm_id}/applications"


def _with(body: dict[str, Any], **protocol: Any) -> dict[str, Any]:
    body["application"]["protocol_config"].update(protocol)
    return body


def test_confidential_oidc_app_gets_credentials_and_defaults(
    api: httpx.Client, realm_id: str, rs: dict[str, Any], ac: dict[str, Any], emulator: Emulator
) -> None:
    body = p.oidc_app(rs["id"], ac["id"], token_endpoint_auth_method="client_secret_post")
    response = api.post(_apps(realm_id), json=body)
    assert response.status_code == 200
    app = response.json()
    pc = app["protocol_config"]
    assert CLIENT_ID.match(pc["client_id"])
    assert CLIENT_SECRET.match(pc["client_secret"])
    assert app["is_managed"] is False
    assert app["tenant_id"] == emulator.tenant_id
    assert app["realm_id"] == realm_id
    assert app["resource_server_id"] == rs["id"]
    assert app["authenticator_config_id"] == ac["id"]
    assert pc["token_endpoint_auth_method"] == "client_secret_basic"  # input ignored
    assert pc["pkce"] == "disabled"
    assert pc["token_format"] == "self_contained"
    assert pc["token_configuration"] == {
        "expires_after": 3600,
        "token_signing_algorithm": "RS256",
        "subject_field": "id",
    }
    assert api.get(f"{_apps(realm_id)}/{app['id']}").json() == app
    listed = api.get(_apps(realm_id)).json()
    assert listed == {"applications": [app], "total_size": 1}


def test_public_app_has_no_secret(api: httpx.Client, realm_id: str, ac: dict[str, Any]) -> None:
    body = p.oidc_app(None, ac["id"], confidentiality="public", pkce="s256")
    pc = api.post(_apps(realm_id), json=body).json()["protocol_config"]
    assert "client_secret" not in pc
    assert pc["token_endpoint_auth_method"] == "none"
    assert pc["pkce"] == "s256"


def test_client_credentials_app_without_resource_server(api: httpx.Client, realm_id: str) -> None:
    response = api.post(_apps(realm_id), json=p.client_credentials_app())
    assert response.status_code == 200
    app = response.json()
    assert "resource_server_id" not in app
    assert "authenticator_config_id" not in app
    assert app["protocol_config"]["allowed_scopes"] == []


def test_subject_field_external_id_is_accepted(
    api: httpx.Client, realm_id: str, ac: dict[str, Any]
) -> None:
    body = p.oidc_app(
        None, ac["id"], token_configuration={"expires_after": 60, "subject_field": "external_id"}
    )
    response = api.post(_apps(realm_id), json=body)
    assert response.status_code == 200
    assert (
        response.json()["protocol_config"]["token_configuration"]["subject_field"] == "external_id"
    )


CASES: list[tuple[str, Body, str, str]] = [
    ("no protocol_config", lambda rs, ac: {"application": {"display_name": "x"}}, PC, "missing"),
    (
        "no display_name",
        lambda rs, ac: {
            "application": {
                "protocol_config": p.client_credentials_app()["application"]["protocol_config"]
            }
        },
        "application.display_name",
        "missing",
    ),
    (
        "saml type",
        lambda rs, ac: _with(p.client_credentials_app(), type="saml"),
        f"{PC}.type",
        "must be one of: oauth2, oidc",
    ),
    (
        "no confidentiality",
        lambda rs, ac: _with(p.client_credentials_app(), confidentiality=""),
        f"{PC}.confidentiality",
        "missing",
    ),
    (
        "empty grant_type",
        lambda rs, ac: _with(p.client_credentials_app(), grant_type=[]),
        f"{PC}.grant_type",
        "must be a non-empty array of: authorization_code, client_credentials",
    ),
    (
        "implicit grant",
        lambda rs, ac: _with(p.client_credentials_app(), grant_type=["implicit"]),
        f"{PC}.grant_type",
        "must be a non-empty array of: authorization_code, client_credentials",
    ),
    (
        "no expires_after",
        lambda rs, ac: _with(p.client_credentials_app(), token_configuration={}),
        f"{PC}.token_configuration.expires_after",
        "missing",
    ),
    (
        "no token_configuration",
        lambda rs, ac: {
            "application": {
                "display_name": "x",
                "protocol_config": {
                    "type": "oauth2",
                    "confidentiality": "confidential",
                    "grant_type": ["client_credentials"],
                },
            }
        },
        f"{PC}.token_configuration.expires_after",
        "missing",
    ),
    (
        "negative expires_after",
        lambda rs, ac: _with(p.client_credentials_app(), token_configuration={"expires_after": -1}),
        f"{PC}.token_configuration.expires_after",
        "must be an integer between 0 and 4294967295",
    ),
    (
        "huge expires_after",
        lambda rs, ac: _with(
            p.client_credentials_app(), token_configuration={"expires_after": 2**32}
        ),
        f"{PC}.token_configuration.expires_after",
        "must be an integer between 0 and 4294967295",
    ),
    (
        "string expires_after",
        lambda rs, ac: _with(
            p.client_credentials_app(), token_configuration={"expires_after": "60"}
        ),
        f"{PC}.token_configuration.expires_after",
        "must be an integer between 0 and 4294967295",
    ),
    (
        "HS256",
        lambda rs, ac: _with(
            p.client_credentials_app(),
            token_configuration={"expires_after": 60, "token_signing_algorithm": "HS256"},
        ),
        f"{PC}.token_configuration.token_signing_algorithm",
        "must be one of: RS256",
    ),
    (
        "bad subject_field",
        lambda rs, ac: _with(
            p.client_credentials_app(),
            token_configuration={"expires_after": 60, "subject_field": "USERNAME"},
        ),
        f"{PC}.token_configuration.subject_field",
        "must be one of: id, email, username, external_id",
    ),
    (
        "unknown token_configuration field",
        lambda rs, ac: _with(
            p.client_credentials_app(), token_configuration={"expires_after": 60, "audience": "x"}
        ),
        f"{PC}.token_configuration.audience",
        "unknown field",
    ),
    (
        "bad pkce",
        lambda rs, ac: _with(p.client_credentials_app(), pkce="S256"),
        f"{PC}.pkce",
        "must be one of: disabled, plain, s256",
    ),
    (
        "bad token_format",
        lambda rs, ac: _with(p.client_credentials_app(), token_format="jwt"),
        f"{PC}.token_format",
        "must be one of: self_contained, referential",
    ),
    (
        "unknown protocol field",
        lambda rs, ac: _with(p.client_credentials_app(), refresh=True),
        f"{PC}.refresh",
        "unknown field",
    ),
    (
        "unknown app field",
        lambda rs, ac: {
            "application": {
                **p.client_credentials_app()["application"],
                "authenticator_config": ac["id"],
            }
        },
        "application.authenticator_config",
        "unknown field",
    ),
    (
        "scopes without resource server",
        lambda rs, ac: _with(p.client_credentials_app(), allowed_scopes=["pets:read"]),
        f"{PC}.allowed_scopes",
        "must be empty when the application has no resource_server_id",
    ),
    (
        "scope not on resource server",
        lambda rs, ac: _with(
            p.client_credentials_app(rs["id"]), allowed_scopes=["pets:read", "openid"]
        ),
        f"{PC}.allowed_scopes",
        "scopes not defined on the resource server: openid",
    ),
    (
        "missing resource server",
        lambda rs, ac: p.client_credentials_app("00000000-0000-4000-8000-000000000000"),
        "application.resource_server_id",
        "resource server not found in this realm",
    ),
    (
        "missing authenticator config",
        lambda rs, ac: p.oidc_app(rs["id"], "00000000-0000-4000-8000-000000000000"),
        "application.authenticator_config_id",
        "authenticator config not found in this realm",
    ),
    (
        "public without pkce",
        lambda rs, ac: p.oidc_app(rs["id"], ac["id"], confidentiality="public"),
        f"{PC}.pkce",
        "public applications must enable PKCE (plain or s256)",
    ),
    (
        "public client credentials",
        lambda rs, ac: _with(p.client_credentials_app(), confidentiality="public", pkce="s256"),
        f"{PC}.grant_type",
        "public applications cannot use the client_credentials grant type",
    ),
    (
        "client credentials with authenticator config",
        lambda rs, ac: {
            "application": {
                **p.client_credentials_app()["application"],
                "authenticator_config_id": ac["id"],
            }
        },
        "application.authenticator_config_id",
        "must be empty for applications using only the client_credentials grant type",
    ),
    (
        "authorization code without authenticator config",
        lambda rs, ac: p.oidc_app(rs["id"], None),
        "application.authenticator_config_id",
        "required for applications using the authorization_code grant type",
    ),
    (
        "oidc client credentials",
        lambda rs, ac: _with(p.client_credentials_app(), type="oidc"),
        f"{PC}.grant_type",
        "oidc applications must use the authorization_code grant type",
    ),
    (
        "redirect with fragment",
        lambda rs, ac: p.oidc_app(rs["id"], ac["id"], redirect_uris=["https://app/cb#x"]),
        f"{PC}.redirect_uris",
        "invalid URI 'https://app/cb#x': must be an absolute URI without a fragment",
    ),
]


@pytest.mark.parametrize(
    ("build", "field", "description"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_create_validation(
    api: httpx.Client,
    realm_id: str,
    rs: dict[str, Any],
    ac: dict[str, Any],
    build: Body,
    field: str,
    description: str,
) -> None:
    response = api.post(_apps(realm_id), json=build(rs, ac))
    assert p.violations(response).get(field) == description, response.json()


def test_resource_server_of_another_realm_is_rejected(
    api: httpx.Client, realm_id: str, rs: dict[str, Any]
) -> None:
    other = api.post("/realms", json=p.realm("Other")).json()["id"]
    response = api.post(_apps(other), json=p.client_credentials_app(rs["id"]))
    assert "application.resource_server_id" in p.violations(response)


def test_patch_is_partial_and_deep_merges(
    api: httpx.Client, realm_id: str, app: dict[str, Any]
) -> None:
    path = f"{_apps(realm_id)}/{app['id']}"
    renamed = api.patch(path, json={"application": {"display_name": "Renamed"}}).json()
    assert renamed == {**app, "display_name": "Renamed"}
    patch = {
        "application": {
            "protocol_config": {
                "token_configuration": {"subject_field": "email"},
                "redirect_uris": ["https://new.example.com/cb"],
            }
        }
    }
    response = api.patch(path, json=patch)
    assert response.status_code == 200
    pc = response.json()["protocol_config"]
    assert pc["token_configuration"] == {
        "expires_after": 3600,
        "token_signing_algorithm": "RS256",
        "subject_field": "email",
    }
    assert pc["redirect_uris"] == ["https://new.example.com/cb"]
    assert pc["client_id"] == app["protocol_config"]["client_id"]
    assert pc["client_secret"] == app["protocol_config"]["client_secret"]
    assert pc["allowed_scopes"] == app["protocol_config"]["allowed_scopes"]


def test_patch_ignores_client_credentials_in_the_body(
    api: httpx.Client, realm_id: str, app: dict[str, Any]
) -> None:
    path = f"{_apps(realm_id)}/{app['id']}"
    body = {
        "application": {
            "is_managed": True,
            "protocol_config": {
                "client_id": "x" * 24,
                "client_secret": "y" * 48,
                "token_endpoint_auth_method": "none",
            },
        }
    }
    response = api.patch(path, json=body)
    assert response.status_code == 200
    assert response.json() == app


@pytest.mark.parametrize(
    ("change", "field"),
    [({"type": "oauth2"}, f"{PC}.type"), ({"confidentiality": "public"}, f"{PC}.confidentiality")],
)
def test_patch_immutable_protocol_fields(
    api: httpx.Client, realm_id: str, app: dict[str, Any], change: dict[str, str], field: str
) -> None:
    path = f"{_apps(realm_id)}/{app['id']}"
    response = api.patch(path, json={"application": {"protocol_config": change}})
    assert p.violations(response) == {field: "field is immutable"}


def test_patch_revalidates_the_merged_object(
    api: httpx.Client, realm_id: str, app: dict[str, Any]
) -> None:
    path = f"{_apps(realm_id)}/{app['id']}"
    # Dropping the resource server while allowed_scopes remain is inconsistent.
    response = api.patch(path, json={"application": {"resource_server_id": ""}})
    assert p.violations(response) == {
        f"{PC}.allowed_scopes": "must be empty when the application has no resource_server_id"
    }
    cleared = api.patch(
        path,
        json={"application": {"resource_server_id": "", "protocol_config": {"allowed_scopes": []}}},
    )
    assert cleared.status_code == 200
    assert "resource_server_id" not in cleared.json()


def test_managed_application_is_protected(api: httpx.Client, emulator: Emulator) -> None:
    path = f"/realms/{emulator.admin_realm_id}/applications/{emulator.management_application_id}"
    managed = api.get(path).json()
    assert managed["is_managed"] is True
    assert managed["classification"] == "management_api"
    assert managed["display_name"] == "Beyond Identity Management API"
    assert managed["resource_server_id"] == emulator.management_resource_server_id
    pc = managed["protocol_config"]
    assert pc["client_id"] == emulator.management_client_id
    assert pc["client_secret"] == emulator.management_client_secret
    assert pc["type"] == "oauth2"
    assert pc["confidentiality"] == "confidential"
    assert pc["grant_type"] == ["client_credentials"]
    for response in (
        api.patch(path, json={"application": {"display_name": "Mine"}}),
        api.delete(path),
    ):
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        assert "managed" in response.json()["message"]


def test_delete_and_missing(api: httpx.Client, realm_id: str, app: dict[str, Any]) -> None:
    path = f"{_apps(realm_id)}/{app['id']}"
    response = api.delete(path)
    assert response.status_code == 200
    assert response.content == b""
    missing = api.get(path)
    assert missing.status_code == 404
    assert missing.json()["details"][0]["resource_type"] == "Application"
    assert api.delete(path).status_code == 404
    assert api.get("/realms/0123456789abcdef/applications").status_code == 404


def test_wrong_envelope_is_rejected(api: httpx.Client, realm_id: str) -> None:
    response = api.post(_apps(realm_id), json=p.client_credentials_app()["application"])
    found = p.violations(response)
    assert found["application"] == "missing"
    assert found["display_name"] == "unknown field"
