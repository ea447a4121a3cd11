"""The rules that name Cognito objects an interrupted ``pulumi up`` left (``_unrecorded``):
which objects are named, with which command, and which are left alone."""

from __future__ import annotations

import shlex

from beyondidentity_cognito._unrecorded import (
    DOMAIN,
    USER_POOL,
    _client_findings,
    _pool_findings,
    adopt_command,
)

COMPONENT = ("cognito", "urn:pulumi:dev::p::beyondidentity:index:CognitoFederation::cognito")
UNKNOWN = object()  # what a preview passes for the id of a resource it plans to create


def test_adopt_command_imports_under_the_resource_name_and_parent() -> None:
    command = adopt_command(USER_POOL, "cognito-user-pool", "us-east-1_A", COMPONENT)
    assert shlex.split(command) == [
        "pulumi",
        "import",
        "aws:cognito/userPool:UserPool",
        "cognito-user-pool",
        "us-east-1_A",
        "--parent",
        f"cognito={COMPONENT[1]}",
        "--protect=false",
        "--generate-code=false",
        "--yes",
    ]
    assert "$" in shlex.split(adopt_command(DOMAIN, "d", "x", ("c", "a$b")))[6]  # quoted


def test_a_tagged_pool_met_by_a_planned_create_is_adopted() -> None:
    found = _pool_findings(UNKNOWN, "cognito-user-pool", COMPONENT, "us-east-1", "n", ["p1"])
    assert len(found) == 1
    assert "pulumi import aws:cognito/userPool:UserPool cognito-user-pool p1" in found[0]


def test_the_stacks_own_pool_is_never_named() -> None:
    assert _pool_findings("p1", "r", COMPONENT, "us-east-1", "n", ["p1"]) == []
    assert _pool_findings(UNKNOWN, "r", COMPONENT, "us-east-1", "n", []) == []


def test_a_second_tagged_pool_beside_the_stacks_is_named_for_deletion() -> None:
    found = _pool_findings("p1", "r", COMPONENT, "eu-west-1", "n", ["p1", "p2"])
    assert len(found) == 1
    assert "aws cognito-idp delete-user-pool --user-pool-id p2 --region eu-west-1" in found[0]
    assert "p1" in found[0]  # the stack's own, named as the one kept


def test_a_same_named_client_met_by_a_planned_create_is_named_for_deletion() -> None:
    found = _client_findings(UNKNOWN, COMPONENT, "pool", "us-east-1", "n", ["c9"])
    assert len(found) == 1
    command = "aws cognito-idp delete-user-pool-client --user-pool-id pool --client-id c9"
    assert f"{command} --region us-east-1" in found[0]


def test_only_other_clients_than_the_stacks_are_named() -> None:
    assert _client_findings("c1", COMPONENT, "pool", "us-east-1", "n", ["c1"]) == []
    found = _client_findings("c1", COMPONENT, "pool", "us-east-1", "n", ["c1", "c2"])
    assert len(found) == 1
    assert "delete-user-pool-client --user-pool-id pool --client-id c2" in found[0]
