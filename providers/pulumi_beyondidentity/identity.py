"""``Identity``: a person (or service) of a realm who may sign in through Beyond Identity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import pulumi

from ._declarations import ADOPT_ID, REALM_ID, TenantOutput
from ._fields import Field, Out, Text, declare
from ._provider import BeyondIdentityProvider
from ._resource import DeclaredResource
from ._shapes import OBJECT, OPTIONAL_TEXT, TEXT, AnswerShape
from ._spec import KindSpec
from .rules import REALM_ID_RE, control_problem, email_problem, realm_name_problem, text_problem

__all__ = ["IDENTITY", "STATUSES", "Identity", "IdentityArgs", "IdentityProvider", "IdentityStatus"]

#: An identity's administrative status (Identity.status).
IdentityStatus = Literal["active", "suspended"]


def _traits_value_problem(value: Any) -> str | None:
    return text_problem(value, max_len=256) or control_problem(value)


#: A realm's identities (CreateIdentity ... DeleteIdentity). ``traits.username`` is "a
#: required, unique, case-insensitive username for an identity in the realm" (Traits_v0), a
#: repeat gets a documented 409, and ListIdentities filters on it: the key with the best
#: evidence of any kind here.
IDENTITY = KindSpec(
    label="Identity",
    envelope="identity",
    plural="identities",
    path="/realms/{realm_id}/identities",
    key_fields=("traits.username",),
    key_evidence="documented",
    answer=AnswerShape(
        {
            "realm_id": TEXT,
            "tenant_id": TEXT,
            "display_name": TEXT,
            "status": OPTIONAL_TEXT,
            "enrollment_status": OPTIONAL_TEXT,
            "traits": OBJECT,
            "create_time": TEXT,
            "update_time": TEXT,
        }
    ),
    id_pattern=REALM_ID_RE,
    id_wording="must be an identity id: 16 lowercase hexadecimal characters",
    page_size=200,
    folded_key=True,
    filter_key="traits.username",
    created_at="create_time",
    blocks_realm_delete=True,
)


@dataclass
class IdentityArgs:
    """The arguments for constructing an :class:`Identity`."""

    realm_id: Annotated[pulumi.Input[str], REALM_ID]
    display_name: Annotated[
        pulumi.Input[str],
        Field(
            "Name shown in the console: 1-64 characters, none of ``{}[]<>;:?\\/|*^%$#=~`!``",
            Text(realm_name_problem),
        ),
    ]
    username: Annotated[
        pulumi.Input[str],
        Field(
            "The sign-in name (``traits.username``): 1-64 characters, none of "
            "``{}[]<>;:?\\/|*^%$#=~`!``; unique in the realm, ignoring case",
            Text(realm_name_problem),
            api_name="traits.username",
        ),
    ]
    primary_email_address: Annotated[
        pulumi.Input[str] | None,
        Field(
            "Email address serving as the identity's primary contact",
            Text(email_problem),
            api_name="traits.primary_email_address",
        ),
    ] = None
    external_id: Annotated[
        pulumi.Input[str] | None,
        Field(
            "An id issued by your provisioning system (Beyond Identity does not check that it "
            "is unique)",
            Text(_traits_value_problem),
            api_name="traits.external_id",
        ),
    ] = None
    status: Annotated[
        pulumi.Input[IdentityStatus] | None,
        Field(
            "``active`` may create passkeys and sign in; ``suspended`` may not",
            default="active",
        ),
    ] = None
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class Identity(DeclaredResource, TenantOutput, module="beyondidentity", name="Identity"):
    """A Beyond Identity identity: a user of the realm.

    The Pulumi id is the identity id (16 hexadecimal characters).

    ## Example Usage

    .. code-block:: python

        alice = Identity("alice", realm_id=realm.id, display_name="Alice Example",
                         username="alice", primary_email_address="alice@example.com")
    """

    realm_id: pulumi.Output[str]
    display_name: pulumi.Output[str]
    username: pulumi.Output[str]
    primary_email_address: pulumi.Output[str | None]
    external_id: pulumi.Output[str | None]
    status: pulumi.Output[IdentityStatus]
    enrollment_status: Annotated[
        pulumi.Output[str | None],
        Out(
            "``ENROLLED`` (has a passkey), ``PENDING``, ``INVITE_FAILED`` or ``UNENROLLED``, "
            "as last read"
        ),
    ]
    create_time: Annotated[pulumi.Output[str], Out("When the identity was created (RFC 3339)")]
    update_time: Annotated[pulumi.Output[str], Out("When the identity last changed (RFC 3339)")]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: IdentityArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        display_name: pulumi.Input[str] | None = None,
        username: pulumi.Input[str] | None = None,
        primary_email_address: pulumi.Input[str] | None = None,
        external_id: pulumi.Input[str] | None = None,
        status: pulumi.Input[IdentityStatus] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create an Identity."""
        self._declare(IdentityProvider(), resource_name, args, opts, locals())


class IdentityProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Identity`."""

    fields = declare("Identity", IdentityArgs, Identity)
    spec = IDENTITY

    def to_api(self, inputs: Mapping[str, Any]) -> dict[str, Any]:
        # Every write carries the traits schema's type (Traits_v0: "must be provided on all
        # writes"); a PATCH sends the traits whole.
        body = super().to_api(inputs)
        body["traits"] = {"type": "traits_v0", **body.get("traits", {})}
        return body


#: The values of ``status``.
STATUSES = IdentityProvider.fields.field("status").choices
