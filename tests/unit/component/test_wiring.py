"""Mock tests of CognitoFederation: every resource, its inputs, options and wiring."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from helpers.cognito_mocks import (
    ACCOUNT_ID,
    APPLICATION,
    AUTHENTICATOR,
    CLIENT,
    COMPONENT,
    CREDENTIALS,
    DOMAIN,
    GET_REGION,
    GET_USER_POOL,
    IDENTITY_PROVIDER,
    REALM,
    RESOURCE_SERVER,
    USER_POOL,
    Deploy,
    FakeCloud,
    HostSettings,
    install,
    is_secret,
    run_program,
)

from beyondidentity_cognito import (
    TYPE_TOKEN,
    CognitoFederation,
    CognitoFederationArgs,
)

CALLBACK = "http://localhost:3000"
BASE = "https://bi-demo.auth.us-east-1.amazoncognito.com"


def federation(name: str = "login", **overrides: Any) -> CognitoFederation:
    """A federation with the guide's values, overridable per test."""
    kwargs: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": [CALLBACK]}
    kwargs.update(overrides)
    return CognitoFederation(name, CognitoFederationArgs(**kwargs))


def test_registers_every_resource_once_under_the_component(
    cloud: FakeCloud, deploy: Deploy
) -> None:
    deploy(federation)
    component = cloud.one(COMPONENT)
    assert TYPE_TOKEN == COMPONENT
    children = [r for r in cloud.log if r.typ != COMPONENT]
    assert sorted((r.typ, r.name) for r in children) == sorted(
        [
            (REALM, "login-realm"),
            (RESOURCE_SERVER, "login-resource-server"),
            (AUTHENTICATOR, "login-authenticator"),
            (USER_POOL, "login-user-pool"),
            (DOMAIN, "login-domain"),
            (APPLICATION, "login-application"),
            (CREDENTIALS, "login-application-credentials"),
            (IDENTITY_PROVIDER, "login-identity-provider"),
            (CLIENT, "login-client"),
        ]
    )
    assert all(r.parent == component.urn for r in children)


