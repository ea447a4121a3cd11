"""``check``: every rule, with the engine's floats and preview unknowns."""

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
from pulumi.output import Unknown
from pulumi.runtime.rpc import UNKNOWN

from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity.application import ApplicationProvider
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider
from pulumi_beyondidentity.realm import RealmProvider
from pulumi_beyondidentity.resource_server import ResourceServerProvider

PROVIDER = "serialized-provider-placeholder"


def run_check(
    provider: BeyondIdentityProvider, news: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    props = as_engine_sends({**copy.deepcopy(news), "__provider": PROVIDER})
    result = provider.check({}, props)
    return result.inputs, {f.property: f.reason for f in result.failures}


def with_path(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    if value is _DELETE:
        node.pop(leaf, None)
    else:
        node[leaf] = value
    return data


_DELETE = object()


def test_valid_inputs_pass_and_get_documented_defaults() -> None:
    inputs, failures = run_check(ApplicationProvider(), application_inputs())
    assert failures == {}
    pc = inputs["protocol_config"]
    assert pc["pkce"] == "disabled"
    assert pc["token_format"] == "self_contained"
    assert pc["token_configuration"] == {
        "expires_after": 86400,
        "subject_field": "email",
        "token_signing_algorithm": "RS256",
    }
    assert "__provider" not in inputs  # the server adds it back; we never forward it

    inputs, failures = run_check(RealmProvider(), realm_inputs())
    assert failures == {}
    assert inputs["classification"] == "SECURE_CUSTOMER"

    inputs, failures = run_check(AuthenticatorConfigProvider(), authenticator_config_inputs())
    assert failures == {}
    assert [m["type"] for m in inputs["config"]["authentication_methods"]] == [
        "webauthn_passkey",
        "software_passkey",
        "email_one_time_password",
    ]

    inputs, failures = run_check(
        ResourceServerProvider(), {**resource_server_inputs(), "scopes": None}
    )
    assert failures == {}
    assert inputs["scopes"] == []


def test_engine_floats_become_integers() -> None:
    app = with_path(
        application_inputs(), "protocol_config.token_configuration.expires_after", 3600.0
    )
    inputs, failures = run_check(ApplicationProvider(), app)
    assert failures == {}
    value = inputs["protocol_config"]["token_configuration"]["expires_after"]
    assert value == 3600
    assert type(value) is int


@pytest.mark.parametrize(
    ("provider", "data", "path", "value", "expected"),
    [
        (RealmProvider(), realm_inputs(), "display_name", _DELETE, "is required"),
        (RealmProvider(), realm_inputs(), "display_name", "", "must be a non-empty string"),
        (RealmProvider(), realm_inputs(), "display_name", "   ", "must be a non-empty string"),
        (RealmProvider(), realm_inputs(), "display_name", "tab\there", "control characters"),
        (RealmProvider(), realm_inputs(), "display_name", "x" * 65, "at most 64"),
        (RealmProvider(), realm_inputs(), "display_name", "bad/name", "must not contain"),
        (
            RealmProvider(),
            realm_inputs(),
            "display_name",
            5.0,
            "must be a non-empty string; got 5.0",
        ),
        (RealmProvider(), realm_inputs(), "classification", "SECURE_WORFORCE", "must be one of"),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "realm_id",
            "ABC",
            "16 lowercase hexadecimal",
        ),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "identifier",
            "beyondidentity",
            "reserved",
        ),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "identifier",
            "has space",
            "whitespace",
        ),
        (ResourceServerProvider(), resource_server_inputs(), "identifier", _DELETE, "is required"),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "scopes",
            ["a b"],
            "must be a scope name",
        ),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "scopes",
            ['a"b'],
            "must be a scope name",
        ),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "display_name",
            "x" * 65,
            "at most 64",
        ),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "display_name",
            "x" * 1_000_000,
            "at most 64 characters; got 1000000",
        ),
        (ApplicationProvider(), application_inputs(), "display_name", "x" * 65, "at most 64"),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "display_name",
            "x" * 65,
            "at most 64",
        ),
        (ResourceServerProvider(), resource_server_inputs(), "scopes", ["a", "a"], "repeats"),
        (
            ResourceServerProvider(),
            resource_server_inputs(),
            "scopes",
            "aws:customclaim",
            "must be a list",
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "config.type",
            "console",
            "must be one of",
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "config.trusted_origins",
            _DELETE,
            "is required",
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "config.trusted_origins",
            ["http://evil.example/"],
            "https",
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "config.invoke_url",
            "https://app.example/",
            "does not apply",
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "config.authentication_methods",
            ["fingerprint"],
            "must be one of",
        ),
        (
            AuthenticatorConfigProvider(),
            authenticator_config_inputs(),
            "config.colour",
            "blue",
            "not a supported property",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.type",
            "saml",
            "must be one of",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.confidentiality",
            _DELETE,
            "is required",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.grant_type",
            ["implicit"],
            "must be one of",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.grant_type",
            ["client_credentials"],
            "must include 'authorization_code'",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.pkce",
            "S256",
            "must be one of",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.redirect_uris",
            ["http://pool.example/cb"],
            "https",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.redirect_uris",
            ["https://x.example/cb#frag"],
            "fragment",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.redirect_uris",
            [],
            "at least one URI",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.allowed_scopes",
            ["openid"],
            "always allowed",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.token_configuration",
            _DELETE,
            "expires_after is required",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.token_configuration.expires_after",
            1.5,
            "whole number",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.token_configuration.expires_after",
            -1.0,
            "between 0",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.token_configuration.subject_field",
            "EMAIL",
            "must be one of",
        ),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.token_endpoint_auth_method",
            "client_secret_basic",
            "deprecated",
        ),
        (ApplicationProvider(), application_inputs(), "resource_server_id", "not-a-uuid", "UUID"),
        (
            ApplicationProvider(),
            application_inputs(),
            "authenticator_config_id",
            _DELETE,
            "is required for an authorization_code",
        ),
    ],
)
def test_each_rule_fails_with_a_named_property(
    provider: BeyondIdentityProvider, data: dict[str, Any], path: str, value: Any, expected: str
) -> None:
    _, failures = run_check(provider, with_path(data, path, value))
    assert failures, f"{path}={value!r} should fail"
    joined = " | ".join(f"{prop}: {reason}" for prop, reason in failures.items())
    assert expected in joined
    # the failure names the offending property (or a part of it)
    assert any(path.split(".")[0] in prop or prop in path for prop in failures)


