"""The component refuses control characters in every string argument, named as the user wrote it.

Why: an attribute mapping whose value held a NUL or a right-to-left override (U+202E) was
accepted. The rule itself (``rules.control_problem``) is tested in
tests/unit/providers/test_control_rule.py.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from helpers.cognito_mocks import FakeCloud

from beyondidentity_cognito import (
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    args_from_config,
    setting_names,
)


def problems(**overrides: Any) -> list[tuple[str, str]]:
    kwargs: dict[str, Any] = {
        "domain_prefix": "bi-demo",
        "callback_urls": ["http://localhost:3000"],
    }
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("login", CognitoFederationArgs(**{**kwargs, **overrides}))
    return [(p.argument, p.rule) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("mapping", "label"),
    [
        ({"email": "em\0ail"}, "attribute_mapping['email']"),
        ({"email": "email\u202egpj.exe"}, "attribute_mapping['email']"),
        ({"custom:x\u2067": "sub"}, "attribute_mapping['custom:x\\u2067']"),
    ],
)
def test_attribute_mapping_keys_and_values(
    cloud: FakeCloud, mapping: dict[str, str], label: str
) -> None:
    found = problems(attribute_mapping=mapping)
    assert [a for a, rule in found if "control characters" in rule] == [label]
    assert all("\n" not in rule for _, rule in found)
    assert not cloud.log


@pytest.mark.parametrize("control", ["\0", "\x1b", "\x7f", "\x9b", "\u202e", "\u2069"])
@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("application_display_name", "AWS {} Cognito"),
        ("realm_display_name", "Customers{}"),
        ("user_pool_name", "pool{}"),
        ("callback_urls", ["http://localhost:3000/{}"]),
        ("oauth_scopes", ["openid", "email{}"]),
        ("idp_identifiers", ["example{}.com"]),
        ("authenticator_trusted_origins", ["https://example.com/{}"]),
        ("managed_login_branding_settings", {"components": {"title": "Sign {}in"}}),
    ],
)
def test_every_string_argument_is_reported_once(
    cloud: FakeCloud, argument: str, value: Any, control: str
) -> None:
    spoiled = _spoil(value, control)
    overrides: dict[str, Any] = {argument: spoiled}
    if argument == "managed_login_branding_settings":
        overrides["managed_login_version"] = 2
    found = problems(**overrides)
    assert len(found) == 1, found
    label, rule = found[0]
    assert label.startswith(argument)
    assert "control characters" in rule or "must" in rule
    assert control not in rule


def _spoil(value: Any, control: str) -> Any:
    if isinstance(value, str):
        return value.format(control)
    if isinstance(value, list):
        return [_spoil(v, control) for v in value]
    return {k: _spoil(v, control) for k, v in value.items()}


def test_stack_settings_name_the_setting(cloud: FakeCloud) -> None:
    pulumi.runtime.set_all_config(
        {
            "beyondidentity-cognito:domainPrefix": "bi-demo",
            "beyondidentity-cognito:callbackUrls": '["http://localhost:3000"]',
            "beyondidentity-cognito:attributeMapping": '{"email": "email\\u202e"}',
        }
    )
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("login", args_from_config(), argument_names=setting_names())
    assert [p.argument for p in caught.value.problems] == ["attributeMapping['email']"]
