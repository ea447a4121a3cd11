"""Bearer authentication and authorisation for the management API.

A request is authenticated by either

* the emulator's static API token (``--api-token``), which stands for a console
  "Create token" token with every scope, or
* a JWT the emulator itself issued (signature, ``kid``, ``exp``/``nbf``/``iat``
  checked against the emulator clock) whose ``aud`` includes ``beyondidentity``
  and whose ``jti`` was not revoked.

Anything else is 401 ``{"code": "unauthorized", "message": "unauthorized"}``.
Authorisation failures are 403 ``forbidden``: a path tenant other than the
token's (``bi_t``; the static token belongs to the emulated tenant), or a JWT
without the operation's scope (``realms:create`` ...).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ._errors import forbidden, unauthorized
from ._store import MANAGEMENT_AUDIENCE
from ._tokens import TokenSigner


@dataclass(frozen=True)
class Principal:
    """Who called: ``scopes`` is ``None`` for the all-powerful static API token."""

    tenant_id: str
    scopes: frozenset[str] | None
    subject: str


class BearerAuthenticator:
    """Checks management API bearer tokens."""

    def __init__(
        self,
        *,
        tenant_id: str,
        api_token: str,
        signer: TokenSigner,
        is_revoked: Callable[[str], bool],
    ) -> None:
        self._tenant_id = tenant_id
        self._api_token = api_token.encode()
        self._signer = signer
        self._is_revoked = is_revoked

    def authenticate(self, headers: Mapping[str, str]) -> Principal:
        """Return the caller, or raise the 401 error."""
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise unauthorized()
        if hmac.compare_digest(token.encode(), self._api_token):
            return Principal(self._tenant_id, None, "api-token")
        claims = self._signer.verify(token)
        if claims is None:
            raise unauthorized()
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        jti = claims.get("jti")
        if (
            MANAGEMENT_AUDIENCE not in audiences
            or not isinstance(jti, str)
            or self._is_revoked(jti)
        ):
            raise unauthorized()
        scope = claims.get("scope", "")
        return Principal(
            tenant_id=str(claims.get("bi_t", "")),
            scopes=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
            subject=str(claims.get("sub", "")),
        )

    @staticmethod
    def authorize(principal: Principal, path_tenant_id: str, scope: str) -> None:
        """Raise 403 unless the caller may use ``scope`` in ``path_tenant_id``."""
        if principal.tenant_id != path_tenant_id:
            raise forbidden()
        if principal.scopes is not None and scope not in principal.scopes:
            raise forbidden()
