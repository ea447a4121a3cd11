"""Provider methods driven the way the engine drives them, against a running emulator."""

from __future__ import annotations

import copy
from typing import Any

from bi_inputs import HOSTED_ORIGIN, REDIRECT
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import (
    ApplicationProvider,
    AuthenticatorConfigProvider,
    RealmProvider,
    ResourceServerProvider,
)
from pulumi_beyondidentity._provider import BeyondIdentityProvider

PROVIDER_KEY = "__provider"


def configure(
    provider: BeyondIdentityProvider, emu: Emulator, **extra: str
) -> BeyondIdentityProvider:
    config = {
        "beyondidentity:tenantId": emu.tenant_id,
        "beyondidentity:apiToken": emu.api_token,
        "beyondidentity:apiUrl": emu.url,
        "beyondidentity:authUrl": emu.url,
        **extra,
    }
    provider.configure(ConfigureRequest(Config(config, "beyondidentity-cognito")))
    return provider


class Stack:
    """Drives providers the way the engine does: check, then create/update with checked inputs."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.realm = configure(RealmProvider(), emu)
        self.rs = configure(ResourceServerProvider(), emu)
        self.ac = configure(AuthenticatorConfigProvider(), emu)
        self.app = configure(ApplicationProvider(), emu)

    def checked(self, provider: BeyondIdentityProvider, news: dict[str, Any]) -> dict[str, Any]:
        result = provider.check({}, {**copy.deepcopy(news), PROVIDER_KEY: "serialized"})
        assert result.failures == [], [f.reason for f in result.failures]
        return {**result.inputs, PROVIDER_KEY: "serialized"}

    def create(
        self, provider: BeyondIdentityProvider, news: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        result = provider.create(self.checked(provider, news))
        assert result.outs is not None
        return result.id, result.outs

    def federation(self) -> dict[str, Any]:
        realm_id, _ = self.create(self.realm, {"display_name": "Customers"})
        rs_id, _ = self.create(
            self.rs,
            {
                "realm_id": realm_id,
                "display_name": "AWS",
                "identifier": "awsresourceserver",
                "scopes": ["aws:customclaim"],
            },
        )
        ac_id, _ = self.create(
            self.ac,
            {
                "realm_id": realm_id,
                "display_name": "Hosted Web",
                "config": {"type": "hosted_web", "trusted_origins": [HOSTED_ORIGIN]},
            },
        )
        app_inputs = {
            "realm_id": realm_id,
            "display_name": "AWS Cognito",
            "resource_server_id": rs_id,
            "authenticator_config_id": ac_id,
            "protocol_config": {
                "type": "oidc",
                "confidentiality": "confidential",
                "grant_type": ["authorization_code"],
                "redirect_uris": [REDIRECT],
                "allowed_scopes": ["aws:customclaim"],
                "token_configuration": {"expires_after": 86400.0, "subject_field": "email"},
            },
        }
        app_id, app_outs = self.create(self.app, app_inputs)
        return {
            "realm_id": realm_id,
            "rs_id": rs_id,
            "ac_id": ac_id,
            "app_id": app_id,
            "app_outs": app_outs,
            "app_inputs": app_inputs,
        }
