"""Checks of the people of a pilot: identities (usernames unique ignoring case, as Beyond
Identity compares them; Traits_v0) and groups (names unique, members among the identities)."""

from __future__ import annotations

from pulumi_beyondidentity.rules import email_problem, realm_name_problem, text_problem

from ._args import CognitoFederationArgs, RealmGroup, RealmIdentity
from ._checks import Checks, Context

MAX_DESCRIPTION = 300


def check_identities(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    seen: set[str] = set()
    for place, entry in c.items("identities", a.identities, what="identities"):
        if not isinstance(entry, RealmIdentity):
            c.fail(place, f"must be a RealmIdentity; got {entry!r}")
            continue
        if c.rule(place.part("username"), entry.username, realm_name_problem) and c.text(
            place.part("username"), entry.username
        ):
            if entry.username.lower() in seen:
                c.fail(
                    place.part("username"),
                    f"repeats an earlier username (ignoring case); got {entry.username!r}",
                )
            seen.add(entry.username.lower())
        if entry.email is not None:
            c.rule(place.part("email"), entry.email, email_problem)
        if entry.display_name is not None:
            c.rule(place.part("display_name"), entry.display_name, realm_name_problem)


def check_groups(c: Checks, a: CognitoFederationArgs, _context: Context) -> None:
    usernames = {
        e.username.lower()
        for e in a.identities or ()
        if isinstance(e, RealmIdentity) and isinstance(e.username, str)
    }
    names: set[str] = set()
    for place, group in c.items("groups", a.groups, what="groups"):
        if not isinstance(group, RealmGroup):
            c.fail(place, f"must be a RealmGroup; got {group!r}")
            continue
        if c.rule(place.part("display_name"), group.display_name, realm_name_problem):
            if group.display_name in names:
                c.fail(
                    place.part("display_name"),
                    f"repeats an earlier group; got {group.display_name!r}",
                )
            names.add(group.display_name)
        if group.description is not None:
            c.rule(
                place.part("description"),
                group.description,
                lambda v: text_problem(v, max_len=MAX_DESCRIPTION),
            )
        for member_place, member in c.items(place.part("members"), group.members, what="usernames"):
            if isinstance(member, str) and member.lower() not in usernames:
                c.fail(
                    member_place,
                    f"must be the username of one of {c.name('identities')}; got {member!r}",
                )
            elif not isinstance(member, str):
                c.fail(member_place, f"must be a username; got {member!r}")
