"""The rules of the pack: one ``ResourceValidationPolicy`` per security property of a federation.

Rules match resource types, not the component, so they hold for any stack that declares the
resources (through ``CognitoFederation`` or by hand). Property names are those the engine sends:
pulumi-aws inputs in camelCase (``callbackUrls``), our dynamic Beyond Identity resources' inputs as
declared (``protocol_config``). Each violation message names the resource, the setting and the fix,
with the ``beyondidentity-cognito`` stack setting to change where the component sets it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import SplitResult, urlsplit

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from pulumi_beyondidentity import REGIONS
from pulumi_beyondidentity.rules import LOOPBACK_RULE, is_loopback_host

from . import _secrets
from ._types import (
    BI_APPLICATION,
    BI_CREDENTIALS,
    IDENTITY_PROVIDER,
    SHORT_TYPES,
    USER_POOL,
    USER_POOL_CLIENT,
)
from ._values import UNKNOWN, lookup, strings, url_problem

SETTING_PREFIX: Final = "beyondidentity-cognito:"

# Defaults of the configurable knobs (also published as the config schemas' defaults).
PRODUCTION_TAG: Final = "environment"
PRODUCTION_TAG_VALUES: Final = ("production", "prod")
FORBIDDEN_AUTH_FLOWS: Final = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH")
MAX_BI_TOKEN_SECONDS: Final = 86400
MAX_ACCESS_TOKEN_MINUTES: Final = 60
MAX_ID_TOKEN_MINUTES: Final = 60
MAX_REFRESH_TOKEN_DAYS: Final = 30
BI_PROVIDER_NAMES: Final = ("BeyondIdentity",)
#: The hosts of Beyond Identity's issuers: the auth host of each region the providers know.
BI_ISSUER_HOSTS: Final = tuple(urlsplit(auth).hostname or "" for _api, auth in REGIONS.values())
# Cognito's own defaults when a validity is not set: access/id 60 minutes, refresh 30 days.
COGNITO_DEFAULT_VALIDITY: Final = {"accessToken": 60.0, "idToken": 60.0, "refreshToken": 43200.0}
COGNITO_DEFAULT_UNITS: Final = {"accessToken": "hours", "idToken": "hours", "refreshToken": "days"}
MINUTES_PER_UNIT: Final = {"seconds": 1 / 60, "minutes": 1.0, "hours": 60.0, "days": 1440.0}

_BI_ISSUER_PATH = re.compile(
    r"^/v1/tenants/(?P<tenant>[0-9A-Za-z]+)/realms/(?P<realm>[0-9A-Za-z]+)"
    r"/applications/(?P<app>[0-9A-Za-z-]+)$"
)


@dataclass(frozen=True)
class Subject:
    """The resource a rule looks at, for messages."""

    args: ResourceValidationArgs

    def __str__(self) -> str:
        kind = SHORT_TYPES.get(self.args.resource_type, self.args.resource_type)
        return f"{kind} '{self.args.name}'"


def _setting(name: str) -> str:
    return f"stack setting {SETTING_PREFIX}{name}"


def _config(args: ResourceValidationArgs) -> Mapping[str, Any]:
    return args.get_config() or {}


def _bool(cfg: Mapping[str, Any], key: str, default: bool) -> bool:
    value = cfg.get(key, default)
    return value if isinstance(value, bool) else default


def _number(cfg: Mapping[str, Any], key: str, default: float) -> float:
    value = cfg.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def _str_list(cfg: Mapping[str, Any], key: str, default: Sequence[str]) -> list[str]:
    value = cfg.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return list(default)
    return list(value)


def is_production(args: ResourceValidationArgs) -> bool:
    """Whether the stack is marked production: its ``productionTag`` stack tag holds one of the
    ``productionTagValues`` (case-insensitive), or the config says ``allStacks``."""
    cfg = _config(args)
    if _bool(cfg, "allStacks", False):
        return True
    tag = cfg.get("productionTag", PRODUCTION_TAG)
    values = {v.lower() for v in _str_list(cfg, "productionTagValues", PRODUCTION_TAG_VALUES)}
    value = args.stack_tags.get(tag) if isinstance(tag, str) else None
    return isinstance(value, str) and value.lower() in values


PRODUCTION_SCHEMA: Final[dict[str, dict[str, Any]]] = {
    "productionTag": {
        "type": "string",
        "default": PRODUCTION_TAG,
        "description": "Stack tag that marks production stacks (pulumi stack tag set ...).",
    },
    "productionTagValues": {
        "type": "array",
        "items": {"type": "string"},
        "default": list(PRODUCTION_TAG_VALUES),
        "description": "Values of the production tag that mean production (case-insensitive).",
    },
    "allStacks": {
        "type": "boolean",
        "default": False,
        "description": "Treat every stack as production (for backends without stack tags).",
    },
}


# --- redirect URLs ---------------------------------------------------------------------------


def _check_urls(
    subject: Subject,
    report: ReportViolation,
    urls: list[Any],
    label: str,
    fix: str,
    *,
    allow_loopback_http: bool,
) -> None:
    for i, url in enumerate(urls):
        if url is UNKNOWN or url is None:
            continue
        if not isinstance(url, str):
            report(f"{subject}: {label}[{i}] is not a string. Fix: {fix}.", subject.args.urn)
            continue
        problem = url_problem(url, allow_loopback_http=allow_loopback_http)
        if problem:
            report(f"{subject}: {label}[{i}] {problem}. Fix: {fix}.", subject.args.urn)


def _validate_redirect_urls(args: ResourceValidationArgs, report: ReportViolation) -> None:
    subject = Subject(args)
    loopback = _bool(_config(args), "allowLoopbackHttp", True)
    https_fix = f"use https URLs ({LOOPBACK_RULE})"
    if args.resource_type == USER_POOL_CLIENT:
        for prop, setting in (("callbackUrls", "callbackUrls"), ("logoutUrls", "logoutUrls")):
            _check_urls(
                subject,
                report,
                strings(args.props, prop),
                prop,
                f"{https_fix}; with the component, the {_setting(setting)}",
                allow_loopback_http=loopback,
            )
        _check_urls(
            subject,
            report,
            strings(args.props, "defaultRedirectUri"),
            "defaultRedirectUri",
            https_fix,
            allow_loopback_http=loopback,
        )
    elif args.resource_type == BI_APPLICATION:
        _check_urls(
            subject,
            report,
            strings(args.props, "protocol_config", "redirect_uris"),
            "protocol_config.redirect_uris",
            f"{https_fix}; the component registers the Cognito domain's https "
            "/oauth2/idpresponse URL",
            allow_loopback_http=loopback,
        )


# --- PKCE ------------------------------------------------------------------------------------


def _validate_pkce(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != BI_APPLICATION:
        return
    pkce = lookup(args.props, "protocol_config", "pkce")
    if pkce is UNKNOWN:
        return
    if (pkce or "disabled") != "s256":
        report(
            f"{Subject(args)}: protocol_config.pkce is '{pkce or 'disabled'}', so Beyond Identity "
            "accepts authorization codes without a PKCE proof. Fix: set pkce to s256 (with the "
            f"component, the {_setting('pkce')} = s256).",
            args.urn,
        )


def _validate_public_client_pkce(args: ResourceValidationArgs, report: ReportViolation) -> None:
    subject = Subject(args)
    if args.resource_type == BI_APPLICATION:
        confidentiality = lookup(args.props, "protocol_config", "confidentiality")
        pkce = lookup(args.props, "protocol_config", "pkce")
        if confidentiality == "public" and pkce is not UNKNOWN and pkce != "s256":
            report(
                f"{subject}: a public application (protocol_config.confidentiality = public) has "
                f"protocol_config.pkce '{pkce or 'disabled'}'; without a client secret only an S256 "
                "PKCE proof binds the code to the client. Fix: set protocol_config.pkce to s256.",
                args.urn,
            )
    elif args.resource_type == USER_POOL_CLIENT:
        generate_secret = lookup(args.props, "generateSecret")
        if generate_secret is True or generate_secret is UNKNOWN:
            return
        flows = lookup(args.props, "allowedOauthFlows")
        if flows is UNKNOWN:
            return
        oauth = lookup(args.props, "allowedOauthFlowsUserPoolClient")
        # Unset flows on an OAuth client mean Cognito's default, code and implicit.
        if flows is None:
            implicit = oauth is True
        else:
            implicit = "implicit" in strings(args.props, "allowedOauthFlows")
        if implicit:
            report(
                f"{subject}: a public client (no generateSecret) allows the implicit OAuth flow "
                "(allowedOauthFlows), which returns tokens without a code exchange, so PKCE cannot "
                'protect it. Fix: set allowedOauthFlows to ["code"] and send an S256 '
                "code_challenge from the app (the component does both).",
                args.urn,
            )


# --- production user pools -------------------------------------------------------------------


def _validate_user_pool_protection(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != USER_POOL or not is_production(args):
        return
    subject = Subject(args)
    protection = lookup(args.props, "deletionProtection")
    if protection is not UNKNOWN and protection != "ACTIVE":
        report(
            f"{subject}: deletionProtection is '{protection or 'INACTIVE'}' in a production stack, "
            "so the pool and its users can be deleted. Fix: set deletionProtection to ACTIVE "
            f"(with the component, the {_setting('deletionProtection')} = ACTIVE).",
            args.urn,
        )
    if not args.opts.protect:
        report(
            f"{subject}: the Pulumi 'protect' option is off in a production stack, so "
            "`pulumi destroy` or a replacement may delete the pool. Fix: set protect=True on the "
            f"resource (with the component, the {_setting('protectUserPool')} = true).",
            args.urn,
        )


def _validate_password_sign_in(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != USER_POOL_CLIENT or not is_production(args):
        return
    cfg = _config(args)
    if _bool(cfg, "allowPasswordSignIn", False):
        return
    subject = Subject(args)
    providers = lookup(args.props, "supportedIdentityProviders")
    if providers is UNKNOWN:
        return
    # Unset means every provider of the pool plus COGNITO; a list of known and unknown names
    # (the federated one is often an output) still shows whether COGNITO is in it.
    names = strings(args.props, "supportedIdentityProviders") if providers is not None else None
    federated = names is None or any(n != "COGNITO" for n in names)
    if not federated:
        return
    if names is None or "COGNITO" in names:
        shown = "unset (all providers plus COGNITO)" if names is None else "includes COGNITO"
        report(
            f"{subject}: supportedIdentityProviders {shown}: Cognito's own username/password "
            "sign-in is offered beside the federation in a production stack. Fix: list only the "
            "federated provider (with the component, the "
            f"{_setting('allowCognitoLogin')} = false), or allow it in the policy config "
            "(allowPasswordSignIn: true).",
            args.urn,
        )
    forbidden = set(_str_list(cfg, "forbiddenAuthFlows", FORBIDDEN_AUTH_FLOWS))
    flows = strings(args.props, "explicitAuthFlows")
    bad = sorted(f for f in flows if isinstance(f, str) and f in forbidden)
    if bad:
        report(
            f"{subject}: explicitAuthFlows include {', '.join(bad)}: password sign-in through the "
            "Cognito API is allowed beside the federation in a production stack. Fix: remove "
            f"{'them' if len(bad) > 1 else 'it'} from explicitAuthFlows, or allow it in the policy "
            "config (allowPasswordSignIn: true).",
            args.urn,
        )


# --- token lifetimes -------------------------------------------------------------------------


def _validate_bi_token_lifetime(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != BI_APPLICATION:
        return
    cap = _number(_config(args), "maxSeconds", MAX_BI_TOKEN_SECONDS)
    expires = lookup(args.props, "protocol_config", "token_configuration", "expires_after")
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        return
    if expires > cap:
        report(
            f"{Subject(args)}: protocol_config.token_configuration.expires_after is "
            f"{int(expires)} seconds, above the cap of {int(cap)}. Fix: lower it to at most "
            f"{int(cap)} (with the component, the {_setting('tokenExpiresAfter')}), or raise "
            "maxSeconds in the policy config.",
            args.urn,
        )


_TOKEN_CAPS: Final = (
    ("accessToken", "accessTokenValidity", "maxAccessTokenMinutes", MAX_ACCESS_TOKEN_MINUTES, 1.0),
    ("idToken", "idTokenValidity", "maxIdTokenMinutes", MAX_ID_TOKEN_MINUTES, 1.0),
    ("refreshToken", "refreshTokenValidity", "maxRefreshTokenDays", MAX_REFRESH_TOKEN_DAYS, 1440.0),
)


def _minutes(value: float) -> str:
    if value >= 1440 and value % 1440 == 0:
        return f"{int(value // 1440)} days"
    if value >= 60 and value % 60 == 0:
        return f"{int(value // 60)} hours"
    return f"{value:g} minutes"


def _validate_cognito_token_validity(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != USER_POOL_CLIENT:
        return
    cfg = _config(args)
    for token, prop, knob, default_cap, knob_minutes in _TOKEN_CAPS:
        validity = lookup(args.props, prop)
        unit = lookup(args.props, "tokenValidityUnits", token)
        if validity is UNKNOWN or unit is UNKNOWN:
            continue
        if validity is None:
            minutes = COGNITO_DEFAULT_VALIDITY[token]
            shown = f"unset (Cognito's default, {_minutes(minutes)})"
        elif isinstance(validity, bool) or not isinstance(validity, int | float):
            continue
        else:
            unit_name = unit if isinstance(unit, str) else COGNITO_DEFAULT_UNITS[token]
            if unit_name not in MINUTES_PER_UNIT:
                continue
            minutes = float(validity) * MINUTES_PER_UNIT[unit_name]
            shown = f"{validity:g} {unit_name}"
        cap_minutes = _number(cfg, knob, default_cap) * knob_minutes
        if minutes > cap_minutes:
            report(
                f"{Subject(args)}: {prop} is {shown}, above the cap of {_minutes(cap_minutes)} "
                f"({knob}). Fix: set {prop} (with tokenValidityUnits.{token}) to at most "
                f"{_minutes(cap_minutes)} (with the component, the {_setting(prop)} and "
                f"{prop}Unit), or raise {knob} in the policy config.",
                args.urn,
            )


# --- MFA ---------------------------------------------------------------------------------------


def _validate_mfa(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != USER_POOL:
        return
    mfa = lookup(args.props, "mfaConfiguration")
    if mfa is UNKNOWN:
        return
    if (mfa or "OFF") == "OFF":
        report(
            f"{Subject(args)}: mfaConfiguration is {'OFF' if mfa else 'unset (OFF)'}, so the pool's "
            "local (non-federated) users sign in with a password alone. Fix: set "
            "mfaConfiguration to OPTIONAL or ON with software_token_mfa_configuration enabled "
            f"(with the component, the {_setting('mfaConfiguration')}).",
            args.urn,
        )


# --- the identity provider's issuer ----------------------------------------------------------


_ISSUER_FIX = (
    "use the issuer of the Beyond Identity application "
    "(https://<auth host>/v1/tenants/<tenant>/realms/<realm>/applications/<app>), e.g. wire "
    "ApplicationCredentials.issuer into it as the component does"
)


def _validate_issuer(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type != IDENTITY_PROVIDER:
        return
    if lookup(args.props, "providerType") != "OIDC":
        return
    cfg = _config(args)
    issuer = lookup(args.props, "providerDetails", "oidc_issuer")
    name = lookup(args.props, "providerName")
    hosts = {h.lower() for h in _str_list(cfg, "issuerHosts", BI_ISSUER_HOSTS)}
    names = set(_str_list(cfg, "providerNames", BI_PROVIDER_NAMES))
    if issuer is UNKNOWN or issuer is None or not isinstance(issuer, str):
        return
    try:
        parts = urlsplit(issuer)
        host = (parts.hostname or "").lower()
    except ValueError:
        parts, host = None, ""
    # Beyond Identity's providers: the configured names, or any pointing at a Beyond Identity host.
    if name not in names and host not in hosts:
        return
    problems = _issuer_problems(parts, host, hosts, _bool(cfg, "allowLoopbackHttp", True))
    if problems:
        report(
            f"{Subject(args)}: providerDetails.oidc_issuer '{issuer}' {' and '.join(problems)}. "
            f"Fix: {_ISSUER_FIX}.",
            args.urn,
        )
        return
    _check_issuer_endpoints(args, issuer, report)


def _issuer_problems(
    parts: SplitResult | None, host: str, hosts: set[str], allow_loopback_http: bool
) -> list[str]:
    """What keeps a Beyond Identity provider's issuer from being an application's issuer."""
    if parts is None or not host:
        return ["is not an absolute URL"]
    problems = []
    loopback = is_loopback_host(host)
    if parts.scheme != "https" and not (
        parts.scheme == "http" and loopback and allow_loopback_http
    ):
        problems.append("is not https")
    if host not in hosts and not loopback:
        problems.append(f"is not on a Beyond Identity host ({', '.join(sorted(hosts))})")
    if not _BI_ISSUER_PATH.match(parts.path.rstrip("/")):
        problems.append("is not an application issuer (/v1/tenants/…/realms/…/applications/…)")
    return problems


def _check_issuer_endpoints(
    args: ResourceValidationArgs, issuer: str, report: ReportViolation
) -> None:
    """The explicit endpoints must belong to the same application."""
    for key in ("authorize_url", "token_url", "attributes_url", "jwks_uri"):
        endpoint = lookup(args.props, "providerDetails", key)
        if isinstance(endpoint, str) and not endpoint.startswith(issuer.rstrip("/") + "/"):
            report(
                f"{Subject(args)}: providerDetails.{key} '{endpoint}' is not an endpoint of the "
                f"issuer '{issuer}'. Fix: use the application's own endpoints "
                f"(ApplicationCredentials {'userinfo_url' if key == 'attributes_url' else key}) "
                "or leave it unset.",
                args.urn,
            )


# --- the client secret -------------------------------------------------------------------------


def _validate_client_secret(args: ResourceValidationArgs, report: ReportViolation) -> None:
    subject = Subject(args)
    if args.resource_type == IDENTITY_PROVIDER:
        if lookup(args.props, "providerDetails", "client_secret") is None:
            return
        wire = _secrets.wire_properties()
        found, value = _secrets.wire_value(wire, "providerDetails", "client_secret")
        if wire is None or not found:
            report(
                f"{subject}: cannot tell whether providerDetails.client_secret is a secret (the "
                "analyzer got no wire form of the inputs). Fix: run the pack with pulumi-policy "
                "1.21.0 (policy/requirements.txt).",
                args.urn,
            )
        elif not _secrets.is_secret(value):
            report(
                f"{subject}: providerDetails.client_secret is a plain value, so the client secret "
                "is stored unencrypted in the state and shown in previews. Fix: pass it as a "
                "secret (pulumi.Output.secret(...), or ApplicationCredentials.client_secret, "
                "which is one).",
                args.urn,
            )
    elif args.resource_type in (BI_APPLICATION, BI_CREDENTIALS) and "client_secret" not in (
        args.opts.additional_secret_outputs or []
    ):
        report(
            f"{subject}: the client_secret output is not in additional_secret_outputs, so it "
            "would be stored unencrypted in the state. Fix: keep "
            "additional_secret_outputs=['client_secret'] in the resource options (the "
            "pulumi_beyondidentity classes set it).",
            args.urn,
        )


# --- the pack ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A rule of the pack and how it is published."""

    name: str
    description: str
    level: EnforcementLevel
    validate: Callable[[ResourceValidationArgs, ReportViolation], None]
    config: Mapping[str, dict[str, Any]] | None = None

    def policy(self) -> ResourceValidationPolicy:
        schema = PolicyConfigSchema(dict(self.config)) if self.config else None
        return ResourceValidationPolicy(
            name=self.name,
            description=self.description,
            enforcement_level=self.level,
            validate=self.validate,
            config_schema=schema,
        )


