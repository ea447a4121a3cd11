"""Time source and timestamp formatting.

Everything time-dependent in the emulator (object timestamps, token ``iat``/``exp``,
authorization-code expiry, token verification) reads the time through one
:data:`Clock` so tests can freeze or advance it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], float]
"""A zero-argument callable returning the current time as Unix seconds."""


def system_clock() -> float:
    """Return the wall-clock time in Unix seconds."""
    return time.time()


def rfc3339(epoch_seconds: float) -> str:
    """Format Unix seconds as RFC 3339 UTC with millisecond precision.

    The real API answers e.g. ``2022-05-18T18:00:01.167Z``.
    """
    moment = datetime.fromtimestamp(epoch_seconds, tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
