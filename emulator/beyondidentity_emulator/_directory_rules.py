"""Validation of identity and group bodies and of ID lists (the realm's directory).

Sources are the OpenAPI 1.7.0 schemas and operations named beside each rule;
"[unverified]" marks a choice where the spec is silent (the strict reading).

Identities (schema ``Identity``, ``Traits_v0``; CreateIdentity, UpdateIdentity):

* ``display_name``: required on create [unverified: the schema has no ``required``
  list; the other kinds require it too], 1..64 characters, no ``{}[]<>;:?\\/|*^%$#=~`!``
  (schema ``minLength``/``maxLength``/``pattern``).
* ``status``: ``active`` (default) or ``suspended`` (the schema's text names those two).
* ``traits``: required object; ``traits.type`` must be ``traits_v0`` and "must be
  provided on all writes", so a PATCH that sends ``traits`` without ``type`` is a 400.
  ``traits.username`` is required with the display-name length and pattern; the
  other Traits_v0 properties are optional strings; unknown traits are 400.
* Read-only fields (``id``, ``realm_id``, ``tenant_id``, times, ``enrollment_status``)
  are ignored on writes ("Values in the request body for read-only fields will be
  ignored").

Groups (schema ``Group``; CreateGroup, UpdateGroup): ``display_name`` required,
1..64 characters with the same pattern; ``description`` optional, at most 300
characters, same pattern.

ID lists (AddGroupMembers, DeleteGroupMembers: ``identity_ids``; BatchDeleteIdentities:
``ids``): a required array of 1..1000 strings (``minItems``/``maxItems``; the spec's
400 example says "array exceeds 1000 elements"). Repeated IDs are a 400:
BatchDeleteIdentities says "If there are any repeating identity IDs, the request will
fail"; for the member operations this is [unverified].
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._errors import invalid_request
from ._identities import STATUSES, TRAITS_TYPE
from ._validation import Members, ResourceRules, Violations

NAME_MAX = 64
DESCRIPTION_MAX = 300
# Identity.display_name, Traits_v0.username, Group.display_name and Group.description.
NAME_RE = re.compile(r"^[^{}\[\]<>;:?\\/|*^%$#=~`!]*$")
MAX_IDS = 1000

IDENTITY_FIELDS = frozenset(
    {
        "id",
        "realm_id",
        "tenant_id",
        "display_name",
        "create_time",
        "update_time",
        "status",
        "traits",
        "enrollment_status",
    }
)
IDENTITY_READ_ONLY = frozenset(
    {"id", "realm_id", "tenant_id", "create_time", "update_time", "enrollment_status"}
)
#: Traits_v0's properties other than ``type`` and ``username`` (all optional strings).
OPTIONAL_TRAITS = (
    "primary_email_address",
    "secondary_email_address",
    "external_id",
    "family_name",
    "given_name",
    "formatted_name",
    "middle_name",
    "honorific_prefix",
    "honorific_suffix",
    "nick_name",
    "title",
    "primary_phone",
    "secondary_phone",
    "profile_url",
    "photo",
    "preferred_language",
    "locale",
    "timezone",
    "formatted_address",
    "street_address",
    "locality",
    "region",
    "postal_code",
    "country",
    "user_type",
    "employee_number",
    "cost_center",
    "organization",
    "division",
    "department",
    "manager_id",
    "manager_name",
)
TRAITS_FIELDS = frozenset({"type", "username", *OPTIONAL_TRAITS})
GROUP_FIELDS = frozenset(
    {"id", "realm_id", "tenant_id", "display_name", "description", "create_time", "update_time"}
)
GROUP_READ_ONLY = frozenset({"id", "realm_id", "tenant_id", "create_time", "update_time"})

IDENTITY_RULES = ResourceRules("identity", IDENTITY_FIELDS, IDENTITY_READ_ONLY, {}, ())
GROUP_RULES = ResourceRules("group", GROUP_FIELDS, GROUP_READ_ONLY, {}, ())


def _name(obj: Members, key: str, *, required: bool, limit: int = NAME_MAX) -> str | None:
    """A string member with the spec's length limit and character pattern."""
    value = obj.typed(key, str, required=required)
    if not isinstance(value, str):
        return None
    if required and not value:
        obj.add(key, "empty string")
        return None
    if len(value) > limit:
        obj.add(key, f"must be at most {limit} characters")
        return None
    if not NAME_RE.match(value):
        obj.add(key, "contains characters that are not allowed")
        return None
    return value


def _traits(identity: Members, sent: Mapping[str, Any]) -> dict[str, Any] | None:
    sent_traits = sent.get("traits")
    if isinstance(sent_traits, dict) and "type" not in sent_traits:
        # "This value must be provided on all writes" (Traits_v0.type), PATCH included.
        identity.add("traits.type", "missing")
    traits = identity.nested("traits", required=True)
    if traits is None:
        return None
    traits.unknown(TRAITS_FIELDS)
    traits.enum("type", (TRAITS_TYPE,), required=True)
    out: dict[str, Any] = {
        "type": TRAITS_TYPE,
        "username": _name(traits, "username", required=True),
    }
    for key in OPTIONAL_TRAITS:
        value = traits.typed(key, str, required=False)
        if isinstance(value, str):
            out[key] = value
    return out


def normalize_identity(
    candidate: Mapping[str, Any], v: Violations, sent: Mapping[str, Any]
) -> dict[str, Any]:
    """Validate an identity candidate (``sent``: the request's own object); return its fields."""
    identity = Members(candidate, "identity", v)
    return {
        "display_name": _name(identity, "display_name", required=True),
        "status": identity.enum("status", STATUSES, required=False, default=STATUSES[0]),
        "traits": _traits(identity, sent),
    }


def normalize_group(candidate: Mapping[str, Any], v: Violations) -> dict[str, Any]:
    """Validate a group candidate; return ``display_name`` and ``description`` (if any)."""
    group = Members(candidate, "group", v)
    fields: dict[str, Any] = {"display_name": _name(group, "display_name", required=True)}
    description = _name(group, "description", required=False, limit=DESCRIPTION_MAX)
    if description is not None:
        fields["description"] = description
    return fields


def id_list(data: Any, key: str) -> list[str]:
    """The IDs of a ``{"<key>": [...]}`` body; 400 unless 1..1000 distinct strings."""
    if not isinstance(data, dict):
        raise invalid_request()
    v = Violations()
    for name in data:
        if name != key:
            v.add(name, "unknown field")
    ids = data.get(key)
    if key not in data:
        v.add(key, "missing")
    elif not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        v.add(key, "must be an array of strings")
    elif not ids:
        v.add(key, "array must contain at least 1 element")
    elif len(ids) > MAX_IDS:
        v.add(key, f"array exceeds {MAX_IDS} elements")
    elif len(set(ids)) != len(ids):
        v.add(key, "must not contain duplicate values")
    v.raise_if_any()
    return [str(i) for i in ids or ()]
