"""Running the ``pulumi`` CLI of a :class:`~helpers.stack_harness.Deployment` by hand, and
killing it with every process it started, as a dying machine would."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping

from helpers.engine_support import require_engine
from helpers.stack_harness import Deployment

ADMIN_REALM = "Beyond Identity Admin"


def pulumi(
    d: Deployment, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.Popen[str]:
    """Start ``pulumi <args>`` on the deployment's stack, in a process group of its own."""
    workspace = d.stack.workspace
    environment = {**os.environ, **(workspace.env_vars or {}), **(env or {})}
    binary = require_engine() / "pulumi"
    return subprocess.Popen(
        [str(binary), *args, "--stack", d.stack.name, "--non-interactive", "--color", "never"],
        cwd=workspace.work_dir,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the kill takes every plugin too
    )


def run(
    d: Deployment, *args: str, env: Mapping[str, str] | None = None, timeout: float = 300
) -> tuple[int, str]:
    """Run ``pulumi <args>`` to the end: (exit code, stdout and stderr)."""
    proc = pulumi(d, *args, env=env)
    out, _ = proc.communicate(timeout=timeout)
    return proc.returncode, out


def pending_operations(d: Deployment) -> list[tuple[str, str]]:
    """``(type of operation, URN)`` of each pending operation in the stack's checkpoint file."""
    for path in d.state_dir.glob(".pulumi/stacks/*/*.json"):
        try:
            latest = json.loads(path.read_text())["checkpoint"]["latest"] or {}
        except (ValueError, KeyError, OSError):
            return [("(unreadable)", "")]
        return [
            (op["type"], op["resource"]["urn"]) for op in latest.get("pending_operations") or []
        ]
    return []


def bi_objects(d: Deployment) -> dict[str, list[str]]:
    """Every object in the tenant outside the admin realm, by kind, as names."""
    found: dict[str, list[str]] = {}
    with d.bi() as api:
        realms = [
            r for r in api.get("/realms").json()["realms"] if r["display_name"] != ADMIN_REALM
        ]
        found["realms"] = sorted(r["display_name"] for r in realms)
        for kind in ("resource-servers", "authenticator-configs", "applications"):
            names: list[str] = []
            for realm in realms:
                body = api.get(f"/realms/{realm['id']}/{kind}").json()
                names += [o["display_name"] for o in body.get(kind.replace("-", "_")) or []]
            found[kind] = sorted(names)
    return found
