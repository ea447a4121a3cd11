"""URLs of a Cognito domain, as plain strings (Beyond Identity's hosts come from
:func:`pulumi_beyondidentity.resolve_hosts`).

The component applies these to resolved Outputs; keeping them pure makes every format
testable on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode


def cognito_base_url(domain: str, region: str, *, custom: bool) -> str:
    """``https://<prefix>.auth.<region>.amazoncognito.com``, or ``https://<custom domain>``."""
    if custom:
        return f"https://{domain}"
    return f"https://{domain}.auth.{region}.amazoncognito.com"


def idp_response_url(base: str) -> str:
    """Where an OIDC identity provider sends codes back to Cognito; register it upstream."""
    return f"{base}/oauth2/idpresponse"


def token_url(base: str) -> str:
    """Cognito's token endpoint on the domain."""
    return f"{base}/oauth2/token"


def hosted_ui_url(base: str, client_id: str, redirect_uri: str, scopes: Sequence[str]) -> str:
    """The hosted UI (managed login) sign-in page for the app client."""
    query = urlencode(
        {
            "client_id": client_id,
            "response_type": "code",
            "scope": " ".join(scopes),
            "redirect_uri": redirect_uri,
        }
    )
    return f"{base}/login?{query}"


def authorize_url(
    base: str, client_id: str, redirect_uri: str, scopes: Sequence[str], identity_provider: str
) -> str:
    """An authorize request that skips Cognito's page and goes straight to the identity provider.

    The caller appends ``state`` and, for PKCE, ``code_challenge`` and
    ``code_challenge_method=S256`` (both per sign-in, so they cannot be baked in).
    """
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": " ".join(scopes),
            "identity_provider": identity_provider,
        }
    )
    return f"{base}/oauth2/authorize?{query}"


def user_pool_issuer(region: str, user_pool_id: str) -> str:
    """The issuer of the pool's own tokens (discovery and JWKS live under it, not the domain)."""
    return f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"
