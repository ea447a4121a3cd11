"""The real engine on the real program: up, preview, edits, drift, faults, adoption, destroy.

Each test deploys the stack program (``__main__.py``) to its own file backend, with
Beyond Identity served by the emulator and Cognito by moto through the AWS stand-in.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from helpers.stack_harness import PROJECT, Deployment, changes, events_of, new_deployment, steps
from pulumi import automation as auto

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
IDENTITY_PROVIDER = "aws:cognito/identityProvider:IdentityProvider"
BI_TYPES = {
    "realm": "pulumi-python:dynamic/beyondidentity:Realm",
    "rs": "pulumi-python:dynamic/beyondidentity:ResourceServer",
    "ac": "pulumi-python:dynamic/beyondidentity:AuthenticatorConfig",
    "app": "pulumi-python:dynamic/beyondidentity:Application",
}


@pytest.fixture
def deployed(tmp_path: Path, emulator: Emulator, moto: str) -> Deployment:
    deployment = new_deployment(tmp_path, emulator, moto)
    deployment.up()
    return deployment


def check_beyond_identity(d: Deployment, emulator: Emulator, out: dict[str, Any]) -> dict[str, Any]:
    """The realm's objects as the outputs say; returns the application's protocol config."""
    with d.bi() as api:
        app = api.get(f"/realms/{out['realmId']}/applications/{out['applicationId']}").json()
    pc: dict[str, Any] = app["protocol_config"]
    assert pc["client_id"] == out["beyondIdentityClientId"]
    assert pc["redirect_uris"] == [
        "https://bi-e2e.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
    ]
    assert pc["token_configuration"]["subject_field"] == "email"
    assert out["issuer"] == emulator.issuer(out["realmId"], out["applicationId"])
    assert [s["identifier"] for s in d.realm_objects(out["realmId"], "resource-servers")] == [
        "awsresourceserver"
    ]
    assert [
        c["config"]["type"] for c in d.realm_objects(out["realmId"], "authenticator-configs")
    ] == ["hosted_web"]
    return pc


def check_cognito(cognito: Any, out: dict[str, Any], pc: dict[str, Any]) -> None:
    """The pool, the identity provider wired to the application, and the app client."""
    pool = cognito.describe_user_pool(UserPoolId=out["userPoolId"])["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    idp = cognito.describe_identity_provider(
        UserPoolId=out["userPoolId"], ProviderName=out["identityProviderName"]
    )["IdentityProvider"]
    details = idp["ProviderDetails"]
    assert details["client_id"] == pc["client_id"]
    assert details["client_secret"] == pc["client_secret"]
    assert details["oidc_issuer"] == out["issuer"]
    assert details["authorize_scopes"] == "openid aws:customclaim"
    assert idp["AttributeMapping"]["email"] == "sub"
    client = cognito.describe_user_pool_client(
        UserPoolId=out["userPoolId"], ClientId=out["userPoolClientId"]
    )["UserPoolClient"]
    assert client["SupportedIdentityProviders"] == [out["identityProviderName"]]
    assert client["CallbackURLs"] == ["http://localhost:3000"]
    assert "identity_provider=BeyondIdentity" in out["authorizeUrl"]


def check_no_plain_secrets(d: Deployment, emulator: Emulator, pc: dict[str, Any]) -> None:
    """Secrets: none in plain text anywhere the file backend wrote."""
    state = d.state_text()
    assert pc["client_secret"] not in state
    assert emulator.management_client_secret not in state
    assert "e2e-moto-secret" not in state
    assert emulator.api_token not in state
    assert "client_secret" in state  # the key is there, its value encrypted


def test_up_creates_everything_and_outputs_match_the_backends(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    # client-credentials mode here, an API token in the other tests
    d = new_deployment(tmp_path, emulator, moto, credentials="client_credentials")
    # the first preview runs every check with unknown values (ids not assigned yet)
    assert steps(d.preview()) == {"create": 11}
    # preview never writes; it proves the credentials once (a token, then a read of the tenant)
    assert [r.method for r in emulator.requests if r.method != "GET"] == ["POST"]
    assert emulator.requests[0].path == emulator.management_token_url.removeprefix(emulator.url)
    assert emulator.counters["GET /v1/tenants/{tenant_id}"] == 1
    result = d.up()
    # stack, component, 4 Beyond Identity objects + the credentials view, 4 Cognito resources
    assert changes(result.summary) == {"create": 11}
    out = d.outputs()

    pc = check_beyond_identity(d, emulator, out)
    cognito = d.cognito()
    check_cognito(cognito, out, pc)
    check_no_plain_secrets(d, emulator, pc)

    # a second preview plans nothing at all
    assert steps(d.preview()) == {}
    check_source_positions(d)

    d.destroy()
    with d.bi() as api:
        realms = api.get("/realms").json()["realms"]
    assert [r["display_name"] for r in realms] == ["Beyond Identity Admin"]
    assert cognito.list_user_pools(MaxResults=60)["UserPools"] == []


def check_source_positions(d: Deployment) -> None:
    """Each Beyond Identity resource's recorded ``sourcePosition`` is the line that declared
    it (the component's module), never this package's own ``_resource.py``."""
    state = d.stack.export_stack().deployment or {}
    positions = {
        r["type"]: r.get("sourcePosition", "")
        for r in state["resources"]
        if r["type"].startswith("pulumi-python:dynamic/beyondidentity:")
    }
    assert set(BI_TYPES.values()) <= set(positions)
    for kind, position in positions.items():
        assert "beyondidentity_cognito/_beyond_identity.py#" in position, (kind, position)


#: What resources stored before issue 21 item 2 and no longer do.
OLD_OUTPUTS = {
    "tenant_id": "000176d94fd7b4d1",
    "is_managed": False,
    "discovery_url": "https://old.example/.well-known/openid-configuration",
    "authorize_url": "https://old.example/authorize",
    "token_url": "https://old.example/token",
    "userinfo_url": "https://old.example/userinfo",
    "jwks_url": "https://old.example/.well-known/jwks.json",
}


def test_a_state_written_with_the_old_outputs_plans_no_change(deployed: Deployment) -> None:
    """A stack deployed before outputs left the state: ``up`` plans nothing, and a
    ``refresh`` takes its inputs from Beyond Identity, after which nothing is planned."""
    d = deployed
    exported = d.stack.export_stack()
    state = exported.deployment or {}
    for resource in state["resources"]:
        if resource["type"].startswith("pulumi-python:dynamic/beyondidentity:"):
            resource["outputs"] = {**OLD_OUTPUTS, **resource["outputs"]}
    d.stack.import_stack(exported)
    assert old_outputs_left(d) == len(OLD_OUTPUTS) * 4  # realm, server, config, application
    assert steps(d.preview()) == {}
    result = d.up()
    assert {k: v for k, v in changes(result.summary).items() if k != "same"} == {}
    d.refresh()
    assert old_outputs_left(d) == 0  # the refresh keeps what the provider reads
    assert steps(d.preview()) == {}


def old_outputs_left(d: Deployment) -> int:
    """How many of the old outputs the stack's current state still holds."""
    state = d.stack.export_stack().deployment or {}
    return sum(
        1
        for resource in state["resources"]
        if resource["type"] in BI_TYPES.values()
        for key, value in resource.get("outputs", {}).items()
        if OLD_OUTPUTS.get(key, object()) == value
    )


def test_edits_plan_exactly_the_right_steps(deployed: Deployment) -> None:
    d = deployed
    before = d.outputs()
    d.set(f"{PROJECT}:applicationName", "Renamed app")
    preview = d.preview()
    assert steps(preview) == {"update": 1}
    d.up()
    with d.bi() as api:
        app = api.get(f"/realms/{before['realmId']}/applications/{before['applicationId']}").json()
    assert app["display_name"] == "Renamed app"

    d.set(f"{PROJECT}:resourceServerIdentifier", "awsresourceserver-v2")
    events: list[auto.EngineEvent] = []
    preview = d.preview(on_event=events.append)
    assert events_of("replace", events) == [BI_TYPES["rs"]]
    assert BI_TYPES["app"] in events_of("update", events)  # it points at the new server
    d.up()
    servers = d.realm_objects(before["realmId"], "resource-servers")
    assert [s["identifier"] for s in servers] == ["awsresourceserver-v2"]
    apps = d.realm_objects(before["realmId"], "applications")
    assert [a["resource_server_id"] for a in apps] == [servers[0]["id"]]
    assert steps(d.preview()) == {}
    # A stack deployed by the previous version, whose resources carry the hidden
    # `__owner` input (the orphan proof it used, since removed), plans nothing either.
    add_owner_inputs(d)
    assert steps(d.preview()) == {}
    check_removed_settings_leave_aws(d)


def cognito_client(d: Deployment) -> dict[str, Any]:
    out = d.outputs()
    client: dict[str, Any] = d.cognito().describe_user_pool_client(
        UserPoolId=out["userPoolId"], ClientId=out["userPoolClientId"]
    )["UserPoolClient"]
    return client


def check_removed_settings_leave_aws(d: Deployment) -> None:
    """A callback URL, the logout URL, COGNITO and an IdP identifier removed from the program
    are removed from AWS (moto), not just from the program.

    On the real provider the client's URLs and identity providers are Optional+Computed: an
    input the program leaves out plans nothing and the old value stays enabled. The component
    therefore sends what removes them (an empty list, the shorter list), and the plan is an
    update of the client (and of the identity provider, for its identifiers).
    """
    second = "http://localhost:3000/second"
    d.stack.set_all_config(
        {
            f"{PROJECT}:callbackUrls[1]": auto.ConfigValue(second),
            f"{PROJECT}:allowCognitoLogin": auto.ConfigValue("true"),
            f"{PROJECT}:idpIdentifiers[0]": auto.ConfigValue("example.com"),
        },
        path=True,
    )
    d.up()
    client = cognito_client(d)
    assert client["CallbackURLs"] == ["http://localhost:3000", second]
    assert client["LogoutURLs"] == ["http://localhost:3000/signed-out"]
    assert sorted(client["SupportedIdentityProviders"]) == ["BeyondIdentity", "COGNITO"]

    d.stack.remove_config(f"{PROJECT}:callbackUrls[1]", path=True)
    d.stack.remove_all_config(
        [f"{PROJECT}:logoutUrls", f"{PROJECT}:allowCognitoLogin", f"{PROJECT}:idpIdentifiers"]
    )
    events: list[auto.EngineEvent] = []
    plan = d.preview(on_event=events.append)
    assert steps(plan) == {"update": 2}, plan.change_summary
    updated = [t for t in events_of("update", events) if not t.startswith("pulumi:providers:")]
    assert sorted(updated) == [IDENTITY_PROVIDER, CLIENT]
    d.up()
    client = cognito_client(d)
    assert client["CallbackURLs"] == ["http://localhost:3000"]
    assert client.get("LogoutURLs", []) == []
    assert client["SupportedIdentityProviders"] == ["BeyondIdentity"]
    out = d.outputs()
    idp = d.cognito().describe_identity_provider(
        UserPoolId=out["userPoolId"], ProviderName=out["identityProviderName"]
    )["IdentityProvider"]
    assert idp.get("IdpIdentifiers", []) == []
    assert steps(d.preview()) == {}


def add_owner_inputs(d: Deployment) -> None:
    """Give every Beyond Identity resource the ``__owner`` input the previous version wrote."""
    exported = d.stack.export_stack()
    assert exported.deployment is not None
    ours = [r for r in exported.deployment["resources"] if r["type"] in BI_TYPES.values()]
    assert ours
    for resource in ours:
        assert "__owner" not in resource["inputs"]
        owner = {"stack": f"organization/{PROJECT}/e2e", "run": "2026-01-01T00:00:00+00:00~0a1b2c"}
        resource["inputs"]["__owner"] = owner
    d.stack.import_stack(exported)


def test_drift_shows_on_refresh_and_up_restores_it(deployed: Deployment) -> None:
    d = deployed
    out = d.outputs()
    with d.bi() as api:
        api.patch(
            f"/realms/{out['realmId']}/applications/{out['applicationId']}",
            json={"application": {"display_name": "Edited in the console"}},
        ).raise_for_status()
    assert steps(d.preview()) == {}  # Pulumi does not refresh by default
    refresh = d.refresh()
    assert changes(refresh.summary).get("update") == 1
    assert d.emulator.api_token not in d.state_text()  # token mode: the token stays out of state
    assert steps(d.preview()) == {"update": 1}
    d.up()
    with d.bi() as api:
        app = api.get(f"/realms/{out['realmId']}/applications/{out['applicationId']}").json()
    assert app["display_name"] == "AWS Cognito"
    assert steps(d.preview()) == {}
    check_late_updates(d, f"/realms/{out['realmId']}/applications/{out['applicationId']}")


def check_late_updates(d: Deployment, app_path: str) -> None:
    """Issue 17: a rename whose PATCH runs after the client gave up, then a later rename.

    Before, the client resent the PATCH, the up succeeded, and the first copy landing after
    the next rename reverted it while the preview stayed empty. Now the up fails saying the
    two may disagree, and the next up converges.
    """

    def held_name() -> str:
        with d.bi() as api:
            return str(api.get(app_path).json()["display_name"])

    # 15 s per operation: the PATCH gets 10 s, the read-back 5 s (generous on a loaded
    # machine); the emulator runs the PATCH after 20 s.
    d.set("beyondidentity:operationTimeout", "15")
    d.emulator.faults.add(method="PATCH", path=f"*{app_path}", kind="latency", delay=20)
    d.set(f"{PROJECT}:applicationName", "Late rename")
    with pytest.raises(auto.CommandError) as info:
        d.up()
    assert "does not hold the values sent for display_name" in str(info.value)
    assert "outcome unknown" in str(info.value)
    give_up = time.monotonic() + 90  # the copy the client gave up on still runs
    while held_name() != "Late rename" and time.monotonic() < give_up:
        time.sleep(0.5)
    assert held_name() == "Late rename"
    assert steps(d.preview()) == {"update": 1}  # the state says otherwise: not silent
    d.set(f"{PROJECT}:applicationName", "Second rename")
    d.up()
    assert held_name() == "Second rename"
    assert steps(d.preview(refresh=True)) == {}
    # A late answer to a committed PATCH: read back, done, and no second copy.
    d.emulator.clear_requests()
    d.emulator.faults.add(method="PATCH", path=f"*{app_path}", kind="hold_after_commit")
    d.set(f"{PROJECT}:applicationName", "Third rename")
    d.up()
    assert held_name() == "Third rename"
    assert [r.method for r in d.emulator.requests if r.path.endswith(app_path)].count("PATCH") == 1
    assert steps(d.preview(refresh=True)) == {}


def test_object_deleted_out_of_band_is_recreated_by_up_refresh(deployed: Deployment) -> None:
    d = deployed
    out = d.outputs()
    with d.bi() as api:
        api.delete(
            f"/realms/{out['realmId']}/applications/{out['applicationId']}"
        ).raise_for_status()
    d.up(refresh=True)
    new = d.outputs()
    assert new["applicationId"] != out["applicationId"]
    assert [a["id"] for a in d.realm_objects(out["realmId"], "applications")] == [
        new["applicationId"]
    ]
    # the Cognito side follows the new credentials
    idp = d.cognito().describe_identity_provider(
        UserPoolId=new["userPoolId"], ProviderName=new["identityProviderName"]
    )["IdentityProvider"]
    assert idp["ProviderDetails"]["client_id"] == new["beyondIdentityClientId"]
    assert idp["ProviderDetails"]["oidc_issuer"] == new["issuer"]
    assert steps(d.preview()) == {}


def test_failed_create_leaves_state_consistent_and_the_next_up_converges(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    d = new_deployment(tmp_path, emulator, moto)
    emulator.faults.add(
        method="POST",
        path="/v1/tenants/*/realms/*/applications",
        kind="status",
        status=501,
        times=None,
    )
    with pytest.raises(auto.CommandError) as info:
        d.up()
    assert "501" in str(info.value)
    state = d.stack.export_stack().deployment or {}
    types = [r["type"] for r in state["resources"]]
    assert BI_TYPES["app"] not in types
    realm = next(r for r in state["resources"] if r["type"] == BI_TYPES["realm"])
    assert d.realm_objects(realm["id"], "applications") == []  # nothing half-created

    emulator.faults.clear()
    # and a lost response on the retry is settled without a duplicate
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms/*/applications", kind="drop_after_commit", times=1
    )
    d.up()
    out = d.outputs()
    assert [a["id"] for a in d.realm_objects(out["realmId"], "applications")] == [
        out["applicationId"]
    ]
    assert steps(d.preview()) == {}
