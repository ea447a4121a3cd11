"""Killing a ``pulumi`` run the way a dying machine does, and running the CLI by hand.

The engine starts its plugins (language host, dynamic-provider server, AWS plugin) in process
groups of their own, so a kill of ``pulumi``'s process group alone would leave them running,
still finishing the requests they had in flight.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers.engine_support import require_engine


def process_tree(root: int) -> list[int]:
    """``root`` and every process below it (from /proc), parents first."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, queue = [], [root]
    while queue:
        pid = queue.pop(0)
        tree.append(pid)
        queue.extend(children.get(pid, []))
    return tree


def kill_tree(root: int) -> None:
    """SIGKILL ``pulumi`` and everything it started, frozen first so nothing reacts."""
    tree = process_tree(root)
    for pid in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGSTOP)
    for pid in tree:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(root, signal.SIGKILL)


@dataclass(frozen=True)
class Cli:
    """The ``pulumi`` CLI on one stack of one program directory, run as a person would."""

    work_dir: Path
    env: Mapping[str, str]
    stack: str

    def start(self, *args: str) -> subprocess.Popen[str]:
        """Start ``pulumi <args>`` in a process group of its own (so the kill takes it all)."""
        binary = require_engine() / "pulumi"
        return subprocess.Popen(
            [str(binary), *args, "--stack", self.stack, "--non-interactive", "--color", "never"],
            cwd=self.work_dir,
            env={**os.environ, **self.env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def run(self, *args: str) -> tuple[int, str]:
        """Run ``pulumi <args>`` to the end: its exit code and output."""
        proc = self.start(*args)
        out, _ = proc.communicate(timeout=300)
        return proc.returncode, out

    def up_after_kill(self, *flags: str) -> tuple[int, str, list[str]]:
        """The documented recovery: ``pulumi up`` (with ``flags``), and ``pulumi cancel`` when
        it asks.

        Returns the last ``up``'s exit code and output, and the commands run besides ``up``.
        """
        code, out = self.run("up", "--yes", "--skip-preview", *flags)
        if code != 0 and "pulumi cancel" in out:
            cancelled, said = self.run("cancel", "--yes")
            assert cancelled == 0, said
            code, out = self.run("up", "--yes", "--skip-preview", *flags)
            return code, out, ["pulumi cancel"]
        return code, out, []
