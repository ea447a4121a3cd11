"""Run the real stack program (``__main__.py``) through the real engine, against the
Beyond Identity emulator and a moto server, with the AWS stand-in plugin."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from pulumi import automation as auto

from beyondidentity_emulator import Emulator
from helpers.engine_support import REPO_ROOT, engine_env, pulumi_command, require_engine

PROJECT = "beyondidentity-cognito"
REGION = "us-east-1"


@dataclass
class Deployment:
    """One stack of the real program, with handles on both emulated backends."""

    stack: auto.Stack
    emulator: Emulator
    moto_url: str
    state_dir: Path

    def cognito(self) -> Any:
        return boto3.client(
            "cognito-idp",
            endpoint_url=self.moto_url,
            region_name=REGION,
            aws_access_key_id="e2e",
            aws_secret_access_key="e2e-moto",
        )

    def up(self, **kwargs: Any) -> auto.UpResult:
        return self.stack.up(color="never", on_output=_quiet, **kwargs)

    def preview(self, **kwargs: Any) -> auto.PreviewResult:
        return self.stack.preview(color="never", on_output=_quiet, diff=True, **kwargs)

    def refresh(self) -> auto.RefreshResult:
        return self.stack.refresh(color="never", on_output=_quiet)

    def destroy(self) -> auto.DestroyResult:
        return self.stack.destroy(color="never", on_output=_quiet)

    def set(self, key: str, value: str, *, secret: bool = False) -> None:
        self.stack.set_config(key, auto.ConfigValue(value=value, secret=secret))

    def outputs(self) -> dict[str, Any]:
        return {k: v.value for k, v in self.stack.outputs().items()}

    def state_text(self) -> str:
        """Every file the file backend wrote (state, backups, history), as one string."""
        return "\n".join(
            p.read_text(errors="replace") for p in sorted(self.state_dir.rglob("*")) if p.is_file()
        )

    def bi(self) -> Any:
        """A plain HTTP client on the emulator's tenant API, for out-of-band changes."""
        import httpx

        return httpx.Client(
            base_url=f"{self.emulator.url}/v1/tenants/{self.emulator.tenant_id}",
            headers={"Authorization": f"Bearer {self.emulator.api_token}"},
        )

    def realm_objects(self, realm_id: str, collection: str) -> list[dict[str, Any]]:
        with self.bi() as api:
            body = api.get(f"/realms/{realm_id}/{collection}").json()
        key = collection.replace("-", "_")
        return list(body.get(key) or [])


def _quiet(_line: str) -> None:
    """Engine output is kept out of the test log (it can echo config)."""


def program_dir(tmp_path: Path) -> Path:
    """A copy of the real program whose virtualenv option points at this checkout's venv."""
    target = tmp_path / "program"
    target.mkdir()
    shutil.copy(REPO_ROOT / "__main__.py", target / "__main__.py")
    text = (REPO_ROOT / "Pulumi.yaml").read_text()
    venv = Path(REPO_ROOT / ".venv").resolve()
    assert "virtualenv: .venv" in text
    (target / "Pulumi.yaml").write_text(text.replace("virtualenv: .venv", f"virtualenv: {venv}"))
    return target


def base_config(
    emulator: Emulator, moto_url: str, *, credentials: str = "token"
) -> dict[str, auto.ConfigValue]:
    """The dev stack's settings (Pulumi.dev.yaml), pointed at this test's emulator and moto."""
    cfg: dict[str, auto.ConfigValue] = {
        "beyondidentity:tenantId": auto.ConfigValue(emulator.tenant_id),
        "beyondidentity:apiUrl": auto.ConfigValue(emulator.url),
        "beyondidentity:authUrl": auto.ConfigValue(emulator.url),
        "aws:region": auto.ConfigValue(REGION),
        "aws:endpoints[0].cognitoidp": auto.ConfigValue(moto_url),
        "aws:endpoints[0].sts": auto.ConfigValue(moto_url),
        "aws:skipCredentialsValidation": auto.ConfigValue("true"),
        "aws:skipRequestingAccountId": auto.ConfigValue("true"),
        "aws:skipMetadataApiCheck": auto.ConfigValue("true"),
        "aws:accessKey": auto.ConfigValue("e2e"),
        "aws:secretKey": auto.ConfigValue("e2e-moto-secret", secret=True),
        f"{PROJECT}:domainPrefix": auto.ConfigValue("bi-e2e"),
        f"{PROJECT}:callbackUrls[0]": auto.ConfigValue("http://localhost:3000"),
        f"{PROJECT}:logoutUrls[0]": auto.ConfigValue("http://localhost:3000/signed-out"),
        f"{PROJECT}:deletionProtection": auto.ConfigValue("INACTIVE"),
        f"{PROJECT}:protectUserPool": auto.ConfigValue("false"),
    }
    if credentials == "token":
        cfg["beyondidentity:apiToken"] = auto.ConfigValue(emulator.api_token, secret=True)
    else:
        cfg["beyondidentity:clientId"] = auto.ConfigValue(emulator.management_client_id)
        cfg["beyondidentity:clientSecret"] = auto.ConfigValue(
            emulator.management_client_secret, secret=True
        )
        cfg["beyondidentity:tokenUrl"] = auto.ConfigValue(emulator.management_token_url)
    return cfg


def new_deployment(
    tmp_path: Path,
    emulator: Emulator,
    moto_url: str,
    *,
    credentials: str = "token",
    extra: Mapping[str, auto.ConfigValue] | None = None,
) -> Deployment:
    engine = require_engine()
    env = engine_env(tmp_path, engine)
    stack = auto.create_stack(
        "e2e",
        work_dir=str(program_dir(tmp_path)),
        opts=auto.LocalWorkspaceOptions(
            env_vars=env, pulumi_command=pulumi_command(engine), secrets_provider="passphrase"
        ),
    )
    stack.set_all_config(
        {**base_config(emulator, moto_url, credentials=credentials), **(extra or {})}, path=True
    )
    return Deployment(stack, emulator, moto_url, tmp_path / "pulumi-state")


def steps(preview: auto.PreviewResult) -> dict[str, int]:
    """The plan's change counts without the unchanged ones, by plain operation name."""
    # Keys are OpType members or plain strings depending on how the summary was parsed.
    counts = {str(getattr(k, "value", k)): v for k, v in preview.change_summary.items()}
    return {k: v for k, v in counts.items() if k != "same" and v}


def changes(summary: auto.UpdateSummary) -> dict[str, int]:
    """An update's resource change counts, by plain operation name."""
    return {str(k): v for k, v in (summary.resource_changes or {}).items()}


def events_of(kind: str, events: list[auto.EngineEvent]) -> list[str]:
    """URN types of the resource steps of one kind (``update``, ``replace``, ``create``…)."""
    found = []
    for event in events:
        pre = event.resource_pre_event
        if pre is not None and pre.metadata.op.value == kind:
            found.append(pre.metadata.type)
    return found


def dump(obj: Any) -> str:
    return json.dumps(obj, indent=1, sort_keys=True, default=str)
