"""``CognitoFederationArgs``: everything a :class:`CognitoFederation` can be told."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi

DEFAULT_RESOURCE_SERVER_IDENTIFIER = "awsresourceserver"
DEFAULT_RESOURCE_SERVER_SCOPES: tuple[str, ...] = ("aws:customclaim",)
DEFAULT_RESOURCE_SERVER_DISPLAY_NAME = "AWS Cognito resource server"
DEFAULT_AUTHENTICATOR_DISPLAY_NAME = "Hosted Web"
DEFAULT_APPLICATION_DISPLAY_NAME = "AWS Cognito"
DEFAULT_PKCE = "disabled"
DEFAULT_TOKEN_EXPIRES_AFTER = 86400
DEFAULT_SUBJECT_FIELD = "email"
DEFAULT_DELETION_PROTECTION = "ACTIVE"
DEFAULT_MFA_CONFIGURATION = "OPTIONAL"
DEFAULT_IDENTITY_PROVIDER_NAME = "BeyondIdentity"
DEFAULT_ATTRIBUTE_MAPPING: Mapping[str, str] = {"email": "sub", "username": "sub"}
DEFAULT_OAUTH_SCOPES: tuple[str, ...] = ("openid", "email", "profile")


@dataclass(frozen=True)
class CognitoFederationArgs:
    """The arguments for constructing a :class:`CognitoFederation`.

    Only ``callback_urls`` and one of ``domain_prefix`` / ``custom_domain`` are
    required; every other field has the default of the Beyond Identity console
    guide. Plain values are validated when the program runs (so ``pulumi
    preview`` fails before anything is created); values given as ``Output`` are
    not known then and are passed through unchecked.
    """

    callback_urls: Sequence[pulumi.Input[str]]
    """Where Cognito may send users back with an authorization code (at least one, at most
    100; https, or http only for ``localhost``, ``127.0.0.1`` and ``[::1]``; custom app schemes
    such as ``myapp://cb`` are allowed; no ``#fragment``). The first one is used as the
    ``redirect_uri`` of the ``authorize_url`` and ``hosted_ui_url`` outputs."""

    domain_prefix: str | None = None
    """The Cognito domain prefix: the ``<prefix>`` of ``https://<prefix>.auth.<region>.
    amazoncognito.com``. 1-63 lower-case letters, digits and inner hyphens, without the
    reserved words ``aws``, ``amazon`` and ``cognito``; unique per region across all AWS
    accounts. Required unless ``custom_domain`` is set. Changing it replaces the domain (the
    old one is deleted first: a pool holds one prefix domain) and updates the Beyond
    Identity redirect URI."""

    custom_domain: str | None = None
    """A custom domain (a fully qualified host name such as ``auth.example.com``) to use
    instead of ``domain_prefix``. Needs ``certificate_arn``. Default: none."""

    certificate_arn: pulumi.Input[str] | None = None
    """The ACM certificate (in ``us-east-1``) for ``custom_domain``; only with it."""

    logout_urls: Sequence[pulumi.Input[str]] = ()
    """Where Cognito may send users after sign-out (same rules as ``callback_urls``, at most
    100). Default: none."""

    oauth_scopes: Sequence[str] = DEFAULT_OAUTH_SCOPES
    """The OAuth scopes the app client may request from Cognito: ``openid``, ``email``,
    ``profile``, ``phone``, ``aws.cognito.signin.user.admin`` or a Cognito resource-server
    scope ``<identifier>/<scope>``; ``email``, ``profile`` and ``phone`` need ``openid``.
    Default: ``["openid", "email", "profile"]``."""

    allow_cognito_login: bool = False
    """Also offer Cognito's own user/password sign-in (adds ``COGNITO`` to the client's
    identity providers). Default: ``False`` (Beyond Identity only)."""

    app_client_name: str | None = None
    """Name of the Cognito app client (1-128 characters of letters, digits, spaces and
    ``+=,.@-``). Default: ``<project>-<stack>-<component name>``."""

    identity_provider_name: str = DEFAULT_IDENTITY_PROVIDER_NAME
    """Name of the OIDC identity provider in the user pool (3-32 characters, no whitespace,
    no underscore except as the second character; not ``COGNITO`` or a social provider
    name). Federated users are named ``<name>_<sub>``, so keep it stable; changing it replaces
    the identity provider. Default: ``BeyondIdentity``."""

    attribute_mapping: Mapping[str, str] | None = None
    """User-pool attribute to Beyond Identity claim. Default: ``{"email": "sub", "username":
    "sub"}``, which fits ``subject_field="email"`` (the token's ``sub`` is the email)."""

    user_pool_id: pulumi.Input[str] | None = None
    """An existing user pool to federate instead of creating one (e.g. ``us-east-1_AbC123``).
    Then ``user_pool_name``, ``deletion_protection``, ``mfa_configuration`` and
    ``protect_user_pool`` do not apply. Default: create a pool."""

    user_pool_name: str | None = None
    """Name of the created user pool (1-128 characters of letters, digits, spaces and
    ``+=,.@-``). Default: ``<project>-<stack>-<component name>``."""

    deletion_protection: str = DEFAULT_DELETION_PROTECTION
    """``ACTIVE`` (default: AWS refuses to delete the pool) or ``INACTIVE``."""

    mfa_configuration: str = DEFAULT_MFA_CONFIGURATION
    """MFA for the pool's local (non-federated) users: ``OFF``, ``OPTIONAL`` (default, as in
    the guide) or ``ON``; with ``OPTIONAL``/``ON`` authenticator apps (TOTP) are enabled.
    Federated Beyond Identity sign-ins are never asked for it."""

    protect_user_pool: bool = True
    """Set Pulumi's ``protect`` option on the created user pool, so no ``pulumi destroy``
    or replacement can delete it (and its users) by accident. Default: ``True``."""

    region: str | None = None
    """AWS region for every Cognito resource (e.g. ``eu-west-1``). Default: the region of
    the AWS provider (``aws:region``)."""

    realm_id: pulumi.Input[str] | None = None
    """An existing Beyond Identity realm (16 lower-case hex characters) to create the
    objects in. Default: create a realm."""

    realm_display_name: str | None = None
    """Name of the created realm (1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``;
    unique in the tenant). Only when ``realm_id`` is not set. Default:
    ``<project>-<stack>-<component name>``, unique per project and stack."""

    realm_classification: str | None = None
    """``SECURE_CUSTOMER`` or ``SECURE_WORKFORCE`` for the created realm. Default: Beyond
    Identity's (``SECURE_CUSTOMER``)."""

    resource_server_display_name: str = DEFAULT_RESOURCE_SERVER_DISPLAY_NAME
    """Name of the Beyond Identity resource server. Default: ``AWS Cognito resource server``."""

    resource_server_identifier: str = DEFAULT_RESOURCE_SERVER_IDENTIFIER
    """Identifier of the resource server, the audience of its access tokens; unique in the
    realm, no whitespace, not ``beyondidentity``. Default: ``awsresourceserver``."""

    resource_server_scopes: Sequence[str] = DEFAULT_RESOURCE_SERVER_SCOPES
    """Scopes the resource server offers (at least one; no whitespace, quotes or
    backslashes; not ``openid``). Default: ``["aws:customclaim"]``."""

    allowed_scopes: Sequence[str] | None = None
    """The scopes the Beyond Identity application may request, a subset of
    ``resource_server_scopes``; Cognito asks for ``openid`` plus these. Default: all of
    ``resource_server_scopes``."""

    authenticator_display_name: str = DEFAULT_AUTHENTICATOR_DISPLAY_NAME
    """Name of the hosted-web authenticator config. Default: ``Hosted Web``."""

    authenticator_trusted_origins: Sequence[str] | None = None
    """Origins allowed to invoke the hosted-web authenticator. Default:
    ``["<auth base>/authenticator/"]``, the auth base being the stack setting
    ``beyondidentity:authUrl`` if set, else the host of ``beyondidentity:region``
    (``us`` -> ``https://auth-us.beyondidentity.com``, ``eu``, ``us-gov``), each falling back
    to ``BEYOND_IDENTITY_AUTH_URL`` / ``BEYOND_IDENTITY_REGION`` and finally ``us``."""

    authentication_methods: Sequence[str] | None = None
    """Sign-in methods of the hosted-web authenticator: ``webauthn_passkey``,
    ``software_passkey``, ``email_one_time_password``. Default: all three."""

    application_display_name: str = DEFAULT_APPLICATION_DISPLAY_NAME
    """Name of the Beyond Identity application. Default: ``AWS Cognito``."""

    pkce: str = DEFAULT_PKCE
    """PKCE required by Beyond Identity from Cognito: ``disabled`` (default, as in the
    guide: Cognito is a confidential client and authenticates with the client secret) or
    ``s256``."""

    token_expires_after: int = DEFAULT_TOKEN_EXPIRES_AFTER
    """Lifetime of Beyond Identity's tokens in seconds (1 to 4294967295). Default: ``86400``."""

    subject_field: str = DEFAULT_SUBJECT_FIELD
    """What Beyond Identity puts in the ``sub`` claim: ``email`` (default, as in the guide;
    the default ``attribute_mapping`` relies on it), ``id``, ``username`` or
    ``external_id``."""
