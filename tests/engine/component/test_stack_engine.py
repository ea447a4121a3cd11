"""The stack program under the real Pulumi CLI (skipped without one): settings files accepted,
invalid settings reported as one clean error before anything is created.

No plugin beyond the engine is needed: every run here stops before a resource is registered.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from helpers.engine_support import engine_env, require_engine, run_pulumi

from local_stack import PASSPHRASE

pytestmark = pytest.mark.engine

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the stack program with a ``dev`` stack on a file backend."""
    engine = require_engine()
    work = tmp_path / "project"
    work.mkdir()
    for name in ("Pulumi.yaml", "Pulumi.dev.yaml", "__main__.py"):
        shutil.copy(ROOT / name, work / name)
    # Pulumi.yaml names the virtualenv relative to the project.
    (work / ".venv").symlink_to(ROOT / ".venv")
    env = {**os.environ, **engine_env(tmp_path, engine)}
    # The passphrase whose salt Pulumi.dev.yaml commits.
    env["PULUMI_CONFIG_PASSPHRASE"] = PASSPHRASE
    committed = (work / "Pulumi.dev.yaml").read_bytes()
    pulumi(work, env, "stack", "init", "dev")
    assert (work / "Pulumi.dev.yaml").read_bytes() == committed, "stack init rewrote it"
    return work, env


def pulumi(work: Path, env: dict[str, str], *args: str, check: bool = True) -> str:
    code, output = run_pulumi(work, env, *args)
    if check:
        assert code == 0, output
    return output


def test_cli_accepts_the_settings_files(project: tuple[Path, dict[str, str]]) -> None:
    work, env = project
    config = json.loads(pulumi(work, env, "config", "--json"))
    assert config["beyondidentity-cognito:domainPrefix"]["value"] == "bi-dev-local"
    assert config["beyondidentity-cognito:identityProviderName"]["value"] == "BeyondIdentity"
    assert config["beyondidentity-cognito:tokenExpiresAfter"]["value"] == "86400"
    assert config["beyondidentity:authUrl"]["value"] == "http://127.0.0.1:8787"


def test_invalid_arguments_fail_preview_without_a_traceback(
    project: tuple[Path, dict[str, str]],
) -> None:
    work, env = project
    pulumi(work, env, "config", "set", "domainPrefix", "aws-Login")
    pulumi(work, env, "config", "set", "pkce", "plain")
    output = pulumi(work, env, "preview", check=False)
    assert "CognitoFederation 'cognito' has 2 invalid settings; nothing was created:" in output
    assert "- domainPrefix: must be" in output
    assert "- pkce: must be one of disabled, s256; got 'plain'" in output
    assert "Traceback" not in output


def test_cli_enforces_the_declared_types(project: tuple[Path, dict[str, str]]) -> None:
    """Pulumi answers before the program runs, in its words (the README's troubleshooting
    table explains them); the program never sees the value."""
    work, env = project
    pulumi(work, env, "config", "set", "tokenExpiresAfter", "a day")
    output = pulumi(work, env, "preview", check=False)
    assert (
        "validating stack config: Stack 'dev' with configuration key 'tokenExpiresAfter' "
        "must be of type 'integer'" in output
    )


def test_misspelled_settings_fail_preview_with_the_closest_one(
    project: tuple[Path, dict[str, str]],
) -> None:
    """Pulumi accepts any key; the program refuses the ones nobody reads, one line each."""
    work, env = project
    pulumi(work, env, "config", "set", "domainPrefx", "oops-typo")
    pulumi(work, env, "config", "set", "beyondidentity:tenantID", "000176d94fd7b4d1")
    output = pulumi(work, env, "preview", check=False)
    assert "domainPrefx: not a setting of this stack; did you mean domainPrefix?" in output
    assert (
        "beyondidentity:tenantID: not a setting of this stack; "
        "did you mean beyondidentity:tenantId?" in output
    )
    assert "Traceback" not in output
    assert "CognitoFederation" not in output  # nothing registered but the stack itself


def test_zero_is_reported_not_replaced(project: tuple[Path, dict[str, str]]) -> None:
    work, env = project
    pulumi(work, env, "config", "set", "tokenExpiresAfter", "0")
    output = pulumi(work, env, "preview", check=False)
    assert "- tokenExpiresAfter: must be a whole number of seconds from 1 to" in output
    assert "got 0" in output
