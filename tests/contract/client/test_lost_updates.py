"""Updates whose answer was lost, late or unusable: read back, never resent blindly.

Why (issue 17): a PATCH delayed past the client's read timeout was sent again; the first copy
landed after a later rename and reverted it, and nothing said so. Now a PATCH is resent only
when no copy of it can still run on the server (a connect failure, 429, 500, 503); otherwise
the client reads the object back and either returns it (it holds what was sent) or raises
``UpdateOutcomeUnknownError`` naming the fields that differ.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from helpers.client_support import Sleeps, requests_to, token_settings

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    BeyondIdentityClient,
    InvalidInputError,
    RetryPolicy,
    UpdateOutcomeUnknownError,
)
from pulumi_beyondidentity._http import new_http_client
from pulumi_beyondidentity.application import APPLICATION as APPLICATION_KIND
from pulumi_beyondidentity.realm import REALM as REALM_KIND

REALM = "/v1/tenants/*/realms/*"
APP = "/v1/tenants/*/realms/*/applications/*"
#: The update's budget: the PATCH gets two thirds of it (the read timeout is then 2 s), the
#: read-back the rest.
BUDGET = 3.0


@pytest.fixture
def client(emulator: Emulator) -> BeyondIdentityClient:
    return BeyondIdentityClient(
        token_settings(emulator),
        http=new_http_client(),
        retry=RetryPolicy(sleep=Sleeps(), max_attempts=4, total_timeout=BUDGET),
    )


@pytest.fixture
def realm_id(client: BeyondIdentityClient, emulator: Emulator) -> str:
    realm = client.collection(REALM_KIND).create(
        {"display_name": "Customers", "classification": "SECURE_CUSTOMER"}
    )
    emulator.clear_requests()
    return str(realm["id"])


def patches(emulator: Emulator, object_id: str) -> int:
    return len(requests_to(emulator, "PATCH", object_id))


def stored_name(emulator: Emulator, realm_id: str) -> str:
    return str(
        next(r for r in emulator.store.list("realms") if r["id"] == realm_id)["display_name"]
    )


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "drop_after_commit"},  # lost: committed, connection cut
        {"kind": "hold_after_commit"},  # late: committed, answer held past the read timeout
        {"kind": "bad_body", "body": "html"},  # unusable: committed, a proxy's page
        {"kind": "bad_body", "body": "truncated"},
        {"kind": "error_after_commit", "status": 502},  # a gateway's error after the commit
    ],
)
def test_a_committed_update_whose_answer_is_lost_is_settled_by_reading_back(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, fault: dict[str, Any]
) -> None:
    emulator.faults.add(method="PATCH", path=REALM, times=None, **fault)
    updated = client.collection(REALM_KIND).update(realm_id, {"display_name": "Renamed"})
    emulator.faults.clear()
    assert updated["display_name"] == "Renamed"
    assert updated["id"] == realm_id
    assert patches(emulator, realm_id) == 1  # no second copy
    assert len(requests_to(emulator, "GET", realm_id)) == 1  # the read-back


def test_an_update_still_in_flight_is_not_resent_and_says_so(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    # The PATCH waits 2 s more than the client does, then runs: the read-back sees the old
    # name, which cannot tell "never ran" from "still running".
    emulator.faults.add(method="PATCH", path=REALM, kind="latency", delay=BUDGET + 1)
    with pytest.raises(UpdateOutcomeUnknownError) as caught:
        client.collection(REALM_KIND).update(realm_id, {"display_name": "Renamed"})
    error = caught.value
    assert error.differing == ["display_name"]
    assert error.may_have_been_applied is True
    message = str(error)
    assert "display_name" in message
    assert "pulumi preview --refresh" in message
    assert "outcome unknown" in message
    assert "\n" not in message
    # ... and it did run after the client gave up: the window no client can close.
    deadline = time.monotonic() + 60
    while stored_name(emulator, realm_id) != "Renamed" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stored_name(emulator, realm_id) == "Renamed"
    assert patches(emulator, realm_id) == 1  # recorded once handled


@pytest.mark.parametrize("status", [502, 504])
def test_a_gateway_error_is_not_resent(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, status: int
) -> None:
    # A gateway's 502/504 leaves the backend possibly still running the PATCH.
    emulator.faults.add(method="PATCH", path=REALM, kind="status", status=status)
    with pytest.raises(UpdateOutcomeUnknownError) as caught:
        client.collection(REALM_KIND).update(realm_id, {"display_name": "Renamed"})
    assert caught.value.differing == ["display_name"]
    assert patches(emulator, realm_id) == 1
    assert stored_name(emulator, realm_id) == "Customers"


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "status", "status": 503},
        {"kind": "status", "status": 500},
        {"kind": "rate_limit", "retry_after": "0"},
    ],
)
def test_an_answer_that_ends_the_copy_lets_it_be_resent(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, fault: dict[str, Any]
) -> None:
    emulator.faults.add(method="PATCH", path=REALM, **fault)
    assert (
        client.collection(REALM_KIND).update(realm_id, {"display_name": "Renamed"})["display_name"]
        == "Renamed"
    )
    assert patches(emulator, realm_id) == 2


def test_an_object_that_cannot_be_read_back_is_an_unknown_outcome(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="PATCH", path=REALM, kind="drop_after_commit")
    emulator.faults.add(method="GET", path=REALM, kind="status", status=500, times=None)
    with pytest.raises(UpdateOutcomeUnknownError, match="reading the object back failed") as caught:
        client.collection(REALM_KIND).update(realm_id, {"display_name": "Renamed"})
    assert caught.value.differing == []
    assert caught.value.may_have_been_applied is True


def test_a_refused_update_is_not_read_back(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    with pytest.raises(InvalidInputError):
        client.collection(REALM_KIND).update(realm_id, {"display_name": "Bad/name"})
    assert requests_to(emulator, "GET", realm_id) == []


def test_nested_fields_that_differ_are_named(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    app = client.collection(APPLICATION_KIND).create(
        {
            "display_name": "M2M",
            "protocol_config": {
                "type": "oauth2",
                "confidentiality": "confidential",
                "grant_type": ["client_credentials"],
                "token_configuration": {"expires_after": 600},
            },
        },
        realm_id=realm_id,
    )
    emulator.faults.add(method="PATCH", path=APP, kind="latency", delay=BUDGET + 1)
    changed = {
        "display_name": "M2M",
        "protocol_config": {
            **app["protocol_config"],
            "token_configuration": {"expires_after": 900},
        },
    }
    with pytest.raises(UpdateOutcomeUnknownError) as caught:
        client.collection(APPLICATION_KIND).update(app["id"], changed, realm_id=realm_id)
    assert caught.value.differing == ["protocol_config.token_configuration.expires_after"]
