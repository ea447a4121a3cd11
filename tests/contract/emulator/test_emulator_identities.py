"""Identities: CreateIdentity, ListIdentities, GetIdentity, UpdateIdentity, DeleteIdentity,
BatchDeleteIdentities, over real HTTP (the autouse OpenAPI check validates every exchange)."""

from __future__ import annotations

import string
import uuid
from typing import Any

import httpx
import pytest
from helpers import builders as p
from helpers.directory_bodies import identity_body as body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beyondidentity_emulator import Emulator


def _create(api: httpx.Client, realm_id: str, username: str, **extra: Any) -> dict[str, Any]:
    return p.ok(api.post(f"/realms/{realm_id}/identities", json=body(username, **extra)))


def test_create_answers_the_openapi_identity(api: httpx.Client, realm_id: str) -> None:
    created = _create(
        api, realm_id, "test", primary_email_address="test@example.com", external_id="ext-1"
    )
    assert created["realm_id"] == realm_id
    assert created["display_name"] == "Test Identity"
    assert created["status"] == "active"
    assert created["enrollment_status"] == "UNENROLLED"
    assert created["traits"] == {
        "type": "traits_v0",
        "username": "test",
        "primary_email_address": "test@example.com",
        "external_id": "ext-1",
    }
    assert created["create_time"] == created["update_time"]
    assert len(created["id"]) == 16
    got = p.ok(api.get(f"/realms/{realm_id}/identities/{created['id']}"))
    assert got == created


def test_read_only_fields_are_ignored(api: httpx.Client, realm_id: str) -> None:
    request = body("ro")
    request["identity"].update(
        id="ffffffffffffffff",
        realm_id="x",
        enrollment_status="ENROLLED",
        create_time="2020-01-01T00:00:00Z",
    )
    created = p.ok(api.post(f"/realms/{realm_id}/identities", json=request))
    assert created["id"] != "ffffffffffffffff"
    assert created["realm_id"] == realm_id
    assert created["enrollment_status"] == "UNENROLLED"


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        ({"traits": {"type": "traits_v0", "username": "u"}}, {"identity.display_name": "missing"}),
        (
            {"display_name": "", "traits": {"type": "traits_v0", "username": "u"}},
            {"identity.display_name": "empty string"},
        ),
        ({"display_name": "A"}, {"identity.traits": "missing"}),
        (
            {"display_name": "A", "traits": {"username": "u"}},
            {"identity.traits.type": "missing"},
        ),
        (
            {"display_name": "A", "traits": {"type": "traits_v1", "username": "u"}},
            {"identity.traits.type": "must be one of: traits_v0"},
        ),
        (
            {"display_name": "A", "traits": {"type": "traits_v0"}},
            {"identity.traits.username": "missing"},
        ),
        (
            {"display_name": "A", "traits": {"type": "traits_v0", "username": "a/b"}},
            {"identity.traits.username": "contains characters that are not allowed"},
        ),
        (
            {"display_name": "A", "traits": {"type": "traits_v0", "username": "u" * 65}},
            {"identity.traits.username": "must be at most 64 characters"},
        ),
        (
            {"display_name": "A", "traits": {"type": "traits_v0", "username": "u", "x": "1"}},
            {"identity.traits.x": "unknown field"},
        ),
        (
            {"display_name": "A", "traits": {"type": "traits_v0", "username": "u", "title": 1}},
            {"identity.traits.title": "must be a string"},
        ),
        (
            {
                "display_name": "A",
                "status": "frozen",
                "traits": {"type": "traits_v0", "username": "u"},
            },
            {"identity.status": "must be one of: active, suspended"},
        ),
    ],
)
def test_invalid_identities_are_400_field_violations(
    api: httpx.Client, realm_id: str, identity: dict[str, Any], expected: dict[str, str]
) -> None:
    response = api.post(f"/realms/{realm_id}/identities", json={"identity": identity})
    assert p.violations(response) == expected


def test_malformed_and_unenveloped_bodies_are_400(api: httpx.Client, realm_id: str) -> None:
    bad = api.post(
        f"/realms/{realm_id}/identities",
        content=b"{",
        headers={"Content-Type": "application/json"},
    )
    assert bad.status_code == 400
    assert bad.json() == {"code": "bad_request", "message": "invalid request"}
    assert p.violations(api.post(f"/realms/{realm_id}/identities", json={"user": {}})) == {
        "user": "unknown field",
        "identity": "missing",
    }


def test_username_is_unique_case_insensitively(api: httpx.Client, realm_id: str) -> None:
    _create(api, realm_id, "Alice")
    response = api.post(f"/realms/{realm_id}/identities", json=body("aLICE"))
    assert response.status_code == 409
    assert response.json() == {"code": "conflict", "message": "username already exists"}


