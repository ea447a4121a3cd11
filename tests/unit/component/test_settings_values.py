"""``args_from_settings``: the arguments from values keyed by setting name, as a program in
another language (a component provider) hands them over; and the choice types the arguments
share with the providers."""

from __future__ import annotations

import dataclasses
from typing import Any, get_args

import pulumi
import pytest
from helpers.cognito_mocks import CLIENT, Deploy, FakeCloud

from beyondidentity_cognito import (
    STACK_SETTINGS,
    AuthenticationMethod,
    CognitoFederation,
    CognitoFederationArgs,
    CognitoFederationError,
    RealmClassification,
    SubjectField,
    UnknownSettingsError,
    Violation,
    args_from_settings,
    setting_names,
)
from pulumi_beyondidentity.application import SUBJECT_FIELDS
from pulumi_beyondidentity.authenticator_config import AUTHENTICATION_METHODS
from pulumi_beyondidentity.realm import CLASSIFICATIONS

REQUIRED = {"domainPrefix": "bi-demo", "callbackUrls": ["http://localhost:3000"]}


def test_values_become_the_arguments_they_declare() -> None:
    args = args_from_settings({**REQUIRED, "realmName": "r", "tokenExpiresAfter": 3600})
    assert args == CognitoFederationArgs(
        domain_prefix="bi-demo",
        callback_urls=["http://localhost:3000"],
        realm_display_name="r",
        token_expires_after=3600,
    )


def test_integral_floats_are_the_integers_they_are() -> None:
    args = args_from_settings({**REQUIRED, "tokenExpiresAfter": 3600.0, "managedLoginVersion": 2.0})
    assert args.token_expires_after == 3600
    assert type(args.token_expires_after) is int
    assert args.managed_login_version == 2
    # A fraction stays as it is, for the component to report.
    assert args_from_settings({**REQUIRED, "tokenExpiresAfter": 1.5}).token_expires_after == 1.5


def test_not_set_values_keep_the_defaults() -> None:
    args = args_from_settings(
        {**REQUIRED, "customDomain": "", "logoutUrls": [], "attributeMapping": {}, "region": None}
    )
    assert args == CognitoFederationArgs(
        domain_prefix="bi-demo", callback_urls=["http://localhost:3000"]
    )


def test_unknown_keys_are_refused_with_the_closest_setting() -> None:
    with pytest.raises(UnknownSettingsError) as caught:
        args_from_settings({**REQUIRED, "domainPrefx": "x", "zzz": 1})
    assert caught.value.problems == (
        Violation("domainPrefx", "not a setting of CognitoFederation; did you mean domainPrefix?"),
        Violation("zzz", "not a setting of CognitoFederation"),
    )


def test_wired_integers_are_converted_once_known(cloud: FakeCloud, deploy: Deploy) -> None:
    values = {**REQUIRED, "accessTokenValidity": pulumi.Output.from_input(2.0)}
    deploy(lambda: CognitoFederation("login", args_from_settings(values)))
    assert cloud.one(CLIENT).plain["accessTokenValidity"] == 2


def test_mistyped_values_are_reported_under_the_setting(cloud: FakeCloud) -> None:
    args = args_from_settings({**REQUIRED, "tokenExpiresAfter": "1h", "pkce": "plain"})
    with pytest.raises(CognitoFederationError) as caught:
        CognitoFederation("login", args, argument_names=setting_names())
    assert {p.argument for p in caught.value.problems} == {"tokenExpiresAfter", "pkce"}
    assert "has 2 invalid settings" in str(caught.value)


def test_every_setting_is_declared_on_its_field() -> None:
    fields = {f.name: f for f in dataclasses.fields(CognitoFederationArgs)}
    for setting in STACK_SETTINGS:
        assert setting.argument in fields, setting
    keys = [s.key for s in STACK_SETTINGS]
    assert len(keys) == len(set(keys))
    # In field order: the declarations are the table.
    order = list(fields)
    assert [s.argument for s in STACK_SETTINGS] == sorted(
        (s.argument for s in STACK_SETTINGS), key=order.index
    )


@pytest.mark.parametrize(
    ("literal", "providers"),
    [
        (SubjectField, SUBJECT_FIELDS),
        (AuthenticationMethod, AUTHENTICATION_METHODS),
        (RealmClassification, CLASSIFICATIONS),
    ],
)
def test_choice_types_are_the_providers_choices(literal: Any, providers: Any) -> None:
    assert tuple(get_args(literal)) == tuple(providers)
