"""``CognitoFederationArgs`` validation under hostile input (hypothesis): it never raises,
reports every problem against an argument or a stack setting, and lets through only
well-formed callback, logout and trusted-origin URLs."""

from __future__ import annotations

import dataclasses
from typing import Any

from helpers.fuzz import url_refutation, urls, values
from hypothesis import given
from hypothesis import strategies as st

from beyondidentity_cognito import CognitoFederationArgs
from beyondidentity_cognito._checks import Context
from beyondidentity_cognito._validation import validate
from pulumi_beyondidentity import resolve_hosts

FIELDS = [f.name for f in dataclasses.fields(CognitoFederationArgs)]
SETTINGS = {"beyondidentity:region", "beyondidentity:apiUrl", "beyondidentity:authUrl"}
HOSTS = resolve_hosts(environ={})


def _root(argument: str) -> str:
    return argument.split("[", 1)[0]


@given(
    name=st.one_of(st.text(max_size=20), st.just("login")),
    overrides=st.dictionaries(st.sampled_from(FIELDS), values, max_size=6),
)
def test_any_arguments_give_named_problems_never_an_exception(
    name: str, overrides: dict[str, Any]
) -> None:
    args = CognitoFederationArgs(
        **{"callback_urls": ["https://app.example.com/cb"], "domain_prefix": "bi-demo", **overrides}
    )
    for problem in validate(args, Context(name, HOSTS)).problems:
        assert _root(problem.argument) in FIELDS, problem
        assert problem.rule


@given(url=urls)
def test_urls_pass_only_when_well_formed(url: str) -> None:
    args = CognitoFederationArgs(
        callback_urls=[url],
        logout_urls=[url],
        domain_prefix="bi-demo",
        authenticator_trusted_origins=[url],
    )
    problems = {p.argument for p in validate(args, Context("login", HOSTS)).problems}
    assert problems <= {"callback_urls[0]", "logout_urls[0]", "authenticator_trusted_origins[0]"}
    if "callback_urls[0]" not in problems:
        assert url_refutation(url, custom_scheme=True) is None, url
        assert len(url) <= 1024
    assert ("logout_urls[0]" in problems) == ("callback_urls[0]" in problems)
    if "authenticator_trusted_origins[0]" not in problems:
        assert url_refutation(url, custom_scheme=False) is None, url


@given(
    region=st.one_of(st.none(), st.text(max_size=8), st.sampled_from(["us", "EU", "us-gov"])),
    api_url=st.one_of(st.none(), urls),
    auth_url=st.one_of(st.none(), urls),
)
def test_host_settings_never_raise_and_name_the_setting(
    region: str | None, api_url: str | None, auth_url: str | None
) -> None:
    config = {
        "beyondidentity:region": region,
        "beyondidentity:apiUrl": api_url,
        "beyondidentity:authUrl": auth_url,
    }
    hosts = resolve_hosts(config=config.get, environ={})
    assert {setting for setting, _ in hosts.problems} <= SETTINGS
    assert url_refutation(hosts.auth_url, custom_scheme=False) is None
    assert url_refutation(hosts.hosted_web_origin, custom_scheme=False) is None
    args = CognitoFederationArgs(callback_urls=["https://app.example.com/cb"], domain_prefix="bi")
    assert {p.argument for p in validate(args, Context("login", hosts)).problems} == {
        setting for setting, _ in hosts.problems
    }
