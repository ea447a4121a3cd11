"""Interrupted runs converge on the Cognito side: the dev stack's first ``pulumi up
--parallel 8`` is killed (SIGKILL to ``pulumi`` and every process it started) inside each
Cognito create, every one in turn: the user pool, its domain, the OIDC identity provider,
the app client and the managed login style.

A kill point is one create: the AWS stand-in lets moto make the object, then holds the
answer (``AWS_STANDIN_HOLD_DIR``, see ``local/aws_standin/_hold.py``) while the test waits
until that create is the only step in flight and kills the engine's tree. That is the window
that leaves an object AWS holds and the state does not. Then the documented recovery runs
(docs/reliability.md): ``pulumi up``, the ``pulumi cancel`` it asks for, ``pulumi up`` again,
and at most one more command: the one the preview printed (pool, domain, client: found by
the component, ``_unrecorded``), or the documented adoption of what AWS refused as existing
(identity provider, managed login style). Afterwards exactly the declared objects exist,
a preview plans nothing and ``pulumi destroy`` leaves moto and the tenant empty.
"""

from __future__ import annotations

import re
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
import botocore.session
import pytest
from botocore import xform_name
from helpers.engine_kill import bi_objects, pending_operations, pulumi, run
from helpers.kills import kill_tree
from helpers.stack_harness import PROJECT, REGION, Deployment, new_deployment
from pulumi import automation as auto

from aws_standin._hold import HOLD_DIR_ENV
from beyondidentity_cognito._unrecorded import adopt_command
from beyondidentity_emulator import Emulator

pytestmark = pytest.mark.engine

COMPONENT = "cognito"
# The one command a stopped preview prints: an import, or an AWS CLI delete.
PRINTED = re.compile(r"^\s*((?:pulumi import|aws cognito-idp) .*)$", re.MULTILINE)
DECLARED_BI = {"realms": 1, "resource-servers": 1, "authenticator-configs": 1, "applications": 1}
DECLARED_AWS = {
    "user_pools": 1,
    "domains": 1,
    "identity_providers": 1,
    "clients": 1,
    "brandings": 1,
}


@dataclass(frozen=True)
class KillPoint:
    """The create of ``kind`` (the stand-in's short type name) and its resource's name."""

    kind: str
    resource: str
    type_token: str


POOL = KillPoint("UserPool", "cognito-user-pool", "aws:cognito/userPool:UserPool")
DOMAIN = KillPoint("UserPoolDomain", "cognito-domain", "aws:cognito/userPoolDomain:UserPoolDomain")
IDP = KillPoint(
    "IdentityProvider", "cognito-identity-provider", "aws:cognito/identityProvider:IdentityProvider"
)
CLIENT = KillPoint("UserPoolClient", "cognito-client", "aws:cognito/userPoolClient:UserPoolClient")
BRANDING = KillPoint(
    "ManagedLoginBranding",
    "cognito-branding",
    "aws:cognito/managedLoginBranding:ManagedLoginBranding",
)


class Run:
    """The dev stack (managed login, as ``Pulumi.dev.yaml``) and the stand-in's hold folder."""

    def __init__(self, tmp_path: Path, emulator: Emulator, moto: str) -> None:
        extra = {f"{PROJECT}:managedLoginVersion": auto.ConfigValue("2")}
        self.d: Deployment = new_deployment(tmp_path, emulator, moto, extra=extra)
        self.hold = tmp_path / "hold"
        self.hold.mkdir()
        self.env = {HOLD_DIR_ENV: str(self.hold)}
        self.report: list[str] = []

    def pulumi(self, *args: str) -> tuple[int, str]:
        return run(self.d, *args, env=self.env)

    def urn(self, point: KillPoint) -> str:
        return (
            f"urn:pulumi:{self.d.stack.name}::{PROJECT}::beyondidentity:index:CognitoFederation"
            f"${point.type_token}::{point.resource}"
        )


