"""Run ``python -m local_stack`` as a user would, on free ports and a private state directory."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class LocalStack:
    """One local stack under ``state`` on its own ports, driven through its command line."""

    state: Path
    emulator_port: int
    moto_port: int
    checkout: Path = REPO
    cognito_port: int = 0

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "local_stack", "--state-dir", str(self.state), *args],
            cwd=self.checkout,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def start(self, *options: str) -> subprocess.CompletedProcess[str]:
        """``start`` on this stack's ports, with further ``options`` (e.g. ``--backend s3``)."""
        return self.run(
            "start",
            "--emulator-port",
            str(self.emulator_port),
            "--moto-port",
            str(self.moto_port),
            "--cognito-port",
            str(self.cognito_port),
            *options,
        )

    def exports(self) -> dict[str, str]:
        """What ``env`` exports for a shell (``PULUMI_HOME``, backend, token, ...), as a dict."""
        return dict(
            line.removeprefix("export ").split("=", 1)
            for line in self.run("env").stdout.splitlines()
            if line.startswith("export ")
        )

    @property
    def moto_url(self) -> str:
        return f"http://127.0.0.1:{self.moto_port}"

    @property
    def emulator_url(self) -> str:
        return f"http://127.0.0.1:{self.emulator_port}"


def local_stack(state: Path, checkout: Path = REPO) -> Iterator[LocalStack]:
    """A local stack that is stopped again (whatever the test did) when the test ends."""
    stack = LocalStack(state, free_port(), free_port(), checkout, free_port())
    try:
        yield stack
    finally:
        stack.run("stop", check=False)


def clean_copy(target: Path) -> Path:
    """The checkout's files (tracked and new, nothing git ignores) with the virtualenv and the
    engine linked in; the committed ports replaced by free ones."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = REPO / os.fsdecode(name)
        if source.is_file():  # a file deleted in the working tree is still "cached"
            (target / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            # With their times: make then finds the linked virtualenv as fresh as here.
            shutil.copy2(source, target / os.fsdecode(name))
    (target / ".venv").symlink_to(REPO / ".venv")
    (target / ".engine").symlink_to(REPO / ".engine")
    return target
