"""``CognitoFederation``: Beyond Identity as the passwordless OIDC identity provider of a Cognito pool.

The constructor checks the arguments (``_validation``), then calls the builders in the guide's
order; each builder gets the values it needs and returns a record of what it made, and the
component's outputs are assigned from those records in one place (``_publish``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_beyondidentity import Hosts

from ._app_client import AppClientObjects, ClientRequest, app_client
from ._args import DEFAULT_ATTRIBUTE_MAPPING, DEFAULT_USER_POOL_TIER, CognitoFederationArgs
from ._beyond_identity import (
    ApplicationObjects,
    BeyondIdentityObjects,
    ProtocolRequest,
    RealmRequest,
    application,
    authenticator_settings,
    beyond_identity,
)
from ._checks import Context
from ._domain import DomainObjects, DomainRequest, domain
from ._hosts import read_hosts
from ._identity_provider import IdentityProviderObjects, identity_provider, provider_details
from ._managed_login import BrandingRequest, LoginPages, login_pages
from ._outputs import FederationOutput, declared_outputs, output_values
from ._token_policy import TokenPolicy
from ._unrecorded import Owner
from ._user_pool import PoolRequest, UserPoolObjects, user_pool
from ._validation import Judge
from ._wording import Wording

TYPE_TOKEN = "beyondidentity:index:CognitoFederation"


def default_name(name: str) -> str:
    """``<project>-<stack>-<name>``: the default realm, user pool and app client name.

    The realm name must be unique in the Beyond Identity tenant, so a default made of the
    component name alone would collide as soon as a second stack (or project) shares the
    tenant. Pool and client names need not be unique in AWS; they follow suit so the console
    tells the stacks apart.
    """
    return f"{pulumi.get_project()}-{pulumi.get_stack()}-{name}"


@dataclass(frozen=True)
class _Made:
    """Everything the builders made, for the outputs."""

    region: pulumi.Output[str]
    beyond_identity: BeyondIdentityObjects
    user_pool: UserPoolObjects
    domain: DomainObjects
    application: ApplicationObjects
    identity_provider: IdentityProviderObjects
    client: AppClientObjects
    pages: LoginPages


class CognitoFederation(pulumi.ComponentResource):
    """Beyond Identity passwordless sign-in for an Amazon Cognito user pool.

    Creates, as children and in this order: a Beyond Identity realm (unless ``realm_id`` is
    given), a resource server, a hosted-web authenticator config, a Cognito user pool (unless
    ``user_pool_id`` is given), its domain, the Beyond Identity OIDC application whose redirect
    URI is the domain's ``/oauth2/idpresponse`` (with an ``ApplicationCredentials`` view of its
    client id, secret and endpoints), the pool's OIDC identity provider pointing at that
    application, and a public app client that signs in through it. Optionally: the app
    client's managed login branding style (``managed_login_version=2``) and a Route 53 alias
    record for a custom domain (``hosted_zone_id``).

    Arguments are validated before anything is registered; all problems are reported together
    in one :class:`CognitoFederationError` (a :class:`pulumi.RunError`).

    Child resources are named ``<name>-realm``, ``<name>-resource-server``,
    ``<name>-authenticator``, ``<name>-user-pool``, ``<name>-domain``, ``<name>-application``,
    ``<name>-application-credentials``, ``<name>-identity-provider``, ``<name>-client``,
    ``<name>-branding`` and ``<name>-dns``, so several federations fit in one stack.

    ## Example Usage

    .. code-block:: python

        fed = CognitoFederation("login", CognitoFederationArgs(
            domain_prefix="example-login",
            callback_urls=["https://app.example.com/callback"],
        ))
        pulumi.export("authorize_url", fed.authorize_url)
    """

    # The outputs, each declared once: FEDERATION_OUTPUTS, what register_outputs and the stack
    # export, and the docs' outputs table come from these annotations and their docstrings.
    realm_id: pulumi.Output[str]
    """The Beyond Identity realm holding the objects (created or given)."""
    resource_server_id: pulumi.Output[str]
    """The Beyond Identity resource server."""
    authenticator_config_id: pulumi.Output[str]
    """The hosted-web authenticator config."""
    application_id: pulumi.Output[str]
    """The Beyond Identity application Cognito signs in with."""
    issuer: pulumi.Output[str]
    """The Beyond Identity application's OIDC issuer (Cognito's ``oidc_issuer``)."""
    beyond_identity_client_id: pulumi.Output[str]
    """The application's OAuth client id (its secret stays inside the identity provider, as a
    Pulumi secret)."""
    region: pulumi.Output[str]
    """The AWS region of the Cognito resources."""
    user_pool_id: pulumi.Output[str]
    """The Cognito user pool (created or given)."""
    user_pool_arn: pulumi.Output[str]
    """The user pool's ARN."""
    user_pool_issuer: pulumi.Output[str]
    """Issuer of the pool's own tokens: ``https://cognito-idp.<region>.amazonaws.com/<pool>``."""
    user_pool_client_id: pulumi.Output[str]
    """The Cognito app client id your application uses."""
    domain: pulumi.Output[str]
    """The Cognito domain: the prefix, or the custom domain."""
    base_url: pulumi.Output[str]
    """``https://<prefix>.auth.<region>.amazoncognito.com`` or ``https://<custom domain>``."""
    idp_redirect_uri: pulumi.Output[str]
    """``<base_url>/oauth2/idpresponse``, registered as the application's redirect URI."""
    identity_provider_name: pulumi.Output[str]
    """The identity provider's name in the pool (use it as ``identity_provider=``)."""
    hosted_ui_url: pulumi.Output[str]
    """The Cognito hosted UI sign-in page for the app client and the first callback URL."""
    authorize_url: pulumi.Output[str]
    """Cognito's authorize endpoint (``<base_url>/oauth2/authorize``) with
    ``identity_provider=<identity provider name>``, so Cognito skips its own page and sends the
    user on to Beyond Identity; append ``state`` and, for PKCE, ``code_challenge`` and
    ``code_challenge_method=S256``."""
    token_url: pulumi.Output[str]
    """Cognito's token endpoint, ``<base_url>/oauth2/token``."""
    managed_login_version: pulumi.Output[int]
    """The domain's login pages: 1 classic hosted UI, 2 managed login."""
    managed_login_branding_id: pulumi.Output[str | None]
    """The app client's managed login branding style (None with the classic hosted UI)."""
    custom_domain_target: pulumi.Output[str | None]
    """The CloudFront host a custom domain must point at (alias or CNAME); None for a prefix
    domain."""
    custom_domain_target_zone_id: pulumi.Output[str | None]
    """The Route 53 zone of that CloudFront host, for alias records (``Z2FDTNDATAQYW2``)."""
    dns_record_fqdn: pulumi.Output[str | None]
    """The Route 53 alias record created for the custom domain (None without
    ``hosted_zone_id``)."""

    def __init__(
        self,
        name: str,
        args: CognitoFederationArgs,
        opts: pulumi.ResourceOptions | None = None,
        *,
        argument_names: Mapping[str, str] | None = None,
    ) -> None:
        """Create a CognitoFederation.

        :param name: the component's name; children are named after it.
        :param args: the arguments (see :class:`CognitoFederationArgs`).
        :param opts: options for the component, inherited by its children (e.g. ``providers``).
        :param argument_names: what to call arguments in messages, when the user wrote them
            under other names: e.g. ``{"domain_prefix": "domainPrefix"}`` when they come from
            stack settings (see :func:`args_from_config` and :func:`setting_names`).
        :raises CognitoFederationError: listing every invalid argument; nothing is created then.
        """
        hosts = read_hosts()
        # Names unique per tenant (realm) default to something unique per project and stack.
        unique_name = default_name(name)
        judge = Judge(name, Context(unique_name, hosts), Wording(dict(argument_names or {})))
        args = judge.checked(args)
        super().__init__(TYPE_TOKEN, name, None, opts)
        region = (
            pulumi.Output.from_input(args.region)
            if args.region is not None
            else aws.get_region_output(opts=pulumi.InvokeOutputOptions(parent=self)).region
        )
        self._publish(_build(Owner(self, name, region), args, unique_name, hosts))
        self.register_outputs(output_values(self, FEDERATION_OUTPUTS))

    def _publish(self, made: _Made) -> None:
        """The outputs, all assigned here from what the builders made."""
        self.region = made.region
        self.realm_id = made.beyond_identity.realm_id
        self.resource_server_id = made.beyond_identity.resource_server.id
        self.authenticator_config_id = made.beyond_identity.authenticator.id
        self.application_id = made.application.application_id
        self.issuer = made.application.credentials.issuer
        self.beyond_identity_client_id = made.application.credentials.client_id
        self.user_pool_id = made.user_pool.user_pool_id
        self.user_pool_arn = made.user_pool.user_pool_arn
        self.user_pool_issuer = made.user_pool.user_pool_issuer
        self.user_pool_client_id = made.client.user_pool_client_id
        self.domain = made.domain.domain
        self.base_url = made.domain.base_url
        self.idp_redirect_uri = made.domain.idp_redirect_uri
        self.identity_provider_name = made.identity_provider.provider_name
        self.hosted_ui_url = made.client.hosted_ui_url
        self.authorize_url = made.client.authorize_url
        self.token_url = made.domain.token_url
        self.managed_login_version = made.pages.managed_login_version
        self.managed_login_branding_id = made.pages.managed_login_branding_id
        self.custom_domain_target = made.domain.custom_domain_target
        self.custom_domain_target_zone_id = made.domain.custom_domain_target_zone_id
        self.dns_record_fqdn = made.domain.dns_record_fqdn


