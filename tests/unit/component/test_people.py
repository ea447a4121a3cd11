"""The people of a pilot: the component's identities and groups (Identity and Group of
``pulumi_beyondidentity``), under Pulumi mocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pulumi
import pytest
import yaml
from helpers.cognito_mocks import Deploy, FakeCloud

from beyondidentity_cognito import (
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    RealmGroup,
    RealmIdentity,
    args_from_settings,
    setting_names,
)

IDENTITY = "pulumi-python:dynamic/beyondidentity:Identity"
GROUP = "pulumi-python:dynamic/beyondidentity:Group"
BASE: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost:3000"]}
DEV = Path(__file__).resolve().parents[3] / "Pulumi.dev.yaml"


def federation(**overrides: Any) -> CognitoFederation:
    return CognitoFederation("login", CognitoFederationArgs(**{**BASE, **overrides}))


def test_identities_and_groups_are_created_in_the_realm(cloud: FakeCloud, deploy: Deploy) -> None:
    deployed = deploy(
        lambda: federation(
            identities=[
                RealmIdentity("Alice", email="alice@example.com", display_name="Alice Example"),
                RealmIdentity("bob"),
            ],
            groups=[RealmGroup("Pilot users", description="The pilot", members=["alice"])],
        )
    )
    # Registered in whatever order the program's outputs resolve: looked up by name.
    by_name = {r.name: r for r in cloud.of_type(IDENTITY)}
    assert set(by_name) == {"login-identity-alice", "login-identity-bob"}
    alice, bob = by_name["login-identity-alice"], by_name["login-identity-bob"]
    assert alice.plain["username"] == "Alice"
    assert alice.plain["primary_email_address"] == "alice@example.com"
    assert alice.plain["display_name"] == "Alice Example"
    assert bob.plain["display_name"] == "bob"  # the username by default
    realm_id = deployed.outputs["realm_id"]
    assert alice.plain["realm_id"] == bob.plain["realm_id"] == realm_id
    (group,) = cloud.of_type(GROUP)
    assert group.name == "login-group-Pilot users"
    assert group.plain["members"] == [alice.id]
    assert group.plain["description"] == "The pilot"
    assert deployed.outputs["identity_ids"] == {"Alice": alice.id, "bob": bob.id}
    assert deployed.outputs["group_ids"] == {"Pilot users": group.id}


def test_none_by_default(cloud: FakeCloud, deploy: Deploy) -> None:
    deployed = deploy(federation)
    assert not cloud.of_type(IDENTITY)
    assert not cloud.of_type(GROUP)
    assert deployed.outputs["identity_ids"] == {}


@pytest.mark.parametrize(
    ("overrides", "reported"),
    [
        (
            {"identities": [RealmIdentity("alice"), RealmIdentity("ALICE")]},
            "identities[1].username",
        ),
        ({"identities": [RealmIdentity("a/b")]}, "identities[0].username"),
        ({"identities": [RealmIdentity("alice", email="alice")]}, "identities[0].email"),
        # The providers' email rule itself (control characters too), not a copy of it.
        (
            {"identities": [RealmIdentity("alice", email="a\u202e@example.com")]},
            "identities[0].email",
        ),
        ({"groups": [RealmGroup("g", members=["nobody"])]}, "groups[0].members[0]"),
        ({"groups": [RealmGroup("g"), RealmGroup("g")]}, "groups[1].display_name"),
        ({"groups": [RealmGroup("g", description="x" * 301)]}, "groups[0].description"),
        ({"identities": ["alice"]}, "identities[0]"),
    ],
)
def test_broken_rules_are_reported_before_anything_exists(
    cloud: FakeCloud, overrides: dict[str, Any], reported: str
) -> None:
    with pytest.raises(CognitoFederationError) as caught:
        federation(**overrides)
    assert [p.argument for p in caught.value.problems] == [reported]
    assert not cloud.log


def test_settings_become_the_records_and_name_the_setting(cloud: FakeCloud) -> None:
    args = args_from_settings(
        {
            "domainPrefix": "bi-demo",
            "callbackUrls": ["http://localhost:3000"],
            "identities": [{"username": "alice", "email": "a@example.com", "displayName": "A"}],
            "groups": [{"displayName": "g", "members": ["alice", "carol"]}],
        }
    )
    assert args.identities == [RealmIdentity("alice", email="a@example.com", display_name="A")]
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("login", args, argument_names=setting_names())
    (problem,) = caught.value.problems
    assert str(problem) == (
        "groups[0].members[1]: must be the username of one of identities; got 'carol'"
    )


def test_a_malformed_entry_is_one_line_naming_the_setting(cloud: FakeCloud) -> None:
    with pytest.raises(pulumi.RunError, match=r"^identities\[0\]: must be an object with"):
        args_from_settings({"callbackUrls": ["http://x"], "identities": [{"name": "alice"}]})


def test_the_dev_stack_declares_its_test_user() -> None:
    config = yaml.safe_load(DEV.read_text())["config"]
    (user,) = config["beyondidentity-cognito:identities"]
    # The user the emulator's sign-in page signs in (DEFAULT_TEST_USER_EMAIL).
    assert user == {"username": "test.user", "email": "test.user@example.com"}
