"""``ResourceServer``: an API whose access tokens Beyond Identity issues."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi.dynamic

from ._client import BeyondIdentityClient, Collection
from ._inputs import Checker
from ._provider import BeyondIdentityProvider
from ._resource import resource_props
from ._settings import Settings
from .rules import (
    RESERVED_IDENTIFIERS,
    UUID_RE,
    display_name_problem,
    identifier_problem,
    realm_id_problem,
    scope_problem,
)

__all__ = [
    "RESERVED_IDENTIFIERS",
    "ResourceServer",
    "ResourceServerArgs",
    "ResourceServerProvider",
    "check_realm_id",
]


def check_realm_id(checker: Checker, raw: Any) -> Any:
    """The parent realm id (16 lowercase hexadecimal characters)."""
    return checker.rule(raw, "realm_id", realm_id_problem)


class ResourceServerProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`ResourceServer`."""

    label = "ResourceServer"
    input_fields = ("realm_id", "display_name", "identifier", "scopes")
    replace_paths = ("realm_id", "identifier")
    set_paths = frozenset({"scopes"})
    id_rule = (UUID_RE, "must be a resource server id (a UUID)")

    def normalize(self, raw: Mapping[str, Any], checker: Checker) -> dict[str, Any]:
        return {
            "realm_id": check_realm_id(checker, raw.get("realm_id")),
            "display_name": checker.rule(
                raw.get("display_name"), "display_name", display_name_problem
            ),
            "identifier": checker.rule(raw.get("identifier"), "identifier", identifier_problem),
            "scopes": checker.string_list(
                raw.get("scopes"), "scopes", default=[], item_rule=scope_problem
            ),
        }

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        return client.resource_servers

    def outputs(self, obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
        return {
            "realm_id": obj.get("realm_id"),
            "display_name": obj.get("display_name"),
            "identifier": obj.get("identifier"),
            "scopes": list(obj.get("scopes") or []),
            "tenant_id": obj.get("tenant_id"),
            "is_managed": bool(obj.get("is_managed", False)),
        }

    def blocked_delete_hint(self, obj_id: str) -> str:
        return (
            f"delete or repoint the applications that use resource server {obj_id}, and empty "
            "its roles, first"
        )


@dataclass
class ResourceServerArgs:
    """The arguments for constructing a :class:`ResourceServer`."""

    realm_id: pulumi.Input[str]
    """The realm to create the resource server in. Changing it replaces the resource server."""
    display_name: pulumi.Input[str]
    """Name shown in the console."""
    identifier: pulumi.Input[str]
    """Unique identifier in the realm, used as the token audience (e.g. ``awsresourceserver``).
    Immutable: changing it replaces the resource server. ``beyondidentity`` is reserved."""
    scopes: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None
    """Scopes the server offers (e.g. ``aws:customclaim``); unordered, no whitespace. Default: none."""
    adopt_id: pulumi.Input[str] | None = None
    """Id of an existing resource server to bring under management instead of creating one."""


class ResourceServer(pulumi.dynamic.Resource, module="beyondidentity", name="ResourceServer"):
    """A Beyond Identity resource server: an API, its audience identifier and its scopes.

    The Pulumi id is the resource server id (a UUID).

    Replaces on change of: ``realm_id``, ``identifier``.

    ## Example Usage

    .. code-block:: python

        api = ResourceServer("aws", realm_id=realm.id, display_name="AWS",
                             identifier="awsresourceserver", scopes=["aws:customclaim"])
    """

    realm_id: pulumi.Output[str]
    """The realm holding the resource server."""
    display_name: pulumi.Output[str]
    """Name shown in the console."""
    identifier: pulumi.Output[str]
    """The audience identifier."""
    scopes: pulumi.Output[list[str]]
    """The scopes offered."""
    tenant_id: pulumi.Output[str]
    """The tenant holding the resource server."""
    is_managed: pulumi.Output[bool]
    """True only for Beyond Identity's own servers (never for ones created here)."""
    adopt_id: pulumi.Output[str | None]
    """The adopted object's id, when it was adopted rather than created."""

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
        """Create a ResourceServer.

        :param resource_name: the Pulumi name of the resource.
        :param args: the arguments, as a :class:`ResourceServerArgs` (or pass them as keywords).
        :param opts: options for the resource.
        :param realm_id: the realm to create it in (required).
        :param display_name: name shown in the console (required).
        :param identifier: unique audience identifier (required, immutable).
        :param scopes: scopes offered.
        :param adopt_id: an existing resource server's id, to adopt instead of creating.
        """
        props = resource_props(
            "ResourceServer",
            args,
            {
                "realm_id": realm_id,
                "display_name": display_name,
                "identifier": identifier,
                "scopes": scopes,
                "adopt_id": adopt_id,
            },
            required=("realm_id", "display_name", "identifier"),
            outputs=("tenant_id", "is_managed"),
        )
        super().__init__(ResourceServerProvider(), resource_name, props, opts)