_LOOPBACK_KNOB: Final[dict[str, dict[str, Any]]] = {
    "allowLoopbackHttp": {
        "type": "boolean",
        "default": True,
        "description": "Accept http:// for localhost, 127.0.0.0/8 and [::1] (local stacks).",
    }
}

MANDATORY = EnforcementLevel.MANDATORY
ADVISORY = EnforcementLevel.ADVISORY

RULES: Final = (
    Rule(
        "redirect-urls-https",
        "Callback, logout and redirect URLs use https (http only on loopback).",
        MANDATORY,
        _validate_redirect_urls,
        _LOOPBACK_KNOB,
    ),
    Rule(
        "beyond-identity-pkce",
        "The Beyond Identity application requires an S256 PKCE proof (pkce = s256).",
        ADVISORY,
        _validate_pkce,
    ),
    Rule(
        "public-client-pkce",
        "Public clients use the code flow with PKCE: Beyond Identity public apps require S256, "
        "Cognito clients without a secret do not allow the implicit flow.",
        MANDATORY,
        _validate_public_client_pkce,
    ),
    Rule(
        "production-user-pool-protection",
        "In production stacks user pools have deletionProtection ACTIVE and Pulumi's protect.",
        MANDATORY,
        _validate_user_pool_protection,
        PRODUCTION_SCHEMA,
    ),
    Rule(
        "production-no-password-sign-in",
        "In production stacks federated app clients do not also offer Cognito password sign-in.",
        MANDATORY,
        _validate_password_sign_in,
        {
            **PRODUCTION_SCHEMA,
            "allowPasswordSignIn": {
                "type": "boolean",
                "default": False,
                "description": "Allow Cognito password sign-in beside the federation.",
            },
            "forbiddenAuthFlows": {
                "type": "array",
                "items": {"type": "string"},
                "default": list(FORBIDDEN_AUTH_FLOWS),
                "description": "explicitAuthFlows that count as password sign-in.",
            },
        },
    ),
    Rule(
        "beyond-identity-token-lifetime",
        "Beyond Identity tokens expire within the configured cap.",
        MANDATORY,
        _validate_bi_token_lifetime,
        {
            "maxSeconds": {
                "type": "integer",
                "minimum": 1,
                "default": MAX_BI_TOKEN_SECONDS,
                "description": "Longest allowed expires_after, in seconds.",
            }
        },
    ),
    Rule(
        "cognito-token-validity",
        "Cognito access, ID and refresh tokens are valid no longer than the configured caps.",
        MANDATORY,
        _validate_cognito_token_validity,
        {
            "maxAccessTokenMinutes": {
                "type": "number",
                "minimum": 5,
                "default": MAX_ACCESS_TOKEN_MINUTES,
                "description": "Longest allowed access token validity, in minutes.",
            },
            "maxIdTokenMinutes": {
                "type": "number",
                "minimum": 5,
                "default": MAX_ID_TOKEN_MINUTES,
                "description": "Longest allowed ID token validity, in minutes.",
            },
            "maxRefreshTokenDays": {
                "type": "number",
                "minimum": 0,
                "default": MAX_REFRESH_TOKEN_DAYS,
                "description": "Longest allowed refresh token validity, in days.",
            },
        },
    ),
    Rule(
        "local-user-mfa",
        "User pools do not turn MFA off for their local (non-federated) users.",
        MANDATORY,
        _validate_mfa,
    ),
    Rule(
        "identity-provider-issuer",
        "The Beyond Identity OIDC identity provider's issuer is the application's https issuer.",
        MANDATORY,
        _validate_issuer,
        {
            **_LOOPBACK_KNOB,
            "issuerHosts": {
                "type": "array",
                "items": {"type": "string"},
                "default": list(BI_ISSUER_HOSTS),
                "description": "Hosts of Beyond Identity issuers (loopback is always accepted).",
            },
            "providerNames": {
                "type": "array",
                "items": {"type": "string"},
                "default": list(BI_PROVIDER_NAMES),
                "description": "Identity provider names that are Beyond Identity's.",
            },
        },
    ),
    Rule(
        "client-secret-as-secret",
        "The Beyond Identity client secret only ever flows as a Pulumi secret.",
        MANDATORY,
        _validate_client_secret,
    ),
)
