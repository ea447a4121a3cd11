"""``examples/yaml-consumer``: a YAML program using ``CognitoFederation`` through the plugin
package (``plugin/``), against a local stack, through the real engine: preview, up, an empty
second preview, exactly one update for one changed setting, refresh, a refused setting as one
line, destroy.

The example and the plugin are copied as they are committed (their relative paths kept); the
plugin's virtualenv is this checkout's (``plugin/venv`` -> ``.venv``), which has what
``plugin/requirements.txt`` installs, so no run downloads the providers' dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from helpers.engine_support import require_engine, run_pulumi
from helpers.local_stack_support import REPO, LocalStack, local_stack

pytestmark = pytest.mark.engine

TENANT = "000176d94fd7b4d1"
YAML_HOST = "pulumi-language-yaml"
# What one federation with a prefix domain plans: the stack, the component and its nine children.
RESOURCES = 11


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[LocalStack]:
    yield from local_stack(tmp_path / "state")


def yaml_host(engine: Path) -> Path:
    """The YAML language host beside the engine or on ``PATH``; skip, saying why, without."""
    beside = engine / YAML_HOST
    found = beside if beside.is_file() else shutil.which(YAML_HOST)
    if not found:
        pytest.skip(
            f"no {YAML_HOST} in {engine} or on PATH: `make engine` builds it "
            "(the YAML language host runs the example)"
        )
    return Path(found)


def tracked(folder: str) -> list[str]:
    """The committed (and new, not ignored) files under ``folder``."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", folder],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    return [os.fsdecode(name) for name in out.split(b"\0") if name]


def checkout_copy(target: Path) -> Path:
    """The plugin and the example, in the checkout's layout; the plugin's ``venv`` linked to
    this checkout's virtualenv. Returns the example's directory."""
    for name in tracked("plugin") + tracked("examples/yaml-consumer"):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    (target / "plugin" / "venv").symlink_to(REPO / ".venv")
    return target / "examples" / "yaml-consumer"


