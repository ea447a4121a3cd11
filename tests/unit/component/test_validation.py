"""Argument validation: one failure per rule, all reported at once, before anything exists."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from helpers.cognito_mocks import Deploy, FakeCloud, HostSettings

from beyondidentity_cognito import CognitoFederation, CognitoFederationArgs, CognitoFederationError

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"


def build(name: str = "login", **overrides: Any) -> CognitoFederation:
    kwargs: dict[str, Any] = {
        "domain_prefix": "bi-demo",
        "callback_urls": ["http://localhost:3000"],
    }
    kwargs.update(overrides)
    return CognitoFederation(name, CognitoFederationArgs(**kwargs))


def problems_of(name: str = "login", **overrides: Any) -> CognitoFederationError:
    with pytest.raises(CognitoFederationError) as caught:
        build(name, **overrides)
    return caught.value


# (overrides, the one argument reported)
CASES: dict[str, tuple[dict[str, Any], str]] = {
    # domain (cognito-federation.md 7.2)
    "domain missing": ({"domain_prefix": None}, "domain_prefix"),
    "domain and custom domain": (
        {"custom_domain": "auth.example.com", "certificate_arn": CERT},
        "custom_domain",
    ),
    "prefix upper case and underscore": ({"domain_prefix": "Bi_Demo"}, "domain_prefix"),
    "prefix leading hyphen": ({"domain_prefix": "-bi-demo"}, "domain_prefix"),
    "prefix trailing hyphen": ({"domain_prefix": "bi-demo-"}, "domain_prefix"),
    "prefix too long": ({"domain_prefix": "b" * 64}, "domain_prefix"),
    "prefix empty": ({"domain_prefix": ""}, "domain_prefix"),
    "prefix with a final newline": ({"domain_prefix": "bi-demo\n"}, "domain_prefix"),
    "prefix reserved cognito": ({"domain_prefix": "my-cognito-login"}, "domain_prefix"),
    "prefix reserved aws": ({"domain_prefix": "awslogin"}, "domain_prefix"),
    "prefix reserved amazon": ({"domain_prefix": "login-amazon"}, "domain_prefix"),
    "custom domain with a final newline": (
        {"domain_prefix": None, "custom_domain": "auth.example.com\n", "certificate_arn": CERT},
        "custom_domain",
    ),
    "custom domain with a 64-character label": (
        {
            "domain_prefix": None,
            "custom_domain": "a" * 64 + ".example.com",
            "certificate_arn": CERT,
        },
        "custom_domain",
    ),
    "custom domain with scheme": (
        {
            "domain_prefix": None,
            "custom_domain": "https://auth.example.com",
            "certificate_arn": CERT,
        },
        "custom_domain",
    ),
    "custom domain without certificate": (
        {"domain_prefix": None, "custom_domain": "auth.example.com"},
        "certificate_arn",
    ),
    "certificate without custom domain": ({"certificate_arn": CERT}, "certificate_arn"),
    "certificate not an ACM ARN": (
        {"domain_prefix": None, "custom_domain": "auth.example.com", "certificate_arn": "cert-1"},
        "certificate_arn",
    ),
    "certificate outside us-east-1": (
        {
            "domain_prefix": None,
            "custom_domain": "auth.example.com",
            "certificate_arn": CERT.replace("us-east-1", "eu-west-1"),
        },
        "certificate_arn",
    ),
    # callback and logout URLs (7.3)
    "no callback URL": ({"callback_urls": []}, "callback_urls"),
    "callback URLs as one string": ({"callback_urls": "https://app.example.com"}, "callback_urls"),
    "too many callback URLs": (
        {"callback_urls": [f"https://app.example.com/{i}" for i in range(101)]},
        "callback_urls",
    ),
    "callback http on a public host": (
        {"callback_urls": ["http://app.example.com/cb"]},
        "callback_urls[0]",
    ),
    "callback with fragment": (
        {"callback_urls": ["https://app.example.com/cb#x"]},
        "callback_urls[0]",
    ),
    "callback relative": ({"callback_urls": ["/callback"]}, "callback_urls[0]"),
    "callback too long": (
        {"callback_urls": ["https://app.example.com/" + "a" * 1001]},
        "callback_urls[0]",
    ),
    "callback duplicate": (
        {"callback_urls": ["https://app.example.com", "https://app.example.com"]},
        "callback_urls[1]",
    ),
    "callback empty string": ({"callback_urls": [""]}, "callback_urls[0]"),
    "logout http on a public host": (
        {"logout_urls": ["http://app.example.com/bye"]},
        "logout_urls[0]",
    ),
    "too many logout URLs": (
        {"logout_urls": [f"https://app.example.com/{i}" for i in range(101)]},
        "logout_urls",
    ),
    # app client
    "no OAuth scopes": ({"oauth_scopes": []}, "oauth_scopes"),
    "unknown OAuth scope": ({"oauth_scopes": ["openid", "admin"]}, "oauth_scopes[1]"),
    "OAuth scope with a space": ({"oauth_scopes": ["openid", "a b/c"]}, "oauth_scopes[1]"),
    "email scope without openid": ({"oauth_scopes": ["email"]}, "oauth_scopes[0]"),
    "app client name": ({"app_client_name": "web/app"}, "app_client_name"),
    "allow_cognito_login not a bool": ({"allow_cognito_login": "yes"}, "allow_cognito_login"),
    # identity provider (7.1)
    "provider name with a space": (
        {"identity_provider_name": "Beyond Identity"},
        "identity_provider_name",
    ),
    "provider name too short": ({"identity_provider_name": "BI"}, "identity_provider_name"),
    "provider name too long": ({"identity_provider_name": "B" * 33}, "identity_provider_name"),
    "provider name leading underscore": (
        {"identity_provider_name": "_Beyond"},
        "identity_provider_name",
    ),
    "provider name inner underscore": (
        {"identity_provider_name": "Beyond_Identity"},
        "identity_provider_name",
    ),
    "provider name COGNITO": ({"identity_provider_name": "Cognito"}, "identity_provider_name"),
    "provider name of a social provider": (
        {"identity_provider_name": "Google"},
        "identity_provider_name",
    ),
    "attribute mapping empty": ({"attribute_mapping": {}}, "attribute_mapping"),
    "attribute name too long": (
        {"attribute_mapping": {"a" * 33: "sub"}},
        f"attribute_mapping[{'a' * 33!r}]",
    ),
    "attribute claim empty": ({"attribute_mapping": {"email": ""}}, "attribute_mapping['email']"),
    # user pool
    "user pool id": ({"user_pool_id": "not-a-pool"}, "user_pool_id"),
    "user pool name with existing pool": (
        {"user_pool_id": "us-east-1_Abc123", "user_pool_name": "x"},
        "user_pool_name",
    ),
    "user pool name": ({"user_pool_name": "pool/1"}, "user_pool_name"),
    "deletion protection": ({"deletion_protection": "on"}, "deletion_protection"),
    "mfa configuration": ({"mfa_configuration": "REQUIRED"}, "mfa_configuration"),
    "protect_user_pool not a bool": ({"protect_user_pool": "no"}, "protect_user_pool"),
    "region": ({"region": "US-EAST-1"}, "region"),
    "region without number": ({"region": "us-east"}, "region"),
    # realm
    "realm id": ({"realm_id": "ABCDEF0123456789"}, "realm_id"),
    "realm name with existing realm": (
        {"realm_id": "0123456789abcdef", "realm_display_name": "x"},
        "realm_display_name",
    ),
    "realm classification with existing realm": (
        {"realm_id": "0123456789abcdef", "realm_classification": "SECURE_WORKFORCE"},
        "realm_classification",
    ),
    "realm name forbidden character": ({"realm_display_name": "a:b"}, "realm_display_name"),
    "realm name too long": ({"realm_display_name": "r" * 65}, "realm_display_name"),
    "realm classification": ({"realm_classification": "PUBLIC"}, "realm_classification"),
    "realm force_destroy with existing realm": (
        {"realm_id": "0123456789abcdef", "realm_force_destroy": True},
        "realm_force_destroy",
    ),
    "realm force_destroy not a bool": ({"realm_force_destroy": "yes"}, "realm_force_destroy"),
    # resource server
    "resource server name": ({"resource_server_display_name": " "}, "resource_server_display_name"),
    "identifier with whitespace": (
        {"resource_server_identifier": "aws server"},
        "resource_server_identifier",
    ),
    "identifier reserved": (
        {"resource_server_identifier": "BeyondIdentity"},
        "resource_server_identifier",
    ),
    "resource server scope openid": (
        {"resource_server_scopes": ["openid"]},
        "resource_server_scopes[0]",
    ),
    "resource server scope with quote": (
        {"resource_server_scopes": ['aws:"x"']},
        "resource_server_scopes[0]",
    ),
    "allowed scope not offered": ({"allowed_scopes": ["aws:admin"]}, "allowed_scopes[0]"),
    # authenticator config
    "authenticator name": ({"authenticator_display_name": ""}, "authenticator_display_name"),
    "trusted origin over http": (
        {"authenticator_trusted_origins": ["http://auth.example.com/"]},
        "authenticator_trusted_origins[0]",
    ),
    "trusted origin path without slash": (
        {"authenticator_trusted_origins": ["https://auth.example.com/authenticator"]},
        "authenticator_trusted_origins[0]",
    ),
    "authentication method": (
        {"authentication_methods": ["password"]},
        "authentication_methods[0]",
    ),
    "authentication methods empty": ({"authentication_methods": []}, "authentication_methods"),
    # application
    "application name": ({"application_display_name": ""}, "application_display_name"),
    "pkce plain": ({"pkce": "plain"}, "pkce"),
    "subject field": ({"subject_field": "sub"}, "subject_field"),
    "token lifetime zero": ({"token_expires_after": 0}, "token_expires_after"),
    "token lifetime too long": ({"token_expires_after": 2**32}, "token_expires_after"),
    "token lifetime as text": ({"token_expires_after": "86400"}, "token_expires_after"),
    "token lifetime as bool": ({"token_expires_after": True}, "token_expires_after"),
}


@pytest.mark.parametrize(("overrides", "argument"), list(CASES.values()), ids=list(CASES))
def test_rule(cloud: FakeCloud, overrides: dict[str, Any], argument: str) -> None:
    error = problems_of(**overrides)
    assert [p.argument for p in error.problems] == [argument], str(error)
    assert f"  - {argument}: " in str(error)
    assert not cloud.log, "nothing may be registered when arguments are invalid"


@pytest.mark.parametrize(
    ("config", "env", "argument"),
    [
        ({"beyondidentity:region": "mars"}, {}, "beyondidentity:region"),
        ({}, {"BEYOND_IDENTITY_REGION": "mars"}, "BEYOND_IDENTITY_REGION"),
        ({"beyondidentity:authUrl": "http://auth.example.com"}, {}, "beyondidentity:authUrl"),
        ({}, {"BEYOND_IDENTITY_AUTH_URL": "auth.example.com"}, "BEYOND_IDENTITY_AUTH_URL"),
    ],
)
def test_beyond_identity_host_settings(
    host_settings: HostSettings, config: dict[str, str], env: dict[str, str], argument: str
) -> None:
    host_settings(config, env)
    error = problems_of()
    assert [p.argument for p in error.problems] == [argument]


def test_host_settings_are_checked_even_with_explicit_trusted_origins(cloud: FakeCloud) -> None:
    # The providers refuse them too, but only after AWS could have started: report them here.
    pulumi.runtime.set_all_config({"beyondidentity:apiUrl": "http://api.example.com"})
    error = problems_of(authenticator_trusted_origins=["https://auth.example.com/authenticator/"])
    assert [p.argument for p in error.problems] == ["beyondidentity:apiUrl"]
    assert "must use https" in str(error)


def test_empty_lists_are_accepted_where_the_contract_allows_them(
    cloud: FakeCloud, deploy: Deploy
) -> None:
    deploy(lambda: build(authenticator_trusted_origins=[]))
    deploy(lambda: build(allowed_scopes=[]))
    deploy(lambda: build(resource_server_scopes=[]))


def test_every_problem_is_reported_at_once(cloud: FakeCloud) -> None:
    error = problems_of(
        domain_prefix="cognito",
        callback_urls=["http://example.com"],
        identity_provider_name="Beyond Identity",
        pkce="plain",
    )
    assert {p.argument for p in error.problems} == {
        "domain_prefix",
        "callback_urls[0]",
        "identity_provider_name",
        "pkce",
    }
    message = str(error)
    assert message.startswith(
        "CognitoFederation 'login' has 4 invalid arguments; nothing was created:"
    )
    assert "'cognito'" in message
    assert "'http://example.com'" in message
    assert not cloud.log


def test_names_derived_from_the_component_name_are_checked(cloud: FakeCloud) -> None:
    error = problems_of(name="web/app:1")
    assert {p.argument for p in error.problems} == {
        "realm_display_name",
        "user_pool_name",
        "app_client_name",
    }
    assert all("defaults to <project>-<stack>-<component name>" in p.rule for p in error.problems)


def test_error_is_a_run_error(cloud: FakeCloud) -> None:
    # The language host prints a RunError's message without the Python traceback.
    error = problems_of(pkce="plain")
    assert isinstance(error, pulumi.RunError)
    assert error.name == "login"


@pytest.mark.parametrize(
    "url",
    [
        "https://app.example.com/callback?x=1",
        "http://localhost:3000",
        "http://127.0.0.1:8080/cb",
        "http://[::1]:3000/cb",
        "myapp://callback",
    ],
)
def test_accepted_callback_urls(cloud: FakeCloud, deploy: Deploy, url: str) -> None:
    deploy(lambda: build(callback_urls=[url], logout_urls=[url]))


def test_accepted_edge_values(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: build(
            domain_prefix="a",
            identity_provider_name="B_I",
            oauth_scopes=[
                "openid",
                "phone",
                "aws.cognito.signin.user.admin",
                "api.example.com/read",
            ],
            region="us-gov-west-1",
            realm_display_name="r" * 64,
            token_expires_after=2**32 - 1,
        )
    )
    deploy(
        lambda: build(
            domain_prefix=None,
            custom_domain="Auth.Example.com",
            certificate_arn=CERT.replace("arn:aws:", "arn:aws-cn:").replace(
                "us-east-1", "cn-north-1"
            ),
            user_pool_id="eu-west-1_AbC123",
            realm_id="0123456789abcdef",
        )
    )
