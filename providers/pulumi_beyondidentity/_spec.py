"""``KindSpec``: the facts of one Beyond Identity resource kind, in one place.

Each kind's module declares one spec next to its fields (``realm.REALM``,
``identity.IDENTITY``...), and :mod:`._registry` lists every kind (``ALL_KINDS``). From
the spec the client builds the kind's :class:`~._collection.Collection` (path, envelope,
page size, natural key and how far the server can be trusted with it, the answer's
shape), and the provider takes its id rule, whether a replacement deletes first, and
what to say when a delete is refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ._shapes import AnswerShape

__all__ = ["KeyEvidence", "KindSpec", "value_at"]

#: What the API gives for the uniqueness of a kind's natural key:
#:
#: * ``documented``: the contract says the key is unique and documents the 409 a repeat gets
#:   (identities: ``traits.username``);
#: * ``undocumented``: the server may refuse a repeat (409), but the contract does not say so
#:   (realm names, resource-server identifiers, group names);
#: * ``none``: nothing; repeats are accepted (application and authenticator-config names).
#:
#: Either way a create checks the key itself before its POST (see :mod:`._collection`); the
#: evidence decides how (a listing just before the POST, or the realm's snapshot) and how a
#: 409 is read.
KeyEvidence = Literal["documented", "undocumented", "none"]


@dataclass(frozen=True, eq=False)
class KindSpec:
    """One kind of Beyond Identity object, as the API serves it.

    :param label: the resource's name, for messages and docs (``Realm``).
    :param envelope: the request and answer envelope (``realm``).
    :param plural: the listing's key and the collection's name (``realms``).
    :param path: the collection's path below the tenant (``/realms/{realm_id}/groups``).
    :param key_fields: the natural key: the (dotted) fields that identify an object to
        people, then the fields that cannot change in place (so a replacement, created
        before the old object is deleted, never meets the old one).
    :param key_evidence: what the API gives for the key's uniqueness (:data:`KeyEvidence`).
    :param answer: what an object looks like in an answer.
    :param id_pattern: the pattern of the object's id (for ``adopt_id``).
    :param id_wording: the id rule in words, e.g. ``must be a group id (16 ...)``.
    :param page_size: the page size of listings (the largest the contract allows).
    :param exact_parts: how many leading key parts must match exactly; a later part that
        a request leaves out (None) matches anything. None: every part.
    :param folded_key: the key is case-insensitive (compared in lower case).
    :param filter_key: the field the list endpoint filters on server-side, if any.
    :param created_at: the server-set creation time field, when objects carry one.
    :param delete_before_replace: a replacement deletes the old object first (the server
        refuses two objects with one key).
    :param blocked_delete_hint: what to do when the server refuses a delete (409);
        ``{id}`` is the object's id.
    :param blocks_realm_delete: the server refuses to delete a realm holding such objects
        (DeleteRealm: identities, groups, roles); the others go with the realm.
    """

    label: str
    envelope: str
    plural: str
    path: str
    key_fields: tuple[str, ...]
    key_evidence: KeyEvidence
    answer: AnswerShape
    id_pattern: re.Pattern[str]
    id_wording: str
    page_size: int = 100
    exact_parts: int | None = None
    folded_key: bool = False
    filter_key: str | None = None
    created_at: str | None = None
    delete_before_replace: bool = False
    blocked_delete_hint: str = "remove what still uses it, then run again"
    blocks_realm_delete: bool = False

    @property
    def realm_scoped(self) -> bool:
        """Whether the objects live inside a realm (everything but realms)."""
        return "{realm_id}" in self.path

    @property
    def server_unique(self) -> bool:
        """Whether the server may refuse a second object with the same key (409)."""
        return self.key_evidence != "none"

    def natural_key(self, obj: Mapping[str, Any]) -> tuple[Any, ...]:
        """The natural key of an object or a request body.

        An empty value counts as absent (None): ``resource_server_id: ""`` is no resource server.
        """
        return tuple(value_at(obj, field) for field in self.key_fields)

    def comparable(self, key: tuple[Any, ...]) -> tuple[Any, ...]:
        """A natural key as it is compared: in lower case when the key is case-insensitive.

        Only comparisons fold; a server-side filter gets the value as written (nothing
        documents whether the API's ``eq`` ignores case, and the value as written finds
        this client's own object either way).
        """
        if self.folded_key:
            return tuple(k.lower() if isinstance(k, str) else k for k in key)
        return key


def value_at(obj: Mapping[str, Any], dotted: str) -> Any:
    """The value at a dotted path of a JSON object (None when absent or empty)."""
    node: Any = obj
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    return None if node == "" else node
