"""``Realm``: an administrative domain of a Beyond Identity tenant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi.dynamic

from ._client import BeyondIdentityClient, Collection
from ._inputs import Checker
from ._provider import BeyondIdentityProvider
from ._resource import resource_props
from ._settings import Settings
from .rules import REALM_ID_RE, REALM_NAME_RE, realm_name_problem

__all__ = ["CLASSIFICATIONS", "REALM_NAME_RE", "Realm", "RealmArgs", "RealmProvider"]
CLASSIFICATIONS = ("SECURE_CUSTOMER", "SECURE_WORKFORCE")


class RealmProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Realm` (create, read, update, delete by the v1 API)."""

    label = "Realm"
    input_fields = ("display_name", "classification")
    replace_paths = ("classification",)
    realm_scoped = False
    # Realm names are unique in a tenant: the old realm must go before the new one.
    delete_before_replace = True
    id_rule = (REALM_ID_RE, "must be a realm id: 16 lowercase hexadecimal characters")

    def normalize(self, raw: Mapping[str, Any], checker: Checker) -> dict[str, Any]:
        return {
            "display_name": checker.rule(
                raw.get("display_name"), "display_name", realm_name_problem
            ),
            "classification": checker.string(
                raw.get("classification"),
                "classification",
                default="SECURE_CUSTOMER",
                choices=CLASSIFICATIONS,
            ),
        }

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        return client.realms

    def to_api(self, inputs: Mapping[str, Any]) -> dict[str, Any]:
        return {"display_name": inputs["display_name"], "classification": inputs["classification"]}

    def outputs(self, obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
        return {
            "display_name": obj.get("display_name"),
            "classification": obj.get("classification") or "SECURE_CUSTOMER",
            "tenant_id": obj.get("tenant_id"),
            "create_time": obj.get("create_time"),
            "update_time": obj.get("update_time"),
        }

    def blocked_delete_hint(self, obj_id: str) -> str:
        return (
            "a realm can be deleted only when it holds no identities, groups or roles; "
            f"remove them from realm {obj_id} in the Beyond Identity console"
        )


@dataclass
class RealmArgs:
    """The arguments for constructing a :class:`Realm`."""

    display_name: pulumi.Input[str]
    """Name shown in the console: 1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``. Unique in the tenant."""
    classification: pulumi.Input[str] | None = None
    """``SECURE_CUSTOMER`` (default) or ``SECURE_WORKFORCE``. Changing it replaces the realm."""
    adopt_id: pulumi.Input[str] | None = None
    """Id of an existing realm to bring under management instead of creating one (see README)."""


class Realm(pulumi.dynamic.Resource, module="beyondidentity", name="Realm"):
    """A Beyond Identity realm: the home of identities, applications and policies.

    The Pulumi id is the realm id (16 hexadecimal characters).

    Replaces on change of: ``classification`` (the old realm is deleted first,
    since realm names are unique).

    ## Example Usage

    .. code-block:: python

        realm = Realm("customers", display_name="Customers")
    """

    display_name: pulumi.Output[str]
    """The realm's name."""
    classification: pulumi.Output[str]
    """``SECURE_CUSTOMER`` or ``SECURE_WORKFORCE``."""
    tenant_id: pulumi.Output[str]
    """The tenant holding the realm."""
    create_time: pulumi.Output[str]
    """When the realm was created (RFC 3339)."""
    update_time: pulumi.Output[str]
    """When the realm last changed (RFC 3339)."""
    adopt_id: pulumi.Output[str | None]
    """The adopted realm's id, when the realm was adopted rather than created."""

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
        """Create a Realm.

        :param resource_name: the Pulumi name of the resource.
        :param args: the arguments, as a :class:`RealmArgs` (or pass them as keywords).
        :param opts: options for the resource.
        :param display_name: the realm's name (required).
        :param classification: ``SECURE_CUSTOMER`` (default) or ``SECURE_WORKFORCE``.
        :param adopt_id: an existing realm's id, to adopt instead of creating.
        """
        props = resource_props(
            "Realm",
            args,
            {"display_name": display_name, "classification": classification, "adopt_id": adopt_id},
            required=("display_name",),
            outputs=("tenant_id", "create_time", "update_time"),
        )
        super().__init__(RealmProvider(), resource_name, props, opts)
