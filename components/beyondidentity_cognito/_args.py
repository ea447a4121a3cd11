"""``CognitoFederationArgs``: everything a :class:`CognitoFederation` can be told.

Each argument that a project's stack can set declares its stack setting beside it
(``field(metadata=setting(...))``): the setting's name in ``Pulumi.yaml`` and its type there,
and whether the value must be known when the program runs (``plain``: it decides which
resources exist). :data:`~._stack_settings.STACK_SETTINGS` is read from these declarations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pulumi

from ._choices import (
    AuthenticationMethod,
    DeletionProtection,
    ManagedLoginVersion,
    MfaConfiguration,
    Pkce,
    PreventUserExistenceErrors,
    RealmClassification,
    SubjectField,
    TimeUnit,
    UserPoolTier,
)

SettingType = Literal["string", "array", "boolean", "integer", "object"]
"""A stack setting's ``type`` in ``Pulumi.yaml``."""


@dataclass(frozen=True)
class SettingDeclaration:
    """What an argument's field declares about its stack setting."""

    key: str
    """The setting's name in ``Pulumi.yaml``, e.g. ``domainPrefix``."""
    type: SettingType
    """The setting's ``type`` in ``Pulumi.yaml``."""
    plain: bool
    """True when the value must be known when the program runs (not an ``Output``): it
    decides which resources the component registers, or is a resource option."""


SETTING = "beyondidentity_cognito.setting"
"""The field metadata key holding a :class:`SettingDeclaration`."""


def setting(key: str, type_: SettingType, *, plain: bool = False) -> dict[str, SettingDeclaration]:
    """Field metadata declaring the argument's stack setting (see :class:`SettingDeclaration`)."""
    return {SETTING: SettingDeclaration(key, type_, plain)}


DEFAULT_RESOURCE_SERVER_IDENTIFIER = "awsresourceserver"
DEFAULT_RESOURCE_SERVER_SCOPES: tuple[str, ...] = ("aws:customclaim",)
DEFAULT_RESOURCE_SERVER_DISPLAY_NAME = "AWS Cognito resource server"
DEFAULT_AUTHENTICATOR_DISPLAY_NAME = "Hosted Web"
DEFAULT_APPLICATION_DISPLAY_NAME = "AWS Cognito"
DEFAULT_PKCE: Pkce = "disabled"
DEFAULT_TOKEN_EXPIRES_AFTER = 86400
DEFAULT_SUBJECT_FIELD: SubjectField = "email"
DEFAULT_DELETION_PROTECTION: DeletionProtection = "ACTIVE"
DEFAULT_MFA_CONFIGURATION: MfaConfiguration = "OPTIONAL"
DEFAULT_IDENTITY_PROVIDER_NAME = "BeyondIdentity"
# email_verified from Beyond Identity's claim: Cognito marks mapped emails unverified otherwise.
DEFAULT_ATTRIBUTE_MAPPING: Mapping[str, str] = {
    "email": "sub",
    "username": "sub",
    "email_verified": "email_verified",
}
DEFAULT_OAUTH_SCOPES: tuple[str, ...] = ("openid", "email", "profile")
# Cognito's own defaults for a new app client (CreateUserPoolClient), stated explicitly.
DEFAULT_ACCESS_TOKEN_VALIDITY = 1
DEFAULT_ID_TOKEN_VALIDITY = 1
DEFAULT_REFRESH_TOKEN_VALIDITY = 30
DEFAULT_ACCESS_TOKEN_VALIDITY_UNIT: TimeUnit = "hours"
DEFAULT_ID_TOKEN_VALIDITY_UNIT: TimeUnit = "hours"
DEFAULT_REFRESH_TOKEN_VALIDITY_UNIT: TimeUnit = "days"
DEFAULT_AUTH_SESSION_VALIDITY = 3
DEFAULT_PREVENT_USER_EXISTENCE_ERRORS: PreventUserExistenceErrors = "ENABLED"
# AWS's feature plan for a new pool, sent when none is set (the input is Optional+Computed).
DEFAULT_USER_POOL_TIER: UserPoolTier = "ESSENTIALS"
# What CreateUserPoolDomain does without ManagedLoginVersion: the classic hosted UI.
DEFAULT_MANAGED_LOGIN_VERSION: ManagedLoginVersion = 1


