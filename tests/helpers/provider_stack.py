"""Provider methods driven the way the engine drives them, against a running emulator."""

from __future__ import annotations

import copy
from typing import Any

from beyondidentity_emulator import Emulator
from helpers.builders import application_inputs, authenticator_config_inputs, resource_server_inputs
from helpers.client_support import configured as configure
from pulumi_beyondidentity._provider import BeyondIdentityProvider
from pulumi_beyondidentity.application import ApplicationProvider
from pulumi_beyondidentity.authenticator_config import AuthenticatorConfigProvider
from pulumi_beyondidentity.realm import RealmProvider
from pulumi_beyondidentity.resource_server import ResourceServerProvider

PROVIDER_KEY = "__provider"


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
        rs_id, _ = self.create(self.rs, resource_server_inputs(realm_id, display_name="AWS"))
        ac_id, _ = self.create(self.ac, authenticator_config_inputs(realm_id))
        app_inputs = application_inputs(realm_id, rs_id, ac_id)
        app_inputs["protocol_config"]["token_configuration"]["expires_after"] = 86400.0
        app_id, app_outs = self.create(self.app, app_inputs)
        return {
            "realm_id": realm_id,
            "rs_id": rs_id,
            "ac_id": ac_id,
            "app_id": app_id,
            "app_outs": app_outs,
            "app_inputs": app_inputs,
        }
