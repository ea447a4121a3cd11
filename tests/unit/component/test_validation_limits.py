"""The limits of the component's argument checks (``_validation``), at, inside and past each bound.

``validate`` is called directly (no Pulumi mocks), and each case asserts the exact arguments
reported. Bounds are literal numbers here on purpose: a changed constant in the code fails a
test instead of moving the test with it. The mutation campaign (scripts/mutate.py validation)
runs these tests with test_validation.py.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from beyondidentity_cognito import CognitoFederationArgs
from beyondidentity_cognito._checks import Checks, Context, is_plain
from beyondidentity_cognito._validation import validate
from beyondidentity_cognito._wording import Place, Wording
from pulumi_beyondidentity import Hosts

HOSTS = Hosts(region="us", api_url="https://api.example.com", auth_url="https://auth.example.com")
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
UINT32_MAX = 4_294_967_295


def reported(**overrides: Any) -> list[str]:
    """The arguments ``validate`` reports, in order."""
    return reported_for("login", HOSTS, overrides)


def reported_for(name: str, hosts: Hosts, overrides: dict[str, Any]) -> list[str]:
    kwargs: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost"]}
    kwargs.update(overrides)
    args = CognitoFederationArgs(**kwargs)
    return [p.argument for p in validate(args, Context(name, hosts)).problems]


def rules(**overrides: Any) -> list[str]:
    kwargs: dict[str, Any] = {"domain_prefix": "bi-demo", "callback_urls": ["http://localhost"]}
    kwargs.update(overrides)
    args = CognitoFederationArgs(**kwargs)
    return [p.rule for p in validate(args, Context("login", HOSTS)).problems]


def test_the_defaults_pass() -> None:
    assert reported() == []


def urls(count: int) -> list[str]:
    return [f"https://app.example.com/cb{i}" for i in range(count)]


@pytest.mark.parametrize("argument", ["callback_urls", "logout_urls"])
@pytest.mark.parametrize(("count", "accepted"), [(99, True), (100, True), (101, False)])
def test_url_lists_at_their_bound(argument: str, count: int, accepted: bool) -> None:
    assert reported(**{argument: urls(count)}) == ([] if accepted else [argument])


def test_a_callback_url_is_required_a_logout_url_is_not() -> None:
    assert reported(callback_urls=[]) == ["callback_urls"]
    assert rules(callback_urls=[]) == ["must list callback URLs"]
    assert reported(logout_urls=[]) == []


@pytest.mark.parametrize(("length", "accepted"), [(1023, True), (1024, True), (1025, False)])
def test_redirect_url_length_at_its_bound(length: int, accepted: bool) -> None:
    base = "https://app.example.com/"
    url = base + "a" * (length - len(base))
    assert reported(callback_urls=[url]) == ([] if accepted else ["callback_urls[0]"])


def scopes(count: int) -> list[str]:
    return ["openid", *(f"api.example.com/s{i}" for i in range(count - 1))]


@pytest.mark.parametrize(("count", "accepted"), [(1, True), (49, True), (50, True), (51, False)])
def test_oauth_scope_count_at_its_bound(count: int, accepted: bool) -> None:
    assert reported(oauth_scopes=scopes(count)) == ([] if accepted else ["oauth_scopes"])


def test_oauth_scopes_are_required() -> None:
    assert reported(oauth_scopes=[]) == ["oauth_scopes"]
    assert rules(oauth_scopes=[]) == ["must list scopes"]


@pytest.mark.parametrize(
    ("scope_list", "reported_args"),
    [
        (["openid", "email", "profile", "phone"], []),
        (["email"], ["oauth_scopes[0]"]),
        (["openid", "aws.cognito.signin.user.admin"], []),
        (["openid", "custom"], ["oauth_scopes[1]"]),
        (["openid", "api/read"], []),
        (["openid", "openid"], ["oauth_scopes[1]"]),
        (["openid", "a b"], ["oauth_scopes[1]"]),
    ],
)
def test_oauth_scope_rules(scope_list: list[str], reported_args: list[str]) -> None:
    assert reported(oauth_scopes=scope_list) == reported_args


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("ab", False),
        ("abc", True),
        ("a_c", True),
        ("_bc", False),
        ("ab_", False),
        ("x" * 32, True),
        ("x" * 33, False),
        ("a c", False),
    ],
)
def test_identity_provider_name_at_its_bounds(name: str, accepted: bool) -> None:
    assert reported(identity_provider_name=name) == ([] if accepted else ["identity_provider_name"])


@pytest.mark.parametrize(
    "name", ["COGNITO", "cognito", "Google", "FACEBOOK", "LoginWithAmazon", "signinwithapple"]
)
def test_reserved_provider_names_in_any_case(name: str) -> None:
    assert reported(identity_provider_name=name) == ["identity_provider_name"]


@pytest.mark.parametrize(("length", "accepted"), [(0, False), (1, True), (32, True), (33, False)])
def test_attribute_names_at_their_bounds(length: int, accepted: bool) -> None:
    attribute = "a" * length
    found = reported(attribute_mapping={"email": "email", attribute: "sub"})
    assert found == ([] if accepted else [f"attribute_mapping[{attribute!r}]"])


@pytest.mark.parametrize("mapping", [{}, ["email"], "email"])
def test_a_mapping_must_map_something(mapping: Any) -> None:
    assert reported(attribute_mapping=mapping) == ["attribute_mapping"]


def test_a_mapped_claim_must_be_text() -> None:
    assert reported(attribute_mapping={"email": ""}) == ["attribute_mapping['email']"]
    assert reported(attribute_mapping={3: "sub"}) == ["attribute_mapping[3]"]


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        (0, False),
        (1, True),
        (2, True),
        (UINT32_MAX - 1, True),
        (UINT32_MAX, True),
        (UINT32_MAX + 1, False),
        (True, False),
        (60.0, False),
    ],
)
def test_token_expires_after_at_its_bounds(value: Any, accepted: bool) -> None:
    assert reported(token_expires_after=value) == ([] if accepted else ["token_expires_after"])


@pytest.mark.parametrize(("length", "accepted"), [(1, True), (128, True), (129, False)])
@pytest.mark.parametrize("argument", ["user_pool_name", "app_client_name"])
def test_pool_and_client_names_at_their_bounds(argument: str, length: int, accepted: bool) -> None:
    assert reported(**{argument: "p" * length}) == ([] if accepted else [argument])


def test_names_default_to_the_component_name() -> None:
    long_name = "n" * 129
    found = reported_for(long_name, HOSTS, {"realm_display_name": "Realm"})
    assert found == ["user_pool_name", "app_client_name"]


@pytest.mark.parametrize(
    ("pool_id", "accepted"),
    [
        ("us-east-1_Abc", True),
        ("us-east-1_" + "a" * 45, True),
        ("us-east-1_" + "a" * 46, False),
        ("nounderscore", False),
    ],
)
def test_user_pool_id_at_its_bound(pool_id: str, accepted: bool) -> None:
    assert reported(user_pool_id=pool_id) == ([] if accepted else ["user_pool_id"])


def test_an_existing_pool_takes_no_pool_name() -> None:
    assert reported(user_pool_id="us-east-1_Abc", user_pool_name="p") == ["user_pool_name"]


@pytest.mark.parametrize(("length", "accepted"), [(62, True), (63, True), (64, False)])
def test_domain_prefix_at_its_bound(length: int, accepted: bool) -> None:
    assert reported(domain_prefix="d" * length) == ([] if accepted else ["domain_prefix"])


@pytest.mark.parametrize(
    ("overrides", "reported_args"),
    [
        ({"domain_prefix": None, "custom_domain": "auth.example.com", "certificate_arn": CERT}, []),
        ({"domain_prefix": None, "custom_domain": "auth.example.com"}, ["certificate_arn"]),
        (
            {"domain_prefix": None, "custom_domain": "localhost", "certificate_arn": CERT},
            ["custom_domain"],
        ),
        ({"certificate_arn": CERT}, ["certificate_arn"]),
        (
            {
                "domain_prefix": None,
                "custom_domain": "auth.example.com",
                "certificate_arn": CERT.replace("us-east-1", "eu-west-1"),
            },
            ["certificate_arn"],
        ),
        (
            {
                "domain_prefix": None,
                "custom_domain": "auth.example.cn",
                "certificate_arn": CERT.replace("aws:", "aws-cn:").replace(
                    "us-east-1", "cn-north-1"
                ),
            },
            [],
        ),
        ({"domain_prefix": None}, ["domain_prefix"]),
    ],
)
def test_domain_choices(overrides: dict[str, Any], reported_args: list[str]) -> None:
    assert reported(**overrides) == reported_args


@pytest.mark.parametrize(
    ("overrides", "reported_args"),
    [
        (
            {"realm_id": "0123456789abcdef", "realm_display_name": "R"},
            ["realm_display_name"],
        ),
        (
            {"realm_id": "0123456789abcdef", "realm_classification": "SECURE_CUSTOMER"},
            ["realm_classification"],
        ),
        ({"realm_classification": "SECURE_CUSTOMER"}, []),
        ({"realm_classification": "other"}, ["realm_classification"]),
    ],
)
def test_realm_choices(overrides: dict[str, Any], reported_args: list[str]) -> None:
    assert reported(**overrides) == reported_args


def test_a_default_realm_name_that_breaks_the_rule_says_to_set_it() -> None:
    found = [
        p
        for p in validate(
            CognitoFederationArgs(
                domain_prefix="d",
                callback_urls=["http://localhost"],
                user_pool_name="p",
                app_client_name="c",
            ),
            Context("n" * 80, HOSTS),
        ).problems
    ]
    assert [p.argument for p in found] == ["realm_display_name"]
    assert "set it" in found[0].rule


@pytest.mark.parametrize(
    ("overrides", "reported_args"),
    [
        ({"resource_server_scopes": ["read", "write"], "allowed_scopes": ["read"]}, []),
        ({"resource_server_scopes": ["read"], "allowed_scopes": ["write"]}, ["allowed_scopes[0]"]),
        ({"resource_server_scopes": ["openid"]}, ["resource_server_scopes[0]"]),
        ({"resource_server_scopes": ["read"], "allowed_scopes": ["openid"]}, ["allowed_scopes[0]"]),
        ({"resource_server_scopes": ["read", "read"]}, ["resource_server_scopes[1]"]),
    ],
)
def test_resource_server_scopes(overrides: dict[str, Any], reported_args: list[str]) -> None:
    assert reported(**overrides) == reported_args


@pytest.mark.parametrize(
    ("overrides", "reported_args"),
    [
        ({"authentication_methods": []}, ["authentication_methods"]),
        ({"authentication_methods": ["webauthn_passkey", "email_one_time_password"]}, []),
        (
            {"authentication_methods": ["webauthn_passkey", "webauthn_passkey"]},
            ["authentication_methods[1]"],
        ),
        ({"authentication_methods": ["nope"]}, ["authentication_methods[0]"]),
        ({"authenticator_trusted_origins": []}, []),
        ({"authenticator_trusted_origins": ["https://app.example.com/"]}, []),
        (
            {"authenticator_trusted_origins": ["ftp://app.example.com/"]},
            ["authenticator_trusted_origins[0]"],
        ),
    ],
)
def test_authenticator_choices(overrides: dict[str, Any], reported_args: list[str]) -> None:
    assert reported(**overrides) == reported_args


def test_host_setting_problems_are_reported_by_setting() -> None:
    hosts = Hosts(
        region="us",
        api_url="https://api.example.com",
        auth_url="https://auth.example.com",
        problems=(("beyondidentity:region", "must be us, eu or us-gov"),),
    )
    assert reported_for("login", hosts, {}) == ["beyondidentity:region"]


def shown(items: list[tuple[Place, Any]]) -> list[tuple[str, Any]]:
    return [(place.shown, value) for place, value in items]


def test_a_list_check_counts_and_labels() -> None:
    c = Checks()
    assert shown(c.items("xs", ["a", "b"], min_items=2, max_items=2)) == [
        ("xs[0]", "a"),
        ("xs[1]", "b"),
    ]
    assert c.problems == []
    assert shown(c.items("xs", ["a"], min_items=2)) == [("xs[0]", "a")]
    assert [str(p) for p in c.problems] == ["xs: must list at least 2 values"]
    c = Checks()
    assert c.items("xs", "ab") == []
    assert c.items("xs", {"a": 1}) == []
    assert [p.argument for p in c.problems] == ["xs", "xs"]
    c = Checks()
    assert shown(c.items("xs", ["a", "a", 3, 3])) == [("xs[0]", "a"), ("xs[2]", 3), ("xs[3]", 3)]
    assert [p.argument for p in c.problems] == ["xs[1]"]


def test_a_list_check_labels_in_the_callers_words() -> None:
    c = Checks(Wording({"xs": "exes"}))
    assert shown(c.items("xs", ["a", "a"])) == [("exes[0]", "a")]
    assert [(p.argument, p.field) for p in c.problems] == [("exes[1]", "xs")]


def test_values_known_later_are_skipped_when_the_program_runs() -> None:
    later = pulumi.Output.from_input("x")
    assert not is_plain(later)
    assert is_plain("x")
    assert is_plain(None)
    c = Checks()
    assert c.items("xs", later) == []
    assert shown(c.items("xs", ["a", later])) == [("xs[0]", "a")]
    c.choice("pkce", later, ("s256",))
    assert c.text("t", later) is False
    assert c.problems == []
