"""Which identity or group a create asks for: the natural keys of people (usernames are
case-insensitive, group names are not) and the checks of an identity's free-form traits.

Pinned by mutation testing (``scripts/mutate.py identity kind_spec``): each test fails when
the rule it names is removed or inverted.
"""

from __future__ import annotations

import copy
from typing import Any

from helpers.builders import as_engine_sends, identity_inputs

from pulumi_beyondidentity import BeyondIdentityClient
from pulumi_beyondidentity.group import GROUP
from pulumi_beyondidentity.identity import IDENTITY, IdentityProvider
from pulumi_beyondidentity.realm import REALM
from pulumi_beyondidentity.resource_server import RESOURCE_SERVER


def person(username: Any) -> dict[str, Any]:
    return {"id": "1a2b3c4d5e6f7a8b", "display_name": "Someone", "traits": {"username": username}}


def test_a_username_differing_only_in_case_is_the_same_identity(
    client: BeyondIdentityClient,
) -> None:
    # Traits_v0.username: "unique, case-insensitive": Alice and ALICE are one person.
    identities = client.collection(IDENTITY)
    wanted = IDENTITY.natural_key({"traits": {"username": "Alice"}})
    assert wanted == ("Alice",)  # as written: only comparisons fold
    assert IDENTITY.comparable(wanted) == ("alice",)
    assert identities.holds(wanted, person("ALICE"))
    assert identities.holds(wanted, person("alice"))
    assert identities.holds(("alice",), person("Alice"))
    assert not identities.holds(wanted, person("alice2"))


def test_the_username_lookup_asks_the_server_for_the_name_as_written(
    client: BeyondIdentityClient,
) -> None:
    # Whether ListIdentities' `eq` ignores case is not documented: the name as written finds
    # this client's own identity either way (a lost create's recovery), and holds() folds.
    identities = client.collection(IDENTITY)
    key = IDENTITY.natural_key({"traits": {"username": 'Al"Ice'}})
    assert identities._key_filter(key) == {"filter": 'traits.username eq "Al\\"Ice"'}


def test_a_group_name_differing_in_case_is_another_group(client: BeyondIdentityClient) -> None:
    # Nothing says group names ignore case (the component compares them exactly too).
    groups = client.collection(GROUP)
    wanted = GROUP.natural_key({"display_name": "Pilots"})
    assert wanted == ("Pilots",)
    assert groups.holds(wanted, {"id": "1", "display_name": "Pilots"})
    assert not groups.holds(wanted, {"id": "2", "display_name": "pilots"})
    assert groups._key_filter(wanted) == {}  # ListGroups has no filter: the whole listing


def test_an_empty_or_missing_key_part_counts_as_absent() -> None:
    assert IDENTITY.natural_key({"traits": {"username": ""}}) == (None,)
    assert IDENTITY.natural_key({"traits": "not an object"}) == (None,)
    assert IDENTITY.natural_key({}) == (None,)
    assert RESOURCE_SERVER.natural_key({"display_name": "API", "identifier": ""}) == (None,)
    assert GROUP.natural_key({"display_name": "0"}) == ("0",)  # only "" is empty


def test_only_realms_live_outside_a_realm_and_only_some_keys_are_server_unique() -> None:
    assert not REALM.realm_scoped
    assert [k.realm_scoped for k in (IDENTITY, GROUP)] == [True, True]
    assert [k.server_unique for k in (IDENTITY, GROUP, REALM)] == [True, True, True]
    assert [k.folded_key for k in (IDENTITY, GROUP, REALM)] == [True, False, False]
    assert [k.blocks_realm_delete for k in (IDENTITY, GROUP)] == [True, True]
    assert [k.blocks_realm_delete for k in (REALM, RESOURCE_SERVER)] == [False, False]


def test_the_username_lookup_asks_for_the_largest_page_the_contract_allows() -> None:
    # ListIdentities and ListGroups: page_size at most 200; one request for a realm's people.
    assert IDENTITY.page_size == 200
    assert GROUP.page_size == 200


def check(inputs: dict[str, Any]) -> dict[str, str]:
    result = IdentityProvider().check({}, as_engine_sends(copy.deepcopy(inputs)))
    return {f.property: f.reason for f in result.failures}


def test_an_external_id_of_256_characters_is_accepted_and_257_refused() -> None:
    assert check({**identity_inputs(), "external_id": "x" * 256}) == {}
    failures = check({**identity_inputs(), "external_id": "x" * 257})
    assert list(failures) == ["external_id"]
    assert "256" in failures["external_id"]


def test_an_external_id_with_a_control_character_is_refused() -> None:
    failures = check({**identity_inputs(), "external_id": "hr-\u202e0001"})
    assert list(failures) == ["external_id"]


def test_an_external_id_that_is_not_text_is_refused() -> None:
    assert list(check({**identity_inputs(), "external_id": 17})) == ["external_id"]
