"""Tenant GET and the realms collection over real HTTP."""

from __future__ import annotations

import re

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import Emulator

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def test_tenant_get_returns_the_tenant(api: httpx.Client, emulator: Emulator) -> None:
    response = api.get(f"{emulator.url}/v1/tenants/{emulator.tenant_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == emulator.tenant_id
    assert body["display_name"]
    assert TIMESTAMP.match(body["create_time"])
    assert TIMESTAMP.match(body["update_time"])


def test_seeded_admin_realm_is_listed(api: httpx.Client, emulator: Emulator) -> None:
    body = api.get("/realms").json()
    assert body["total_size"] == 1
    assert "next_page_token" not in body
    (admin,) = body["realms"]
    assert admin["id"] == emulator.admin_realm_id
    assert admin["display_name"] == "Beyond Identity Admin"


def test_create_returns_bare_realm_with_defaults(api: httpx.Client, emulator: Emulator) -> None:
    response = api.post("/realms", json=p.realm("Dev"))
    assert response.status_code == 200
    realm = response.json()
    assert set(realm) == {
        "id",
        "tenant_id",
        "display_name",
        "classification",
        "create_time",
        "update_time",
    }
    assert re.fullmatch(r"[0-9a-f]{16}", realm["id"])
    assert realm["tenant_id"] == emulator.tenant_id
    assert realm["display_name"] == "Dev"
    assert realm["classification"] == "SECURE_CUSTOMER"
    assert TIMESTAMP.match(realm["create_time"])
    assert realm["create_time"] == realm["update_time"]
    assert api.get(f"/realms/{realm['id']}").json() == realm


def test_create_accepts_workforce_classification(api: httpx.Client) -> None:
    realm = api.post("/realms", json=p.realm("Staff", classification="SECURE_WORKFORCE")).json()
    assert realm["classification"] == "SECURE_WORKFORCE"


@pytest.mark.parametrize(
    ("body", "field", "description"),
    [
        ({"realm": {}}, "realm.display_name", "missing"),
        (p.realm(""), "realm.display_name", "empty string"),
        (p.realm("x" * 65), "realm.display_name", "must be at most 64 characters"),
        (p.realm("a/b"), "realm.display_name", "contains characters that are not allowed"),
        (p.realm("curly{"), "realm.display_name", "contains characters that are not allowed"),
        (p.realm("bang!"), "realm.display_name", "contains characters that are not allowed"),
        (p.realm(42), "realm.display_name", "must be a string"),
        (
            p.realm("Ok", classification="PUBLIC"),
            "realm.classification",
            "must be one of: SECURE_CUSTOMER, SECURE_WORKFORCE",
        ),
        (p.realm("Ok", colour="blue"), "realm.colour", "unknown field"),
        ({"realms": {"display_name": "Ok"}}, "realm", "missing"),
        ({"realm": "Ok"}, "realm", "must be an object"),
    ],
)
def test_create_rejects_invalid_fields(
    api: httpx.Client, body: dict[str, object], field: str, description: str
) -> None:
    response = api.post("/realms", json=body)
    assert p.violations(response).get(field) == description


def test_wrong_envelope_key_is_named(api: httpx.Client) -> None:
    found = p.violations(api.post("/realms", json={"realms": {"display_name": "Ok"}}))
    assert found == {"realms": "unknown field", "realm": "missing"}


def test_display_name_of_64_characters_is_accepted(api: httpx.Client) -> None:
    assert api.post("/realms", json=p.realm("x" * 64)).status_code == 200


@pytest.mark.parametrize("content", [b"{", b"", b"[]", b'"realm"', b'{"realm": NaN}'])
def test_malformed_body_is_invalid_request(api: httpx.Client, content: bytes) -> None:
    response = api.post("/realms", content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"code": "bad_request", "message": "invalid request"}


def test_read_only_fields_are_ignored_on_create(api: httpx.Client, emulator: Emulator) -> None:
    body = p.realm(
        "Ro",
        id="0000000000000000",
        tenant_id="0001ffffffffffff",
        create_time="2000-01-01T00:00:00.000Z",
    )
    realm = api.post("/realms", json=body).json()
    assert realm["id"] != "0000000000000000"
    assert realm["tenant_id"] == emulator.tenant_id
    assert not realm["create_time"].startswith("2000")


def test_get_missing_realm_is_404_with_resource_info(api: httpx.Client) -> None:
    response = api.get("/realms/0123456789abcdef")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "realm not found",
        "details": [
            {
                "type": "ResourceInfo",
                "resource_type": "Realm",
                "id": "0123456789abcdef",
                "description": "realm not found",
            }
        ],
    }


