"""Connection settings: where Beyond Identity is and how to authenticate.

Each setting is resolved from, in order: explicit values, the stack
configuration (namespace ``beyondidentity``), the environment (by :mod:`._config`, the one
resolver of every ``beyondidentity:*`` key). Credentials
are resolved as a unit: the first source that names any credential decides
the mode (API token or client credentials), so a token in the stack config is
never mixed with a client secret left in the shell.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ._config import KEYS, ConfigGetter, Layer, clean, describe_key, first, layers
from ._errors import ConfigurationError
from .rules import quote, url_problem

__all__ = [
    "REGIONS",
    "ConfigGetter",
    "Hosts",
    "Settings",
    "describe_key",
    "resolve_hosts",
    "resolve_tenant",
]

REGIONS: dict[str, tuple[str, str]] = {
    "us": ("https://api-us.beyondidentity.com", "https://auth-us.beyondidentity.com"),
    "eu": ("https://api-eu.beyondidentity.com", "https://auth-eu.beyondidentity.com"),
    "us-gov": ("https://api.us1.beyondidentity-gov.com", "https://auth.us1.beyondidentity-gov.com"),
}


_BY_ATTR = {k.attr: k for k in KEYS}
_ATTR_BY_NAME = {name: k.attr for k in KEYS for name in (k.attr, k.config, k.env)}
_CREDENTIAL_ATTRS = ("api_token", "client_id", "client_secret", "token_url")


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
        sources = layers(explicit, config, environ)
        hosts = _resolve_hosts(sources)
        values: dict[str, str | None] = {"tenant_id": first(sources, _BY_ATTR["tenant_id"])[0]}
        values.update(_resolve_credentials(sources))
        return _validate(values, hosts)


@dataclass(frozen=True)
class Hosts:
    """Where a tenant's APIs are: the region's hosts unless ``apiUrl``/``authUrl`` override them.

    Resolved with the same precedence as :class:`Settings` (explicit, stack config, environment)
    but without credentials, so programs can use it too (e.g. for the hosted-web origin).
    """

    region: str
    """``us``, ``eu`` or ``us-gov`` (``us`` when not set, or when the setting is invalid)."""
    api_url: str
    """Base URL of the management API, without a trailing slash."""
    auth_url: str
    """Base URL of the auth (OAuth/OIDC) host, without a trailing slash."""
    problems: tuple[tuple[str, str], ...] = ()
    """Invalid settings as (setting, rule) pairs; the setting is the stack config key or the
    environment variable that set it. Empty when every setting is valid."""

    @property
    def hosted_web_origin(self) -> str:
        """The trusted origin of Beyond Identity's hosted-web authenticator on the auth host."""
        return f"{self.auth_url}/authenticator/"


def resolve_hosts(
    config: ConfigGetter | None = None,
    environ: Mapping[str, str] | None = None,
    explicit: Mapping[str, str | None] | None = None,
) -> Hosts:
    """The Beyond Identity hosts from ``region``, ``apiUrl`` and ``authUrl``; never raises.

    :param config: a getter for namespaced stack config keys (``beyondidentity:region``).
    :param environ: the environment; defaults to ``os.environ``.
    :param explicit: values by attribute name (``region``, ``api_url``, ``auth_url``).
    """
    return _resolve_hosts(layers(explicit, config, environ))


def resolve_tenant(
    config: ConfigGetter | None = None,
    environ: Mapping[str, str] | None = None,
    explicit: Mapping[str, str | None] | None = None,
) -> str | None:
    """The tenant id as the providers resolve it (``tenantId``, else the ``bi_t`` claim of a
    JWT API token), with the same precedence; no request, nothing validated. None if unset."""
    sources = layers(explicit, config, environ)
    tenant = first(sources, _BY_ATTR["tenant_id"])[0]
    return tenant or _tenant_from_jwt(first(sources, _BY_ATTR["api_token"])[0])


def _resolve_hosts(sources: list[Layer]) -> Hosts:
    problems: list[tuple[str, str]] = []
    region, region_key = first(sources, _BY_ATTR["region"])
    region = (region or "us").lower()
    if region not in REGIONS:
        problems.append((region_key, f"must be one of {', '.join(REGIONS)}; got {quote(region)}"))
        region = "us"
    urls = dict(zip(("api_url", "auth_url"), REGIONS[region], strict=True))
    for attr in ("api_url", "auth_url"):
        value, key = first(sources, _BY_ATTR[attr])
        if value is None:
            continue
        problem = url_problem(value, query=False)
        if problem is None:
            urls[attr] = value.rstrip("/")
        else:
            problems.append((key, problem))
    return Hosts(region, urls["api_url"], urls["auth_url"], tuple(problems))


def _resolve_credentials(sources: list[Layer]) -> dict[str, str | None]:
    for source, get, _ in sources:
        found = {a: clean(get(_BY_ATTR[a])) for a in _CREDENTIAL_ATTRS}
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


def _validate(values: dict[str, str | None], hosts: Hosts) -> Settings:
    problems = [f"{describe_key(_ATTR_BY_NAME[key])} {rule}" for key, rule in hosts.problems]
    token_url = values.get("token_url")
    if token_url is not None:
        problem = url_problem(token_url)
        if problem:
            problems.append(f"{describe_key('token_url')} {problem}")
    tenant_id = values.get("tenant_id") or _tenant_from_jwt(values.get("api_token"))
    if not tenant_id:
        problems.append(
            f"{describe_key('tenant_id')} is required (it is the 16-character id shown in the "
            "Beyond Identity console; it is read from the API token when that is a JWT)"
        )
    elif not all(c in "0123456789abcdef" for c in tenant_id.lower()):
        problems.append(f"{describe_key('tenant_id')} must be hexadecimal; got {quote(tenant_id)}")
    if problems:
        raise ConfigurationError("Invalid Beyond Identity settings: " + "; ".join(problems) + ".")
    assert tenant_id is not None
    return Settings(
        tenant_id=tenant_id,
        region=hosts.region,
        api_url=hosts.api_url,
        auth_url=hosts.auth_url,
        api_token=values.get("api_token"),
        client_id=values.get("client_id"),
        client_secret=values.get("client_secret"),
        token_url=token_url,
    )


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
