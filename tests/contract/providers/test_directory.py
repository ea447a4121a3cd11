"""Identity and Group providers against the emulator over real HTTP: create, read, update,
delete, membership as a set on the group, safe creates, adoption, and the realm delete guard."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.builders import group_inputs, identity_inputs
from helpers.client_support import configured as configure
from helpers.provider_stack import Stack

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import BeyondIdentityClient, BeyondIdentityError
from pulumi_beyondidentity.group import GroupProvider
from pulumi_beyondidentity.identity import IDENTITY, IdentityProvider


class Directory(Stack):
    """The stack's providers, plus identities and groups, in one realm."""

    def __init__(self, emu: Emulator) -> None:
        super().__init__(emu)
        self.identity = configure(IdentityProvider(), emu)
        self.group = configure(GroupProvider(), emu)
        self.realm_id, _ = self.create(self.realm, {"display_name": "Directory"})

    def person(self, username: str) -> str:
        identity_id, _ = self.create(
            self.identity, identity_inputs(self.realm_id, username=username)
        )
        return identity_id

    def member_ids(self, group_id: str) -> list[str]:
        return sorted(self.emu.store.members(group_id))

    def calls(self, suffix: str) -> list[Any]:
        return [r for r in self.emu.requests if r.path.endswith(suffix)]


@pytest.fixture
def directory(emulator: Emulator) -> Directory:
    return Directory(emulator)


def test_an_identity_round_trip_maps_its_traits(directory: Directory, emulator: Emulator) -> None:
    inputs = identity_inputs(directory.realm_id, username="Alice")
    identity_id, outs = directory.create(directory.identity, inputs)
    body = emulator.requests[-1].request_body
    assert body["identity"]["traits"] == {
        "type": "traits_v0",
        "username": "Alice",
        "primary_email_address": "Alice@example.com",
        "external_id": "hr-0001",
    }
    assert outs["username"] == "Alice"
    assert outs["status"] == "active"
    assert "tenant_id" not in outs  # computed in the program (issue 21 item 2)
    assert outs["create_time"]
    provider = directory.identity
    checked = directory.checked(provider, inputs)
    read = provider.read(identity_id, checked)
    assert read.outs is not None
    assert read.inputs is not None
    assert provider.diff(identity_id, read.outs, checked).changes is False

    changed = directory.checked(
        provider, {**inputs, "display_name": "Alice E.", "status": "suspended"}
    )
    assert provider.diff(identity_id, read.outs, changed).replaces == []
    updated = provider.update(identity_id, read.outs, changed).outs
    assert updated is not None
    assert (updated["display_name"], updated["status"]) == ("Alice E.", "suspended")
    assert emulator.requests[-1].request_body["identity"]["traits"]["type"] == "traits_v0"
    provider.delete(identity_id, updated)
    assert provider.read(identity_id, checked).id is None


def test_a_username_held_in_another_case_stops_the_create_with_the_adopt_command(
    directory: Directory, emulator: Emulator
) -> None:
    existing = directory.person("bob")
    emulator.clear_requests()
    with pytest.raises(BeyondIdentityError) as caught:
        directory.create(directory.identity, identity_inputs(directory.realm_id, username="BOB"))
    text = str(caught.value)
    assert existing in text
    assert "beyondidentity:adoptIds=" in text
    assert [r.method for r in emulator.requests] == ["GET"]  # one filtered lookup, no POST
    assert "traits.username" in emulator.requests[0].query.get("filter", "")
    adopting = configure(IdentityProvider(), emulator, **{"beyondidentity:adoptIds": existing})
    adopted, outs = directory.create(adopting, identity_inputs(directory.realm_id, username="bob"))
    assert adopted == existing
    assert outs["username"] == "bob"


