"""Signing key, JWT minting and verification (all JOSE work is done by joserfc).

One 2048-bit RSA key per emulator signs every token with RS256. Its ``kid`` is 65
uppercase hex characters like the real service's. Token headers carry ``typ``,
``alg``, ``kid`` and ``jku`` (the issuing application's JWKS URL), as in
contract §3.3.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from . import _ids
from ._clock import Clock

ALGORITHM = "RS256"


def generate_signing_key() -> dict[str, Any]:
    """Generate a private RS256 signing key and return it as a JWK dict."""
    key = RSAKey.generate_key(
        2048, parameters={"kid": _ids.new_key_id(), "use": "sig", "alg": ALGORITHM}, private=True
    )
    return dict(key.as_dict(private=True))


@functools.lru_cache(maxsize=8)
def _import_private_key(canonical_jwk: str) -> RSAKey:
    # Importing checks the RSA key's consistency (~50 ms); emulators that share a
    # key (a test session) pay that once.
    return RSAKey.import_key(json.loads(canonical_jwk))


class TokenSigner:
    """Signs and verifies the emulator's JWTs with one RSA key."""

    def __init__(self, private_jwk: Mapping[str, Any], clock: Clock) -> None:
        self._key = _import_private_key(json.dumps(dict(private_jwk), sort_keys=True))
        self._clock = clock
        kid = self._key.kid
        if not kid:
            raise ValueError("the signing key needs a 'kid'")
        self.kid: str = kid

    def public_jwks(self) -> dict[str, Any]:
        """Return the JWK Set publishing the public half of the key."""
        public = dict(self._key.as_dict(private=False))
        public.setdefault("use", "sig")
        public.setdefault("alg", ALGORITHM)
        return {"keys": [public]}

    def sign(self, claims: Mapping[str, Any], *, jku: str | None = None) -> str:
        """Return a compact RS256 JWT with ``typ``, ``kid`` and (optionally) ``jku``."""
        header: dict[str, Any] = {"typ": "JWT", "alg": ALGORITHM, "kid": self.kid}
        if jku is not None:
            header["jku"] = jku
        return jwt.encode(header, dict(claims), self._key, algorithms=[ALGORITHM])

    def verify(self, token: str) -> dict[str, Any] | None:
        """Return the claims of a token this key signed that is valid now, else ``None``.

        Checks the signature, ``alg``, ``kid``, and ``exp``/``nbf`` against the
        emulator's clock (no leeway: the emulator and its clients share a clock).
        """
        try:
            decoded = jwt.decode(token, self._key, algorithms=[ALGORITHM])
        except (JoseError, ValueError, TypeError):
            return None
        if decoded.header.get("kid") != self.kid:
            return None
        registry = jwt.JWTClaimsRegistry(
            now=lambda: int(self._clock()),
            exp={"essential": True},
            iat={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except JoseError:
            return None
        return dict(decoded.claims)
