"""``diff``: each field gives no change, an update or a replacement; no API call is made."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from helpers.builders import (
    AC_ID,
    REDIRECT,
    RS_ID,
    application_inputs,
    as_engine_sends,
    authenticator_config_inputs,
    realm_inputs,
    resource_server_inputs,
)
from pulumi.runtime.rpc import UNKNOWN

from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity.application import ApplicationProvider
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider
from pulumi_beyondidentity.realm import RealmProvider
from pulumi_beyondidentity.resource_server import ResourceServerProvider

SERVER_FIELDS = {"tenant_id": "000176d94fd7b4d1", "is_managed": False, "__provider": "p"}


def checked(provider: BeyondIdentityProvider, data: dict[str, Any]) -> dict[str, Any]:
    result = provider.check({}, as_engine_sends({**copy.deepcopy(data), "__provider": "p"}))
    assert result.failures == []
    # what the engine hands diff: the checked inputs, through the wire again
    inputs: dict[str, Any] = as_engine_sends({**_wire(result.inputs), "__provider": "p"})
    return inputs


def _wire(value: Any) -> Any:
    """Unknown objects back to the sentinel string, as serialization does."""
    from pulumi.output import Unknown

    if isinstance(value, Unknown):
        return UNKNOWN
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(v) for v in value]
    return value


def state_of(provider: BeyondIdentityProvider, data: dict[str, Any]) -> dict[str, Any]:
    """Old outputs as the engine hands them back: numbers as floats, server fields added."""
    outs: dict[str, Any] = _floats({**checked(provider, data), **SERVER_FIELDS})
    return outs


def _floats(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_floats(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def edit(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    node[leaf] = value
    return data


def run_diff(
    provider: BeyondIdentityProvider, old: dict[str, Any], new: dict[str, Any]
) -> tuple[bool | None, list[str]]:
    result = provider.diff("id-1", state_of(provider, old), checked(provider, new))
    return result.changes, list(result.replaces or [])


CASES: list[tuple[BeyondIdentityProvider, Any, str, Any, str]] = [
    # (provider, base inputs, path, new value, expected: none | update | replace)
    (RealmProvider(), realm_inputs, "display_name", "Customers", "none"),
    (RealmProvider(), realm_inputs, "display_name", "Renamed", "update"),
    (RealmProvider(), realm_inputs, "classification", "SECURE_CUSTOMER", "none"),
    (RealmProvider(), realm_inputs, "classification", "SECURE_WORKFORCE", "replace"),
    (ResourceServerProvider(), resource_server_inputs, "display_name", "Other", "update"),
    (
        ResourceServerProvider(),
        resource_server_inputs,
        "scopes",
        ["aws:customclaim", "extra"],
        "update",
    ),
    (ResourceServerProvider(), resource_server_inputs, "identifier", "other-api", "replace"),
    (ResourceServerProvider(), resource_server_inputs, "realm_id", "0123456789abcdef", "replace"),
    (AuthenticatorConfigProvider(), authenticator_config_inputs, "display_name", "Other", "update"),
    (
        AuthenticatorConfigProvider(),
        authenticator_config_inputs,
        "config.trusted_origins",
        ["https://auth-eu.beyondidentity.com/authenticator/"],
        "update",
    ),
    (
        AuthenticatorConfigProvider(),
        authenticator_config_inputs,
        "config",
        {"type": "platform"},
        "replace",
    ),
    (
        AuthenticatorConfigProvider(),
        authenticator_config_inputs,
        "realm_id",
        "0123456789abcdef",
        "replace",
    ),
    (ApplicationProvider(), application_inputs, "display_name", "Other", "update"),
    (
        ApplicationProvider(),
        application_inputs,
        "resource_server_id",
        "6f0b3b2e-0d5e-4a45-9d1f-2a7c3c1e9b10",
        "update",
    ),
    (
        ApplicationProvider(),
        application_inputs,
        "authenticator_config_id",
        "6f0b3b2e-0d5e-4a45-9d1f-2a7c3c1e9b10",
        "update",
    ),
    (
        ApplicationProvider(),
        application_inputs,
        "protocol_config.redirect_uris",
        [REDIRECT, "https://x.example/cb"],
        "update",
    ),
    (ApplicationProvider(), application_inputs, "protocol_config.allowed_scopes", [], "update"),
    (ApplicationProvider(), application_inputs, "protocol_config.pkce", "s256", "update"),
    (ApplicationProvider(), application_inputs, "protocol_config.pkce", "disabled", "none"),
    (
        ApplicationProvider(),
        application_inputs,
        "protocol_config.token_format",
        "referential",
        "update",
    ),
    (
        ApplicationProvider(),
        application_inputs,
        "protocol_config.token_configuration.expires_after",
        3600,
        "update",
    ),
    (
        ApplicationProvider(),
        application_inputs,
        "protocol_config.token_configuration.expires_after",
        86400,
        "none",
    ),
    (
        ApplicationProvider(),
        application_inputs,
        "protocol_config.token_configuration.subject_field",
        "id",
        "update",
    ),
    (ApplicationProvider(), application_inputs, "protocol_config.type", "oauth2", "replace"),
    (ApplicationProvider(), application_inputs, "realm_id", "0123456789abcdef", "replace"),
]


@pytest.mark.parametrize(("provider", "base", "path", "value", "expected"), CASES)
def test_diff_matrix(
    provider: BeyondIdentityProvider, base: Any, path: str, value: Any, expected: str
) -> None:
    changes, replaces = run_diff(provider, base(), edit(base(), path, value))
    if expected == "none":
        assert changes is False
        assert replaces == []
    elif expected == "update":
        assert changes is True
        assert replaces == []
    else:
        assert changes is True
        assert replaces == [path.split(".")[0]]


def test_confidentiality_change_replaces_the_application() -> None:
    new = edit(application_inputs(), "protocol_config.confidentiality", "public")
    new = edit(new, "protocol_config.pkce", "s256")
    changes, replaces = run_diff(ApplicationProvider(), application_inputs(), new)
    assert changes is True
    assert replaces == ["protocol_config"]


@pytest.mark.parametrize(
    ("provider", "base", "path", "reordered"),
    [
        (ResourceServerProvider(), resource_server_inputs, "scopes", ["b:two", "a:one"]),
        (
            ApplicationProvider(),
            application_inputs,
            "protocol_config.redirect_uris",
            ["https://b.example/cb", REDIRECT],
        ),
        (
            ApplicationProvider(),
            application_inputs,
            "protocol_config.grant_type",
            ["authorization_code", "client_credentials"],
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs,
            "config.authentication_methods",
            ["software_passkey", "webauthn_passkey"],
        ),
    ],
)
def test_unordered_lists_compare_as_sets(
    provider: BeyondIdentityProvider, base: Any, path: str, reordered: list[str]
) -> None:
    old = edit(base(), path, list(reversed(reordered)))
    new = edit(base(), path, reordered)
    if path.endswith("grant_type"):
        # client_credentials may not be combined with an authenticator; the order is what matters here
        old.pop("authenticator_config_id")
        new.pop("authenticator_config_id")
        old = edit(old, "protocol_config.type", "oauth2")
        new = edit(new, "protocol_config.type", "oauth2")
        provider_result = provider.diff(
            "id", {**_floats(old), **SERVER_FIELDS}, {**new, "__provider": "p"}
        )
        assert provider_result.changes is False
        return
    assert run_diff(provider, old, new) == (False, [])


def test_identical_inputs_give_no_change_for_every_resource() -> None:
    for provider, base in (
        (RealmProvider(), realm_inputs),
        (ResourceServerProvider(), resource_server_inputs),
        (AuthenticatorConfigProvider(), authenticator_config_inputs),
        (ApplicationProvider(), application_inputs),
    ):
        assert run_diff(provider, base(), base()) == (False, [])


def test_server_only_outputs_and_the_provider_do_not_cause_changes() -> None:
    provider = ApplicationProvider()
    olds = {
        **state_of(provider, application_inputs()),
        "client_id": "abc",
        "client_secret": "s3cret",
        "__provider": "old",
    }
    news = {**checked(provider, application_inputs()), "__provider": "new"}
    result = provider.diff("id", olds, news)
    assert result.changes is False


def test_unknown_values_count_as_changes_and_replace_only_replace_fields() -> None:
    provider = ApplicationProvider()
    new = checked(provider, edit(application_inputs(), "protocol_config.redirect_uris", UNKNOWN))
    result = provider.diff("id", state_of(provider, application_inputs()), new)
    assert result.changes is True
    assert result.replaces == []

    new = checked(provider, edit(application_inputs(), "realm_id", UNKNOWN))
    result = provider.diff("id", state_of(provider, application_inputs()), new)
    assert result.replaces == ["realm_id"]

    new = checked(provider, edit(application_inputs(), "protocol_config", UNKNOWN))
    result = provider.diff("id", state_of(provider, application_inputs()), new)
    assert result.replaces == ["protocol_config"]  # could be a type change: say so in the plan

    new = checked(provider, edit(application_inputs(), "protocol_config.redirect_uris", [UNKNOWN]))
    result = provider.diff("id", state_of(provider, application_inputs()), new)
    assert (result.changes, result.replaces) == (True, [])


def test_realm_replacement_deletes_the_old_realm_first() -> None:
    provider = RealmProvider()
    result = provider.diff(
        "id",
        state_of(provider, realm_inputs()),
        checked(provider, edit(realm_inputs(), "classification", "SECURE_WORKFORCE")),
    )
    assert result.delete_before_replace is True
    result = ApplicationProvider().diff(
        "id",
        state_of(ApplicationProvider(), application_inputs()),
        checked(ApplicationProvider(), edit(application_inputs(), "realm_id", "0123456789abcdef")),
    )
    assert not result.delete_before_replace


def test_adopt_id_change_alone_is_not_a_change() -> None:
    provider = ApplicationProvider()
    old = state_of(provider, {**application_inputs(), "adopt_id": AC_ID})
    new = checked(provider, {**application_inputs(), "adopt_id": RS_ID})
    assert provider.diff("id", old, new).changes is False


@pytest.mark.parametrize(
    ("provider", "inputs"),
    [
        (RealmProvider(), realm_inputs()),
        (ResourceServerProvider(), resource_server_inputs()),
        (AuthenticatorConfigProvider(), authenticator_config_inputs()),
        (ApplicationProvider(), application_inputs()),
    ],
)
def test_state_of_the_previous_version_with_owner_stamps_plans_nothing(
    provider: BeyondIdentityProvider, inputs: dict[str, Any]
) -> None:
    # The previous version stored a hidden `__owner` input (its orphan proof, since removed).
    owner = {"stack": "organization/beyondidentity-cognito/dev", "run": "2026-01-01~0a1b2c"}
    news = {**copy.deepcopy(inputs), "__owner": {"stack": owner["stack"]}}
    checked = provider.check({**inputs, "__owner": owner}, news)
    assert checked.failures == []
    assert "__owner" not in checked.inputs
    olds = {**inputs, "__owner": owner, **SERVER_FIELDS}
    assert provider.diff("id", olds, dict(checked.inputs)).changes is False
