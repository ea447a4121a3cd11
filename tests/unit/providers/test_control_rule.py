"""One rule for control characters in every string that reaches AWS or Beyond Identity
(the component's side: tests/unit/component/test_validation_controls.py).

Why: an attribute mapping whose value held a NUL or a right-to-left override (U+202E) was
accepted. The rule is ``rules.control_problem``; the providers' ``check`` and the component's
validation both apply it to every string they are given.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from helpers.builders import (
    authenticator_config_inputs,
    realm_inputs,
    valid_inputs,
)
from hypothesis import given
from hypothesis import strategies as st
from pulumi.runtime.rpc import UNKNOWN

from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity._registry import ALL_KINDS
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider
from pulumi_beyondidentity.realm import RealmProvider
from pulumi_beyondidentity.rules import CONTROL_RULE, control_problem

FORBIDDEN = (
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
forbidden = st.sampled_from(FORBIDDEN)
allowed = st.characters(blacklist_characters=FORBIDDEN, blacklist_categories=["Cs"])


@given(st.text(allowed), forbidden, st.text(allowed))
def test_any_string_holding_a_control_character_is_refused(
    before: str, control: str, after: str
) -> None:
    problem = control_problem(before + control + after)
    assert problem is not None
    assert problem.startswith(CONTROL_RULE)
    assert f"U+{ord(control):04X} at position {len(before)}" in problem
    assert control not in problem
    assert "\n" not in problem


@given(st.text(allowed))
def test_strings_without_one_pass(text: str) -> None:
    assert control_problem(text) is None


@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text()), st.binary()))
def test_other_values_are_left_to_their_own_rules(value: Any) -> None:
    assert control_problem(value) is None


PROVIDERS: list[tuple[BeyondIdentityProvider, dict[str, Any]]] = [
    (provider(), valid_inputs(provider.fields.label))
    for provider in ALL_KINDS
    if provider.fields.adoptable  # the kinds Beyond Identity stores (not views of them)
]


def string_leaves(value: Any, path: str = "") -> Iterator[str]:
    """The dotted paths (``a.b[0]``) of every string in the inputs."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_leaves(item, f"{path}[{index}]")


def spoiled(inputs: dict[str, Any], path: str, control: str) -> dict[str, Any]:
    """``inputs`` with ``control`` put in the middle of the string at ``path``."""
    data = copy.deepcopy(inputs)
    node: Any = data
    parts = path.replace("[", ".[").split(".")
    for part in parts[:-1]:
        node = node[int(part[1:-1])] if part.startswith("[") else node[part]
    leaf = parts[-1]
    key: Any = int(leaf[1:-1]) if leaf.startswith("[") else leaf
    text = node[key]
    node[key] = text[: len(text) // 2] + control + text[len(text) // 2 :]
    return data


@pytest.mark.parametrize("control", ["\0", "\u202e", "\u2066", "\x85", "\x1b"])
@pytest.mark.parametrize(("provider", "inputs"), PROVIDERS, ids=lambda p: type(p).__name__)
def test_check_refuses_it_in_every_string_input(
    provider: BeyondIdentityProvider, inputs: dict[str, Any], control: str
) -> None:
    for path in string_leaves(inputs):
        result = provider.check({}, {**spoiled(inputs, path, control), "__provider": "x"})
        reasons = [f.reason for f in result.failures]
        assert reasons, f"{type(provider).__name__}.{path} accepted U+{ord(control):04X}"
        assert any(r.startswith(path) or "control" in r for r in reasons), reasons
        assert all("\n" not in r for r in reasons)


def test_check_refuses_it_in_free_form_objects() -> None:
    inputs = authenticator_config_inputs()
    inputs["config"] = {
        "type": "platform",
        "roaming_auth_config": {"enabled": True, "allowed_source_ips": ["10.0.0.1\u202e"]},
    }
    result = AuthenticatorConfigProvider().check({}, {**inputs, "__provider": "x"})
    assert [f.property for f in result.failures] == [
        "config.roaming_auth_config.allowed_source_ips[0]"
    ]


def test_check_still_tolerates_unknown_values() -> None:
    inputs = {**realm_inputs(), "display_name": UNKNOWN, "__provider": "x"}
    assert RealmProvider().check({}, inputs).failures == []