def cognito_objects(d: Deployment) -> dict[str, int]:
    """Counts of every Cognito object in moto (managed login styles: the stand-in's store)."""
    cognito = d.cognito()
    pools = cognito.list_user_pools(MaxResults=60)["UserPools"]
    s3 = boto3.client(
        "s3",
        endpoint_url=d.moto_url,
        region_name=REGION,
        aws_access_key_id="e2e",
        aws_secret_access_key="e2e-moto",
    )
    counts = dict.fromkeys(DECLARED_AWS, 0)
    counts["user_pools"] = len(pools)
    for pool in pools:
        described = cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        counts["domains"] += 1 if described.get("Domain") else 0
        counts["clients"] += len(
            cognito.list_user_pool_clients(UserPoolId=pool["Id"], MaxResults=60)["UserPoolClients"]
        )
        counts["identity_providers"] += len(
            cognito.list_identity_providers(UserPoolId=pool["Id"], MaxResults=60)["Providers"]
        )
        prefix = f"managed-login-branding/{REGION}/{pool['Id']}/"
        listed = s3.list_objects_v2(Bucket="aws-standin-state", Prefix=prefix)
        counts["brandings"] += listed.get("KeyCount", 0)
    return counts


def run_aws_cli(d: Deployment, command: str) -> None:
    """Run a printed ``aws cognito-idp <operation> --<member> <value> ...`` command on moto.

    The AWS CLI is not installed here; it is generated from botocore's service model with
    the names ``xform_name(..., "-")`` gives, so the same model maps the command back to the
    API call it makes.
    """
    words = shlex.split(command)
    assert words[:2] == ["aws", "cognito-idp"], command
    model = botocore.session.get_session().get_service_model("cognito-idp")
    operation = next(o for o in model.operation_names if xform_name(o, "-") == words[2])
    members = {xform_name(m, "-"): m for m in model.operation_model(operation).input_shape.members}
    options = dict(zip(words[3::2], words[4::2], strict=True))
    region = options.pop("--region")
    params = {members[k.removeprefix("--")]: v for k, v in options.items()}
    client = boto3.client(
        "cognito-idp",
        endpoint_url=d.moto_url,
        region_name=region,
        aws_access_key_id="e2e",
        aws_secret_access_key="e2e-moto",
    )
    getattr(client, xform_name(operation))(**params)


def kill_first_up_at(r: Run, point: KillPoint) -> str:
    """Hold ``point``'s create once moto made the object, kill the tree; the object's id."""
    stale = pending_operations(r.d)  # earlier kill points' pending creates stay for good
    armed = r.hold / f"{point.kind}.arm"
    held = r.hold / f"{point.kind}.held"
    armed.touch()
    proc = pulumi(r.d, "up", "--yes", "--skip-preview", "--parallel", "8", env=r.env)
    until = time.monotonic() + 240
    while not held.exists() and proc.poll() is None and time.monotonic() < until:
        time.sleep(0.05)
    assert held.exists(), f"{point.kind}: never reached ({proc.poll()})"
    # Kill while this create is the only step in flight, as the window it stands for.
    quiet, until = 0, time.monotonic() + 60
    while quiet < 3 and time.monotonic() < until:
        in_flight = list(pending_operations(r.d))
        for op in stale:
            if op in in_flight:
                in_flight.remove(op)
        quiet = quiet + 1 if in_flight == [("creating", r.urn(point))] else 0
        time.sleep(0.1)
    kill_tree(proc.pid)
    proc.communicate(timeout=60)
    armed.unlink()
    object_id = held.read_text()
    held.unlink()
    return object_id


def up_after_lock(r: Run) -> tuple[int, str, list[str]]:
    """``pulumi up`` (with its preview), and ``pulumi cancel`` first when Pulumi asks."""
    ran = ["pulumi up"]
    code, out = r.pulumi("up", "--yes")
    if code != 0 and "pulumi cancel" in out:
        assert r.pulumi("cancel", "--yes")[0] == 0
        ran += ["pulumi cancel", "pulumi up"]
        code, out = r.pulumi("up", "--yes")
    return code, out, ran


