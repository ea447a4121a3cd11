"""The pool's own tokens: one RSA key per pool, published at the pool's JWKS.

Cognito signs ID and access tokens with RS256 under keys published at
``https://cognito-idp.<region>.amazonaws.com/<pool id>/.well-known/jwks.json``. Each pool
here gets its own key (made on first use, kept for the process), so a token of one pool
never verifies against another pool's JWKS.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

ALGORITHM = "RS256"


def pool_issuer(region: str, pool_id: str) -> str:
    """``https://cognito-idp.<region>.amazonaws.com/<pool id>``."""
    return f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"


class PoolKeys:
    """Signing keys by pool ID."""

    def __init__(self) -> None:
        self._keys: dict[str, RSAKey] = {}
        self._lock = threading.Lock()

    def _key(self, pool_id: str) -> RSAKey:
        with self._lock:
            key = self._keys.get(pool_id)
            if key is None:
                # Cognito's kids are base64 strings; any unique string serves.
                kid = secrets.token_urlsafe(32)
                key = RSAKey.generate_key(
                    2048, parameters={"kid": kid, "use": "sig", "alg": ALGORITHM}, private=True
                )
                self._keys[pool_id] = key
            return key

    def jwks(self, pool_id: str) -> dict[str, Any]:
        """The pool's JWK Set (public halves only)."""
        public = dict(self._key(pool_id).as_dict(private=False))
        return {"keys": [public]}

    def sign(self, pool_id: str, claims: dict[str, Any]) -> str:
        """A compact RS256 JWT with the pool key's ``kid``."""
        key = self._key(pool_id)
        header = {"alg": ALGORITHM, "kid": key.kid}
        return jwt.encode(header, claims, key, algorithms=[ALGORITHM])

    def verify(self, pool_id: str, token: str) -> dict[str, Any] | None:
        """Claims of a token the pool's key signed that has not expired, else ``None``."""
        try:
            decoded = jwt.decode(token, self._key(pool_id), algorithms=[ALGORITHM])
            jwt.JWTClaimsRegistry(exp={"essential": True}).validate(decoded.claims)
        except (JoseError, ValueError, TypeError):
            return None
        return dict(decoded.claims)


def id_and_access_claims(
    *,
    issuer: str,
    client_id: str,
    sub: str,
    username: str,
    attributes: dict[str, str],
    identities: list[dict[str, Any]],
    groups: list[str],
    scopes: list[str],
    auth_time: int,
    nonce: str | None,
    id_minutes: int,
    access_minutes: int,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The claims of an ID token and an access token, as Cognito writes them for a
    federated user (``cognito:username``, ``identities``, ``token_use``, ``origin_jti``)."""
    now = int(time.time())
    origin = str(uuid.uuid4())
    id_claims: dict[str, Any] = {
        "sub": sub,
        "cognito:groups": groups,
        "iss": issuer,
        "cognito:username": username,
        "origin_jti": origin,
        "aud": client_id,
        "identities": identities,
        "token_use": "id",
        "auth_time": auth_time,
        **_lifetime(now, id_minutes),
    }
    if nonce is not None:
        id_claims["nonce"] = nonce
    id_claims.update(
        (name, _typed(name, value)) for name, value in attributes.items() if name != "sub"
    )
    access_claims: dict[str, Any] = {
        "sub": sub,
        "cognito:groups": groups,
        "iss": issuer,
        "version": 2,
        "client_id": client_id,
        "origin_jti": origin,
        "token_use": "access",
        "scope": " ".join(scopes),
        "auth_time": auth_time,
        **_lifetime(now, access_minutes),
        "username": username,
    }
    return id_claims, access_claims


def _lifetime(now: int, minutes: int) -> dict[str, Any]:
    """``exp``, ``iat`` and a fresh ``jti`` of a token valid for ``minutes`` from ``now``."""
    return {"exp": now + minutes * 60, "iat": now, "jti": str(uuid.uuid4())}


def _typed(name: str, value: str) -> Any:
    # Cognito writes the *_verified attributes as JSON booleans in ID tokens.
    if name.endswith("_verified") and value in ("true", "false"):
        return value == "true"
    return value
