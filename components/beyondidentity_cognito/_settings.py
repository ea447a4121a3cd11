"""Which Beyond Identity auth host the stack talks to, read as the providers read it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import pulumi


@dataclass(frozen=True)
class Setting:
    """A resolved setting and where it came from (for error messages)."""

    value: str | None
    """The value, or None when no source sets it."""
    source: str
    """The stack config key or environment variable that set it (or would have)."""


@dataclass(frozen=True)
class BeyondIdentityHost:
    """The settings that locate the Beyond Identity auth host."""

    auth_url: Setting
    """``beyondidentity:authUrl`` / ``BEYOND_IDENTITY_AUTH_URL``."""
    region: Setting
    """``beyondidentity:region`` / ``BEYOND_IDENTITY_REGION``."""


def _first(config: pulumi.Config, key: str, env_var: str, environ: Mapping[str, str]) -> Setting:
    # Same precedence as pulumi_beyondidentity's Settings (stack config, then environment), so the
    # trusted origin names the host the providers actually use.
    value = (config.get(key) or "").strip()
    if value:
        return Setting(value, f"beyondidentity:{key}")
    value = environ.get(env_var, "").strip()
    if value:
        return Setting(value, env_var)
    return Setting(None, f"beyondidentity:{key}")


def read_beyond_identity_host(environ: Mapping[str, str] | None = None) -> BeyondIdentityHost:
    """Read ``authUrl`` and ``region`` from the ``beyondidentity`` stack config or environment."""
    env = os.environ if environ is None else environ
    config = pulumi.Config("beyondidentity")
    return BeyondIdentityHost(
        auth_url=_first(config, "authUrl", "BEYOND_IDENTITY_AUTH_URL", env),
        region=_first(config, "region", "BEYOND_IDENTITY_REGION", env),
    )
