"""Connection settings: where Beyond Identity is and how to authenticate.

Each setting is resolved from, in order: explicit values, the stack
configuration (namespace ``beyondidentity``), the environment. Credentials
are resolved as a unit: the first source that names any credential decides
the mode (API token or client credentials), so a token in the stack config is
never mixed with a client secret left in the shell.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ._errors import ConfigurationError

ConfigGetter = Callable[[str], "str | None"]

REGIONS: dict[str, tuple[str, str]] = {
    "us": ("https://api-us.beyondidentity.com", "https://auth-us.beyondidentity.com"),
    "eu": ("https://api-eu.beyondidentity.com", "https://auth-eu.beyondidentity.com"),
    "us-gov": ("https://api.us1.beyondidentity-gov.com", "https://auth.us1.beyondidentity-gov.com"),
}


@dataclass(frozen=True)
class _Key:
    attr: str
    config: str
    env: str


KEYS: tuple[_Key, ...] = (
    _Key("tenant_id", "beyondidentity:tenantId", "BEYOND_IDENTITY_TENANT_ID"),
    _Key("region", "beyondidentity:region", "BEYOND_IDENTITY_REGION"),
    _Key("api_token", "beyondidentity:apiToken", "BEYOND_IDENTITY_API_TOKEN"),
    _Key("client_id", "beyondidentity:clientId", "BEYOND_IDENTITY_CLIENT_ID"),
    _Key("client_secret", "beyondidentity:clientSecret", "BEYOND_IDENTITY_CLIENT_SECRET"),
    _Key("token_url", "beyondidentity:tokenUrl", "BEYOND_IDENTITY_TOKEN_URL"),
    _Key("api_url", "beyondidentity:apiUrl", "BEYOND_IDENTITY_API_URL"),
    _Key("auth_url", "beyondidentity:authUrl", "BEYOND_IDENTITY_AUTH_URL"),
)
_BY_ATTR = {k.attr: k for k in KEYS}
_CREDENTIAL_ATTRS = ("api_token", "client_id", "client_secret", "token_url")


def describe_key(attr: str) -> str:
    """``beyondidentity:apiToken`` / ``BEYOND_IDENTITY_API_TOKEN`` for a setting name."""
    key = _BY_ATTR[attr]
    return f"{key.config} (or {key.env})"


@dataclass(frozen=True)
class Settings:
    """Resolved, validated settings for one Beyond Identity tenant.

    :param tenant_id: the tenant id (16 hex characters, starting ``0001``).
    :param region: ``us``, ``eu`` or ``us-gov``; picks the default hosts.
    :param api_url: base URL of the management API.
    :param auth_url: base URL of the auth (OAuth/OIDC) host; issuers derive from it.
    :param api_token: a management API bearer token (token mode).
    :param client_id: the management application's client id (client-credentials mode).
    :param client_secret: its client secret (client-credentials mode).
    :param token_url: its token endpoint (client-credentials mode).
    """

    tenant_id: str
    region: str
    api_url: str
    auth_url: str
    api_token: str | None = field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    token_url: str | None = None

    @property
    def auth_mode(self) -> Literal["token", "client_credentials"]:
        """How requests are authenticated."""
        return "token" if self.api_token else "client_credentials"

    def fingerprint(self) -> tuple[str, ...]:
        """A hashable identity for caching clients; holds no secret in clear."""
        secret = (self.api_token or "") + "\0" + (self.client_secret or "")
        digest = hashlib.sha256(secret.encode()).hexdigest()
        return (
            self.tenant_id,
            self.api_url,
            self.auth_url,
            self.client_id or "",
            self.token_url or "",
            digest,
        )

    def issuer(self, realm_id: str, application_id: str) -> str:
        """The OIDC issuer of an application (no trailing slash)."""
        return (
            f"{self.auth_url}/v1/tenants/{self.tenant_id}/realms/{realm_id}"
            f"/applications/{application_id}"
        )

    def __getstate__(self) -> None:
        # Settings hold credentials: refuse to be pickled into Pulumi state.
        raise TypeError("Beyond Identity settings hold credentials and cannot be pickled")

    @classmethod
    def resolve(
        cls,
        explicit: Mapping[str, str | None] | None = None,
        config: ConfigGetter | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> Settings:
        """Resolve settings from explicit values, stack config, then the environment.

        :param explicit: values by attribute name (``tenant_id``, ``api_token``…).
        :param config: a getter for namespaced stack config keys
            (``beyondidentity:tenantId``), e.g. ``ConfigureRequest.config.get``.
        :param environ: the environment; defaults to ``os.environ``.
        :raises ConfigurationError: naming every key to set or fix.
        """
        env = os.environ if environ is None else environ
        layers: list[tuple[str, Callable[[_Key], str | None]]] = []
        if explicit:
            layers.append(("explicit arguments", lambda k: explicit.get(k.attr)))
        if config is not None:
            cfg = config
            layers.append(("stack config", lambda k: cfg(k.config)))
        layers.append(("environment", lambda k: env.get(k.env)))

        def first(key: _Key) -> str | None:
            for _, get in layers:
                value = _clean(get(key))
                if value is not None:
                    return value
            return None

        values: dict[str, str | None] = {
            k.attr: first(k) for k in KEYS if k.attr not in _CREDENTIAL_ATTRS
        }
        values.update(_resolve_credentials(layers))
        return _validate(values)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _resolve_credentials(
    layers: list[tuple[str, Callable[[_Key], str | None]]],
) -> dict[str, str | None]:
    for source, get in layers:
        found = {a: _clean(get(_BY_ATTR[a])) for a in _CREDENTIAL_ATTRS}
        if not any(found.values()):
            continue
        has_token = found["api_token"] is not None
        has_cc = any(found[a] for a in ("client_id", "client_secret"))
        if has_token and has_cc:
            raise ConfigurationError(
                f"Beyond Identity credentials are contradictory in the {source}: set either "
                f"{describe_key('api_token')}, or {describe_key('client_id')} with "
                f"{describe_key('client_secret')} and {describe_key('token_url')}, not both."
            )
        if has_cc or (found["token_url"] and not has_token):
            missing = [a for a in ("client_id", "client_secret", "token_url") if not found[a]]
            if missing:
                raise ConfigurationError(
                    f"Beyond Identity client-credentials settings are incomplete in the {source}: "
                    "also set " + ", ".join(describe_key(a) for a in missing) + "."
                )
        return found
    raise ConfigurationError(
        "No Beyond Identity credentials found: set "
        f"{describe_key('api_token')} (as a secret: `pulumi config set --secret "
        "beyondidentity:apiToken ...`), or the client-credentials trio "
        f"{describe_key('client_id')}, {describe_key('client_secret')}, "
        f"{describe_key('token_url')}."
    )


def _validate(values: dict[str, str | None]) -> Settings:
    problems: list[str] = []
    region = (values.get("region") or "us").lower()
    if region not in REGIONS:
        problems.append(
            f"{describe_key('region')} must be one of {', '.join(REGIONS)}; got {region!r}"
        )
        region = "us"
    default_api, default_auth = REGIONS[region]
    api_url = (values.get("api_url") or default_api).rstrip("/")
    auth_url = (values.get("auth_url") or default_auth).rstrip("/")
    for attr, url in (
        ("api_url", api_url),
        ("auth_url", auth_url),
        ("token_url", values.get("token_url")),
    ):
        if url is not None:
            problem = _url_problem(url)
            if problem:
                problems.append(f"{describe_key(attr)} {problem}")
    tenant_id = values.get("tenant_id") or _tenant_from_jwt(values.get("api_token"))
    if not tenant_id:
        problems.append(
            f"{describe_key('tenant_id')} is required (it is the 16-character id shown in the "
            "Beyond Identity console; it is read from the API token when that is a JWT)"
        )
    elif not all(c in "0123456789abcdef" for c in tenant_id.lower()):
        problems.append(f"{describe_key('tenant_id')} must be hexadecimal; got {tenant_id!r}")
    if problems:
        raise ConfigurationError("Invalid Beyond Identity settings: " + "; ".join(problems) + ".")
    assert tenant_id is not None
    return Settings(
        tenant_id=tenant_id,
        region=region,
        api_url=api_url,
        auth_url=auth_url,
        api_token=values.get("api_token"),
        client_id=values.get("client_id"),
        client_secret=values.get("client_secret"),
        token_url=values.get("token_url"),
    )


def _url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return f"must be an absolute http(s) URL; got {url!r}"
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        # Bearer tokens and client secrets must not cross a network in clear.
        return f"must use https unless it points at a loopback address; got {url!r}"
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _tenant_from_jwt(token: str | None) -> str | None:
    """The ``bi_t`` claim of a JWT, read without verification (only to locate the tenant)."""
    if not token or token.count(".") != 2:
        return None
    payload = token.split(".")[1]
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        return None
    tenant = claims.get("bi_t") if isinstance(claims, dict) else None
    return str(tenant) if tenant else None