@pytest.mark.parametrize("emulator", [True], indirect=True)
def test_repeated_usernames_stay_refused_with_accept_repeated_keys(
    api: httpx.Client, realm_id: str
) -> None:
    # The 409 is documented (Traits_v0, CreateIdentity), so the mode does not relax it.
    _create(api, realm_id, "bob")
    assert api.post(f"/realms/{realm_id}/identities", json=body("BOB")).status_code == 409


def test_usernames_are_unique_per_realm_only(api: httpx.Client, realm_id: str) -> None:
    other = p.ok(api.post("/realms", json=p.realm("Other Realm")))["id"]
    _create(api, realm_id, "carol")
    _create(api, other, "carol")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(username=st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=12))
def test_any_case_variant_of_a_username_conflicts(api: httpx.Client, username: str) -> None:
    # A realm per example: the same fixture serves every example.
    realm_id = p.ok(api.post("/realms", json=p.realm(f"Case {uuid.uuid4().hex[:8]}")))["id"]
    url = f"/realms/{realm_id}/identities"
    p.ok(api.post(url, json=body(username)))
    for variant in {username.upper(), username.lower(), username.swapcase()}:
        assert api.post(url, json=body(variant)).status_code == 409
    found = p.ok(api.get(url, params={"filter": f'traits.username eq "{username.swapcase()}"'}))
    assert [i["traits"]["username"] for i in found["identities"]] == [username]


def test_patch_merges_traits_and_keeps_the_rest(api: httpx.Client, realm_id: str) -> None:
    created = _create(api, realm_id, "dave", primary_email_address="dave@example.com")
    url = f"/realms/{realm_id}/identities/{created['id']}"
    patched = p.ok(
        api.patch(
            url,
            json={
                "identity": {
                    "display_name": "Dave D",
                    "traits": {"type": "traits_v0", "external_id": "e-9"},
                    "id": "ignored",
                }
            },
        )
    )
    assert patched["id"] == created["id"]
    assert patched["display_name"] == "Dave D"
    assert patched["traits"] == {
        "type": "traits_v0",
        "username": "dave",
        "primary_email_address": "dave@example.com",
        "external_id": "e-9",
    }
    assert patched["create_time"] == created["create_time"]
    suspended = p.ok(api.patch(url, json={"identity": {"status": "suspended"}}))
    assert suspended["status"] == "suspended"
    assert p.ok(api.get(url)) == suspended


def test_patch_rules(api: httpx.Client, realm_id: str) -> None:
    erin = _create(api, realm_id, "erin")
    _create(api, realm_id, "frank")
    url = f"/realms/{realm_id}/identities/{erin['id']}"
    # Traits_v0.type "must be provided on all writes".
    assert p.violations(api.patch(url, json={"identity": {"traits": {"username": "e"}}})) == {
        "identity.traits.type": "missing"
    }
    renamed = api.patch(
        url, json={"identity": {"traits": {"type": "traits_v0", "username": "FRANK"}}}
    )
    assert renamed.status_code == 409
    assert renamed.json()["message"] == "username already exists"
    # Its own username in another case is no conflict.
    same = api.patch(url, json={"identity": {"traits": {"type": "traits_v0", "username": "ERIN"}}})
    assert p.ok(same)["traits"]["username"] == "ERIN"


def test_missing_identity_and_realm_are_404(api: httpx.Client, realm_id: str) -> None:
    missing = api.get(f"/realms/{realm_id}/identities/0123456789abcdef")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": "not_found",
        "message": "identity not found",
        "details": [
            {
                "type": "ResourceInfo",
                "resource_type": "Identity",
                "id": "0123456789abcdef",
                "description": "identity not found",
            }
        ],
    }
    for answer in (
        api.patch(f"/realms/{realm_id}/identities/0123456789abcdef", json=body("x")),
        api.delete(f"/realms/{realm_id}/identities/0123456789abcdef"),
    ):
        assert answer.status_code == 404
    no_realm = api.get("/realms/0123456789abcdef/identities")
    assert no_realm.status_code == 404
    assert no_realm.json() == {
        "code": "not_found",
        "message": "The requested resource was not found.",
    }


def test_delete_answers_200_with_no_body(api: httpx.Client, realm_id: str) -> None:
    created = _create(api, realm_id, "gone")
    url = f"/realms/{realm_id}/identities/{created['id']}"
    deleted = api.delete(url)
    assert deleted.status_code == 200
    assert deleted.content == b""
    assert api.get(url).status_code == 404


