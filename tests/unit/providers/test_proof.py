"""The proof of the credentials shared by the provider processes of one CLI run.

The marker holds an HMAC keyed by the secret, never the secret; it is accepted only for the
same settings, the same CLI run (pid and start time), and only when private to the user.
The CLI is found through both launchers: ours ``exec``s Python, the official one runs it as
a child of its shell.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pulumi_beyondidentity import _proof
from pulumi_beyondidentity._connection import Settings

TOKEN = "token-abc-7f3a9c-secret"


def settings(tenant: str = "0001f1f460b1ace6", token: str = TOKEN) -> Settings:
    explicit = {"tenant_id": tenant, "api_token": token, "api_url": "https://api.example.test"}
    return Settings.resolve(explicit=explicit, environ={})


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr(_proof, "cli_run", lambda: (4242, "987654"))
    return tmp_path / f"pulumi-beyondidentity-{os.getuid()}"


def test_a_shared_proof_is_found_by_the_same_run_and_settings(run: Path) -> None:
    assert not _proof.proven(settings())
    _proof.share(settings())
    assert _proof.proven(settings())
    marker = run / "4242-987654"
    assert stat.S_IMODE(run.stat().st_mode) == 0o700
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600


def test_the_marker_never_holds_the_secret(run: Path) -> None:
    _proof.share(settings())
    content = (run / "4242-987654").read_bytes()
    assert TOKEN.encode() not in content
    assert hashlib.sha256(TOKEN.encode()).hexdigest().encode() not in content
    assert content.strip() == _proof._digest(settings()).encode()
    assert len(content.strip()) == 64  # one HMAC-SHA256, hex


def test_other_settings_or_another_run_find_no_proof(
    run: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _proof.share(settings())
    assert not _proof.proven(settings(token="another-token"))
    assert not _proof.proven(settings(tenant="0001aaaaaaaaaaaa"))
    monkeypatch.setattr(_proof, "cli_run", lambda: (4242, "987655"))  # the pid reused later
    assert not _proof.proven(settings())
    monkeypatch.setattr(_proof, "cli_run", lambda: None)  # no /proc, or no parent
    assert not _proof.proven(settings())
    _proof.share(settings())
    assert sorted(p.name for p in run.iterdir()) == ["4242-987654"]


def test_a_tampered_or_shared_marker_is_not_trusted(run: Path) -> None:
    _proof.share(settings())
    marker = run / "4242-987654"
    digest = marker.read_text().strip()
    marker.write_text(digest[:-1] + ("0" if digest[-1] != "0" else "1") + "\n")
    assert not _proof.proven(settings())
    marker.write_text(digest + "\n")
    assert _proof.proven(settings())
    marker.chmod(0o640)  # readable by others: not ours alone
    assert not _proof.proven(settings())
    marker.chmod(0o600)
    run.chmod(0o755)
    assert _proof.directory() is None
    assert not _proof.proven(settings())
    run.chmod(0o700)


def test_a_symlinked_marker_is_not_followed(run: Path, tmp_path: Path) -> None:
    _proof.share(settings())
    elsewhere = tmp_path / "elsewhere"
    (run / "4242-987654").rename(elsewhere)
    (run / "4242-987654").symlink_to(elsewhere)
    assert not _proof.proven(settings())


PRINT_RUN = "import os, pulumi_beyondidentity._proof as p; print(p.cli_run(), os.getppid())"


def launched(tmp_path: Path, *, exec_python: bool) -> tuple[str, int]:
    """What ``cli_run`` says in a Python started by a launcher script, as the engine does."""
    script = tmp_path / _proof.LAUNCHER.decode()
    word = "exec " if exec_python else ""
    script.write_text(f'#!/bin/sh\n{word}"{sys.executable}" -c "{PRINT_RUN}"\n')
    script.chmod(0o755)
    out = subprocess.run([str(script)], capture_output=True, text=True, check=True).stdout
    found, parent = out.rsplit(" ", 1)
    return found, int(parent)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_the_cli_is_found_through_either_launcher(tmp_path: Path) -> None:
    me = os.getpid()
    start = Path(f"/proc/{me}/stat").read_text().rsplit(")", 1)[1].split()[19]
    # Ours execs Python: its parent is the process that started the script (here: us).
    found, parent = launched(tmp_path, exec_python=True)
    assert (found, parent) == (repr((me, start)), me)
    # The official one runs Python under its shell: the parent is the shell, skipped.
    found, parent = launched(tmp_path, exec_python=False)
    assert parent != me
    assert found == repr((me, start))
