"""A value made once per test session, whichever pytest-xdist process asks first.

A module-scoped fixture runs once per process that runs one of the module's tests, and work
stealing (``make test``) may spread a module's tests over several processes: an expensive
fixture (the engine benchmark) would then run once per process. ``once_per_session`` makes it
once, under a lock in the directory the session's processes share, and hands every process
the same text.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable

import pytest


def once_per_session(factory: pytest.TempPathFactory, name: str, make: Callable[[], str]) -> str:
    """``make()``, called by the first process of this session to ask for ``name``; the others
    wait for it and read what it returned. Outside xdist, simply ``make()``."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return make()
    # Each xdist process's base directory is a child of the session's own directory.
    shared = factory.getbasetemp().parent / f"once-{name}"
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not shared.is_file():
            made = make()
            shared.with_suffix(".partial").write_text(made)
            shared.with_suffix(".partial").replace(shared)
        return shared.read_text()
