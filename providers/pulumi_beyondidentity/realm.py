"""``Realm``: an administrative domain of a Beyond Identity tenant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import pulumi

from ._declarations import ADOPT_ID, TenantOutput
from ._errors import BeyondIdentityError, NotFoundError
from ._fields import Field, Flag, Out, Text, declare
from ._provider import BeyondIdentityProvider
from ._resource import DeclaredResource
from ._shapes import OPTIONAL_TEXT, TEXT, AnswerShape
from ._spec import KindSpec
from .rules import REALM_ID_RE, REALM_NAME_RE, realm_name_problem

__all__ = ["CLASSIFICATIONS", "REALM", "REALM_NAME_RE", "Realm", "RealmArgs", "RealmProvider"]

#: Realms. Names may be refused as repeats (409, undocumented); listed at the largest page
#: the contract allows (200).
REALM = KindSpec(
    label="Realm",
    envelope="realm",
    plural="realms",
    path="/realms",
    key_fields=("display_name",),
    key_evidence="undocumented",
    answer=AnswerShape(
        {
            "tenant_id": TEXT,
            "display_name": TEXT,
            "classification": OPTIONAL_TEXT,
            "create_time": TEXT,
            "update_time": TEXT,
        }
    ),
    id_pattern=REALM_ID_RE,
    id_wording="must be a realm id: 16 lowercase hexadecimal characters",
    page_size=200,
    created_at="create_time",
    # Realm names are unique in a tenant: the old realm must go before the new one.
    delete_before_replace=True,
    blocked_delete_hint=(
        "a realm can be deleted only when it holds no identities, groups or roles; "
        "remove them from realm {id} in the Beyond Identity console"
    ),
)


@dataclass
class RealmArgs:
    """The arguments for constructing a :class:`Realm`."""

    display_name: Annotated[
        pulumi.Input[str],
        Field(
            "Name shown in the console: 1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``; "
            "unique in the tenant",
            Text(realm_name_problem),
        ),
    ]
    classification: Annotated[
        pulumi.Input[str] | None,
        Field(
            "The realm's classification (on a change the old realm is deleted first, since "
            "realm names are unique)",
            default="SECURE_CUSTOMER",
            choices=("SECURE_CUSTOMER", "SECURE_WORKFORCE"),
            replaces=True,
        ),
    ] = None
    force_destroy: Annotated[
        pulumi.Input[bool] | None,
        Field(
            "Delete the realm even when it holds applications, resource servers or "
            "authenticator configs this stack does not manage (Beyond Identity deletes them "
            "with it). Off: such a delete stops and names them. Takes effect once a "
            "``pulumi up`` has recorded it, like an S3 bucket's ``force_destroy``",
            Flag(),
            default=False,
            in_body=False,
        ),
    ] = None
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class Realm(DeclaredResource, TenantOutput, module="beyondidentity", name="Realm"):
    """A Beyond Identity realm: the home of identities, applications and policies.

    The Pulumi id is the realm id (16 hexadecimal characters).

    ## Example Usage

    .. code-block:: python

        realm = Realm("customers", display_name="Customers")
    """

    display_name: pulumi.Output[str]
    classification: pulumi.Output[str]
    force_destroy: pulumi.Output[bool]
    create_time: Annotated[pulumi.Output[str], Out("When the realm was created (RFC 3339)")]
    update_time: Annotated[pulumi.Output[str], Out("When the realm last changed (RFC 3339)")]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: RealmArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        display_name: pulumi.Input[str] | None = None,
        classification: pulumi.Input[str] | None = None,
        force_destroy: pulumi.Input[bool] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create a Realm."""
        self._declare(RealmProvider(), resource_name, args, opts, locals())


class RealmProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Realm` (create, read, update, delete by the v1 API)."""

    fields = declare("Realm", RealmArgs, Realm)
    spec = REALM

    #: The kinds a realm holds, for the delete guard: every realm-scoped kind of the
    #: registry (set by :mod:`._registry`, which lists every kind).
    @staticmethod
    def held_kinds() -> tuple[KindSpec, ...]:
        """The kinds a realm holds, which its delete guard lists: every other kind."""
        # Imported here, not at the top: the registry imports this module. Not a class
        # attribute the registry sets either: a process that never imports the registry
        # (the lazy package) would have guarded nothing.
        from ._registry import REALM_HELD

        return REALM_HELD

    def _outs(self, obj: Mapping[str, Any], props: Mapping[str, Any]) -> dict[str, Any]:
        # Not an API field: the state keeps what was declared, for delete to read.
        return {**super()._outs(obj, props), "force_destroy": props.get("force_destroy") is True}

    def before_delete(self, id_: str, props: Mapping[str, Any]) -> None:
        """Refuse to delete a realm holding objects the stack does not manage.

        Beyond Identity deletes a realm's applications, resource servers and authenticator
        configs with it, and refuses (409) while it holds identities, groups or roles
        (DeleteRealm). The engine deletes the stack's own objects in the realm first, so
        whatever is left was made elsewhere: those the realm would take with it stop the
        delete unless ``force_destroy`` says to delete them anyway; those that block it stop
        it always, named, since Beyond Identity would refuse. Objects Beyond Identity
        manages itself (``is_managed``) do not count: the realm brings them.
        """
        force = props.get("force_destroy") is True
        blocking: list[str] = []
        taken: list[str] = []
        try:
            for kind in self.held_kinds():
                if force and not kind.blocks_realm_delete:
                    continue
                found = blocking if kind.blocks_realm_delete else taken
                found += [
                    f"{kind.envelope.replace('_', ' ')} {obj.get('display_name')!r} ({obj.get('id')})"
                    for obj in self.client.collection(kind).list(realm_id=id_)
                    if not obj.get("is_managed")
                ]
        except NotFoundError as gone:
            # Only the realm's own answer proves it is gone: a listing's 404 after others
            # found objects must not let the DELETE take them with the realm.
            if self._realm_is_gone(id_):
                return
            raise BeyondIdentityError(
                f"realm {id_} was not deleted: a listing of what it holds answered 404 "
                f"({gone}) while the realm itself still exists, so what it holds is not "
                "known; nothing was deleted. Run the command again; if it persists, check the "
                "realm's identities, groups, applications, resource servers and authenticator "
                "configs in Beyond Identity."
            ) from gone
        if blocking:
            raise BeyondIdentityError(blocking_contents(id_, blocking))
        if taken:
            raise BeyondIdentityError(unmanaged_contents(id_, taken))

    def _realm_is_gone(self, realm_id: str) -> bool:
        try:
            self.client.collection(REALM).get(realm_id)
        except NotFoundError:
            return True
        return False


def blocking_contents(realm_id: str, left: list[str]) -> str:
    """Why a realm's delete stopped at identities or groups the stack does not manage."""
    return (
        f"realm {realm_id} was not deleted: it holds {len(left)} identity or group object(s) "
        "this stack does not manage, and Beyond Identity refuses (409) to delete a realm that "
        f"holds identities, groups or roles: {'; '.join(left)}. If nobody needs them, delete "
        "them in Beyond Identity (a group's members first) and run the command again; "
        "force_destroy does not delete them. Or keep the realm by setting the "
        "`retain_on_delete` resource option, or remove it from the stack with "
        "`pulumi state delete <urn>`."
    )


def unmanaged_contents(realm_id: str, left: list[str]) -> str:
    """Why a realm's delete stopped at objects the stack does not manage, and what to do."""
    return (
        f"realm {realm_id} was not deleted: it holds {len(left)} object(s) this stack does not "
        f"manage, which Beyond Identity would delete with it: {'; '.join(left)}. If nobody "
        "needs them, delete them in Beyond Identity and run the command again. To delete the "
        "realm with everything in it, set the realm's force_destroy (CognitoFederation: "
        "realm_force_destroy; stack setting: realmForceDestroy), run pulumi up, then run "
        "the command again. To keep the realm, remove it from the stack with "
        "`pulumi state delete <urn>` instead."
    )


#: The realm classifications Beyond Identity knows.
CLASSIFICATIONS = RealmProvider.fields.field("classification").choices
