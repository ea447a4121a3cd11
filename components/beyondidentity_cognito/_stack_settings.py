"""Stack settings -> ``CognitoFederationArgs``: how a Pulumi program reads its configuration.

The list below is the only place that names the stack settings (``Pulumi.yaml``); each pairs
with the component argument of the same name in snake_case (or as ``_RENAMED`` says) and takes
its type from that argument's annotation. A setting left at its "not set" value (``""`` or
``[]``) is not passed at all, so the component's own default applies: the defaults live in
``CognitoFederationArgs`` alone, and a test checks that the values ``Pulumi.yaml`` shows agree
with them. A value of the
wrong type is passed on as written, so the component reports it with the setting's name
instead of replacing it (``tokenExpiresAfter: 0`` is an error, not 86400).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any, Literal

import pulumi

from ._args import CognitoFederationArgs
from ._branding_files import read_branding_assets, read_branding_settings
from ._unknown_settings import UnknownSettingsError, unknown_setting_problems

Kind = Literal["string", "array", "boolean", "integer", "object"]


@dataclass(frozen=True)
class StackSetting:
    """One stack setting and the ``CognitoFederationArgs`` field it fills."""

    key: str
    """The setting's name in the project's namespace (``Pulumi.yaml``), e.g. ``domainPrefix``."""
    argument: str
    """The ``CognitoFederationArgs`` field, e.g. ``domain_prefix``."""
    kind: Kind
    """The setting's ``type`` in ``Pulumi.yaml``."""
    convert: Callable[[str, Any], Any] | None = None
    """Turns a set value into the argument's (e.g. reads the files it names); gets the
    setting's key for its error messages."""


# The settings whose argument is not their key in snake_case.
_RENAMED = {
    "realmName": "realm_display_name",
    "applicationName": "application_display_name",
    "trustedOrigins": "authenticator_trusted_origins",
}
# The settings that name files: their type and how they are read.
_FILES: dict[str, tuple[Kind, Callable[[str, Any], Any]]] = {
    "managedLoginBrandingSettings": ("string", read_branding_settings),
    "managedLoginBrandingAssets": ("array", read_branding_assets),
}
_ARGUMENT_TYPES = {f.name: str(f.type) for f in dataclasses.fields(CognitoFederationArgs)}
# A setting's type follows its argument's annotation.
_KINDS: tuple[tuple[str, Kind], ...] = (
    ("Sequence", "array"),
    ("Mapping", "object"),
    ("bool", "boolean"),
    ("int", "integer"),
)


def _setting(key: str) -> StackSetting:
    """The setting ``key``: its argument, type and conversion follow from the key."""
    argument = _RENAMED.get(key) or re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()
    if key in _FILES:
        kind, convert = _FILES[key]
        return StackSetting(key, argument, kind, convert)
    annotation = _ARGUMENT_TYPES[argument]
    kind = next((k for prefix, k in _KINDS if annotation.startswith(prefix)), "string")
    return StackSetting(key, argument, kind)


STACK_SETTINGS: tuple[StackSetting, ...] = tuple(
    _setting(key)
    for key in [
        "domainPrefix",
        "customDomain",
        "certificateArn",
        "callbackUrls",
        "logoutUrls",
        "oauthScopes",
        "allowCognitoLogin",
        "appClientName",
        "identityProviderName",
        "userPoolId",
        "userPoolName",
        "deletionProtection",
        "mfaConfiguration",
        "protectUserPool",
        "region",
        "realmId",
        "realmName",
        "realmForceDestroy",
        "resourceServerIdentifier",
        "resourceServerScopes",
        "allowedScopes",
        "applicationName",
        "pkce",
        "tokenExpiresAfter",
        "subjectField",
        "trustedOrigins",
        "authenticationMethods",
        "attributeMapping",
        "idpIdentifiers",
        "accessTokenValidity",
        "accessTokenValidityUnit",
        "idTokenValidity",
        "idTokenValidityUnit",
        "refreshTokenValidity",
        "refreshTokenValidityUnit",
        "authSessionValidity",
        "enableTokenRevocation",
        "refreshTokenRotation",
        "refreshTokenRotationGracePeriod",
        "preventUserExistenceErrors",
        "managedLoginVersion",
        "managedLoginBrandingSettings",
        "managedLoginBrandingAssets",
        "userPoolTier",
        "hostedZoneId",
        "clientSecretRotation",
    ]
)
"""Every stack setting of the project, in ``Pulumi.yaml`` order."""


def setting_names(settings: tuple[StackSetting, ...] = STACK_SETTINGS) -> dict[str, str]:
    """Argument -> setting name, for :class:`CognitoFederation`'s ``argument_names``."""
    return {s.argument: s.key for s in settings}


def _read(config: pulumi.Config, setting: StackSetting) -> Any:
    """The setting's value, or None when it is not set; a mistyped value comes back as text."""
    raw = config.get(setting.key)
    if raw is None or not raw.strip():
        return None
    if setting.kind == "string":
        return raw.strip()
    if setting.kind == "array":
        try:
            value = json.loads(raw)
        except ValueError:
            return raw  # reported by the component: "must be a list of ...; got 'x'"
        return value if value != [] else None
    if setting.kind == "object":
        try:
            value = json.loads(raw)
        except ValueError:
            return raw  # reported by the component: "must map ..."
        return value if value != {} else None
    if setting.kind == "boolean":
        return {"true": True, "false": False}.get(raw.strip().lower(), raw)
    try:
        return int(raw)
    except ValueError:
        return raw  # reported: "must be a whole number of seconds ...; got '1h'"


def args_from_config(
    config: pulumi.Config | None = None,
    settings: tuple[StackSetting, ...] = STACK_SETTINGS,
    *,
    own_settings: Collection[str] = (),
) -> CognitoFederationArgs:
    """``CognitoFederationArgs`` from the settings that are set in ``config`` (default: the
    current project's namespace); the others keep the component's defaults.

    Every key of ``config``'s namespace must be one of ``settings`` or ``own_settings``, and
    every ``beyondidentity:*`` key one the providers read: a misspelled setting would
    otherwise be ignored silently.

    :param config: the namespace to read (``pulumi.Config("login")`` keeps the component's
        settings apart from the program's own).
    :param settings: the settings to read (a subset of :data:`STACK_SETTINGS`).
    :param own_settings: keys of the same namespace the program reads itself (e.g.
        ``["environment"]``), so they are not reported as unknown.
    :raises UnknownSettingsError: one line per unknown key, with the closest setting.
    """
    config = config if config is not None else pulumi.Config()
    known = {s.key for s in settings} | set(own_settings)
    problems = unknown_setting_problems(config.name, known)
    if problems:
        raise UnknownSettingsError(problems)
    values: dict[str, Any] = {}
    for setting in settings:
        value = _read(config, setting)
        if value is not None:
            values[setting.argument] = (
                setting.convert(setting.key, value) if setting.convert else value
            )
    values.setdefault("callback_urls", [])  # required: the component reports it missing
    return CognitoFederationArgs(**values)
