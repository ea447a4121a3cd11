"""Every ``beyondidentity:*`` setting, and the one way each is resolved.

A setting is read from, in order: explicit values (by attribute name, from code), the stack
configuration (namespace ``beyondidentity``), the environment (``BEYOND_IDENTITY_*``). A
value that is empty or only spaces counts as unset. :mod:`._connection` (where the tenant
is, the credentials) and :mod:`._operation` (deadline, take-over list) both resolve
through :func:`layers` and :func:`first`, so every key follows the same precedence.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = [
    "CONFIG_KEYS",
    "KEYS",
    "ConfigGetter",
    "Layer",
    "SettingKey",
    "describe_key",
    "first",
    "key_for",
    "layers",
]

ConfigGetter = Callable[[str], "str | None"]


@dataclass(frozen=True)
class SettingKey:
    """One setting: its attribute name, stack config key and environment variable."""

    attr: str
    config: str
    env: str


KEYS: tuple[SettingKey, ...] = (
    SettingKey("tenant_id", "beyondidentity:tenantId", "BEYOND_IDENTITY_TENANT_ID"),
    SettingKey("region", "beyondidentity:region", "BEYOND_IDENTITY_REGION"),
    SettingKey("api_token", "beyondidentity:apiToken", "BEYOND_IDENTITY_API_TOKEN"),
    SettingKey("client_id", "beyondidentity:clientId", "BEYOND_IDENTITY_CLIENT_ID"),
    SettingKey("client_secret", "beyondidentity:clientSecret", "BEYOND_IDENTITY_CLIENT_SECRET"),
    SettingKey("token_url", "beyondidentity:tokenUrl", "BEYOND_IDENTITY_TOKEN_URL"),
    SettingKey("api_url", "beyondidentity:apiUrl", "BEYOND_IDENTITY_API_URL"),
    SettingKey("auth_url", "beyondidentity:authUrl", "BEYOND_IDENTITY_AUTH_URL"),
    SettingKey(
        "operation_timeout", "beyondidentity:operationTimeout", "BEYOND_IDENTITY_OPERATION_TIMEOUT"
    ),
    SettingKey("adopt_ids", "beyondidentity:adoptIds", "BEYOND_IDENTITY_ADOPT_IDS"),
)
CONFIG_KEYS: tuple[str, ...] = tuple(k.config for k in KEYS)
"""Every ``beyondidentity:*`` stack setting the providers read (connection and per operation)."""

_BY_ATTR = {k.attr: k for k in KEYS}


def key_for(attr: str) -> SettingKey:
    """The setting of an attribute name (``api_token``...)."""
    return _BY_ATTR[attr]


def describe_key(attr: str) -> str:
    """``beyondidentity:apiToken (or BEYOND_IDENTITY_API_TOKEN)`` for a setting name."""
    key = _BY_ATTR[attr]
    return f"{key.config} (or {key.env})"


#: One source of settings: its name (for messages), how it reads a key, how it names it.
Layer = tuple[str, Callable[[SettingKey], "str | None"], Callable[[SettingKey], str]]


def layers(
    explicit: Mapping[str, str | None] | None,
    config: ConfigGetter | None,
    environ: Mapping[str, str] | None,
) -> list[Layer]:
    """The sources in precedence order (``environ`` defaults to ``os.environ``)."""
    env = os.environ if environ is None else environ
    found: list[Layer] = []
    if explicit:
        found.append(("explicit arguments", lambda k: explicit.get(k.attr), lambda k: k.attr))
    if config is not None:
        cfg = config
        found.append(("stack config", lambda k: cfg(k.config), lambda k: k.config))
    found.append(("environment", lambda k: env.get(k.env), lambda k: k.env))
    return found


def clean(value: str | None) -> str | None:
    """The value without surrounding spaces; None when nothing is left."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def first(sources: list[Layer], key: SettingKey) -> tuple[str | None, str]:
    """The first value set for ``key`` and the name of the setting that set it."""
    for _, get, name in sources:
        value = clean(get(key))
        if value is not None:
            return value, name(key)
    return None, key.config
