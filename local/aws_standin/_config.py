"""Provider configuration of the stand-in: pulumi-aws's config keys, loopback-only endpoints.

Config arrives in ``ConfigureRequest.args`` keyed by pulumi-aws's wire names (``region``,
``endpoints``, ``accessKey``, ...) and, deprecated, in ``variables`` keyed ``aws:config:<key>``. Values
may be typed or JSON-encoded strings: stack config (``aws:endpoints``) and the ``aws.Provider``
resource (which applies ``to_json`` to non-string inputs) both send strings.

The stand-in refuses to run unless the Cognito endpoint is a loopback URL, and refuses any
configured endpoint that is not: it must never talk to real AWS or anything else.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass

from pulumi.provider.experimental.property_value import PropertyValue

# The project's one loopback rule (localhost, 127.0.0.0/8, [::1]), as the providers apply it.
from pulumi_beyondidentity.rules import is_loopback_url

from ._values import Plain, contains_unknown, to_plain

# Endpoint keys (pulumi-aws / Terraform names) the stand-in uses.
COGNITO_ENDPOINT_KEYS = ("cognitoidp", "cognitoidentityprovider")
STS_ENDPOINT_KEYS = ("sts",)
ROUTE53_ENDPOINT_KEYS = ("route53",)

# Environment fallbacks honoured by the AWS SDKs (and so by pulumi-aws).
COGNITO_ENDPOINT_ENV = ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL")
STS_ENDPOINT_ENV = ("AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL")
REGION_ENV = ("AWS_REGION", "AWS_DEFAULT_REGION")

# Fake credentials used when none are configured: never read real ones from the environment.
DEFAULT_ACCESS_KEY = "standin"
DEFAULT_SECRET_KEY = "standin"


class ConfigError(Exception):
    """Invalid or unsafe provider configuration; ``key`` names the offending config key."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"aws:{key}: {reason}")
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class ProviderConfig:
    region: str
    cognito_endpoint: str
    sts_endpoint: str
    access_key: str
    secret_key: str
    session_token: str | None = None
    route53_endpoint: str = ""
    """Route 53 (the alias record of a custom domain); defaults to the Cognito endpoint."""

    @property
    def state_endpoint(self) -> str:
        """Where the stand-in keeps what moto lacks (S3 on the Cognito endpoint's moto server),
        so that state lives and dies with moto's Cognito state."""
        return self.cognito_endpoint


def _decode(value: Plain) -> Plain:
    """Decode JSON-encoded config strings (lists, maps, booleans); leave other strings alone."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            decoded: Plain = json.loads(value)
        except json.JSONDecodeError:
            return value
        return decoded
    return value


def _raw(args: Mapping[str, PropertyValue], variables: Mapping[str, str], key: str) -> Plain:
    if key in args:
        return _decode(to_plain(args[key]))
    for name in (f"aws:config:{key}", f"aws:{key}"):
        if name in variables:
            return _decode(variables[name])
    return None


def _string(value: Plain, key: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(key, f"expected a string, got {value!r}")
    return value


def _endpoints(value: Plain) -> dict[str, str]:
    """``endpoints`` is a list of maps (``[{"cognitoidp": url, "sts": url}]``); a map is accepted too."""
    if value is None or value == "":
        return {}
    blocks = [value] if isinstance(value, dict) else value
    if not isinstance(blocks, list):
        raise ConfigError("endpoints", f"expected a list of maps, got {value!r}")
    result: dict[str, str] = {}
    for block in blocks:
        if not isinstance(block, dict):
            raise ConfigError("endpoints", f"expected a list of maps, got an item {block!r}")
        for service, url in block.items():
            if url is None or url == "":
                continue
            if not isinstance(url, str):
                raise ConfigError("endpoints", f"{service}: expected a URL string, got {url!r}")
            if not is_loopback_url(url):
                raise ConfigError(
                    "endpoints",
                    f"{service} = {url!r} is not a loopback URL; this stand-in for the AWS plugin "
                    "only talks to a local moto server (http://127.0.0.1:<port>)",
                )
            result[service] = url.rstrip("/")
    return result


def _first_env(env: Mapping[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        if env.get(name):
            return env[name]
    return None


def parse_config(
    args: Mapping[str, PropertyValue],
    variables: Mapping[str, str] | None = None,
    env: Mapping[str, str] | None = None,
) -> ProviderConfig:
    """Build the configuration or raise ``ConfigError`` (missing region, non-loopback endpoint)."""
    variables = variables or {}
    env = os.environ if env is None else env

    endpoints = _endpoints(_raw(args, variables, "endpoints"))
    cognito = next((endpoints[k] for k in COGNITO_ENDPOINT_KEYS if k in endpoints), None)
    if cognito is None:
        from_env = _first_env(env, COGNITO_ENDPOINT_ENV)
        if from_env is None:
            raise ConfigError(
                "endpoints",
                "no cognitoidp endpoint configured; this stand-in for the AWS plugin needs "
                'aws:endpoints = [{"cognitoidp": "http://127.0.0.1:<moto port>"}] '
                "(or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER) pointing at a local moto server",
            )
        if not is_loopback_url(from_env):
            raise ConfigError(
                "endpoints", f"cognitoidp endpoint {from_env!r} is not a loopback URL"
            )
        cognito = from_env.rstrip("/")

    sts = next((endpoints[k] for k in STS_ENDPOINT_KEYS if k in endpoints), None)
    if sts is None:
        from_env = _first_env(env, STS_ENDPOINT_ENV)
        sts = from_env.rstrip("/") if from_env and is_loopback_url(from_env) else cognito

    route53 = next((endpoints[k] for k in ROUTE53_ENDPOINT_KEYS if k in endpoints), cognito)

    region = _string(_raw(args, variables, "region"), "region") or _first_env(env, REGION_ENV)
    if not region:
        raise ConfigError("region", "missing: set aws:region (or AWS_REGION)")

    access_key = _string(_raw(args, variables, "accessKey"), "accessKey") or DEFAULT_ACCESS_KEY
    secret_key = _string(_raw(args, variables, "secretKey"), "secretKey") or DEFAULT_SECRET_KEY
    token = _string(_raw(args, variables, "token"), "token")
    return ProviderConfig(
        region=region,
        cognito_endpoint=cognito,
        sts_endpoint=sts,
        access_key=access_key,
        secret_key=secret_key,
        session_token=token,
        route53_endpoint=route53,
    )


def config_failures(args: Mapping[str, PropertyValue]) -> list[tuple[str, str]]:
    """Validation for ``check_config``: ``(key, reason)`` pairs; unknown values are skipped."""
    known = {k: v for k, v in args.items() if not contains_unknown(to_plain(v))}
    if len(known) != len(args):
        # Some config is not known yet (preview): check only what is known.
        try:
            _endpoints(_raw(known, {}, "endpoints"))
        except ConfigError as err:
            return [(err.key, err.reason)]
        return []
    try:
        parse_config(known)
    except ConfigError as err:
        return [(err.key, err.reason)]
    return []


__all__ = [
    "ConfigError",
    "ProviderConfig",
    "config_failures",
    "is_loopback_url",
    "parse_config",
]
