"""``check`` of a group: its description's limit and pattern, and members that must be
identity ids (a typo in a member is named before any request).

Pinned by mutation testing (``scripts/mutate.py group``).
"""

from __future__ import annotations

import copy
from typing import Any

from helpers.builders import IDENTITY_ID, as_engine_sends, group_inputs

from pulumi_beyondidentity.group import GroupProvider


def check(inputs: dict[str, Any]) -> dict[str, str]:
    result = GroupProvider().check({}, as_engine_sends(copy.deepcopy(inputs)))
    return {f.property: f.reason for f in result.failures}


def test_a_description_of_300_characters_is_accepted_and_301_refused() -> None:
    assert check({**group_inputs(), "description": "x" * 300}) == {}
    failures = check({**group_inputs(), "description": "x" * 301})
    assert list(failures) == ["description"]
    assert "300" in failures["description"]


def test_a_description_with_a_forbidden_character_is_refused() -> None:
    failures = check({**group_inputs(), "description": "pilots; phase 2"})
    assert list(failures) == ["description"]


def test_a_member_that_is_not_an_identity_id_is_named() -> None:
    failures = check({**group_inputs(), "members": [IDENTITY_ID, "alice"]})
    assert list(failures) == ["members[1]"]
    assert "identity id" in failures["members[1]"]


def test_members_in_another_order_are_no_change_and_another_member_is() -> None:
    provider = GroupProvider()
    first, second = "0123456789abcdef", "fedcba9876543210"
    olds = {**group_inputs(), "members": [first, second]}
    assert provider.diff("g1", olds, {**olds, "members": [second, first]}).changes is False
    moved = provider.diff("g1", olds, {**olds, "members": [second]})
    assert moved.changes is True
    assert moved.replaces == []