@dataclass
class YamlConsumer:
    """The YAML project driven through the ``pulumi`` CLI against a running local stack."""

    project: Path
    stack: LocalStack
    env: dict[str, str]

    def pulumi(self, *args: str, check: bool = True) -> str:
        code, output = run_pulumi(self.project, self.env, *args, timeout=420)
        assert (code == 0) == check, output
        return output

    def report(self, *args: str) -> dict[str, Any]:
        """The JSON report of ``pulumi <args> --json`` (stdout alone: warnings go to stderr)."""
        result = subprocess.run(
            ["pulumi", *args, "--json", "--non-interactive"],
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=420,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        report: dict[str, Any] = json.loads(result.stdout)
        return report

    def summary(self, *args: str) -> dict[str, int]:
        """The engine's change summary of ``pulumi <args> --json`` (e.g. ``preview``)."""
        summary: dict[str, int] = self.report(*args)["changeSummary"]
        return summary

    def changes(self) -> list[dict[str, Any]]:
        """The steps of a preview that change something."""
        steps: list[dict[str, Any]] = self.report("preview")["steps"]
        return [step for step in steps if step["op"] != "same"]

    def configure(self) -> None:
        settings = {
            "beyondidentity:tenantId": TENANT,
            "beyondidentity:apiUrl": self.stack.emulator_url,
            "beyondidentity:authUrl": self.stack.emulator_url,
            "aws:region": "us-east-1",
            "aws:accessKey": "local",
            "domainPrefix": "yaml-consumer",
            "callbackUrl": "http://localhost:3000/callback",
            "tokenExpiresAfter": "3600",
            "protectUserPool": "false",
            "deletionProtection": "INACTIVE",
        }
        self.pulumi("stack", "init", "local")
        for key, value in settings.items():
            self.pulumi("config", "set", key, value)
        self.pulumi("config", "set", "--secret", "aws:secretKey", "local-only-secret")
        self.pulumi("config", "set", "--path", "aws:endpoints[0].cognitoidp", self.stack.moto_url)

    def application(self, realm_id: str) -> dict[str, Any]:
        """The realm's one application, read from the emulator's API."""
        token = self.env["BEYOND_IDENTITY_API_TOKEN"]
        (found,) = httpx.get(
            f"{self.stack.emulator_url}/v1/tenants/{TENANT}/realms/{realm_id}/applications",
            headers={"Authorization": f"Bearer {token}"},
        ).json()["applications"]
        application: dict[str, Any] = found
        return application

    def user_pools(self) -> list[Any]:
        cognito = boto3.client(
            "cognito-idp",
            endpoint_url=self.stack.moto_url,
            region_name="us-east-1",
            aws_access_key_id="local",
            aws_secret_access_key="local-only-secret",
        )
        pools: list[Any] = cognito.list_user_pools(MaxResults=10)["UserPools"]
        return pools


def start(stack: LocalStack, project: Path, engine: Path, home: Path) -> YamlConsumer:
    stack.start()
    env = dict(
        line.removeprefix("export ").split("=", 1)
        for line in stack.run("env").stdout.splitlines()
        if line.startswith("export ")
    )
    path = f"{engine}:{yaml_host(engine).parent}:/usr/bin:/bin"
    return YamlConsumer(project, stack, {**env, "PATH": path, "HOME": str(home)})


def token_lifetime(application: dict[str, Any]) -> int:
    expires: int = application["protocol_config"]["token_configuration"]["expires_after"]
    return expires


def deploy_and_change_one_setting(consumer: YamlConsumer) -> str:
    """Preview and up create everything; a second preview is empty; one changed setting is
    exactly one update (the Beyond Identity application). Returns the realm."""
    assert consumer.summary("preview") == {"create": RESOURCES}
    consumer.pulumi("up", "--yes", "--skip-preview")
    outputs = consumer.report("stack", "output")
    assert "identity_provider=BeyondIdentity" in outputs["authorizeUrl"]
    realm: str = outputs["realmId"]
    # The YAML number 3600 crossed the wire as 3600.0 and reached Beyond Identity as 3600.
    assert token_lifetime(consumer.application(realm)) == 3600
    assert consumer.summary("preview") == {"same": RESOURCES}

    consumer.pulumi("config", "set", "tokenExpiresAfter", "7200")
    (step,) = consumer.changes()
    assert step["op"] == "update"
    assert step["urn"].endswith("login-application")
    assert consumer.summary("preview") == {"same": RESOURCES - 1, "update": 1}
    consumer.pulumi("up", "--yes", "--skip-preview")
    assert token_lifetime(consumer.application(realm)) == 7200
    return realm


def refused_setting(consumer: YamlConsumer) -> None:
    """A setting the component refuses: one line under its name, no traceback, nothing done."""
    consumer.pulumi("config", "set", "domainPrefix", "Yaml_Consumer")
    output = consumer.pulumi("preview", check=False)
    lines = [line.strip() for line in output.splitlines() if "domainPrefix" in line]
    assert len(lines) == 1, output
    assert "lower-case" in lines[0], output
    assert "Traceback" not in output, output
    assert "Unexpected <class" not in output, output
    consumer.pulumi("config", "set", "domainPrefix", "yaml-consumer")


def test_yaml_program_deploys_changes_and_destroys_the_federation(
    stack: LocalStack, tmp_path: Path
) -> None:
    engine = require_engine()
    yaml_host(engine)
    project = checkout_copy(tmp_path / "checkout")
    consumer = start(stack, project, engine, tmp_path)
    consumer.configure()

    realm = deploy_and_change_one_setting(consumer)
    consumer.pulumi("refresh", "--yes", "--skip-preview")
    assert consumer.summary("preview") == {"same": RESOURCES}
    refused_setting(consumer)

    consumer.pulumi("destroy", "--yes", "--skip-preview")
    assert consumer.user_pools() == []
    token = consumer.env["BEYOND_IDENTITY_API_TOKEN"]
    realms = httpx.get(
        f"{stack.emulator_url}/v1/tenants/{TENANT}/realms",
        headers={"Authorization": f"Bearer {token}"},
    ).json()["realms"]
    assert realm not in {r["id"] for r in realms}
