"""``examples/consumer``: a separate Pulumi project on the BUILT WHEEL, deployed against a local
stack through the real engine: two stacks in one tenant, the protection switch, a clean destroy.

The consumer's virtualenv holds only the wheel (installed without dependencies); its
dependencies (pulumi, pulumi-aws, httpx, tenacity) come from the project virtualenv through a
``.pth`` path line, which saves a ~80 s download-and-install per run. A path line does not run
the project virtualenv's own ``.pth`` files, so the editable install of this checkout is not
visible: the test checks that both packages import from the wheel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from helpers.engine_support import require_engine
from helpers.local_stack_support import REPO, LocalStack, clean_copy, local_stack

pytestmark = pytest.mark.engine

EXAMPLE = REPO / "examples" / "consumer"
TENANT = "000176d94fd7b4d1"


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[LocalStack]:
    yield from local_stack(tmp_path / "state")


def build_wheel(tmp_path: Path) -> Path:
    source = clean_copy(tmp_path / "source")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path / "dist"),
            ".",
        ],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("beyondidentity_cognito-*.whl")
    return wheel


def consumer_project(tmp_path: Path, wheel: Path) -> Path:
    project = tmp_path / "consumer"
    project.mkdir()
    for name in ("Pulumi.yaml", "__main__.py"):
        (project / name).write_text((EXAMPLE / name).read_text())
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(project / "venv")], check=True)
    python = project / "venv" / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), wheel],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (site / "zz_shared_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return project


def test_consumer_project_on_the_built_wheel(stack: LocalStack, tmp_path: Path) -> None:
    engine = require_engine()
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert {n.split("/")[0] for n in names if "dist-info" not in n} == {
        "pulumi_beyondidentity",
        "beyondidentity_cognito",
    }
    for dependency in (b"pulumi", b"pulumi-aws", b"httpx", b"tenacity"):
        assert b"Requires-Dist: " + dependency in metadata

    project = consumer_project(tmp_path, wheel)
    where = subprocess.run(
        [
            str(project / "venv/bin/python"),
            "-c",
            "import beyondidentity_cognito as c, pulumi_beyondidentity as p; print(c.__file__, p.__file__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(path.startswith(str(project / "venv")) for path in where), where

    stack.start()
    env = dict(
        line.removeprefix("export ").split("=", 1)
        for line in stack.run("env").stdout.splitlines()
        if line.startswith("export ")
    )
    env = {**env, "PATH": f"{engine}:/usr/bin:/bin", "HOME": str(tmp_path)}

    def pulumi(*args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["pulumi", *args, "--non-interactive"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        output = result.stdout + result.stderr
        assert (result.returncode == 0) == check, output
        assert "from $PATH" not in output
        return output

    def new_stack(name: str, disposable: bool) -> None:
        pulumi("stack", "init", name)
        settings = {
            "beyondidentity:tenantId": TENANT,
            "beyondidentity:apiUrl": stack.emulator_url,
            "beyondidentity:authUrl": stack.emulator_url,
            "aws:region": "us-east-1",
            "aws:accessKey": "local",
            "domainPrefix": f"consumer-{name}",
            "callbackUrl": "http://localhost:3000/callback",
            "disposable": str(disposable).lower(),
        }
        for key, value in settings.items():
            pulumi("config", "set", key, value)
        pulumi("config", "set", "--secret", "aws:secretKey", "local-only-secret")
        pulumi("config", "set", "--path", "aws:endpoints[0].cognitoidp", stack.moto_url)

    def outputs(name: str) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(pulumi("stack", "output", "--json", "-s", name))
        return loaded

    # Two stacks of one project in one tenant: names unique per stack, no 409 on the realm.
    new_stack("prod", disposable=False)
    pulumi("up", "--yes", "--skip-preview")
    new_stack("staging", disposable=True)
    pulumi("up", "--yes", "--skip-preview")
    prod, staging = outputs("prod"), outputs("staging")
    assert prod["realmId"] != staging["realmId"]
    token = env["BEYOND_IDENTITY_API_TOKEN"]
    realms = httpx.get(
        f"{stack.emulator_url}/v1/tenants/{TENANT}/realms",
        headers={"Authorization": f"Bearer {token}"},
    ).json()["realms"]
    assert {"bi-cognito-consumer-prod-login", "bi-cognito-consumer-staging-login"} <= {
        r["display_name"] for r in realms
    }
    assert "identity_provider=BeyondIdentity" in prod["authorizeUrl"]

    # The disposable stack goes away cleanly.
    pulumi("destroy", "--yes", "-s", "staging")
    # The protected pool stops a destroy before anything is deleted...
    refused = pulumi("destroy", "--yes", "-s", "prod", check=False)
    assert "protected" in refused
    # ...until the switch lifts both protections.
    pulumi("config", "set", "disposable", "true", "-s", "prod")
    pulumi("up", "--yes", "--skip-preview", "-s", "prod")
    pulumi("destroy", "--yes", "-s", "prod")

    cognito = boto3.client(
        "cognito-idp",
        endpoint_url=stack.moto_url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local-only-secret",
    )
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []
    left = httpx.get(
        f"{stack.emulator_url}/v1/tenants/{TENANT}/realms",
        headers={"Authorization": f"Bearer {token}"},
    ).json()["realms"]
    assert not {r["id"] for r in left} & {prod["realmId"], staging["realmId"]}
