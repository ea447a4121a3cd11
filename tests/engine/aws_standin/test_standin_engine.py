"""The real Pulumi engine driving a pulumi-aws Cognito program through the stand-in plugin.

A local Python program (language host + executor from ``make engine``) declares a user pool,
domain, OIDC identity provider and app client with the pulumi-aws SDK; the engine finds the
stand-in installed as plugin ``aws`` 7.51.1 in the test's PULUMI_HOME and the stand-in creates
everything in a moto server started by this test. Checked: up, an empty second preview, an empty
refresh, drift (a client deleted out of band disappears on refresh and comes back on up), a
domain-prefix change planned and applied as a replacement, and destroy leaving moto empty.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from helpers.aws import moto_client
from helpers.engine_support import engine_env, pulumi_command, require_engine
from pulumi import automation as auto

pytestmark = pytest.mark.engine

REGION = "us-east-1"

PROGRAM = textwrap.dedent(
    '''
    """Stand-in engine test program: the Cognito resources of the project's stack."""
    import pulumi
    import pulumi_aws as aws

    ISSUER = "https://auth.example.com/v1/tenants/t1/realms/r1/applications/a1"
    config = pulumi.Config()

    pool = aws.cognito.UserPool(
        "pool",
        username_attributes=["email"],
        auto_verified_attributes=["email"],
        username_configuration={"case_sensitive": False},
        mfa_configuration="OPTIONAL",
        software_token_mfa_configuration={"enabled": True},
        tags={"project": "aws-standin"},
    )
    domain = aws.cognito.UserPoolDomain(
        "domain",
        domain=config.require("domainPrefix"),
        user_pool_id=pool.id,
        opts=pulumi.ResourceOptions(delete_before_replace=True),
    )
    idp = aws.cognito.IdentityProvider(
        "idp",
        user_pool_id=pool.id,
        provider_name="BeyondIdentity",
        provider_type="OIDC",
        provider_details={
            "client_id": "bi-client",
            "client_secret": pulumi.Output.secret("bi-secret"),
            "authorize_scopes": "openid email",
            "oidc_issuer": ISSUER,
            "attributes_request_method": "GET",
            "authorize_url": f"{ISSUER}/authorize",
            "token_url": f"{ISSUER}/token",
            "attributes_url": f"{ISSUER}/userinfo",
            "jwks_uri": f"{ISSUER}/.well-known/jwks.json",
        },
        attribute_mapping={"email": "sub", "username": "sub"},
        opts=pulumi.ResourceOptions(delete_before_replace=True),
    )
    client = aws.cognito.UserPoolClient(
        "client",
        user_pool_id=pool.id,
        name="web",
        generate_secret=True,
        allowed_oauth_flows_user_pool_client=True,
        allowed_oauth_flows=["code"],
        allowed_oauth_scopes=["openid", "email", "profile"],
        callback_urls=["http://localhost:3000/callback"],
        supported_identity_providers=[idp.provider_name],
        explicit_auth_flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )

    # An explicit provider: its non-string settings reach the plugin JSON-encoded.
    explicit = aws.Provider(
        "explicit",
        region="eu-west-1",
        endpoints=[{"cognitoidp": config.require("motoUrl"), "sts": config.require("motoUrl")}],
        skip_credentials_validation=True,
        skip_requesting_account_id=True,
        skip_metadata_api_check=True,
        access_key="test",
        secret_key="test",
    )
    region = aws.get_region_output()
    explicit_region = aws.get_region_output(opts=pulumi.InvokeOutputOptions(provider=explicit))
    caller = aws.get_caller_identity_output()
    looked_up = aws.cognito.get_user_pool_output(user_pool_id=pool.id)

    pulumi.export("poolId", pool.id)
    pulumi.export("poolArn", pool.arn)
    pulumi.export("poolEndpoint", pool.endpoint)
    pulumi.export("domain", domain.domain)
    pulumi.export("cloudfront", domain.cloudfront_distribution)
    pulumi.export("managedLoginVersion", domain.managed_login_version)
    pulumi.export("idpName", idp.provider_name)
    pulumi.export("clientId", client.id)
    pulumi.export("clientSecret", client.client_secret)
    pulumi.export("region", region.region)
    pulumi.export("regionDescription", region.description)
    pulumi.export("explicitRegion", explicit_region.region)
    pulumi.export("accountId", caller.account_id)
    pulumi.export("lookedUpArn", looked_up.arn)
    pulumi.export(
        "redirectUri",
        pulumi.Output.concat(
            "https://", domain.domain, ".auth.", region.region, ".amazoncognito.com/oauth2/idpresponse"
        ),
    )
    '''
)


def _cognito(moto_url: str) -> Any:
    return moto_client("cognito-idp", moto_url, REGION)


def _stack(tmp_path: Path, endpoint: str, moto_url: str, source: str = PROGRAM) -> auto.Stack:
    engine = require_engine()
    program = tmp_path / "program"
    program.mkdir()
    (program / "__main__.py").write_text(source, encoding="utf-8")
    options = {"virtualenv": sys.prefix} if sys.prefix != sys.base_prefix else {}
    (program / "Pulumi.yaml").write_text(
        json.dumps(
            {"name": "aws-standin-engine", "runtime": {"name": "python", "options": options}}
        ),
        encoding="utf-8",
    )
    env = engine_env(tmp_path, engine)
    env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"] = "true"
    env["AWS_STANDIN_TRACE"] = str(tmp_path / "standin-calls.log")
    stack = auto.create_or_select_stack(
        "dev",
        work_dir=str(program),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env,
            pulumi_command=pulumi_command(engine),
            secrets_provider="passphrase",
        ),
    )
    stack.set_all_config(
        {
            "aws:region": auto.ConfigValue(REGION),
            "aws:endpoints[0].cognitoidp": auto.ConfigValue(endpoint),
            "aws:endpoints[0].sts": auto.ConfigValue(moto_url),
            "aws:endpoints[0].route53": auto.ConfigValue(moto_url),
            "aws:skipCredentialsValidation": auto.ConfigValue("true"),
            "aws:skipRequestingAccountId": auto.ConfigValue("true"),
            "aws:skipMetadataApiCheck": auto.ConfigValue("true"),
            "aws:accessKey": auto.ConfigValue("test"),
            "aws:secretKey": auto.ConfigValue("standin-secret-key", secret=True),
            "domainPrefix": auto.ConfigValue("standin-one"),
            "motoUrl": auto.ConfigValue(moto_url),
        },
        path=True,
    )
    return stack


def test_engine_refuses_a_remote_endpoint(moto: str, tmp_path: Path) -> None:
    stack = _stack(tmp_path, "https://cognito-idp.us-east-1.amazonaws.com", moto)
    with pytest.raises(auto.CommandError, match="not a loopback URL"):
        stack.preview(color="never")


def check_first_up(up: auto.UpResult, cognito: Any) -> dict[str, Any]:
    """The first up created the six resources, with the outputs and the pool moto holds."""
    assert up.summary.result == "succeeded"
    # stack + explicit provider + pool, domain, idp, client (default providers are not counted)
    assert up.summary.resource_changes == {"create": 6}
    out = {key: value.value for key, value in up.outputs.items()}
    pool_id = out["poolId"]
    assert up.outputs["clientSecret"].secret
    assert out["poolArn"] == f"arn:aws:cognito-idp:{REGION}:123456789012:userpool/{pool_id}"
    assert out["lookedUpArn"] == out["poolArn"]
    assert out["poolEndpoint"] == f"cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    assert out["region"] == REGION
    assert out["regionDescription"] == "US East (N. Virginia)"
    assert out["explicitRegion"] == "eu-west-1"
    assert out["accountId"] == "123456789012"
    assert out["idpName"] == "BeyondIdentity"
    assert out["managedLoginVersion"] == 1
    assert (
        out["redirectUri"]
        == "https://standin-one.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"
    )
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["Domain"] == "standin-one"
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=out["clientId"])
    assert client["UserPoolClient"]["SupportedIdentityProviders"] == ["BeyondIdentity"]
    assert client["UserPoolClient"]["ClientSecret"] == out["clientSecret"]
    return out


def check_domain_replacement(stack: auto.Stack, cognito: Any, pool_id: str) -> None:
    """A new domain prefix is a replacement (delete first: one prefix domain per pool)."""
    stack.set_config("domainPrefix", auto.ConfigValue("standin-two"))
    preview = stack.preview(color="never")
    assert preview.change_summary.get(auto.OpType.REPLACE) == 1
    assert preview.change_summary.get(auto.OpType.CREATE) == 1  # the client, after the drift
    up = stack.up(color="never")
    assert up.summary.result == "succeeded"
    assert up.outputs["domain"].value == "standin-two"
    assert cognito.describe_user_pool_domain(Domain="standin-one")["DomainDescription"] == {}
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"] == "standin-two"
    assert cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=10)["UserPoolClients"]
    stack.preview(color="never", expect_no_changes=True)


def test_engine_lifecycle_through_the_standin(moto: str, tmp_path: Path) -> None:
    stack = _stack(tmp_path, moto, moto)
    cognito = _cognito(moto)

    out = check_first_up(stack.up(color="never"), cognito)
    pool_id = out["poolId"]

    stack.preview(color="never", expect_no_changes=True)
    refresh = stack.refresh(color="never", expect_no_changes=True)
    assert refresh.summary.result == "succeeded"
    stack.preview(color="never", expect_no_changes=True)  # refresh kept inputs and outputs intact

    # Drift: a client deleted out of band is dropped by refresh and re-created by up.
    cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=out["clientId"])
    refresh = stack.refresh(color="never")
    assert refresh.summary.resource_changes is not None
    assert refresh.summary.resource_changes.get(auto.OpType.DELETE) == 1

    check_domain_replacement(stack, cognito, pool_id)

    down = stack.destroy(color="never")
    assert down.summary.result == "succeeded"
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []
    assert cognito.describe_user_pool_domain(Domain="standin-two")["DomainDescription"] == {}

    calls = (tmp_path / "standin-calls.log").read_text(encoding="utf-8").splitlines()
    assert "get_schema" not in calls, "the engine asked for a schema: implement a real one"


RULES_PROGRAM = textwrap.dedent(
    '''
    """Stand-in engine test program: the real provider's plan rules and errors."""
    import pulumi
    import pulumi_aws as aws

    config = pulumi.Config()
    pool = aws.cognito.UserPool("pool")
    client = aws.cognito.UserPoolClient(
        "client",
        user_pool_id=pool.id,
        name="web",
        callback_urls=["https://app.example.com/cb"],
        logout_urls=["https://app.example.com/"] if config.get_bool("logout") else None,
        access_token_validity=10,
        token_validity_units={"access_token": "minutes"} if config.get_bool("units") else None,
    )
    domain = aws.cognito.UserPoolDomain(
        "domain",
        domain="auth.example.com",
        user_pool_id=pool.id,
        certificate_arn=config.require("certificate"),
    )
    prefix = aws.cognito.UserPoolDomain("prefix", domain="bi-rules", user_pool_id=pool.id)
    if config.get_bool("second"):
        aws.cognito.UserPoolDomain(
            "second", domain="bi-rules-two", user_pool_id=pool.id,
            opts=pulumi.ResourceOptions(depends_on=[prefix]),
        )
    pulumi.export("poolId", pool.id)
    pulumi.export("clientId", client.id)
    '''
)
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/"


def test_engine_plans_and_errors_follow_the_real_provider(moto: str, tmp_path: Path) -> None:
    stack = _stack(tmp_path, moto, moto, RULES_PROGRAM)
    stack.set_all_config(
        {
            "logout": auto.ConfigValue("true"),
            "units": auto.ConfigValue("true"),
            "certificate": auto.ConfigValue(CERT + "one"),
        }
    )
    out = {k: v.value for k, v in stack.up(color="never").outputs.items()}

    # Removing logoutUrls plans nothing (Optional+Computed); a new certificate is an update of
    # the domain; removing tokenValidityUnits is an update of the client.
    stack.set_all_config(
        {"logout": auto.ConfigValue("false"), "certificate": auto.ConfigValue(CERT + "two")}
    )
    stack.set_config("units", auto.ConfigValue("false"))
    preview = stack.preview(color="never", diff=True)
    assert preview.change_summary.get(auto.OpType.UPDATE) == 2
    assert auto.OpType.REPLACE not in preview.change_summary
    assert "tokenValidityUnits" in preview.stdout
    assert "certificateArn" in preview.stdout
    assert "logoutUrls" not in preview.stdout
    stack.up(color="never")
    cognito = _cognito(moto)
    client = cognito.describe_user_pool_client(UserPoolId=out["poolId"], ClientId=out["clientId"])
    assert client["UserPoolClient"]["LogoutURLs"] == ["https://app.example.com/"]
    assert client["UserPoolClient"]["TokenValidityUnits"]["AccessToken"] == "hours"

    # An AWS-side refusal reaches the user as the real provider's one line, with no traceback.
    stack.set_config("second", auto.ConfigValue("true"))
    with pytest.raises(auto.CommandError) as failed:
        stack.up(color="never")
    text = str(failed.value)
    assert (
        "creating Cognito User Pool Domain (bi-rules-two): operation error Cognito Identity "
        "Provider: CreateUserPoolDomain, https response error StatusCode: 400, RequestID: "
    ) in text
    assert "InvalidParameterException: User pool already has a domain configured." in text
    for trace in ("Traceback", 'File "', "Unexpected <class"):
        assert trace not in text
    stack.set_config("second", auto.ConfigValue("false"))
    assert stack.destroy(color="never").summary.result == "succeeded"
