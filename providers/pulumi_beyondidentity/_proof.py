"""A proof of the credentials shared by the provider processes of one CLI run.

A default ``pulumi up`` starts two provider processes (the preview pass, then the update
pass), each of which would prove the credentials with a GET of the tenant. After a
successful proof, a process leaves a marker that a later process of the same CLI run, with
the same settings, accepts instead of asking again: a file private to the user (directory
0700, file 0600, both checked to be the user's own), named by the CLI process's pid and
start time (``/proc/<pid>/stat`` field 22, so a reused pid never matches), holding an HMAC,
keyed by the secret (the API token or client secret), of the settings fingerprint. It
never holds the secret itself, and cannot be made without it. Only successes are shared: a
refusal is proven again by the next process.

Which process is the CLI: the engine starts ``pulumi-resource-pulumi-python``, a shell
script. Ours (``.engine/bin``) ``exec``s Python, so the provider's parent is the CLI; the
official script runs Python as a child of the shell (no ``exec``), so its parent is the
shell running the script and the CLI is the shell's parent. Both are handled: a parent
whose command line names that script is skipped. Without ``/proc`` (macOS, Windows), or
when the parent is gone, nothing is shared: one proof per provider process, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import tempfile
import time
from pathlib import Path

from ._connection import Settings

#: The launcher the engine starts for dynamic providers.
LAUNCHER = b"pulumi-resource-pulumi-python"
#: Markers older than this are removed when a new one is written (a CLI run is shorter).
MAX_AGE_SECONDS = 24 * 3600


def proven(settings: Settings) -> bool:
    """Whether another provider process of this CLI run proved these settings."""
    path = _marker()
    if path is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as marker:
        if not _private(os.fstat(marker.fileno())):
            return False
        lines = marker.read(64 * 1024).split()
    expected = _digest(settings).encode()
    return any(hmac.compare_digest(line, expected) for line in lines)


def share(settings: Settings) -> None:
    """Record that these settings were proven, for later processes of this CLI run."""
    path = _marker()
    if path is None:
        return
    _prune(path.parent)
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "ab") as marker:
            if _private(os.fstat(marker.fileno())):
                marker.write(_digest(settings).encode() + b"\n")


def _digest(settings: Settings) -> str:
    secret = (settings.api_token or "") + "\0" + (settings.client_secret or "")
    message = "\0".join(settings.fingerprint()).encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _private(info: os.stat_result) -> bool:
    # Ours alone: a file or directory another user made (or can write) is never trusted.
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


def directory() -> Path | None:
    """The user's private marker directory, made if missing; None when it is not private."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime and os.path.isdir(runtime) else Path(tempfile.gettempdir())
    path = base / f"pulumi-beyondidentity-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    return path if stat.S_ISDIR(info.st_mode) and _private(info) else None


def _marker() -> Path | None:
    run = cli_run()
    folder = directory() if run is not None else None
    return None if folder is None or run is None else folder / f"{run[0]}-{run[1]}"


def cli_run() -> tuple[int, str] | None:
    """The CLI process this provider serves: its pid and start time; None if unknown."""
    pid = os.getppid()
    parent = _stat(pid)
    if parent is not None and LAUNCHER in _cmdline(pid):
        pid = int(parent[1])  # the official launcher's shell: the CLI is its parent
        parent = _stat(pid)
    if parent is None or pid <= 1:
        return None
    return pid, parent[19]


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` after the command name (field 3 first)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2 :].split()
    return fields if len(fields) > 19 else None


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _prune(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    with contextlib.suppress(OSError):
        for old in folder.iterdir():
            with contextlib.suppress(OSError):
                if old.lstat().st_mtime < cutoff:
                    old.unlink()
