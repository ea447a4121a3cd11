"""Declarations several resources share: the realm id, display names, adoption, server fields,
and an application's credentials (see :mod:`._fields`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pulumi

from ._connection import Settings
from ._fields import Field, Out, Reader, Text
from .rules import display_name_problem, realm_id_problem

REALM_ID = Field(
    "The realm holding it (16 lowercase hexadecimal characters)",
    Text(realm_id_problem),
    replaces=True,
    in_body=False,
)
DISPLAY_NAME = Field("Name shown in the console", Text(display_name_problem))
ADOPT_ID = Field(
    "Id of an existing object to bring under management instead of creating one "
    "(see docs/resources.md, Existing objects)"
)
TENANT_ID = Out("The tenant holding it")
IS_MANAGED = Out(
    "True only for Beyond Identity's own objects (never for ones created here)",
    read=lambda obj, _: bool(obj.get("is_managed", False)),
)


def protocol_value(key: str) -> Reader:
    """Reads ``protocol_config[key]`` of an application (None when empty)."""

    def read(obj: Mapping[str, Any], _: Settings) -> Any:
        return (obj.get("protocol_config") or {}).get(key) or None

    return read


def _issuer(obj: Mapping[str, Any], settings: Settings) -> str:
    return settings.issuer(str(obj.get("realm_id")), str(obj.get("id")))


def _endpoint(suffix: str) -> Out:
    return Out(f"``{{issuer}}{suffix}``", read=lambda obj, s: _issuer(obj, s) + suffix)


class CredentialOutputs:
    """The client id, secret, issuer and endpoints of an application (as outputs)."""

    client_id: Annotated[
        pulumi.Output[str], Out("The OAuth client id", read=protocol_value("client_id"))
    ]
    client_secret: Annotated[
        pulumi.Output[str | None],
        Out(
            "The OAuth client secret (a secret; none for public clients)",
            read=protocol_value("client_secret"),
            secret=True,
        ),
    ]
    issuer: Annotated[
        pulumi.Output[str],
        Out("The OIDC issuer: ``{auth}/v1/tenants/{t}/realms/{r}/applications/{id}``", _issuer),
    ]
    discovery_url: Annotated[pulumi.Output[str], _endpoint("/.well-known/openid-configuration")]
    authorize_url: Annotated[pulumi.Output[str], _endpoint("/authorize")]
    token_url: Annotated[pulumi.Output[str], _endpoint("/token")]
    userinfo_url: Annotated[pulumi.Output[str], _endpoint("/userinfo")]
    jwks_url: Annotated[pulumi.Output[str], _endpoint("/.well-known/jwks.json")]
