"""Fault injection: every kind, from status and rate_limit to the after-commit answers."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest
from helpers import builders as p

from beyondidentity_emulator import Emulator

APPS = "/v1/tenants/*/realms/*/applications"
CONFIGS = "/v1/tenants/*/realms/*/authenticator-configs"
REALM_PATTERN = "/v1/tenants/*/realms/*"


def test_status_fault_answers_without_handling(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    fault = emulator.faults.add(method="POST", path=APPS, kind="status", status=503, times=2)
    path = f"/realms/{realm_id}/applications"
    for _ in range(2):
        response = api.post(path, json=p.client_credentials_app())
        assert response.status_code == 503
        assert response.json() == {"code": "service_unavailable", "message": "service unavailable"}
    assert api.get(path).json()["total_size"] == 0  # faulted requests changed nothing
    assert api.post(path, json=p.client_credentials_app()).status_code == 200
    assert fault.hits == 2
    assert fault.remaining == 0
    assert [e.fault for e in emulator.requests if e.method == "POST"][-3:] == [
        "status",
        "status",
        None,
    ]


def test_fault_matching_by_method_and_pattern(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="GET", path=APPS, kind="status", status=500, times=None)
    path = f"/realms/{realm_id}/applications"
    assert api.post(path, json=p.client_credentials_app()).status_code == 200  # other method
    assert api.get(f"/realms/{realm_id}/resource-servers").status_code == 200  # other path
    assert api.get(path).status_code == 500
    assert api.get(path).status_code == 500  # times=None never runs out
    emulator.faults.clear()
    assert api.get(path).status_code == 200


def test_star_method_matches_everything(api: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add(method="*", path="/v1/tenants/*", kind="status", status=502, times=1)
    assert api.get(f"{emulator.url}/v1/tenants/{emulator.tenant_id}").status_code == 502


@pytest.mark.parametrize("retry_after", ["1", "Wed, 21 Oct 2015 07:28:00 GMT"])
def test_rate_limit_sends_retry_after_verbatim(
    api: httpx.Client, emulator: Emulator, retry_after: str
) -> None:
    emulator.faults.add(
        method="GET", path="*/realms", kind="rate_limit", times=3, retry_after=retry_after
    )
    for _ in range(3):
        response = api.get("/realms")
        assert response.status_code == 429
        assert response.headers["Retry-After"] == retry_after
        assert response.json() == {"code": "too_many_requests", "message": "too many requests"}
    assert api.get("/realms").status_code == 200


def test_rate_limit_without_retry_after(api: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add(path="*/realms", kind="rate_limit")
    response = api.get("/realms")
    assert response.status_code == 429
    assert "retry-after" not in response.headers


def test_latency_delays_then_handles(api: httpx.Client, emulator: Emulator) -> None:
    fault = emulator.faults.add(method="POST", path="*/realms", kind="latency", delay=0.3, times=1)
    started = time.monotonic()
    response = api.post("/realms", json=p.realm("Slow"))
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 200
    assert api.post("/realms", json=p.realm("Fast")).status_code == 200
    assert (fault.hits, fault.remaining) == (1, 0)  # the second request was not delayed


def test_latency_combines_with_a_terminal_fault(api: httpx.Client, emulator: Emulator) -> None:
    emulator.faults.add(path="*/realms", kind="latency", delay=0.2)
    emulator.faults.add(path="*/realms", kind="status", status=504)
    started = time.monotonic()
    assert api.get("/realms").status_code == 504
    assert time.monotonic() - started >= 0.2


def test_drop_after_commit_commits_then_breaks_the_response(
    api: httpx.Client, emulator: Emulator
) -> None:
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms", kind="drop_after_commit", times=1
    )
    with pytest.raises(httpx.TransportError) as caught:
        api.post("/realms", json=p.realm("Committed"))
    assert isinstance(caught.value, (httpx.RemoteProtocolError, httpx.ReadError))
    names = [r["display_name"] for r in api.get("/realms").json()["realms"]]
    assert "Committed" in names
    (recorded,) = [e for e in emulator.requests if e.fault == "drop_after_commit"]
    assert recorded.status == 200
    assert recorded.response_body["display_name"] == "Committed"


def test_drop_after_commit_on_empty_delete_response(api: httpx.Client, emulator: Emulator) -> None:
    realm = api.post("/realms", json=p.realm("Doomed")).json()
    emulator.faults.add(method="DELETE", path="*/realms/*", kind="drop_after_commit")
    with pytest.raises(httpx.TransportError):
        api.delete(f"/realms/{realm['id']}")
    assert api.get(f"/realms/{realm['id']}").status_code == 404


def test_faults_apply_to_token_endpoint(emulator: Emulator) -> None:
    emulator.faults.add(method="POST", path="*/token", kind="status", status=503)
    response = httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"grant_type": "client_credentials"},
    )
    assert response.status_code == 503
    assert emulator.counters.get("token_requests", 0) == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "explode"}, "unknown fault kind"),
        ({"kind": "status"}, "status between 400 and 599"),
        ({"kind": "status", "status": 200}, "status between 400 and 599"),
        ({"kind": "latency"}, "non-negative delay"),
        ({"kind": "latency", "delay": -1}, "non-negative delay"),
        ({"kind": "status", "status": 500, "times": 0}, "times must be"),
        ({"kind": "status", "status": 500, "retry_after": "1"}, "retry_after"),
        ({"kind": "drop_after_commit", "delay": 1.0}, "delay is only meaningful"),
    ],
)
def test_inconsistent_fault_arguments_raise(
    emulator: Emulator, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        emulator.faults.add(**kwargs)  # type: ignore[arg-type]


def test_faults_over_the_admin_surface(api: httpx.Client, emulator: Emulator) -> None:
    admin = httpx.Client(
        base_url=f"{emulator.url}/__emulator",
        headers={"Authorization": f"Bearer {emulator.api_token}"},
    )
    with admin:
        created = admin.post(
            "/faults",
            json={"method": "GET", "path": "*/realms", "kind": "status", "status": 503, "times": 1},
        )
        assert created.status_code == 201
        assert created.json()["remaining"] == 1
        assert api.get("/realms").status_code == 503
        listed = admin.get("/faults").json()["faults"]
        assert listed[0]["hits"] == 1
        assert listed[0]["remaining"] == 0
        assert admin.post("/faults", json={"kind": "status", "status": 99}).status_code == 400
        assert (
            admin.post("/faults", json={"kind": "latency", "delay": 1, "colour": "red"}).status_code
            == 400
        )
        assert admin.post("/faults", content=b"nope").status_code == 400
        admin.post("/faults", json={"path": "*/realms", "kind": "rate_limit", "retry_after": "2"})
        assert api.get("/realms").headers["retry-after"] == "2"
        admin.post("/faults", json={"path": "*/realms", "kind": "rate_limit", "times": None})
        assert admin.delete("/faults").status_code == 204
        assert admin.get("/faults").json() == {"faults": []}
        assert api.get("/realms").status_code == 200


# --- faults that change the answer after the request was handled ---------------------


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("html", lambda r: r.headers["content-type"] == "text/html" and b"<html>" in r.content),
        ("truncated", lambda r: r.content and not _is_json(r.content)),
        ("empty", lambda r: r.content == b""),
        ("null", lambda r: r.json() is None),
        ("list", lambda r: isinstance(r.json(), list) and "id" in r.json()[0]),
        (
            "wrong_types",
            lambda r: isinstance(r.json()["display_name"], int) and isinstance(r.json()["id"], str),
        ),
        ("missing_id", lambda r: "id" not in r.json() and "display_name" in r.json()),
    ],
)
def test_bad_body_commits_then_spoils_the_answer(
    api: httpx.Client, emulator: Emulator, realm_id: str, body: str, check: Any
) -> None:
    emulator.faults.add(method="POST", path=APPS, kind="bad_body", body=body)
    path = f"/realms/{realm_id}/applications"
    response = api.post(path, json=p.client_credentials_app())
    assert response.status_code == 200
    assert check(response)
    assert api.get(path).json()["total_size"] == 1  # the create happened


def test_bad_body_on_a_list_spoils_every_item(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    path = f"/realms/{realm_id}/applications"
    api.post(path, json=p.client_credentials_app()).raise_for_status()
    emulator.faults.add(method="GET", path=APPS, kind="bad_body", body="missing_id")
    assert ["id" in a for a in api.get(path).json()["applications"]] == [False]
    emulator.faults.add(method="GET", path=APPS, kind="bad_body", body="wrong_types")
    assert api.get(path).json()["applications"] == {"items": api.get(path).json()["applications"]}


def test_error_after_commit_reports_5xx_for_a_committed_change(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=APPS, kind="error_after_commit", status=503)
    path = f"/realms/{realm_id}/applications"
    response = api.post(path, json=p.client_credentials_app())
    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
    assert api.get(path).json()["total_size"] == 1
    with pytest.raises(ValueError, match="between 500 and 599"):
        emulator.faults.add(kind="error_after_commit", status=404)


def test_trickle_sends_the_answer_byte_by_byte(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="GET", path="/v1/tenants/*/realms/*", kind="trickle", delay=0.002)
    started = time.monotonic()
    response = api.get(f"/realms/{realm_id}")
    assert response.json()["id"] == realm_id
    assert time.monotonic() - started >= 0.002 * len(response.content) * 0.5


def test_hold_after_commit_holds_until_released(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    fault = emulator.faults.add(method="POST", path=APPS, kind="hold_after_commit")
    path = f"/realms/{realm_id}/applications"
    answers: list[httpx.Response] = []
    worker = threading.Thread(
        target=lambda: answers.append(api.post(path, json=p.client_credentials_app()))
    )
    worker.start()
    deadline = time.monotonic() + 10
    while fault.held == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fault.held == 1
    assert api.get(path).json()["total_size"] == 1  # committed while the answer waits
    assert answers == []
    emulator.faults.release()
    worker.join(10)
    assert answers[0].status_code == 200


def test_hold_after_commit_gives_up_when_the_client_leaves(
    emulator: Emulator, realm_id: str
) -> None:
    fault = emulator.faults.add(
        method="GET", path="/v1/tenants/*/realms/*", kind="hold_after_commit"
    )
    headers = {"Authorization": f"Bearer {emulator.api_token}"}
    url = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{realm_id}"
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(url, headers=headers, timeout=0.5)
    assert fault.held == 1
    assert httpx.get(url, headers=headers, timeout=5).status_code == 200  # the server is free


def test_repeat_page_token_answers_the_same_page_forever(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(
        method="GET", path="/v1/tenants/*/realms", kind="repeat_page_token", times=None
    )
    first = api.get("/realms").json()
    assert first["next_page_token"].startswith("repeat")
    for _ in range(3):
        again = api.get("/realms", params={"page_token": first["next_page_token"]}).json()
        assert again == first


def test_repeat_page_token_leaves_an_error_answer_alone_and_stays_armed(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    # Why: the fault campaign (seed 8) errored in the contract check: a listing refused
    # with 400 got the repeating token, and the next request was answered 200 with that
    # error body replayed as a page.
    fault = emulator.faults.add(method="GET", path=CONFIGS, kind="repeat_page_token", times=2)
    path = f"/realms/{realm_id}/authenticator-configs"
    refused = api.get(path, params={"page_token": "not-a-token"})
    assert refused.status_code == 400
    assert refused.json()["code"] == "bad_request"
    assert "next_page_token" not in refused.json()
    assert (fault.hits, fault.remaining) == (0, 2)  # given back: still armed
    assert emulator.requests[-1].fault is None
    first = api.get(path)
    assert first.status_code == 200
    assert first.json()["authenticator_configs"] == []
    again = api.get(path, params={"page_token": first.json()["next_page_token"]})
    assert (again.status_code, again.json()) == (200, first.json())
    assert (fault.hits, fault.remaining) == (2, 0)


def test_repeat_page_token_repeats_only_the_listing_that_follows_it(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    # Why: a kept page was replayed to whichever listing came next, another realm's too.
    other = p.ok(api.post("/realms", json=p.realm("Other")))["id"]
    emulator.faults.add(method="GET", path=CONFIGS, kind="repeat_page_token", times=None)
    mine = api.get(f"/realms/{realm_id}/authenticator-configs").json()
    token = mine["next_page_token"]
    theirs = api.get(f"/realms/{other}/authenticator-configs")
    assert (theirs.status_code, theirs.json()) == (
        200,
        {"authenticator_configs": [], "total_size": 0},
    )
    # Their listing following my token is handled, and refused as a real server would.
    assert (
        api.get(f"/realms/{other}/authenticator-configs", params={"page_token": token}).status_code
        == 400
    )
    assert (
        api.get(f"/realms/{realm_id}/authenticator-configs", params={"page_token": token}).json()
        == mine
    )


def test_repeat_page_token_takes_one_first_listing_at_a_time(
    emulator: Emulator, realm_id: str
) -> None:
    # Why: two listings in flight at once both got the token; the client following the
    # first one then met the second one's kept page, or a 400 for an unknown token.
    slow = emulator.faults.add(method="GET", path=CONFIGS, kind="latency", delay=1.0)
    fault = emulator.faults.add(method="GET", path=CONFIGS, kind="repeat_page_token", times=2)
    url = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{realm_id}/authenticator-configs"
    headers = {"Authorization": f"Bearer {emulator.api_token}"}
    answers: list[httpx.Response] = []
    first = threading.Thread(target=lambda: answers.append(httpx.get(url, headers=headers)))
    first.start()
    deadline = time.monotonic() + 30
    while slow.hits == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    meanwhile = httpx.get(url, headers=headers, timeout=30)  # the first one is in flight
    first.join(30)
    assert "next_page_token" not in meanwhile.json()
    token = answers[0].json()["next_page_token"]
    again = httpx.get(url, headers=headers, params={"page_token": token}, timeout=30)
    assert again.json() == answers[0].json()
    assert (fault.hits, fault.remaining) == (2, 0)


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "error_after_commit", "status": 503},
        {"kind": "bad_body", "body": "wrong_types"},
        {"kind": "bad_body", "body": "missing_id"},
    ],
)
def test_answer_changing_faults_wait_for_a_successful_answer(
    api: httpx.Client, emulator: Emulator, realm_id: str, fault: dict[str, Any]
) -> None:
    # A refused request committed nothing: its error answer goes out as it is.
    added = emulator.faults.add(method="GET", path=REALM_PATTERN, **fault)
    missing = api.get("/realms/0000000000000000")
    assert missing.status_code == 404
    assert isinstance(missing.json()["code"], str)
    assert (added.hits, added.remaining, emulator.requests[-1].fault) == (0, 1, None)
    changed = api.get(f"/realms/{realm_id}")
    assert changed.status_code == fault.get("status", 200)
    assert changed.json().get("id") != realm_id or changed.json()["display_name"] != "Test Realm"
    assert (added.hits, added.remaining, emulator.requests[-1].fault) == (1, 0, fault["kind"])


@pytest.mark.parametrize(
    "fault", [{"kind": "drop_after_commit"}, {"kind": "trickle", "delay": 0.001}]
)
def test_transport_faults_break_error_answers_too(
    emulator: Emulator, fault: dict[str, Any]
) -> None:
    # A network cuts or slows a refusal as readily as a success.
    added = emulator.faults.add(method="GET", path=REALM_PATTERN, **fault)
    url = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/0000000000000000"
    try:
        answer = httpx.get(url, headers={"Authorization": f"Bearer {emulator.api_token}"})
    except httpx.TransportError:
        assert fault["kind"] == "drop_after_commit"
    else:
        assert (fault["kind"], answer.status_code) == ("trickle", 404)
    assert (added.hits, emulator.requests[-1].status) == (1, 404)


def _is_json(content: bytes) -> bool:
    try:
        json.loads(content)
    except ValueError:
        return False
    return True


def test_skip_lets_the_first_matches_through(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    fault = emulator.faults.add(method="GET", path=REALM_PATTERN, kind="status", status=500, skip=2)
    statuses = [api.get(f"/realms/{realm_id}").status_code for _ in range(4)]
    assert statuses == [200, 200, 500, 200]
    assert fault.hits == 1
    with pytest.raises(ValueError, match="skip"):
        emulator.faults.add(kind="status", status=500, skip=-1)


def test_repeat_page_token_leaves_a_single_object_alone(
    api: httpx.Client, emulator: Emulator, realm_id: str
) -> None:
    # A single object has no page: its answer goes out unchanged, the fault stays armed.
    fault = emulator.faults.add(method="GET", path=REALM_PATTERN, kind="repeat_page_token")
    realm = api.get(f"/realms/{realm_id}").json()
    assert "next_page_token" not in realm
    assert realm["id"] == realm_id
    assert (fault.hits, fault.remaining) == (0, 1)
