"""Helpers for tests that drive the Beyond Identity client against the emulator."""

from __future__ import annotations

from typing import Any, TypeVar

from pulumi.dynamic import ConfigureRequest
from pulumi.dynamic.config import Config

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import Settings
from pulumi_beyondidentity._provider import BeyondIdentityProvider

P = TypeVar("P", bound=BeyondIdentityProvider)


class Sleeps(list[float]):
    """Records the waits instead of sleeping, so tests stay fast."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def token_settings(emu: Emulator) -> Settings:
    """Settings for the emulator's tenant with its static API token."""
    return Settings.resolve(
        explicit={
            "tenant_id": emu.tenant_id,
            "api_token": emu.api_token,
            "api_url": emu.url,
            "auth_url": emu.url,
        },
        environ={},
    )


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
