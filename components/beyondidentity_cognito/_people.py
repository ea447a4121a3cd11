"""The people of a pilot: Beyond Identity identities of the realm and groups of them.

Each identity is named after its username (lower case: Beyond Identity compares usernames
ignoring case) and each group after its display name, so reordering the lists changes nothing
and renaming one replaces only that one. A group's members are the ids of the identities its
usernames name; membership is a set on the group (``pulumi_beyondidentity.Group``), so a change
of members is one update of the group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from pulumi_beyondidentity import Group, Identity

from ._args import RealmGroup, RealmIdentity


@dataclass(frozen=True)
class PeopleObjects:
    """What :func:`people` made."""

    identity_ids: pulumi.Output[dict[str, str]]
    """Username (as declared) -> identity id."""
    group_ids: pulumi.Output[dict[str, str]]
    """Group display name -> group id."""


def people(
    name: str,
    parent: pulumi.Resource,
    *,
    realm_id: pulumi.Output[str],
    identities: Sequence[RealmIdentity],
    groups: Sequence[RealmGroup],
) -> PeopleObjects:
    """An ``Identity`` per declared identity and a ``Group`` per declared group."""
    made: dict[str, Identity] = {}
    for entry in identities:
        made[entry.username.lower()] = Identity(
            f"{name}-identity-{entry.username.lower()}",
            realm_id=realm_id,
            display_name=entry.display_name or entry.username,
            username=entry.username,
            primary_email_address=entry.email,
            opts=pulumi.ResourceOptions(parent=parent),
        )
    made_groups = {
        group.display_name: Group(
            f"{name}-group-{group.display_name}",
            realm_id=realm_id,
            display_name=group.display_name,
            description=group.description,
            members=[made[member.lower()].id for member in group.members],
            opts=pulumi.ResourceOptions(parent=parent),
        )
        for group in groups
    }
    return PeopleObjects(
        identity_ids=_ids({entry.username: made[entry.username.lower()] for entry in identities}),
        group_ids=_ids(made_groups),
    )


def _ids(resources: dict[str, Identity] | dict[str, Group]) -> pulumi.Output[dict[str, str]]:
    keys = list(resources)
    return pulumi.Output.all(*[resources[k].id for k in keys]).apply(
        lambda ids: dict(zip(keys, ids, strict=True))
    )
