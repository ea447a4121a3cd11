"""Helpers for tests that drive the real Pulumi engine through the Automation API.

The engine is built by ``make engine`` (``scripts/build-engine.sh``) into ``<repo>/.engine/bin``.
A usable engine directory holds the CLI, the Python language host with its program executor, the
dynamic-provider launcher and the Python policy-pack launcher (an official Pulumi CLI install has
the same files).

Typical use::

    engine = require_engine()                      # skips the test when there is none
    env = engine_env(tmp_path)                     # env vars for LocalWorkspaceOptions
    opts = auto.LocalWorkspaceOptions(env_vars=env, pulumi_command=pulumi_command(engine))
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from pulumi import automation as auto

from local_stack import install_standin

REPO_ROOT = Path(__file__).resolve().parents[2]
ENGINE_BIN = REPO_ROOT / ".engine" / "bin"
ENGINE_VERSION_FILE = REPO_ROOT / "engine" / "VERSION"

# Everything a local Python program with dynamic resources needs in one directory.
ENGINE_EXECUTABLES = (
    "pulumi",
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-resource-pulumi-python",
    "pulumi-analyzer-policy-python",
)

# Passphrase for the throwaway stacks of the file backend (secrets provider "passphrase").
TEST_PASSPHRASE = "engine-tests-only"


def _missing_executables(directory: Path) -> list[str]:
    return [
        name
        for name in ENGINE_EXECUTABLES
        if not (directory / name).is_file() or not os.access(directory / name, os.X_OK)
    ]


def _candidates() -> list[Path]:
    found: list[Path] = []
    explicit = os.environ.get("PULUMI_ENGINE_BIN")
    if explicit:
        found.append(Path(explicit))
    found.append(ENGINE_BIN)
    on_path = shutil.which("pulumi")
    if on_path:
        found.append(Path(on_path).resolve().parent)
    return found


def find_engine() -> Path | None:
    """Return the first directory holding a complete engine, or None.

    Looks in ``$PULUMI_ENGINE_BIN``, then ``<repo>/.engine/bin``, then the directory of ``pulumi``
    on ``PATH``.
    """
    for directory in _candidates():
        if not _missing_executables(directory):
            return directory
    return None


def require_engine() -> Path:
    """Return the engine directory, or skip the calling test with the reason."""
    engine = find_engine()
    if engine is None:
        looked = "; ".join(
            f"{d} (missing {', '.join(_missing_executables(d))})" for d in _candidates()
        )
        pytest.skip(
            "no Pulumi engine found: run `make engine` (bash scripts/build-engine.sh) "
            f"or set PULUMI_ENGINE_BIN. Looked in: {looked}"
        )
    return engine


def expected_engine_version() -> str:
    """The version ``make engine`` stamps into the CLI, e.g. ``v3.274.0``."""
    return ENGINE_VERSION_FILE.read_text(encoding="utf-8").strip()


def pulumi_command(engine: Path) -> auto.PulumiCommand:
    """An Automation API command bound to ``<engine>/pulumi`` (checks its version on creation)."""
    if engine.name == "bin":
        return auto.PulumiCommand(root=str(engine.parent))
    # PulumiCommand wants <root>/bin/pulumi; otherwise rely on PATH from engine_env().
    return auto.PulumiCommand()


def engine_env(
    tmp_path: Path,
    engine: Path | None = None,
    pythonpath: Iterable[Path] = (),
) -> dict[str, str]:
    """Environment variables for an isolated Automation API run under ``tmp_path``.

    ``PATH`` starts with the engine directory (the engine finds its plugins there), state goes to
    a file backend and ``PULUMI_HOME`` under ``tmp_path`` (with the AWS stand-in installed as
    the ``aws`` plugin: see local/README.md), and Python processes started by the
    engine (program, dynamic providers) use this interpreter. ``pythonpath`` entries are prepended
    to ``PYTHONPATH``, e.g. to make a dynamic provider's module importable by the provider process.
    """
    if engine is None:
        engine = require_engine()
    home = tmp_path / "pulumi-home"
    state = tmp_path / "pulumi-state"
    home.mkdir(parents=True, exist_ok=True)
    state.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.pathsep.join([str(engine), os.environ.get("PATH", os.defpath)]),
        "PULUMI_HOME": str(home),
        "PULUMI_BACKEND_URL": state.as_uri(),
        "PULUMI_CONFIG_PASSPHRASE": TEST_PASSPHRASE,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_PYTHON_CMD": sys.executable,
    }
    # The AWS stand-in as the `aws` plugin of this PULUMI_HOME, as the local stack installs it:
    # found without a PATH lookup (no "using pulumi-resource-aws from $PATH" warning).
    install_standin(home, REPO_ROOT / "local", Path(sys.executable))
    paths = [str(p) for p in pythonpath]
    if paths:
        existing = os.environ.get("PYTHONPATH")
        env["PYTHONPATH"] = os.pathsep.join([*paths, *([existing] if existing else [])])
    return env


def run_captured(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float
) -> tuple[int, str]:
    """Run ``command`` in ``cwd`` with exactly ``env``; return its exit code and stdout+stderr."""
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return result.returncode, result.stdout + result.stderr


def run_pulumi(
    project: Path, env: dict[str, str], *args: str, timeout: float = 120
) -> tuple[int, str]:
    """Run the ``pulumi`` CLI non-interactively against ``project``: (exit code, output)."""
    return run_captured(["pulumi", *args, "--non-interactive"], project, env, timeout)
