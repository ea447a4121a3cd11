"""The deployed configuration, read from moto with boto3 on every request.

Nothing is cached: a change made after deploy (``update_user_pool_client``,
``update_identity_provider``) is seen by the next sign-in, as on AWS.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from ._errors import ConfigurationError


@dataclass(frozen=True)
class AppClient:
    """The parts of ``DescribeUserPoolClient`` the OAuth endpoints use."""

    pool_id: str
    client_id: str
    client_secret: str | None
    callback_urls: tuple[str, ...]
    logout_urls: tuple[str, ...]
    oauth_enabled: bool
    flows: tuple[str, ...]
    scopes: tuple[str, ...]
    identity_providers: tuple[str, ...]
    explicit_auth_flows: tuple[str, ...]
    id_token_minutes: int = 60
    access_token_minutes: int = 60
    refresh_token_days: int = 30


@dataclass(frozen=True)
class IdentityProvider:
    """An identity provider of the pool (``DescribeIdentityProvider``)."""

    name: str
    type: str
    details: dict[str, str]
    attribute_mapping: dict[str, str]


@dataclass(frozen=True)
class PoolUser:
    """A user as moto reports it."""

    username: str
    sub: str
    attributes: dict[str, str] = field(default_factory=dict)


def _validity_minutes(
    description: dict[str, Any], key: str, unit_key: str, default: int, default_unit: str
) -> int:
    value = description.get(key)
    if not value:
        return default
    unit = (description.get("TokenValidityUnits") or {}).get(unit_key, default_unit)
    factor = {"seconds": 1 / 60, "minutes": 1, "hours": 60, "days": 1440}.get(unit, 60)
    return max(1, int(int(value) * factor))


class PoolDirectory:
    """boto3 clients on the moto endpoint, one per region."""

    def __init__(self, moto_url: str) -> None:
        self.moto_url = moto_url.rstrip("/")
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()

    def _idp(self, region: str) -> Any:
        with self._lock:
            client = self._clients.get(region)
            if client is None:
                client = boto3.client(
                    "cognito-idp",
                    endpoint_url=self.moto_url,
                    region_name=region,
                    aws_access_key_id="cognito-hosted-ui",
                    aws_secret_access_key="cognito-hosted-ui-local",
                    config=Config(retries={"max_attempts": 2}, connect_timeout=5, read_timeout=10),
                )
                self._clients[region] = client
            return client

    def pool_of_domain(self, region: str, domain: str) -> str | None:
        """The pool that owns a prefix (or custom) domain, or ``None``."""
        answer = self._idp(region).describe_user_pool_domain(Domain=domain)
        pool_id = (answer.get("DomainDescription") or {}).get("UserPoolId")
        return str(pool_id) if pool_id else None

    def pool_exists(self, region: str, pool_id: str) -> bool:
        """Whether moto knows the pool."""
        try:
            self._idp(region).describe_user_pool(UserPoolId=pool_id)
        except ClientError:
            return False
        return True

    def pool_domain(self, region: str, pool_id: str) -> str | None:
        """The pool's prefix domain (``None`` without one)."""
        pool = self._idp(region).describe_user_pool(UserPoolId=pool_id)["UserPool"]
        return pool.get("Domain") or None

    def uses_email_as_username(self, region: str, pool_id: str) -> bool:
        """Whether the pool signs local users in by email (``UsernameAttributes``)."""
        pool = self._idp(region).describe_user_pool(UserPoolId=pool_id)["UserPool"]
        return "email" in (pool.get("UsernameAttributes") or [])

    def app_client(self, region: str, pool_id: str, client_id: str) -> AppClient | None:
        """The app client, or ``None`` when the pool has no such client."""
        try:
            d = self._idp(region).describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)[
                "UserPoolClient"
            ]
        except ClientError:
            return None
        return AppClient(
            pool_id=pool_id,
            client_id=d["ClientId"],
            client_secret=d.get("ClientSecret") or None,
            callback_urls=tuple(d.get("CallbackURLs") or ()),
            logout_urls=tuple(d.get("LogoutURLs") or ()),
            oauth_enabled=bool(d.get("AllowedOAuthFlowsUserPoolClient")),
            flows=tuple(d.get("AllowedOAuthFlows") or ()),
            scopes=tuple(d.get("AllowedOAuthScopes") or ()),
            identity_providers=tuple(d.get("SupportedIdentityProviders") or ()),
            explicit_auth_flows=tuple(d.get("ExplicitAuthFlows") or ()),
            # AWS's default units: hours for ID and access tokens, days for refresh tokens.
            id_token_minutes=_validity_minutes(d, "IdTokenValidity", "IdToken", 60, "hours"),
            access_token_minutes=_validity_minutes(
                d, "AccessTokenValidity", "AccessToken", 60, "hours"
            ),
            refresh_token_days=max(
                1,
                _validity_minutes(d, "RefreshTokenValidity", "RefreshToken", 43200, "days") // 1440,
            ),
        )

    def identity_provider(self, region: str, pool_id: str, name: str) -> IdentityProvider | None:
        """The identity provider called ``name``, or ``None``."""
        try:
            d = self._idp(region).describe_identity_provider(UserPoolId=pool_id, ProviderName=name)[
                "IdentityProvider"
            ]
        except ClientError:
            return None
        return IdentityProvider(
            name=d["ProviderName"],
            type=d["ProviderType"],
            details=dict(d.get("ProviderDetails") or {}),
            attribute_mapping=dict(d.get("AttributeMapping") or {}),
        )

    def provider_by_identifier(self, region: str, pool_id: str, identifier: str) -> str | None:
        """The provider whose ``IdpIdentifiers`` include ``identifier`` (case-insensitive)."""
        client = self._idp(region)
        for summary in client.list_identity_providers(UserPoolId=pool_id, MaxResults=60)[
            "Providers"
        ]:
            name = summary["ProviderName"]
            d = client.describe_identity_provider(UserPoolId=pool_id, ProviderName=name)
            ids = d["IdentityProvider"].get("IdpIdentifiers") or []
            if identifier.lower() in (i.lower() for i in ids):
                return str(name)
        return None

    # --- users ---------------------------------------------------------------------------

    def _to_user(self, username: str, attributes: list[dict[str, str]]) -> PoolUser:
        attrs = {a["Name"]: a["Value"] for a in attributes}
        return PoolUser(username=username, sub=attrs.get("sub", username), attributes=attrs)

    def get_user(self, region: str, pool_id: str, key: str) -> PoolUser | None:
        """A user by user name (or, in email-username pools, by email)."""
        try:
            d = self._idp(region).admin_get_user(UserPoolId=pool_id, Username=key)
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "UserNotFoundException":
                return None
            raise
        return self._to_user(d["Username"], d.get("UserAttributes") or [])

    def upsert_federated_user(
        self, region: str, pool_id: str, username: str, attributes: dict[str, str]
    ) -> PoolUser:
        """Create the federated user or update its mapped attributes; return it.

        On AWS the user is called ``username`` (``<ProviderName>_<id>``). moto cannot hold
        that name in a pool whose users sign in by email (it replaces every user name by a
        generated ID there), so such pools key the user by its mapped ``email``; the
        emulator's tokens still carry ``cognito:username = username``. See the README.
        """
        if self.uses_email_as_username(region, pool_id):
            key = attributes.get("email")
            if not key:
                raise ConfigurationError(
                    "the pool signs users in by email, and moto can only store a federated "
                    "user of such a pool under its email: map the email attribute"
                )
        else:
            key = username
        client = self._idp(region)
        pairs = [{"Name": k, "Value": v} for k, v in sorted(attributes.items())]
        existing = self.get_user(region, pool_id, key)
        if existing is None:
            created = client.admin_create_user(
                UserPoolId=pool_id, Username=key, UserAttributes=pairs, MessageAction="SUPPRESS"
            )["User"]
            user = self._to_user(created["Username"], created.get("Attributes") or [])
        else:
            # Cognito refreshes mapped attributes from the provider at every sign-in. Only
            # changed ones are sent: moto refuses to "change" an email to its own value.
            changed = [p for p in pairs if existing.attributes.get(p["Name"]) != p["Value"]]
            if changed:
                client.admin_update_user_attributes(
                    UserPoolId=pool_id, Username=key, UserAttributes=changed
                )
            user = self.get_user(region, pool_id, key) or existing
        return user
