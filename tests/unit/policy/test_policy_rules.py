"""The policy pack's rules, called the way the policy SDK calls them (no engine).

Each rule gets a resource that passes and resources that break it; a violation message must name
the resource, the setting and the fix. The engine tests (test_policy_engine.py) prove the same
rules reach a real preview.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_ARRAY_VALUE, UNKNOWN_STRING_VALUE, unknown_checking_proxy

from beyondidentity_cognito_policy import (
    BI_APPLICATION,
    BI_CREDENTIALS,
    IDENTITY_PROVIDER,
    RULES,
    USER_POOL,
    USER_POOL_CLIENT,
    Rule,
    policy_pack_policies,
)
from beyondidentity_cognito_policy import _secrets as secrets
from beyondidentity_cognito_policy._values import url_problem

ISSUER = (
    "https://auth-us.beyondidentity.com/v1/tenants/000176d94fd7b4d1/realms/a1b2c3d4e5f60718"
    "/applications/0a1b2c3d-0000-4000-8000-000000000001"
)
PRODUCTION = {"environment": "production"}


def probe_policy(validate: Any) -> ResourceValidationPolicy:
    return ResourceValidationPolicy("probe", "probe", validate=validate)


def rule(name: str) -> Rule:
    return next(r for r in RULES if r.name == name)


def run(
    name: str,
    resource_type: str,
    props: Mapping[str, Any],
    *,
    resource: str = "res",
    protect: bool = False,
    secret_outputs: list[str] | None = None,
    tags: Mapping[str, str] | None = None,
    config: Mapping[str, Any] | None = None,
) -> list[str]:
    """Run one rule on one resource; returns the violation messages."""
    opts = PolicyResourceOptions(
        protect, [], None, [], PolicyCustomTimeouts(0, 0, 0), secret_outputs or [], None
    )
    args = ResourceValidationArgs(
        resource_type,
        unknown_checking_proxy(dict(props)),
        f"urn:pulumi:dev::p::{resource_type}::{resource}",
        resource,
        opts,
        None,
        dict(config or {}),
        dict(tags or {}),
    )
    found: list[str] = []

    def report(message: str, urn: str | None = None) -> None:
        assert urn == args.urn
        found.append(message)

    rule(name).validate(args, report)
    return found


def assert_one(messages: list[str], *fragments: str) -> str:
    assert len(messages) == 1, messages
    for fragment in fragments:
        assert fragment in messages[0], (fragment, messages[0])
    assert "Fix:" in messages[0]
    return messages[0]


@pytest.fixture(autouse=True)
def _no_wire() -> Iterator[None]:
    secrets.set_wire_properties(None)
    yield
    secrets.set_wire_properties(None)


def test_every_rule_is_published_with_its_level() -> None:
    policies = {p.name: p for p in policy_pack_policies()}
    assert set(policies) == {r.name for r in RULES}
    assert len(RULES) == 10
    advisory = {n for n, p in policies.items() if p.enforcement_level == EnforcementLevel.ADVISORY}
    assert advisory == {"beyond-identity-pkce"}
    for p in policies.values():
        assert p.description


CLIENT_OK = {
    "callbackUrls": [
        "https://app.example.com/cb",
        "http://localhost:3000",
        "http://127.0.0.1:8080",
    ],
    "logoutUrls": ["http://[::1]:3000/out"],
    "supportedIdentityProviders": ["BeyondIdentity"],
    "allowedOauthFlows": ["code"],
    "allowedOauthFlowsUserPoolClient": True,
}


def test_redirect_urls_https() -> None:
    assert run("redirect-urls-https", USER_POOL_CLIENT, CLIENT_OK) == []
    bad = {**CLIENT_OK, "logoutUrls": ["http://app.example.com/out"]}
    assert_one(
        run("redirect-urls-https", USER_POOL_CLIENT, bad, resource="web"),
        "Cognito UserPoolClient 'web'",
        "logoutUrls[0] must use https (http is allowed only for loopback hosts",
        "got 'http://app.example.com/out'",
        "beyondidentity-cognito:logoutUrls",
    )
    app = {"protocol_config": {"redirect_uris": ["ftp://x.example.com/cb"]}}
    assert_one(
        run("redirect-urls-https", BI_APPLICATION, app, resource="app"),
        "Beyond Identity Application 'app'",
        "protocol_config.redirect_uris[0]",
    )
    strict = run(
        "redirect-urls-https", USER_POOL_CLIENT, CLIENT_OK, config={"allowLoopbackHttp": False}
    )
    assert len(strict) == 3
    unknown = {**CLIENT_OK, "callbackUrls": ["https://a.example.com", UNKNOWN_STRING_VALUE]}
    assert run("redirect-urls-https", USER_POOL_CLIENT, unknown) == []
    assert run("redirect-urls-https", USER_POOL_CLIENT, {"callbackUrls": UNKNOWN_ARRAY_VALUE}) == []


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://app.example.com/cb", True),
        ("HTTPS://APP.EXAMPLE.COM", True),
        ("http://localhost:3000", True),
        ("http://127.8.0.1/cb", True),
        ("http://[::1]:8080/", True),
        ("http://app.example.com", False),
        ("http://localhost.example.com", False),
        ("myapp://callback", False),
        ("/relative/path", False),
        ("https://", False),
        ("http://[::1", False),
    ],
)
def test_url_rule(url: str, ok: bool) -> None:
    assert (url_problem(url, allow_loopback_http=True) is None) is ok


def test_beyond_identity_pkce_is_advisory_and_names_the_setting() -> None:
    assert run("beyond-identity-pkce", BI_APPLICATION, {"protocol_config": {"pkce": "s256"}}) == []
    assert_one(
        run("beyond-identity-pkce", BI_APPLICATION, {"protocol_config": {}}, resource="a"),
        "'a'",
        "protocol_config.pkce is 'disabled'",
        "beyondidentity-cognito:pkce",
    )
    unknown = {"protocol_config": {"pkce": UNKNOWN_STRING_VALUE}}
    assert run("beyond-identity-pkce", BI_APPLICATION, unknown) == []


def test_public_client_pkce() -> None:
    public = {"protocol_config": {"confidentiality": "public", "pkce": "plain"}}
    assert_one(run("public-client-pkce", BI_APPLICATION, public), "confidentiality = public")
    public_s256 = {"protocol_config": {"confidentiality": "public", "pkce": "s256"}}
    assert run("public-client-pkce", BI_APPLICATION, public_s256) == []
    confidential = {"protocol_config": {"confidentiality": "confidential", "pkce": "disabled"}}
    assert run("public-client-pkce", BI_APPLICATION, confidential) == []
    assert run("public-client-pkce", USER_POOL_CLIENT, CLIENT_OK) == []
    implicit = {**CLIENT_OK, "allowedOauthFlows": ["code", "implicit"]}
    assert_one(run("public-client-pkce", USER_POOL_CLIENT, implicit), "allowedOauthFlows")
    # Unset flows on an OAuth client are Cognito's default: code and implicit.
    default_flows = {"allowedOauthFlowsUserPoolClient": True}
    assert_one(run("public-client-pkce", USER_POOL_CLIENT, default_flows), "implicit")
    confidential_client = {**implicit, "generateSecret": True}
    assert run("public-client-pkce", USER_POOL_CLIENT, confidential_client) == []


def test_production_user_pool_protection() -> None:
    loose = {"deletionProtection": "INACTIVE"}
    assert run("production-user-pool-protection", USER_POOL, loose) == []  # not production
    found = run("production-user-pool-protection", USER_POOL, loose, tags=PRODUCTION)
    assert len(found) == 2
    assert "deletionProtection is 'INACTIVE'" in found[0]
    assert "beyondidentity-cognito:deletionProtection" in found[0]
    assert "'protect' option" in found[1]
    assert "beyondidentity-cognito:protectUserPool" in found[1]
    tight = {"deletionProtection": "ACTIVE"}
    assert (
        run("production-user-pool-protection", USER_POOL, tight, protect=True, tags=PRODUCTION)
        == []
    )
    # Unset deletion protection is INACTIVE.
    assert_one(
        run(
            "production-user-pool-protection",
            USER_POOL,
            {},
            protect=True,
            tags={"environment": "Prod"},
        ),
        "deletionProtection is 'INACTIVE'",
    )
    # Tuned: another tag, or every stack.
    tag_config = {"productionTag": "tier", "productionTagValues": ["live"]}
    assert (
        run("production-user-pool-protection", USER_POOL, loose, tags=PRODUCTION, config=tag_config)
        == []
    )
    assert (
        len(
            run(
                "production-user-pool-protection",
                USER_POOL,
                loose,
                tags={"tier": "live"},
                config=tag_config,
            )
        )
        == 2
    )
    assert (
        len(run("production-user-pool-protection", USER_POOL, loose, config={"allStacks": True}))
        == 2
    )


def test_production_no_password_sign_in() -> None:
    name = "production-no-password-sign-in"
    assert run(name, USER_POOL_CLIENT, CLIENT_OK, tags=PRODUCTION) == []
    cognito = {**CLIENT_OK, "supportedIdentityProviders": ["BeyondIdentity", "COGNITO"]}
    assert run(name, USER_POOL_CLIENT, cognito) == []  # not production
    assert_one(
        run(name, USER_POOL_CLIENT, cognito, tags=PRODUCTION),
        "includes COGNITO",
        "beyondidentity-cognito:allowCognitoLogin",
        "allowPasswordSignIn",
    )
    assert (
        run(name, USER_POOL_CLIENT, cognito, tags=PRODUCTION, config={"allowPasswordSignIn": True})
        == []
    )
    unset = {k: v for k, v in CLIENT_OK.items() if k != "supportedIdentityProviders"}
    assert_one(
        run(name, USER_POOL_CLIENT, unset, tags=PRODUCTION), "unset (all providers plus COGNITO)"
    )
    # A Cognito-only client is no federation: not this rule's business.
    only_cognito = {**CLIENT_OK, "supportedIdentityProviders": ["COGNITO"]}
    assert run(name, USER_POOL_CLIENT, only_cognito, tags=PRODUCTION) == []
    # The federated provider's name is often an output: still judged.
    pending = {**CLIENT_OK, "supportedIdentityProviders": [UNKNOWN_STRING_VALUE, "COGNITO"]}
    assert len(run(name, USER_POOL_CLIENT, pending, tags=PRODUCTION)) == 1
    flows = {**CLIENT_OK, "explicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]}
    assert_one(run(name, USER_POOL_CLIENT, flows, tags=PRODUCTION), "ALLOW_USER_PASSWORD_AUTH")
    srp = {"forbiddenAuthFlows": ["ALLOW_USER_SRP_AUTH"]}
    assert_one(
        run(name, USER_POOL_CLIENT, flows, tags=PRODUCTION, config=srp), "ALLOW_USER_SRP_AUTH"
    )


def test_beyond_identity_token_lifetime() -> None:
    name = "beyond-identity-token-lifetime"

    def app(seconds: Any) -> dict[str, Any]:
        return {"protocol_config": {"token_configuration": {"expires_after": seconds}}}

    assert run(name, BI_APPLICATION, app(86400)) == []
    assert_one(
        run(name, BI_APPLICATION, app(86401), resource="cognito-application"),
        "'cognito-application'",
        "expires_after is 86401 seconds, above the cap of 86400",
        "beyondidentity-cognito:tokenExpiresAfter",
    )
    assert run(name, BI_APPLICATION, app(86401), config={"maxSeconds": 90000}) == []
    assert len(run(name, BI_APPLICATION, app(3600), config={"maxSeconds": 600})) == 1
    assert run(name, BI_APPLICATION, app(UNKNOWN_STRING_VALUE)) == []


def test_cognito_token_validity() -> None:
    name = "cognito-token-validity"
    assert run(name, USER_POOL_CLIENT, {}) == []  # Cognito's defaults are within the default caps
    assert_one(
        run(name, USER_POOL_CLIENT, {"accessTokenValidity": 2}, resource="web"),
        "'web'",
        "accessTokenValidity is 2 hours, above the cap of 1 hours",
        "maxAccessTokenMinutes",
    )
    minutes = {"accessTokenValidity": 90, "tokenValidityUnits": {"accessToken": "minutes"}}
    assert len(run(name, USER_POOL_CLIENT, minutes)) == 1
    assert run(name, USER_POOL_CLIENT, minutes, config={"maxAccessTokenMinutes": 90}) == []
    refresh = {"refreshTokenValidity": 31}
    assert_one(run(name, USER_POOL_CLIENT, refresh), "refreshTokenValidity is 31 days")
    assert run(name, USER_POOL_CLIENT, {"idTokenValidity": 1}) == []
    # A lower cap catches Cognito's own defaults too.
    found = run(
        name, USER_POOL_CLIENT, {}, config={"maxIdTokenMinutes": 15, "maxRefreshTokenDays": 1}
    )
    assert len(found) == 2
    assert "idTokenValidity is unset (Cognito's default, 1 hours)" in found[0]


def test_local_user_mfa() -> None:
    assert run("local-user-mfa", USER_POOL, {"mfaConfiguration": "OPTIONAL"}) == []
    assert run("local-user-mfa", USER_POOL, {"mfaConfiguration": "ON"}) == []
    assert_one(
        run("local-user-mfa", USER_POOL, {"mfaConfiguration": "OFF"}, resource="pool"),
        "'pool'",
        "mfaConfiguration is OFF",
        "beyondidentity-cognito:mfaConfiguration",
    )
    assert_one(run("local-user-mfa", USER_POOL, {}), "unset (OFF)")


def idp(issuer: Any, name: str = "BeyondIdentity", **details: Any) -> dict[str, Any]:
    return {
        "providerName": name,
        "providerType": "OIDC",
        "providerDetails": {"oidc_issuer": issuer, "client_id": "c", **details},
    }


def test_identity_provider_issuer() -> None:
    name = "identity-provider-issuer"
    assert run(name, IDENTITY_PROVIDER, idp(ISSUER)) == []
    local = "http://127.0.0.1:8787/v1/tenants/t1/realms/r1/applications/a1"
    assert run(name, IDENTITY_PROVIDER, idp(local)) == []
    assert len(run(name, IDENTITY_PROVIDER, idp(local), config={"allowLoopbackHttp": False})) == 1
    assert_one(
        run(name, IDENTITY_PROVIDER, idp("https://evil.example.com/v1/x"), resource="idp"),
        "'idp'",
        "providerDetails.oidc_issuer 'https://evil.example.com/v1/x'",
        "is not on a Beyond Identity host",
        "is not an application issuer",
        "ApplicationCredentials.issuer",
    )
    plain = ISSUER.replace("https://", "http://")
    assert_one(run(name, IDENTITY_PROVIDER, idp(plain)), "is not https")
    # Another company's IdP in the same pool is not ours to judge.
    okta = idp("https://example.okta.com", name="Okta")
    assert run(name, IDENTITY_PROVIDER, okta) == []
    # ...unless it is named as Beyond Identity's in the config.
    assert len(run(name, IDENTITY_PROVIDER, okta, config={"providerNames": ["Okta"]})) == 1
    # A provider pointing at a Beyond Identity host under another name is judged.
    realm_only = ISSUER.rsplit("/applications/", 1)[0]
    assert len(run(name, IDENTITY_PROVIDER, idp(realm_only, name="Passwordless"))) == 1
    mismatched = idp(ISSUER, token_url="https://auth-us.beyondidentity.com/other/token")
    assert_one(run(name, IDENTITY_PROVIDER, mismatched), "providerDetails.token_url")
    assert run(name, IDENTITY_PROVIDER, idp(UNKNOWN_STRING_VALUE)) == []
    saml = {"providerName": "BeyondIdentity", "providerType": "SAML", "providerDetails": {}}
    assert run(name, IDENTITY_PROVIDER, saml) == []


def test_client_secret_as_secret() -> None:
    name = "client-secret-as-secret"
    props = idp(ISSUER, client_secret="s3cr3t")
    secret = {secrets.SECRET_SIG_KEY: secrets.SECRET_SIG_VALUE, "value": "s3cr3t"}
    secrets.set_wire_properties(
        {"providerDetails": {**props["providerDetails"], "client_secret": secret}}
    )
    assert run(name, IDENTITY_PROVIDER, props) == []
    # The whole map marked secret counts too.
    secrets.set_wire_properties(
        {"providerDetails": {secrets.SECRET_SIG_KEY: secrets.SECRET_SIG_VALUE, "value": {}}}
    )
    assert run(name, IDENTITY_PROVIDER, props) == []
    secrets.set_wire_properties({"providerDetails": props["providerDetails"]})
    message = assert_one(
        run(name, IDENTITY_PROVIDER, props, resource="idp"),
        "'idp'",
        "providerDetails.client_secret is a plain value",
        "pulumi.Output.secret",
    )
    assert "s3cr3t" not in message
    secrets.set_wire_properties(None)
    assert_one(run(name, IDENTITY_PROVIDER, props), "cannot tell")
    assert run(name, IDENTITY_PROVIDER, idp(ISSUER)) == []  # no secret at all
    for kind in (BI_APPLICATION, BI_CREDENTIALS):
        assert run(name, kind, {}, secret_outputs=["client_secret"]) == []
        assert_one(run(name, kind, {}, resource="creds"), "'creds'", "additional_secret_outputs")


def test_secret_hook_keeps_the_wire_form_during_analyze() -> None:
    import pulumi_policy.policy as sdk
    from google.protobuf import json_format, struct_pb2
    from pulumi.runtime.proto import analyzer_pb2

    seen: list[Any] = []
    secret_rule = rule("client-secret-as-secret")

    def validate(args: ResourceValidationArgs, report: Any) -> None:
        seen.append(secrets.wire_properties())
        secret_rule.validate(args, report)

    secrets.install()
    secrets.install()  # idempotent
    servicer: Any = sdk._PolicyAnalyzerServicer(
        "p", "1", [probe_policy(validate)], EnforcementLevel.MANDATORY
    )
    wire = {
        "providerDetails": {
            "client_secret": {secrets.SECRET_SIG_KEY: secrets.SECRET_SIG_VALUE, "value": "x"}
        }
    }
    props = struct_pb2.Struct()
    json_format.ParseDict(wire, props)
    request = analyzer_pb2.AnalyzeRequest(
        type=IDENTITY_PROVIDER, urn="urn:pulumi:s::p::t::idp", name="idp", properties=props
    )
    response = servicer.Analyze(request, None)
    assert seen == [wire]
    assert list(response.diagnostics) == []
    assert secrets.wire_properties() is None  # cleared after the request
