"""Stack settings -> ``CognitoFederationArgs``: how a Pulumi program reads its configuration.

The table below is the only place that pairs a stack setting (``Pulumi.yaml``) with a
component argument. A setting left at its "not set" value (``""`` or ``[]``) is not passed at
all, so the component's own default applies: the defaults live in ``CognitoFederationArgs``
alone, and a test checks that the values ``Pulumi.yaml`` shows agree with them. A value of the
wrong type is passed on as written, so the component reports it with the setting's name
instead of replacing it (``tokenExpiresAfter: 0`` is an error, not 86400).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import pulumi

from ._args import CognitoFederationArgs
from ._branding_files import read_branding_assets, read_branding_settings

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


def _s(
    key: str,
    argument: str,
    kind: Kind = "string",
    convert: Callable[[str, Any], Any] | None = None,
) -> StackSetting:
    return StackSetting(key, argument, kind, convert)


STACK_SETTINGS: tuple[StackSetting, ...] = (
    _s("domainPrefix", "domain_prefix"),
    _s("customDomain", "custom_domain"),
    _s("certificateArn", "certificate_arn"),
    _s("callbackUrls", "callback_urls", "array"),
    _s("logoutUrls", "logout_urls", "array"),
    _s("oauthScopes", "oauth_scopes", "array"),
    _s("allowCognitoLogin", "allow_cognito_login", "boolean"),
    _s("appClientName", "app_client_name"),
    _s("identityProviderName", "identity_provider_name"),
    _s("userPoolId", "user_pool_id"),
    _s("userPoolName", "user_pool_name"),
    _s("deletionProtection", "deletion_protection"),
    _s("mfaConfiguration", "mfa_configuration"),
    _s("protectUserPool", "protect_user_pool", "boolean"),
    _s("region", "region"),
    _s("realmId", "realm_id"),
    _s("realmName", "realm_display_name"),
    _s("resourceServerIdentifier", "resource_server_identifier"),
    _s("resourceServerScopes", "resource_server_scopes", "array"),
    _s("allowedScopes", "allowed_scopes", "array"),
    _s("applicationName", "application_display_name"),
    _s("pkce", "pkce"),
    _s("tokenExpiresAfter", "token_expires_after", "integer"),
    _s("subjectField", "subject_field"),
    _s("trustedOrigins", "authenticator_trusted_origins", "array"),
    _s("authenticationMethods", "authentication_methods", "array"),
    _s("attributeMapping", "attribute_mapping", "object"),
    _s("idpIdentifiers", "idp_identifiers", "array"),
    _s("accessTokenValidity", "access_token_validity", "integer"),
    _s("accessTokenValidityUnit", "access_token_validity_unit"),
    _s("idTokenValidity", "id_token_validity", "integer"),
    _s("idTokenValidityUnit", "id_token_validity_unit"),
    _s("refreshTokenValidity", "refresh_token_validity", "integer"),
    _s("refreshTokenValidityUnit", "refresh_token_validity_unit"),
    _s("authSessionValidity", "auth_session_validity", "integer"),
    _s("enableTokenRevocation", "enable_token_revocation", "boolean"),
    _s("refreshTokenRotation", "refresh_token_rotation", "boolean"),
    _s("refreshTokenRotationGracePeriod", "refresh_token_rotation_grace_period", "integer"),
    _s("preventUserExistenceErrors", "prevent_user_existence_errors"),
    _s("managedLoginVersion", "managed_login_version", "integer"),
    _s(
        "managedLoginBrandingSettings",
        "managed_login_branding_settings",
        convert=read_branding_settings,
    ),
    _s(
        "managedLoginBrandingAssets",
        "managed_login_branding_assets",
        "array",
        convert=read_branding_assets,
    ),
    _s("userPoolTier", "user_pool_tier"),
    _s("hostedZoneId", "hosted_zone_id"),
    _s("clientSecretRotation", "client_secret_rotation"),
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
            return raw  # reported by the component: "must be a list of ..., not str"
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
) -> CognitoFederationArgs:
    """``CognitoFederationArgs`` from the settings that are set in ``config`` (default: the
    current project's namespace); the others keep the component's defaults."""
    config = config if config is not None else pulumi.Config()
    values: dict[str, Any] = {}
    for setting in settings:
        value = _read(config, setting)
        if value is not None:
            values[setting.argument] = (
                setting.convert(setting.key, value) if setting.convert else value
            )
    values.setdefault("callback_urls", [])  # required: the component reports it missing
    return CognitoFederationArgs(**values)
