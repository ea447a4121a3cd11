"""The four Cognito resources against a real moto server, through the provider's methods."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.standin_harness import CLIENT, DOMAIN, IDP, POOL, Created, Harness, diff_kinds

from aws_standin._aws import AwsError
from aws_standin._values import UNKNOWN, from_plain, plain_map

ISSUER = "https://auth.example.com/v1/tenants/t1/realms/r1/applications/a1"
POOL_INPUTS: dict[str, Any] = {
    "usernameAttributes": ["email"],
    "autoVerifiedAttributes": ["email"],
    "usernameConfiguration": {"caseSensitive": False},
    "mfaConfiguration": "OPTIONAL",
    "softwareTokenMfaConfiguration": {"enabled": True},
    "passwordPolicy": {"minimumLength": 12.0, "requireSymbols": False},
    "schemas": [
        {
            "name": "tenant",
            "attributeDataType": "String",
            "mutable": True,
            "stringAttributeConstraints": {"minLength": "1", "maxLength": "64"},
        }
    ],
    "tags": {"project": "bi"},
}


def oidc_inputs(pool_id: str, **overrides: Any) -> dict[str, Any]:
    details = {
        "client_id": "bi-client",
        "authorize_scopes": "openid email",
        "oidc_issuer": ISSUER,
        "attributes_request_method": "GET",
        "authorize_url": f"{ISSUER}/authorize",
        "token_url": f"{ISSUER}/token",
        "attributes_url": f"{ISSUER}/userinfo",
        "jwks_uri": f"{ISSUER}/.well-known/jwks.json",
        "client_secret": "bi-secret",
    }
    return {
        "userPoolId": pool_id,
        "providerName": "BeyondIdentity",
        "providerType": "OIDC",
        "providerDetails": from_plain(details, secret=True),
        "attributeMapping": {"email": "sub", "username": "sub"},
    } | overrides


def client_inputs(pool_id: str, idp: str = "BeyondIdentity", **overrides: Any) -> dict[str, Any]:
    return {
        "userPoolId": pool_id,
        "name": "web",
        "generateSecret": True,
        "allowedOauthFlowsUserPoolClient": True,
        "allowedOauthFlows": ["code"],
        "allowedOauthScopes": ["openid", "email", "profile"],
        "callbackUrls": ["https://app.example.com/callback", "http://localhost:3000/cb"],
        "logoutUrls": ["https://app.example.com/"],
        "supportedIdentityProviders": [idp],
        "explicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "preventUserExistenceErrors": "ENABLED",
        "accessTokenValidity": 60.0,
        "tokenValidityUnits": {"accessToken": "minutes"},
    } | overrides


@pytest.fixture
def harness(moto: str) -> Harness:
    return Harness(moto)


@pytest.fixture
def pool(harness: Harness) -> Created:
    return harness.up(POOL, "pool", POOL_INPUTS | {"deletionProtection": "INACTIVE"})


def assert_unchanged(harness: Harness, res: Created, inputs: dict[str, Any]) -> None:
    diff = harness.diff(res, inputs)
    assert not diff.changes, diff_kinds(diff)


# ---- check ---------------------------------------------------------------------------------


def test_check_autonames_defaults_and_keeps_the_name(harness: Harness) -> None:
    first = harness.checked(POOL, "users", {})
    name = first["name"].value
    assert isinstance(name, str)
    assert name.startswith("users-")
    assert len(name) == len("users-") + 7
    assert first["mfaConfiguration"].value == "OFF"
    assert first["deletionProtection"].value == "INACTIVE"
    again = harness.check(POOL, "users", {}, olds=first).inputs or {}
    assert again["name"].value == name


def test_check_reports_unsupported_missing_and_mistyped_properties(harness: Harness) -> None:
    response = harness.check(
        POOL,
        "p",
        {
            "lambdaConfig": {"preSignUp": "arn:aws:lambda:::function:x"},
            "usernameAttributes": "email",
            "passwordPolicy": {"minimumLength": 8.5, "bogus": True},
            "mfaConfiguration": "SOMETIMES",
        },
    )
    failures = {f.property: f.reason for f in response.failures or []}
    assert set(failures) == {
        "lambdaConfig",
        "usernameAttributes",
        "passwordPolicy.minimumLength",
        "passwordPolicy.bogus",
        "mfaConfiguration",
    }
    assert "not implemented by the aws stand-in" in failures["lambdaConfig"]
    missing = harness.check(IDP, "idp", {"providerName": "X"})
    assert {f.property for f in missing.failures or []} == {
        "userPoolId",
        "providerType",
        "providerDetails",
    }


def test_check_conflict_and_unknowns(harness: Harness) -> None:
    conflict = harness.check(POOL, "p", {"usernameAttributes": ["email"], "aliasAttributes": []})
    assert [f.property for f in conflict.failures or []] == ["aliasAttributes"]
    unknown = harness.check(DOMAIN, "d", {"domain": "ok-prefix", "userPoolId": UNKNOWN})
    assert not unknown.failures


# ---- user pool -----------------------------------------------------------------------------


def test_user_pool_lifecycle(harness: Harness, cognito: Any) -> None:
    pool = harness.up(POOL, "pool", POOL_INPUTS)
    _check_created_pool(pool, cognito)
    assert_unchanged(harness, pool, POOL_INPUTS)

    refreshed = harness.read(pool)
    assert refreshed.resource_id == pool.id
    assert plain_map(refreshed.inputs) == plain_map(pool.inputs)
    assert plain_map(refreshed.properties)["schemas"] == pool.plain["schemas"]

    news = POOL_INPUTS | {
        "deletionProtection": "ACTIVE",
        "autoVerifiedAttributes": [],
        "mfaConfiguration": "OFF",
        "tags": {"project": "bi", "env": "test"},
        "schemas": [*POOL_INPUTS["schemas"], {"name": "level", "attributeDataType": "Number"}],
    }
    updated = _update_pool(harness, cognito, pool, news)
    assert_unchanged(harness, updated, news)

    with pytest.raises(AwsError, match="deletion protection is activated"):
        harness.delete(updated)
    unprotected = harness.update(updated, news | {"deletionProtection": "INACTIVE"})
    harness.delete(unprotected)
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []
    harness.delete(unprotected)  # already gone: not an error


def _check_created_pool(pool: Created, cognito: Any) -> None:
    out = pool.plain
    live = cognito.describe_user_pool(UserPoolId=pool.id)["UserPool"]
    assert live["UsernameAttributes"] == ["email"]
    assert live["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert live["UserPoolTags"] == {"project": "bi"}
    assert any(a["Name"] == "custom:tenant" for a in live["SchemaAttributes"])
    assert cognito.get_user_pool_mfa_config(UserPoolId=pool.id)["MfaConfiguration"] == "OPTIONAL"
    assert out["id"] == pool.id
    assert out["name"] == live["Name"]
    assert out["arn"] == f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{pool.id}"
    assert out["endpoint"] == f"cognito-idp.us-east-1.amazonaws.com/{pool.id}"
    assert out["domain"] == ""
    assert out["region"] == "us-east-1"
    assert out["estimatedNumberOfUsers"] == 0.0
    assert out["tagsAll"] == {"project": "bi"}
    # Computed fields the program left out are filled from AWS, and never diff.
    admin = out["adminCreateUserConfig"]
    assert isinstance(admin, dict)
    assert admin["allowAdminCreateUserOnly"] is False


def _update_pool(harness: Harness, cognito: Any, pool: Created, news: dict[str, Any]) -> Created:
    """Diff and update to ``news`` (no replacement), checked in moto and by a refresh."""
    diff = harness.diff(pool, news)
    assert diff.changes
    assert not diff.replaces
    assert diff_kinds(diff) == {
        "deletionProtection": "UPDATE",
        "autoVerifiedAttributes": "DELETE",
        "mfaConfiguration": "UPDATE",
        "tags": "UPDATE",
        "schemas": "UPDATE",
    }
    updated = harness.update(pool, news)
    live = cognito.describe_user_pool(UserPoolId=pool.id)["UserPool"]
    assert live["DeletionProtection"] == "ACTIVE"
    assert live["UserPoolTags"] == {"project": "bi", "env": "test"}
    assert any(a["Name"] == "custom:level" for a in live["SchemaAttributes"])
    assert live["Policies"]["PasswordPolicy"]["MinimumLength"] == 12  # kept, not reset
    assert cognito.get_user_pool_mfa_config(UserPoolId=pool.id)["MfaConfiguration"] == "OFF"
    # moto forgets UsernameAttributes on UpdateUserPool: a refresh must not report drift.
    after = harness.read(updated)
    assert plain_map(after.properties)["usernameAttributes"] == ["email"]
    return updated


def test_user_pool_replacement_rules(harness: Harness, pool: Created) -> None:
    base = POOL_INPUTS | {"deletionProtection": "INACTIVE"}
    for key, value in [
        ("usernameAttributes", ["phone_number"]),
        ("usernameConfiguration", {"caseSensitive": True}),
        ("name", "renamed"),
    ]:
        diff = harness.diff(pool, base | {key: value})
        assert diff.replaces == [key], key
        assert diff_kinds(diff) == {key: "UPDATE_REPLACE"}
    diff = harness.diff(pool, {k: v for k, v in base.items() if k != "usernameAttributes"})
    assert diff_kinds(diff) == {"usernameAttributes": "DELETE_REPLACE"}
    assert harness.diff(pool, base, ignore=["tags"]).changes is False
    assert harness.diff(pool, base | {"tags": {}}, ignore=["tags"]).changes is False
    assert harness.diff(pool, base | {"tags": {}}).replaces == []


def test_user_pool_schema_cannot_be_changed(harness: Harness, pool: Created) -> None:
    changed = POOL_INPUTS | {"schemas": [{"name": "tenant", "attributeDataType": "Number"}]}
    with pytest.raises(AwsError, match="cannot be modified or removed"):
        harness.update(pool, changed)


def test_user_pool_deleted_out_of_band_is_gone(
    harness: Harness, pool: Created, cognito: Any
) -> None:
    cognito.delete_user_pool(UserPoolId=pool.id)
    gone = harness.read(pool)
    assert not gone.resource_id
    assert not gone.properties
    assert not gone.inputs


def test_domain_of_a_pool_deleted_out_of_band_is_gone(
    harness: Harness, pool: Created, cognito: Any
) -> None:
    domain = harness.up(DOMAIN, "domain", {"domain": "orphan-1", "userPoolId": pool.id})
    cognito.delete_user_pool(UserPoolId=pool.id)  # moto allows it and keeps the domain
    assert not harness.read(domain).resource_id


def test_resource_region_input(harness: Harness, moto: str) -> None:
    pool = harness.up(POOL, "eu", {"region": "eu-west-1"})
    assert pool.id.startswith("eu-west-1_")
    assert str(pool.plain["arn"]).startswith("arn:aws:cognito-idp:eu-west-1:")
    assert not harness.diff(pool, {"region": "eu-west-1"}).changes
    assert not harness.diff(pool, {}).changes  # omitted: computed
    assert harness.diff(pool, {"region": "us-west-2"}).replaces == ["region"]
    assert harness.read(pool).resource_id == pool.id
    looked_up = harness.invoke(
        "aws:cognito/getUserPool:getUserPool", {"userPoolId": pool.id, "region": "eu-west-1"}
    )
    assert looked_up["arn"] == pool.plain["arn"]
    assert looked_up["name"] == pool.plain["name"]
    harness.delete(pool)
    assert harness.read(pool).resource_id is None


def test_user_pool_import(harness: Harness, pool: Created) -> None:
    imported = harness.import_(POOL, "imported", pool.id)
    assert imported.resource_id == pool.id
    inputs = plain_map(imported.inputs)
    assert inputs["usernameAttributes"] == ["email"]
    assert inputs["name"] == pool.plain["name"]


def test_preview_create_and_update_make_no_calls(harness: Harness, cognito: Any) -> None:
    inputs = harness.checked(POOL, "pool", POOL_INPUTS)
    preview = harness.create(POOL, "pool", inputs, preview=True)
    assert preview.id == ""
    assert preview.plain["arn"] == UNKNOWN
    assert preview.plain["region"] == "us-east-1"
    assert preview.plain["usernameAttributes"] == ["email"]
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []
    domain = harness.create(
        DOMAIN,
        "d",
        harness.checked(DOMAIN, "d", {"domain": "x1", "userPoolId": UNKNOWN}),
        preview=True,
    )
    assert domain.plain["userPoolId"] == UNKNOWN
    assert domain.plain["cloudfrontDistribution"] == UNKNOWN

    pool = harness.up(POOL, "pool", POOL_INPUTS)
    updated = harness.update(pool, POOL_INPUTS | {"tags": {"a": "b"}}, preview=True)
    assert updated.plain["arn"] == pool.plain["arn"]
    assert updated.plain["tags"] == {"a": "b"}
    live = cognito.describe_user_pool(UserPoolId=pool.id)["UserPool"]
    assert live["UserPoolTags"] == {"project": "bi"}


# ---- domain --------------------------------------------------------------------------------


def test_domain_lifecycle(harness: Harness, pool: Created, cognito: Any) -> None:
    inputs = {"domain": "bi-demo-1", "userPoolId": pool.id, "managedLoginVersion": 2.0}
    domain = harness.up(DOMAIN, "domain", inputs)
    out = domain.plain
    assert domain.id == "bi-demo-1"
    assert (
        cognito.describe_user_pool_domain(Domain="bi-demo-1")["DomainDescription"]["UserPoolId"]
        == pool.id
    )
    assert str(out["cloudfrontDistribution"]).endswith(".amazoncognito.com")
    assert out["awsAccountId"] == "123456789012"  # moto answers a random UUID
    assert out["managedLoginVersion"] == 2.0  # moto drops it: the declared value is kept
    assert out["cloudfrontDistributionZoneId"] == "Z2FDTNDATAQYW2"
    assert isinstance(out["version"], str)
    assert_unchanged(harness, domain, inputs)
    refreshed = harness.read(domain)
    assert plain_map(refreshed.properties)["managedLoginVersion"] == 2.0

    assert diff_kinds(harness.diff(domain, inputs | {"domain": "bi-demo-2"})) == {
        "domain": "UPDATE_REPLACE"
    }
    assert harness.diff(domain, inputs | {"userPoolId": "us-east-1_other"}).replaces == [
        "userPoolId"
    ]
    arn = "arn:aws:acm:us-east-1:123456789012:certificate/x"
    assert harness.diff(domain, inputs | {"certificateArn": arn}).replaces == ["certificateArn"]
    mlv = harness.diff(domain, inputs | {"managedLoginVersion": 1.0})
    assert diff_kinds(mlv) == {"managedLoginVersion": "UPDATE"}
    assert not mlv.replaces
    assert not harness.diff(
        domain, {k: v for k, v in inputs.items() if k != "managedLoginVersion"}
    ).changes
    updated = harness.update(domain, inputs | {"managedLoginVersion": 1.0})
    assert updated.plain["managedLoginVersion"] == 1.0

    with pytest.raises(AwsError, match="already has a domain configured"):
        harness.up(DOMAIN, "second", {"domain": "bi-demo-2", "userPoolId": pool.id})
    with pytest.raises(AwsError, match="domain configured that should be deleted first"):
        harness.delete(pool)
    harness.delete(updated)
    assert cognito.describe_user_pool_domain(Domain="bi-demo-1")["DomainDescription"] == {}
    assert not harness.read(updated).resource_id
    harness.delete(pool)


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("Bad_Prefix", "regular expression"),
        ("-lead", "regular expression"),
        ("my-cognito-login", "reserved word: cognito"),
        ("aws-login", "reserved word: aws"),
    ],
)
def test_domain_prefix_rules(harness: Harness, pool: Created, prefix: str, message: str) -> None:
    with pytest.raises(AwsError, match=message):
        harness.up(DOMAIN, "d", {"domain": prefix, "userPoolId": pool.id})


def test_domain_name_is_unique_across_pools(harness: Harness, pool: Created) -> None:
    other = harness.up(POOL, "other", {})
    harness.up(DOMAIN, "d1", {"domain": "shared-name", "userPoolId": pool.id})
    with pytest.raises(AwsError, match="already associated with another user pool"):
        harness.up(DOMAIN, "d2", {"domain": "shared-name", "userPoolId": other.id})


# ---- identity provider ---------------------------------------------------------------------


def test_identity_provider_lifecycle(harness: Harness, pool: Created, cognito: Any) -> None:
    inputs = oidc_inputs(pool.id)
    idp = harness.up(IDP, "idp", inputs)
    assert idp.id == f"{pool.id}:BeyondIdentity"
    assert idp.plain["providerName"] == "BeyondIdentity"
    assert idp.outputs["providerDetails"].is_secret  # the secret input stays secret
    live = cognito.describe_identity_provider(UserPoolId=pool.id, ProviderName="BeyondIdentity")
    assert live["IdentityProvider"]["ProviderDetails"]["oidc_issuer"] == ISSUER
    assert_unchanged(harness, idp, inputs)
    refreshed = harness.read(idp)
    assert refreshed.properties["providerDetails"].is_secret
    assert refreshed.inputs["providerDetails"].is_secret
    assert plain_map(refreshed.properties) == idp.plain

    for key, value in [
        ("providerName", "BI2"),
        ("providerType", "SAML"),
        ("userPoolId", "us-east-1_x"),
    ]:
        assert harness.diff(idp, inputs | {key: value}).replaces == [key]
    details = idp.plain["providerDetails"]
    assert isinstance(details, dict)
    details = details | {"authorize_scopes": "openid email profile"}
    news = inputs | {
        "providerDetails": from_plain(details, secret=True),
        "idpIdentifiers": ["example.com"],
    }
    diff = harness.diff(idp, news)
    assert diff_kinds(diff) == {"providerDetails": "UPDATE", "idpIdentifiers": "ADD"}
    harness.update(idp, news)
    live = cognito.describe_identity_provider(UserPoolId=pool.id, ProviderName="BeyondIdentity")
    assert live["IdentityProvider"]["ProviderDetails"]["authorize_scopes"] == "openid email profile"
    assert live["IdentityProvider"]["IdpIdentifiers"] == ["example.com"]

    harness.delete(idp)
    assert not harness.read(idp).resource_id
    harness.delete(idp)


def test_identity_provider_duplicates_and_names(harness: Harness, pool: Created) -> None:
    harness.up(IDP, "idp", oidc_inputs(pool.id))
    with pytest.raises(AwsError, match="DuplicateProviderException"):
        harness.up(IDP, "again", oidc_inputs(pool.id))
    for name in ("Beyond Identity", "B", "_bi"):
        with pytest.raises(AwsError, match="regular expression"):
            harness.up(IDP, "bad", oidc_inputs(pool.id, providerName=name))
    with pytest.raises(AwsError, match="must be Google"):
        harness.up(IDP, "g", oidc_inputs(pool.id, providerName="MyGoogle", providerType="Google"))
    with pytest.raises(AwsError, match="oidc_issuer"):
        harness.up(
            IDP,
            "o",
            oidc_inputs(
                pool.id,
                providerName="Other",
                providerDetails={"client_id": "c", "authorize_scopes": "openid"},
            ),
        )


# ---- app client ----------------------------------------------------------------------------


def test_client_lifecycle(harness: Harness, pool: Created, cognito: Any) -> None:
    harness.up(IDP, "idp", oidc_inputs(pool.id))
    inputs = client_inputs(pool.id)
    client = harness.up(CLIENT, "client", inputs)
    live = cognito.describe_user_pool_client(UserPoolId=pool.id, ClientId=client.id)[
        "UserPoolClient"
    ]
    assert client.plain["id"] == client.id
    assert client.plain["name"] == "web"
    assert client.outputs["clientSecret"].is_secret
    assert client.plain["clientSecret"] == live["ClientSecret"]
    assert live["SupportedIdentityProviders"] == ["BeyondIdentity"]
    assert live["AccessTokenValidity"] == 60
    assert client.plain["refreshTokenValidity"] == 30.0  # computed, filled from AWS
    assert_unchanged(harness, client, inputs)
    reordered = inputs | {"callbackUrls": list(reversed(inputs["callbackUrls"]))}
    assert_unchanged(harness, client, reordered)
    refreshed = harness.read(client)
    assert refreshed.properties["clientSecret"].is_secret
    assert plain_map(refreshed.properties) == client.plain

    assert harness.diff(client, inputs | {"generateSecret": False}).replaces == ["generateSecret"]
    assert harness.diff(client, inputs | {"userPoolId": "us-east-1_x"}).replaces == ["userPoolId"]
    news = inputs | {"callbackUrls": ["https://app.example.com/cb2"], "name": "web2"}
    news.pop("logoutUrls")
    # `logout_urls` is Optional+Computed (user_pool_client.go): removing it plans nothing and
    # keeps the URLs on AWS. (Before issue 18 the stand-in planned a DELETE and cleared them.)
    assert diff_kinds(harness.diff(client, news)) == {"callbackUrls": "UPDATE", "name": "UPDATE"}
    updated = harness.update(client, news)
    live = cognito.describe_user_pool_client(UserPoolId=pool.id, ClientId=client.id)[
        "UserPoolClient"
    ]
    assert live["CallbackURLs"] == ["https://app.example.com/cb2"]
    assert live["ClientName"] == "web2"
    assert live["LogoutURLs"] == inputs["logoutUrls"]
    assert updated.plain["logoutUrls"] == inputs["logoutUrls"]
    assert live["AccessTokenValidity"] == 60  # untouched settings are re-sent
    assert updated.outputs["clientSecret"].is_secret

    cognito.delete_user_pool_client(UserPoolId=pool.id, ClientId=client.id)
    assert not harness.read(updated).resource_id
    harness.delete(updated)


def test_client_import_by_pool_and_client_id(harness: Harness, pool: Created) -> None:
    client = harness.up(CLIENT, "c", {"userPoolId": pool.id, "name": "plain"})
    imported = harness.import_(CLIENT, "c", f"{pool.id}/{client.id}")
    assert imported.resource_id == client.id
    assert plain_map(imported.inputs)["name"] == "plain"


def test_client_rules(harness: Harness, pool: Created) -> None:
    with pytest.raises(AwsError, match="The provider BeyondIdentity does not exist"):
        harness.up(CLIENT, "c", client_inputs(pool.id))
    with pytest.raises(AwsError, match="must use HTTPS"):
        harness.up(
            CLIENT,
            "c",
            client_inputs(pool.id, idp="COGNITO", callbackUrls=["http://app.example.com/cb"]),
        )
    with pytest.raises(AwsError, match="fragment"):
        harness.up(
            CLIENT,
            "c",
            client_inputs(pool.id, idp="COGNITO", callbackUrls=["https://a.example.com/#x"]),
        )
    with pytest.raises(AwsError, match="AllowedOAuthFlowsUserPoolClient must be true"):
        harness.up(
            CLIENT,
            "c",
            client_inputs(pool.id, idp="COGNITO", allowedOauthFlowsUserPoolClient=False),
        )
    with pytest.raises(AwsError, match="DefaultRedirectURI"):
        harness.up(
            CLIENT, "c", client_inputs(pool.id, idp="COGNITO", defaultRedirectUri="https://other/")
        )
    ok = harness.up(CLIENT, "c", client_inputs(pool.id, idp="COGNITO", generateSecret=False))
    assert ok.plain["clientSecret"] == ""
    assert ok.outputs["clientSecret"].is_secret


def test_empty_values_never_diff(harness: Harness, pool: Created) -> None:
    inputs: dict[str, Any] = {
        "userPoolId": pool.id,
        "name": "bare",
        "callbackUrls": [],
        "logoutUrls": None,
    }
    client = harness.up(CLIENT, "bare", inputs)
    assert_unchanged(harness, client, {"userPoolId": pool.id, "name": "bare"})
    assert_unchanged(harness, client, inputs | {"readAttributes": None, "defaultRedirectUri": ""})
    refreshed = harness.read(client)
    assert plain_map(refreshed.inputs) == plain_map(client.inputs)
