"""A group's members against the emulator over real HTTP: batches of at most 1000, a lost
answer settled by reading the members back (removals too), a create whose members cannot
be set, renames, and a group that vanishes while it is read.

Pinned by mutation testing (``scripts/mutate.py group``).
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.builders import group_inputs, identity_inputs
from helpers.client_support import configured as configure
from helpers.provider_stack import Stack

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import BeyondIdentityError
from pulumi_beyondidentity.group import GroupProvider
from pulumi_beyondidentity.identity import IdentityProvider

GROUP_POSTS = "/v1/tenants/*/realms/*/groups/*"


class People(Stack):
    """A realm, and the Identity and Group providers of the stack."""

    def __init__(self, emu: Emulator) -> None:
        super().__init__(emu)
        self.identity = configure(IdentityProvider(), emu)
        self.group = configure(GroupProvider(), emu)
        self.realm_id, _ = self.create(self.realm, {"display_name": "People"})

    def person(self, username: str) -> str:
        identity_id, _ = self.create(
            self.identity, identity_inputs(self.realm_id, username=username)
        )
        return identity_id

    def calls(self, suffix: str) -> list[Any]:
        return [r for r in self.emu.requests if r.path.endswith(suffix)]

    def members(self, group_id: str) -> list[str]:
        return sorted(self.emu.store.members(group_id))


@pytest.fixture
def people(emulator: Emulator) -> People:
    return People(emulator)


def test_1001_members_are_added_and_removed_in_requests_of_at_most_1000(
    people: People, emulator: Emulator
) -> None:
    ids = sorted(
        emulator.add_identity(people.realm_id, username=f"user{n}")["id"] for n in range(1001)
    )
    emulator.clear_requests()
    group_id, outs = people.create(people.group, group_inputs(people.realm_id, members=ids))
    added = [r.request_body["identity_ids"] for r in people.calls(":addMembers")]
    assert [len(batch) for batch in added] == [1000, 1]
    assert sorted(added[0] + added[1]) == ids
    assert outs["members"] == ids == people.members(group_id)
    emulator.clear_requests()
    people.group.delete(group_id, outs)
    removed = [r.request_body["identity_ids"] for r in people.calls(":deleteMembers")]
    assert [len(batch) for batch in removed] == [1000, 1]
    assert emulator.store.get("groups", group_id, realm_id=people.realm_id) is None


def test_a_lost_removal_is_settled_by_reading_the_members_back(
    people: People, emulator: Emulator
) -> None:
    alice, bob = people.person("alice"), people.person("bob")
    inputs = group_inputs(people.realm_id, members=[alice, bob])
    group_id, olds = people.create(people.group, inputs)
    news = people.checked(people.group, {**inputs, "members": [alice]})
    emulator.faults.add(method="POST", path=GROUP_POSTS, kind="drop_after_commit")
    emulator.clear_requests()
    updated = people.group.update(group_id, olds, news).outs
    emulator.faults.clear()
    assert updated is not None
    assert updated["members"] == [alice]
    assert len(people.calls(":deleteMembers")) == 1  # never resent: read back instead
    assert people.calls(":listMembers")


def test_a_lost_removal_that_did_not_happen_says_the_outcome_is_unknown(
    people: People, emulator: Emulator
) -> None:
    alice, bob = people.person("alice"), people.person("bob")
    inputs = group_inputs(people.realm_id, members=[alice, bob])
    group_id, olds = people.create(people.group, inputs)
    news = people.checked(people.group, {**inputs, "members": [alice]})
    emulator.faults.add(method="POST", path=GROUP_POSTS, kind="status", status=502)
    with pytest.raises(BeyondIdentityError) as caught:
        people.group.update(group_id, olds, news)
    emulator.faults.clear()
    assert caught.value.may_have_been_applied is True
    assert people.members(group_id) == sorted([alice, bob])


def test_a_lost_change_whose_read_back_fails_too_says_the_outcome_is_unknown(
    people: People, emulator: Emulator
) -> None:
    alice, bob = people.person("alice"), people.person("bob")
    inputs = group_inputs(people.realm_id, members=[alice])
    group_id, olds = people.create(people.group, inputs)
    news = people.checked(people.group, {**inputs, "members": [alice, bob]})
    emulator.faults.add(method="POST", path=GROUP_POSTS, kind="drop_after_commit")
    emulator.faults.add(method="GET", path="*:listMembers", kind="status", status=400)
    with pytest.raises(BeyondIdentityError) as caught:
        people.group.update(group_id, olds, news)
    emulator.faults.clear()
    assert caught.value.may_have_been_applied is True
    assert "pulumi preview --refresh" in str(caught.value)
    assert people.members(group_id) == sorted([alice, bob])  # it did happen: nobody knew


def test_a_create_whose_members_cannot_be_set_says_the_group_exists(
    people: People, emulator: Emulator
) -> None:
    stranger = "0123456789abcdef"  # well formed, but no identity of the realm
    with pytest.raises(BeyondIdentityError) as caught:
        people.create(people.group, group_inputs(people.realm_id, members=[stranger]))
    (group,) = emulator.store.list("groups", realm_id=people.realm_id)
    text = str(caught.value)
    assert f"Group {group['id']} was created (or adopted)" in text
    assert f"beyondidentity:adoptIds={group['id']}" in text


def test_a_created_group_has_its_outputs_and_its_members(people: People) -> None:
    alice = people.person("alice")
    _, outs = people.create(people.group, group_inputs(people.realm_id, members=[alice]))
    assert outs["members"] == [alice]
    assert outs["display_name"] == "Pilots"
    assert outs["realm_id"] == people.realm_id
    assert outs["create_time"]


def test_renaming_a_group_patches_it_and_keeps_its_members(
    people: People, emulator: Emulator
) -> None:
    alice = people.person("alice")
    inputs = group_inputs(people.realm_id, members=[alice])
    group_id, olds = people.create(people.group, inputs)
    news = people.checked(people.group, {**inputs, "display_name": "Pilot users"})
    emulator.clear_requests()
    updated = people.group.update(group_id, olds, news).outs
    assert updated is not None
    assert updated["display_name"] == "Pilot users"
    assert updated["members"] == [alice]
    (patch,) = [r for r in emulator.requests if r.method == "PATCH"]
    assert patch.request_body == {
        "group": {"display_name": "Pilot users", "description": inputs["description"]}
    }
    assert not people.calls(":addMembers")
    assert not people.calls(":deleteMembers")


def test_a_group_gone_while_its_members_are_read_is_gone(
    people: People, emulator: Emulator
) -> None:
    inputs = group_inputs(people.realm_id, members=[])
    group_id, _ = people.create(people.group, inputs)
    emulator.faults.add(method="GET", path="*:listMembers", kind="status", status=404)
    found = people.group.read(group_id, people.checked(people.group, inputs))
    emulator.faults.clear()
    assert (found.id, found.outs) == (None, {})


def test_a_group_deleted_elsewhere_is_gone_after_one_request(
    people: People, emulator: Emulator
) -> None:
    inputs = group_inputs(people.realm_id, members=[])
    group_id, _ = people.create(people.group, inputs)
    emulator.store.delete("groups", group_id, realm_id=people.realm_id)
    emulator.clear_requests()
    found = people.group.read(group_id, people.checked(people.group, inputs))
    assert (found.id, found.outs) == (None, {})
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in emulator.requests] == [
        ("GET", group_id)
    ]  # no member listing of a group that is gone
