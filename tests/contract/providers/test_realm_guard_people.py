"""The realm delete guard and the people in a realm, over real HTTP to the emulator: an
identity or group the stack does not manage stops a realm's delete, force_destroy or not,
and the error names what blocks it; objects that go with the realm are named only when
nothing blocks.

Pinned by mutation testing (``scripts/mutate.py realm_guard registry``).
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.provider_stack import Stack

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import BeyondIdentityError

BLOCKED = "Beyond Identity refuses (409) to delete a realm"
TAKEN = "which Beyond Identity would delete with it"


@pytest.fixture
def stack(emulator: Emulator) -> Stack:
    return Stack(emulator)


def made_elsewhere(api: Any, realm_id: str, kind: str, body: dict[str, Any]) -> dict[str, Any]:
    envelope = {"identities": "identity", "groups": "group"}.get(kind, "resource_server")
    answer = api.post(f"/realms/{realm_id}/{kind}", json={envelope: body})
    assert answer.status_code == 200, answer.text
    created: dict[str, Any] = answer.json()
    return created


def person(api: Any, realm_id: str, username: str) -> dict[str, Any]:
    traits = {"type": "traits_v0", "username": username}
    return made_elsewhere(
        api, realm_id, "identities", {"display_name": username.title(), "traits": traits}
    )


def delete_refused(stack: Stack, realm_id: str, force: bool) -> str:
    props = stack.checked(stack.realm, {"display_name": "Customers", "force_destroy": force})
    stack.emu.clear_requests()
    with pytest.raises(BeyondIdentityError) as caught:
        stack.realm.delete(realm_id, props)
    assert not [r for r in stack.emu.requests if r.method == "DELETE"]
    assert stack.emu.store.get("realms", realm_id) is not None
    return str(caught.value)


@pytest.mark.parametrize("force", [False, True])
def test_a_foreign_identity_blocks_a_realm_delete_even_with_force_destroy(
    stack: Stack, api: Any, force: bool
) -> None:
    realm_id, _ = stack.create(stack.realm, {"display_name": "Customers"})
    alice = person(api, realm_id, "alice")
    text = delete_refused(stack, realm_id, force)
    assert BLOCKED in text
    assert f"identity 'Alice' ({alice['id']})" in text
    assert "holds 1 identity or group object(s)" in text
    assert TAKEN not in text


@pytest.mark.parametrize("force", [False, True])
def test_a_foreign_group_alone_blocks_a_realm_delete(stack: Stack, api: Any, force: bool) -> None:
    realm_id, _ = stack.create(stack.realm, {"display_name": "Customers"})
    group = made_elsewhere(api, realm_id, "groups", {"display_name": "Theirs"})
    text = delete_refused(stack, realm_id, force)
    assert BLOCKED in text
    assert f"group 'Theirs' ({group['id']})" in text


def test_what_blocks_is_named_before_what_would_go_with_the_realm(stack: Stack, api: Any) -> None:
    realm_id, _ = stack.create(stack.realm, {"display_name": "Customers"})
    bob = person(api, realm_id, "bob")
    server = made_elsewhere(
        api, realm_id, "resource-servers", {"display_name": "API", "identifier": "their-api"}
    )
    text = delete_refused(stack, realm_id, force=False)
    assert BLOCKED in text
    assert bob["id"] in text
    assert server["id"] not in text  # deleting it would not help: the identity still blocks
    assert "holds 1 identity or group object(s)" in text


def test_once_the_people_are_gone_the_objects_that_go_with_the_realm_are_named(
    stack: Stack, api: Any
) -> None:
    realm_id, _ = stack.create(stack.realm, {"display_name": "Customers"})
    carol = person(api, realm_id, "carol")
    server = made_elsewhere(
        api, realm_id, "resource-servers", {"display_name": "API", "identifier": "their-api"}
    )
    assert api.delete(f"/realms/{realm_id}/identities/{carol['id']}").status_code == 200
    text = delete_refused(stack, realm_id, force=False)
    assert TAKEN in text
    assert f"resource server 'API' ({server['id']})" in text
    assert BLOCKED not in text


def test_a_404_part_way_through_the_guard_does_not_let_the_delete_take_what_it_found(
    stack: Stack, emulator: Emulator, api: Any
) -> None:
    realm_id, _ = stack.create(stack.realm, {"display_name": "Customers"})
    server = made_elsewhere(
        api, realm_id, "resource-servers", {"display_name": "API", "identifier": "their-api"}
    )
    emulator.faults.add(
        method="GET", path=f"/v1/tenants/*/realms/{realm_id}/groups", kind="status", status=404
    )
    props = stack.checked(stack.realm, {"display_name": "Customers", "force_destroy": False})
    try:
        with pytest.raises(BeyondIdentityError, match="realm itself still exists") as refused:
            stack.realm.delete(realm_id, props)
    finally:
        emulator.faults.clear()
    assert "nothing was deleted" in str(refused.value)
    assert stack.emu.store.get("resource_servers", server["id"], realm_id=realm_id) is not None
    assert stack.emu.store.get("realms", realm_id) is not None


def test_a_realm_gone_before_its_guard_is_deleted_without_a_word(stack: Stack, api: Any) -> None:
    """Only the realm's own 404 ends the guard quietly: it was deleted elsewhere."""
    realm_id, _ = stack.create(stack.realm, {"display_name": "Customers"})
    assert api.delete(f"/realms/{realm_id}").status_code == 200
    props = stack.checked(stack.realm, {"display_name": "Customers", "force_destroy": False})
    stack.realm.delete(realm_id, props)
