"""Checks of ``CognitoFederationArgs`` that run before anything is created.

Every rule reports against the argument it concerns and the check carries on, so one run
lists every problem. Values still unknown when the program runs (``Output``s, awaitables)
are skipped: the AWS and Beyond Identity providers check them later.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pulumi_beyondidentity import Hosts
from pulumi_beyondidentity.application import SUBJECT_FIELDS
from pulumi_beyondidentity.authenticator_config import AUTHENTICATION_METHODS
from pulumi_beyondidentity.realm import CLASSIFICATIONS
from pulumi_beyondidentity.rules import (
    UINT32_MAX,
    control_problem,
    display_name_problem,
    hostname_problem,
    identifier_problem,
    quote,
    realm_id_problem,
    realm_name_problem,
    scope_problem,
    text_problem,
    url_problem,
)

from ._args import DEFAULT_ATTRIBUTE_MAPPING, CognitoFederationArgs
from ._errors import Problem

# botocore DomainType; the reserved words are rejected anywhere in the prefix.
DOMAIN_PREFIX_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")
# botocore ProviderNameTypeV2 made practical: no whitespace, "_" only as the second character.
PROVIDER_NAME_RE = re.compile(r"^[^_\s][^\s][^_\s]{1,30}$")
# Values with a fixed meaning in SupportedIdentityProviders; an OIDC provider must not shadow them.
RESERVED_PROVIDER_NAMES = ("COGNITO", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
POOL_OR_CLIENT_NAME_RE = re.compile(r"^[\w\s+=,.@-]{1,128}$", re.ASCII)
USER_POOL_ID_RE = re.compile(r"^[\w-]+_[0-9a-zA-Z]+$")
REGION_RE = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$")
CERTIFICATE_ARN_RE = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):acm:(?P<region>[a-z0-9-]+):\d{12}:certificate/[\w-]+$"
)
COGNITO_STANDARD_SCOPES = ("openid", "email", "profile", "phone", "aws.cognito.signin.user.admin")
SCOPES_NEEDING_OPENID = ("email", "profile", "phone")
PKCE_CHOICES = ("disabled", "s256")
MFA_CHOICES = ("OFF", "OPTIONAL", "ON")
DELETION_PROTECTION_CHOICES = ("ACTIVE", "INACTIVE")
MAX_URLS = 100
# Cognito's RedirectUrlType bound for callback and logout URLs.
MAX_URL_LENGTH = 1024
MAX_OAUTH_SCOPES = 50
MAX_DOMAIN_LENGTH = 63

Rule = Callable[[Any], str | None]
"""A rule of :mod:`pulumi_beyondidentity.rules`' kind: the problem with a value, or None."""


def text_rule(pattern: re.Pattern[str], rule: str, *, max_len: int | None = None) -> Rule:
    """:func:`~pulumi_beyondidentity.rules.text_problem` with this pattern and wording."""
    return functools.partial(text_problem, pattern=pattern, rule=rule, max_len=max_len)


DOMAIN_PREFIX = text_rule(
    DOMAIN_PREFIX_RE,
    "must be 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or "
    "digit",
)
CERTIFICATE_ARN = text_rule(
    CERTIFICATE_ARN_RE,
    "must be an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)",
)
PROVIDER_NAME = text_rule(
    PROVIDER_NAME_RE,
    "must be 3-32 characters without whitespace, and without '_' except as the second character",
)
POOL_OR_CLIENT_NAME = text_rule(
    POOL_OR_CLIENT_NAME_RE,
    "must be 1-128 letters, digits, spaces and +=,.@- "
    "(defaults to <project>-<stack>-<component name>)",
)
USER_POOL_ID = text_rule(
    USER_POOL_ID_RE, "must be a user pool id such as us-east-1_AbC123", max_len=55
)
REGION = text_rule(REGION_RE, "must be an AWS region name such as us-east-1 or eu-west-2")


def is_plain(value: Any) -> bool:
    """True for a value known when the program runs (not an ``Output`` or awaitable)."""
    return not (hasattr(value, "apply") or hasattr(value, "__await__"))


