"""Client behaviour over real HTTP against the Beyond Identity emulator."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from helpers.client_support import APP, Sleeps, cc_settings, requests_to, token_settings

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    AlreadyExistsError,
    AuthError,
    BeyondIdentityClient,
    InvalidInputError,
    NotFoundError,
    RetryPolicy,
    ServerError,
    Settings,
    TransportError,
)
from pulumi_beyondidentity._auth import ClientCredentialsToken
from pulumi_beyondidentity._http import new_http_client
from pulumi_beyondidentity.application import APPLICATION
from pulumi_beyondidentity.realm import REALM
from pulumi_beyondidentity.resource_server import RESOURCE_SERVER


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(emulator: Emulator, sleeps: Sleeps) -> Iterator[BeyondIdentityClient]:
    http = new_http_client()
    yield BeyondIdentityClient(
        token_settings(emulator), http=http, retry=RetryPolicy(sleep=sleeps, max_attempts=4)
    )
    http.close()


def new_realm(client: BeyondIdentityClient, name: str = "Customers") -> str:
    return str(
        client.collection(REALM).create(
            {"display_name": name, "classification": "SECURE_CUSTOMER"}
        )["id"]
    )


def test_crud_round_trip_with_envelopes(client: BeyondIdentityClient, emulator: Emulator) -> None:
    realm_id = new_realm(client)
    rs = client.collection(RESOURCE_SERVER).create(
        {"display_name": "AWS", "identifier": "awsresourceserver", "scopes": ["aws:customclaim"]},
        realm_id=realm_id,
    )
    assert rs["identifier"] == "awsresourceserver"
    assert client.collection(RESOURCE_SERVER).get(rs["id"], realm_id=realm_id)["scopes"] == [
        "aws:customclaim"
    ]
    updated = client.collection(RESOURCE_SERVER).update(
        rs["id"], {"display_name": "AWS 2"}, realm_id=realm_id
    )
    assert updated["display_name"] == "AWS 2"
    assert client.collection(RESOURCE_SERVER).delete(rs["id"], realm_id=realm_id) is True
    assert (
        client.collection(RESOURCE_SERVER).delete(rs["id"], realm_id=realm_id) is False
    )  # 404 counts as deleted
    assert client.collection(RESOURCE_SERVER).find(rs["id"], realm_id=realm_id) is None
    assert client.get_tenant()["id"] == emulator.tenant_id
    post = requests_to(emulator, "POST", "/resource-servers")[0]
    assert set(post.request_body) == {"resource_server"}  # the wrapped envelope
    assert post.request_headers["user-agent"].startswith("pulumi-beyondidentity/0.1.0 ")


def test_token_is_fetched_once_for_4_threads_and_50_calls(emulator: Emulator) -> None:
    http = new_http_client()
    client = BeyondIdentityClient(cc_settings(emulator), http=http)
    realm_id = new_realm(client)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(12):
                client.collection(REALM).get(realm_id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    source = client.token_source
    assert isinstance(source, ClientCredentialsToken)
    assert source.fetch_count == 1
    assert len([r for r in emulator.requests if r.path.endswith("/token")]) == 1
    http.close()


def test_a_refused_token_is_replaced_once(emulator: Emulator) -> None:
    http = new_http_client()
    client = BeyondIdentityClient(cc_settings(emulator), http=http)
    client.get_tenant()
    source = client.token_source
    assert isinstance(source, ClientCredentialsToken)
    source._token = "expired.or.revoked"  # what a server-side revocation looks like to us
    client.get_tenant()
    assert source.fetch_count == 2
    http.close()


def test_static_token_refused_gives_an_auth_error_without_the_token(emulator: Emulator) -> None:
    settings = Settings.resolve(
        explicit={
            "tenant_id": emulator.tenant_id,
            "api_token": "wrong-SECRET-token",
            "api_url": emulator.url,
        },
        environ={},
    )
    with pytest.raises(AuthError) as info:
        BeyondIdentityClient(settings, http=new_http_client()).get_tenant()
    assert info.value.status_code == 401
    assert "wrong-SECRET-token" not in str(info.value)
    assert "wrong-SECRET-token" not in repr(info.value)


def test_retry_after_is_waited(
    client: BeyondIdentityClient, emulator: Emulator, sleeps: Sleeps
) -> None:
    emulator.faults.add(
        method="GET", path="/v1/tenants/*/realms", kind="rate_limit", times=2, retry_after="1"
    )
    assert [r["display_name"] for r in client.collection(REALM).list()] == ["Beyond Identity Admin"]
    assert sleeps == [1.0, 1.0]
    assert len(requests_to(emulator, "GET", "/realms")) == 3


def test_retries_are_bounded_and_the_error_says_what_was_tried(
    client: BeyondIdentityClient, emulator: Emulator, sleeps: Sleeps
) -> None:
    emulator.faults.add(
        method="GET", path="/v1/tenants/*/realms", kind="status", status=503, times=10
    )
    with pytest.raises(ServerError) as info:
        client.collection(REALM).list()
    assert len(requests_to(emulator, "GET", "/realms")) == 4
    assert len(sleeps) == 3
    assert "gave up after 4 attempts" in str(info.value)


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_5xx_is_retried_on_idempotent_methods(
    client: BeyondIdentityClient, emulator: Emulator, method: str
) -> None:
    realm_id = new_realm(client)
    emulator.faults.add(
        method=method, path=f"/v1/tenants/*/realms/{realm_id}", kind="status", status=503, times=1
    )
    if method == "GET":
        client.collection(REALM).get(realm_id)
    elif method == "PATCH":
        client.collection(REALM).update(realm_id, {"display_name": "Renamed"})
    else:
        assert client.collection(REALM).delete(realm_id) is True
    assert len(requests_to(emulator, method, realm_id)) == 2


def test_501_is_not_retried(client: BeyondIdentityClient, emulator: Emulator) -> None:
    emulator.faults.add(
        method="GET", path="/v1/tenants/*/realms", kind="status", status=501, times=5
    )
    with pytest.raises(ServerError):
        client.collection(REALM).list()
    assert len(requests_to(emulator, "GET", "/realms")) == 1


def test_post_failing_with_5xx_is_checked_before_it_is_sent_again(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms", kind="status", status=503, times=1
    )
    realm = client.collection(REALM).create(
        {"display_name": "Once", "classification": "SECURE_CUSTOMER"}
    )
    names = [r["display_name"] for r in client.collection(REALM).list()]
    assert names.count("Once") == 1
    assert realm["display_name"] == "Once"
    methods = [r.method for r in emulator.requests if r.path.endswith("/realms")]
    # the name checked free, failed POST, recovery lookup (no holder), second POST, our own list
    assert methods == ["GET", "POST", "GET", "POST", "GET"]


def test_lost_create_response_leaves_exactly_one_object_and_returns_it(
    client: BeyondIdentityClient, emulator: Emulator
) -> None:
    realm_id = new_realm(client)
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms/*/applications", kind="drop_after_commit", times=1
    )
    app = client.collection(APPLICATION).create(APP, realm_id=realm_id)
    apps = client.collection(APPLICATION).list(realm_id=realm_id)
    assert [a["id"] for a in apps] == [app["id"]]
    assert len(requests_to(emulator, "POST", "/applications")) == 1


def test_connect_failures_are_transport_errors(emulator: Emulator) -> None:
    settings = Settings.resolve(
        explicit={
            "tenant_id": emulator.tenant_id,
            "api_token": "t",
            "api_url": "http://127.0.0.1:9",
        },
        environ={},
    )
    sleeps = Sleeps()
    client = BeyondIdentityClient(
        settings, http=new_http_client(), retry=RetryPolicy(max_attempts=2, sleep=sleeps)
    )
    with pytest.raises(TransportError) as info:
        client.collection(REALM).list()
    assert info.value.reached_server is False
    assert len(sleeps) == 1


def test_pagination_is_followed_to_the_end(
    client: BeyondIdentityClient, emulator: Emulator, api: httpx.Client
) -> None:
    realm_id = new_realm(client)
    for i in range(105):  # plain POSTs: this test is about listing
        body = {"resource_server": {"display_name": f"rs{i}", "identifier": f"api-{i}"}}
        api.post(f"/realms/{realm_id}/resource-servers", json=body).raise_for_status()
    emulator.clear_requests()
    servers = client.collection(RESOURCE_SERVER).list(realm_id=realm_id)
    assert len({s["id"] for s in servers}) == 105
    assert len(requests_to(emulator, "GET", "/resource-servers")) == 2


def test_errors_name_the_field_and_rule(client: BeyondIdentityClient) -> None:
    with pytest.raises(InvalidInputError) as info:
        client.collection(REALM).create({"display_name": ""})
    assert "realm.display_name" in str(info.value)
    assert info.value.field_violations[0].field == "realm.display_name"
    realm_id = new_realm(client, "Taken")
    with pytest.raises(AlreadyExistsError) as taken:
        client.collection(REALM).create(
            {"display_name": "Taken", "classification": "SECURE_CUSTOMER"}
        )
    assert taken.value.existing_id == realm_id
    assert realm_id in str(taken.value)
    with pytest.raises(NotFoundError) as missing:
        client.collection(APPLICATION).get(
            "38833c36-6f47-4992-9329-ea0a00915137", realm_id=realm_id
        )
    assert missing.value.status_code == 404


def test_no_credential_reaches_a_log_record(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    http = new_http_client()
    client = BeyondIdentityClient(
        cc_settings(emulator), http=http, retry=RetryPolicy(sleep=Sleeps())
    )
    emulator.faults.add(
        method="GET", path="/v1/tenants/*/realms", kind="status", status=503, times=1
    )
    client.collection(REALM).list()
    with pytest.raises(InvalidInputError):
        client.collection(REALM).create({"display_name": ""})
    bad = BeyondIdentityClient(
        Settings.resolve(
            explicit={
                "tenant_id": emulator.tenant_id,
                "client_id": emulator.management_client_id,
                "client_secret": "wrong-client-SECRET",
                "token_url": emulator.management_token_url,
                "api_url": emulator.url,
            },
            environ={},
        ),
        http=http,
    )
    with pytest.raises(AuthError) as info:
        bad.get_tenant()
    source = client.token_source
    assert isinstance(source, ClientCredentialsToken)
    token = source.token()
    text = (
        "\n".join(r.getMessage() for r in caplog.records)
        + str(info.value)
        + repr(client)
        + repr(source)
    )
    assert caplog.records  # the retry and the requests were logged
    for secret in (token, emulator.management_client_secret, "wrong-client-SECRET"):
        assert secret not in text
    http.close()
