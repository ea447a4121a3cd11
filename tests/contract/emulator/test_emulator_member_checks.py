"""The emulator's member operations check the group before the body, as every other route
checks the object before its body (``_management``'s check order): a malformed body sent to a
group that does not exist is a 404, not a 400.

Pinned by mutation testing (``scripts/mutate.py directory``).
"""

from __future__ import annotations

import httpx
import pytest
from helpers.directory_bodies import group_body, identity_body


@pytest.mark.parametrize("method", [":addMembers", ":deleteMembers"])
def test_a_malformed_member_body_to_a_missing_group_is_404(
    api: httpx.Client, realm_id: str, method: str
) -> None:
    url = f"/realms/{realm_id}/groups/0123456789abcdef{method}"
    answer = api.post(url, json={"identity_ids": []})
    assert answer.status_code == 404
    assert answer.json()["message"] == "group not found"


def test_names_of_64_characters_are_accepted_and_65_refused(
    api: httpx.Client, realm_id: str
) -> None:
    ok = api.post(f"/realms/{realm_id}/identities", json=identity_body("u" * 64, "d" * 64))
    assert ok.status_code == 200, ok.text
    assert api.post(f"/realms/{realm_id}/groups", json=group_body("g" * 64)).status_code == 200
    for body in (identity_body("v" * 65), identity_body("w", "d" * 65)):
        assert api.post(f"/realms/{realm_id}/identities", json=body).status_code == 400
    assert api.post(f"/realms/{realm_id}/groups", json=group_body("h" * 65)).status_code == 400


def test_a_member_body_that_is_not_an_object_is_400(api: httpx.Client, realm_id: str) -> None:
    group = api.post(f"/realms/{realm_id}/groups", json=group_body("Pilots")).json()
    url = f"/realms/{realm_id}/groups/{group['id']}:addMembers"
    assert api.post(url, json=["identity_ids"]).status_code == 400


def test_1000_member_ids_are_a_well_formed_list_and_1001_are_not(
    api: httpx.Client, realm_id: str
) -> None:
    group = api.post(f"/realms/{realm_id}/groups", json=group_body("Pilots")).json()
    url = f"/realms/{realm_id}/groups/{group['id']}:addMembers"
    ids = [f"{n:016x}" for n in range(1001)]
    # 1000 ids pass the list's checks, and then name identities the realm does not hold.
    assert api.post(url, json={"identity_ids": ids[:1000]}).status_code == 404
    assert api.post(url, json={"identity_ids": ids}).status_code == 400
