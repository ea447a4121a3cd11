"""Request log, redaction, counters, listeners and the /__emulator/ admin surface."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import (
    Emulator,
    Exchange,
    add_exchange_listener,
    remove_exchange_listener,
)


@pytest.fixture
def admin(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=f"{emulator.url}/__emulator",
        headers={"Authorization": f"Bearer {emulator.api_token}"},
    ) as client:
        yield client


def test_exchange_fields(api: httpx.Client, emulator: Emulator) -> None:
    emulator.clear_requests()
    api.post("/realms", json=p.realm("Logged"), params={"trace": "1"}, headers={"X-Trace": "abc"})
    (exchange,) = emulator.requests
    assert exchange.method == "POST"
    assert exchange.path == f"/v1/tenants/{emulator.tenant_id}/realms"
    assert exchange.route == "/v1/tenants/{tenant_id}/realms"
    assert exchange.query == {"trace": "1"}
    assert exchange.request_headers["x-trace"] == "abc"
    assert "authorization" not in exchange.request_headers
    assert exchange.request_body == {"realm": {"display_name": "Logged"}}
    assert exchange.request_form is None
    assert exchange.status == 200
    assert exchange.response_headers["content-type"] == "application/json"
    assert exchange.response_body["display_name"] == "Logged"
    assert exchange.fault is None
    assert exchange.to_dict()["status"] == 200


def test_unparseable_body_is_kept_as_text(api: httpx.Client, emulator: Emulator) -> None:
    api.post("/realms", content=b"{oops", headers={"Content-Type": "application/json"})
    assert emulator.requests[-1].request_text == "{oops"
    assert emulator.requests[-1].request_body is None


def test_token_forms_are_redacted(emulator: Emulator) -> None:
    httpx.post(
        emulator.management_token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": emulator.management_client_id,
            "client_secret": emulator.management_client_secret,
        },
    )
    httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"grant_type": "authorization_code", "code": "c", "code_verifier": "v" * 43},
    )
    post, basic = emulator.requests[-2:]
    assert post.request_form == {
        "grant_type": "client_credentials",
        "client_id": emulator.management_client_id,
        "client_secret": "[redacted]",
    }
    assert basic.request_form is not None
    assert basic.request_form["code_verifier"] == "[redacted]"
    for exchange in (post, basic):
        assert "authorization" not in exchange.request_headers
        assert emulator.management_client_secret not in repr(exchange.request_headers)
        assert emulator.management_client_secret not in repr(exchange.request_form)


def test_counters_per_route_and_tokens(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    emulator.clear_counters()
    api.post(f"/realms/{realm_id}/applications", json=p.client_credentials_app())
    api.post(f"/realms/{realm_id}/applications", json={"application": {}})
    api.get(f"/realms/{realm_id}/applications")
    httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"grant_type": "client_credentials"},
    )
    httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, "wrong"),
        data={"grant_type": "client_credentials"},
    )
    counters = emulator.counters
    assert counters["POST /v1/tenants/{tenant_id}/realms/{realm_id}/applications"] == 2
    assert counters["GET /v1/tenants/{tenant_id}/realms/{realm_id}/applications"] == 1
    assert (
        counters[
            "POST /v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}/token"
        ]
        == 2
    )
    assert counters["token_requests"] == 1  # only issued tokens count


def test_listeners_see_every_exchange(api: httpx.Client) -> None:
    seen: list[Exchange] = []
    add_exchange_listener(seen.append)
    try:
        api.get("/realms")
    finally:
        remove_exchange_listener(seen.append)
    api.get("/realms")
    assert [e.path.rsplit("/", 1)[-1] for e in seen] == ["realms"]


def test_admin_requests_and_counters(
    api: httpx.Client, admin: httpx.Client, emulator: Emulator
) -> None:
    api.get("/realms")
    listed = admin.get("/requests").json()["requests"]
    assert [e["route"] for e in listed] == ["/v1/tenants/{tenant_id}/realms"]
    assert "authorization" not in listed[0]["request_headers"]
    counters = admin.get("/counters").json()["counters"]
    assert counters == {"GET /v1/tenants/{tenant_id}/realms": 1}  # admin calls are not counted
    assert admin.delete("/requests").status_code == 204
    assert admin.get("/requests").json() == {"requests": []}
    assert admin.delete("/counters").status_code == 204
    assert admin.get("/counters").json() == {"counters": {}}
    assert emulator.requests == []


def test_admin_info_matches_the_emulator(admin: httpx.Client, emulator: Emulator) -> None:
    assert admin.get("/info").json() == emulator.info()
    assert emulator.info()["management_token_url"] == emulator.management_token_url


def test_admin_identities_block_realm_deletion(
    api: httpx.Client, admin: httpx.Client, realm_id: str
) -> None:
    created = admin.post("/identities", json={"realm_id": realm_id, "email": "bob@example.com"})
    assert created.status_code == 201
    assert created.json()["traits"]["primary_email_address"] == "bob@example.com"
    assert api.delete(f"/realms/{realm_id}").status_code == 409
    assert admin.post("/identities", json={"realm_id": "0123456789abcdef"}).status_code == 404
    assert admin.post("/identities", json={"realm_id": realm_id, "age": 3}).status_code == 400


def test_admin_reset_restores_the_seed(
    api: httpx.Client, admin: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    credentials = (emulator.management_client_id, emulator.management_client_secret)
    emulator.faults.add(path="/nowhere", kind="status", status=500)
    assert admin.post("/reset").status_code == 204
    realms = api.get("/realms").json()["realms"]
    assert [r["id"] for r in realms] == [emulator.admin_realm_id]
    assert (emulator.management_client_id, emulator.management_client_secret) == credentials
    assert emulator.faults.list() == []
    token = httpx.post(
        emulator.management_token_url, auth=credentials, data={"grant_type": "client_credentials"}
    )
    assert token.status_code == 200


def test_unknown_paths_are_json_404(emulator: Emulator) -> None:
    response = httpx.get(f"{emulator.url}/v2/nothing")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    wrong_method = httpx.put(
        f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms",
        headers={"Authorization": f"Bearer {emulator.api_token}"},
    )
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"
