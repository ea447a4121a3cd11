"""The Cognito look-ups the component's checks use (getUserPools, getUserPoolClients), and
the test-only hold after a committed create, against a real moto server."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.standin_harness import CLIENT, POOL, Harness

from aws_standin._hold import HOLD_DIR_ENV

GET_USER_POOLS = "aws:cognito/getUserPools:getUserPools"
GET_USER_POOL_CLIENTS = "aws:cognito/getUserPoolClients:getUserPoolClients"


@pytest.fixture
def harness(moto: str) -> Harness:
    return Harness(moto)


def test_get_user_pools_lists_every_pool_of_the_name_across_pages(
    harness: Harness, cognito: Any
) -> None:
    # More pools than one ListUserPools page (60) holds, the twins on either side of it.
    first = cognito.create_user_pool(PoolName="twin")["UserPool"]["Id"]
    for index in range(60):
        cognito.create_user_pool(PoolName=f"other-{index}")
    second = cognito.create_user_pool(PoolName="twin")["UserPool"]["Id"]
    found = harness.invoke(GET_USER_POOLS, {"name": "twin"})
    ids = [str(i) for i in found["ids"] or []]  # type: ignore[union-attr]
    assert sorted(ids) == sorted([first, second])
    assert found["id"] == found["name"] == "twin"
    assert found["arns"] == [
        f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{i}" for i in ids
    ]


def test_get_user_pools_with_no_match_is_empty_not_an_error(harness: Harness) -> None:
    # As the Terraform data source since its SDK v2 rewrite: empty lists, no "not found".
    found = harness.invoke(GET_USER_POOLS, {"name": "nobody"})
    assert (found["ids"], found["arns"]) == ([], [])


def test_get_user_pool_clients_names_and_ids_in_order(harness: Harness) -> None:
    pool = harness.up(POOL, "pool", {})
    made = [
        harness.up(CLIENT, f"c{index}", {"userPoolId": pool.id, "name": name})
        for index, name in enumerate(("web", "web", "cli"))
    ]
    listed = harness.invoke(GET_USER_POOL_CLIENTS, {"userPoolId": pool.id})
    assert listed["id"] == listed["userPoolId"] == pool.id
    assert sorted(zip(listed["clientIds"], listed["clientNames"], strict=True)) == sorted(  # type: ignore[arg-type]
        (c.id, c.plain["name"]) for c in made
    )


def test_get_user_pool_returns_the_owner_tags(harness: Harness) -> None:
    tags = {"beyondidentity-cognito:stack": "o/p/s", "beyondidentity-cognito:realm": "r1"}
    pool = harness.up(POOL, "pool", {"name": "tagged", "tags": tags})
    described = harness.invoke("aws:cognito/getUserPool:getUserPool", {"userPoolId": pool.id})
    assert described["tags"] == described["userPoolTags"] == tags


def test_hold_after_create_waits_with_the_object_made(
    harness: Harness, cognito: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOLD_DIR_ENV, str(tmp_path))
    armed, held = tmp_path / "UserPool.arm", tmp_path / "UserPool.held"
    armed.touch()
    done = threading.Event()

    def create() -> None:
        harness.up(POOL, "held", {"name": "held"})
        done.set()

    thread = threading.Thread(target=create, daemon=True)
    thread.start()
    until = time.monotonic() + 60
    while not held.exists() and time.monotonic() < until:
        time.sleep(0.02)
    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    assert [p["Id"] for p in pools if p["Name"] == "held"] == [held.read_text()]
    assert not done.wait(0.5), "the create answered while armed"
    armed.unlink()
    assert done.wait(60), "the create never answered once disarmed"
    thread.join(10)


def test_no_hold_without_the_variable(
    harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(HOLD_DIR_ENV, raising=False)
    (tmp_path / "UserPool.arm").touch()
    pool = harness.up(POOL, "free", {"name": "free"})
    assert pool.id
    assert not (tmp_path / "UserPool.held").exists()