class _Checks:
    """Accumulates problems; each method checks one kind of value."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, argument: str, rule: str) -> None:
        self.problems.append(Problem(argument, rule))

    def choice(self, argument: str, value: Any, choices: Sequence[str]) -> None:
        if is_plain(value) and value not in choices:
            self.fail(argument, f"must be one of {', '.join(choices)}; got {value!r}")

    def rule(self, argument: str, value: Any, problem: Rule) -> bool:
        """A plain value checked by one of ``pulumi_beyondidentity.rules``; True if it passed."""
        if not is_plain(value):
            return False
        found = problem(value)
        if found is not None:
            self.fail(argument, found)
        return found is None

    def text(self, argument: str, value: Any, shape: Rule = text_problem) -> bool:
        """A non-empty string (of the ``shape`` a :func:`text_rule` gives).

        True only for a plain string that passed, so callers run their follow-up rules on
        strings alone; an ``Output`` is neither reported nor followed up.
        """
        return self.rule(argument, value, shape)

    def items(
        self,
        argument: str,
        value: Any,
        *,
        min_items: int = 0,
        max_items: int | None = None,
        what: str = "values",
    ) -> list[tuple[str, Any]]:
        """The plain items of a list with their labels (``arg[0]``), after checking its shape."""
        if not is_plain(value):
            return []
        if isinstance(value, str | bytes) or not isinstance(value, Sequence):
            self.fail(argument, f"must be a list of {what}; got {value!r}")
            return []
        if len(value) < min_items:
            self.fail(
                argument,
                f"must list at least {min_items} {what}" if min_items > 1 else f"must list {what}",
            )
        if max_items is not None and len(value) > max_items:
            self.fail(argument, f"must list at most {max_items} {what}; got {len(value)}")
        seen: set[Any] = set()
        plain: list[tuple[str, Any]] = []
        for index, item in enumerate(value):
            if not is_plain(item):
                continue
            label = f"{argument}[{index}]"
            if isinstance(item, str) and item in seen:
                self.fail(label, f"duplicates an earlier entry {item!r}")
                continue
            if isinstance(item, str):
                seen.add(item)
            plain.append((label, item))
        return plain

    def redirect_url(self, argument: str, value: Any) -> None:
        """Cognito's CallbackURLs/LogoutURLs rule: absolute, no fragment, https except loopback."""
        if self.text(argument, value):
            self.rule(
                argument,
                value,
                lambda v: url_problem(v, custom_scheme=True, max_len=MAX_URL_LENGTH),
            )

    def web_url(self, argument: str, value: Any, *, prefix: bool = False) -> None:
        """An https URL (http only on loopback); with ``prefix``, a path must end in '/'."""
        if self.text(argument, value):
            self.rule(argument, value, lambda v: url_problem(v, origin=prefix, query=False))


def validate(name: str, args: CognitoFederationArgs, hosts: Hosts) -> list[Problem]:
    """Every problem with the arguments (and the Beyond Identity host settings), in order."""
    c = _Checks()
    for check in _CHECKS:
        check(c, name, args, hosts)
    return c.problems


def with_control_problems(problems: list[Problem], args: CognitoFederationArgs) -> list[Problem]:
    """``problems`` plus :func:`control_problems` of the arguments whose label has none yet
    (a rule that already refused the value, e.g. a pattern, says enough)."""
    reported = {p.argument for p in problems}
    return problems + [Problem(a, r) for a, r in control_problems(args) if a not in reported]


def control_problems(value: Any, label: str = "") -> list[tuple[str, str]]:
    """:func:`~pulumi_beyondidentity.rules.control_problem` for every plain string in the
    arguments (``value`` is the ``CognitoFederationArgs`` at the top): list items, object keys
    and values, nested arguments, the branding settings document; labels as the checks give."""
    found: list[tuple[str, str]] = []
    if not is_plain(value):
        return found
    if isinstance(value, str):
        problem = control_problem(value)
        return [(label, problem)] if problem is not None else found
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            where = f"{label}.{item.name}" if label else item.name
            found += control_problems(getattr(value, item.name), where)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{label}[{key!r}]"
            problem = control_problem(key)
            if problem is not None:
                found.append((where, "the key " + problem))
            found += control_problems(item, where)
    elif isinstance(value, Sequence) and not isinstance(value, bytes):
        for index, item in enumerate(value):
            found += control_problems(item, f"{label}[{index}]")
    return found