def test_a_lost_identity_create_is_recovered_once(directory: Directory, emulator: Emulator) -> None:
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms/*/identities", kind="drop_after_commit"
    )
    identity_id = directory.person("carol")
    emulator.faults.clear()
    client = BeyondIdentityClient(directory.identity.client.settings)
    listed = client.collection(IDENTITY).list(realm_id=directory.realm_id)
    assert [i["id"] for i in listed] == [identity_id]


def test_group_members_are_a_set_changed_by_one_add_and_one_delete(
    directory: Directory, emulator: Emulator
) -> None:
    alice, bob, carol = (directory.person(n) for n in ("alice", "bob", "carol"))
    inputs = group_inputs(directory.realm_id, members=[bob, alice])
    group_id, outs = directory.create(directory.group, inputs)
    assert outs["members"] == sorted([alice, bob]) == directory.member_ids(group_id)

    provider = directory.group
    olds = provider.read(group_id, directory.checked(provider, inputs)).outs
    assert olds is not None
    assert olds["members"] == sorted([alice, bob])
    reordered = directory.checked(provider, {**inputs, "members": [alice, bob]})
    assert provider.diff(group_id, olds, reordered).changes is False  # order is no change

    news = directory.checked(provider, {**inputs, "members": [alice, carol]})
    diff = provider.diff(group_id, olds, news)
    assert diff.changes is True
    assert diff.replaces == []
    emulator.clear_requests()
    updated = provider.update(group_id, olds, news).outs
    assert updated is not None
    assert updated["members"] == sorted([alice, carol])
    assert [r.request_body for r in directory.calls(":addMembers")] == [{"identity_ids": [carol]}]
    assert [r.request_body for r in directory.calls(":deleteMembers")] == [{"identity_ids": [bob]}]
    assert not [r for r in emulator.requests if r.method == "PATCH"]  # name unchanged
    assert directory.member_ids(group_id) == sorted([alice, carol])


def test_a_group_with_members_is_emptied_then_deleted(
    directory: Directory, emulator: Emulator
) -> None:
    alice = directory.person("alice")
    group_id, outs = directory.create(
        directory.group, group_inputs(directory.realm_id, members=[alice])
    )
    directory.group.delete(group_id, outs)
    assert [r.method for r in directory.calls(group_id)][-1] == "DELETE"
    assert directory.group.read(group_id, outs).id is None
    assert directory.identity.read(alice, identity_inputs(directory.realm_id)).id == alice


def test_adopting_a_group_adopts_its_member_list(directory: Directory, emulator: Emulator) -> None:
    alice, bob = directory.person("alice"), directory.person("bob")
    other = configure(GroupProvider(), emulator)
    group_id, _ = directory.create(
        other, group_inputs(directory.realm_id, members=[bob], display_name="Made elsewhere")
    )
    inputs = {
        **group_inputs(directory.realm_id, members=[alice], display_name="Made elsewhere"),
        "adopt_id": group_id,
    }
    adopted, outs = directory.create(directory.group, inputs)
    assert adopted == group_id
    assert outs["members"] == [alice]
    assert directory.member_ids(group_id) == [alice]


def test_a_group_name_in_use_stops_the_create(directory: Directory, emulator: Emulator) -> None:
    group_id, _ = directory.create(directory.group, group_inputs(directory.realm_id, members=[]))
    with pytest.raises(BeyondIdentityError) as caught:
        directory.create(directory.group, group_inputs(directory.realm_id, members=[]))
    assert group_id in str(caught.value)
    assert "adoptIds" in str(caught.value)
    assert len(directory.calls("/groups")) == 3  # list + POST, then one list: no second POST


def test_the_realm_delete_guard_names_identities_and_groups_even_when_forced(
    directory: Directory, emulator: Emulator
) -> None:
    alice = directory.person("alice")
    group_id, _ = directory.create(
        directory.group, group_inputs(directory.realm_id, members=[alice])
    )
    forced = directory.checked(
        directory.realm, {"display_name": "Directory", "force_destroy": True}
    )
    with pytest.raises(BeyondIdentityError) as caught:
        directory.realm.delete(directory.realm_id, forced)
    text = str(caught.value)
    assert alice in text
    assert group_id in text
    assert "refuses (409) to delete a realm" in text
    assert not [r for r in emulator.requests if r.method == "DELETE"]


def test_a_lost_member_answer_is_settled_by_reading_the_members_back(
    directory: Directory, emulator: Emulator
) -> None:
    alice, bob = directory.person("alice"), directory.person("bob")
    inputs = group_inputs(directory.realm_id, members=[alice])
    group_id, olds = directory.create(directory.group, inputs)
    news = directory.checked(directory.group, {**inputs, "members": [alice, bob]})
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms/*/groups/*", kind="drop_after_commit"
    )
    emulator.clear_requests()
    updated = directory.group.update(group_id, olds, news).outs
    emulator.faults.clear()
    assert updated is not None
    assert updated["members"] == sorted([alice, bob])
    assert len(directory.calls(":addMembers")) == 1  # never resent: read back instead
    assert directory.calls(":listMembers")


def test_a_member_change_whose_outcome_stays_unknown_says_so(
    directory: Directory, emulator: Emulator
) -> None:
    alice, bob = directory.person("alice"), directory.person("bob")
    inputs = group_inputs(directory.realm_id, members=[alice])
    group_id, olds = directory.create(directory.group, inputs)
    news = directory.checked(directory.group, {**inputs, "members": [alice, bob]})
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms/*/groups/*", kind="status", status=502
    )
    with pytest.raises(BeyondIdentityError) as caught:
        directory.group.update(group_id, olds, news)
    emulator.faults.clear()
    assert caught.value.may_have_been_applied is True
    assert "pulumi preview --refresh" in str(caught.value)
    assert directory.member_ids(group_id) == [alice]


def test_a_refused_member_change_fails_and_says_it_was_not_applied(
    directory: Directory, emulator: Emulator
) -> None:
    alice, bob = directory.person("alice"), directory.person("bob")
    inputs = group_inputs(directory.realm_id, members=[alice])
    group_id, olds = directory.create(directory.group, inputs)
    news = directory.checked(directory.group, {**inputs, "members": [alice, bob]})
    emulator.faults.add(
        method="POST", path="/v1/tenants/*/realms/*/groups/*", kind="status", status=400
    )
    emulator.clear_requests()
    with pytest.raises(BeyondIdentityError) as caught:
        directory.group.update(group_id, olds, news)
    emulator.faults.clear()
    # A refusal is an answer: no read-back to settle it, and the group is as it was.
    assert caught.value.may_have_been_applied is False
    assert not directory.calls(":listMembers")
    assert directory.member_ids(group_id) == [alice]


def test_a_refreshed_group_keeps_its_inputs_and_reads_its_members(
    directory: Directory, emulator: Emulator
) -> None:
    alice = directory.person("alice")
    inputs = group_inputs(directory.realm_id, members=[alice])
    group_id, _ = directory.create(directory.group, inputs)
    found = directory.group.read(group_id, directory.checked(directory.group, inputs))
    # What `pulumi refresh` writes back as the inputs: the group's own and its members.
    assert found.inputs is not None
    assert found.inputs["display_name"] == inputs["display_name"]
    assert found.inputs["realm_id"] == directory.realm_id
    assert found.inputs["members"] == [alice]