def _build(owner: Owner, a: CognitoFederationArgs, unique_name: str, hosts: Hosts) -> _Made:
    """Every child, in the guide's order: AWS waits for the first Beyond Identity resource,
    the application for the domain its redirect URI names, the client for the provider."""
    parent, name = owner.component, owner.name
    bi = beyond_identity(
        name,
        parent,
        RealmRequest(
            a.realm_id,
            a.realm_display_name if a.realm_display_name is not None else unique_name,
            a.realm_classification,
            a.realm_force_destroy,
        ),
        resource_server_display_name=a.resource_server_display_name,
        resource_server_identifier=a.resource_server_identifier,
        resource_server_scopes=a.resource_server_scopes,
        authenticator_display_name=a.authenticator_display_name,
        authenticator_settings=authenticator_settings(
            hosts,
            trusted_origins=a.authenticator_trusted_origins,
            authentication_methods=a.authentication_methods,
        ),
    )
    pool = user_pool(
        owner,
        a.user_pool_id,
        _pool_request(a, unique_name),
        realm_id=bi.realm_id,
        region=a.region,
        after=bi.gate,
    )
    made_domain = domain(
        owner,
        DomainRequest(
            a.domain_prefix,
            a.custom_domain,
            a.certificate_arn,
            a.managed_login_version,
            a.hosted_zone_id,
        ),
        user_pool_id=pool.user_pool_id,
        region=a.region,
        after=bi.gate,
    )
    return _build_sign_in(owner, a, unique_name, bi, pool, made_domain)


