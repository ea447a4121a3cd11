"""Groups and membership: CreateGroup, ListGroups, GetGroup, UpdateGroup, DeleteGroup,
AddGroupMembers, DeleteGroupMembers, ListGroupMembers, ListIdentityGroups; faults and the
repeated-keys mode on them. Real HTTP; the autouse OpenAPI check validates every exchange."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from helpers import builders as p
from helpers.directory_bodies import group_body, identity_body

from beyondidentity_emulator import Emulator


def _group(api: httpx.Client, realm_id: str, name: str = "Pilot", **extra: Any) -> dict[str, Any]:
    return p.ok(api.post(f"/realms/{realm_id}/groups", json=group_body(name, **extra)))


def _identity(api: httpx.Client, realm_id: str, username: str) -> str:
    return str(p.ok(api.post(f"/realms/{realm_id}/identities", json=identity_body(username)))["id"])


def _members(api: httpx.Client, realm_id: str, group_id: str) -> list[str]:
    listed = p.ok(api.get(f"/realms/{realm_id}/groups/{group_id}:listMembers"))
    return sorted(i["id"] for i in listed["identities"])


def test_group_crud(api: httpx.Client, realm_id: str) -> None:
    created = _group(api, realm_id, "Realm Administrators", description="Admins.")
    assert created["realm_id"] == realm_id
    assert created["display_name"] == "Realm Administrators"
    assert created["description"] == "Admins."
    assert len(created["id"]) == 16
    url = f"/realms/{realm_id}/groups/{created['id']}"
    assert p.ok(api.get(url)) == created
    patched = p.ok(api.patch(url, json={"group": {"display_name": "Admins", "id": "x"}}))
    assert patched["id"] == created["id"]
    assert patched["display_name"] == "Admins"
    assert patched["description"] == "Admins."
    assert patched["create_time"] == created["create_time"]
    listed = p.ok(api.get(f"/realms/{realm_id}/groups"))
    assert listed == {"groups": [patched], "total_size": 1}
    deleted = api.delete(url)
    assert deleted.status_code == 200
    assert deleted.content == b""
    missing = api.get(url)
    assert missing.status_code == 404
    assert missing.json()["message"] == "group not found"
    assert missing.json()["details"][0]["resource_type"] == "Group"


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ({}, {"group.display_name": "missing"}),
        ({"display_name": ""}, {"group.display_name": "empty string"}),
        ({"display_name": "a" * 65}, {"group.display_name": "must be at most 64 characters"}),
        (
            {"display_name": "a<b"},
            {"group.display_name": "contains characters that are not allowed"},
        ),
        (
            {"display_name": "A", "description": "d" * 301},
            {"group.description": "must be at most 300 characters"},
        ),
        ({"display_name": "A", "members": []}, {"group.members": "unknown field"}),
    ],
)
def test_invalid_groups_are_400(
    api: httpx.Client, realm_id: str, group: dict[str, Any], expected: dict[str, str]
) -> None:
    assert p.violations(api.post(f"/realms/{realm_id}/groups", json={"group": group})) == expected


def test_repeated_group_names_are_409_by_default(api: httpx.Client, realm_id: str) -> None:
    _group(api, realm_id, "Pilot")
    refused = api.post(f"/realms/{realm_id}/groups", json=group_body("Pilot"))
    assert refused.status_code == 409
    assert refused.json()["code"] == "conflict"
    other = _group(api, realm_id, "Other")
    renamed = api.patch(f"/realms/{realm_id}/groups/{other['id']}", json=group_body("Pilot"))
    assert renamed.status_code == 409


@pytest.mark.parametrize("emulator", [True], indirect=True)
def test_repeated_group_names_are_accepted_with_accept_repeated_keys(
    api: httpx.Client, realm_id: str
) -> None:
    first = _group(api, realm_id, "Pilot")
    second = _group(api, realm_id, "Pilot")
    assert first["id"] != second["id"]


def test_members_are_added_listed_and_removed(api: httpx.Client, realm_id: str) -> None:
    group = _group(api, realm_id)
    ids = sorted(_identity(api, realm_id, f"m{n}") for n in range(3))
    url = f"/realms/{realm_id}/groups/{group['id']}"
    answered = p.ok(api.post(f"{url}:addMembers", json={"identity_ids": ids[:2]}))
    assert answered == group  # the 200 schema is the Group
    assert _members(api, realm_id, group["id"]) == ids[:2]
    # Adding a member again is no error; the group holds each identity once.
    p.ok(api.post(f"{url}:addMembers", json={"identity_ids": ids}))
    assert _members(api, realm_id, group["id"]) == ids
    groups_of = p.ok(api.get(f"/realms/{realm_id}/identities/{ids[0]}:listGroups"))
    assert groups_of == {"groups": [group], "total_size": 1}
    p.ok(api.post(f"{url}:deleteMembers", json={"identity_ids": [ids[0]]}))
    assert _members(api, realm_id, group["id"]) == ids[1:]
    assert p.ok(api.get(f"/realms/{realm_id}/identities/{ids[0]}:listGroups")) == {
        "groups": [],
        "total_size": 0,
    }


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({}, {"identity_ids": "missing"}),
        ({"identity_ids": []}, {"identity_ids": "array must contain at least 1 element"}),
        (
            {"identity_ids": [f"{n:016x}" for n in range(1001)]},
            {"identity_ids": "array exceeds 1000 elements"},
        ),
        ({"identity_ids": "abc"}, {"identity_ids": "must be an array of strings"}),
        ({"identity_ids": ["a", "a"]}, {"identity_ids": "must not contain duplicate values"}),
        ({"identity_ids": ["a"], "x": 1}, {"x": "unknown field"}),
    ],
)
@pytest.mark.parametrize("verb", ["addMembers", "deleteMembers"])
def test_member_id_lists_are_checked(
    api: httpx.Client, realm_id: str, verb: str, payload: dict[str, Any], expected: dict[str, str]
) -> None:
    group = _group(api, realm_id)
    answer = api.post(f"/realms/{realm_id}/groups/{group['id']}:{verb}", json=payload)
    assert p.violations(answer) == expected


@pytest.mark.parametrize("verb", ["addMembers", "deleteMembers"])
def test_unknown_identities_are_404_and_change_nothing(
    api: httpx.Client, realm_id: str, verb: str
) -> None:
    group = _group(api, realm_id)
    known = _identity(api, realm_id, "known")
    url = f"/realms/{realm_id}/groups/{group['id']}"
    if verb == "deleteMembers":
        p.ok(api.post(f"{url}:addMembers", json={"identity_ids": [known]}))
    before = _members(api, realm_id, group["id"])
    other_realm = p.ok(api.post("/realms", json=p.realm("Elsewhere")))["id"]
    stranger = _identity(api, other_realm, "stranger")
    answer = api.post(f"{url}:{verb}", json={"identity_ids": [known, stranger]})
    assert answer.status_code == 404
    assert answer.json()["message"] == "identities not found"
    assert answer.json()["details"][0]["errors"][0]["IDs"] == [stranger]
    assert _members(api, realm_id, group["id"]) == before


def test_member_operations_on_a_missing_group_are_404(api: httpx.Client, realm_id: str) -> None:
    url = f"/realms/{realm_id}/groups/0123456789abcdef"
    for answer in (
        api.post(f"{url}:addMembers", json={"identity_ids": ["a"]}),
        api.post(f"{url}:deleteMembers", json={"identity_ids": ["a"]}),
        api.get(f"{url}:listMembers"),
    ):
        assert answer.status_code == 404
        assert answer.json()["message"] == "group not found"
    assert api.get(f"/realms/{realm_id}/identities/0123456789abcdef:listGroups").status_code == 404


def test_group_with_members_cannot_be_deleted(api: httpx.Client, realm_id: str) -> None:
    group = _group(api, realm_id)
    member = _identity(api, realm_id, "member")
    url = f"/realms/{realm_id}/groups/{group['id']}"
    p.ok(api.post(f"{url}:addMembers", json={"identity_ids": [member]}))
    refused = api.delete(url)
    assert refused.status_code == 409
    assert refused.json() == {"code": "conflict", "message": "group has children"}
    p.ok(api.post(f"{url}:deleteMembers", json={"identity_ids": [member]}))
    assert api.delete(url).status_code == 200


def test_deleting_an_identity_ends_its_memberships(api: httpx.Client, realm_id: str) -> None:
    group = _group(api, realm_id)
    member = _identity(api, realm_id, "leaver")
    url = f"/realms/{realm_id}/groups/{group['id']}"
    p.ok(api.post(f"{url}:addMembers", json={"identity_ids": [member]}))
    assert api.delete(f"/realms/{realm_id}/identities/{member}").status_code == 200
    assert _members(api, realm_id, group["id"]) == []
    assert api.delete(url).status_code == 200


def test_realm_with_a_group_cannot_be_deleted(api: httpx.Client, realm_id: str) -> None:
    group = _group(api, realm_id)
    refused = api.delete(f"/realms/{realm_id}")
    assert refused.status_code == 409
    assert refused.json() == {"code": "conflict", "message": "realm has children"}
    assert api.delete(f"/realms/{realm_id}/groups/{group['id']}").status_code == 200
    assert api.delete(f"/realms/{realm_id}").status_code == 200


def test_group_and_member_lists_page_by_20(api: httpx.Client, realm_id: str) -> None:
    groups = [_group(api, realm_id, f"G{n:02}")["id"] for n in range(21)]
    first = p.ok(api.get(f"/realms/{realm_id}/groups"))
    assert (len(first["groups"]), first["total_size"]) == (20, 21)
    second = p.ok(
        api.get(f"/realms/{realm_id}/groups", params={"page_token": first["next_page_token"]})
    )
    assert sorted(g["id"] for g in first["groups"] + second["groups"]) == sorted(groups)
    assert len(p.ok(api.get(f"/realms/{realm_id}/groups", params={"skip": 20}))["groups"]) == 1
    ids = [_identity(api, realm_id, f"p{n:02}") for n in range(21)]
    url = f"/realms/{realm_id}/groups/{groups[0]}"
    p.ok(api.post(f"{url}:addMembers", json={"identity_ids": ids}))
    page = p.ok(api.get(f"{url}:listMembers", params={"page_size": 15}))
    assert (len(page["identities"]), page["total_size"]) == (15, 21)
    rest = p.ok(api.get(f"{url}:listMembers", params={"page_token": page["next_page_token"]}))
    assert len(rest["identities"]) == 6
    assert "next_page_token" not in rest
    bad = api.get(f"{url}:listMembers", params={"page_token": first["next_page_token"]})
    assert p.violations(bad) == {"page_token": "invalid page token"}


def test_member_operations_need_both_scopes(emulator: Emulator, realm_id: str) -> None:
    token = p.ok(
        httpx.post(
            emulator.management_token_url,
            auth=(emulator.management_client_id, emulator.management_client_secret),
            data={"grant_type": "client_credentials", "scope": "groups:update groups:read"},
        )
    )["access_token"]
    group = emulator.store.insert(
        "groups",
        {
            "id": "0123456789abcdef",
            "realm_id": realm_id,
            "tenant_id": emulator.tenant_id,
            "display_name": "Scoped",
            "create_time": "2026-01-01T00:00:00.000Z",
            "update_time": "2026-01-01T00:00:00.000Z",
        },
    )
    base = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{realm_id}/groups/{group['id']}"
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(base, headers=headers).status_code == 200
    # AddGroupMembers and ListGroupMembers also require identities:read.
    added = httpx.post(f"{base}:addMembers", headers=headers, json={"identity_ids": ["a"]})
    assert added.status_code == 403
    assert httpx.get(f"{base}:listMembers", headers=headers).status_code == 403


def test_faults_reach_the_new_endpoints(
    emulator: Emulator, api: httpx.Client, realm_id: str
) -> None:
    group = _group(api, realm_id)
    member = _identity(api, realm_id, "faulty")
    add = f"/realms/{realm_id}/groups/{group['id']}:addMembers"
    emulator.faults.add(method="POST", path="*:addMembers", kind="status", status=503, times=1)
    assert api.post(add, json={"identity_ids": [member]}).status_code == 503
    assert _members(api, realm_id, group["id"]) == []  # the fault answered before the handler
    emulator.faults.add(method="POST", path="*:addMembers", kind="drop_after_commit", times=1)
    with pytest.raises(httpx.TransportError):
        api.post(add, json={"identity_ids": [member]})
    assert _members(api, realm_id, group["id"]) == [member]  # committed, then cut
    emulator.faults.add(method="GET", path="*/identities", kind="repeat_page_token", times=2)
    first = p.ok(api.get(f"/realms/{realm_id}/identities", params={"page_size": 1}))
    again = p.ok(
        api.get(f"/realms/{realm_id}/identities", params={"page_token": first["next_page_token"]})
    )
    assert again == first
    counters = emulator.counters
    assert (
        counters["POST /v1/tenants/{tenant_id}/realms/{realm_id}/groups/{group_id}:addMembers"] == 2
    )