def documented_adoption(r: Run, point: KillPoint, out: str, object_id: str) -> str:
    """The command docs/reliability.md gives for an object AWS refused as existing."""
    refusal = "DuplicateProviderException" if point is IDP else "ManagedLoginBrandingExists"
    assert refusal in out, f"{point.kind}: not refused as existing:\n{out}"
    component = (
        f"urn:pulumi:{r.d.stack.name}::{PROJECT}::beyondidentity:index:CognitoFederation"
        f"::{COMPONENT}"
    )
    # The style's id: on AWS, describe-managed-login-branding-by-client; moto has no
    # managed login, so the id the stand-in made (the held create's) stands in for it.
    return adopt_command(point.type_token, point.resource, object_id, (COMPONENT, component))


def recover(r: Run, point: KillPoint, object_id: str) -> None:
    """The documented recovery, then the checks: declared objects, no plan, clean destroy."""
    started = time.monotonic()
    code, out, ran = up_after_lock(r)
    assert code != 0, f"{point.kind}: the recovery up ignored the object {object_id}:\n{out}"
    printed = PRINTED.findall(out)
    if point in (POOL, DOMAIN, CLIENT):
        assert len(printed) == 1, out
        assert object_id.split(":")[-1] in printed[0], out
        assert "Nothing was created or changed by this run." in out, out
        command = printed[0]
    else:
        assert not printed, out
        command = documented_adoption(r, point, out, object_id)
    assert "Traceback" not in out, out
    if command.startswith("aws "):
        run_aws_cli(r.d, command)
    else:
        code, adopted = r.pulumi(*shlex.split(command)[1:])
        assert code == 0, f"{point.kind}: {command}\n{adopted}"
    code, out = r.pulumi("up", "--yes", "--skip-preview")
    assert code == 0, f"{point.kind}: up after {command} failed:\n{out}"
    assert {k: len(v) for k, v in bi_objects(r.d).items()} == DECLARED_BI, point.kind
    assert cognito_objects(r.d) == DECLARED_AWS, point.kind
    code, out = r.pulumi("preview", "--expect-no-changes", "--diff")
    assert code == 0, f"{point.kind}: the preview after recovery plans changes:\n{out}"
    code, out = r.pulumi("destroy", "--yes", "--skip-preview")
    assert code == 0, f"{point.kind}: destroy failed:\n{out}"
    assert cognito_objects(r.d) == dict.fromkeys(DECLARED_AWS, 0), point.kind
    assert {k: len(v) for k, v in bi_objects(r.d).items()} == dict.fromkeys(DECLARED_BI, 0)
    r.report.append(
        f"{point.kind} ({time.monotonic() - started:.0f} s): "
        + ", ".join([*ran, " ".join(shlex.split(command)[:3]) + " ...", "pulumi up"])
    )


def converge_at(r: Run, points: tuple[KillPoint, ...]) -> None:
    started = time.monotonic()
    for point in points:
        recover(r, point, kill_first_up_at(r, point))
    print(
        f"\ncognito kill test: {len(points)} kill points converged in "
        f"{time.monotonic() - started:.0f} s\n  " + "\n  ".join(r.report)
    )


def test_killed_pool_and_client_creates_converge(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    """The two objects without a unique name: the preview names them and the command."""
    converge_at(Run(tmp_path, emulator, moto), (POOL, CLIENT))


def test_killed_domain_and_identity_provider_creates_converge(
    tmp_path: Path, emulator: Emulator, moto: str
) -> None:
    """The domain (named by the preview) and the identity provider (refused by AWS as a
    duplicate; the documented import adopts it)."""
    converge_at(Run(tmp_path, emulator, moto), (DOMAIN, IDP))


def test_killed_login_style_create_converges(tmp_path: Path, emulator: Emulator, moto: str) -> None:
    """The managed login style: one per app client, so AWS refuses a second; the
    documented import adopts the first."""
    converge_at(Run(tmp_path, emulator, moto), (BRANDING,))