def test_patch_is_partial_and_bumps_update_time(api: httpx.Client, emulator: Emulator) -> None:
    realm = api.post("/realms", json=p.realm("Before", classification="SECURE_WORKFORCE")).json()
    emulator.clock = lambda: 4102444800.5  # 2100-01-01T00:00:00.500Z
    response = api.patch(f"/realms/{realm['id']}", json=p.realm("After"))
    assert response.status_code == 200
    updated = response.json()
    assert updated["display_name"] == "After"
    assert updated["classification"] == "SECURE_WORKFORCE"
    assert updated["create_time"] == realm["create_time"]
    assert updated["update_time"] == "2100-01-01T00:00:00.500Z"
    assert api.get(f"/realms/{realm['id']}").json() == updated


def test_patch_with_only_unchanged_classification_is_allowed(api: httpx.Client) -> None:
    realm = api.post("/realms", json=p.realm("Same")).json()
    response = api.patch(
        f"/realms/{realm['id']}", json={"realm": {"classification": "SECURE_CUSTOMER"}}
    )
    assert response.status_code == 200
    assert response.json()["display_name"] == "Same"


def test_patch_refuses_changing_classification(api: httpx.Client) -> None:
    realm = api.post("/realms", json=p.realm("Imm")).json()
    response = api.patch(
        f"/realms/{realm['id']}", json={"realm": {"classification": "SECURE_WORKFORCE"}}
    )
    assert p.violations(response) == {"realm.classification": "field is immutable"}


def test_patch_ignores_read_only_and_rejects_unknown(api: httpx.Client) -> None:
    realm = api.post("/realms", json=p.realm("Ro")).json()
    ok = api.patch(
        f"/realms/{realm['id']}", json={"realm": {"id": "ffffffffffffffff", "display_name": "Ro2"}}
    )
    assert ok.status_code == 200
    assert ok.json()["id"] == realm["id"]
    bad = api.patch(f"/realms/{realm['id']}", json={"realm": {"nickname": "x"}})
    assert p.violations(bad) == {"realm.nickname": "unknown field"}


def test_patch_validates_display_name(api: httpx.Client) -> None:
    realm = api.post("/realms", json=p.realm("Valid")).json()
    assert p.violations(api.patch(f"/realms/{realm['id']}", json=p.realm(""))) == {
        "realm.display_name": "empty string"
    }


def test_patch_and_delete_of_missing_realm_are_404(api: httpx.Client) -> None:
    assert api.patch("/realms/0123456789abcdef", json=p.realm("X")).status_code == 404
    response = api.delete("/realms/0123456789abcdef")
    assert response.status_code == 404
    assert response.json()["details"][0]["resource_type"] == "Realm"


def test_duplicate_display_name_conflicts_on_create_and_rename(api: httpx.Client) -> None:
    first = api.post("/realms", json=p.realm("Twin")).json()
    other = api.post("/realms", json=p.realm("Other")).json()
    response = api.post("/realms", json=p.realm("Twin"))
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert api.patch(f"/realms/{other['id']}", json=p.realm("Twin")).status_code == 409
    # Renaming a realm to its own name is not a conflict.
    assert api.patch(f"/realms/{first['id']}", json=p.realm("Twin")).status_code == 200


@pytest.mark.parametrize("emulator", [True], indirect=True, ids=["accepts-repeats"])
def test_repeated_names_are_accepted_when_asked(emulator: Emulator, api: httpx.Client) -> None:
    # The contract documents no 409 on create: a real tenant may accept a repeated name.
    first = api.post("/realms", json=p.realm("Twin")).json()
    second = api.post("/realms", json=p.realm("Twin"))
    assert second.status_code == 200
    assert second.json()["id"] != first["id"]


def test_delete_returns_empty_200_and_removes(api: httpx.Client) -> None:
    realm = api.post("/realms", json=p.realm("Gone")).json()
    response = api.delete(f"/realms/{realm['id']}")
    assert response.status_code == 200
    assert response.content == b""
    assert api.get(f"/realms/{realm['id']}").status_code == 404


def test_delete_with_identities_is_409_realm_has_children(
    api: httpx.Client, emulator: Emulator
) -> None:
    realm = api.post("/realms", json=p.realm("Busy")).json()
    emulator.add_identity(realm["id"])
    response = api.delete(f"/realms/{realm['id']}")
    assert response.status_code == 409
    assert response.json() == {"code": "conflict", "message": "realm has children"}
    assert api.get(f"/realms/{realm['id']}").status_code == 200


def test_admin_realm_cannot_be_deleted(api: httpx.Client, emulator: Emulator) -> None:
    assert api.delete(f"/realms/{emulator.admin_realm_id}").status_code == 409


def test_delete_takes_applications_and_co_with_it(
    api: httpx.Client, realm_id: str, app: dict[str, object]
) -> None:
    assert api.delete(f"/realms/{realm_id}").status_code == 200
    response = api.get(f"/realms/{realm_id}/applications")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "The requested resource was not found.",
    }
