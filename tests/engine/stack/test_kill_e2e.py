"""Interrupted runs converge: the dev stack's first ``pulumi up`` is killed (SIGKILL to
``pulumi`` and every process it started, as when a CI runner dies) while each of its
Beyond Identity requests is in flight, every kill point in turn, not a sample.

A kill point is one request of a clean first ``up``: the emulator commits that request,
then holds its answer (``hold_after_commit``) until the test has killed ``pulumi``. Then
the documented recovery runs (docs/reliability.md): ``pulumi up``, the ``pulumi cancel`` the
engine prints for the lock the killed run left, and at most one more command: the reviewed
take-over (``pulumi up --config beyondidentity:adoptIds=<ids>``) that the provider prints
when it meets an object the killed run created but never recorded. Nothing is taken over
without it: a killed create that committed cannot be told from someone else's object made
since (tests/engine/stack/test_foreign_objects_e2e.py plays that case).
Afterwards exactly the declared objects exist in the emulator and in moto, a second
preview plans nothing, and ``pulumi destroy`` leaves the tenant and moto empty.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from helpers.engine_support import require_engine
from helpers.kills import kill_tree
from helpers.stack_harness import Deployment, new_deployment

from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

ADMIN_REALM = "Beyond Identity Admin"
TAKE_OVER = re.compile(r"pulumi up --config (beyondidentity:adoptIds=[0-9A-Za-z,-]+)")


@dataclass(frozen=True)
class KillPoint:
    """The ``skip``-th request (0-based) of ``method`` on the route ``pattern``."""

    method: str
    pattern: str
    skip: int

    def __str__(self) -> str:
        return f"{self.method} {self.pattern} #{self.skip + 1}"


def pulumi(d: Deployment, *args: str) -> subprocess.Popen[str]:
    workspace = d.stack.workspace
    env = {**os.environ, **(workspace.env_vars or {})}
    binary = require_engine() / "pulumi"
    return subprocess.Popen(
        [str(binary), *args, "--stack", d.stack.name, "--non-interactive", "--color", "never"],
        cwd=workspace.work_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the kill takes every plugin too
    )


def run(d: Deployment, *args: str) -> tuple[int, str]:
    proc = pulumi(d, *args)
    out, _ = proc.communicate(timeout=300)
    return proc.returncode, out


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


def cognito_objects(d: Deployment) -> dict[str, int]:
    cognito = d.cognito()
    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    counts = {"user_pools": len(pools), "clients": 0, "identity_providers": 0, "domains": 0}
    for pool in pools:
        described = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        counts["domains"] += 1 if described.get("Domain") else 0
        counts["clients"] += len(
            cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"]
        )
        counts["identity_providers"] += len(
            cognito.list_identity_providers(UserPoolId=pool["Id"], MaxResults=60)["Providers"]
        )
    return counts


def kill_points(emulator: Emulator) -> list[KillPoint]:
    """The management-API requests of the baseline ``up``, in order, as kill points."""
    seen: dict[tuple[str, str], int] = {}
    points: list[KillPoint] = []
    for exchange in emulator.requests:
        if exchange.route is None or "/v1/tenants/" not in (exchange.route or ""):
            continue
        pattern = re.sub(r"\{[^}]+\}", "*", exchange.route)
        index = seen.get((exchange.method, pattern), 0)
        seen[(exchange.method, pattern)] = index + 1
        points.append(KillPoint(exchange.method, pattern, index))
    return points


def pending_types(d: Deployment) -> list[str]:
    """Resource types of the pending operations in the stack's checkpoint."""
    for path in d.state_dir.glob(".pulumi/stacks/*/e2e.json"):
        try:
            latest = json.loads(path.read_text())["checkpoint"]["latest"] or {}
        except (ValueError, KeyError, OSError):
            return ["(unreadable)"]
        return [op["resource"]["type"] for op in latest.get("pending_operations") or []]
    return []


def settle_other_steps(d: Deployment) -> None:
    # Kill only while Beyond Identity requests are the sole steps in flight: a Cognito
    # create cut short leaves a user pool nobody tracks (pools have no unique name), which
    # is the AWS side's problem and would make this test flaky, not stricter.
    until = time.monotonic() + 30
    quiet = 0
    while quiet < 3 and time.monotonic() < until:
        others = [t for t in pending_types(d) if "beyondidentity" not in t]
        quiet = 0 if others else quiet + 1
        time.sleep(0.1)