def test_realm_with_identities_cannot_be_deleted(api: httpx.Client, realm_id: str) -> None:
    created = _create(api, realm_id, "blocker")
    refused = api.delete(f"/realms/{realm_id}")
    assert refused.status_code == 409
    assert refused.json() == {"code": "conflict", "message": "realm has children"}
    assert api.delete(f"/realms/{realm_id}/identities/{created['id']}").status_code == 200
    assert api.delete(f"/realms/{realm_id}").status_code == 200


def test_list_pages_20_by_default_with_skip_and_total(api: httpx.Client, realm_id: str) -> None:
    made = [_create(api, realm_id, f"user{n:02}")["id"] for n in range(23)]
    first = p.ok(api.get(f"/realms/{realm_id}/identities"))
    assert len(first["identities"]) == 20
    assert first["total_size"] == 23
    rest = p.ok(
        api.get(f"/realms/{realm_id}/identities", params={"page_token": first["next_page_token"]})
    )
    assert "next_page_token" not in rest
    assert sorted(i["id"] for i in first["identities"] + rest["identities"]) == sorted(made)
    skipped = p.ok(api.get(f"/realms/{realm_id}/identities", params={"skip": 21}))
    assert len(skipped["identities"]) == 2
    big = p.ok(api.get(f"/realms/{realm_id}/identities", params={"page_size": 500}))
    assert len(big["identities"]) == 23


def test_username_filter_matches_case_insensitively(api: httpx.Client, realm_id: str) -> None:
    for n in range(3):
        _create(api, realm_id, f"pat{n}")
    url = f"/realms/{realm_id}/identities"
    only = p.ok(api.get(url, params={"filter": 'traits.username eq "PAT1"'}))
    assert [i["traits"]["username"] for i in only["identities"]] == ["pat1"]
    assert only["total_size"] == 1
    none = p.ok(api.get(url, params={"filter": 'traits.username eq "nobody"'}))
    assert none == {"identities": [], "total_size": 0}


def test_a_page_token_does_not_take_another_filter(api: httpx.Client, realm_id: str) -> None:
    # ListIdentities: the token keeps the filter, which "may not be overridden" (400).
    for n in range(3):
        _create(api, realm_id, f"kim{n}")
    url = f"/realms/{realm_id}/identities"
    token = p.ok(api.get(url, params={"page_size": 2}))["next_page_token"]
    assert len(p.ok(api.get(url, params={"page_token": token}))["identities"]) == 1
    overridden = api.get(url, params={"page_token": token, "filter": 'traits.username eq "kim0"'})
    assert p.violations(overridden) == {"page_token": "invalid page token"}


def test_unsupported_filters_are_400(api: httpx.Client, realm_id: str) -> None:
    for expression in ('display_name eq "A"', 'traits.username co "a"', "nonsense"):
        answer = api.get(f"/realms/{realm_id}/identities", params={"filter": expression})
        assert set(p.violations(answer)) == {"filter"}


def test_batch_delete(api: httpx.Client, realm_id: str) -> None:
    ids = [_create(api, realm_id, f"b{n}")["id"] for n in range(3)]
    url = f"/realms/{realm_id}/identities:batchDelete"
    repeated = api.post(url, json={"ids": [ids[0], ids[0]]})
    assert p.violations(repeated) == {"ids": "must not contain duplicate values"}
    assert p.violations(api.post(url, json={"ids": []})) == {
        "ids": "array must contain at least 1 element"
    }
    unknown = api.post(url, json={"ids": [ids[0], "0123456789abcdef"]})
    assert unknown.status_code == 404
    assert unknown.json()["details"][0]["errors"][0]["IDs"] == ["0123456789abcdef"]
    # "the request will fail and no identities will be deleted"
    assert p.ok(api.get(f"/realms/{realm_id}/identities/{ids[0]}"))["id"] == ids[0]
    done = api.post(url, json={"ids": ids[:2]})
    assert done.status_code == 200
    assert done.content == b""
    left = p.ok(api.get(f"/realms/{realm_id}/identities"))
    assert [i["id"] for i in left["identities"]] == [ids[2]]


def test_identity_scopes_are_checked(emulator: Emulator, realm_id: str) -> None:
    token = p.ok(
        httpx.post(
            emulator.management_token_url,
            auth=(emulator.management_client_id, emulator.management_client_secret),
            data={"grant_type": "client_credentials", "scope": "identities:read"},
        )
    )["access_token"]
    url = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{realm_id}/identities"
    headers = {"Authorization": f"Bearer {token}"}
    assert httpx.get(url, headers=headers).status_code == 200
    refused = httpx.post(url, headers=headers, json=body("nope"))
    assert refused.status_code == 403
    assert refused.json() == {"code": "forbidden", "message": "forbidden"}
