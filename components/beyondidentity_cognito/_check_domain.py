"""Checks of the Cognito domain: a prefix, or a custom domain with its certificate and DNS."""

from __future__ import annotations

import re
from typing import Any

from pulumi_beyondidentity.rules import hostname_problem, quote

from ._args import CognitoFederationArgs
from ._checks import Checks, Context, text_rule

# botocore DomainType; the reserved words are rejected anywhere in the prefix.
DOMAIN_PREFIX_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")
CERTIFICATE_ARN_RE = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):acm:(?P<region>[a-z0-9-]+):\d{12}:certificate/[\w-]+$"
)
MAX_DOMAIN_LENGTH = 63
HOSTED_ZONE_ID_RE = re.compile(r"^[A-Z0-9]{1,32}$")  # Route 53 ResourceId: at most 32
DOMAIN_PREFIX = text_rule(
    DOMAIN_PREFIX_RE,
    "must be 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or "
    "digit",
)
CERTIFICATE_ARN = text_rule(
    CERTIFICATE_ARN_RE,
    "must be an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)",
)
HOSTED_ZONE_ID = text_rule(
    HOSTED_ZONE_ID_RE,
    "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (without /hostedzone/)",
)


def check_domain(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    if a.domain_prefix is not None and a.custom_domain is not None:
        c.fail(
            "custom_domain",
            f"must not be set together with {c.name('domain_prefix')}; choose one",
        )
    elif a.domain_prefix is None and a.custom_domain is None:
        c.fail(
            "domain_prefix",
            f"is required (or set {c.name('custom_domain')} with {c.name('certificate_arn')})",
        )
    prefix = a.domain_prefix
    if prefix is not None and c.text("domain_prefix", prefix, DOMAIN_PREFIX):
        reserved = [w for w in RESERVED_DOMAIN_WORDS if isinstance(prefix, str) and w in prefix]
        if reserved:
            c.fail(
                "domain_prefix",
                f"must not contain the reserved word {reserved[0]!r} (Cognito rejects aws, amazon "
                f"and cognito); got {prefix!r}",
            )
    if a.custom_domain is not None:
        if c.text("custom_domain", a.custom_domain):
            c.rule("custom_domain", a.custom_domain, _custom_domain_problem)
        if a.certificate_arn is None:
            c.fail(
                "certificate_arn",
                f"is required with {c.name('custom_domain')} (an ACM certificate ARN)",
            )
    if a.certificate_arn is not None:
        _check_certificate(c, a)


def _check_certificate(c: Checks, a: CognitoFederationArgs) -> None:
    if a.custom_domain is None:
        c.fail(
            "certificate_arn",
            f"applies only to {c.name('custom_domain')}; remove it or set "
            f"{c.name('custom_domain')}",
        )
    arn = a.certificate_arn
    if c.text("certificate_arn", arn, CERTIFICATE_ARN) and isinstance(arn, str):
        match = CERTIFICATE_ARN_RE.fullmatch(arn)
        if match and match["partition"] == "aws" and match["region"] != "us-east-1":
            c.fail(
                "certificate_arn",
                "must be a certificate in us-east-1 (Cognito custom domains are served by "
                f"CloudFront); got one in {match['region']}",
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


def check_dns(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    if a.hosted_zone_id is None:
        return
    if a.custom_domain is None:
        c.fail(
            "hosted_zone_id",
            f"applies only to {c.name('custom_domain')}; set {c.name('custom_domain')} or "
            "remove it",
        )
    c.text("hosted_zone_id", a.hosted_zone_id, HOSTED_ZONE_ID)
