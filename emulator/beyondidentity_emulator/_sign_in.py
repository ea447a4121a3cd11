"""Who signs in at ``/authorize``: an identity of the application's realm.

* The sign-in page offers every active identity of the realm, one button each; a
  suspended identity is never offered and never signed in (Identity.status:
  "If 'suspended', the identity is unable to generate passkeys or login").
* ``login_hint`` (OIDC Core §3.1.2.1) narrows the choice to the identity whose ID,
  username or primary email address it names (the latter two case-insensitively).
  A hint that names no identity, or a suspended one, is refused (``access_denied``):
  an emulator choice, so a test never signs in someone it did not mean.
* A page button sends ``identity_id`` (an emulator-only parameter) with the
  original parameters; it must name an offered identity.
* Without a button (API clients, which are signed in at once) the identity is the
  offered one whose email is the configured test user's, else the oldest offered.
* A realm without identities signs in the **virtual test identity** (email = the
  test user's, ID derived from tenant, realm and email, never stored, so it never
  blocks realm deletion) when ``virtual_test_identity`` is on; otherwise the request
  is refused. Once a realm has any identity, the virtual one is never used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ._identities import email_of, identity_object, is_active, username_of
from ._store import Store


class SignInRefused(Exception):
    """No identity may sign in for this request (answered ``access_denied``)."""


def _names(identity: Mapping[str, Any], hint: str) -> bool:
    folded = hint.casefold()
    return identity["id"] == hint or any(
        value is not None and value.casefold() == folded
        for value in (username_of(identity), email_of(identity))
    )


class SignInPeople:
    """Chooses the identities ``/authorize`` offers and signs in."""

    def __init__(self, store: Store, *, test_user_email: str, virtual_test_identity: bool) -> None:
        self._store = store
        self._test_user_email = test_user_email
        self._virtual = virtual_test_identity

    def virtual_identity(self, realm_id: str) -> dict[str, Any]:
        """The virtual test identity of a realm (OpenAPI shape, never stored)."""
        email = self._test_user_email
        seed = f"{self._store.tenant_id}/{realm_id}/{email.lower()}".encode()
        local = email.split("@", 1)[0]
        return identity_object(
            identity_id=hashlib.sha256(seed).hexdigest()[:16],
            realm_id=realm_id,
            tenant_id=self._store.tenant_id,
            now="1970-01-01T00:00:00Z",
            display_name=local,
            traits={"username": local, "primary_email_address": email},
        )

    def _people(self, realm_id: str) -> list[dict[str, Any]]:
        identities = self._store.identities(realm_id)
        if identities:
            return identities
        if self._virtual:
            return [self.virtual_identity(realm_id)]
        raise SignInRefused(
            "the realm has no identity to sign in (the virtual test identity is off)"
        )

    def offered(self, realm_id: str, params: Mapping[str, str]) -> list[dict[str, Any]]:
        """The identities the sign-in page offers for these authorize parameters."""
        people = self._people(realm_id)
        hint = params.get("login_hint")
        if hint:
            people = [p for p in people if _names(p, hint)]
            if not people:
                raise SignInRefused("login_hint names no identity of the realm")
            if not any(is_active(p) for p in people):
                raise SignInRefused(f"identity {people[0]['id']} is suspended")
        active = [p for p in people if is_active(p)]
        if not active:
            raise SignInRefused("every identity of the realm is suspended")
        return active

    def chosen(self, realm_id: str, params: Mapping[str, str]) -> dict[str, Any]:
        """The identity signed in: the page's button, else the default (module docstring)."""
        offered = self.offered(realm_id, params)
        wanted = params.get("identity_id")
        if wanted:
            for identity in offered:
                if identity["id"] == wanted:
                    return identity
            raise SignInRefused(f"identity {wanted} cannot sign in here")
        email = self._test_user_email.casefold()
        for identity in offered:
            if (email_of(identity) or "").casefold() == email:
                return identity
        return offered[0]

    def by_id(self, realm_id: str, identity_id: str) -> dict[str, Any] | None:
        """A signed-in identity by ID (``/userinfo``), the virtual one included."""
        identity = self._store.get("identities", identity_id, realm_id=realm_id)
        if identity is not None:
            return identity
        if self._virtual and not self._store.identities(realm_id):
            virtual = self.virtual_identity(realm_id)
            return virtual if virtual["id"] == identity_id else None
        return None
