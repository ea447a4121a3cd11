"""The component's rules for a pilot's people, case by case: which usernames are one person,
which group members are declared identities, and what a malformed entry says.

Pinned by mutation testing (``scripts/mutate.py check_people``): each test fails when the
rule it names is removed or inverted. Every broken rule is reported before anything exists.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.cognito_mocks import Deploy, FakeCloud

from beyondidentity_cognito import (
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    RealmGroup,
    RealmIdentity,
)

BASE: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost:3000"]}


def problems(cloud: FakeCloud, **overrides: Any) -> list[tuple[str, str]]:
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("login", CognitoFederationArgs(**{**BASE, **overrides}))
    assert not cloud.log  # nothing was created
    return [(p.argument, str(p)) for p in caught.value.problems]


def accepted(cloud: FakeCloud, **overrides: Any) -> None:
    CognitoFederation("login", CognitoFederationArgs(**{**BASE, **overrides}))


def test_usernames_repeated_in_any_case_are_one_person_reported_once_each(
    cloud: FakeCloud,
) -> None:
    found = problems(
        cloud,
        identities=[
            RealmIdentity("alice"),
            RealmIdentity("bob"),
            RealmIdentity("ALICE"),
            RealmIdentity("Bob"),
        ],
    )
    assert [argument for argument, _ in found] == [
        "identities[2].username",
        "identities[3].username",
    ]
    assert "repeats an earlier username (ignoring case); got 'ALICE'" in found[0][1]


def test_a_group_member_names_an_identity_in_any_case(cloud: FakeCloud) -> None:
    accepted(
        cloud,
        identities=[RealmIdentity("Alice"), RealmIdentity("bob")],
        groups=[RealmGroup("Pilots", members=["ALICE", "Bob"])],
    )


def test_a_group_member_that_is_not_a_username_is_named(cloud: FakeCloud) -> None:
    found = problems(
        cloud,
        identities=[RealmIdentity("alice")],
        groups=[RealmGroup("Pilots", members=["alice", 7])],  # type: ignore[list-item]
    )
    assert found == [("groups[0].members[1]", "groups[0].members[1]: must be a username; got 7")]


def test_a_group_entry_that_is_not_a_realm_group_is_named_once(cloud: FakeCloud) -> None:
    found = problems(cloud, groups=["Pilots", RealmGroup("Pilots")])
    assert [argument for argument, _ in found] == ["groups[0]"]
    assert "must be a RealmGroup; got 'Pilots'" in found[0][1]


def test_a_malformed_identity_does_not_stop_the_groups_check(cloud: FakeCloud) -> None:
    found = problems(
        cloud,
        identities=["alice", RealmIdentity("bob")],
        groups=[RealmGroup("Pilots", members=["bob", "alice"])],
    )
    # "alice" is no RealmIdentity: she is not among the usernames a member may name.
    assert [argument for argument, _ in found] == ["identities[0]", "groups[0].members[1]"]


def test_a_group_name_differing_in_case_is_another_group(cloud: FakeCloud) -> None:
    accepted(cloud, groups=[RealmGroup("Pilots"), RealmGroup("pilots")])


def test_a_group_description_of_300_characters_is_accepted(cloud: FakeCloud) -> None:
    accepted(cloud, groups=[RealmGroup("Pilots", description="x" * 300)])
    found = problems(cloud, groups=[RealmGroup("Pilots", description="x" * 301)])
    assert [argument for argument, _ in found] == ["groups[0].description"]


def test_a_display_name_and_an_email_are_checked_only_when_given(cloud: FakeCloud) -> None:
    accepted(cloud, identities=[RealmIdentity("alice")])
    found = problems(
        cloud,
        identities=[RealmIdentity("alice", email="a@example.com", display_name="a/b")],
    )
    assert [argument for argument, _ in found] == ["identities[0].display_name"]


def test_a_username_that_is_not_text_is_one_problem(cloud: FakeCloud) -> None:
    found = problems(cloud, identities=[RealmIdentity(7)])  # type: ignore[arg-type]
    assert [argument for argument, _ in found] == ["identities[0].username"]


def test_the_people_become_identity_and_group_resources_of_the_realm(
    cloud: FakeCloud, deploy: Deploy
) -> None:
    # Whatever order the engine registers them in (the names are compared as sets).
    deployed = deploy(
        lambda: CognitoFederation(
            "login",
            CognitoFederationArgs(
                **BASE,
                identities=[RealmIdentity("Alice"), RealmIdentity("bob")],
                groups=[RealmGroup("Pilots", members=["alice", "BOB"])],
            ),
        )
    )
    realm = cloud.one("pulumi-python:dynamic/beyondidentity:Realm")
    identities = cloud.of_type("pulumi-python:dynamic/beyondidentity:Identity")
    assert {i.name for i in identities} == {"login-identity-alice", "login-identity-bob"}
    (group,) = cloud.of_type("pulumi-python:dynamic/beyondidentity:Group")
    assert sorted(group.plain["members"]) == sorted(i.id for i in identities)
    assert {i.plain["realm_id"] for i in identities} == {realm.id, group.plain["realm_id"]}
    assert deployed.outputs["realm_id"] == realm.id
