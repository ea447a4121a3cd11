"""Helpers for tests that drive the Beyond Identity client against the emulator."""

from __future__ import annotations

from typing import Any

from beyondidentity_emulator import Emulator
from pulumi_beyondidentity import Settings


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
