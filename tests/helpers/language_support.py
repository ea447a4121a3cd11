"""Programs in other Pulumi languages (YAML, TypeScript, Go) against the offline local stack.

The language tests (``tests/engine/languages``) use ``poolkit``, a throwaway component package
beside them (a ``PulumiPlugin.yaml`` and a Python ``component_provider_host``) whose one component
creates a Cognito user pool through pulumi-aws, so through the AWS stand-in plugin into moto.
This module copies it into a test's directory, builds the stack settings that point the stand-in
at moto, and finds the consumer toolchain (``scripts/consumer-toolchain.sh``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pulumi import automation as auto

from helpers.engine_support import REPO_ROOT

LANGUAGES_DIR = REPO_ROOT / "tests" / "engine" / "languages"
POOLKIT = LANGUAGES_DIR / "poolkit"
GO_PROGRAM = LANGUAGES_DIR / "go_program"
TOOLCHAIN_SCRIPT = REPO_ROOT / "scripts" / "consumer-toolchain.sh"
NODE_PACKAGES = REPO_ROOT / ".engine" / "node" / "node_modules"
REGION = "us-east-1"


def copy_poolkit(directory: Path) -> Path:
    """A copy of the ``poolkit`` package in ``directory`` (no caches); returns its folder."""
    target = directory / "poolkit"
    shutil.copytree(POOLKIT, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def standin_config(moto_url: str) -> dict[str, auto.ConfigValue]:
    """Stack settings (``path=True`` keys) sending the default aws provider to ``moto_url``."""
    return {
        "aws:region": auto.ConfigValue(REGION),
        "aws:endpoints[0].cognitoidp": auto.ConfigValue(moto_url),
        "aws:endpoints[0].sts": auto.ConfigValue(moto_url),
        "aws:skipCredentialsValidation": auto.ConfigValue("true"),
        "aws:skipRequestingAccountId": auto.ConfigValue("true"),
        "aws:skipMetadataApiCheck": auto.ConfigValue("true"),
        "aws:accessKey": auto.ConfigValue("test"),
        "aws:secretKey": auto.ConfigValue("standin-secret-key", secret=True),
    }


def require_tool(name: str, why: str) -> str:
    """The path of executable ``name`` on PATH, or skip the calling test saying what is missing."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"`{name}` is not on PATH: {why}")
    return found


def require_node_packages() -> Path:
    """``.engine/node/node_modules``, installed (or found current) by the toolchain script.

    Skips only when Node.js or npm is missing; a failed install fails the test.
    """
    require_tool("node", "Node.js >= 20 runs the TypeScript compiler")
    require_tool("npm", "npm installs the pinned TypeScript toolchain")
    done = subprocess.run(
        ["bash", str(TOOLCHAIN_SCRIPT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return NODE_PACKAGES
