"""A hold after a committed create, for the engine tests that kill ``pulumi`` there.

The window that leaves an object the stack does not know is between the AWS call that
created it and the engine recording the provider's answer. To kill ``pulumi`` inside it on
purpose, a test sets ``AWS_STANDIN_HOLD_DIR`` to a directory and creates ``<Type>.arm`` in
it (``UserPool.arm``, ``UserPoolDomain.arm``, ...). The next create of that type, once moto
has made the object, writes its ID to ``<Type>.held`` and waits until the arm file is
removed (or :data:`HOLD_LIMIT` passes), so the test can kill the engine's process tree
while the answer is held. Without the variable nothing here runs: the demo and the real
AWS plugin know nothing of it.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

HOLD_DIR_ENV = "AWS_STANDIN_HOLD_DIR"
HOLD_LIMIT = 600.0
"""Seconds a held create waits at most for its arm file to go (the test kills long before)."""


def _short_type(type_token: str) -> str:
    """``aws:cognito/userPool:UserPool`` -> ``UserPool``."""
    return type_token.rsplit(":", 1)[-1]


async def hold_after_create(type_token: str, resource_id: str) -> None:
    """Hold a committed create of ``type_token`` while the test armed it (see the module)."""
    directory = os.environ.get(HOLD_DIR_ENV)
    if not directory:
        return
    name = _short_type(type_token)
    armed = Path(directory) / f"{name}.arm"
    if not armed.exists():
        return
    (Path(directory) / f"{name}.held").write_text(resource_id, encoding="utf-8")
    until = time.monotonic() + HOLD_LIMIT
    while armed.exists() and time.monotonic() < until:
        await asyncio.sleep(0.05)
