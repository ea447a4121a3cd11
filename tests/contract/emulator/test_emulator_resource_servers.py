"""The resource-servers collection over real HTTP."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import MANAGEMENT_SCOPES, Emulator

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def test_create_returns_bare_object(api: httpx.Client, realm_id: str, emulator: Emulator) -> None:
    response = api.post(f"/realms/{realm_id}/resource-servers", json=p.resource_server())
    assert response.status_code == 200
    rs = response.json()
    assert UUID4.match(rs["id"])
    assert rs == {
        "id": rs["id"],
        "realm_id": realm_id,
        "tenant_id": emulator.tenant_id,
        "display_name": "Pet API",
        "is_managed": False,
        "identifier": "https://api.example.com",
        "scopes": ["pets:read", "pets:write"],
    }
    assert api.get(f"/realms/{realm_id}/resource-servers/{rs['id']}").json() == rs


def test_scopes_default_to_empty(api: httpx.Client, realm_id: str) -> None:
    body = {"resource_server": {"display_name": "Bare", "identifier": "urn:bare"}}
    assert api.post(f"/realms/{realm_id}/resource-servers", json=body).json()["scopes"] == []


@pytest.mark.parametrize(
    ("body", "field", "description"),
    [
        ({"resource_server": {"display_name": "x"}}, "resource_server.identifier", "missing"),
        (p.resource_server(identifier=""), "resource_server.identifier", "empty string"),
        (
            p.resource_server(identifier="beyondidentity"),
            "resource_server.identifier",
            "'beyondidentity' is reserved for the Beyond Identity Management API",
        ),
        ({"resource_server": {"identifier": "urn:x"}}, "resource_server.display_name", "missing"),
        (
            p.resource_server(scopes="pets:read"),
            "resource_server.scopes",
            "must be an array of strings",
        ),
        (
            p.resource_server(scopes=["a", "a"]),
            "resource_server.scopes",
            "must not contain duplicate values",
        ),
        (
            p.resource_server(scopes=["has space"]),
            "resource_server.scopes",
            "invalid scope 'has space': scopes must be non-empty and contain no whitespace",
        ),
        (p.resource_server(audience="x"), "resource_server.audience", "unknown field"),
    ],
)
def test_create_validation(
    api: httpx.Client, realm_id: str, body: dict[str, Any], field: str, description: str
) -> None:
    response = api.post(f"/realms/{realm_id}/resource-servers", json=body)
    assert p.violations(response).get(field) == description


def test_identifier_is_unique_per_realm(
    api: httpx.Client, realm_id: str, emulator: Emulator
) -> None:
    path = f"/realms/{realm_id}/resource-servers"
    assert api.post(path, json=p.resource_server()).status_code == 200
    response = api.post(path, json=p.resource_server(display_name="Again"))
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    # The same identifier in another realm is fine.
    other = api.post("/realms", json=p.realm("Other")).json()["id"]
    assert (
        api.post(f"/realms/{other}/resource-servers", json=p.resource_server()).status_code == 200
    )


def test_create_in_missing_realm_is_generic_404(api: httpx.Client) -> None:
    response = api.post("/realms/0123456789abcdef/resource-servers", json=p.resource_server())
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "The requested resource was not found.",
    }


def test_get_missing_is_404_with_resource_info(api: httpx.Client, realm_id: str) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    response = api.get(f"/realms/{realm_id}/resource-servers/{missing}")
    assert response.status_code == 404
    assert response.json()["message"] == "resource server not found"
    assert response.json()["details"][0] == {
        "type": "ResourceInfo",
        "resource_type": "ResourceServer",
        "id": missing,
        "description": "resource server not found",
    }


def test_object_of_another_realm_is_not_found(api: httpx.Client, rs: dict[str, Any]) -> None:
    other = api.post("/realms", json=p.realm("Other")).json()["id"]
    assert api.get(f"/realms/{other}/resource-servers/{rs['id']}").status_code == 404


def test_patch_replaces_scopes_and_keeps_the_rest(
    api: httpx.Client, realm_id: str, rs: dict[str, Any]
) -> None:
    path = f"/realms/{realm_id}/resource-servers/{rs['id']}"
    response = api.patch(path, json={"resource_server": {"scopes": ["pets:admin"]}})
    assert response.status_code == 200
    assert response.json() == {**rs, "scopes": ["pets:admin"]}


def test_patch_identifier_is_immutable(
    api: httpx.Client, realm_id: str, rs: dict[str, Any]
) -> None:
    path = f"/realms/{realm_id}/resource-servers/{rs['id']}"
    response = api.patch(path, json={"resource_server": {"identifier": "urn:changed"}})
    assert p.violations(response) == {"resource_server.identifier": "field is immutable"}
    same = api.patch(
        path, json={"resource_server": {"identifier": rs["identifier"], "display_name": "N"}}
    )
    assert same.status_code == 200
    assert same.json()["display_name"] == "N"


def test_patch_ignores_read_only_fields(
    api: httpx.Client, realm_id: str, rs: dict[str, Any]
) -> None:
    path = f"/realms/{realm_id}/resource-servers/{rs['id']}"
    response = api.patch(
        path, json={"resource_server": {"is_managed": True, "id": "x", "realm_id": "y"}}
    )
    assert response.status_code == 200
    assert response.json() == rs


def test_managed_resource_server_is_protected(api: httpx.Client, emulator: Emulator) -> None:
    path = f"/realms/{emulator.admin_realm_id}/resource-servers/{emulator.management_resource_server_id}"
    managed = api.get(path).json()
    assert managed["is_managed"] is True
    assert managed["identifier"] == "beyondidentity"
    assert managed["display_name"] == "Beyond Identity Management API"
    assert set(MANAGEMENT_SCOPES) <= set(managed["scopes"])
    assert {"realms:create", "applications:read", "tenants:read"} <= set(managed["scopes"])
    for response in (
        api.patch(path, json={"resource_server": {"display_name": "Mine"}}),
        api.delete(path),
    ):
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        assert "managed" in response.json()["message"]
    assert api.get(path).json() == managed


def test_delete_referenced_by_application_is_409(
    api: httpx.Client, realm_id: str, rs: dict[str, Any], app: dict[str, Any]
) -> None:
    path = f"/realms/{realm_id}/resource-servers/{rs['id']}"
    response = api.delete(path)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert api.delete(f"/realms/{realm_id}/applications/{app['id']}").status_code == 200
    gone = api.delete(path)
    assert gone.status_code == 200
    assert gone.content == b""
    assert api.get(path).status_code == 404


def test_list_envelope(api: httpx.Client, realm_id: str, rs: dict[str, Any]) -> None:
    body = api.get(f"/realms/{realm_id}/resource-servers").json()
    assert body == {"resource_servers": [rs], "total_size": 1}
