"""The OpenAPI contract checker itself: it must catch what it claims to catch."""

from __future__ import annotations

from typing import Any

import httpx
from helpers import openapi_contract as contract

from beyondidentity_emulator import Emulator

TENANT = "000176d94fd7b4d1"
REALM = {
    "id": "19a95130480dfa79",
    "tenant_id": TENANT,
    "display_name": "Test Realm",
    "classification": "SECURE_CUSTOMER",
    "create_time": "2022-05-18T18:00:01.167Z",
    "update_time": "2022-05-18T18:00:01.167Z",
}


def _exchange(
    method: str,
    route: str,
    path: str,
    status: int,
    response_body: Any = None,
    request_body: Any = None,
    fault: str | None = None,
) -> dict[str, Any]:
    return {
        "method": method,
        "path": path,
        "query": {},
        "route": route,
        "request_headers": {"content-type": "application/json"} if request_body is not None else {},
        "request_body": request_body,
        "request_form": None,
        "request_text": None,
        "status": status,
        "response_headers": {"content-type": "application/json"}
        if response_body is not None
        else {},
        "response_body": response_body,
        "fault": fault,
        "time": 0.0,
    }


REALMS_ROUTE = "/v1/tenants/{tenant_id}/realms"
REALM_ROUTE = REALMS_ROUTE + "/{realm_id}"
REALMS_PATH = f"/v1/tenants/{TENANT}/realms"


def test_valid_exchange_passes() -> None:
    assert (
        contract.check_exchange(
            _exchange(
                "POST",
                REALMS_ROUTE,
                REALMS_PATH,
                200,
                REALM,
                {"realm": {"display_name": "Test Realm"}},
            )
        )
        == []
    )


def test_invalid_response_body_is_reported() -> None:
    bad = {**REALM, "create_time": "yesterday"}
    problems = contract.check_exchange(
        _exchange("GET", REALM_ROUTE, f"{REALMS_PATH}/{REALM['id']}", 200, bad)
    )
    assert len(problems) == 1
    assert "date-time" in problems[0]


def test_missing_required_list_field_is_reported() -> None:
    problems = contract.check_exchange(
        _exchange("GET", REALMS_ROUTE, REALMS_PATH, 200, {"realms": []})
    )
    assert problems
    assert "total_size" in problems[0]


def test_undocumented_status_is_reported() -> None:
    body = {"code": "conflict", "message": "x"}
    problems = contract.check_exchange(_exchange("GET", REALM_ROUTE, f"{REALMS_PATH}/x", 409, body))
    assert problems
    assert "not documented" in problems[0]


def test_patched_409s_are_accepted_but_must_be_errors() -> None:
    ok = _exchange("POST", REALMS_ROUTE, REALMS_PATH, 409, {"code": "conflict", "message": "dup"})
    assert contract.check_exchange(ok) == []
    bad = _exchange("POST", REALMS_ROUTE, REALMS_PATH, 409, {"error": "conflict"})
    assert contract.check_exchange(bad)


def test_accepted_invalid_request_is_reported() -> None:
    problems = contract.check_exchange(
        _exchange("POST", REALMS_ROUTE, REALMS_PATH, 200, REALM, {"realm": {"display_name": "a/b"}})
    )
    assert problems
    assert "accepted an invalid request" in problems[0]


def test_rejected_invalid_request_is_fine() -> None:
    error = {
        "code": "bad_request",
        "message": "invalid parameters",
        "details": [
            {
                "type": "FieldViolations",
                "field_violations": [{"field": "realm.display_name", "description": "x"}],
            }
        ],
    }
    assert (
        contract.check_exchange(
            _exchange(
                "POST", REALMS_ROUTE, REALMS_PATH, 400, error, {"realm": {"display_name": "a/b"}}
            )
        )
        == []
    )


def test_partial_patch_is_checked_against_the_result() -> None:
    route = REALM_ROUTE + "/authenticator-configs/{authenticator_config_id}"
    path = f"{REALMS_PATH}/{REALM['id']}/authenticator-configs/73731b7f-eb76-4143-9b4b-81a720385f5a"
    result = {
        "id": "73731b7f-eb76-4143-9b4b-81a720385f5a",
        "realm_id": REALM["id"],
        "tenant_id": TENANT,
        "display_name": "E",
        "config": {
            "type": "embedded",
            "invoke_url": "https://new",
            "trusted_origins": [],
            "invocation_type": "automatic",
        },
    }
    partial = {"authenticator_config": {"config": {"invoke_url": "https://new"}}}
    assert contract.check_exchange(_exchange("PATCH", route, path, 200, result, partial)) == []
    wrong = {"authenticator_config": {"config": {"invocation_type": "sometimes"}}}
    assert contract.check_exchange(_exchange("PATCH", route, path, 200, result, wrong))