def _build_sign_in(
    owner: Owner,
    a: CognitoFederationArgs,
    unique_name: str,
    bi: BeyondIdentityObjects,
    pool: UserPoolObjects,
    made_domain: DomainObjects,
) -> _Made:
    """The application, the identity provider that uses it, the app client and its pages."""
    parent, name = owner.component, owner.name
    allowed = a.allowed_scopes if a.allowed_scopes is not None else a.resource_server_scopes
    app = application(
        name,
        parent,
        bi,
        ProtocolRequest(
            made_domain.idp_redirect_uri, allowed, a.pkce, a.token_expires_after, a.subject_field
        ),
        display_name=a.application_display_name,
        rotation_label=a.client_secret_rotation,
        after=made_domain.resource,
    )
    idp = identity_provider(
        name,
        parent,
        provider_details(app.credentials, allowed),
        user_pool_id=pool.user_pool_id,
        provider_name=a.identity_provider_name,
        attribute_mapping=a.attribute_mapping or DEFAULT_ATTRIBUTE_MAPPING,
        idp_identifiers=a.idp_identifiers,
        region=a.region,
    )
    client = app_client(
        owner,
        _client_request(a, unique_name),
        user_pool_id=pool.user_pool_id,
        provider_name=idp.provider_name,
        base_url=made_domain.base_url,
        region=a.region,
    )
    pages = _login_pages(owner, a, made_domain, pool, client)
    region = pulumi.Output.from_input(owner.region)
    return _Made(region, bi, pool, made_domain, app, idp, client, pages)


def _login_pages(
    owner: Owner,
    a: CognitoFederationArgs,
    made_domain: DomainObjects,
    pool: UserPoolObjects,
    client: AppClientObjects,
) -> LoginPages:
    return login_pages(
        owner.name,
        owner.component,
        BrandingRequest(
            a.managed_login_version,
            a.managed_login_branding_settings,
            a.managed_login_branding_assets,
        ),
        domain=made_domain.resource,
        user_pool_id=pool.user_pool_id,
        client_id=client.user_pool_client_id,
        region=a.region,
    )


def _pool_request(a: CognitoFederationArgs, unique_name: str) -> PoolRequest:
    return PoolRequest(
        name=a.user_pool_name if a.user_pool_name is not None else unique_name,
        mfa_configuration=a.mfa_configuration,
        deletion_protection=a.deletion_protection,
        tier=a.user_pool_tier if a.user_pool_tier is not None else DEFAULT_USER_POOL_TIER,
        protect=a.protect_user_pool,
    )


def _client_request(a: CognitoFederationArgs, unique_name: str) -> ClientRequest:
    return ClientRequest(
        name=a.app_client_name if a.app_client_name is not None else unique_name,
        allow_cognito_login=a.allow_cognito_login,
        oauth_scopes=a.oauth_scopes,
        callback_urls=a.callback_urls,
        logout_urls=a.logout_urls,
        token_policy=TokenPolicy(
            a.access_token_validity,
            a.access_token_validity_unit,
            a.id_token_validity,
            a.id_token_validity_unit,
            a.refresh_token_validity,
            a.refresh_token_validity_unit,
            a.auth_session_validity,
            a.enable_token_revocation,
            a.refresh_token_rotation,
            a.refresh_token_rotation_grace_period,
            a.prevent_user_existence_errors,
        ),
    )


FEDERATION_OUTPUTS: tuple[FederationOutput, ...] = declared_outputs(
    CognitoFederation,
    # The component's alone: the stack exports the realm and application, not what is between.
    not_exported=("resource_server_id", "authenticator_config_id"),
)
"""Every output of :class:`CognitoFederation`, in the order the class declares them."""


def stack_outputs(federation: CognitoFederation) -> dict[str, pulumi.Output[Any]]:
    """``{stack output name: value}``: what a stack program exports of ``federation``.

    ``for key, value in stack_outputs(federation).items(): pulumi.export(key, value)``
    """
    return {
        output.stack_output: getattr(federation, output.attribute)
        for output in FEDERATION_OUTPUTS
        if output.stack_output is not None
    }
