"""``check`` under hostile input (hypothesis): it never raises, names every failure by its
property, and lets through only well-formed URLs."""

from __future__ import annotations

import copy
from typing import Any

from helpers.builders import (
    application_inputs,
    as_engine_sends,
    authenticator_config_inputs,
    valid_inputs,
)
from helpers.fuzz import url_refutation, urls, values
from hypothesis import given
from hypothesis import strategies as st

from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity._registry import ALL_KINDS
from pulumi_beyondidentity.application import ApplicationProvider
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider

PROVIDERS: dict[str, tuple[BeyondIdentityProvider, dict[str, Any]]] = {
    provider.fields.label: (provider(), valid_inputs(provider.fields.label))
    for provider in ALL_KINDS
}


def check(provider: BeyondIdentityProvider, props: dict[str, Any]) -> dict[str, list[str]]:
    """Failures by property; raises whatever ``check`` raises (the property under test)."""
    result = provider.check({}, as_engine_sends({**props, "__provider": "p"}))
    failures: dict[str, list[str]] = {}
    for failure in result.failures:
        assert isinstance(failure.property, str)
        assert failure.reason.startswith(failure.property), failure.reason
        failures.setdefault(failure.property, []).append(failure.reason)
    return failures


def _root(path: str) -> str:
    return path.split(".", 1)[0].split("[", 1)[0]


@given(kind=st.sampled_from(sorted(PROVIDERS)), data=st.data())
def test_any_input_gives_named_failures_never_an_exception(kind: str, data: st.DataObject) -> None:
    provider, valid = PROVIDERS[kind]
    props = copy.deepcopy(valid)
    # Hostile values in real fields (top level or nested), and arbitrary extra keys.
    fields = sorted({*provider.input_fields, "adopt_id"})
    props.update(data.draw(st.dictionaries(st.sampled_from(fields), values, max_size=3)))
    for nested in ("config", "protocol_config"):
        if isinstance(props.get(nested), dict):
            keys = st.sampled_from([*props[nested], "token_configuration", "type"])
            props[nested].update(data.draw(st.dictionaries(keys, values, max_size=2)))
    extra = data.draw(st.dictionaries(st.text(max_size=24), values, max_size=2))
    props.update({k: v for k, v in extra.items() if not k.startswith("__")})
    failures = check(provider, props)
    for path in failures:
        # a declared field or a path inside one, or an unsupported key named as written
        assert _root(path) in fields or path in props, failures


@given(url=urls)
def test_redirect_uris_accept_only_well_formed_urls(url: str) -> None:
    app = application_inputs()
    app["protocol_config"]["redirect_uris"] = [url]
    failures = check(ApplicationProvider(), app)
    named = failures.get("protocol_config.redirect_uris[0]")
    # A refused entry also leaves the authorization_code app without any redirect URI.
    assert set(failures) <= {"protocol_config.redirect_uris[0]", "protocol_config.redirect_uris"}
    if named is None:
        assert url_refutation(url, custom_scheme=True) is None, url


@given(url=urls)
def test_trusted_origins_and_invoke_url_accept_only_well_formed_urls(url: str) -> None:
    data = authenticator_config_inputs()
    data["config"] = {"type": "embedded", "invoke_url": url, "trusted_origins": [url]}
    failures = check(AuthenticatorConfigProvider(), data)
    assert set(failures) <= {"config.invoke_url", "config.trusted_origins[0]"}, failures
    if "config.invoke_url" not in failures:
        assert url_refutation(url, custom_scheme=True) is None, url
    if "config.trusted_origins[0]" not in failures:
        assert url_refutation(url, custom_scheme=False) is None, url
