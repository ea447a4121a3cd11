"""Plans through the stand-in, checked against its generated rules table (``local/aws-rules.md``).

For every property of every resource the component uses, a change is planned (``check`` then
``diff``, as the engine does) and compared with the table's "a change plans" column, and removing
the property with its "removing it plans" column (Optional+Computed: nothing). The table is read
from the committed doc, so a rule that changes in code without its table, or a table that says
something the stand-in does not do, fails here. Planning needs no AWS: the old state is the
checked inputs of a created resource, as the engine holds them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from helpers.standin_harness import CLIENT, DOMAIN, IDP, POOL, Created, Harness, diff_kinds

from aws_standin._values import plain_map

BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding"
RECORD = "aws:route53/record:Record"
DOC = Path(__file__).resolve().parents[3] / "local" / "aws-rules.md"
PROVIDER_DETAILS = {
    "client_id": "c",
    "authorize_scopes": "openid email",
    "oidc_issuer": "https://issuer.example.com",
}
CERT_A = "arn:aws:acm:us-east-1:123456789012:certificate/aaaa"
CERT_B = "arn:aws:acm:us-east-1:123456789012:certificate/bbbb"
ALIAS = {"name": "d111.cloudfront.net", "zoneId": "Z2FDTNDATAQYW2", "evaluateTargetHealth": False}

BASES: dict[str, dict[str, Any]] = {
    POOL: {"name": "p"},
    DOMAIN: {"domain": "bi-one", "userPoolId": "us-east-1_a"},
    IDP: {
        "userPoolId": "us-east-1_a",
        "providerName": "BI",
        "providerType": "OIDC",
        "providerDetails": PROVIDER_DETAILS,
    },
    CLIENT: {"userPoolId": "us-east-1_a", "name": "web"},
    BRANDING: {"userPoolId": "us-east-1_a", "clientId": "c1"},
    RECORD: {"zoneId": "Z1", "name": "auth.example.com", "type": "A"},
}

# (resource, property, old value, new value, more inputs both sides need, removable alone)
CASES: list[tuple[str, str, Any, Any, dict[str, Any], bool]] = [
    (POOL, "name", "p", "q", {}, True),
    (POOL, "usernameAttributes", ["email"], ["phone_number"], {}, True),
    (POOL, "aliasAttributes", ["email"], ["preferred_username"], {}, True),
    (POOL, "usernameConfiguration", {"caseSensitive": False}, {"caseSensitive": True}, {}, True),
    (POOL, "autoVerifiedAttributes", ["email"], ["phone_number"], {}, True),
    (POOL, "deletionProtection", "ACTIVE", "INACTIVE", {}, True),
    (POOL, "mfaConfiguration", "ON", "OPTIONAL", {}, True),
    (POOL, "softwareTokenMfaConfiguration", {"enabled": True}, {"enabled": False}, {}, True),
    (POOL, "passwordPolicy", {"minimumLength": 8.0}, {"minimumLength": 10.0}, {}, True),
    (
        POOL,
        "signInPolicy",
        {"allowedFirstAuthFactors": ["PASSWORD"]},
        {"allowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]},
        {},
        True,
    ),
    (
        POOL,
        "accountRecoverySetting",
        {"recoveryMechanisms": [{"name": "verified_email", "priority": 1.0}]},
        {"recoveryMechanisms": [{"name": "admin_only", "priority": 1.0}]},
        {},
        True,
    ),
    (
        POOL,
        "adminCreateUserConfig",
        {"allowAdminCreateUserOnly": True},
        {"allowAdminCreateUserOnly": False},
        {},
        True,
    ),
    (
        POOL,
        "emailConfiguration",
        {"emailSendingAccount": "COGNITO_DEFAULT"},
        {
            "emailSendingAccount": "DEVELOPER",
            "sourceArn": "arn:aws:ses:us-east-1:123456789012:identity/x",
        },
        {},
        True,
    ),
    (
        POOL,
        "verificationMessageTemplate",
        {"defaultEmailOption": "CONFIRM_WITH_CODE"},
        {"defaultEmailOption": "CONFIRM_WITH_LINK"},
        {},
        True,
    ),
    (POOL, "emailVerificationMessage", "Code {####}", "Your code {####}", {}, True),
    (POOL, "emailVerificationSubject", "Code", "Your code", {}, True),
    (POOL, "smsVerificationMessage", "Code {####}", "SMS {####}", {}, True),
    (POOL, "smsAuthenticationMessage", "Auth {####}", "MFA {####}", {}, True),
    (
        POOL,
        "deviceConfiguration",
        {"challengeRequiredOnNewDevice": True},
        {"challengeRequiredOnNewDevice": False},
        {},
        True,
    ),
    (
        POOL,
        "userAttributeUpdateSettings",
        {"attributesRequireVerificationBeforeUpdates": ["email"]},
        {"attributesRequireVerificationBeforeUpdates": ["phone_number"]},
        {},
        True,
    ),
    (
        POOL,
        "userPoolAddOns",
        {"advancedSecurityMode": "OFF"},
        {"advancedSecurityMode": "AUDIT"},
        {},
        True,
    ),
    (POOL, "userPoolTier", "ESSENTIALS", "PLUS", {}, True),
    (
        POOL,
        "schemas",
        [{"name": "a", "attributeDataType": "String"}],
        [
            {"name": "a", "attributeDataType": "String"},
            {"name": "b", "attributeDataType": "Number"},
        ],
        {},
        True,
    ),
    (POOL, "tags", {"a": "1"}, {"a": "2"}, {}, True),
    (POOL, "region", "us-east-1", "eu-west-1", {}, True),
    (DOMAIN, "domain", "bi-one", "bi-two", {}, False),
    (DOMAIN, "userPoolId", "us-east-1_a", "us-east-1_b", {}, False),
    (DOMAIN, "managedLoginVersion", 1.0, 2.0, {}, True),
    (DOMAIN, "region", "us-east-1", "eu-west-1", {}, True),
    (IDP, "userPoolId", "us-east-1_a", "us-east-1_b", {}, False),
    (IDP, "providerName", "BI", "BI2", {}, False),
    (IDP, "providerType", "OIDC", "SAML", {}, False),
    (IDP, "providerDetails", PROVIDER_DETAILS, PROVIDER_DETAILS | {"client_id": "d"}, {}, False),
    (IDP, "attributeMapping", {"email": "sub"}, {"email": "email"}, {}, True),
    (IDP, "idpIdentifiers", ["a"], ["b"], {}, True),
    (IDP, "region", "us-east-1", "eu-west-1", {}, True),
    (CLIENT, "name", "web", "web2", {}, True),
    (CLIENT, "userPoolId", "us-east-1_a", "us-east-1_b", {}, False),
    (CLIENT, "generateSecret", True, False, {}, True),
    (CLIENT, "allowedOauthFlows", ["code"], ["implicit"], {}, True),
    (CLIENT, "allowedOauthFlowsUserPoolClient", True, False, {}, True),
    (CLIENT, "allowedOauthScopes", ["openid"], ["email"], {}, True),
    (CLIENT, "callbackUrls", ["https://a.example/cb"], ["https://b.example/cb"], {}, True),
    (CLIENT, "logoutUrls", ["https://a.example/"], ["https://b.example/"], {}, True),
    (CLIENT, "defaultRedirectUri", "https://a.example/cb", "https://b.example/cb", {}, True),
    (CLIENT, "supportedIdentityProviders", ["COGNITO"], ["BI"], {}, True),
    (CLIENT, "explicitAuthFlows", ["ALLOW_USER_SRP_AUTH"], ["ALLOW_USER_AUTH"], {}, True),
    (CLIENT, "preventUserExistenceErrors", "ENABLED", "LEGACY", {}, True),
    (CLIENT, "readAttributes", ["email"], ["name"], {}, True),
    (CLIENT, "writeAttributes", ["email"], ["name"], {}, True),
    (CLIENT, "accessTokenValidity", 1.0, 2.0, {}, True),
    (CLIENT, "idTokenValidity", 1.0, 2.0, {}, True),
    (CLIENT, "refreshTokenValidity", 30.0, 31.0, {}, True),
    (CLIENT, "authSessionValidity", 3.0, 5.0, {}, True),
    (
        CLIENT,
        "tokenValidityUnits",
        {"accessToken": "minutes"},
        {"accessToken": "seconds"},
        {},
        True,
    ),
    (CLIENT, "enableTokenRevocation", True, False, {}, True),
    (CLIENT, "enablePropagateAdditionalUserContextData", True, False, {}, True),
    (
        CLIENT,
        "refreshTokenRotation",
        {"feature": "ENABLED"},
        {"feature": "ENABLED", "retryGracePeriodSeconds": 10.0},
        {},
        True,
    ),
    (CLIENT, "region", "us-east-1", "eu-west-1", {}, True),
    (BRANDING, "userPoolId", "us-east-1_a", "us-east-1_b", {"settings": "{}"}, False),
    (BRANDING, "clientId", "c1", "c2", {"settings": "{}"}, False),
    # ExactlyOneOf(settings, useCognitoProvidedValues): neither can go alone
    (BRANDING, "settings", "{}", '{"a": 1}', {}, False),
    (BRANDING, "useCognitoProvidedValues", True, False, {}, False),
    (
        BRANDING,
        "assets",
        [{"category": "FORM_LOGO", "colorMode": "LIGHT", "extension": "PNG", "bytes": "AA=="}],
        [{"category": "FORM_LOGO", "colorMode": "DARK", "extension": "PNG", "bytes": "AA=="}],
        {"settings": "{}"},
        True,
    ),
    (BRANDING, "region", "us-east-1", "eu-west-1", {"settings": "{}"}, True),
    (RECORD, "zoneId", "Z1", "Z2", {"aliases": [ALIAS]}, False),
    (RECORD, "name", "auth.example.com", "login.example.com", {"aliases": [ALIAS]}, False),
    (RECORD, "type", "A", "AAAA", {"aliases": [ALIAS]}, False),
    # ExactlyOneOf(aliases, records): neither can go alone
    (RECORD, "aliases", [ALIAS], [ALIAS | {"name": "d222.cloudfront.net"}], {}, False),
    (RECORD, "records", ["192.0.2.1"], ["192.0.2.2"], {"ttl": 300.0}, False),
    (RECORD, "ttl", 300.0, 60.0, {"records": ["192.0.2.1"]}, True),
    (RECORD, "allowOverwrite", True, False, {"aliases": [ALIAS]}, True),
]

TABLE_ROW = re.compile(r"^\| `(?P<name>\w+)` \| (?P<change>[^|]+) \| (?P<removal>[^|]+) \|")
HEADING = re.compile(r"^<!-- BEGIN generated: aws-rules-(?P<name>\w+) -->$")


def documented_rules() -> dict[tuple[str, str], tuple[str, str]]:
    """``(resource type name, property) -> (change column, removal column)`` from the doc."""
    rules: dict[tuple[str, str], tuple[str, str]] = {}
    resource = ""
    for line in DOC.read_text().splitlines():
        if heading := HEADING.match(line):
            resource = heading["name"]
        elif row := TABLE_ROW.match(line):
            rules[(resource, row["name"])] = (row["change"].strip(), row["removal"].strip())
    return rules


RULES = documented_rules()


def planned(harness: Harness, token: str, before: dict[str, Any], after: dict[str, Any]) -> str:
    """What the stand-in plans from ``before`` to ``after``: replace, update or no change."""
    checked = harness.checked(token, "r", before)
    state = Created(token, "r", "some-id", checked, checked)
    response = harness.check(token, "r", after, olds=checked)
    assert not response.failures, [(f.property, f.reason) for f in response.failures or []]
    diff = harness.diff(state, after)
    if diff.replaces:
        return "replace"
    return "update" if diff.changes else "no change"


def expected(column: str) -> str:
    if column.startswith("**replace**"):
        return "replace"
    if column.startswith("update"):
        return "update"
    assert column.startswith("no change"), column
    return "no change"


@pytest.fixture(scope="module")
def harness() -> Harness:
    # Planning makes no AWS call: the configured endpoint is never reached.
    return Harness("http://127.0.0.1:9")


def test_every_declared_property_has_a_case() -> None:
    from aws_standin._resources import RESOURCES

    covered = {(token, prop) for token, prop, *_ in CASES}
    covered.add((DOMAIN, "certificateArn"))  # its own test below
    declared = {(t, f.name) for t in BASES for f in RESOURCES[t].fields}
    assert declared == covered


@pytest.mark.parametrize(
    ("token", "prop", "old", "new", "more", "removable"),
    CASES,
    ids=[f"{t.rsplit(':', 1)[-1]}.{p}" for t, p, *_ in CASES],
)
def test_a_change_plans_what_the_table_says(
    harness: Harness,
    token: str,
    prop: str,
    old: Any,
    new: Any,
    more: dict[str, Any],
    removable: bool,
) -> None:
    change, removal = RULES[(token.rsplit(":", 1)[-1], prop)]
    base = BASES[token] | more
    before = base | {prop: old}
    assert planned(harness, token, before, base | {prop: new}) == expected(change)
    assert planned(harness, token, before, before) == "no change"
    if removable:
        removed = {k: v for k, v in before.items() if k != prop}
        assert planned(harness, token, before, removed) == expected(removal)


def test_certificate_rotation_updates_and_prefix_custom_switch_replaces(harness: Harness) -> None:
    # user_pool_domain.go CustomizeDiff: ForceNew unless old and new certificate are both set.
    change, removal = RULES[("UserPoolDomain", "certificateArn")]
    assert "a new certificate for a custom domain is an update" in change
    custom = BASES[DOMAIN] | {"domain": "auth.example.com", "certificateArn": CERT_A}
    prefix = BASES[DOMAIN] | {"domain": "auth.example.com"}
    assert planned(harness, DOMAIN, custom, custom | {"certificateArn": CERT_B}) == "update"
    assert planned(harness, DOMAIN, prefix, custom) == "replace"
    assert planned(harness, DOMAIN, custom, prefix) == expected(removal) == "replace"


def test_names_compare_as_the_provider_stores_them(harness: Harness) -> None:
    # record.go: `name` StateFunc (no trailing dot, lower case); alias name normalizeAliasName and
    # case-insensitive.
    before = BASES[RECORD] | {"aliases": [ALIAS]}
    dotted = before | {
        "name": "Auth.Example.com.",
        "aliases": [ALIAS | {"name": "D111.CloudFront.net."}],
    }
    assert planned(harness, RECORD, before, dotted) == "no change"


def test_nested_defaults_are_filled_into_the_plan(harness: Harness) -> None:
    units = harness.checked(CLIENT, "c", BASES[CLIENT] | {"tokenValidityUnits": {}})
    assert plain_map(units)["tokenValidityUnits"] == {
        "accessToken": "hours",
        "idToken": "hours",
        "refreshToken": "days",
    }
    pool = plain_map(
        harness.checked(POOL, "p", {"emailConfiguration": {}, "verificationMessageTemplate": {}})
    )
    assert pool["emailConfiguration"] == {"emailSendingAccount": "COGNITO_DEFAULT"}
    assert pool["verificationMessageTemplate"] == {"defaultEmailOption": "CONFIRM_WITH_CODE"}
    assert (
        diff_kinds(
            harness.diff(
                Created(CLIENT, "c", "id", units, units),
                BASES[CLIENT] | {"tokenValidityUnits": {"accessToken": "hours"}},
            )
        )
        == {}
    )


# (resource, inputs beyond the base, failing property, the refusal's words)
REFUSALS: list[tuple[str, dict[str, Any], str, str]] = [
    (
        CLIENT,
        {"accessTokenValidity": 48.0},
        "accessTokenValidity",
        "Attribute accessTokenValidity must have a duration between 5m0s and 24h0m0s, got: 48h0m0s",
    ),
    (
        CLIENT,
        {"idTokenValidity": 2.0, "tokenValidityUnits": {"idToken": "minutes"}},
        "idTokenValidity",
        "Attribute idTokenValidity must have a duration between 5m0s and 24h0m0s, got: 2m0s",
    ),
    (
        CLIENT,
        {"refreshTokenValidity": 3651.0},
        "refreshTokenValidity",
        "must have a duration between 1h0m0s and 87600h0m0s, got: 87624h0m0s",
    ),
    (
        CLIENT,
        {"authSessionValidity": 20.0},
        "authSessionValidity",
        "Attribute authSessionValidity value must be between 3 and 15, got: 20",
    ),
    (
        CLIENT,
        {"refreshTokenRotation": {"feature": "ENABLED", "retryGracePeriodSeconds": 61.0}},
        "refreshTokenRotation.retryGracePeriodSeconds",
        "value must be between 0 and 60, got: 61",
    ),
    (
        CLIENT,
        {"allowedOauthFlows": ["code", "implicit", "client_credentials", "code2"]},
        "allowedOauthFlows[3]",
        'expected allowedOauthFlows[3] to be one of ["code" "implicit" "client_credentials"]',
    ),
    (
        CLIENT,
        {"callbackUrls": [f"https://a.example/{i}" for i in range(101)]},
        "callbackUrls",
        "Attribute callbackUrls set must contain at most 100 elements, got: 101",
    ),
    (
        CLIENT,
        {"callbackUrls": ["https://a.example/" + "x" * 1024]},
        "callbackUrls[0]",
        "string length must be between 1 and 1024",
    ),
    (
        CLIENT,
        {"name": "x" * 129},
        "name",
        "Attribute name string length must be between 1 and 128, got: 129",
    ),
    (
        CLIENT,
        {"supportedIdentityProviders": ["x" * 33]},
        "supportedIdentityProviders[0]",
        "string length must be between 1 and 32, got: 33",
    ),
    (
        BRANDING,
        {"settings": "{}", "useCognitoProvidedValues": False},
        "useCognitoProvidedValues",
        "2 attributes specified when one (and only one) of "
        "[settings,useCognitoProvidedValues] is required",
    ),
    (
        BRANDING,
        {},
        "useCognitoProvidedValues",
        "No attribute specified when one (and only one) of "
        "[settings,useCognitoProvidedValues] is required",
    ),
    (
        BRANDING,
        {
            "settings": "{}",
            "assets": [{"category": "FORM_LOGO", "colorMode": "LIGHT", "extension": "PNG"}] * 41,
        },
        "assets",
        "Attribute assets set must contain at most 40 elements, got: 41",
    ),
    (
        DOMAIN,
        {"domain": "a" * 60 + ".example.com", "certificateArn": CERT_A},
        "domain",
        "expected length of domain to be in the range (1 - 63), got " + "a" * 60,
    ),
    (
        DOMAIN,
        {"certificateArn": "not-an-arn"},
        "certificateArn",
        '"certificateArn" (not-an-arn) is an invalid ARN',
    ),
    (
        IDP,
        {"idpIdentifiers": ["x" * 41]},
        "idpIdentifiers[0]",
        "expected length of idpIdentifiers[0] to be in the range (1 - 40)",
    ),
    (
        IDP,
        {"idpIdentifiers": ["a/b"]},
        "idpIdentifiers[0]",
        "invalid value for idpIdentifiers[0] (see https://docs.aws.amazon.com/",
    ),
    (
        IDP,
        {"idpIdentifiers": [f"id{i}" for i in range(51)]},
        "idpIdentifiers",
        "idpIdentifiers: attribute supports 50 item maximum, config has 51 declared",
    ),
    (
        IDP,
        {"providerName": "x" * 33},
        "providerName",
        '"providerName" cannot be longer than 32 UTF-8 characters',
    ),
    (
        POOL,
        {"smsAuthenticationMessage": "no code here"},
        "smsAuthenticationMessage",
        '"smsAuthenticationMessage" does not contain {####}',
    ),
    (
        POOL,
        {
            "emailVerificationMessage": "Code {####}",
            "verificationMessageTemplate": {"emailMessage": "Code {####}"},
        },
        "emailVerificationMessage",
        '"emailVerificationMessage": conflicts with verificationMessageTemplate.emailMessage',
    ),
    (
        POOL,
        {"adminCreateUserConfig": {"inviteMessageTemplate": {"emailMessage": "Hello {####}"}}},
        "adminCreateUserConfig.inviteMessageTemplate.emailMessage",
        '"adminCreateUserConfig.inviteMessageTemplate.emailMessage" does not contain {username}',
    ),
    (
        POOL,
        {"passwordPolicy": {"minimumLength": 5.0}},
        "passwordPolicy.minimumLength",
        "expected passwordPolicy.minimumLength to be in the range (6 - 99), got 5",
    ),
    (
        POOL,
        {"passwordPolicy": {"temporaryPasswordValidityDays": 366.0}},
        "passwordPolicy.temporaryPasswordValidityDays",
        "to be in the range (0 - 365), got 366",
    ),
    (
        POOL,
        {"schemas": [{"name": "x" * 21, "attributeDataType": "String"}]},
        "schemas[0].name",
        '"schemas[0].name" cannot be longer than 20 UTF-8 characters',
    ),
    (
        POOL,
        {"emailConfiguration": {"sourceArn": "ses-identity"}},
        "emailConfiguration.sourceArn",
        "is an invalid ARN",
    ),
    (RECORD, {"records": ["192.0.2.1"], "ttl": 60.0, "aliases": [ALIAS]}, "ttl", "conflicts"),
    (RECORD, {"ttl": 60.0}, "records", '"records": one of `aliases,records` must be specified'),
    (RECORD, {"aliases": [ALIAS, ALIAS]}, "aliases", "attribute supports 1 item maximum"),
]


@pytest.mark.parametrize(
    ("token", "inputs", "path", "words"),
    REFUSALS,
    ids=[f"{t.rsplit(':', 1)[-1]}.{p}" for t, _, p, _ in REFUSALS],
)
def test_preview_refuses_in_the_providers_words(
    harness: Harness, token: str, inputs: dict[str, Any], path: str, words: str
) -> None:
    response = harness.check(token, "r", BASES[token] | inputs)
    failures = {f.property: f.reason for f in response.failures or []}
    assert path in failures, failures
    assert words in failures[path]
    assert "\n" not in failures[path]
