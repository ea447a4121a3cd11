"""``construct``: the inputs as settings, through the component's own conversion and checks."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pulumi
import pytest
from helpers.cognito_mocks import USER_POOL, FakeCloud, run_program

from beyondidentity_cognito import TYPE_TOKEN, CognitoFederationError, setting_names
from beyondidentity_cognito_plugin import CognitoFederationProvider, federation_args, whole
from beyondidentity_cognito_plugin._errors import input_error

BASE: dict[str, Any] = {
    "domainPrefix": "bi-plugin",
    "callbackUrls": ["http://localhost:3000/callback"],
}


def construct(**inputs: Any) -> SimpleNamespace:
    """What the engine's ``Construct`` of the plugin returns, its outputs resolved."""
    provider = CognitoFederationProvider()
    result = provider.construct("login", TYPE_TOKEN, {**BASE, **inputs})
    return SimpleNamespace(**result.state)


def refusal(**inputs: Any) -> pulumi.InputPropertiesError:
    with pytest.raises(pulumi.InputPropertiesError) as caught:
        construct(**inputs)
    return caught.value


@pytest.mark.parametrize(("value", "expected"), [(3600.0, 3600), (3600.5, 3600.5), (True, True)])
def test_integral_floats_are_the_integers_they_are(value: object, expected: object) -> None:
    assert whole(value) == expected
    assert type(whole(value)) is type(expected)


def test_a_whole_float_reaches_the_component_as_an_int() -> None:
    args = federation_args({**BASE, "tokenExpiresAfter": 3600.0, "accessTokenValidity": 2.0})
    assert args.token_expires_after == 3600
    assert isinstance(args.token_expires_after, int)
    assert args.access_token_validity == 2


def test_outputs_of_the_federation_under_their_property_names(cloud: FakeCloud) -> None:
    deployed = run_program(lambda: construct(tokenExpiresAfter=3600.0))
    assert deployed.outputs["identityProviderName"] == "BeyondIdentity"
    assert deployed.outputs["authorizeUrl"].startswith("https://bi-plugin.auth.")
    (pool,) = cloud.of_type(USER_POOL)
    assert pool.name == "login-user-pool"


def test_a_fractional_number_is_refused_under_the_settings_name(cloud: FakeCloud) -> None:
    error = refusal(tokenExpiresAfter=3600.5)
    assert error.errors is not None
    (problem,) = error.errors
    assert problem["property_path"] == "tokenExpiresAfter"
    assert "whole number" in problem["reason"]
    assert "3600.5" in problem["reason"]
    assert "\n" not in problem["reason"]


def test_every_problem_is_one_entry_under_its_setting(cloud: FakeCloud) -> None:
    error = refusal(
        domainPrefix="Bad_Prefix", callbackUrls=["https://app.example.com/cb#top"], pkce="sha1"
    )
    assert error.errors is not None
    assert {p["property_path"] for p in error.errors} == {"domainPrefix", "callbackUrls[0]", "pkce"}
    assert error.message == "CognitoFederation 'login' has 3 invalid settings; nothing was created"
    assert cloud.log == []


def test_an_unknown_input_is_refused(cloud: FakeCloud) -> None:
    error = refusal(domain_prefix="bi-plugin")
    assert error.errors == [
        {"property_path": "domain_prefix", "reason": "is not a setting of CognitoFederation"}
    ]


def test_a_settings_file_error_names_the_setting(cloud: FakeCloud, tmp_path: Any) -> None:
    error = refusal(
        managedLoginVersion=2.0, managedLoginBrandingSettings=str(tmp_path / "missing.json")
    )
    assert error.errors is not None
    (problem,) = error.errors
    assert problem["property_path"] == "managedLoginBrandingSettings"
    assert "cannot read" in problem["reason"]


def test_an_error_raised_once_an_output_is_known_is_found_in_its_chain() -> None:
    """A check of an ``Output``'s value fails after ``construct`` returned; the host sees it
    wrapped in the registration's error, and it still leaves as the settings' error."""
    problem = CognitoFederationError("login", [], setting_names())
    try:
        try:
            raise problem
        except CognitoFederationError as inner:
            raise RuntimeError("registration failed") from inner
    except RuntimeError as wrapped:
        converted = input_error(wrapped)
    assert converted is not None
    assert converted.message.startswith("CognitoFederation 'login' has 0 invalid")
    assert input_error(RuntimeError("a bug")) is None


def test_an_output_input_is_passed_on_as_an_output() -> None:
    wired = pulumi.Output.from_input("bi-plugin")
    args = federation_args({**BASE, "domainPrefix": wired})
    assert cast(object, args.domain_prefix) is wired
