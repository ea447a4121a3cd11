"""The identity object in the OpenAPI's shape, and what sign-in reads from it.

An identity is stored exactly as the API returns it (schema ``Identity``, spec 1.7.0)::

    {"id", "realm_id", "tenant_id", "display_name", "create_time", "update_time",
     "status": "active" | "suspended", "enrollment_status": "UNENROLLED",
     "traits": {"type": "traits_v0", "username", "primary_email_address"?, "external_id"?, ...}}

``enrollment_status`` is always ``UNENROLLED``: the emulator keeps no passkeys, and the
schema says ``ENROLLED`` means "1 or more active passkeys". ``status`` follows the
schema's text: "If 'active', the identity is able to generate passkeys and login. If
'suspended', the identity is unable to generate passkeys or login."

State files of version 1 kept identities flat (``email``, ``username``, ``external_id``
beside ``display_name``); :func:`from_legacy` converts one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TRAITS_TYPE = "traits_v0"
ACTIVE, SUSPENDED = "active", "suspended"
STATUSES = (ACTIVE, SUSPENDED)
UNENROLLED = "UNENROLLED"


def identity_object(
    *,
    identity_id: str,
    realm_id: str,
    tenant_id: str,
    now: str,
    display_name: str,
    traits: Mapping[str, Any],
    status: str = ACTIVE,
) -> dict[str, Any]:
    """A new identity, its fields in the order of the spec's CreateIdentity example."""
    return {
        "id": identity_id,
        "realm_id": realm_id,
        "tenant_id": tenant_id,
        "display_name": display_name,
        "create_time": now,
        "update_time": now,
        "status": status,
        "enrollment_status": UNENROLLED,
        "traits": {"type": TRAITS_TYPE, **{k: v for k, v in traits.items() if k != "type"}},
    }


def from_legacy(old: Mapping[str, Any]) -> dict[str, Any]:
    """Convert an identity of a version-1 state file to the OpenAPI shape."""
    traits: dict[str, Any] = {"username": old["username"]}
    if old.get("email"):
        traits["primary_email_address"] = old["email"]
    if old.get("external_id"):
        traits["external_id"] = old["external_id"]
    return identity_object(
        identity_id=old["id"],
        realm_id=old["realm_id"],
        tenant_id=old["tenant_id"],
        now=old["create_time"],
        display_name=old["display_name"],
        traits=traits,
    )


def trait(identity: Mapping[str, Any], name: str) -> str | None:
    """One trait's value (``None`` when unset)."""
    traits = identity.get("traits")
    value = traits.get(name) if isinstance(traits, Mapping) else None
    return value if isinstance(value, str) and value else None


def email_of(identity: Mapping[str, Any]) -> str | None:
    """The identity's primary email address (the ID token's ``email`` claim)."""
    return trait(identity, "primary_email_address")


def username_of(identity: Mapping[str, Any]) -> str | None:
    """The identity's username (the ID token's ``preferred_username`` claim)."""
    return trait(identity, "username")


#: Where each ``TokenConfiguration.subject_field`` value is read from.
_SUBJECT_TRAITS = {"email": "primary_email_address", "username": "username"}


def subject_of(identity: Mapping[str, Any], subject_field: str) -> str:
    """The ``sub`` claim for ``subject_field``; the ID when the identity lacks that value."""
    if subject_field == "id":
        return str(identity["id"])
    return trait(identity, _SUBJECT_TRAITS.get(subject_field, subject_field)) or str(identity["id"])


def same_username(a: str, b: str) -> bool:
    """Usernames compare case-insensitively (Traits_v0.username: "case-insensitive")."""
    return a.casefold() == b.casefold()


def is_active(identity: Mapping[str, Any]) -> bool:
    """Whether the identity may sign in (Identity.status is not ``suspended``)."""
    return bool(identity.get("status", ACTIVE) != SUSPENDED)
