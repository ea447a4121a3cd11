"""``pulumi_beyondidentity.rules``: one loopback rule, applied alike by the settings, the
providers' redirect URIs and origins, the component and the AWS stand-in."""

from __future__ import annotations

import pytest
from helpers.builders import application_inputs
from helpers.fuzz import urls, values
from hypothesis import given

from aws_standin import is_loopback_url
from beyondidentity_cognito import CognitoFederationArgs
from beyondidentity_cognito._checks import Context
from beyondidentity_cognito._validation import validate
from pulumi_beyondidentity import ConfigurationError, Settings, resolve_hosts, rules
from pulumi_beyondidentity.application import ApplicationProvider

LOOPBACK = ["localhost", "LOCALHOST", "127.0.0.1", "127.0.0.2", "127.255.255.254", "[::1]"]
NOT_LOOPBACK = ["example.com", "128.0.0.1", "0.0.0.0", "10.0.0.1", "[::2]", "localhost.example"]


def accepted_everywhere(url: str) -> list[bool]:
    """Whether each user of the rule accepts ``url`` (settings, provider, component, stand-in)."""
    try:
        Settings.resolve(
            environ={
                "BEYOND_IDENTITY_API_URL": url,
                "BEYOND_IDENTITY_API_TOKEN": "t",
                "BEYOND_IDENTITY_TENANT_ID": "000176d94fd7b4d1",
            }
        )
        settings = True
    except ConfigurationError:
        settings = False
    app = application_inputs()
    app["protocol_config"]["redirect_uris"] = [url]
    provider = not ApplicationProvider().check({}, {**app, "__provider": "p"}).failures
    args = CognitoFederationArgs(callback_urls=[url], domain_prefix="bi-demo")
    component = not validate(args, Context("login", resolve_hosts(environ={}))).problems
    return [settings, provider, component, is_loopback_url(url)]


@pytest.mark.parametrize("host", LOOPBACK)
def test_plain_http_to_a_loopback_host_is_accepted_by_every_user_of_the_rule(host: str) -> None:
    assert accepted_everywhere(f"http://{host}:8080/cb") == [True, True, True, True]


@pytest.mark.parametrize("host", NOT_LOOPBACK)
def test_plain_http_elsewhere_is_refused_by_every_user_of_the_rule(host: str) -> None:
    assert accepted_everywhere(f"http://{host}:8080/cb") == [False, False, False, False]


def test_the_loopback_rule_has_one_wording() -> None:
    problem = rules.url_problem("http://example.com/cb")
    assert problem is not None
    assert rules.LOOPBACK_RULE in problem


@given(value=values)
def test_no_rule_raises(value: object) -> None:
    for rule in (
        rules.display_name_problem,
        rules.realm_name_problem,
        rules.realm_id_problem,
        rules.scope_problem,
        rules.identifier_problem,
        rules.hostname_problem,
        rules.url_problem,
    ):
        problem = rule(value)
        assert problem is None or (isinstance(problem, str) and problem)


@given(url=urls)
def test_is_loopback_url_never_raises(url: str) -> None:
    assert rules.is_loopback_url(url) in (True, False)
