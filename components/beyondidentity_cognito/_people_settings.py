"""The ``identities`` and ``groups`` stack settings (lists of objects) as the component's
records: ``{username, email, displayName}`` and ``{displayName, description, members}``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from ._args import RealmGroup, RealmIdentity

_IDENTITY_KEYS = {"username": "username", "email": "email", "displayName": "display_name"}
_GROUP_KEYS = {"displayName": "display_name", "description": "description", "members": "members"}


def _records(
    key: str, entries: Any, keys: Mapping[str, str], make: Callable[..., Any], what: str
) -> Any:
    if not isinstance(entries, list):
        return entries  # reported by the component: "must be a list of ..."
    records: list[Any] = []
    for index, entry in enumerate(entries):
        unknown = sorted(set(entry) - set(keys)) if isinstance(entry, dict) else []
        if not isinstance(entry, dict) or unknown:
            raise pulumi.RunError(f"{key}[{index}]: must be an object with {what}; got {entry!r}")
        records.append(make(**{keys[k]: v for k, v in entry.items()}))
    return records


def read_identities(key: str, entries: Any) -> Any:
    """``[{username, email, displayName}]`` as :class:`RealmIdentity` s."""
    return _records(key, entries, _IDENTITY_KEYS, RealmIdentity, "username, email, displayName")


def read_groups(key: str, entries: Any) -> Any:
    """``[{displayName, description, members}]`` as :class:`RealmGroup` s."""
    return _records(key, entries, _GROUP_KEYS, RealmGroup, "displayName, description, members")
