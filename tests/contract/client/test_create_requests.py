"""Requests per create (issue 8 item 1, issue 17 item 6): one request per create plus at
most one key lookup, whatever the realm holds.

Realms and resource servers, whose repeats the server may refuse (an undocumented 409 whose
lost answer would look like our own lost create), are checked with a listing just before
every POST (realms: every realm, 200 a page). For applications and authenticator configs the
client keeps, per realm, what the realm held before its own creates (``_snapshots.py``): a
realm it created starts empty, any other realm is listed at the first create of a kind and
that listing serves every later create of the run.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from helpers.builders import application_inputs
from helpers.client_support import CONFIG, SERVER, Sleeps, requests_to, token_settings

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    AlreadyExistsError,
    BeyondIdentityClient,
    CreateRecoveryError,
    RetryPolicy,
)
from pulumi_beyondidentity._http import new_http_client
from pulumi_beyondidentity.application import APPLICATION
from pulumi_beyondidentity.authenticator_config import AUTHENTICATOR_CONFIG
from pulumi_beyondidentity.realm import REALM
from pulumi_beyondidentity.resource_server import RESOURCE_SERVER

APPS = "/v1/tenants/*/realms/*/applications"


def app(name: str) -> dict[str, Any]:
    return {
        "display_name": name,
        "protocol_config": {
            "type": "oauth2",
            "confidentiality": "confidential",
            "grant_type": ["client_credentials"],
            "token_configuration": {"expires_after": 600},
        },
    }


@pytest.fixture
def client(emulator: Emulator) -> BeyondIdentityClient:
    return BeyondIdentityClient(
        token_settings(emulator),
        http=new_http_client(),
        retry=RetryPolicy(sleep=Sleeps(), max_attempts=4),
    )


def full_realm(emulator: Emulator, api: Any, size: int) -> str:
    """A realm that existed before the client, holding ``size`` applications and resource
    servers (copies of one made through the API, stored directly: fast, and not recorded)."""
    realm = api.post("/realms", json={"realm": {"display_name": f"Full {size}"}}).json()
    path = f"/realms/{realm['id']}"
    templates = {
        "applications": api.post(f"{path}/applications", json={"application": app("other")}),
        "resource_servers": api.post(
            f"{path}/resource-servers",
            json={"resource_server": {"display_name": "rs", "identifier": "api"}},
        ),
    }
    for collection, made in templates.items():
        template = made.json()
        for i in range(1, size):
            copy = {**template, "id": str(uuid.uuid4()), "display_name": f"other {i}"}
            if collection == "resource_servers":
                copy["identifier"] = f"api-{i}"
            emulator.store.insert(collection, copy)  # type: ignore[arg-type]
    emulator.clear_requests()
    return str(realm["id"])


def methods(emulator: Emulator) -> list[str]:
    methods = [r.method for r in emulator.requests if "/v1/tenants/" in r.path]
    emulator.clear_requests()
    return methods


def test_every_create_in_a_realm_this_client_made_is_one_request(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    realm = client.collection(REALM).create({"display_name": "Dev"})
    assert methods(emulator) == ["GET", "POST"]  # the name, checked free just before
    rs = client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm["id"])
    assert methods(emulator) == ["GET", "POST"]  # likewise the identifier
    config = client.collection(AUTHENTICATOR_CONFIG).create(CONFIG, realm_id=realm["id"])
    oidc = application_inputs(realm["id"], rs["id"], config["id"])
    client.collection(APPLICATION).create(
        {k: v for k, v in oidc.items() if k != "realm_id"}, realm_id=realm["id"]
    )
    assert methods(emulator) == ["POST", "POST"]
    # What the client made is known: a second object with a taken key is still refused.
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm["id"])
    assert info.value.existing_id == rs["id"]


def test_a_resource_server_create_at_250_objects_lists_them_just_before_its_post(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 250)
    for i in range(3):
        client.collection(RESOURCE_SERVER).create(
            {**SERVER, "identifier": f"more-{i}"}, realm_id=realm_id
        )
        assert methods(emulator) == ["GET", "GET", "GET", "POST"]  # 100 a page, each time


def test_n_application_creates_in_one_process_list_the_realm_once(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 250)
    for i in range(10):
        client.collection(APPLICATION).create(app(f"mine {i}"), realm_id=realm_id)
    assert len(requests_to(emulator, "GET", "/applications")) == 3  # 250 objects, 100 a page
    assert len(requests_to(emulator, "POST", "/applications")) == 10


def test_four_threads_creating_in_one_realm_list_it_once(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 150)
    errors: list[BaseException] = []

    def create(i: int) -> None:
        try:
            client.collection(APPLICATION).create(app(f"thread {i}"), realm_id=realm_id)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(requests_to(emulator, "GET", "/applications")) == 2
    assert len(requests_to(emulator, "POST", "/applications")) == 8


def test_the_orphan_of_an_earlier_run_is_found_before_anything_is_created(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 0)
    orphan = api.post(f"/realms/{realm_id}/applications", json={"application": app("Mine")}).json()
    emulator.clear_requests()
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(APPLICATION).create(app("Mine"), realm_id=realm_id)
    assert info.value.existing_id == orphan["id"]
    assert requests_to(emulator, "POST", "/applications") == []


def test_a_known_holder_deleted_since_does_not_block_a_create(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 0)
    first = client.collection(APPLICATION).create(app("Mine"), realm_id=realm_id)
    api.delete(f"/realms/{realm_id}/applications/{first['id']}").raise_for_status()
    second = client.collection(APPLICATION).create(app("Mine"), realm_id=realm_id)
    assert second["id"] != first["id"]


def test_renames_and_deletes_of_this_client_keep_its_knowledge_current(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 0)
    made = client.collection(APPLICATION).create(app("Old"), realm_id=realm_id)
    client.collection(APPLICATION).update(made["id"], {"display_name": "New"}, realm_id=realm_id)
    emulator.clear_requests()
    client.collection(APPLICATION).create(app("Old"), realm_id=realm_id)  # "Old" is free again
    assert methods(emulator) == ["POST"]
    with pytest.raises(AlreadyExistsError):
        client.collection(APPLICATION).create(app("New"), realm_id=realm_id)
    client.collection(APPLICATION).delete(made["id"], realm_id=realm_id)
    emulator.clear_requests()
    client.collection(APPLICATION).create(app("New"), realm_id=realm_id)
    assert methods(emulator) == ["POST"]


def test_a_create_left_unsettled_makes_the_next_one_list_the_realm_again(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    realm_id = full_realm(emulator, api, 0)
    client.collection(APPLICATION).create(app("First"), realm_id=realm_id)
    emulator.faults.add(method="POST", path=APPS, kind="drop_after_commit")
    emulator.faults.add(method="GET", path=APPS, kind="status", status=503, times=None)
    with pytest.raises(CreateRecoveryError):
        client.collection(APPLICATION).create(app("Lost"), realm_id=realm_id)
    emulator.faults.clear()
    # The lost create committed: the realm is listed again, the object found, nothing doubled.
    with pytest.raises(AlreadyExistsError):
        client.collection(APPLICATION).create(app("Lost"), realm_id=realm_id)
    names = [a["display_name"] for a in client.collection(APPLICATION).list(realm_id=realm_id)]
    assert sorted(names) == ["First", "Lost", "other"]
