"""The authenticator-configs collection over real HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers import builders as p

ALL_METHODS = [{"type": t} for t in p.ALL_METHODS]


def _create(api: httpx.Client, realm_id: str, body: dict[str, Any]) -> httpx.Response:
    return api.post(f"/realms/{realm_id}/authenticator-configs", json=body)


def test_embedded_gets_server_defaults(api: httpx.Client, realm_id: str) -> None:
    response = _create(api, realm_id, p.embedded())
    assert response.status_code == 200
    config = response.json()["config"]
    assert config == {
        "type": "embedded",
        "invoke_url": "http://localhost:8092",
        "invocation_type": "automatic",
        "trusted_origins": ["http://localhost:8092"],
        "authentication_methods": ALL_METHODS,
    }


def test_hosted_web_is_echoed(api: httpx.Client, realm_id: str) -> None:
    created = _create(api, realm_id, p.hosted_web()).json()
    assert created["config"] == {
        "type": "hosted_web",
        "authentication_methods": [{"type": "software_passkey"}],
        "trusted_origins": ["https://auth.example.com"],
    }
    assert set(created) == {"id", "realm_id", "tenant_id", "display_name", "config"}


def test_platform_and_console_types(api: httpx.Client, realm_id: str) -> None:
    platform = {
        "authenticator_config": {
            "display_name": "P",
            "config": {
                "type": "platform",
                "trusted_origins": None,
                "roaming_auth_config": {
                    "enabled": True,
                    "allow_unknown_user": False,
                    "allowed_user_ids": ["u1"],
                },
            },
        }
    }
    response = _create(api, realm_id, platform)
    assert response.status_code == 200, response.text
    assert response.json()["config"]["roaming_auth_config"]["allowed_user_ids"] == ["u1"]
    console = {
        "authenticator_config": {
            "display_name": "C",
            "config": {
                "type": "console",
                "onboarding_configuration": {"verification_method": {"type": "none"}},
            },
        }
    }
    assert _create(api, realm_id, console).status_code == 200


@pytest.mark.parametrize(
    ("body", "field", "description"),
    [
        (
            p.embedded(invoke_url=None) | {},
            "authenticator_config.config.invoke_url",
            "must be a string",
        ),
        (
            {
                "authenticator_config": {
                    "display_name": "E",
                    "config": {"type": "embedded", "trusted_origins": []},
                }
            },
            "authenticator_config.config.invoke_url",
            "missing",
        ),
        (
            {
                "authenticator_config": {
                    "display_name": "E",
                    "config": {"type": "embedded", "invoke_url": "http://x"},
                }
            },
            "authenticator_config.config.trusted_origins",
            "missing",
        ),
        (
            p.embedded(invocation_type="sometimes"),
            "authenticator_config.config.invocation_type",
            "must be one of: automatic, manual",
        ),
        (
            {
                "authenticator_config": {
                    "display_name": "H",
                    "config": {"type": "hosted_web", "trusted_origins": []},
                }
            },
            "authenticator_config.config.authentication_methods",
            "missing",
        ),
        (
            {
                "authenticator_config": {
                    "display_name": "H",
                    "config": {
                        "type": "hosted_web",
                        "authentication_methods": [{"type": "software_passkey"}],
                    },
                }
            },
            "authenticator_config.config.trusted_origins",
            "missing",
        ),
        (
            p.hosted_web(authentication_methods=[]),
            "authenticator_config.config.authentication_methods",
            "must be a non-empty array of authentication methods",
        ),
        (
            p.hosted_web(authentication_methods=[{"type": "password"}]),
            "authenticator_config.config.authentication_methods[0].type",
            "must be one of: email_one_time_password, software_passkey, webauthn_passkey",
        ),
        (
            p.hosted_web(invoke_url="http://x"),
            "authenticator_config.config.invoke_url",
            "unknown field",
        ),
        (
            {"authenticator_config": {"display_name": "X", "config": {"type": "magic"}}},
            "authenticator_config.config.type",
            "must be one of: embedded, hosted_web, platform, console",
        ),
        ({"authenticator_config": {"display_name": "X"}}, "authenticator_config.config", "missing"),
        (
            {"authenticator_config": {"config": {"type": "platform"}}},
            "authenticator_config.display_name",
            "missing",
        ),
        (
            {"authenticator_config": {"display_name": "C", "config": {"type": "console"}}},
            "authenticator_config.config.onboarding_configuration",
            "missing",
        ),
        (
            {
                "authenticator_config": {
                    "display_name": "C",
                    "config": {
                        "type": "console",
                        "onboarding_configuration": {
                            "verification_method": {"type": "idp", "idp_id": "nope"}
                        },
                    },
                }
            },
            "authenticator_config.config.onboarding_configuration.verification_method.idp_id",
            "must be a UUID",
        ),
        (
            {
                "authenticator_config": {
                    "display_name": "P",
                    "config": {"type": "platform", "roaming_auth_config": {"enabled": True}},
                }
            },
            "authenticator_config.config.roaming_auth_config.allow_unknown_user",
            "missing",
        ),
    ],
)
def test_create_validation(
    api: httpx.Client, realm_id: str, body: dict[str, Any], field: str, description: str
) -> None:
    assert p.violations(_create(api, realm_id, body)).get(field) == description


def test_patch_deep_merges_config(api: httpx.Client, realm_id: str) -> None:
    created = _create(api, realm_id, p.embedded()).json()
    path = f"/realms/{realm_id}/authenticator-configs/{created['id']}"
    response = api.patch(
        path, json={"authenticator_config": {"config": {"invoke_url": "https://new.example.com"}}}
    )
    assert response.status_code == 200
    config = response.json()["config"]
    assert config["invoke_url"] == "https://new.example.com"
    assert config["trusted_origins"] == ["http://localhost:8092"]
    assert config["authentication_methods"] == ALL_METHODS
    assert response.json()["display_name"] == created["display_name"]
    # Arrays are replaced, not merged.
    replaced = api.patch(
        path, json={"authenticator_config": {"config": {"trusted_origins": ["https://a"]}}}
    )
    assert replaced.json()["config"]["trusted_origins"] == ["https://a"]


def test_patch_type_is_immutable(api: httpx.Client, realm_id: str, ac: dict[str, Any]) -> None:
    path = f"/realms/{realm_id}/authenticator-configs/{ac['id']}"
    response = api.patch(path, json={"authenticator_config": {"config": {"type": "embedded"}}})
    assert p.violations(response) == {"authenticator_config.config.type": "field is immutable"}


def test_delete_referenced_by_application_is_409(
    api: httpx.Client, realm_id: str, ac: dict[str, Any], app: dict[str, Any]
) -> None:
    path = f"/realms/{realm_id}/authenticator-configs/{ac['id']}"
    response = api.delete(path)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    api.delete(f"/realms/{realm_id}/applications/{app['id']}")
    assert api.delete(path).status_code == 200
    missing = api.get(path)
    assert missing.status_code == 404
    assert missing.json()["details"][0]["resource_type"] == "AuthenticatorConfig"


def test_list_filter_subset(api: httpx.Client, realm_id: str) -> None:
    _create(api, realm_id, p.hosted_web("One"))
    _create(api, realm_id, p.embedded("Two"))
    path = f"/realms/{realm_id}/authenticator-configs"
    body = api.get(path, params={"filter": 'config.type eq "embedded"'}).json()
    assert [c["display_name"] for c in body["authenticator_configs"]] == ["Two"]
    assert body["total_size"] == 1
    both = api.get(path, params={"filter": 'display_name eq "One" and config.type eq "hosted_web"'})
    assert both.json()["total_size"] == 1
    bad = api.get(path, params={"filter": "display_name co One"})
    assert list(p.violations(bad)) == ["filter"]
