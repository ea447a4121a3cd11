"""``Group``: identities of a realm taken together, with its members as a set on the group.

Members are a property of the group, not a resource of their own: the group's diff shows
exactly which identity ids join and leave, an update sends one ``:addMembers`` and/or one
``:deleteMembers`` (AddGroupMembers, DeleteGroupMembers), adopting a group brings its member
list under management with it, and a delete first empties the group, since Beyond Identity
refuses to delete a group with members (DeleteGroup, 409). The members are read with
ListGroupMembers (``:listMembers``), through the package's one page iterator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import pulumi
from pulumi.dynamic import CreateResult, ReadResult, UpdateResult

from ._declarations import ADOPT_ID, REALM_ID, TenantOutput
from ._errors import BeyondIdentityError, NotFoundError, UpdateOutcomeUnknownError
from ._fields import Field, Out, Strings, Text, declare
from ._provider import BeyondIdentityProvider, plain_errors
from ._resource import DeclaredResource
from ._shapes import TEXT, AnswerShape, object_problem, page_problem
from ._spec import KindSpec
from .identity import IDENTITY
from .rules import REALM_ID_RE, REALM_NAME_RE, id_problem, realm_name_problem, text_problem

if TYPE_CHECKING:
    # The client stack is for the provider process only (see _provider.py).
    from ._client import BeyondIdentityClient

__all__ = ["GROUP", "Group", "GroupArgs", "GroupProvider"]

#: AddGroupMembers and DeleteGroupMembers take 1 to 1000 identity ids per request.
MEMBERS_PER_REQUEST = 1000

#: A realm's groups (CreateGroup ... DeleteGroup). Nothing documents that group names are
#: unique, yet a server may refuse a repeat (409) as it may for realm names, so a create
#: lists the realm's groups just before its POST, as for realms and resource servers.
GROUP = KindSpec(
    label="Group",
    envelope="group",
    plural="groups",
    path="/realms/{realm_id}/groups",
    key_fields=("display_name",),
    key_evidence="undocumented",
    answer=AnswerShape(
        {
            "realm_id": TEXT,
            "tenant_id": TEXT,
            "display_name": TEXT,
            "description": (str, type(None)),
            "create_time": TEXT,
            "update_time": TEXT,
        }
    ),
    id_pattern=REALM_ID_RE,
    id_wording="must be a group id: 16 lowercase hexadecimal characters",
    page_size=200,
    created_at="create_time",
    blocked_delete_hint="remove the group's members (and its roles) first",
    blocks_realm_delete=True,
)


def _description_problem(value: Any) -> str | None:
    return text_problem(
        value,
        max_len=300,
        pattern=REALM_NAME_RE,
        rule="must not contain any of {}[]<>;:?\\/|*^%$#=~`!",
    )


def _member_problem(value: Any) -> str | None:
    return id_problem(value, REALM_ID_RE, "an identity id: 16 lowercase hexadecimal characters")


@dataclass
class GroupArgs:
    """The arguments for constructing a :class:`Group`."""

    realm_id: Annotated[pulumi.Input[str], REALM_ID]
    display_name: Annotated[
        pulumi.Input[str],
        Field(
            "Name shown in the console: 1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``",
            Text(realm_name_problem),
        ),
    ]
    description: Annotated[
        pulumi.Input[str] | None,
        Field(
            "What the group is for: up to 300 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``",
            Text(_description_problem),
        ),
    ] = None
    members: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]] | None,
        Field(
            "Ids of the identities in the group (e.g. ``identity.id``), no repeats; default: none",
            Strings(item_rule=_member_problem),
            default=[],
            unordered=True,
            in_body=False,
        ),
    ] = None
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class Group(DeclaredResource, TenantOutput, module="beyondidentity", name="Group"):
    """A Beyond Identity group and its members.

    The Pulumi id is the group id (16 hexadecimal characters).

    ## Example Usage

    .. code-block:: python

        pilots = Group("pilots", realm_id=realm.id, display_name="Pilot users",
                       members=[alice.id, bob.id])
    """

    realm_id: pulumi.Output[str]
    display_name: pulumi.Output[str]
    description: pulumi.Output[str | None]
    members: pulumi.Output[list[str]]
    create_time: Annotated[pulumi.Output[str], Out("When the group was created (RFC 3339)")]
    update_time: Annotated[pulumi.Output[str], Out("When the group last changed (RFC 3339)")]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: GroupArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        display_name: pulumi.Input[str] | None = None,
        description: pulumi.Input[str] | None = None,
        members: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create a Group."""
        self._declare(GroupProvider(), resource_name, args, opts, locals())


class GroupProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Group`: the group by the groups API, its members by
    ``:addMembers``, ``:deleteMembers`` and ``:listMembers``."""

    fields = declare("Group", GroupArgs, Group)
    spec = GROUP

    @plain_errors
    def create(self, props: dict[str, Any]) -> CreateResult:
        """Create (or adopt) the group, then make its members the declared ones."""
        made = super().create(props)
        realm_id = str(props["realm_id"])
        wanted = self._checked(props)["members"]
        try:
            members = Members(self.client, realm_id, str(made.id))
            current = set(members.ids())  # an adopted group's members: made the declared ones
            members.change(add=set(wanted) - current, remove=current - set(wanted))
            outs = {**(made.outs or {}), "members": sorted(members.ids())}
        except BeyondIdentityError as exc:
            raise BeyondIdentityError(
                f"Group {made.id} was created (or adopted) in realm {realm_id}, but setting its "
                f"members failed: {exc}. To manage it, run pulumi up again with "
                f"--config beyondidentity:adoptIds={made.id} (its members are then set), or "
                "delete it"
            ) from None
        return CreateResult(made.id, outs)

    @plain_errors
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """The group and its current members (a refresh shows who joined or left)."""
        found = super().read(id_, props)
        if found.id is None or found.outs is None:
            return found
        try:
            members = sorted(Members(self.client, str(props["realm_id"]), id_).ids())
        except NotFoundError:
            return ReadResult(None, {})
        outs = {**found.outs, "members": members}
        return ReadResult(id_, outs, {**(found.inputs or {}), "members": members})

    @plain_errors
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """PATCH the name or description if they changed; then one ``:addMembers`` for who
        joins and one ``:deleteMembers`` for who leaves (as the diff showed them)."""
        old, new = self._normal(olds), self._checked(news)
        realm_id = str(new["realm_id"])
        if self.to_api(old) != self.to_api(new):
            obj: Mapping[str, Any] = self.collection(self.client).update(
                id_, self.to_api(new), realm_id=realm_id
            )
        else:
            obj = self.collection(self.client).get(id_, realm_id=realm_id)
        before, after = set(old.get("members") or []), set(new["members"])
        Members(self.client, realm_id, id_).change(add=after - before, remove=before - after)
        return UpdateResult({**self._outs(obj, news), "members": sorted(after)})

    def before_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        """Empty the group first: Beyond Identity refuses to delete a group with members."""
        members = Members(self.client, str(props["realm_id"]), id_)
        try:
            members.change(add=set(), remove=set(members.ids()))
        except NotFoundError:
            return  # the group is gone already; the delete says so


class Members:
    """The members of one group, read and changed through the group's custom methods.

    :param client: the API client.
    :param realm_id: the group's realm.
    :param group_id: the group.
    """

    def __init__(self, client: BeyondIdentityClient, realm_id: str, group_id: str) -> None:
        self._client = client
        self._path = client.collection(GROUP).path_of(group_id, realm_id=realm_id)
        self._group_id = group_id

    def ids(self) -> list[str]:
        """The ids of every member (ListGroupMembers, all pages)."""
        from ._transport import pages

        path = self._path + ":listMembers"
        identities = pages(
            self._client,
            path,
            IDENTITY.plural,
            IDENTITY.page_size,
            shape=lambda body: page_problem(IDENTITY.answer, IDENTITY.plural, body),
        )
        return [str(identity["id"]) for identity in identities]

    def change(self, *, add: Iterable[str], remove: Iterable[str]) -> None:
        """Add and remove members, at most 1000 ids per request (none: no request)."""
        for method, ids in ((":deleteMembers", sorted(remove)), (":addMembers", sorted(add))):
            for start in range(0, len(ids), MEMBERS_PER_REQUEST):
                self._send(method, ids[start : start + MEMBERS_PER_REQUEST])

    def _send(self, method: str, ids: list[str]) -> None:
        """One request; a lost answer is settled by reading the members back, never resent
        blindly (a late copy could undo a later change, as with a PATCH)."""
        from ._retry import is_safe_to_resend_patch, outcome_unknown

        path = self._path + method
        try:
            self._client.request(
                "POST",
                path,
                json={"identity_ids": ids},
                shape=lambda body: object_problem(GROUP.answer, body, self._group_id),
                retryable=is_safe_to_resend_patch,
            )
        except BeyondIdentityError as exc:
            if not outcome_unknown(exc):
                raise
            self._settle(path, method, ids, exc)

    def _settle(self, path: str, method: str, ids: list[str], error: BeyondIdentityError) -> None:
        try:
            present = set(self.ids())
        except BeyondIdentityError:
            present = None
        adding = method == ":addMembers"
        if present is not None and all((i in present) == adding for i in ids):
            return
        raise UpdateOutcomeUnknownError(
            f"POST {path}: the answer was lost, late or unusable ({error}), and reading the "
            "members back does not show the change. Beyond Identity may still carry it out: run "
            "`pulumi preview --refresh` to compare, then `pulumi up`",
            object_path=path,
        ) from None