def _check_domain(c: _Checks, _name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    if a.domain_prefix is not None and a.custom_domain is not None:
        c.fail("custom_domain", "must not be set together with domain_prefix; choose one")
    elif a.domain_prefix is None and a.custom_domain is None:
        c.fail("domain_prefix", "is required (or set custom_domain with certificate_arn)")
    if a.domain_prefix is not None and c.text("domain_prefix", a.domain_prefix, DOMAIN_PREFIX):
        reserved = [w for w in RESERVED_DOMAIN_WORDS if w in a.domain_prefix]
        if reserved:
            c.fail(
                "domain_prefix",
                f"must not contain the reserved word {reserved[0]!r} (Cognito rejects aws, amazon "
                f"and cognito); got {a.domain_prefix!r}",
            )
    if a.custom_domain is not None:
        if c.text("custom_domain", a.custom_domain):
            c.rule("custom_domain", a.custom_domain, _custom_domain_problem)
        if a.certificate_arn is None:
            c.fail("certificate_arn", "is required with custom_domain (an ACM certificate ARN)")
    if a.certificate_arn is not None:
        _check_certificate(c, a)


def _check_certificate(c: _Checks, a: CognitoFederationArgs) -> None:
    if a.custom_domain is None:
        c.fail("certificate_arn", "applies only to custom_domain; remove it or set custom_domain")
    arn = a.certificate_arn
    if c.text("certificate_arn", arn, CERTIFICATE_ARN) and isinstance(arn, str):
        match = CERTIFICATE_ARN_RE.fullmatch(arn)
        if match and match["partition"] == "aws" and match["region"] != "us-east-1":
            c.fail(
                "certificate_arn",
                "must be a certificate in us-east-1 (Cognito custom domains are served by "
                f"CloudFront); got one in {match['region']}",
            )


def _check_urls(c: _Checks, _name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    for label, url in c.items(
        "callback_urls", a.callback_urls, min_items=1, max_items=MAX_URLS, what="callback URLs"
    ):
        c.redirect_url(label, url)
    for label, url in c.items("logout_urls", a.logout_urls, max_items=MAX_URLS, what="logout URLs"):
        c.redirect_url(label, url)


def _check_client(c: _Checks, name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    scopes = c.items(
        "oauth_scopes", a.oauth_scopes, min_items=1, max_items=MAX_OAUTH_SCOPES, what="scopes"
    )
    names = {s for _, s in scopes if isinstance(s, str)}
    for label, scope in scopes:
        if not c.text(label, scope) or not c.rule(label, scope, scope_problem):
            continue
        if scope not in COGNITO_STANDARD_SCOPES and "/" not in scope:
            c.fail(
                label,
                f"must be one of {', '.join(COGNITO_STANDARD_SCOPES)} or a Cognito resource-server "
                f"scope '<identifier>/<scope>'; got {scope!r}",
            )
        elif scope in SCOPES_NEEDING_OPENID and "openid" not in names:
            c.fail(label, f"{scope!r} needs 'openid' in oauth_scopes too")
    if not isinstance(a.allow_cognito_login, bool):
        c.fail("allow_cognito_login", f"must be true or false; got {a.allow_cognito_login!r}")
    client_name = a.app_client_name if a.app_client_name is not None else name
    c.text("app_client_name", client_name, POOL_OR_CLIENT_NAME)


def _check_identity_provider(c: _Checks, _name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    provider = a.identity_provider_name
    if c.text("identity_provider_name", provider, PROVIDER_NAME) and provider.lower() in {
        n.lower() for n in RESERVED_PROVIDER_NAMES
    }:
        c.fail(
            "identity_provider_name",
            f"must not be {provider!r}: {', '.join(RESERVED_PROVIDER_NAMES)} have a fixed meaning "
            "in Cognito",
        )
    mapping = a.attribute_mapping if a.attribute_mapping is not None else DEFAULT_ATTRIBUTE_MAPPING
    if not isinstance(mapping, Mapping) or not mapping:
        c.fail("attribute_mapping", f"must map user-pool attributes to claims; got {mapping!r}")
        return
    for attribute, claim in mapping.items():
        label = f"attribute_mapping[{attribute!r}]"
        if not isinstance(attribute, str) or not 1 <= len(attribute) <= 32:
            c.fail(label, "the user-pool attribute name must be 1-32 characters")
        c.text(label, claim)


def _check_user_pool(c: _Checks, name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    if a.user_pool_id is not None:
        c.text("user_pool_id", a.user_pool_id, USER_POOL_ID)
        if a.user_pool_name is not None:
            c.fail("user_pool_name", "applies only to a created pool; remove it or user_pool_id")
    else:
        pool_name = a.user_pool_name if a.user_pool_name is not None else name
        c.text("user_pool_name", pool_name, POOL_OR_CLIENT_NAME)
    c.choice("deletion_protection", a.deletion_protection, DELETION_PROTECTION_CHOICES)
    c.choice("mfa_configuration", a.mfa_configuration, MFA_CHOICES)
    if not isinstance(a.protect_user_pool, bool):
        c.fail("protect_user_pool", f"must be true or false; got {a.protect_user_pool!r}")
    if a.region is not None:
        c.text("region", a.region, REGION)


def _check_realm(c: _Checks, name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    if a.realm_id is not None:
        c.rule("realm_id", a.realm_id, realm_id_problem)
        for field, value in (
            ("realm_display_name", a.realm_display_name),
            ("realm_classification", a.realm_classification),
        ):
            if value is not None:
                c.fail(field, "applies only to a created realm; remove it or realm_id")
        if a.realm_force_destroy:
            c.fail("realm_force_destroy", "applies only to a created realm; remove it or realm_id")
        return
    if a.realm_display_name is not None:
        c.rule("realm_display_name", a.realm_display_name, realm_name_problem)
    elif (problem := realm_name_problem(name)) is not None:
        c.fail(
            "realm_display_name",
            f"{problem} (it defaults to <project>-<stack>-<component name>; set it)",
        )
    if a.realm_classification is not None:
        c.choice("realm_classification", a.realm_classification, CLASSIFICATIONS)
    if not isinstance(a.realm_force_destroy, bool):
        c.fail("realm_force_destroy", f"must be true or false; got {a.realm_force_destroy!r}")


def _check_resource_server(c: _Checks, _name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    c.rule("resource_server_display_name", a.resource_server_display_name, display_name_problem)
    c.rule("resource_server_identifier", a.resource_server_identifier, identifier_problem)
    offered: set[str] = set()
    for label, scope in c.items("resource_server_scopes", a.resource_server_scopes, what="scopes"):
        if _bi_scope(c, label, scope):
            offered.add(scope)
    if a.allowed_scopes is not None:
        for label, scope in c.items("allowed_scopes", a.allowed_scopes, what="scopes"):
            if _bi_scope(c, label, scope) and scope not in offered:
                c.fail(
                    label,
                    f"must be one of resource_server_scopes ({', '.join(sorted(offered))}); "
                    f"got {scope!r}",
                )


def _bi_scope(c: _Checks, label: str, scope: Any) -> bool:
    if not c.rule(label, scope, scope_problem):
        return False
    if scope == "openid":
        c.fail(
            label,
            "must not be 'openid': Cognito always requests it and Beyond Identity "
            "allows it implicitly",
        )
        return False
    return True


def _check_authenticator(c: _Checks, _name: str, a: CognitoFederationArgs, h: Hosts) -> None:
    c.rule("authenticator_display_name", a.authenticator_display_name, display_name_problem)
    if a.authenticator_trusted_origins is not None:
        # The contract allows a hosted-web config without trusted origins.
        for label, origin in c.items(
            "authenticator_trusted_origins", a.authenticator_trusted_origins, what="origins"
        ):
            c.web_url(label, origin, prefix=True)
    # The providers refuse these settings too, but only once the Beyond Identity resources
    # are checked; reporting them here fails the run before anything (AWS included) is made.
    for setting, rule in h.problems:
        c.fail(setting, rule)
    if a.authentication_methods is not None:
        for label, method in c.items(
            "authentication_methods", a.authentication_methods, min_items=1, what="methods"
        ):
            c.choice(label, method, AUTHENTICATION_METHODS)


def _check_application(c: _Checks, _name: str, a: CognitoFederationArgs, _h: Hosts) -> None:
    c.rule("application_display_name", a.application_display_name, display_name_problem)
    c.choice("pkce", a.pkce, PKCE_CHOICES)
    c.choice("subject_field", a.subject_field, SUBJECT_FIELDS)
    expires = a.token_expires_after
    if is_plain(expires) and (
        isinstance(expires, bool) or not isinstance(expires, int) or not 1 <= expires <= UINT32_MAX
    ):
        c.fail(
            "token_expires_after",
            f"must be a whole number of seconds from 1 to {UINT32_MAX}; got {expires!r}",
        )


def _custom_domain_problem(value: Any) -> str | None:
    problem = hostname_problem(value)
    if problem is None and len(value) > MAX_DOMAIN_LENGTH:
        # terraform-provider-aws user_pool_domain.go: domain StringLenBetween(1, 63), for a
        # custom domain too, checked at preview.
        problem = (
            f"must be at most {MAX_DOMAIN_LENGTH} characters (Cognito's limit); got {len(value)}"
        )
    if problem is None and "." not in value.strip("."):
        problem = (
            f"must be a fully qualified host name such as auth.example.com; got {quote(value)}"
        )
    return problem


_CHECKS: tuple[Callable[[_Checks, str, CognitoFederationArgs, Hosts], None], ...] = (
    _check_realm,
    _check_resource_server,
    _check_authenticator,
    _check_application,
    _check_user_pool,
    _check_domain,
    _check_identity_provider,
    _check_client,
    _check_urls,
)
