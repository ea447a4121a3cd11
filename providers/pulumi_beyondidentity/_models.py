"""Typed shapes of the Beyond Identity objects this package manages.

These are the JSON objects as the API returns them; every key is optional
because responses may omit fields and may carry undocumented ones.
"""

from __future__ import annotations

from typing import Any, TypedDict


class TenantData(TypedDict, total=False):
    """A Beyond Identity tenant."""

    id: str
    display_name: str
    create_time: str
    update_time: str


class RealmData(TypedDict, total=False):
    """A realm: an administrative domain inside a tenant."""

    id: str
    tenant_id: str
    display_name: str
    classification: str
    create_time: str
    update_time: str


class ResourceServerData(TypedDict, total=False):
    """An API protected by Beyond Identity access tokens."""

    id: str
    realm_id: str
    tenant_id: str
    display_name: str
    identifier: str
    scopes: list[str]
    is_managed: bool


class TokenConfigurationData(TypedDict, total=False):
    """Lifetime, subject and signing algorithm of an application's tokens."""

    expires_after: int
    subject_field: str
    token_signing_algorithm: str


class ProtocolConfigData(TypedDict, total=False):
    """OAuth2/OIDC settings of an application."""

    type: str
    confidentiality: str
    grant_type: list[str]
    redirect_uris: list[str]
    allowed_scopes: list[str]
    pkce: str
    token_format: str
    token_endpoint_auth_method: str
    token_configuration: TokenConfigurationData
    client_id: str
    client_secret: str


class ApplicationData(TypedDict, total=False):
    """A client application that signs users in through Beyond Identity."""

    id: str
    realm_id: str
    tenant_id: str
    display_name: str
    resource_server_id: str
    authenticator_config_id: str
    is_managed: bool
    classification: str
    protocol_config: ProtocolConfigData


class AuthenticatorConfigData(TypedDict, total=False):
    """How identities authenticate: hosted web, embedded SDK or platform."""

    id: str
    realm_id: str
    tenant_id: str
    display_name: str
    config: dict[str, Any]