def test_scopes_without_resource_server() -> None:
    app = application_inputs()
    del app["resource_server_id"]
    _, failures = run_check(ApplicationProvider(), app)
    assert "needs resource_server_id" in failures["protocol_config.allowed_scopes"]


def test_public_clients_need_pkce() -> None:
    app = with_path(application_inputs(), "protocol_config.confidentiality", "public")
    _, failures = run_check(ApplicationProvider(), app)
    assert "public client" in failures["protocol_config.pkce"]
    app = with_path(app, "protocol_config.pkce", "s256")
    assert run_check(ApplicationProvider(), app)[1] == {}


def test_client_credentials_apps_take_no_authenticator() -> None:
    app = with_path(application_inputs(), "protocol_config.type", "oauth2")
    app = with_path(app, "protocol_config.grant_type", ["client_credentials"])
    app = with_path(app, "protocol_config.redirect_uris", [])
    _, failures = run_check(ApplicationProvider(), app)
    assert "must not be set for a client_credentials" in failures["authenticator_config_id"]
    del app["authenticator_config_id"]
    assert run_check(ApplicationProvider(), app)[1] == {}


def test_embedded_authenticator_rules_and_defaults() -> None:
    data = with_path(
        authenticator_config_inputs(),
        "config",
        {"type": "embedded", "trusted_origins": ["https://app.example/"]},
    )
    _, failures = run_check(AuthenticatorConfigProvider(), data)
    assert "is required" in failures["config.invoke_url"]
    data["config"]["invoke_url"] = "https://app.example/auth"
    inputs, failures = run_check(AuthenticatorConfigProvider(), data)
    assert failures == {}
    assert inputs["config"]["invocation_type"] == "automatic"


def test_all_problems_are_reported_at_once() -> None:
    app = application_inputs()
    app["display_name"] = ""
    app["protocol_config"]["pkce"] = "maybe"
    app["protocol_config"]["grant_type"] = ["nope"]
    _, failures = run_check(ApplicationProvider(), app)
    assert {"display_name", "protocol_config.pkce", "protocol_config.grant_type[0]"} <= set(
        failures
    )


def test_unknown_top_level_property_is_named() -> None:
    _, failures = run_check(RealmProvider(), {**realm_inputs(), "colour": "blue"})
    assert "is not an input of Realm" in failures["colour"]


@pytest.mark.parametrize(
    ("provider", "data", "path"),
    [
        (ResourceServerProvider(), resource_server_inputs(), "realm_id"),
        (ResourceServerProvider(), resource_server_inputs(), "scopes"),
        (AuthenticatorConfigProvider(), authenticator_config_inputs(), "config"),
        (AuthenticatorConfigProvider(), authenticator_config_inputs(), "config.trusted_origins"),
        (ApplicationProvider(), application_inputs(), "realm_id"),
        (ApplicationProvider(), application_inputs(), "resource_server_id"),
        (ApplicationProvider(), application_inputs(), "authenticator_config_id"),
        (ApplicationProvider(), application_inputs(), "protocol_config"),
        (ApplicationProvider(), application_inputs(), "protocol_config.redirect_uris"),
        (
            ApplicationProvider(),
            application_inputs(),
            "protocol_config.token_configuration.expires_after",
        ),
    ],
)
def test_unknown_values_in_preview_are_tolerated(
    provider: BeyondIdentityProvider, data: dict[str, Any], path: str
) -> None:
    inputs, failures = run_check(provider, with_path(data, path, UNKNOWN))
    assert failures == {}
    node: Any = inputs
    for part in path.split("."):
        node = node[part]
    assert isinstance(node, Unknown)  # passed back as unknown, not invented


