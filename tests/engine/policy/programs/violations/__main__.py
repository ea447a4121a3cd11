"""Policy test program: each resource breaks exactly one rule of the pack (see the test's table),
the ``ok-*`` resources none. Only ever previewed, never deployed.

(http redirect URIs of a Beyond Identity application are refused by the provider's own check,
before any policy runs, so that branch of redirect-urls-https has unit tests only.)"""

from typing import Any

import pulumi
import pulumi_aws as aws

from pulumi_beyondidentity import Application

REALM = "a1b2c3d4e5f60718"
BI = "https://auth-us.beyondidentity.com/v1/tenants/000176d94fd7b4d1/realms/a1b2c3d4e5f60718"
ISSUER = f"{BI}/applications/0a1b2c3d-0000-4000-8000-000000000001"
LOCAL_ISSUER = (
    "http://127.0.0.1:8787/v1/tenants/000176d94fd7b4d1/realms/a1b2c3d4e5f60718"
    "/applications/0a1b2c3d-0000-4000-8000-000000000002"
)
IDP_REDIRECT = "https://login-example.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"


def pool(
    name: str, *, mfa: str = "OPTIONAL", deletion: str = "ACTIVE", protect: bool = True
) -> Any:
    return aws.cognito.UserPool(
        name,
        mfa_configuration=mfa,
        software_token_mfa_configuration={"enabled": True} if mfa != "OFF" else None,
        deletion_protection=deletion,
        opts=pulumi.ResourceOptions(protect=protect),
    )


ok_pool = pool("ok-pool")
pool("pool-unprotected", deletion="INACTIVE", protect=False)
pool("pool-no-mfa", mfa="OFF")


def client(name: str, **overrides: Any) -> Any:
    args: dict[str, Any] = {
        "user_pool_id": ok_pool.id,
        "generate_secret": False,
        "allowed_oauth_flows_user_pool_client": True,
        "allowed_oauth_flows": ["code"],
        "allowed_oauth_scopes": ["openid", "email"],
        "callback_urls": ["https://app.example.com/callback", "http://localhost:3000"],
        "logout_urls": ["https://app.example.com/signed-out"],
        "supported_identity_providers": ["BeyondIdentity"],
        "explicit_auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }
    args.update(overrides)
    return aws.cognito.UserPoolClient(name, **args)


client("ok-client", access_token_validity=30, token_validity_units={"access_token": "minutes"})
client("client-http-callback", callback_urls=["http://app.example.com/callback"])
client("client-implicit", allowed_oauth_flows=["code", "implicit"])
client("client-password", supported_identity_providers=["BeyondIdentity", "COGNITO"])
client(
    "client-long-tokens",
    access_token_validity=12,
    token_validity_units={"access_token": "hours"},
)


def idp(name: str, issuer: str, secret: Any) -> Any:
    return aws.cognito.IdentityProvider(
        name,
        user_pool_id=ok_pool.id,
        provider_name="BeyondIdentity",
        provider_type="OIDC",
        provider_details={
            "client_id": "bi-client",
            "client_secret": secret,
            "authorize_scopes": "openid",
            "oidc_issuer": issuer,
            "attributes_request_method": "GET",
        },
        attribute_mapping={"email": "sub", "username": "sub"},
    )


idp("ok-idp", ISSUER, pulumi.Output.secret("bi-secret"))
idp("idp-foreign-issuer", "https://login.example.com/oauth2", pulumi.Output.secret("bi-secret"))
idp("idp-plain-secret", LOCAL_ISSUER, "bi-secret-in-plain-text")


def app(name: str, **protocol: Any) -> Application:
    config: dict[str, Any] = {
        "type": "oidc",
        "confidentiality": "confidential",
        "grant_type": ["authorization_code"],
        "redirect_uris": [IDP_REDIRECT],
        "pkce": "s256",
        "token_configuration": {"expires_after": 3600, "subject_field": "email"},
    }
    config.update(protocol)
    return Application(
        name,
        realm_id=REALM,
        display_name=name,
        authenticator_config_id="0a1b2c3d-0000-4000-8000-00000000000a",
        protocol_config=config,  # type: ignore[arg-type]
    )


app("ok-application")
app("app-long-tokens", token_configuration={"expires_after": 7 * 86400, "subject_field": "email"})
app("app-public-plain-pkce", confidentiality="public", pkce="plain")
app("app-pkce-disabled", pkce="disabled")
