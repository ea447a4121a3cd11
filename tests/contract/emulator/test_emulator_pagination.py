"""List pagination: defaults, clamps, opaque tokens, skip."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import Emulator


def _collect(api: httpx.Client, path: str, key: str, **params: Any) -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    query = dict(params)
    while True:
        response = api.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body[key])
        token = body.get("next_page_token")
        if token is None:
            return pages
        assert token  # never an empty string
        query = {"page_token": token}


def _seed_realms(emulator: Emulator, count: int) -> None:
    # Out-of-band inserts keep large fixtures fast; the list responses are still
    # checked against the spec.
    with emulator.store.transaction():
        for i in range(count):
            emulator.store.insert(
                "realms",
                {
                    "id": f"{i:016x}",
                    "tenant_id": emulator.tenant_id,
                    "display_name": f"Realm {i}",
                    "classification": "SECURE_CUSTOMER",
                    "create_time": "2024-01-01T00:00:00.000Z",
                    "update_time": "2024-01-01T00:00:00.000Z",
                },
            )


def test_realms_default_page_is_20_and_tokens_walk_everything(
    api: httpx.Client, emulator: Emulator
) -> None:
    for i in range(24):
        assert api.post("/realms", json=p.realm(f"R{i}")).status_code == 200
    first = api.get("/realms").json()
    assert len(first["realms"]) == 20
    assert first["total_size"] == 25
    pages = _collect(api, "/realms", "realms")
    assert [len(page) for page in pages] == [20, 5]
    ids = [r["id"] for page in pages for r in page]
    assert len(set(ids)) == 25
    assert emulator.admin_realm_id in ids


def test_realm_page_size_clamps_to_200(api: httpx.Client, emulator: Emulator) -> None:
    _seed_realms(emulator, 205)
    body = api.get("/realms", params={"page_size": 500}).json()
    assert len(body["realms"]) == 200
    assert body["total_size"] == 206
    rest = api.get("/realms", params={"page_token": body["next_page_token"]}).json()
    assert len(rest["realms"]) == 6
    assert "next_page_token" not in rest


def test_application_pages_default_and_clamp_to_100(api: httpx.Client, realm_id: str) -> None:
    path = f"/realms/{realm_id}/applications"
    for i in range(101):
        assert (
            api.post(path, json=p.client_credentials_app(display_name=f"A{i}")).status_code == 200
        )
    default = api.get(path).json()
    assert len(default["applications"]) == 100
    assert default["total_size"] == 101
    clamped = api.get(path, params={"page_size": 1000}).json()
    assert len(clamped["applications"]) == 100
    last = api.get(path, params={"page_token": clamped["next_page_token"]}).json()
    assert len(last["applications"]) == 1
    assert "next_page_token" not in last


def test_token_keeps_page_size_unless_overridden(api: httpx.Client) -> None:
    for i in range(6):
        api.post("/realms", json=p.realm(f"R{i}"))
    first = api.get("/realms", params={"page_size": 2}).json()
    second = api.get("/realms", params={"page_token": first["next_page_token"]}).json()
    assert len(second["realms"]) == 2
    third = api.get(
        "/realms", params={"page_token": second["next_page_token"], "page_size": 10}
    ).json()
    assert len(third["realms"]) == 3
    assert "next_page_token" not in third


def test_exact_multiple_has_no_token_on_last_page(api: httpx.Client, realm_id: str) -> None:
    path = f"/realms/{realm_id}/resource-servers"
    for i in range(4):
        api.post(path, json=p.resource_server(identifier=f"urn:rs:{i}"))
    assert [len(page) for page in _collect(api, path, "resource_servers", page_size=2)] == [2, 2]


def test_page_size_zero_means_default(api: httpx.Client) -> None:
    for i in range(21):
        api.post("/realms", json=p.realm(f"R{i}"))
    assert len(api.get("/realms", params={"page_size": 0}).json()["realms"]) == 20


def test_deleting_between_pages_skips_nothing(api: httpx.Client, realm_id: str) -> None:
    path = f"/realms/{realm_id}/resource-servers"
    ids = [
        api.post(path, json=p.resource_server(identifier=f"urn:rs:{i}")).json()["id"]
        for i in range(5)
    ]
    first = api.get(path, params={"page_size": 2}).json()
    assert [rs["id"] for rs in first["resource_servers"]] == ids[:2]
    api.delete(f"{path}/{ids[0]}")
    rest = _collect(api, path, "resource_servers", page_token=first["next_page_token"])
    assert [rs["id"] for page in rest for rs in page] == ids[2:]


def test_skip_applies_to_realms(api: httpx.Client, emulator: Emulator) -> None:
    created = [api.post("/realms", json=p.realm(f"R{i}")).json()["id"] for i in range(3)]
    body = api.get("/realms", params={"skip": 2}).json()
    assert [r["id"] for r in body["realms"]] == created[1:]
    assert body["total_size"] == 4


@pytest.mark.parametrize(
    ("params", "field", "description"),
    [
        ({"page_token": "garbage!"}, "page_token", "invalid page token"),
        ({"page_token": "eyJ2IjoxfQ"}, "page_token", "invalid page token"),
        ({"page_size": "ten"}, "page_size", "must be a non-negative integer"),
        ({"page_size": "-1"}, "page_size", "must be a non-negative integer"),
        ({"skip": "x"}, "skip", "must be a non-negative integer"),
    ],
)
def test_bad_paging_parameters_are_400(
    api: httpx.Client, params: dict[str, str], field: str, description: str
) -> None:
    assert p.violations(api.get("/realms", params=params)) == {field: description}


def test_token_of_another_list_is_invalid(api: httpx.Client, realm_id: str) -> None:
    for i in range(3):
        api.post("/realms", json=p.realm(f"R{i}"))
    token = api.get("/realms", params={"page_size": 1}).json()["next_page_token"]
    response = api.get(f"/realms/{realm_id}/applications", params={"page_token": token})
    assert p.violations(response) == {"page_token": "invalid page token"}
    other = api.post("/realms", json=p.realm("Other")).json()["id"]
    for i in range(2):
        api.post(
            f"/realms/{realm_id}/applications", json=p.client_credentials_app(display_name=f"A{i}")
        )
    app_token = api.get(f"/realms/{realm_id}/applications", params={"page_size": 1}).json()[
        "next_page_token"
    ]
    response = api.get(f"/realms/{other}/applications", params={"page_token": app_token})
    assert p.violations(response) == {"page_token": "invalid page token"}