def reset(d: Deployment, emulator: Emulator) -> None:
    emulator.faults.clear()
    httpx.post(f"{d.moto_url}/moto-api/reset", timeout=10).raise_for_status()
    emulator.clear_requests()


def kill_up_at(d: Deployment, emulator: Emulator, point: KillPoint) -> None:
    """Hold ``up`` just after the emulator commits ``point``, then kill the engine's tree."""
    fault = emulator.faults.add(
        kind="hold_after_commit",
        method=point.method,
        path=point.pattern,
        skip=point.skip,
        delay=120,
    )
    proc = pulumi(d, "up", "--yes", "--skip-preview")
    until = time.monotonic() + 120
    while fault.held == 0 and proc.poll() is None and time.monotonic() < until:
        time.sleep(0.02)
    assert fault.held == 1, f"{point}: never reached ({proc.poll()})"
    settle_other_steps(d)
    kill_tree(proc.pid)
    proc.communicate(timeout=60)
    emulator.faults.clear()


def recover_and_check(
    d: Deployment,
    point: KillPoint,
    declared_bi: dict[str, list[str]],
    declared_aws: dict[str, int],
) -> list[str]:
    """Recover as documented, check convergence and a clean destroy; return what was run."""
    # The documented recovery (docs/reliability.md): `pulumi up`, the engine's own
    # `pulumi cancel` when it asks for it (the lock the killed run left), and at most one
    # printed command: the reviewed take-over of an object the killed run created.
    printed: list[str] = []
    code, out = run(d, "up", "--yes", "--skip-preview")
    if code != 0 and "pulumi cancel" in out:
        printed.append("pulumi cancel")
        assert run(d, "cancel", "--yes")[0] == 0
        code, out = run(d, "up", "--yes", "--skip-preview")
    commands = TAKE_OVER.findall(out)
    if code != 0 and commands:
        command = max(commands, key=len)  # the last printed lists every id met in the run
        assert all(set(c.split(",")) <= set(command.split(",")) for c in commands), out
        printed.append(f"pulumi up --config {command}")
        code, out = run(d, "up", "--yes", "--skip-preview", "--config", command)
    assert code == 0, f"{point}: recovery failed:\n{out}"
    assert not TAKE_OVER.search(out), f"{point}: asked for a second take-over:\n{out}"
    assert bi_objects(d) == declared_bi, point
    assert cognito_objects(d) == declared_aws, point
    code, out = run(d, "preview", "--expect-no-changes", "--diff")
    assert code == 0, f"{point}: the second preview plans changes:\n{out}"
    code, out = run(d, "destroy", "--yes", "--skip-preview")
    assert code == 0, f"{point}: destroy failed:\n{out}"
    assert bi_objects(d) == {k: [] for k in declared_bi}, point
    assert cognito_objects(d)["user_pools"] == 0, point
    return printed


@pytest.mark.timeout(1800)  # 8 kill points of 5 to 6 engine runs each, on a loaded machine
def test_killed_first_up_converges_at_every_beyond_identity_request(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    d = new_deployment(tmp_path, emulator, moto)
    started = time.monotonic()
    code, out = run(d, "up", "--yes", "--skip-preview")
    assert code == 0, out
    points = kill_points(emulator)  # before the test's own reads below are recorded
    declared_bi, declared_aws = bi_objects(d), cognito_objects(d)
    assert len(points) >= 4, points  # at least one POST per Beyond Identity object
    code, out = run(d, "destroy", "--yes", "--skip-preview")
    assert code == 0, out
    reset(d, emulator)
    report: list[str] = []
    for point in points:
        point_started = time.monotonic()
        kill_up_at(d, emulator, point)
        printed = recover_and_check(d, point, declared_bi, declared_aws)
        report.append(
            f"{point} ({time.monotonic() - point_started:.0f} s): pulumi up; then "
            + (", ".join(printed) or "nothing else")
        )
        print(report[-1], flush=True)  # progress, with -s
        reset(d, emulator)
    print(
        f"\nkill test: {len(points)} kill points converged in "
        f"{time.monotonic() - started:.0f} s\n  " + "\n  ".join(report)
    )
