"""The stack: one CognitoFederation configured from the stack settings (see Pulumi.yaml)."""

from __future__ import annotations

from typing import cast

import pulumi

from beyondidentity_cognito import (
    DEFAULT_APPLICATION_DISPLAY_NAME,
    DEFAULT_DELETION_PROTECTION,
    DEFAULT_IDENTITY_PROVIDER_NAME,
    DEFAULT_MFA_CONFIGURATION,
    DEFAULT_OAUTH_SCOPES,
    DEFAULT_PKCE,
    DEFAULT_RESOURCE_SERVER_IDENTIFIER,
    DEFAULT_RESOURCE_SERVER_SCOPES,
    DEFAULT_SUBJECT_FIELD,
    DEFAULT_TOKEN_EXPIRES_AFTER,
    CognitoFederation,
    CognitoFederationArgs,
)

config = pulumi.Config()


def text(key: str) -> str | None:
    """A string setting; empty (the Pulumi.yaml default) counts as not set."""
    value = (config.get(key) or "").strip()
    return value or None


def strings(key: str) -> list[str] | None:
    """A list setting; empty counts as not set."""
    value = config.get_object(key)
    if value is None or value == []:
        return None
    # Passed on as given even if mistyped: the component reports it with the other problems.
    return cast("list[str]", value)


# Names that must be unique per tenant or account default to project and stack.
default_name = f"{pulumi.get_project()}-{pulumi.get_stack()}"
realm_id = text("realmId")
user_pool_id = text("userPoolId")

federation = CognitoFederation(
    "cognito",
    CognitoFederationArgs(
        callback_urls=strings("callbackUrls") or [],
        domain_prefix=text("domainPrefix"),
        custom_domain=text("customDomain"),
        certificate_arn=text("certificateArn"),
        logout_urls=strings("logoutUrls") or (),
        oauth_scopes=strings("oauthScopes") or DEFAULT_OAUTH_SCOPES,
        allow_cognito_login=config.get_bool("allowCognitoLogin") or False,
        app_client_name=text("appClientName") or default_name,
        identity_provider_name=text("identityProviderName") or DEFAULT_IDENTITY_PROVIDER_NAME,
        user_pool_id=user_pool_id,
        user_pool_name=text("userPoolName") or (None if user_pool_id else default_name),
        deletion_protection=text("deletionProtection") or DEFAULT_DELETION_PROTECTION,
        mfa_configuration=text("mfaConfiguration") or DEFAULT_MFA_CONFIGURATION,
        protect_user_pool=config.get_bool("protectUserPool") is not False,
        region=text("region"),
        realm_id=realm_id,
        realm_display_name=text("realmName") or (None if realm_id else default_name),
        resource_server_identifier=(
            text("resourceServerIdentifier") or DEFAULT_RESOURCE_SERVER_IDENTIFIER
        ),
        resource_server_scopes=strings("resourceServerScopes") or DEFAULT_RESOURCE_SERVER_SCOPES,
        allowed_scopes=strings("allowedScopes"),
        authenticator_trusted_origins=strings("trustedOrigins"),
        authentication_methods=strings("authenticationMethods"),
        application_display_name=text("applicationName") or DEFAULT_APPLICATION_DISPLAY_NAME,
        pkce=text("pkce") or DEFAULT_PKCE,
        token_expires_after=config.get_int("tokenExpiresAfter") or DEFAULT_TOKEN_EXPIRES_AFTER,
        subject_field=text("subjectField") or DEFAULT_SUBJECT_FIELD,
    ),
)

pulumi.export("realmId", federation.realm_id)
pulumi.export("applicationId", federation.application_id)
pulumi.export("issuer", federation.issuer)
pulumi.export("beyondIdentityClientId", federation.beyond_identity_client_id)
pulumi.export("region", federation.region)
pulumi.export("userPoolId", federation.user_pool_id)
pulumi.export("userPoolArn", federation.user_pool_arn)
pulumi.export("userPoolIssuer", federation.user_pool_issuer)
pulumi.export("userPoolClientId", federation.user_pool_client_id)
pulumi.export("domain", federation.domain)
pulumi.export("baseUrl", federation.base_url)
pulumi.export("idpRedirectUri", federation.idp_redirect_uri)
pulumi.export("identityProviderName", federation.identity_provider_name)
pulumi.export("hostedUiUrl", federation.hosted_ui_url)
pulumi.export("authorizeUrl", federation.authorize_url)
pulumi.export("tokenUrl", federation.token_url)