def test_injected_fault_bodies_must_still_be_errors() -> None:
    ok = _exchange(
        "GET",
        REALMS_ROUTE,
        REALMS_PATH,
        503,
        {"code": "service_unavailable", "message": "x"},
        fault="status",
    )
    assert contract.check_exchange(ok) == []
    bad = _exchange("GET", REALMS_ROUTE, REALMS_PATH, 429, {"oops": True}, fault="rate_limit")
    assert contract.check_exchange(bad)


def test_out_of_scope_exchanges_are_skipped() -> None:
    token = _exchange(
        "POST",
        "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/token",
        "/whatever",
        200,
        {"anything": 1},
    )
    assert contract.check_exchange(token) == []
    assert contract.check_exchange(_exchange("GET", None, "/nowhere", 404, {"x": 1})) == []  # type: ignore[arg-type]


def test_emulator_exchanges_from_the_admin_surface_validate(
    api: httpx.Client, emulator: Emulator
) -> None:
    api.post("/realms", json={"realm": {"display_name": "Via admin"}})
    exchanges = httpx.get(
        f"{emulator.url}/__emulator/requests",
        headers={"Authorization": f"Bearer {emulator.api_token}"},
    ).json()["requests"]
    assert exchanges
    assert all(contract.is_checked(e) for e in exchanges)
    assert contract.check_exchanges(exchanges) == []


def test_spec_patches_are_documented_and_applied() -> None:
    spec = contract.patched_spec_copy()
    assert all(patch.reason for patch in contract.SPEC_PATCHES)
    enum = spec["components"]["schemas"]["TokenConfiguration"]["properties"]["subject_field"][
        "enum"
    ]
    assert "external_id" in enum
    assert "409" in spec["paths"][REALMS_ROUTE]["post"]["responses"]


def test_spec_loads_once() -> None:
    # How long the load takes is for a benchmark, not a test (machines are noisy).
    assert contract.load_seconds() == contract.load_seconds()  # cached, not reloaded


DIRECTORY_OPERATIONS = {
    ("POST", "/identities"): "CreateIdentity",
    ("GET", "/identities"): "ListIdentities",
    ("POST", "/identities:batchDelete"): "BatchDeleteIdentities",
    ("GET", "/identities/{identity_id}"): "GetIdentity",
    ("PATCH", "/identities/{identity_id}"): "UpdateIdentity",
    ("DELETE", "/identities/{identity_id}"): "DeleteIdentity",
    ("GET", "/identities/{identity_id}:listGroups"): "ListIdentityGroups",
    ("POST", "/groups"): "CreateGroup",
    ("GET", "/groups"): "ListGroups",
    ("GET", "/groups/{group_id}"): "GetGroup",
    ("PATCH", "/groups/{group_id}"): "UpdateGroup",
    ("DELETE", "/groups/{group_id}"): "DeleteGroup",
    ("POST", "/groups/{group_id}:addMembers"): "AddGroupMembers",
    ("POST", "/groups/{group_id}:deleteMembers"): "DeleteGroupMembers",
    ("GET", "/groups/{group_id}:listMembers"): "ListGroupMembers",
}


def test_identity_and_group_operations_are_checked() -> None:
    for (method, tail), operation in DIRECTORY_OPERATIONS.items():
        route = REALM_ROUTE + tail
        assert contract.is_checked({"method": method, "route": route}), operation
        assert contract.CHECKED_OPERATIONS[(method, route)] == operation
    identity = {
        "id": "e372db224c06e850",
        "realm_id": REALM["id"],
        "tenant_id": TENANT,
        "display_name": "Test Identity",
        "traits": {"type": "traits_v0", "username": 5},
    }
    path = f"{REALMS_PATH}/{REALM['id']}/identities/{identity['id']}"
    problems = contract.check_exchange(
        _exchange("GET", REALM_ROUTE + "/identities/{identity_id}", path, 200, identity)
    )
    assert len(problems) == 1
    assert "GetIdentity: invalid response" in problems[0]
    members = contract.check_exchange(
        _exchange(
            "GET",
            REALM_ROUTE + "/groups/{group_id}:listMembers",
            f"{REALMS_PATH}/{REALM['id']}/groups/81490afab171aef0:listMembers",
            200,
            {"identities": [identity]},
        )
    )
    assert len(members) == 1
    assert "ListGroupMembers" in members[0]
