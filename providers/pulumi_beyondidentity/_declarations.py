"""Declarations several resources share: the realm id, display names, adoption, server fields,
and an application's credentials (see :mod:`._fields`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Annotated, Any, cast

import pulumi

from ._config import describe_key
from ._connection import Settings, resolve_tenant
from ._errors import ConfigurationError
from ._fields import Field, Out, Reader, Text, derived
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


def _own_id(resource: object) -> pulumi.Output[str]:
    # The mixins below serve DeclaredResource subclasses only: their id is the resource's.
    return cast(pulumi.CustomResource, resource).id


def _stack_config(key: str) -> str | None:
    namespace, _, name = key.partition(":")
    return pulumi.Config(namespace).get(name)


def program_tenant() -> str:
    """The tenant id from the stack settings, as the providers read it (no request)."""
    tenant = resolve_tenant(config=_stack_config, environ=os.environ)
    if tenant is None:
        raise ConfigurationError(
            f"{describe_key('tenant_id')} is required to read tenant_id (it is the "
            "16-character id shown in the Beyond Identity console)"
        )
    return tenant


class TenantOutput:
    """``tenant_id``, computed from the settings rather than kept in every resource's state."""

    @property
    @derived(
        "The tenant holding it (the ``beyondidentity:tenantId`` setting, or the API token's tenant)"
    )
    def tenant_id(self) -> pulumi.Output[str]:
        """The tenant holding it (from the stack settings; not stored in the state)."""
        return _own_id(self).apply(lambda _: program_tenant())


class ManagedOutput:
    """``is_managed``: always false for an object this stack manages (adoption refuses
    Beyond Identity's own objects, and a create never makes one), so never stored."""

    @property
    @derived("True only for Beyond Identity's own objects (never for ones created here)")
    def is_managed(self) -> pulumi.Output[bool]:
        """False: Beyond Identity's own objects are never brought under management."""
        return _own_id(self).apply(lambda _: False)


def protocol_value(key: str) -> Reader:
    """Reads ``protocol_config[key]`` of an application (None when empty)."""

    def read(obj: Mapping[str, Any], _: Settings) -> Any:
        return (obj.get("protocol_config") or {}).get(key) or None

    return read


def _issuer(obj: Mapping[str, Any], settings: Settings) -> str:
    return settings.issuer(str(obj.get("realm_id")), str(obj.get("id")))


class CredentialOutputs:
    """The client id, secret, issuer and endpoints of an application (as outputs).

    The issuer is stored (it needs the settings the provider resolves: the auth host and the
    tenant, which may come from the API token alone); the endpoints are the issuer plus a
    fixed suffix, computed in the program and never stored.
    """

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

    def _endpoint(self, suffix: str) -> pulumi.Output[str]:
        return self.issuer.apply(lambda issuer: issuer + suffix)

    @property
    @derived("``{issuer}/.well-known/openid-configuration``")
    def discovery_url(self) -> pulumi.Output[str]:
        """The OIDC discovery document."""
        return self._endpoint("/.well-known/openid-configuration")

    @property
    @derived("``{issuer}/authorize``")
    def authorize_url(self) -> pulumi.Output[str]:
        """The authorization endpoint."""
        return self._endpoint("/authorize")

    @property
    @derived("``{issuer}/token``")
    def token_url(self) -> pulumi.Output[str]:
        """The token endpoint."""
        return self._endpoint("/token")

    @property
    @derived("``{issuer}/userinfo``")
    def userinfo_url(self) -> pulumi.Output[str]:
        """The userinfo endpoint."""
        return self._endpoint("/userinfo")

    @property
    @derived("``{issuer}/.well-known/jwks.json``")
    def jwks_url(self) -> pulumi.Output[str]:
        """The signing keys."""
        return self._endpoint("/.well-known/jwks.json")
