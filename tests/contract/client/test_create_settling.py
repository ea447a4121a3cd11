"""How a create settles after the POST: each test pins one path of the lost-create recovery
that a surviving mutant of ``_collection.py`` showed untested (docs/reliability.md,
"Mutation testing"): which object a create hands back, whether a POST is resent, and what a
refusal says.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.client_support import APP, SERVER, Sleeps, requests_to, token_settings

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    AlreadyExistsError,
    BeyondIdentityClient,
    BeyondIdentityError,
    ConflictError,
    CreateRecoveryError,
    RetryPolicy,
)
from pulumi_beyondidentity._http import new_http_client
from pulumi_beyondidentity.application import APPLICATION
from pulumi_beyondidentity.realm import REALM
from pulumi_beyondidentity.resource_server import RESOURCE_SERVER

REALMS = "/v1/tenants/*/realms"
APPS = "/v1/tenants/*/realms/*/applications"
SERVERS = "/v1/tenants/*/realms/*/resource-servers"
ATTEMPTS = 4


@pytest.fixture
def client(emulator: Emulator) -> BeyondIdentityClient:
    return BeyondIdentityClient(
        token_settings(emulator),
        http=new_http_client(),
        retry=RetryPolicy(sleep=Sleeps(), max_attempts=ATTEMPTS),
    )


@pytest.fixture
def realm_id(emulator: Emulator, api: Any) -> str:
    """A realm made outside the client: the client knows nothing of what it holds."""
    body = {"realm": {"display_name": "Customers", "classification": "SECURE_CUSTOMER"}}
    realm = api.post("/realms", json=body).json()
    emulator.clear_requests()
    return str(realm["id"])


def made_just_before_a_refused_post(
    client: BeyondIdentityClient, emulator: Emulator, pattern: str, make: Any
) -> list[dict[str, Any]]:
    """Make an object (``make()``) after the create's key check, right before its POST,
    which the server then refuses with a 409."""
    original = client.exchange
    made: list[dict[str, Any]] = []

    def racing(method: str, path: str, **kwargs: Any) -> Any:
        if method == "POST" and not made:
            made.append(make())
            emulator.faults.add(method="POST", path=pattern, kind="status", status=409)
        return original(method, path, **kwargs)

    client.exchange = racing  # type: ignore[method-assign]
    return made


# --- a 409 ------------------------------------------------------------------------------


def test_a_409_after_an_unknown_try_is_settled_by_looking_up_not_refused(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    # The first try's outcome is unknown (502), so a 409 on the resend may be that try
    # committing late: it is looked up (nothing holds the key) and the POST sent again,
    # never reported as a refusal.
    emulator.faults.add(method="POST", path=SERVERS, kind="status", status=502)
    emulator.faults.add(method="POST", path=SERVERS, kind="status", status=409)
    made = client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm_id)
    assert [s["id"] for s in client.collection(RESOURCE_SERVER).list(realm_id=realm_id)] == [
        made["id"]
    ]
    assert len(requests_to(emulator, "POST", "/resource-servers")) == 3


def test_409s_after_an_unknown_try_end_saying_the_create_may_have_happened(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=SERVERS, kind="status", status=502)
    emulator.faults.add(method="POST", path=SERVERS, kind="status", status=409, times=None)
    with pytest.raises(CreateRecoveryError) as info:
        client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm_id)
    assert info.value.may_have_been_applied is True
    assert len(requests_to(emulator, "POST", "/resource-servers")) == ATTEMPTS
    assert [a[:3] for a in info.value.attempts] == ["502"] + ["409"] * (ATTEMPTS - 1)


def test_a_409_whose_lookup_fails_stays_a_refusal(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    emulator.faults.add(method="POST", path=REALMS, kind="status", status=409)
    # The listing before the POST goes through; the lookup after the 409 fails.
    emulator.faults.add(method="GET", path=REALMS, kind="status", status=503, times=None, skip=1)
    with pytest.raises(ConflictError) as info:
        client.collection(REALM).create(
            {"display_name": "Taken", "classification": "SECURE_CUSTOMER"}
        )
    assert info.value.may_have_been_applied is False
    assert len(requests_to(emulator, "POST", "/realms")) == 1


def test_a_409_for_an_identifier_taken_since_the_check_names_the_holder(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    path = f"/realms/{realm_id}/resource-servers"
    made = made_just_before_a_refused_post(
        client, emulator, SERVERS, lambda: api.post(path, json={"resource_server": SERVER}).json()
    )
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(RESOURCE_SERVER).create(
            {**SERVER, "display_name": "Ours"}, realm_id=realm_id
        )
    assert info.value.existing_id == made[0]["id"]
    assert "nothing was created" in str(info.value)


def test_a_409_on_an_application_is_never_read_as_its_name_taken(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    # Application names are not unique: a 409 says nothing about the name, so a same-named
    # application made meanwhile is not named as the reason.
    path = f"/realms/{realm_id}/applications"
    made_just_before_a_refused_post(
        client, emulator, APPS, lambda: api.post(path, json={"application": APP}).json()
    )
    with pytest.raises(ConflictError) as info:
        client.collection(APPLICATION).create(APP, realm_id=realm_id)
    assert not isinstance(info.value, AlreadyExistsError)
    assert info.value.may_have_been_applied is False


# --- unknown outcomes -------------------------------------------------------------------


def test_posts_whose_outcome_stays_unknown_stop_at_the_attempt_limit(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=APPS, kind="status", status=502, times=None)
    with pytest.raises(CreateRecoveryError) as info:
        client.collection(APPLICATION).create(APP, realm_id=realm_id)
    assert info.value.may_have_been_applied is True
    assert len(requests_to(emulator, "POST", "/applications")) == ATTEMPTS
    assert len(info.value.attempts) == ATTEMPTS
    assert all(a.startswith("502") for a in info.value.attempts)


def test_a_lookup_that_fails_once_still_finds_the_object_this_create_made(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=SERVERS, kind="drop_after_commit")
    # The listing before the POST goes through; the first lookup after it fails (every
    # one of the client's tries of that GET), the next one works.
    emulator.faults.add(
        method="GET", path=SERVERS, kind="status", status=503, times=ATTEMPTS, skip=1
    )
    made = client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm_id)
    assert [s["id"] for s in client.collection(RESOURCE_SERVER).list(realm_id=realm_id)] == [
        made["id"]
    ]
    assert len(requests_to(emulator, "POST", "/resource-servers")) == 1


def test_an_unusable_answer_to_a_post_names_its_success_status(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    # JSON of the wrong shape: the POST's own shape check refuses it (not the JSON parser).
    emulator.faults.add(method="POST", path=REALMS, kind="bad_body", body="missing_id")
    emulator.faults.add(method="GET", path=REALMS, kind="status", status=503, times=None, skip=1)
    with pytest.raises(CreateRecoveryError) as info:
        client.collection(REALM).create(
            {"display_name": "Lost", "classification": "SECURE_CUSTOMER"}
        )
    assert "answered 200 with an unusable body" in str(info.value)
    assert len(requests_to(emulator, "POST", "/realms")) == 1


# --- what the realm's snapshot remembers --------------------------------------------------


def test_a_refused_create_keeps_what_the_process_knows_of_the_realm(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=APPS, kind="status", status=400)
    with pytest.raises(BeyondIdentityError):
        client.collection(APPLICATION).create(APP, realm_id=realm_id)
    client.collection(APPLICATION).create(APP, realm_id=realm_id)
    # Nothing was applied, so the one listing still holds: no second one.
    assert len(requests_to(emulator, "GET", "/applications")) == 1


def test_a_holder_renamed_since_the_listing_holds_its_new_name(
    client: BeyondIdentityClient, realm_id: str, api: Any
) -> None:
    path = f"/realms/{realm_id}/applications"
    theirs = api.post(path, json={"application": {**APP, "display_name": "Old"}}).json()
    client.collection(APPLICATION).create({**APP, "display_name": "Fresh"}, realm_id=realm_id)
    api.patch(f"{path}/{theirs['id']}", json={"application": {"display_name": "New"}})
    client.collection(APPLICATION).create({**APP, "display_name": "Old"}, realm_id=realm_id)
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(APPLICATION).create({**APP, "display_name": "New"}, realm_id=realm_id)
    assert info.value.existing_id == theirs["id"]


def test_a_holder_deleted_since_the_listing_is_read_once(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    path = f"/realms/{realm_id}/applications"
    theirs = api.post(path, json={"application": {**APP, "display_name": "Gone"}}).json()
    client.collection(APPLICATION).create({**APP, "display_name": "Fresh"}, realm_id=realm_id)
    api.delete(f"{path}/{theirs['id']}")
    ours = client.collection(APPLICATION).create({**APP, "display_name": "Gone"}, realm_id=realm_id)
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(APPLICATION).create({**APP, "display_name": "Gone"}, realm_id=realm_id)
    assert info.value.existing_id == ours["id"]
    assert len(requests_to(emulator, "GET", f"/applications/{theirs['id']}")) == 1
