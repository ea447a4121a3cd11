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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.aws import moto_client
from helpers.engine_support import require_engine, run_pulumi
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


def check_wheel(wheel: Path) -> None:
    """The wheel holds exactly the two import packages and requires the runtime dependencies."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert {n.split("/")[0] for n in names if "dist-info" not in n} == {
        "pulumi_beyondidentity",
        "beyondidentity_cognito",
    }
    for dependency in (b"pulumi", b"pulumi-aws", b"httpx", b"tenacity"):
        assert b"Requires-Dist: " + dependency in metadata


def check_imports_from_the_venv(project: Path) -> None:
    """The consumer's interpreter imports both packages from its own virtualenv."""
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


@dataclass
class Consumer:
    """The consumer project driven through the pulumi CLI against a running local stack."""

    project: Path
    stack: LocalStack
    env: dict[str, str]

    @classmethod
    def start(cls, project: Path, stack: LocalStack, engine: Path, home: Path) -> Consumer:
        stack.start()
        env = stack.exports()
        return cls(project, stack, {**env, "PATH": f"{engine}:/usr/bin:/bin", "HOME": str(home)})

    def pulumi(self, *args: str, check: bool = True) -> str:
        code, output = run_pulumi(self.project, self.env, *args, timeout=300)
        assert (code == 0) == check, output
        assert "from $PATH" not in output
        return output

    def new_stack(self, name: str, disposable: bool) -> None:
        self.pulumi("stack", "init", name)
        settings = {
            "beyondidentity:tenantId": TENANT,
            "beyondidentity:apiUrl": self.stack.emulator_url,
            "beyondidentity:authUrl": self.stack.emulator_url,
            "aws:region": "us-east-1",
            "aws:accessKey": "local",
            "domainPrefix": f"consumer-{name}",
            "callbackUrl": "http://localhost:3000/callback",
            "disposable": str(disposable).lower(),
        }
        for key, value in settings.items():
            self.pulumi("config", "set", key, value)
        self.pulumi("config", "set", "--secret", "aws:secretKey", "local-only-secret")
        self.pulumi("config", "set", "--path", "aws:endpoints[0].cognitoidp", self.stack.moto_url)

    def outputs(self, name: str) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.pulumi("stack", "output", "--json", "-s", name))
        return loaded

    def realms(self) -> list[dict[str, Any]]:
        """The tenant's realms, read from the emulator's API."""
        token = self.env["BEYOND_IDENTITY_API_TOKEN"]
        found: list[dict[str, Any]] = httpx.get(
            f"{self.stack.emulator_url}/v1/tenants/{TENANT}/realms",
            headers={"Authorization": f"Bearer {token}"},
        ).json()["realms"]
        return found

    def user_pools(self) -> list[Any]:
        cognito = moto_client("cognito-idp", self.stack.moto_url)
        pools: list[Any] = cognito.list_user_pools(MaxResults=10)["UserPools"]
        return pools


def two_stacks_in_one_tenant(consumer: Consumer) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two stacks of one project in one tenant: names unique per stack, no 409 on the realm."""
    consumer.new_stack("prod", disposable=False)
    consumer.pulumi("up", "--yes", "--skip-preview")
    consumer.new_stack("staging", disposable=True)
    consumer.pulumi("up", "--yes", "--skip-preview")
    prod, staging = consumer.outputs("prod"), consumer.outputs("staging")
    assert prod["realmId"] != staging["realmId"]
    assert {"bi-cognito-consumer-prod-login", "bi-cognito-consumer-staging-login"} <= {
        r["display_name"] for r in consumer.realms()
    }
    assert "identity_provider=BeyondIdentity" in prod["authorizeUrl"]
    return prod, staging


def destroy_both(consumer: Consumer) -> None:
    """The disposable stack goes away; the protected one only once the switch lifts protection."""
    consumer.pulumi("destroy", "--yes", "-s", "staging")
    # The protected pool stops a destroy before anything is deleted...
    refused = consumer.pulumi("destroy", "--yes", "-s", "prod", check=False)
    assert "protected" in refused
    # ...until the switch lifts both protections.
    consumer.pulumi("config", "set", "disposable", "true", "-s", "prod")
    consumer.pulumi("up", "--yes", "--skip-preview", "-s", "prod")
    consumer.pulumi("destroy", "--yes", "-s", "prod")


def test_consumer_project_on_the_built_wheel(stack: LocalStack, tmp_path: Path) -> None:
    engine = require_engine()
    wheel = build_wheel(tmp_path)
    check_wheel(wheel)
    project = consumer_project(tmp_path, wheel)
    check_imports_from_the_venv(project)

    consumer = Consumer.start(project, stack, engine, tmp_path)
    prod, staging = two_stacks_in_one_tenant(consumer)
    destroy_both(consumer)

    assert consumer.user_pools() == []
    left = consumer.realms()
    assert not {r["id"] for r in left} & {prod["realmId"], staging["realmId"]}