def test_realm_force_destroy_reaches_the_realm(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(lambda: federation(realm_force_destroy=True))
    assert cloud.one(REALM).plain["force_destroy"] is True


def test_beyond_identity_objects_follow_the_guide(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(federation)
    realm = cloud.one(REALM)
    # Unique per project and stack by default: the realm name is unique in the tenant.
    assert realm.plain == {
        "display_name": "beyondidentity-cognito-test-login",
        "force_destroy": False,  # a destroy stops at objects the stack does not manage
    }
    server = cloud.one(RESOURCE_SERVER).plain
    assert server == {
        "realm_id": realm.id,
        "display_name": "AWS Cognito resource server",
        "identifier": "awsresourceserver",
        "scopes": ["aws:customclaim"],
    }
    authenticator = cloud.one(AUTHENTICATOR).plain
    assert authenticator["realm_id"] == realm.id
    assert authenticator["config"] == {
        "type": "hosted_web",
        "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"],
    }
    app = cloud.one(APPLICATION).plain
    assert app["realm_id"] == realm.id
    assert app["display_name"] == "AWS Cognito"
    assert app["resource_server_id"] == cloud.one(RESOURCE_SERVER).id
    assert app["authenticator_config_id"] == cloud.one(AUTHENTICATOR).id
    assert app["protocol_config"] == {
        "type": "oidc",
        "confidentiality": "confidential",
        "grant_type": ["authorization_code"],
        "redirect_uris": [f"{BASE}/oauth2/idpresponse"],
        "allowed_scopes": ["aws:customclaim"],
        "pkce": "disabled",
        "token_configuration": {"expires_after": 86400, "subject_field": "email"},
    }


def test_user_pool_domain_and_client_settings(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(federation)
    pool = cloud.one(USER_POOL)
    assert pool.plain == {
        "name": "beyondidentity-cognito-test-login",
        "usernameAttributes": ["email"],
        "autoVerifiedAttributes": ["email"],
        "usernameConfiguration": {"caseSensitive": False},
        "mfaConfiguration": "OPTIONAL",
        "softwareTokenMfaConfiguration": {"enabled": True},
        "deletionProtection": "ACTIVE",
        # Optional+Computed on the real provider: sent, so removing a tier goes back to it
        "userPoolTier": "ESSENTIALS",
        # The owner tags that let a preview find a pool an interrupted `up` left (_unrecorded).
        "tags": {
            "beyondidentity-cognito:stack": "organization/beyondidentity-cognito/test",
            "beyondidentity-cognito:resource": "login-user-pool",
            "beyondidentity-cognito:realm": cloud.one(REALM).id,
        },
    }
    assert pool.protect, "the created pool is protected by default"
    domain = cloud.one(DOMAIN)
    assert domain.plain == {"domain": "bi-demo", "userPoolId": pool.id, "managedLoginVersion": 1}
    # Only how a replacement runs (a new prefix): nothing here makes a certificate change one.
    assert domain.delete_before_replace
    assert domain.replace_on_changes == []
    assert domain.replacement_trigger is None
    client = cloud.one(CLIENT)
    assert client.plain == {
        "userPoolId": pool.id,
        "name": "beyondidentity-cognito-test-login",
        "generateSecret": False,
        "explicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "allowedOauthFlowsUserPoolClient": True,
        "allowedOauthFlows": ["code"],
        "allowedOauthScopes": ["openid", "email", "profile"],
        "callbackUrls": [CALLBACK],
        # Optional+Computed on the real provider: an empty list, not nothing, so that removing
        # the last logout URL from the program removes it from the client
        "logoutUrls": [],
        "supportedIdentityProviders": ["BeyondIdentity"],
        # Cognito's defaults for a new client, sent explicitly
        "accessTokenValidity": 1,
        "idTokenValidity": 1,
        "refreshTokenValidity": 30,
        "tokenValidityUnits": {"accessToken": "hours", "idToken": "hours", "refreshToken": "days"},
        "authSessionValidity": 3,
        "enableTokenRevocation": True,
        "refreshTokenRotation": {"feature": "DISABLED"},
        "preventUserExistenceErrors": "ENABLED",
    }
    assert not client.protect
    assert not client.delete_before_replace


def test_identity_provider_points_at_the_application(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(federation)
    app = cloud.one(APPLICATION)
    idp = cloud.one(IDENTITY_PROVIDER)
    issuer = app.outputs["issuer"]
    assert idp.plain["userPoolId"] == cloud.one(USER_POOL).id
    assert idp.plain["providerName"] == "BeyondIdentity"
    assert idp.plain["providerType"] == "OIDC"
    assert idp.plain["providerDetails"] == {
        "client_id": app.outputs["client_id"],
        "client_secret": app.outputs["client_secret"],
        "authorize_scopes": "openid aws:customclaim",
        "oidc_issuer": issuer,
        "attributes_request_method": "GET",
        "authorize_url": f"{issuer}/authorize",
        "token_url": f"{issuer}/token",
        "attributes_url": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
    }
    assert idp.plain["attributeMapping"] == {
        "email": "sub",
        "username": "sub",
        "email_verified": "email_verified",
    }
    assert idp.delete_before_replace


def test_client_secret_stays_secret(cloud: FakeCloud, deploy: Deploy) -> None:
    deployed = deploy(federation)
    details = cloud.one(IDENTITY_PROVIDER).inputs["providerDetails"]
    # The mock returned the secret in plain text; the component alone made it secret.
    assert is_secret(details)
    secret = cloud.one(APPLICATION).outputs["client_secret"]
    assert secret not in repr(deployed.outputs)
    assert not hasattr(deployed.component, "client_secret")


def test_outputs(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(federation).outputs
    app = cloud.one(APPLICATION)
    pool = cloud.one(USER_POOL)
    client = cloud.one(CLIENT)
    assert out["realm_id"] == cloud.one(REALM).id
    assert out["resource_server_id"] == cloud.one(RESOURCE_SERVER).id
    assert out["authenticator_config_id"] == cloud.one(AUTHENTICATOR).id
    assert out["application_id"] == app.id
    assert out["issuer"] == app.outputs["issuer"]
    assert out["beyond_identity_client_id"] == app.outputs["client_id"]
    assert out["region"] == "us-east-1"
    assert out["user_pool_id"] == pool.id
    assert out["user_pool_arn"] == f"arn:aws:cognito-idp:us-east-1:{ACCOUNT_ID}:userpool/{pool.id}"
    assert out["user_pool_issuer"] == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
    assert out["user_pool_client_id"] == client.id
    assert out["domain"] == "bi-demo"
    assert out["base_url"] == BASE
    assert out["idp_redirect_uri"] == f"{BASE}/oauth2/idpresponse"
    assert out["identity_provider_name"] == "BeyondIdentity"
    assert out["token_url"] == f"{BASE}/oauth2/token"
    assert out["hosted_ui_url"] == (
        f"{BASE}/login?client_id={client.id}&response_type=code&scope=openid+email+profile"
        "&redirect_uri=http%3A%2F%2Flocalhost%3A3000"
    )
    assert out["authorize_url"] == (
        f"{BASE}/oauth2/authorize?response_type=code&client_id={client.id}"
        "&redirect_uri=http%3A%2F%2Flocalhost%3A3000&scope=openid+email+profile"
        "&identity_provider=BeyondIdentity"
    )


def test_dependency_order(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(federation)
    order = [cloud.position(t) for t in (REALM, RESOURCE_SERVER, APPLICATION)]
    assert order == sorted(order)
    assert cloud.position(AUTHENTICATOR) < cloud.position(APPLICATION)
    order = [cloud.position(t) for t in (USER_POOL, DOMAIN, APPLICATION, IDENTITY_PROVIDER, CLIENT)]
    assert order == sorted(order)
    client = cloud.one(CLIENT)
    idp_urn = cloud.one(IDENTITY_PROVIDER).urn
    # The client names the provider by its output, not a literal: that is the ordering edge.
    assert client.property_dependencies["supportedIdentityProviders"] == [idp_urn]
    app = cloud.one(APPLICATION)
    assert cloud.one(DOMAIN).urn in app.dependencies
    idp = cloud.one(IDENTITY_PROVIDER)
    credentials = cloud.one(CREDENTIALS)
    # The provider takes the credentials from their own resource, which depends on the app's id
    # only, so an update of the application alone does not show the provider changing.
    assert idp.property_dependencies["providerDetails"] == [credentials.urn]
    assert credentials.property_dependencies["application_id"] == [app.urn]


# What the checks of objects an interrupted `up` left look up (_unrecorded).
LOOKUPS = (
    "aws:cognito/getUserPools:getUserPools",
    GET_USER_POOL,
    "aws:cognito/getUserPoolClients:getUserPoolClients",
)


def test_region_comes_from_the_provider_by_default(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(federation)
    # One region look-up; the other calls are _unrecorded's look-ups of the Cognito objects.
    assert [token for token, _ in cloud.calls if token == GET_REGION] == [GET_REGION]
    assert {token for token, _ in cloud.calls} == {GET_REGION, *LOOKUPS}
    assert all("region" not in r.plain for r in cloud.log if r.typ.startswith("aws:"))


def test_explicit_region(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(lambda: federation(region="eu-west-2")).outputs
    assert {token for token, _ in cloud.calls} == set(LOOKUPS)  # no region look-up
    assert all(args.get("region") == "eu-west-2" for _, args in cloud.calls)
    for typ in (USER_POOL, DOMAIN, IDENTITY_PROVIDER, CLIENT):
        assert cloud.one(typ).plain["region"] == "eu-west-2"
    assert out["base_url"] == "https://bi-demo.auth.eu-west-2.amazoncognito.com"
    redirect = cloud.one(APPLICATION).plain["protocol_config"]["redirect_uris"]
    assert redirect == ["https://bi-demo.auth.eu-west-2.amazoncognito.com/oauth2/idpresponse"]


def test_existing_realm(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(lambda: federation(realm_id="0123456789abcdef")).outputs
    assert not cloud.of_type(REALM)
    for typ in (RESOURCE_SERVER, AUTHENTICATOR, APPLICATION):
        assert cloud.one(typ).plain["realm_id"] == "0123456789abcdef"
    assert out["realm_id"] == "0123456789abcdef"


def test_existing_user_pool(cloud: FakeCloud, deploy: Deploy) -> None:
    out = deploy(lambda: federation(user_pool_id="us-east-1_Existing1")).outputs
    assert not cloud.of_type(USER_POOL)
    for typ in (DOMAIN, IDENTITY_PROVIDER, CLIENT):
        assert cloud.one(typ).plain["userPoolId"] == "us-east-1_Existing1"
    assert (GET_USER_POOL, {"userPoolId": "us-east-1_Existing1"}) in cloud.calls
    assert out["user_pool_id"] == "us-east-1_Existing1"
    assert out["user_pool_arn"].endswith(":userpool/us-east-1_Existing1")


def test_two_federations_in_one_stack(cloud: FakeCloud, deploy: Deploy) -> None:
    deployed = deploy(
        lambda: [
            federation("staff", domain_prefix="bi-staff"),
            federation(
                "customers", domain_prefix="bi-customers", identity_provider_name="BIcustomers"
            ),
        ]
    )
    staff, customers = deployed.values
    assert len(cloud.of_type(COMPONENT)) == 2
    assert len({r.urn for r in cloud.log}) == len(cloud.log) == 20
    assert {r.plain["display_name"] for r in cloud.of_type(REALM)} == {
        "beyondidentity-cognito-test-staff",
        "beyondidentity-cognito-test-customers",
    }
    assert staff["user_pool_id"] != customers["user_pool_id"]
    assert staff["base_url"] == "https://bi-staff.auth.us-east-1.amazoncognito.com"
    assert customers["base_url"] == "https://bi-customers.auth.us-east-1.amazoncognito.com"
    assert customers["authorize_url"].endswith("&identity_provider=BIcustomers")
    # Each federation's children hang under their own component.
    parents = {r.name: r.parent for r in cloud.log}
    assert parents["staff-client"].endswith("::staff")
    assert parents["customers-client"].endswith("::customers")
    apps = {r.name: r.plain for r in cloud.of_type(APPLICATION)}
    assert apps["customers-application"]["protocol_config"]["redirect_uris"] == [
        "https://bi-customers.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
    ]


def test_custom_domain(cloud: FakeCloud, deploy: Deploy) -> None:
    cert = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
    out = deploy(
        lambda: federation(
            domain_prefix=None, custom_domain="auth.example.com", certificate_arn=cert
        )
    ).outputs
    assert cloud.one(DOMAIN).plain == {
        "domain": "auth.example.com",
        "userPoolId": cloud.one(USER_POOL).id,
        "certificateArn": cert,
        "managedLoginVersion": 1,
    }
    assert out["base_url"] == "https://auth.example.com"
    assert out["idp_redirect_uri"] == "https://auth.example.com/oauth2/idpresponse"


def test_options_cognito_login_mfa_off_and_unprotected_pool(
    cloud: FakeCloud, deploy: Deploy
) -> None:
    deploy(
        lambda: federation(
            allow_cognito_login=True,
            mfa_configuration="OFF",
            deletion_protection="INACTIVE",
            protect_user_pool=False,
            logout_urls=["http://localhost:3000/bye"],
            user_pool_name="Pool",
            app_client_name="Web app",
        )
    )
    pool = cloud.one(USER_POOL)
    assert pool.plain["mfaConfiguration"] == "OFF"
    assert "softwareTokenMfaConfiguration" not in pool.plain
    assert pool.plain["deletionProtection"] == "INACTIVE"
    assert pool.plain["name"] == "Pool"
    assert not pool.protect
    client = cloud.one(CLIENT).plain
    assert client["supportedIdentityProviders"] == ["BeyondIdentity", "COGNITO"]
    assert client["logoutUrls"] == ["http://localhost:3000/bye"]
    assert client["name"] == "Web app"


def test_protected_component_protects_its_pool(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: CognitoFederation(
            "login",
            CognitoFederationArgs(
                domain_prefix="bi-demo", callback_urls=[CALLBACK], protect_user_pool=False
            ),
            pulumi.ResourceOptions(protect=True),
        )
    )
    assert cloud.one(USER_POOL).protect


def test_application_options(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: federation(
            pkce="s256",
            token_expires_after=3600,
            subject_field="id",
            resource_server_scopes=["aws:customclaim", "aws:admin"],
            allowed_scopes=["aws:admin"],
            attribute_mapping={"email": "email"},
            authentication_methods=["webauthn_passkey"],
        )
    )
    protocol = cloud.one(APPLICATION).plain["protocol_config"]
    assert protocol["pkce"] == "s256"
    assert protocol["token_configuration"] == {"expires_after": 3600, "subject_field": "id"}
    assert protocol["allowed_scopes"] == ["aws:admin"]
    assert cloud.one(RESOURCE_SERVER).plain["scopes"] == ["aws:customclaim", "aws:admin"]
    idp = cloud.one(IDENTITY_PROVIDER).plain
    assert idp["providerDetails"]["authorize_scopes"] == "openid aws:admin"
    assert idp["attributeMapping"] == {"email": "email"}
    config = cloud.one(AUTHENTICATOR).plain["config"]
    assert config["authentication_methods"] == ["webauthn_passkey"]


@pytest.mark.parametrize(
    ("config", "env", "origin"),
    [
        ({"beyondidentity:region": "eu"}, {}, "https://auth-eu.beyondidentity.com/authenticator/"),
        (
            {"beyondidentity:region": "us-gov"},
            {},
            "https://auth.us1.beyondidentity-gov.com/authenticator/",
        ),
        (
            {"beyondidentity:authUrl": "http://127.0.0.1:8787/", "beyondidentity:region": "eu"},
            {},
            "http://127.0.0.1:8787/authenticator/",
        ),
        (
            {},
            {"BEYOND_IDENTITY_AUTH_URL": "http://localhost:9999"},
            "http://localhost:9999/authenticator/",
        ),
        # Each key is resolved on its own, as the providers' Settings do: an auth URL from the
        # environment still beats a region from the stack config.
        (
            {"beyondidentity:region": "eu"},
            {"BEYOND_IDENTITY_AUTH_URL": "http://localhost:9999"},
            "http://localhost:9999/authenticator/",
        ),
    ],
)
def test_trusted_origin_follows_the_beyond_identity_host(
    cloud: FakeCloud,
    deploy: Deploy,
    host_settings: HostSettings,
    config: dict[str, str],
    env: dict[str, str],
    origin: str,
) -> None:
    host_settings(config, env)
    deploy(federation)
    assert cloud.one(AUTHENTICATOR).plain["config"]["trusted_origins"] == [origin]


def test_trusted_origins_override(cloud: FakeCloud, deploy: Deploy) -> None:
    origins = ["https://login.example.com/authenticator/"]
    deploy(lambda: federation(authenticator_trusted_origins=origins))
    assert cloud.one(AUTHENTICATOR).plain["config"]["trusted_origins"] == origins


def test_outputs_as_inputs_are_passed_through(cloud: FakeCloud, deploy: Deploy) -> None:
    deploy(
        lambda: federation(
            realm_id=pulumi.Output.from_input("fedcba9876543210"),
            callback_urls=[pulumi.Output.from_input("https://app.example.com/cb")],
        )
    )
    assert cloud.one(RESOURCE_SERVER).plain["realm_id"] == "fedcba9876543210"
    assert cloud.one(CLIENT).plain["callbackUrls"] == ["https://app.example.com/cb"]


class ReplacingDomainCloud(FakeCloud):
    """In a preview, a domain being replaced has no known outputs yet."""

    def respond(
        self, typ: str, name: str, inputs: dict[str, Any]
    ) -> tuple[str | None, dict[str, Any]]:
        if typ == DOMAIN:
            return "", {}
        return super().respond(typ, name, inputs)


def test_redirect_uri_is_known_while_the_domain_is_replaced(cloud: FakeCloud) -> None:
    fake = install(ReplacingDomainCloud(), preview=True)
    deployed = run_program(federation)
    # A known redirect URI lets the application's provider update it in place, where an unknown
    # one would look like a replacement (and new client credentials).
    protocol = fake.one(APPLICATION).plain["protocol_config"]
    assert protocol["redirect_uris"] == [f"{BASE}/oauth2/idpresponse"]
    assert fake.one(DOMAIN).urn in fake.one(APPLICATION).dependencies
    assert deployed.outputs["domain"] is None  # unknown in this preview
