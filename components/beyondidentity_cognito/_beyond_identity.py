"""The Beyond Identity side: realm (unless given), resource server, hosted-web authenticator
config, and the OIDC application Cognito signs in with, with its credentials."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi

from pulumi_beyondidentity import (
    Application,
    ApplicationCredentials,
    AuthenticatorConfig,
    AuthenticatorSettingsArgs,
    Hosts,
    ProtocolConfigArgs,
    Realm,
    ResourceServer,
)

from ._choices import Pkce, RealmClassification, SubjectField
from ._inputs import as_list
from ._rotation import application_display_name, application_options


@dataclass(frozen=True)
class BeyondIdentityObjects:
    """What :func:`beyond_identity` made."""

    realm_id: pulumi.Output[str]
    """The realm holding the objects (created or given)."""
    resource_server: ResourceServer
    authenticator: AuthenticatorConfig
    gate: pulumi.Resource
    """The first Beyond Identity resource: AWS resources wait for it."""


@dataclass(frozen=True)
class RealmRequest:
    """The realm to create, or the one to use."""

    realm_id: pulumi.Input[str] | None
    display_name: pulumi.Input[str]
    classification: pulumi.Input[RealmClassification] | None
    force_destroy: pulumi.Input[bool]


def beyond_identity(
    name: str,
    parent: pulumi.Resource,
    realm: RealmRequest,
    *,
    resource_server_display_name: pulumi.Input[str],
    resource_server_identifier: pulumi.Input[str],
    resource_server_scopes: pulumi.Input[Sequence[pulumi.Input[str]]],
    authenticator_display_name: pulumi.Input[str],
    authenticator_settings: AuthenticatorSettingsArgs,
) -> BeyondIdentityObjects:
    """The realm (unless given), resource server and hosted-web authenticator config."""
    created: Realm | None = None
    if realm.realm_id is None:
        created = Realm(
            f"{name}-realm",
            display_name=realm.display_name,
            classification=realm.classification,
            force_destroy=realm.force_destroy,
            opts=pulumi.ResourceOptions(parent=parent),
        )
        realm_id = created.id
    else:
        realm_id = pulumi.Output.from_input(realm.realm_id)
    resource_server = ResourceServer(
        f"{name}-resource-server",
        realm_id=realm_id,
        display_name=resource_server_display_name,
        identifier=resource_server_identifier,
        scopes=as_list(resource_server_scopes),
        opts=pulumi.ResourceOptions(parent=parent),
    )
    authenticator = AuthenticatorConfig(
        f"{name}-authenticator",
        realm_id=realm_id,
        display_name=authenticator_display_name,
        config=authenticator_settings,
        opts=pulumi.ResourceOptions(parent=parent),
    )
    # AWS waits for the first Beyond Identity resource. A check proves the credentials when
    # its step writes: on a first `up` this resource is a create, so a refused or
    # wrong-tenant token stops `up` (also --skip-preview) before AWS is touched; later, a
    # default `up` proves them in its preview pass for any change, before anything is
    # written. Under --skip-preview an unchanged gate proves nothing (docs/resources.md).
    gate: pulumi.Resource = created if created is not None else resource_server
    return BeyondIdentityObjects(realm_id, resource_server, authenticator, gate)


def authenticator_settings(
    hosts: Hosts,
    *,
    trusted_origins: pulumi.Input[Sequence[pulumi.Input[str]]] | None,
    authentication_methods: pulumi.Input[Sequence[pulumi.Input[str]]] | None,
) -> AuthenticatorSettingsArgs:
    """A hosted-web authenticator trusting the Beyond Identity auth host (or the given origins)."""
    origins = as_list(trusted_origins) if trusted_origins is not None else [hosts.hosted_web_origin]
    settings: AuthenticatorSettingsArgs = {"type": "hosted_web", "trusted_origins": origins}
    if authentication_methods is not None:
        settings["authentication_methods"] = as_list(authentication_methods)
    return settings


@dataclass(frozen=True)
class ApplicationObjects:
    """What :func:`application` made."""

    application_id: pulumi.Output[str]
    credentials: ApplicationCredentials


@dataclass(frozen=True)
class ProtocolRequest:
    """What the application's OIDC protocol is told."""

    redirect_uri: pulumi.Input[str]
    allowed_scopes: pulumi.Input[Sequence[pulumi.Input[str]]]
    pkce: pulumi.Input[Pkce]
    token_expires_after: pulumi.Input[int]
    subject_field: pulumi.Input[SubjectField]

    def config(self) -> ProtocolConfigArgs:
        """A confidential OIDC client with the code grant, redirecting to Cognito."""
        return {
            "type": "oidc",
            "confidentiality": "confidential",
            "grant_type": ["authorization_code"],
            "redirect_uris": [self.redirect_uri],
            "allowed_scopes": as_list(self.allowed_scopes),
            "pkce": self.pkce,
            "token_configuration": {
                "expires_after": self.token_expires_after,
                "subject_field": self.subject_field,
            },
        }


def application(
    name: str,
    parent: pulumi.Resource,
    made: BeyondIdentityObjects,
    protocol: ProtocolRequest,
    *,
    display_name: pulumi.Input[str],
    rotation_label: str | None,
    after: pulumi.Resource,
) -> ApplicationObjects:
    """The OIDC application Cognito signs in with, and its credentials."""
    created = Application(
        f"{name}-application",
        realm_id=made.realm_id,
        display_name=application_display_name(display_name, rotation_label),
        resource_server_id=made.resource_server.id,
        authenticator_config_id=made.authenticator.id,
        protocol_config=protocol.config(),
        # Registered only once the redirect URI it names is served by a domain (``after``).
        opts=application_options(
            rotation_label, pulumi.ResourceOptions(parent=parent, depends_on=[after])
        ),
    )
    # The credentials as a resource of their own: they depend only on the application's id,
    # so a change to the application (a rename) leaves them known in the plan and the
    # identity provider is not shown as changing with it.
    credentials = ApplicationCredentials(
        f"{name}-application-credentials",
        realm_id=created.realm_id,
        application_id=created.id,
        opts=pulumi.ResourceOptions(parent=parent),
    )
    return ApplicationObjects(created.id, credentials)
