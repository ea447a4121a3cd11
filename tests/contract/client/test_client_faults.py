"""The client under every fault the emulator can inject: each test reproduces one failure
of issue 8 ("Why") and pins the fixed behaviour.

Safe creates: one request per create without faults, plus one key lookup where the
process does not already know what holds the key (realms: always one listing, since the
contract documents no 409 for a repeated name); after an unknown outcome the object this
create made is found, an object that existed before is never handed back, and an
undecidable outcome is a typed error naming the natural key. The duplicate-safety tests run
against an emulator that refuses repeated realm names and identifiers and one that accepts
them (``BOTH_MODES``).
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from helpers.client_support import (
    APP,
    BOTH_MODES,
    CONFIG,
    SERVER,
    Sleeps,
    cc_settings,
    requests_to,
    token_settings,
)

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    AlreadyExistsError,
    BeyondIdentityClient,
    BeyondIdentityError,
    ConflictError,
    CreateRecoveryError,
    MalformedResponseError,
    RetryPolicy,
    ServerError,
    TransportError,
    _auth,
)
from pulumi_beyondidentity._http import new_http_client
from pulumi_beyondidentity._registry import spec_named
from pulumi_beyondidentity.application import APPLICATION
from pulumi_beyondidentity.authenticator_config import AUTHENTICATOR_CONFIG
from pulumi_beyondidentity.realm import REALM
from pulumi_beyondidentity.resource_server import RESOURCE_SERVER

REALMS = "/v1/tenants/*/realms"
APPS = "/v1/tenants/*/realms/*/applications"
CONFIGS = "/v1/tenants/*/realms/*/authenticator-configs"
SERVERS = "/v1/tenants/*/realms/*/resource-servers"
BAD_BODIES = ["html", "truncated", "empty", "null", "list", "wrong_types", "missing_id"]


def make_client(emu: Emulator, sleeps: Sleeps, **policy: Any) -> BeyondIdentityClient:
    return BeyondIdentityClient(
        token_settings(emu),
        http=new_http_client(),
        retry=RetryPolicy(sleep=sleeps, **{"max_attempts": 4, **policy}),
    )


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(emulator: Emulator, sleeps: Sleeps) -> BeyondIdentityClient:
    return make_client(emulator, sleeps)


@pytest.fixture
def realm_id(emulator: Emulator, api: Any) -> str:
    """A realm that existed before the client (made outside it): the client knows nothing
    of what it holds. (A realm the client creates itself is known to start empty; see
    test_create_requests.py.)"""
    body = {"realm": {"display_name": "Customers", "classification": "SECURE_CUSTOMER"}}
    realm = api.post("/realms", json=body).json()
    emulator.clear_requests()
    return str(realm["id"])


def ids(objects: list[Any]) -> list[str]:
    return [str(o["id"]) for o in objects]


# --- the happy path costs one request per create ------------------------------------


def test_creates_cost_one_request_plus_at_most_one_key_lookup(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    for i in range(120):  # a realm holding more than a page of applications
        body = {"application": {**APP, "display_name": f"other {i}"}}
        api.post(f"/realms/{realm_id}/applications", json=body).raise_for_status()
    emulator.clear_requests()
    client.collection(REALM).create({"display_name": "Second", "classification": "SECURE_CUSTOMER"})
    realm_requests = emulator.requests
    assert [r.method for r in realm_requests] == ["GET", "POST"]  # its own evidence
    assert realm_requests[0].query == {"page_size": "200"}  # the contract's largest page
    emulator.clear_requests()
    client.collection(AUTHENTICATOR_CONFIG).create(CONFIG, realm_id=realm_id)
    config_requests = emulator.requests
    assert [r.method for r in config_requests] == ["GET", "POST"]
    assert config_requests[0].query["filter"] == 'display_name eq "Hosted"'  # bounded by key
    emulator.clear_requests()
    client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm_id)
    assert [r.method for r in emulator.requests] == ["GET", "POST"]


# --- lost, failed and unreadable answers of a create ----------------------------------


@BOTH_MODES
@pytest.mark.parametrize(
    ("collection", "pattern", "body"),
    [
        ("applications", APPS, APP),
        ("authenticator_configs", CONFIGS, CONFIG),
        ("resource_servers", SERVERS, SERVER),
    ],
)
@pytest.mark.parametrize(
    "fault",
    [{"kind": "drop_after_commit"}, {"kind": "error_after_commit", "status": 502}]
    + [{"kind": "bad_body", "body": b} for b in BAD_BODIES],
)
def test_unknown_create_outcome_finds_the_object_this_create_made(
    client: BeyondIdentityClient,
    emulator: Emulator,
    realm_id: str,
    collection: str,
    pattern: str,
    body: dict[str, Any],
    fault: dict[str, Any],
) -> None:
    emulator.faults.add(method="POST", path=pattern, **fault)
    coll = client.collection(spec_named(collection))
    made = coll.create(body, realm_id=realm_id)
    assert ids(coll.list(realm_id=realm_id)) == [made["id"]]
    assert len(requests_to(emulator, "POST", pattern.rsplit("/", 1)[1])) == 1


@BOTH_MODES
@pytest.mark.parametrize(
    "fault",
    [{"kind": "drop_after_commit"}, {"kind": "error_after_commit", "status": 500}]
    + [{"kind": "bad_body", "body": b} for b in BAD_BODIES],
)
def test_unknown_realm_create_outcome_finds_the_realm_this_create_made(
    client: BeyondIdentityClient, emulator: Emulator, fault: dict[str, Any]
) -> None:
    emulator.faults.add(method="POST", path=REALMS, **fault)
    made = client.collection(REALM).create(
        {"display_name": "Lost", "classification": "SECURE_CUSTOMER"}
    )
    names = [r["display_name"] for r in client.collection(REALM).list()]
    assert names.count("Lost") == 1
    assert made["display_name"] == "Lost"
    assert len(requests_to(emulator, "POST", "/realms")) == 1


@BOTH_MODES
def test_a_realm_that_existed_before_is_never_handed_back_nor_repeated(
    client: BeyondIdentityClient, emulator: Emulator, api: Any
) -> None:
    # Why: realm creates trusted the server to refuse a repeated name (an undocumented
    # 409); on a server that accepts repeats that made a second realm.
    theirs = api.post("/realms", json={"realm": {"display_name": "Theirs"}}).json()
    emulator.clear_requests()
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(REALM).create(
            {"display_name": "Theirs", "classification": "SECURE_CUSTOMER"}
        )
    assert info.value.existing_id == theirs["id"]
    assert info.value.created == theirs["create_time"]
    assert "nothing was created" in str(info.value)
    assert requests_to(emulator, "POST", "/realms") == []


@BOTH_MODES
def test_an_identifier_in_use_is_never_repeated(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    theirs = api.post(f"/realms/{realm_id}/resource-servers", json={"resource_server": SERVER})
    emulator.clear_requests()
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(RESOURCE_SERVER).create(
            {**SERVER, "display_name": "Ours"}, realm_id=realm_id
        )
    assert info.value.existing_id == theirs.json()["id"]
    assert requests_to(emulator, "POST", "/resource-servers") == []


@BOTH_MODES
def test_lost_answer_and_failing_lookup_say_the_outcome_is_unknown(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    # Why: "no matching object was found ... nothing was recorded as created" although
    # the POST committed; re-running then made a duplicate.
    emulator.faults.add(method="POST", path=REALMS, kind="drop_after_commit")
    # The listing before the POST goes through; every lookup after it fails.
    emulator.faults.add(method="GET", path=REALMS, kind="status", status=503, times=None, skip=1)
    with pytest.raises(CreateRecoveryError) as info:
        client.collection(REALM).create(
            {"display_name": "Lost", "classification": "SECURE_CUSTOMER"}
        )
    text = str(info.value)
    assert "unknown" in text
    assert "display_name 'Lost'" in text  # the natural key to look for
    assert "nothing was" not in text
    assert info.value.may_have_been_applied is True
    assert "may have been applied" in text
    emulator.faults.clear()
    assert [r["display_name"] for r in client.collection(REALM).list()].count(
        "Lost"
    ) == 1  # it committed
    # The next run (a new process) finds it before it could make a second one.
    with pytest.raises(AlreadyExistsError):
        make_client(emulator, Sleeps()).collection(REALM).create({"display_name": "Lost"})
    assert [r["display_name"] for r in client.collection(REALM).list()].count("Lost") == 1


@BOTH_MODES
def test_a_lost_identifier_create_with_a_failing_lookup_is_never_repeated(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=SERVERS, kind="drop_after_commit")
    emulator.faults.add(method="GET", path=SERVERS, kind="status", status=503, times=None, skip=1)
    with pytest.raises(CreateRecoveryError):
        client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm_id)
    emulator.faults.clear()
    with pytest.raises(AlreadyExistsError):  # the rerun: a new process
        make_client(emulator, Sleeps()).collection(RESOURCE_SERVER).create(
            SERVER, realm_id=realm_id
        )
    assert len(client.collection(RESOURCE_SERVER).list(realm_id=realm_id)) == 1


@BOTH_MODES
def test_several_holders_after_a_lost_answer_are_never_settled_by_picking_one(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    # Someone makes a same-named application after this process listed the realm and
    # before its POST, whose answer is then lost: either could be "ours"; handing one back
    # would hand back theirs half the time.
    client.collection(APPLICATION).create({**APP, "display_name": "first"}, realm_id=realm_id)
    theirs = api.post(f"/realms/{realm_id}/applications", json={"application": APP}).json()
    emulator.faults.add(method="POST", path=APPS, kind="drop_after_commit")
    with pytest.raises(CreateRecoveryError) as info:
        client.collection(APPLICATION).create(APP, realm_id=realm_id)
    assert theirs["id"] in info.value.candidates
    assert len(info.value.candidates) == 2
    assert len(requests_to(emulator, "POST", "/applications")) == 3  # first, theirs, ours once


@BOTH_MODES
def test_an_identifier_taken_since_the_realm_was_listed_is_found_before_the_post(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    # A server that refuses the repeat, with the 409 lost, would look like our own lost
    # create: so a resource-server create lists just before its POST, every time.
    client.collection(RESOURCE_SERVER).create({**SERVER, "identifier": "first"}, realm_id=realm_id)
    theirs = api.post(f"/realms/{realm_id}/resource-servers", json={"resource_server": SERVER})
    emulator.faults.add(method="POST", path=SERVERS, kind="drop_after_commit", times=None)
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(RESOURCE_SERVER).create(SERVER, realm_id=realm_id)
    assert info.value.existing_id == theirs.json()["id"]
    assert len(requests_to(emulator, "POST", "/resource-servers")) == 2  # first, theirs


@BOTH_MODES
def test_a_foreign_same_named_application_is_never_adopted(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, api: Any
) -> None:
    # Why: the pre-create listing failed, the POST failed uncommitted, and recovery
    # handed back the foreign application's id.
    foreign = api.post(f"/realms/{realm_id}/applications", json={"application": APP}).json()
    emulator.clear_requests()
    emulator.faults.add(method="GET", path=APPS, kind="status", status=503, times=1)
    emulator.faults.add(method="POST", path=APPS, kind="status", status=503, times=1)
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(APPLICATION).create(APP, realm_id=realm_id)
    assert info.value.existing_id == foreign["id"]
    assert requests_to(emulator, "POST", "/applications") == []  # nothing was sent
    assert ids(client.collection(APPLICATION).list(realm_id=realm_id)) == [foreign["id"]]


@BOTH_MODES
@pytest.mark.parametrize(
    ("collection", "pattern", "body", "scoped"),
    [
        ("applications", APPS, APP, True),
        ("resource_servers", SERVERS, SERVER, True),
        ("realms", REALMS, {"display_name": "Customers 2"}, False),
    ],
)
def test_a_failing_key_lookup_creates_nothing(
    client: BeyondIdentityClient,
    emulator: Emulator,
    realm_id: str,
    collection: str,
    pattern: str,
    body: dict[str, Any],
    scoped: bool,
) -> None:
    emulator.faults.add(method="GET", path=pattern, kind="status", status=503, times=None)
    with pytest.raises(ServerError) as info:
        client.collection(spec_named(collection)).create(
            body, realm_id=realm_id if scoped else None
        )
    assert info.value.may_have_been_applied is False
    assert requests_to(emulator, "POST", pattern.rsplit("/", 1)[1]) == []


@pytest.mark.parametrize(
    ("collection", "pattern", "body", "scoped"),
    [
        ("applications", APPS, APP, True),
        ("resource_servers", SERVERS, SERVER, True),
        ("realms", REALMS, {"display_name": "Customers 2"}, False),
    ],
)
def test_kinds_without_a_server_filter_are_never_sent_one(
    client: BeyondIdentityClient,
    emulator: Emulator,
    realm_id: str,
    collection: str,
    pattern: str,
    body: dict[str, Any],
    scoped: bool,
) -> None:
    # The contract has `filter` on authenticator configs (and identities) only; a bogus
    # one elsewhere could be ignored, or refused, or narrow the listing that is our evidence.
    emulator.faults.add(method="POST", path=pattern, kind="drop_after_commit")
    client.collection(spec_named(collection)).create(body, realm_id=realm_id if scoped else None)
    lookups = [r for r in emulator.requests if r.method == "GET"]
    assert len(lookups) == 2  # the evidence before the POST, the recovery after it
    assert all("filter" not in r.query for r in lookups), [r.query for r in lookups]


@pytest.mark.parametrize(
    ("collection", "pattern", "body", "scoped"),
    [
        ("resource_servers", SERVERS, SERVER, True),
        ("realms", REALMS, {"display_name": "Customers 2"}, False),
    ],
)
def test_a_409_on_the_first_try_is_never_taken_for_our_own_create(
    client: BeyondIdentityClient,
    emulator: Emulator,
    realm_id: str,
    collection: str,
    pattern: str,
    body: dict[str, Any],
    scoped: bool,
) -> None:
    # No earlier try of ours could have committed: a refusal is a refusal, never settled
    # by looking the key up (which might then find someone else's object) or by resending.
    emulator.faults.add(method="POST", path=pattern, kind="status", status=409)
    with pytest.raises(ConflictError) as info:
        client.collection(spec_named(collection)).create(
            body, realm_id=realm_id if scoped else None
        )
    assert info.value.may_have_been_applied is False
    assert len(requests_to(emulator, "POST", pattern.rsplit("/", 1)[1])) == 1


def test_a_post_refused_before_it_ran_is_sent_again(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, sleeps: Sleeps
) -> None:
    # 429: certainly not carried out, so it is resent (after the wait), not looked up.
    emulator.faults.add(method="POST", path=APPS, kind="rate_limit", retry_after="1")
    made = client.collection(APPLICATION).create(APP, realm_id=realm_id)
    assert len(requests_to(emulator, "POST", "/applications")) == 2
    assert ids(client.collection(APPLICATION).list(realm_id=realm_id)) == [made["id"]]
    assert sleeps == [1.0]


def test_a_create_refused_for_good_says_nothing_was_applied(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    emulator.faults.add(method="POST", path=APPS, kind="status", status=400)
    with pytest.raises(BeyondIdentityError) as info:
        client.collection(APPLICATION).create(APP, realm_id=realm_id)
    assert info.value.may_have_been_applied is False
    assert "may have been applied" not in str(info.value)


# --- reads, updates and deletes ---------------------------------------------------------


@pytest.mark.parametrize("body", BAD_BODIES)
def test_an_unusable_read_answer_is_a_typed_error(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, body: str
) -> None:
    emulator.faults.add(method="GET", path=f"{REALMS}/*", kind="bad_body", body=body, times=None)
    with pytest.raises(MalformedResponseError) as info:
        client.collection(REALM).find(realm_id)
    assert info.value.may_have_been_applied is False
    assert "gave up after 4 attempts" in str(info.value)


def test_an_answer_about_another_object_is_refused(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str
) -> None:
    other = client.collection(REALM).create(
        {"display_name": "Other", "classification": "SECURE_CUSTOMER"}
    )
    original = client.send

    def swapped(method: str, path: str, **kwargs: Any) -> Any:
        body = original(method, path.replace(realm_id, str(other["id"])), **kwargs)
        return body

    client.send = swapped  # type: ignore[method-assign]
    with pytest.raises(MalformedResponseError, match=f"asked for id {realm_id}"):
        client.collection(REALM).get(realm_id)


@pytest.mark.parametrize("body", ["html", "missing_id", "wrong_types"])
def test_an_unusable_update_answer_is_settled_by_reading_back(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, body: str
) -> None:
    # Not resent (a resend could be overtaken by the first copy: test_lost_updates.py).
    emulator.faults.add(method="PATCH", path=f"{REALMS}/*", kind="bad_body", body=body, times=None)
    updated = client.collection(REALM).update(realm_id, {"display_name": "Renamed"})
    assert updated["display_name"] == "Renamed"
    assert len(requests_to(emulator, "PATCH", realm_id)) == 1


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "drop_after_commit"},
        {"kind": "error_after_commit", "status": 503},
        {"kind": "bad_body", "body": "html"},
    ],
)
def test_a_delete_whose_answer_is_lost_counts_as_done(
    client: BeyondIdentityClient, emulator: Emulator, realm_id: str, fault: dict[str, Any]
) -> None:
    # Why: a DELETE whose answer was lost reported failure although it succeeded.
    emulator.faults.add(method="DELETE", path=f"{REALMS}/*", **fault)
    assert client.collection(REALM).delete(realm_id, missing_ok=False) is True
    assert client.collection(REALM).find(realm_id) is None


# --- bounded time ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "retry_after",
    ["nan", "inf", "-inf", "-5", "1e308", "junk", "", "Wed, 21 Oct 2015 07:28:00 GMT", "9" * 400],
)
def test_any_retry_after_value_gives_a_bounded_wait(
    client: BeyondIdentityClient, emulator: Emulator, sleeps: Sleeps, retry_after: str
) -> None:
    # Why: Retry-After: nan crashed in time.sleep.
    emulator.faults.add(
        method="GET", path=REALMS, kind="rate_limit", times=2, retry_after=retry_after
    )
    assert len(client.collection(REALM).list()) == 1
    assert len(sleeps) == 2
    assert all(0 <= s <= 60 for s in sleeps)


def test_a_repeating_page_token_is_detected(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    # Why: a server repeating the same next_page_token looped forever with growing memory.
    emulator.faults.add(method="GET", path=REALMS, kind="repeat_page_token", times=None)
    with pytest.raises(MalformedResponseError, match="next_page_token repeats"):
        client.collection(REALM).list()
    assert len(requests_to(emulator, "GET", "/realms")) <= 3


def test_a_trickling_server_cannot_outlast_the_deadline(emulator: Emulator) -> None:
    # Why: a server trickling one byte per second hung indefinitely.
    client = make_client(emulator, Sleeps(), total_timeout=1.5)
    realm = client.collection(REALM).create(
        {"display_name": "Slow", "classification": "SECURE_CUSTOMER"}
    )
    emulator.faults.add(method="GET", path=f"{REALMS}/*", kind="trickle", delay=0.2, times=None)
    started = time.monotonic()
    with pytest.raises(TransportError) as info:
        client.collection(REALM).get(realm["id"])
    elapsed = time.monotonic() - started
    # Unbounded, the trickle would never end; the slack absorbs a loaded machine (parallel tests).
    assert elapsed < 1.5 + 5, elapsed
    assert "1.5 s budget" in str(info.value)


def test_retries_never_outlast_the_operation_deadline(emulator: Emulator) -> None:
    # Why: one read took 123 s although the retry budget said 120 s.
    client = BeyondIdentityClient(
        token_settings(emulator),
        http=new_http_client(),
        retry=RetryPolicy(max_attempts=50, total_timeout=1.0, initial_backoff=0.05),
    )
    emulator.faults.add(method="GET", path=REALMS, kind="latency", delay=0.3, times=None)
    emulator.faults.add(method="GET", path=REALMS, kind="status", status=503, times=None)
    started = time.monotonic()
    with pytest.raises(BeyondIdentityError):
        client.collection(REALM).list()
    # 50 attempts of 0.3 s each would take 15 s; the slack absorbs a loaded machine.
    assert time.monotonic() - started < 1.0 + 5


# --- the token endpoint (client-credentials mode) ---------------------------------------


def cc_client(emu: Emulator) -> BeyondIdentityClient:
    settings = cc_settings(emu)
    return BeyondIdentityClient(
        settings, http=new_http_client(), retry=RetryPolicy(sleep=Sleeps(), max_attempts=2)
    )


@pytest.mark.parametrize("body", [b for b in BAD_BODIES if b != "missing_id"])  # no id there
def test_an_unusable_token_answer_is_typed(emulator: Emulator, body: str) -> None:
    token_path = httpx.URL(emulator.management_token_url).path
    emulator.faults.add(method="POST", path=token_path, kind="bad_body", body=body, times=None)
    with pytest.raises(BeyondIdentityError) as info:
        cc_client(emulator).get_tenant()
    assert emulator.management_client_secret not in str(info.value)


def test_a_trickling_token_endpoint_cannot_hold_a_call(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_auth, "TOKEN_RESPONSE_DEADLINE", 0.5)
    token_path = httpx.URL(emulator.management_token_url).path
    emulator.faults.add(method="POST", path=token_path, kind="trickle", delay=0.1, times=None)
    started = time.monotonic()
    with pytest.raises(TransportError, match="did not arrive completely"):
        cc_client(emulator).get_tenant()
    assert time.monotonic() - started < 0.5 + 5  # unbounded, it would never end


@pytest.mark.parametrize("name", ["Cats and Dogs", 'say "hi"', "back\\slash", "x and y and z"])
def test_the_filtered_key_lookup_takes_any_name(
    client: BeyondIdentityClient, realm_id: str, name: str
) -> None:
    made = client.collection(AUTHENTICATOR_CONFIG).create(
        {**CONFIG, "display_name": name}, realm_id=realm_id
    )
    with pytest.raises(AlreadyExistsError) as info:
        client.collection(AUTHENTICATOR_CONFIG).create(
            {**CONFIG, "display_name": name}, realm_id=realm_id
        )
    assert info.value.existing_id == made["id"]


def test_a_replacement_with_another_type_is_not_a_taken_name(
    client: BeyondIdentityClient, realm_id: str
) -> None:
    # A change of a field that cannot change in place replaces the object, and Pulumi
    # creates the new one before deleting the old: the old one must not block it.
    old_config = client.collection(AUTHENTICATOR_CONFIG).create(CONFIG, realm_id=realm_id)
    old_app = client.collection(APPLICATION).create(APP, realm_id=realm_id)
    public = {
        **APP,
        "authenticator_config_id": old_config["id"],
        "protocol_config": {
            **APP["protocol_config"],  # type: ignore[dict-item]
            "type": "oidc",
            "confidentiality": "public",
            "grant_type": ["authorization_code"],
            "pkce": "s256",
            "redirect_uris": ["https://example.com/cb"],
        },
    }
    new_app = client.collection(APPLICATION).create(public, realm_id=realm_id)
    assert new_app["id"] != old_app["id"]
    embedded = {
        "display_name": CONFIG["display_name"],
        "config": {
            "type": "embedded",
            "invoke_url": "https://example.com/bi",
            "trusted_origins": ["https://example.com"],
        },
    }
    new_config = client.collection(AUTHENTICATOR_CONFIG).create(embedded, realm_id=realm_id)
    assert new_config["id"] != old_config["id"]
    with pytest.raises(AlreadyExistsError, match=r"config\.type 'embedded'"):
        client.collection(AUTHENTICATOR_CONFIG).create(embedded, realm_id=realm_id)
