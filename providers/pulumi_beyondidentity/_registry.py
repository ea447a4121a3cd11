"""Every Beyond Identity resource kind of this package: the one list.

``ALL_KINDS`` holds each kind's provider (its fields, and its :class:`~._spec.KindSpec`
with the API facts); the docs' reference tables, the realm delete guard and the tests
iterate it. Adding a kind: its module (spec, ``*Args``, resource, provider), one line here,
its exports in ``__init__``; see docs/architecture.md, "Adding a kind".
"""

from __future__ import annotations

from ._provider import BeyondIdentityProvider
from ._spec import KindSpec
from .application import ApplicationProvider
from .application_credentials import ApplicationCredentialsProvider
from .authenticator_config import AuthenticatorConfigProvider
from .group import GroupProvider
from .identity import IdentityProvider
from .realm import RealmProvider
from .resource_server import ResourceServerProvider

__all__ = ["ALL_KINDS", "API_KINDS", "REALM_HELD", "spec_named"]

#: Every resource of the package, in documentation order.
ALL_KINDS: tuple[type[BeyondIdentityProvider], ...] = (
    RealmProvider,
    ResourceServerProvider,
    AuthenticatorConfigProvider,
    ApplicationProvider,
    ApplicationCredentialsProvider,
    IdentityProvider,
    GroupProvider,
)

#: The API kinds behind them (a view such as ApplicationCredentials shares its kind's).
API_KINDS: tuple[KindSpec, ...] = tuple(dict.fromkeys(p.spec for p in ALL_KINDS))

#: What a realm holds: every other kind. Its delete guard lists them all
#: (``RealmProvider.held_kinds()`` reads this, so no import order can leave the guard empty).
REALM_HELD: tuple[KindSpec, ...] = tuple(k for k in API_KINDS if k.realm_scoped)


def spec_named(plural: str) -> KindSpec:
    """The kind whose collection is called ``plural`` (``realms``, ``groups``...)."""
    for spec in API_KINDS:
        if spec.plural == plural:
            return spec
    raise KeyError(f"no Beyond Identity kind {plural!r}; known: {[s.plural for s in API_KINDS]}")
