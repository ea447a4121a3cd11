"""Credentials are proven before anything is written, and user errors read as one message.

Through the real engine and the real program: a missing, refused or wrong-tenant Beyond
Identity credential fails ``pulumi preview`` and ``pulumi up`` (with and without its preview)
before any resource, AWS included, exists; an API refusal during ``up`` prints Beyond
Identity's reason without Python traceback frames and without the token.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.stack_harness import Deployment, new_deployment
from pulumi import automation as auto

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

TRACEBACK = "Traceback (most recent call last)"
WRONG_TOKEN = "wrong-token-e2e-7f3a9c"


def failure(run: Callable[[], object]) -> str:
    """The CLI output of an Automation API run that must fail, as one text.

    (The Automation API's ``up`` is ``pulumi up --skip-preview``.)
    """
    with pytest.raises(auto.CommandError) as info:
        run()
    return str(info.value)


def cli_up_failure(d: Deployment) -> str:
    """``pulumi up --yes``, the command people type: its preview runs first. It must fail."""
    workspace = d.stack.workspace
    assert isinstance(workspace, auto.LocalWorkspace)
    done = subprocess.run(
        [
            workspace.pulumi_command.command,
            "up",
            "--stack",
            "e2e",
            "--yes",
            "--non-interactive",
            "--color=never",
        ],
        cwd=workspace.work_dir,
        env={**os.environ, **workspace.env_vars},  # backend, passphrase, engine on PATH
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode != 0, done.stdout
    return done.stdout + done.stderr


def nothing_created(d: Deployment, emulator: Emulator) -> None:
    assert d.cognito().list_user_pools(MaxResults=60)["UserPools"] == []
    assert [f"{r.method} {r.path}" for r in emulator.requests if r.method != "GET"] == []


def tenant_reads(emulator: Emulator) -> int:
    return emulator.counters.get("GET /v1/tenants/{tenant_id}", 0)


def test_missing_or_refused_tokens_fail_preview_and_up_before_anything_exists(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    d = new_deployment(tmp_path, emulator, moto)
    d.stack.remove_config("beyondidentity:apiToken")
    output = failure(d.preview)
    assert "No Beyond Identity credentials found" in output
    assert TRACEBACK not in output
    assert emulator.requests == []

    d.set("beyondidentity:apiToken", WRONG_TOKEN, secret=True)
    for output in (failure(d.preview), failure(d.up)):
        assert "Beyond Identity rejected the credentials (401 unauthorized)" in output
        assert TRACEBACK not in output
        assert WRONG_TOKEN not in output
    nothing_created(d, emulator)
    assert (
        tenant_reads(emulator) == 2
    )  # one per CLI run (the preview, the up): refusals are not shared
    recover_from_a_failed_up_without_preview(d, emulator)


def recover_from_a_failed_up_without_preview(d: Deployment, emulator: Emulator) -> None:
    """The README's recovery: an ``up`` without preview that failed on the credentials left
    records (the stack, the component, the default providers), so ``pulumi stack rm`` refuses;
    ``pulumi destroy`` removes them calling neither service, then ``stack rm
    --preserve-config`` works and keeps the stack's settings file."""
    state = d.stack.export_stack().deployment or {}
    left = sorted(r["type"] for r in state.get("resources", []))
    assert "beyondidentity:index:CognitoFederation" in left
    assert not [t for t in left if t.startswith(("aws:", "pulumi-python:dynamic/"))], left
    workspace = d.stack.workspace
    with pytest.raises(auto.CommandError, match="still has resources"):
        workspace.remove_stack("e2e", preserve_config=True)
    requests = len(emulator.requests)
    d.stack.destroy(on_output=lambda _line: None)
    assert len(emulator.requests) == requests  # no Beyond Identity call
    settings = Path(workspace.work_dir) / "Pulumi.e2e.yaml"
    workspace.remove_stack("e2e", preserve_config=True)
    assert settings.is_file()
    assert "e2e" not in {s.name for s in workspace.list_stacks()}


def test_a_token_of_another_tenant_fails_up_before_anything_exists(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    d = new_deployment(tmp_path, emulator, moto)
    d.set("beyondidentity:tenantId", "0001aaaaaaaaaaaa")
    output = cli_up_failure(d)
    assert "refused access to tenant 0001aaaaaaaaaaaa (403" in output
    assert TRACEBACK not in output
    nothing_created(d, emulator)


def test_an_api_refusal_during_up_is_one_plain_message(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    d = new_deployment(tmp_path, emulator, moto)
    emulator.faults.add(method="POST", path="/v1/tenants/*/realms", kind="status", status=403)
    output = failure(d.up)
    assert "POST /v1/tenants/" in output
    assert "failed: 403 forbidden" in output
    # a refused write reads as the credentials message of the check (issue 21 item 1)
    assert f"refused access to tenant {emulator.tenant_id} (403" in output
    assert "Nothing was applied in Beyond Identity" in output
    assert TRACEBACK not in output
    assert emulator.api_token not in output
    # the credentials were proven once, the realm was refused, and AWS waited for it
    assert tenant_reads(emulator) == 1
    assert d.cognito().list_user_pools(MaxResults=60)["UserPools"] == []
