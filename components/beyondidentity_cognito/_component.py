"""``CognitoFederation``: Beyond Identity as the passwordless OIDC identity provider of a Cognito pool."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_beyondidentity import (
    Application,
    ApplicationCredentials,
    AuthenticatorConfig,
    Hosts,
    Realm,
    ResourceServer,
)

from . import _urls
from ._args import DEFAULT_USER_POOL_TIER, CognitoFederationArgs
from ._beyond_identity import authenticator_settings, protocol_config
from ._dns import custom_domain_record
from ._errors import CognitoFederationError
from ._identity_provider import attribute_mapping, provider_details
from ._managed_login import managed_login_branding
from ._option_checks import validate_options
from ._outputs import FederationOutput, declared_outputs, output_values
from ._rotation import application_display_name, application_options
from ._settings import read_hosts
from ._token_policy import client_token_policy
from ._unrecorded import Owner, check_client, check_domain, check_user_pool, owner_tags
from ._validation import validate, with_control_problems

TYPE_TOKEN = "beyondidentity:index:CognitoFederation"


def default_name(name: str) -> str:
    """``<project>-<stack>-<name>``: the default realm, user pool and app client name.

    The realm name must be unique in the Beyond Identity tenant, so a default made of the
    component name alone would collide as soon as a second stack (or project) shares the
    tenant. Pool and client names need not be unique in AWS; they follow suit so the console
    tells the stacks apart.
    """
    return f"{pulumi.get_project()}-{pulumi.get_stack()}-{name}"


# SRP for the pool's own users, refresh for everyone; the federated sign-in itself is OAuth.
EXPLICIT_AUTH_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")


@dataclass(frozen=True)
class _BeyondIdentity:
    """The Beyond Identity objects the application and the AWS side build on."""

    resource_server: ResourceServer
    authenticator: AuthenticatorConfig
    gate: pulumi.Resource
    """The first Beyond Identity resource: AWS resources wait for it."""


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
        :param argument_names: what to call arguments in error messages, when the user wrote
            them under other names: e.g. ``{"domain_prefix": "domainPrefix"}`` when they come
            from stack settings (see :func:`args_from_config` and :func:`setting_names`).
        :raises CognitoFederationError: listing every invalid argument; nothing is created then.
        """
        hosts = read_hosts()
        # Names unique per tenant (realm) default to something unique per project and stack.
        unique_name = default_name(name)
        problems = with_control_problems(
            validate(unique_name, args, hosts) + validate_options(args), args
        )
        if problems:
            raise CognitoFederationError(name, problems, argument_names)
        super().__init__(TYPE_TOKEN, name, None, opts)
        self.region = (
            pulumi.Output.from_input(args.region)
            if args.region is not None
            else aws.get_region_output(opts=pulumi.InvokeOutputOptions(parent=self)).region
        )
        # In the guide's order: AWS waits for the first Beyond Identity resource, the
        # application for the domain its redirect URI names, the client for the provider.
        beyond_identity = self._beyond_identity(name, args, unique_name, hosts)
        domain = self._user_pool_and_domain(name, args, unique_name, beyond_identity.gate)
        credentials = self._application(name, args, beyond_identity, domain)
        identity_provider = self._identity_provider(name, args, credentials, argument_names or {})
        self._app_client(name, args, unique_name, identity_provider, domain)
        self.register_outputs(output_values(self, FEDERATION_OUTPUTS))

    def _child(self, **options: Any) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self, **options)

    def _owner(self, name: str) -> Owner:
        """What the checks of unrecorded Cognito objects (``_unrecorded``) need of this."""
        return Owner(self, name, self.region)

    # ---- Beyond Identity: realm, resource server, authenticator config, application ----

    def _beyond_identity(
        self, name: str, args: CognitoFederationArgs, unique_name: str, hosts: Hosts
    ) -> _BeyondIdentity:
        """The realm (unless given), resource server and hosted-web authenticator config."""
        realm: Realm | None = None
        if args.realm_id is None:
            realm = Realm(
                f"{name}-realm",
                display_name=args.realm_display_name or unique_name,
                classification=args.realm_classification,
                force_destroy=args.realm_force_destroy,
                opts=self._child(),
            )
            self.realm_id = realm.id
        else:
            self.realm_id = pulumi.Output.from_input(args.realm_id)
        resource_server = ResourceServer(
            f"{name}-resource-server",
            realm_id=self.realm_id,
            display_name=args.resource_server_display_name,
            identifier=args.resource_server_identifier,
            scopes=list(args.resource_server_scopes),
            opts=self._child(),
        )
        self.resource_server_id = resource_server.id
        authenticator = AuthenticatorConfig(
            f"{name}-authenticator",
            realm_id=self.realm_id,
            display_name=args.authenticator_display_name,
            config=authenticator_settings(args, hosts),
            opts=self._child(),
        )
        self.authenticator_config_id = authenticator.id
        # AWS waits for the first Beyond Identity resource: its check proves the credentials, so
        # a refused or wrong-tenant token stops `up` (also --skip-preview) before AWS is touched.
        gate: pulumi.Resource = realm if realm is not None else resource_server
        return _BeyondIdentity(resource_server, authenticator, gate)

    def _application(
        self,
        name: str,
        args: CognitoFederationArgs,
        beyond_identity: _BeyondIdentity,
        domain: aws.cognito.UserPoolDomain,
    ) -> ApplicationCredentials:
        """The OIDC application Cognito signs in with, and its credentials."""
        application = Application(
            f"{name}-application",
            realm_id=self.realm_id,
            display_name=application_display_name(args),
            resource_server_id=beyond_identity.resource_server.id,
            authenticator_config_id=beyond_identity.authenticator.id,
            protocol_config=protocol_config(args, self.idp_redirect_uri),
            # Registered only once the redirect URI it names is served by a domain.
            opts=application_options(args, self._child(depends_on=[domain])),
        )
        # The credentials as a resource of their own: they depend only on the application's id,
        # so a change to the application (a rename) leaves them known in the plan and the
        # identity provider is not shown as changing with it.
        credentials = ApplicationCredentials(
            f"{name}-application-credentials",
            realm_id=application.realm_id,
            application_id=application.id,
            opts=self._child(),
        )
        self.application_id = application.id
        self.issuer = credentials.issuer
        self.beyond_identity_client_id = credentials.client_id
        return credentials

    # ---- Cognito: user pool and domain (managed login, DNS) ----

    def _user_pool_and_domain(
        self, name: str, args: CognitoFederationArgs, unique_name: str, gate: pulumi.Resource
    ) -> aws.cognito.UserPoolDomain:
        """The pool (unless given), its domain, the domain's DNS record and its URLs."""
        if args.user_pool_id is None:
            pool = self._user_pool(name, args, unique_name, gate)
            self.user_pool_id = pool.id
            check_user_pool(
                self._owner(name),
                pool,
                f"{name}-user-pool",
                name=args.user_pool_name or unique_name,
                tags=owner_tags(f"{name}-user-pool", self.realm_id),
            )
            self.user_pool_arn = pool.arn
        else:
            self.user_pool_id = pulumi.Output.from_input(args.user_pool_id)
            self.user_pool_arn = aws.cognito.get_user_pool_output(
                user_pool_id=self.user_pool_id,
                region=args.region,
                opts=pulumi.InvokeOutputOptions(parent=self),
            ).arn
        custom = args.custom_domain is not None
        domain_name = args.custom_domain if custom else args.domain_prefix
        domain = aws.cognito.UserPoolDomain(
            f"{name}-domain",
            domain=domain_name,
            user_pool_id=self.user_pool_id,
            # A new certificate (ARN -> ARN) is an in-place UpdateUserPoolDomain on the real
            # provider; only prefix <-> custom domain ("" <-> ARN) or a new name replaces it.
            certificate_arn=args.certificate_arn,
            managed_login_version=args.managed_login_version,
            region=args.region,
            # Only when it is replaced (see above): a pool holds one prefix domain and domains
            # are globally unique, so the old one is freed first. It forces no replacement.
            opts=self._child(delete_before_replace=True, depends_on=[gate]),
        )
        self.domain = domain.domain
        if not custom:
            check_domain(
                self._owner(name),
                domain,
                f"{name}-domain",
                pool_id=self.user_pool_id,
                prefix=args.domain_prefix or "",
            )
        self._custom_domain_dns(name, args, domain)
        # Built from the argument, not the domain's output: a replaced domain's output is unknown
        # in preview, and an unknown redirect URI makes the application look replaced rather than
        # updated (new client credentials). The application depends on the domain explicitly.
        self.base_url = pulumi.Output.all(domain_name, self.region).apply(
            lambda v: _urls.cognito_base_url(v[0], v[1], custom=custom)
        )
        self.idp_redirect_uri = self.base_url.apply(_urls.idp_response_url)
        self.token_url = self.base_url.apply(_urls.token_url)
        self.user_pool_issuer = pulumi.Output.all(self.region, self.user_pool_id).apply(
            lambda v: _urls.user_pool_issuer(v[0], v[1])
        )
        return domain

    def _user_pool(
        self,
        name: str,
        args: CognitoFederationArgs,
        unique_name: str,
        after: pulumi.Resource,
    ) -> aws.cognito.UserPool:
        mfa_enabled = args.mfa_configuration != "OFF"
        return aws.cognito.UserPool(
            f"{name}-user-pool",
            name=args.user_pool_name or unique_name,
            # Sign-in attributes are immutable: changing them replaces the pool and loses users.
            username_attributes=["email"],
            auto_verified_attributes=["email"],
            username_configuration={"case_sensitive": False},
            mfa_configuration=args.mfa_configuration,
            # Authenticator apps, as in the guide; they only ever apply to local users.
            software_token_mfa_configuration={"enabled": True} if mfa_enabled else None,
            deletion_protection=args.deletion_protection,
            # Optional+Computed: left out, the real provider keeps whatever plan the pool had,
            # so removing the setting sends AWS's default for new pools rather than nothing.
            user_pool_tier=args.user_pool_tier or DEFAULT_USER_POOL_TIER,
            region=args.region,
            # Evidence for _unrecorded: a pool an interrupted `up` left is found by these.
            tags=owner_tags(f"{name}-user-pool", self.realm_id),
            # None rather than False, so a protected component still protects its pool.
            opts=self._child(protect=True if args.protect_user_pool else None, depends_on=[after]),
        )

    def _custom_domain_dns(
        self, name: str, args: CognitoFederationArgs, domain: aws.cognito.UserPoolDomain
    ) -> None:
        """The CloudFront target outputs and, given a hosted zone, the alias record."""
        none: pulumi.Output[str | None] = pulumi.Output.from_input(None)
        if args.custom_domain is None:
            self.custom_domain_target = self.custom_domain_target_zone_id = none
        else:
            self.custom_domain_target = domain.cloudfront_distribution
            self.custom_domain_target_zone_id = domain.cloudfront_distribution_zone_id
        record = custom_domain_record(name, args, domain, self._child())
        self.dns_record_fqdn = record.fqdn if record is not None else none

    # ---- Cognito: the identity provider ----

    def _identity_provider(
        self,
        name: str,
        args: CognitoFederationArgs,
        credentials: ApplicationCredentials,
        argument_names: Mapping[str, str],
    ) -> aws.cognito.IdentityProvider:
        """The pool's OIDC identity provider: the Beyond Identity application's credentials."""
        identity_provider = aws.cognito.IdentityProvider(
            f"{name}-identity-provider",
            user_pool_id=self.user_pool_id,
            provider_name=args.identity_provider_name,
            provider_type="OIDC",
            provider_details=provider_details(args, credentials),
            attribute_mapping=attribute_mapping(args, argument_names),
            idp_identifiers=list(args.idp_identifiers) or None,
            region=args.region,
            # provider_name is unique in the pool: a replacement must delete the old one first.
            opts=self._child(delete_before_replace=True),
        )
        self.identity_provider_name = identity_provider.provider_name
        return identity_provider

    # ---- Cognito: the app client (token policy, login pages, sign-in URLs) ----

    def _app_client(
        self,
        name: str,
        args: CognitoFederationArgs,
        unique_name: str,
        identity_provider: aws.cognito.IdentityProvider,
        domain: aws.cognito.UserPoolDomain,
    ) -> None:
        """The public app client; naming the provider by its output orders it after it."""
        providers: list[pulumi.Input[str]] = [identity_provider.provider_name]
        if args.allow_cognito_login:
            providers.append("COGNITO")
        # The client's OAuth, URL and token inputs are Optional+Computed on the real provider
        # (user_pool_client.go): one left out keeps its old value on AWS. So each one the
        # component sets is always sent, an empty list included, and removing a logout URL or
        # COGNITO from the program removes it on AWS. (default_redirect_uri is never set.)
        client = aws.cognito.UserPoolClient(
            f"{name}-client",
            user_pool_id=self.user_pool_id,
            name=args.app_client_name or unique_name,
            generate_secret=False,
            explicit_auth_flows=list(EXPLICIT_AUTH_FLOWS),
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=["code"],
            allowed_oauth_scopes=list(args.oauth_scopes),
            callback_urls=list(args.callback_urls),
            logout_urls=list(args.logout_urls),
            supported_identity_providers=providers,
            region=args.region,
            opts=self._child(),
            **client_token_policy(args),
        )
        self.user_pool_client_id = client.id
        check_client(
            self._owner(name),
            client,
            f"{name}-client",
            pool_id=self.user_pool_id,
            name=args.app_client_name or unique_name,
        )
        self._login_pages(name, args, domain, client)
        self._sign_in_urls(args, client, identity_provider)

    def _login_pages(
        self,
        name: str,
        args: CognitoFederationArgs,
        domain: aws.cognito.UserPoolDomain,
        client: aws.cognito.UserPoolClient,
    ) -> None:
        """The login-page outputs and, for managed login, the app client's branding style."""
        branding = managed_login_branding(
            name, args, user_pool_id=self.user_pool_id, client_id=client.id, opts=self._child()
        )
        self.managed_login_version = domain.managed_login_version.apply(
            lambda v: int(v) if v is not None else args.managed_login_version
        )
        self.managed_login_branding_id = (
            branding.managed_login_branding_id
            if branding is not None
            else pulumi.Output.from_input(None)
        )

    def _sign_in_urls(
        self,
        args: CognitoFederationArgs,
        client: aws.cognito.UserPoolClient,
        identity_provider: aws.cognito.IdentityProvider,
    ) -> None:
        """The hosted UI page and the authorize request that goes straight to Beyond Identity."""
        oauth_scopes = list(args.oauth_scopes)
        first_callback = pulumi.Output.from_input(args.callback_urls[0])
        self.hosted_ui_url = pulumi.Output.all(self.base_url, client.id, first_callback).apply(
            lambda v: _urls.hosted_ui_url(v[0], v[1], v[2], oauth_scopes)
        )
        self.authorize_url = pulumi.Output.all(
            self.base_url, client.id, first_callback, identity_provider.provider_name
        ).apply(lambda v: _urls.authorize_url(v[0], v[1], v[2], oauth_scopes, v[3]))


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
