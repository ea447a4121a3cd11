"""The branding settings reach Cognito as one stable text, whatever order the keys came in."""

from __future__ import annotations

import json

from helpers.cognito_mocks import BRANDING, Deploy, FakeCloud

from beyondidentity_cognito import CognitoFederation, CognitoFederationArgs


def test_settings_keys_are_sorted_so_the_same_settings_never_diff(
    cloud: FakeCloud, deploy: Deploy
) -> None:
    # The same settings written in two orders (a YAML file reordered by hand, say).
    settings = {"components": {"b": 1, "a": 2}, "categories": {"global": {}}}
    deploy(
        lambda: CognitoFederation(
            "login",
            CognitoFederationArgs(
                domain_prefix="bi-demo",
                callback_urls=["http://localhost:3000"],
                managed_login_version=2,
                managed_login_branding_settings=settings,
            ),
        )
    )
    text = cloud.one(BRANDING).plain["settings"]
    assert text == '{"categories": {"global": {}}, "components": {"a": 2, "b": 1}}'
    assert json.loads(text) == settings
