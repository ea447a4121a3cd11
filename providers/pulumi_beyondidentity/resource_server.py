"""``ResourceServer``: an API whose access tokens Beyond Identity issues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

import pulumi

from ._declarations import ADOPT_ID, DISPLAY_NAME, REALM_ID, ManagedOutput, TenantOutput
from ._fields import Field, Strings, Text, declare
from ._provider import BeyondIdentityProvider
from ._resource import DeclaredResource
from ._shapes import OPTIONAL_FLAG, OPTIONAL_LIST, TEXT, AnswerShape
from ._spec import KindSpec
from .rules import RESERVED_IDENTIFIERS, UUID_RE, identifier_problem, scope_problem

__all__ = [
    "RESERVED_IDENTIFIERS",
    "RESOURCE_SERVER",
    "ResourceServer",
    "ResourceServerArgs",
    "ResourceServerProvider",
]


#: A realm's resource servers. Identifiers may be refused as repeats (409, undocumented).
RESOURCE_SERVER = KindSpec(
    label="ResourceServer",
    envelope="resource_server",
    plural="resource_servers",
    path="/realms/{realm_id}/resource-servers",
    key_fields=("identifier",),
    key_evidence="undocumented",
    answer=AnswerShape(
        {
            "realm_id": TEXT,
            "tenant_id": TEXT,
            "display_name": TEXT,
            "identifier": TEXT,
            "scopes": OPTIONAL_LIST,
            "is_managed": OPTIONAL_FLAG,
        }
    ),
    id_pattern=UUID_RE,
    id_wording="must be a resource server id (a UUID)",
    blocked_delete_hint=(
        "delete or repoint the applications that use resource server {id}, and empty "
        "its roles, first"
    ),
)


@dataclass
class ResourceServerArgs:
    """The arguments for constructing a :class:`ResourceServer`."""

    realm_id: Annotated[pulumi.Input[str], REALM_ID]
    display_name: Annotated[pulumi.Input[str], DISPLAY_NAME]
    identifier: Annotated[
        pulumi.Input[str],
        Field(
            "Unique identifier in the realm, used as the token audience (e.g. "
            "``awsresourceserver``); no whitespace; ``beyondidentity`` is reserved",
            Text(identifier_problem),
            replaces=True,
        ),
    ]
    scopes: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]] | None,
        Field(
            "Scopes the server offers (e.g. ``aws:customclaim``), no whitespace, no repeats; "
            "default: none",
            Strings(item_rule=scope_problem),
            default=[],
            unordered=True,
        ),
    ] = None
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class ResourceServer(
    DeclaredResource, TenantOutput, ManagedOutput, module="beyondidentity", name="ResourceServer"
):
    """A Beyond Identity resource server: an API, its audience identifier and its scopes.

    The Pulumi id is the resource server id (a UUID).

    ## Example Usage

    .. code-block:: python

        api = ResourceServer("aws", realm_id=realm.id, display_name="AWS",
                             identifier="awsresourceserver", scopes=["aws:customclaim"])
    """

    realm_id: pulumi.Output[str]
    display_name: pulumi.Output[str]
    identifier: pulumi.Output[str]
    scopes: pulumi.Output[list[str]]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: ResourceServerArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        display_name: pulumi.Input[str] | None = None,
        identifier: pulumi.Input[str] | None = None,
        scopes: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create a ResourceServer."""
        self._declare(ResourceServerProvider(), resource_name, args, opts, locals())


class ResourceServerProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`ResourceServer`."""

    fields = declare("ResourceServer", ResourceServerArgs, ResourceServer)
    spec = RESOURCE_SERVER
