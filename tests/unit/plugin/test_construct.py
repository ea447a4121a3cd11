"""``construct``: the inputs as settings, through the component's own conversion and checks."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pulumi
import pytest
from helpers.cognito_mocks import APPLICATION, USER_POOL, FakeCloud, run_program

from beyondidentity_cognito import TYPE_TOKEN, CognitoFederationError, Violation
from beyondidentity_cognito_plugin import CognitoFederationProvider
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


def test_a_whole_float_is_accepted_as_the_integer_it_is(cloud: FakeCloud) -> None:
    """A YAML or TypeScript number arrives as a float; the application gets the integer."""
    run_program(lambda: construct(tokenExpiresAfter=3600.0))
    (application,) = cloud.of_type(APPLICATION)
    expires = application.plain["protocol_config"]["token_configuration"]["expires_after"]
    assert expires == 3600  # (the mocks' wire has one number type: 3600.0 == 3600)


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


def test_an_unknown_input_is_refused_with_the_closest_setting(cloud: FakeCloud) -> None:
    error = refusal(domainPrefx="bi-plugin")
    assert error.errors is not None
    (problem,) = error.errors
    assert problem["property_path"] == "domainPrefx"
    assert "did you mean domainPrefix" in problem["reason"]
    assert cloud.log == []


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
    wrapped in the registration's error, and it still leaves as the setting's error."""
    late = CognitoFederationError(
        "login", [Violation("domainPrefix", "must be lower-case; got 'X'")], known_later=True
    )
    try:
        try:
            raise late
        except CognitoFederationError as inner:
            raise RuntimeError("registration failed") from inner
    except RuntimeError as wrapped:
        converted = input_error("login", wrapped)
    assert converted is not None
    assert converted.message == "CognitoFederation 'login' has 1 invalid setting"
    assert converted.errors == [
        {"property_path": "domainPrefix", "reason": "must be lower-case; got 'X'"}
    ]
    assert input_error("login", RuntimeError("a bug")) is None


def test_an_input_wired_from_another_resource_is_used_once_known(cloud: FakeCloud) -> None:
    deployed = run_program(lambda: construct(domainPrefix=pulumi.Output.from_input("bi-wired")))
    assert deployed.outputs["authorizeUrl"].startswith("https://bi-wired.auth.")


def test_a_wired_input_refused_once_known_leaves_as_the_settings_error(cloud: FakeCloud) -> None:
    with pytest.raises(Exception, match="Bad_Prefix") as caught:
        run_program(lambda: construct(domainPrefix=pulumi.Output.from_input("Bad_Prefix")))
    converted = input_error("login", caught.value)
    assert converted is not None
    assert converted.errors is not None
    (problem,) = converted.errors
    assert problem["property_path"] == "domainPrefix"
    assert "Bad_Prefix" in problem["reason"]
