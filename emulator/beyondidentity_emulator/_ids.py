"""Generators for the identifier and secret formats the real service uses.

Formats (contract §11): realm and identity IDs are 16 lowercase hex characters;
application, resource-server and authenticator-config IDs are UUID v4;
``client_id`` is 24 and ``client_secret`` 48 characters of the URL-safe base64
alphabet (base64url of 18 and 36 random bytes, so no padding ever appears);
token IDs (``jti``) are 32 base64url characters; signing-key IDs are 65
uppercase hex characters, like the keys the real JWKS publishes.
"""

from __future__ import annotations

import base64
import re
import secrets
import uuid

REALM_ID_RE = re.compile(r"^[0-9a-f]{16}$")
TENANT_ID_RE = re.compile(r"^[0-9a-f]{16}$")


def _b64url(nbytes: int) -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(nbytes)).decode("ascii")


def new_tenant_id() -> str:
    """Return a tenant ID: 16 lowercase hex characters starting with ``0001``."""
    return "0001" + secrets.token_hex(6)


def new_realm_id() -> str:
    """Return a realm (or identity) ID: 16 lowercase hex characters."""
    return secrets.token_hex(8)


def new_uuid() -> str:
    """Return a random UUID v4 string (applications, resource servers, configs)."""
    return str(uuid.uuid4())


def new_client_id() -> str:
    """Return a 24-character URL-safe client ID."""
    return _b64url(18)


def new_client_secret() -> str:
    """Return a 48-character URL-safe client secret."""
    return _b64url(36)


def new_token_id() -> str:
    """Return a 32-character base64url token ID (``jti``)."""
    return _b64url(24)


def new_key_id() -> str:
    """Return a 65-character uppercase hex key ID (``kid``)."""
    return secrets.token_hex(33)[:65].upper()


def new_opaque_token(nbytes: int = 32) -> str:
    """Return a random URL-safe string for codes, referential tokens and the like."""
    return secrets.token_urlsafe(nbytes)
