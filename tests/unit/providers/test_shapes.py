"""Every rule of answer validation (``_shapes``), each pinned by a test that fails without it.

An answer that passes these checks is handed to the recovery and ownership rules as a
Beyond Identity object, so a rule that silently stops holding lets a wrong-typed field or a
foreign id through. The mutation campaign (scripts/mutate.py shapes) runs these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_beyondidentity import MalformedResponseError
from pulumi_beyondidentity._client import _TENANT
from pulumi_beyondidentity._registry import API_KINDS
from pulumi_beyondidentity._shapes import AnswerShape, require_shape
from pulumi_beyondidentity._shapes import object_problem as shape_object_problem
from pulumi_beyondidentity._shapes import page_problem as shape_page_problem

#: Each kind's answer shape by envelope, as the kinds declare them.
SHAPES = {
    **{spec.envelope: spec.answer for spec in API_KINDS},
    "tenant": _TENANT,
    "unknown_envelope": AnswerShape(),
}


def object_problem(envelope: str, body: Any, expected_id: str | None = None) -> str | None:
    return shape_object_problem(SHAPES[envelope], body, expected_id)


def page_problem(envelope: str, plural: str, body: Any) -> str | None:
    return shape_page_problem(SHAPES[envelope], plural, body)


def app(**protocol: Any) -> dict[str, Any]:
    return {"id": "a1", "protocol_config": {"type": "oidc", **protocol}}


def authenticator(**config: Any) -> dict[str, Any]:
    return {"id": "c1", "config": config}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([], "expected a JSON object, got array"),
        (None, "expected a JSON object, got null"),
        ("x", "expected a JSON object, got string"),
        (3, "expected a JSON object, got number"),
        (1.5, "expected a JSON object, got number"),
        (True, "expected a JSON object, got boolean"),
        ({}, "the object has no id"),
        ({"id": None}, "the object has no id"),
        ({"id": ""}, "id is not a non-empty string"),
        ({"id": 7}, "id is not a non-empty string"),
    ],
)
def test_an_object_needs_an_id(body: Any, problem: str) -> None:
    assert object_problem("realm", body) == problem


def test_a_python_type_json_lacks_is_named_by_its_type() -> None:
    # Only reachable through a caller's mistake, but the text still says what it got.
    assert object_problem("realm", (1, 2)) == "expected a JSON object, got tuple"


def test_the_answer_must_be_about_the_id_asked_for() -> None:
    assert object_problem("realm", {"id": "r1"}, expected_id="r1") is None
    assert (
        object_problem("realm", {"id": "r2"}, expected_id="r1")
        == "asked for id r1, the answer is about id r2"
    )


@pytest.mark.parametrize(
    ("envelope", "body", "problem"),
    [
        ("realm", {"display_name": 5}, "display_name is number, expected string"),
        ("realm", {"display_name": True}, "display_name is boolean, expected string"),
        ("realm", {"classification": 1}, "classification is number, expected string or null"),
        ("realm", {"create_time": None}, "create_time is null, expected string"),
        ("tenant", {"display_name": []}, "display_name is array, expected string"),
        ("resource_server", {"identifier": {}}, "identifier is object, expected string"),
        ("resource_server", {"scopes": "a b"}, "scopes is string, expected array or null"),
        ("resource_server", {"scopes": ["a", 1]}, "scopes holds a non-string item"),
        ("resource_server", {"is_managed": 1}, "is_managed is number, expected boolean or null"),
        (
            "resource_server",
            {"is_managed": "yes"},
            "is_managed is string, expected boolean or null",
        ),
        ("application", {"protocol_config": None}, "protocol_config is null, expected object"),
        (
            "application",
            {"resource_server_id": 3},
            "resource_server_id is number, expected string or null",
        ),
        ("authenticator_config", {"config": []}, "config is array, expected object"),
    ],
)
def test_a_field_of_the_wrong_type_is_named(
    envelope: str, body: dict[str, Any], problem: str
) -> None:
    assert object_problem(envelope, {"id": "x", **body}) == problem


@pytest.mark.parametrize(
    ("envelope", "body"),
    [
        ("realm", {"classification": None, "display_name": "R"}),
        ("resource_server", {"scopes": None, "is_managed": None}),
        ("resource_server", {"scopes": [], "is_managed": False}),
        ("resource_server", {"scopes": ["a", "b"], "is_managed": True}),
        ("application", {"resource_server_id": None, "authenticator_config_id": None}),
        ("tenant", {"display_name": "T", "unknown_field": 3}),
        ("unknown_envelope", {"display_name": 5}),
    ],
)
def test_documented_types_and_unknown_fields_pass(envelope: str, body: dict[str, Any]) -> None:
    assert object_problem(envelope, {"id": "x", **body}) is None


def test_the_first_wrong_field_is_reported() -> None:
    body = {"id": "x", "tenant_id": 1, "display_name": 2}
    assert object_problem("realm", body) == "tenant_id is number, expected string"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (app(type=3), "protocol_config.type is number, expected string"),
        (app(client_secret=5), "protocol_config.client_secret is number, expected string or null"),
        (
            app(redirect_uris=["https://a", None]),
            "protocol_config.redirect_uris holds a non-string item",
        ),
        (
            app(grant_type="authorization_code"),
            "protocol_config.grant_type is string, expected array or null",
        ),
        (app(allowed_scopes=[1]), "protocol_config.allowed_scopes holds a non-string item"),
        (
            app(token_configuration=[]),
            "protocol_config.token_configuration is array, expected object or null",
        ),
        (
            app(token_configuration={"expires_after": "3600"}),
            "protocol_config.token_configuration.expires_after is not a number",
        ),
        (
            app(token_configuration={"expires_after": True}),
            "protocol_config.token_configuration.expires_after is not a number",
        ),
        (
            app(token_configuration={"expires_after": None}),
            "protocol_config.token_configuration.expires_after is not a number",
        ),
    ],
)
def test_an_application_protocol_config_is_checked(body: dict[str, Any], problem: str) -> None:
    assert object_problem("application", body) == problem


@pytest.mark.parametrize(
    "body",
    [
        app(),
        app(token_configuration={"expires_after": 3600}),
        app(token_configuration={"expires_after": 0.5}),
        app(token_configuration={}),
        app(token_configuration=None, grant_type=None, redirect_uris=["https://a/cb"]),
        {"id": "a1"},
    ],
)
def test_a_usable_application_passes(body: dict[str, Any]) -> None:
    assert object_problem("application", body) is None


def test_protocol_config_rules_are_for_applications_only() -> None:
    # Another envelope with the same field names is not read as an application.
    body = {"id": "x", "protocol_config": {"type": 3}}
    assert object_problem("resource_server", body) is None


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (authenticator(), "config.type is missing or not a string"),
        (authenticator(type=None), "config.type is missing or not a string"),
        (authenticator(type=1), "config.type is missing or not a string"),
        (
            authenticator(type="hosted_web", trusted_origins="https://a"),
            "config.trusted_origins is string, expected array or null",
        ),
        (
            authenticator(type="hosted_web", trusted_origins=["https://a", 2]),
            "config.trusted_origins holds a non-string item",
        ),
    ],
)
def test_an_authenticator_config_needs_its_type(body: dict[str, Any], problem: str) -> None:
    assert object_problem("authenticator_config", body) == problem


@pytest.mark.parametrize(
    "body",
    [
        authenticator(type="hosted_web"),
        authenticator(type="hosted_web", trusted_origins=None),
        authenticator(type="hosted_web", trusted_origins=["https://a/"]),
        {"id": "c1"},
    ],
)
def test_a_usable_authenticator_config_passes(body: dict[str, Any]) -> None:
    assert object_problem("authenticator_config", body) is None


def test_config_rules_are_for_authenticator_configs_only() -> None:
    assert object_problem("realm", {"id": "x", "config": {}}) is None


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([], "expected a JSON object, got array"),
        ({"realms": {}}, "realms is object, expected array"),
        ({"realms": "r"}, "realms is string, expected array"),
        ({"realms": [{"id": "r1"}, {"id": ""}]}, "realms[1]: id is not a non-empty string"),
        (
            {"realms": [{"id": "r1", "display_name": 4}]},
            "realms[0]: display_name is number, expected string",
        ),
        ({"realms": [], "next_page_token": 5}, "next_page_token is number, expected string"),
    ],
)
def test_a_page_is_checked_item_by_item(body: Any, problem: str) -> None:
    assert page_problem("realm", "realms", body) == problem


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"realms": None},
        {"realms": []},
        {"realms": [{"id": "r1"}, {"id": "r2"}], "next_page_token": "t"},
        {"realms": [{"id": "r1"}], "next_page_token": None},
    ],
)
def test_a_usable_page_passes(body: Any) -> None:
    assert page_problem("realm", "realms", body) is None


@pytest.mark.parametrize("mutation", [True, False])
def test_a_problem_raises_saying_whether_the_write_may_have_applied(mutation: bool) -> None:
    with pytest.raises(MalformedResponseError) as raised:
        require_shape("id is not a non-empty string", 201, "POST", "/v1/x", mutation)
    err = raised.value
    assert err.may_have_been_applied is mutation
    assert (err.status_code, err.method, err.path) == (201, "POST", "/v1/x")
    assert err.problem == "id is not a non-empty string"


@pytest.mark.parametrize("problem", [None, ""])
def test_no_problem_raises_nothing(problem: str | None) -> None:
    require_shape(problem, 200, "GET", "/v1/x", True)