@dataclass(frozen=True)
class ManagedLoginAsset:
    """An image of the managed login (version 2) branding style."""

    category: str
    """What the image is for (``pulumi_beyondidentity.rules.MANAGED_LOGIN_ASSET_CATEGORIES``):
    ``FAVICON_ICO``, ``FAVICON_SVG``, ``EMAIL_GRAPHIC``, ``SMS_GRAPHIC``, ``AUTH_APP_GRAPHIC``,
    ``PASSWORD_GRAPHIC``, ``PASSKEY_GRAPHIC``, ``PAGE_HEADER_LOGO``, ``PAGE_HEADER_BACKGROUND``,
    ``PAGE_FOOTER_LOGO``, ``PAGE_FOOTER_BACKGROUND``, ``PAGE_BACKGROUND``, ``FORM_BACKGROUND``,
    ``FORM_LOGO`` or ``IDP_BUTTON_ICON``."""
    color_mode: str
    """``LIGHT``, ``DARK`` or ``DYNAMIC``."""
    extension: str
    """``ICO``, ``JPEG``, ``PNG``, ``SVG`` or ``WEBP``."""
    bytes: str
    """The image, base64-encoded (at most 1,000,000 bytes decoded)."""


@dataclass(frozen=True)
class CognitoFederationArgs:
    """The arguments for constructing a :class:`CognitoFederation`.

    Only ``callback_urls`` and one of ``domain_prefix`` / ``custom_domain`` are
    required; every other field has the default of the Beyond Identity console
    guide. Plain values are validated when the program runs (so ``pulumi
    preview`` fails before anything is created). Most arguments also take an ``Output``
    (a value wired from another resource): it is checked once known, with the same
    rules and wording, and a broken rule then fails the deployment before any resource
    receives the value. The few that decide which resources exist (``plain`` in their
    setting declaration) must be known when the program runs.
    """

    callback_urls: pulumi.Input[Sequence[pulumi.Input[str]]] = field(
        metadata=setting("callbackUrls", "array")
    )
    """Where Cognito may send users back with an authorization code (at least one, at most
    100; https, or http only for ``localhost``, 127.0.0.0/8 and ``[::1]``; custom app schemes
    such as ``myapp://cb`` are allowed; no ``#fragment``). The first one is used as the
    ``redirect_uri`` of the ``authorize_url`` and ``hosted_ui_url`` outputs."""

    domain_prefix: pulumi.Input[str] | None = field(
        default=None, metadata=setting("domainPrefix", "string")
    )
    """The Cognito domain prefix: the ``<prefix>`` of ``https://<prefix>.auth.<region>.
    amazoncognito.com``. 1-63 lower-case letters, digits and inner hyphens, without the
    reserved words ``aws``, ``amazon`` and ``cognito``; unique per region across all AWS
    accounts. Required unless ``custom_domain`` is set. Changing it replaces the domain (the
    old one is deleted first: a pool holds one prefix domain) and updates the Beyond
    Identity redirect URI."""

    custom_domain: pulumi.Input[str] | None = field(
        default=None, metadata=setting("customDomain", "string")
    )
    """A custom domain (a fully qualified host name such as ``auth.example.com``, at most 63
    characters) to use instead of ``domain_prefix``. Needs ``certificate_arn``. Default:
    none."""

    certificate_arn: pulumi.Input[str] | None = field(
        default=None, metadata=setting("certificateArn", "string")
    )
    """The ACM certificate (in ``us-east-1``) for ``custom_domain``; only with it. A new
    certificate updates the domain in place (``UpdateUserPoolDomain``), nothing is replaced."""

    logout_urls: pulumi.Input[Sequence[pulumi.Input[str]]] = field(
        default=(), metadata=setting("logoutUrls", "array")
    )
    """Where Cognito may send users after sign-out (same rules as ``callback_urls``, at most
    100). Default: none."""

    oauth_scopes: pulumi.Input[Sequence[pulumi.Input[str]]] = field(
        default=DEFAULT_OAUTH_SCOPES, metadata=setting("oauthScopes", "array")
    )
    """The OAuth scopes the app client may request from Cognito: ``openid``, ``email``,
    ``profile``, ``phone``, ``aws.cognito.signin.user.admin`` or a Cognito resource-server
    scope ``<identifier>/<scope>``; ``email``, ``profile`` and ``phone`` need ``openid``.
    Default: ``["openid", "email", "profile"]``."""

    allow_cognito_login: pulumi.Input[bool] = field(
        default=False, metadata=setting("allowCognitoLogin", "boolean")
    )
    """Also offer Cognito's own user/password sign-in (adds ``COGNITO`` to the client's
    identity providers). Default: ``False`` (Beyond Identity only)."""

    app_client_name: pulumi.Input[str] | None = field(
        default=None, metadata=setting("appClientName", "string")
    )
    """Name of the Cognito app client (1-128 characters of letters, digits, spaces and
    ``+=,.@-``). Default: ``<project>-<stack>-<component name>``."""

    identity_provider_name: pulumi.Input[str] = field(
        default=DEFAULT_IDENTITY_PROVIDER_NAME, metadata=setting("identityProviderName", "string")
    )
    """Name of the OIDC identity provider in the user pool (3-32 characters, no whitespace,
    no underscore except as the second character; not ``COGNITO`` or a social provider
    name). Federated users are named ``<name>_<sub>``, so keep it stable; changing it replaces
    the identity provider. Default: ``BeyondIdentity``."""

    # --- Cognito user pool ---
    user_pool_id: pulumi.Input[str] | None = field(
        default=None, metadata=setting("userPoolId", "string")
    )
    """An existing user pool to federate instead of creating one (e.g. ``us-east-1_AbC123``).
    Then ``user_pool_name``, ``deletion_protection``, ``mfa_configuration`` and
    ``protect_user_pool`` do not apply. Default: create a pool."""

    user_pool_name: pulumi.Input[str] | None = field(
        default=None, metadata=setting("userPoolName", "string")
    )
    """Name of the created user pool (1-128 characters of letters, digits, spaces and
    ``+=,.@-``). Default: ``<project>-<stack>-<component name>``."""

    deletion_protection: pulumi.Input[DeletionProtection] = field(
        default=DEFAULT_DELETION_PROTECTION, metadata=setting("deletionProtection", "string")
    )
    """``ACTIVE`` (default: AWS refuses to delete the pool) or ``INACTIVE``."""

    mfa_configuration: pulumi.Input[MfaConfiguration] = field(
        default=DEFAULT_MFA_CONFIGURATION, metadata=setting("mfaConfiguration", "string")
    )
    """MFA for the pool's local (non-federated) users: ``OFF``, ``OPTIONAL`` (default, as in
    the guide) or ``ON``; with ``OPTIONAL``/``ON`` authenticator apps (TOTP) are enabled.
    Federated Beyond Identity sign-ins are never asked for it."""

    protect_user_pool: bool = field(
        default=True, metadata=setting("protectUserPool", "boolean", plain=True)
    )
    """Set Pulumi's ``protect`` option on the created user pool, so no ``pulumi destroy``
    or replacement can delete it (and its users) by accident. Default: ``True``."""

    region: pulumi.Input[str] | None = field(default=None, metadata=setting("region", "string"))
    """AWS region for every Cognito resource (e.g. ``eu-west-1``). Default: the region of
    the AWS provider (``aws:region``)."""

    # --- Beyond Identity realm ---
    realm_id: pulumi.Input[str] | None = field(default=None, metadata=setting("realmId", "string"))
    """An existing Beyond Identity realm (16 lower-case hex characters) to create the
    objects in. Default: create a realm."""

    realm_display_name: pulumi.Input[str] | None = field(
        default=None, metadata=setting("realmName", "string")
    )
    """Name of the created realm (1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``;
    unique in the tenant). Only when ``realm_id`` is not set. Default:
    ``<project>-<stack>-<component name>``, unique per project and stack."""

    realm_classification: pulumi.Input[RealmClassification] | None = None
    """``SECURE_CUSTOMER`` or ``SECURE_WORKFORCE`` for the created realm. Default: Beyond
    Identity's (``SECURE_CUSTOMER``)."""

    realm_force_destroy: pulumi.Input[bool] = field(
        default=False, metadata=setting("realmForceDestroy", "boolean")
    )
    """Let ``pulumi destroy`` delete the created realm even when it holds applications,
    resource servers or authenticator configs this stack does not manage (Beyond Identity
    deletes them with the realm). Default: such a destroy stops and names them. Like an S3
    bucket's ``force_destroy``, it takes effect once a ``pulumi up`` has recorded it."""

    # --- Beyond Identity resource server ---
    resource_server_display_name: pulumi.Input[str] = DEFAULT_RESOURCE_SERVER_DISPLAY_NAME
    """Name of the Beyond Identity resource server. Default: ``AWS Cognito resource server``."""

    resource_server_identifier: pulumi.Input[str] = field(
        default=DEFAULT_RESOURCE_SERVER_IDENTIFIER,
        metadata=setting("resourceServerIdentifier", "string"),
    )
    """Identifier of the resource server, the audience of its access tokens; unique in the
    realm, no whitespace, not ``beyondidentity``. Default: ``awsresourceserver``."""

    resource_server_scopes: pulumi.Input[Sequence[pulumi.Input[str]]] = field(
        default=DEFAULT_RESOURCE_SERVER_SCOPES, metadata=setting("resourceServerScopes", "array")
    )
    """Scopes the resource server offers (RFC 6749 scope names: no whitespace, quotes or
    backslashes; not ``openid``; may be empty, as the contract allows). Default:
    ``["aws:customclaim"]``."""

    allowed_scopes: pulumi.Input[Sequence[pulumi.Input[str]]] | None = field(
        default=None, metadata=setting("allowedScopes", "array")
    )
    """The scopes the Beyond Identity application may request, a subset of
    ``resource_server_scopes``; Cognito asks for ``openid`` plus these (empty: ``openid``
    alone). Default: all of ``resource_server_scopes``."""

    # --- Beyond Identity application ---
    application_display_name: pulumi.Input[str] = field(
        default=DEFAULT_APPLICATION_DISPLAY_NAME, metadata=setting("applicationName", "string")
    )
    """Name of the Beyond Identity application. Default: ``AWS Cognito``."""

    pkce: pulumi.Input[Pkce] = field(default=DEFAULT_PKCE, metadata=setting("pkce", "string"))
    """PKCE required by Beyond Identity from Cognito: ``disabled`` (default, as in the
    guide: Cognito is a confidential client and authenticates with the client secret) or
    ``s256``."""

    token_expires_after: pulumi.Input[int] = field(
        default=DEFAULT_TOKEN_EXPIRES_AFTER, metadata=setting("tokenExpiresAfter", "integer")
    )
    """Lifetime of Beyond Identity's tokens in seconds (1 to 4294967295). Default: ``86400``."""

    subject_field: pulumi.Input[SubjectField] = field(
        default=DEFAULT_SUBJECT_FIELD, metadata=setting("subjectField", "string")
    )
    """What Beyond Identity puts in the ``sub`` claim: ``email`` (default, as in the guide;
    the default ``attribute_mapping`` relies on it), ``id``, ``username`` or
    ``external_id``."""

    # --- Beyond Identity hosted-web authenticator ---
    authenticator_display_name: pulumi.Input[str] = DEFAULT_AUTHENTICATOR_DISPLAY_NAME
    """Name of the hosted-web authenticator config. Default: ``Hosted Web``."""

    authenticator_trusted_origins: pulumi.Input[Sequence[pulumi.Input[str]]] | None = field(
        default=None, metadata=setting("trustedOrigins", "array")
    )
    """Origins allowed to invoke the hosted-web authenticator. Default:
    ``["<auth base>/authenticator/"]``, the auth base being the stack setting
    ``beyondidentity:authUrl`` if set, else the host of ``beyondidentity:region``
    (``us`` -> ``https://auth-us.beyondidentity.com``, ``eu``, ``us-gov``), each falling back
    to ``BEYOND_IDENTITY_AUTH_URL`` / ``BEYOND_IDENTITY_REGION`` and finally ``us``
    (``pulumi_beyondidentity.resolve_hosts``). An empty list is allowed, as the contract
    allows it."""

    authentication_methods: pulumi.Input[Sequence[pulumi.Input[AuthenticationMethod]]] | None = (
        field(default=None, metadata=setting("authenticationMethods", "array"))
    )
    """Sign-in methods of the hosted-web authenticator: ``webauthn_passkey``,
    ``software_passkey``, ``email_one_time_password``. Default: all three."""

    # --- Cognito identity provider: attributes and routing ---
    attribute_mapping: Mapping[str, str] | None = field(
        default=None, metadata=setting("attributeMapping", "object", plain=True)
    )
    """User-pool attribute to Beyond Identity claim. Default: ``{"email": "sub", "username":
    "sub"}``, which fits ``subject_field="email"`` (the token's ``sub`` is the email)."""

    idp_identifiers: pulumi.Input[Sequence[pulumi.Input[str]]] = field(
        default=(), metadata=setting("idpIdentifiers", "array")
    )
    """Identifiers of the Beyond Identity provider for routing, such as email domains
    (``example.com``): an authorize request with ``idp_identifier=<identifier>`` goes to
    Beyond Identity, and managed login sends users whose email domain is listed there. At
    most 50, each 1-40 letters, digits, spaces and ``_+=.@-``, unique in the pool.
    Default: none."""

    # --- App client token policy (Cognito's defaults unless set) ---
    access_token_validity: pulumi.Input[int] = field(
        default=DEFAULT_ACCESS_TOKEN_VALIDITY, metadata=setting("accessTokenValidity", "integer")
    )
    """Lifetime of Cognito access tokens, in ``access_token_validity_unit``; 5 minutes to 1 day.
    Default: ``1`` (hour), Cognito's default."""

    access_token_validity_unit: pulumi.Input[TimeUnit] = field(
        default=DEFAULT_ACCESS_TOKEN_VALIDITY_UNIT,
        metadata=setting("accessTokenValidityUnit", "string"),
    )
    """``seconds``, ``minutes``, ``hours`` (default) or ``days``."""

    id_token_validity: pulumi.Input[int] = field(
        default=DEFAULT_ID_TOKEN_VALIDITY, metadata=setting("idTokenValidity", "integer")
    )
    """Lifetime of Cognito ID tokens, in ``id_token_validity_unit``; 5 minutes to 1 day.
    Default: ``1`` (hour)."""

    id_token_validity_unit: pulumi.Input[TimeUnit] = field(
        default=DEFAULT_ID_TOKEN_VALIDITY_UNIT, metadata=setting("idTokenValidityUnit", "string")
    )
    """``seconds``, ``minutes``, ``hours`` (default) or ``days``."""

    refresh_token_validity: pulumi.Input[int] = field(
        default=DEFAULT_REFRESH_TOKEN_VALIDITY, metadata=setting("refreshTokenValidity", "integer")
    )
    """Lifetime of Cognito refresh tokens, in ``refresh_token_validity_unit``; 60 minutes to
    10 years. Default: ``30`` (days)."""

    refresh_token_validity_unit: pulumi.Input[TimeUnit] = field(
        default=DEFAULT_REFRESH_TOKEN_VALIDITY_UNIT,
        metadata=setting("refreshTokenValidityUnit", "string"),
    )
    """``seconds``, ``minutes``, ``hours`` or ``days`` (default)."""

    auth_session_validity: pulumi.Input[int] = field(
        default=DEFAULT_AUTH_SESSION_VALIDITY, metadata=setting("authSessionValidity", "integer")
    )
    """Minutes a sign-in session token (between the steps of a Cognito sign-in) stays valid:
    3 to 15. Default: ``3``."""

    enable_token_revocation: pulumi.Input[bool] = field(
        default=True, metadata=setting("enableTokenRevocation", "boolean")
    )
    """Let the app revoke refresh tokens (``/oauth2/revoke``); revoked sessions lose their
    access and ID tokens too. Default: ``True``, Cognito's default for new clients."""

    refresh_token_rotation: pulumi.Input[bool] = field(
        default=False, metadata=setting("refreshTokenRotation", "boolean")
    )
    """Issue a new refresh token on every refresh (the app must refresh with
    ``GetTokensFromRefreshToken``). Default: ``False``."""

    refresh_token_rotation_grace_period: pulumi.Input[int] = field(
        default=0, metadata=setting("refreshTokenRotationGracePeriod", "integer")
    )
    """With ``refresh_token_rotation``: seconds the replaced refresh token stays valid for
    client retries, 0 to 60. Default: ``0``."""

    prevent_user_existence_errors: pulumi.Input[PreventUserExistenceErrors] = field(
        default=DEFAULT_PREVENT_USER_EXISTENCE_ERRORS,
        metadata=setting("preventUserExistenceErrors", "string"),
    )
    """``ENABLED`` (default: sign-in errors do not reveal whether a user exists) or
    ``LEGACY``."""

    # --- Login pages ---
    managed_login_version: ManagedLoginVersion = field(
        default=DEFAULT_MANAGED_LOGIN_VERSION,
        metadata=setting("managedLoginVersion", "integer", plain=True),
    )
    """The domain's login pages: ``1``, the classic hosted UI (default: what Cognito's
    CreateUserPoolDomain does when not told), or ``2``, managed login with the branding
    designer. With ``2`` the component also creates a ``ManagedLoginBranding`` style for the
    app client (without one Cognito serves no login page for it); the pool must not be on the
    ``LITE`` feature plan. Switching updates the domain in place."""

    managed_login_branding_settings: Mapping[str, object] | None = field(
        default=None, metadata=setting("managedLoginBrandingSettings", "string", plain=True)
    )
    """The branding style's settings document (as exported by the Cognito branding
    designer) for managed login. Default: none, i.e. Cognito's default style
    (``use_cognito_provided_values``). Only with ``managed_login_version=2``."""

    managed_login_branding_assets: Sequence[ManagedLoginAsset] = field(
        default=(), metadata=setting("managedLoginBrandingAssets", "array", plain=True)
    )
    """Images of the branding style (at most 40). Only with ``managed_login_branding_settings``
    (Cognito's default style takes none). Changing them replaces the style: the old one is
    deleted first (Cognito allows one style per app client)."""

    user_pool_tier: pulumi.Input[UserPoolTier] | None = field(
        default=None, metadata=setting("userPoolTier", "string")
    )
    """Feature plan of the created pool: ``LITE``, ``ESSENTIALS`` or ``PLUS``. Default:
    ``ESSENTIALS``, AWS's for new pools, sent explicitly (so removing the setting moves the
    pool back to it). Managed login needs ``ESSENTIALS`` or ``PLUS``."""

    # --- Custom domain DNS ---
    hosted_zone_id: pulumi.Input[str] | None = field(
        default=None, metadata=setting("hostedZoneId", "string")
    )
    """A Route 53 hosted zone (e.g. ``Z0123456789ABCDEFGHIJ``) in which to create the alias
    ``A`` record pointing ``custom_domain`` at Cognito's CloudFront distribution. Only with
    ``custom_domain``. Default: none (create the record yourself from the
    ``custom_domain_target`` output)."""

    # --- Client-secret rotation ---
    client_secret_rotation: str | None = field(
        default=None, metadata=setting("clientSecretRotation", "string", plain=True)
    )
    """A label for the Beyond Identity client credentials, e.g. ``2026-12``. Changing it
    rotates the client id and secret Cognito signs in with, without downtime: a new Beyond
    Identity application is created first, the identity provider is updated in place to the
    new credentials, and only then is the old application deleted. The label is appended to
    the application's display name (``AWS Cognito (2026-12)``), so the two never share a
    name. Default: none."""
