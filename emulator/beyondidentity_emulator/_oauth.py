"""OAuth 2.0 pieces every local authorization server needs, written once.

The emulator's OIDC endpoints and the Cognito hosted-UI stand-in (``local/``) both
authenticate clients with HTTP Basic and check PKCE the same way (RFC 6749 §2.3.1,
RFC 7636).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from urllib.parse import unquote_plus

#: RFC 7636 §4.1: a code verifier (and a plain challenge) is 43-128 unreserved characters.
PKCE_VALUE_RE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def pkce_s256(verifier: str) -> str:
    """RFC 7636 S256 transform: ``base64url(sha256(verifier))`` without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def basic_credentials(authorization: str) -> tuple[str, str | None] | None:
    """``(client_id, client_secret)`` from an ``Authorization: Basic`` header value.

    Both parts are form-decoded (RFC 6749 §2.3.1); the secret is None when the decoded
    value has no ``:``. None when the header is not Basic; ``ValueError`` when it is Basic
    but not base64 of UTF-8.
    """
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise ValueError("malformed Basic credentials") from None
    raw_id, sep, raw_secret = decoded.partition(":")
    return unquote_plus(raw_id), unquote_plus(raw_secret) if sep else None
