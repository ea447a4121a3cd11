"""Helpers for tests that drive the Beyond Identity client against the emulator."""

from __future__ import annotations

from typing import Any, TypeVar

import pytest
from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import Settings
from pulumi_beyondidentity._provider import BeyondIdentityProvider

P = TypeVar("P", bound=BeyondIdentityProvider)

#: Runs a test against an emulator that refuses repeated realm names and resource-server
#: identifiers (409, its default) and one that accepts them, as a real tenant may: the
#: contract documents no 409 on any create, so duplicate safety must not depend on it.
BOTH_MODES = pytest.mark.parametrize(
    "emulator", [False, True], indirect=True, ids=["refuses-repeats", "accepts-repeats"]
)

# Request bodies as the client sends them (inside the envelope), one per kind.
APP = {
    "display_name": "M2M",
    "protocol_config": {
        "type": "oauth2",
        "confidentiality": "confidential",
        "grant_type": ["client_credentials"],
        "token_configuration": {"expires_after": 600},
    },
}
CONFIG = {
    "display_name": "Hosted",
    "config": {
        "type": "hosted_web",
        "authentication_methods": [{"type": "webauthn_passkey"}],
        "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"],
    },
}
SERVER = {"display_name": "AWS", "identifier": "awsresourceserver", "scopes": ["aws:customclaim"]}


class Sleeps(list[float]):
    """Records the waits instead of sleeping, so tests stay fast."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def token_settings(emu: Emulator) -> Settings:
    """Settings for the emulator's tenant with its static API token."""
    return _settings(emu, api_token=emu.api_token)


def cc_settings(emu: Emulator) -> Settings:
    """Settings for the emulator's tenant with its management application's client credentials."""
    return _settings(
        emu,
        client_id=emu.management_client_id,
        client_secret=emu.management_client_secret,
        token_url=emu.management_token_url,
    )


def _settings(emu: Emulator, **auth: str) -> Settings:
    explicit = {"tenant_id": emu.tenant_id, "api_url": emu.url, "auth_url": emu.url, **auth}
    return Settings.resolve(explicit=explicit, environ={})


def requests_to(emu: Emulator, method: str, suffix: str) -> list[Any]:
    """The recorded requests of ``method`` whose path ends with ``suffix``."""
    return [r for r in emu.requests if r.method == method and r.path.endswith(suffix)]


def configured(provider: P, emu: Emulator, **extra: str) -> P:
    """``provider`` configured as the engine does it, for the emulator's tenant (static token).

    :param extra: more stack settings, e.g. ``**{"beyondidentity:adoptIds": "..."}``.
    """
    config = {
        "beyondidentity:tenantId": emu.tenant_id,
        "beyondidentity:apiToken": emu.api_token,
        "beyondidentity:apiUrl": emu.url,
        "beyondidentity:authUrl": emu.url,
        **extra,
    }
    provider.configure(ConfigureRequest(Config(config, "beyondidentity-cognito")))
    return provider
