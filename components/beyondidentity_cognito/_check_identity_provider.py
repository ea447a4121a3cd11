"""Checks of the pool's OIDC identity provider: its name, attribute mapping and routing
identifiers (IdentityProviderType: at most 50 identifiers of 1-40 characters)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ._args import DEFAULT_ATTRIBUTE_MAPPING, CognitoFederationArgs
from ._checks import Checks, Context, is_plain, text_rule

# botocore ProviderNameTypeV2 made practical: no whitespace, "_" only as the second character.
PROVIDER_NAME_RE = re.compile(r"^[^_\s][^\s][^_\s]{1,30}$")
# Values with a fixed meaning in SupportedIdentityProviders; an OIDC provider must not shadow them.
RESERVED_PROVIDER_NAMES = ("COGNITO", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
PROVIDER_NAME = text_rule(
    PROVIDER_NAME_RE,
    "must be 3-32 characters without whitespace, and without '_' except as the second character",
)
# terraform-provider-aws identity_provider.go: ^[\w\s+=.@-]+$ in Go, whose \w and \s are ASCII
# (\s without \v), and 1-40 long: ü.example fails its preview, so it fails ours.
IDP_IDENTIFIER_RE = re.compile(r"^[\w\t\n\f\r +=.@-]{1,40}$", re.ASCII)
MAX_IDP_IDENTIFIERS = 50
IDP_IDENTIFIER = text_rule(
    IDP_IDENTIFIER_RE, "must be 1-40 letters, digits, spaces and _+=.@- (e.g. an email domain)"
)


def check_identity_provider(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    provider = a.identity_provider_name
    if (
        c.text("identity_provider_name", provider, PROVIDER_NAME)
        and isinstance(provider, str)
        and provider.lower() in {n.lower() for n in RESERVED_PROVIDER_NAMES}
    ):
        c.fail(
            "identity_provider_name",
            f"must not be {provider!r}: {', '.join(RESERVED_PROVIDER_NAMES)} have a fixed meaning "
            "in Cognito",
        )
    mapping = a.attribute_mapping if a.attribute_mapping is not None else DEFAULT_ATTRIBUTE_MAPPING
    if not is_plain(mapping):
        return
    if not isinstance(mapping, Mapping) or not mapping:
        c.fail("attribute_mapping", f"must map user-pool attributes to claims; got {mapping!r}")
        return
    place = c.place("attribute_mapping")
    for attribute, claim in mapping.items():
        if not isinstance(attribute, str) or not 1 <= len(attribute) <= 32:
            c.fail(place.key(attribute), "the user-pool attribute name must be 1-32 characters")
        c.text(place.key(attribute), claim)
    for warning in mapping_warnings(mapping, source=c.name("attribute_mapping")):
        c.warn(warning)


def mapping_warnings(mapping: Mapping[str, str], *, source: str) -> Sequence[str]:
    """Advice on an attribute mapping that maps ``email`` without ``email_verified``."""
    if "email" in mapping and "email_verified" not in mapping:
        return [
            f"{source} maps email but not email_verified: Cognito marks mapped email addresses "
            "unverified, so federated users get email_verified=false; add "
            '"email_verified": "email_verified" (see docs/operations.md)'
        ]
    return []


def check_routing(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    for place, identifier in c.items(
        "idp_identifiers", a.idp_identifiers, max_items=MAX_IDP_IDENTIFIERS, what="identifiers"
    ):
        c.text(place, identifier, IDP_IDENTIFIER)