def test_unknown_list_elements_are_tolerated() -> None:
    app = with_path(application_inputs(), "protocol_config.redirect_uris", [UNKNOWN, REDIRECT])
    inputs, failures = run_check(ApplicationProvider(), app)
    assert failures == {}
    first, second = inputs["protocol_config"]["redirect_uris"]
    assert isinstance(first, Unknown)
    assert second == REDIRECT


def test_the_bare_sentinel_string_is_understood_too() -> None:
    app = with_path(application_inputs(), "realm_id", UNKNOWN)
    result = ApplicationProvider().check({}, {**app, "__provider": PROVIDER})
    assert result.failures == []


def test_adopt_id_is_validated() -> None:
    _, failures = run_check(ApplicationProvider(), {**application_inputs(), "adopt_id": "nope"})
    assert "UUID" in failures["adopt_id"]
    inputs, failures = run_check(ApplicationProvider(), {**application_inputs(), "adopt_id": RS_ID})
    assert failures == {}
    assert inputs["adopt_id"] == RS_ID
    _, failures = run_check(RealmProvider(), {**realm_inputs(), "adopt_id": AC_ID})
    assert "16 lowercase hexadecimal" in failures["adopt_id"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://[::1/cb", "valid absolute URL"),
        ("https://exa\uff03mple.com/cb", "valid absolute URL"),
        ("https://exa\u00e9mple.com/cb", "punycode"),
        ("https://example.com/c\nb", "control characters"),
        ("https://example.com:99999/cb", "port from 1 to 65535"),
        ("https://example.com:8o/cb", "numeric port"),
        ("https://" + "a" * 64 + ".example.com/cb", "labels of at most 63"),
        ("https://" + "a." * 127 + "com/cb", "at most 253"),
        ("https://user:pw@example.com/cb", "user credentials"),
        ("http://127.0.0.2.example.com/cb", "must use https"),
        ("https://[::1]x/cb", "numeric port"),
        ("https://[nope]/cb", "valid absolute URL"),
        ("https://300.1.1.1/cb", "IPv4"),
        ("javascript:alert(1)", "absolute URL"),
        ("https://example.com/cb#frag", "#fragment"),
    ],
)
def test_malformed_urls_fail_check_by_field_without_raising(url: str, expected: str) -> None:
    app = with_path(application_inputs(), "protocol_config.redirect_uris", [url])
    _, failures = run_check(ApplicationProvider(), app)
    assert expected in failures["protocol_config.redirect_uris[0]"]
    origins = with_path(authenticator_config_inputs(), "config.trusted_origins", [url])
    _, failures = run_check(AuthenticatorConfigProvider(), origins)
    assert failures.keys() == {"config.trusted_origins[0]"}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.2:8080/cb",  # all of 127.0.0.0/8 is loopback, as for the settings
        "http://[::1]:3000/cb",
        "http://LOCALHOST/cb",
        "https://xn--exmple-cua.com/cb",
        "myapp://callback",
    ],
)
def test_loopback_and_app_scheme_redirects_pass(url: str) -> None:
    app = with_path(application_inputs(), "protocol_config.redirect_uris", [url])
    assert run_check(ApplicationProvider(), app)[1] == {}


@pytest.mark.parametrize("kind", ["hosted_web", "embedded"])
def test_empty_trusted_origins_are_allowed_as_the_contract_allows(kind: str) -> None:
    config: dict[str, Any] = {"type": kind, "trusted_origins": []}
    if kind == "embedded":
        config["invoke_url"] = "https://app.example/auth"
    inputs, failures = run_check(
        AuthenticatorConfigProvider(), with_path(authenticator_config_inputs(), "config", config)
    )
    assert failures == {}
    assert inputs["config"]["trusted_origins"] == []


def test_lists_the_contract_requires_non_empty_still_are() -> None:
    app = with_path(application_inputs(), "protocol_config.grant_type", [])
    props = as_engine_sends({**app, "__provider": PROVIDER})
    reasons = [f.reason for f in ApplicationProvider().check({}, props).failures]
    assert "protocol_config.grant_type must list at least one value" in reasons
    ac = with_path(authenticator_config_inputs(), "config.authentication_methods", [])
    _, failures = run_check(AuthenticatorConfigProvider(), ac)
    assert "at least one" in failures["config.authentication_methods"]


@pytest.mark.parametrize(
    ("provider", "data", "path", "value"),
    [
        # Python's "$" also matches before a final newline: every rule must match the whole value.
        (ResourceServerProvider(), resource_server_inputs(), "realm_id", "19a95130480dfa79\n"),
        (ResourceServerProvider(), resource_server_inputs(), "scopes", ["aws:customclaim\n"]),
        (ApplicationProvider(), application_inputs(), "resource_server_id", RS_ID + "\n"),
        (RealmProvider(), realm_inputs(), "display_name", "Customers\n"),
        (ResourceServerProvider(), resource_server_inputs(), "identifier", "api\n"),
    ],
)
def test_a_trailing_newline_is_refused(
    provider: BeyondIdentityProvider, data: dict[str, Any], path: str, value: Any
) -> None:
    _, failures = run_check(provider, with_path(data, path, value))
    assert (path if not isinstance(value, list) else f"{path}[0]") in failures
