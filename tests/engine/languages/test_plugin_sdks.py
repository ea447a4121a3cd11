"""The beyondidentity plugin package (``plugin/``) from TypeScript and Go: the examples compile.

As ``examples/typescript-consumer/README.md`` and ``examples/go-consumer/README.md`` say, in a
copy of the checkout (the plugin's ``venv`` linked to this checkout's virtualenv):
``pulumi package gen-sdk ../../plugin --language nodejs|go --out sdks``, then ``tsc --noEmit``
of the TypeScript example against the generated SDK and the pinned npm packages, and
``go build`` of the Go example against the generated Go SDK. Neither program runs here: the
upstream Node.js and Go language hosts are not served (engine/README.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.engine_support import REPO_ROOT, engine_env, require_engine, run_captured
from helpers.language_support import require_node_packages, require_tool

pytestmark = pytest.mark.engine

SDK_GO_MOD = """\
module example.com/pulumi-beyondidentity/sdk

go 1.25

require github.com/pulumi/pulumi/sdk/v3 v3.274.0
"""


def tracked(folder: str) -> list[str]:
    """The committed (and new, not ignored) files under ``folder``."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", folder],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    return [os.fsdecode(name) for name in out.split(b"\0") if name]


def checkout_copy(target: Path, example: str) -> Path:
    """The plugin and ``examples/<example>`` in the checkout's layout; returns the example."""
    for name in tracked("plugin") + tracked(f"examples/{example}"):
        if (REPO_ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, target / name)
    (target / "plugin" / "venv").symlink_to(REPO_ROOT / ".venv")
    return target / "examples" / example


def gen_sdk(example: Path, language: str, env: dict[str, str]) -> None:
    command = ["pulumi", "package", "gen-sdk", "../../plugin", "--language", language]
    code, out = run_captured([*command, "--out", "sdks"], example, env, timeout=300)
    assert code == 0, out
    assert (example / "sdks" / language).is_dir(), out


def test_typescript_example_type_checks(tmp_path: Path) -> None:
    engine = require_engine()
    example = checkout_copy(tmp_path / "checkout", "typescript-consumer")
    gen_sdk(example, "nodejs", engine_env(tmp_path, engine))
    (example / "node_modules").symlink_to(require_node_packages(), target_is_directory=True)
    tsc = example / "node_modules" / ".bin" / "tsc"
    code, out = run_captured([str(tsc), "-p", "."], example, {"PATH": "/usr/bin:/bin"}, 300)
    assert code == 0, out


def test_go_example_builds(tmp_path: Path) -> None:
    engine = require_engine()
    require_tool("go", "the Go toolchain compiles the Go example")
    example = checkout_copy(tmp_path / "checkout", "go-consumer")
    gen_sdk(example, "go", engine_env(tmp_path, engine))
    (example / "sdks" / "go.mod").write_text(SDK_GO_MOD, encoding="utf-8")
    env = {**os.environ, "GOFLAGS": "-mod=readonly"}
    code, out = run_captured(["go", "build", "-o", os.devnull, "."], example, env, 600)
    assert code == 0, out
