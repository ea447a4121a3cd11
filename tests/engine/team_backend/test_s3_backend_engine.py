"""The self-managed S3 state backend, through the real engine, on moto's S3 (loopback).

Two updates of the same stack at once: the second meets the first's lock object and fails with
the engine's "currently locked" error without touching anything; the first completes, and the
state is whole (every resource once, no lock left, a preview shows no changes). Two stacks of one
project update at the same time without getting in each other's way.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.s3_backend import S3Backend, create_backend, program_stack
from pulumi import automation as auto

pytestmark = pytest.mark.engine

PROGRAM = Path(__file__).resolve().parent / "programs" / "slow"
PROJECT = "team-backend"


def _quiet(_line: str) -> None:
    """Engine output stays out of the test log."""


def _stack(tmp_path: Path, backend: S3Backend, name: str, instance: str = "") -> auto.Stack:
    stack = program_stack(tmp_path, backend, PROGRAM, name, project=PROJECT, instance=instance)
    return stack


def _resources(backend: S3Backend, stack: str) -> list[str]:
    deployment = backend.checkpoint(PROJECT, stack)["checkpoint"]["latest"]
    return sorted(
        r["urn"].rsplit("::", 1)[-1]
        for r in deployment.get("resources") or []
        if r["type"] == "pulumi-python:dynamic/teamtest:Step"
    )


def _wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def test_concurrent_updates_of_one_stack_meet_the_lock(tmp_path: Path, moto: str) -> None:
    backend = create_backend(moto)
    first = _stack(tmp_path, backend, "shared", "-a")
    # Long enough that the second update, which needs a few seconds to start, meets the lock.
    first.set_all_config({"count": auto.ConfigValue("3"), "seconds": auto.ConfigValue("15")})
    second = _stack(tmp_path, backend, "shared", "-b")  # another workspace, same stack

    outcome: dict[str, Any] = {}
    updating = threading.Event()

    def on_event(event: auto.EngineEvent) -> None:
        # The first resource step: the update runs and holds the stack's lock. (A lock object
        # alone is not enough: the Automation API's own config and select steps take short ones.)
        if event.resource_pre_event is not None:
            updating.set()

    def run_first() -> None:
        try:
            outcome["result"] = first.up(on_output=_quiet, on_event=on_event, color="never")
        except Exception as e:  # reported by the assertion below
            outcome["error"] = e

    worker = threading.Thread(target=run_first)
    worker.start()
    try:
        _wait_for(updating.is_set, 120, "the first update's first resource step")
        assert backend.lock_keys() != [], "the running update holds no lock object"
        with pytest.raises(auto.CommandError) as refused:
            second.up(on_output=_quiet, color="never")
    finally:
        worker.join(120)
    assert "error" not in outcome, outcome.get("error")
    assert "currently locked" in str(refused.value)

    # The first update completed alone: each resource once, nothing locked, nothing pending.
    assert outcome["result"].summary.result == "succeeded"
    assert outcome["result"].summary.resource_changes == {"create": 4}
    assert _resources(backend, "shared") == ["step-0", "step-1", "step-2"]
    assert backend.lock_keys() == []
    checkpoint = backend.checkpoint(PROJECT, "shared")["checkpoint"]["latest"]
    assert not checkpoint.get("pending_operations")
    preview = second.preview(on_output=_quiet, color="never")
    assert {str(k): v for k, v in preview.change_summary.items()} == {"same": 4}


def test_two_stacks_update_at_the_same_time(tmp_path: Path, moto: str) -> None:
    backend = create_backend(moto)
    stacks = {name: _stack(tmp_path, backend, name) for name in ("team-a", "team-b")}
    results: dict[str, Any] = {}

    def run(name: str) -> None:
        stack = stacks[name]
        stack.set_all_config({"count": auto.ConfigValue("2"), "seconds": auto.ConfigValue("1")})
        try:
            results[name] = stack.up(on_output=_quiet, color="never").summary.result
        except Exception as e:  # reported by the assertion below
            results[name] = e

    workers = [threading.Thread(target=run, args=(name,)) for name in stacks]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert results == {"team-a": "succeeded", "team-b": "succeeded"}
    for name in stacks:
        assert _resources(backend, name) == ["step-0", "step-1"]
    assert backend.lock_keys() == []
    assert f".pulumi/stacks/{PROJECT}/team-a.json" in backend.object_keys()
