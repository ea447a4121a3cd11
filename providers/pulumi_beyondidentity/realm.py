"""``Realm``: an administrative domain of a Beyond Identity tenant."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import pulumi

from ._client import BeyondIdentityClient, Collection
from ._declarations import ADOPT_ID, TENANT_ID
from ._fields import Field, Out, Text, declare
from ._provider import BeyondIdentityProvider
from ._resource import DeclaredResource
from .rules import REALM_ID_RE, REALM_NAME_RE, realm_name_problem

__all__ = ["CLASSIFICATIONS", "REALM_NAME_RE", "Realm", "RealmArgs", "RealmProvider"]


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
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class Realm(DeclaredResource, module="beyondidentity", name="Realm"):
    """A Beyond Identity realm: the home of identities, applications and policies.

    The Pulumi id is the realm id (16 hexadecimal characters).

    ## Example Usage

    .. code-block:: python

        realm = Realm("customers", display_name="Customers")
    """

    display_name: pulumi.Output[str]
    classification: pulumi.Output[str]
    tenant_id: Annotated[pulumi.Output[str], TENANT_ID]
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
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create a Realm."""
        super().__init__(RealmProvider(), resource_name, args, opts, locals())


class RealmProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Realm` (create, read, update, delete by the v1 API)."""

    fields = declare("Realm", RealmArgs, Realm)
    realm_scoped = False
    # Realm names are unique in a tenant: the old realm must go before the new one.
    delete_before_replace = True
    id_rule = (REALM_ID_RE, "must be a realm id: 16 lowercase hexadecimal characters")

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        return client.realms

    def blocked_delete_hint(self, obj_id: str) -> str:
        return (
            "a realm can be deleted only when it holds no identities, groups or roles; "
            f"remove them from realm {obj_id} in the Beyond Identity console"
        )


#: The realm classifications Beyond Identity knows.
CLASSIFICATIONS = RealmProvider.fields.field("classification").choices
