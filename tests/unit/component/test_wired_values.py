"""Values wired from other resources (``Output``s): checked once known, with the same wording.

A component provider (a program in another language) hands every wired input over as an
``Output``. Under Pulumi mocks: a wired value that passes reaches the resources unchanged; one
that breaks a rule fails the deployment with the rule's one line, as the plain value would
have been reported, and no resource receives it; the arguments that decide which resources
exist refuse an ``Output`` at once, naming the argument (or setting).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pulumi
import pytest
from helpers.cognito_mocks import (
    APPLICATION,
    CLIENT,
    DOMAIN,
    IDENTITY_PROVIDER,
    RESOURCE_SERVER,
    USER_POOL,
    Deploy,
    FakeCloud,
    install,
    run_program,
)

from beyondidentity_cognito import (
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    setting_names,
)

BASE: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost:3000"]}


def wired(value: Any) -> pulumi.Output[Any]:
    return pulumi.Output.from_input(value)


def federation(names: dict[str, str] | None = None, **overrides: Any) -> CognitoFederation:
    args = CognitoFederationArgs(**{**BASE, **overrides})
    return CognitoFederation("login", args, argument_names=names)


def plain_message(**overrides: Any) -> str:
    """The line the constructor gives for the same values given plainly."""
    with pytest.raises(CognitoFederationError) as caught:
        federation(**overrides)
    (problem,) = caught.value.problems
    return str(problem)


def test_wired_values_that_pass_reach_the_resources(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: federation(
            domain_prefix=wired("bi-wired"),
            callback_urls=[wired("https://app.example.com/cb"), "http://localhost:3000"],
            logout_urls=wired(["https://app.example.com/bye"]),
            oauth_scopes=wired(["openid", "email"]),
            allow_cognito_login=wired(True),
            mfa_configuration=wired("OFF"),
            refresh_token_rotation=wired(True),
            refresh_token_rotation_grace_period=wired(30),
            access_token_validity=wired(2),
            resource_server_scopes=wired(["aws:customclaim", "extra"]),
            allowed_scopes=wired(["extra"]),
            idp_identifiers=wired(["example.com"]),
            pkce=wired("s256"),
            token_expires_after=wired(3600),
        )
    )
    client = cloud.one(CLIENT).plain
    assert client["callbackUrls"] == ["https://app.example.com/cb", "http://localhost:3000"]
    assert client["logoutUrls"] == ["https://app.example.com/bye"]
    assert client["supportedIdentityProviders"] == ["BeyondIdentity", "COGNITO"]
    assert client["refreshTokenRotation"] == {"feature": "ENABLED", "retryGracePeriodSeconds": 30}
    assert client["accessTokenValidity"] == 2
    assert "softwareTokenMfaConfiguration" not in cloud.one(USER_POOL).plain
    assert cloud.one(DOMAIN).plain["domain"] == "bi-wired"
    idp = cloud.one(IDENTITY_PROVIDER).plain
    assert idp["providerDetails"]["authorize_scopes"] == "openid extra"
    assert idp["idpIdentifiers"] == ["example.com"]
    protocol = cloud.one(APPLICATION).plain["protocol_config"]
    assert protocol["allowed_scopes"] == ["extra"]
    assert protocol["pkce"] == "s256"
    assert cloud.one(RESOURCE_SERVER).plain["scopes"] == ["aws:customclaim", "extra"]


@pytest.mark.parametrize(
    ("overrides", "wire"),
    [
        ({"callback_urls": ["http://app.example.com/cb"]}, lambda v: [wired(v[0])]),
        ({"callback_urls": ["http://app.example.com/cb"]}, wired),
        ({"domain_prefix": "my-cognito-login"}, wired),
        ({"pkce": "plain"}, wired),
        ({"token_expires_after": 0}, wired),
        ({"user_pool_id": "anything goes"}, wired),
        ({"access_token_validity": 48}, wired),
        ({"oauth_scopes": ["email"]}, wired),
    ],
    ids=["list item", "list", "prefix", "choice", "integer", "pool id", "range", "scopes"],
)
def test_a_wired_value_that_breaks_a_rule_fails_with_the_same_line(
    cloud: FakeCloud, overrides: dict[str, Any], wire: Any
) -> None:
    (argument, value), *_ = overrides.items()
    expected = plain_message(**overrides)
    assert not cloud.log
    with pytest.raises(CognitoFederationError) as caught:
        run_program(lambda: federation(**{argument: wire(value)}))
    assert str(caught.value) == f"CognitoFederation 'login': {expected}"
    assert "\n" not in str(caught.value)
    # No resource received the value: whatever takes it waits for the check.
    registered = {r.typ for r in cloud.log}
    taker = {
        "callback_urls": CLIENT,
        "domain_prefix": DOMAIN,
        "pkce": APPLICATION,
        "token_expires_after": APPLICATION,
        "user_pool_id": DOMAIN,
        "access_token_validity": CLIENT,
        "oauth_scopes": CLIENT,
    }[argument]
    assert taker not in registered


def test_a_wired_value_is_named_in_the_callers_words(cloud: FakeCloud) -> None:
    with pytest.raises(CognitoFederationError) as caught:
        run_program(
            lambda: federation(setting_names(), callback_urls=[wired("http://app.example.com")])
        )
    assert str(caught.value).startswith("CognitoFederation 'login': callbackUrls[0]: ")


def test_a_secret_wired_value_is_not_shown(cloud: FakeCloud) -> None:
    secret = "my-secret-cognito-prefix"
    with pytest.raises(CognitoFederationError) as caught:
        run_program(lambda: federation(domain_prefix=pulumi.Output.secret(secret)))
    message = str(caught.value)
    assert secret not in message
    assert message.startswith("CognitoFederation 'login': domain_prefix: ")
    assert "(the value is secret: not shown)" in message


@pytest.mark.parametrize(
    ("argument", "value", "setting"),
    [
        ("protect_user_pool", False, "protectUserPool"),
        ("managed_login_version", 2, "managedLoginVersion"),
        ("client_secret_rotation", "2026-12", "clientSecretRotation"),
        ("attribute_mapping", {"email": "sub"}, "attributeMapping"),
    ],
)
def test_what_decides_the_resources_must_be_known_when_the_program_runs(
    cloud: FakeCloud, argument: str, value: Any, setting: str
) -> None:
    with pytest.raises(CognitoFederationError) as caught:
        federation(setting_names(), **{argument: wired(value)})
    (problem,) = caught.value.problems
    assert problem.argument == setting
    assert problem.rule.startswith("must be known when the program runs, not an Output")
    assert not cloud.log


def unknown() -> pulumi.Output[Any]:
    """A value a preview does not know yet (the output of a resource still to be created)."""
    loop = asyncio.get_event_loop()
    value: asyncio.Future[Any] = loop.create_future()
    value.set_result(None)
    known: asyncio.Future[bool] = loop.create_future()
    known.set_result(False)
    return pulumi.Output(set(), value, known)


def test_a_preview_passes_values_it_does_not_know_yet(cloud: FakeCloud) -> None:
    preview = install(FakeCloud(), preview=True)
    run_program(lambda: federation(callback_urls=[unknown()], realm_id=unknown()))
    assert preview.of_type(CLIENT)
