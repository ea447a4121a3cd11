"""Per-operation settings of the providers: the total deadline and the take-over list.

``beyondidentity:operationTimeout`` (or ``BEYOND_IDENTITY_OPERATION_TIMEOUT``):
seconds one create, read, update or delete may take in total, every request,
retry wait and recovery lookup included (default 300, 1 to 3600).

``beyondidentity:adoptIds`` (or ``BEYOND_IDENTITY_ADOPT_IDS``): ids of existing
objects a create may take over when it finds one holding its natural key
(comma- or space-separated). The provider prints the exact command when it
meets such an object; see docs/reliability.md.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

from ._config import CONFIG_KEYS, ConfigGetter, first, key_for, layers
from ._errors import ConfigurationError, DeadlineExceededError

DEFAULT_OPERATION_TIMEOUT = 300.0
MAX_OPERATION_TIMEOUT = 3600.0
TIMEOUT_KEY = (key_for("operation_timeout").config, key_for("operation_timeout").env)
ADOPT_IDS_KEY = (key_for("adopt_ids").config, key_for("adopt_ids").env)
__all__ = ["ADOPT_IDS_KEY", "CONFIG_KEYS", "TIMEOUT_KEY", "Deadline", "OperationSettings"]
_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


@dataclass(frozen=True)
class OperationSettings:
    """Deadline and take-over list, resolved from stack config, then the environment.

    :param operation_timeout: total seconds per provider operation.
    :param adopt_ids: ids a create may take over instead of failing.
    """

    operation_timeout: float = DEFAULT_OPERATION_TIMEOUT
    adopt_ids: frozenset[str] = frozenset()

    @classmethod
    def resolve(
        cls, config: ConfigGetter | None = None, environ: Mapping[str, str] | None = None
    ) -> OperationSettings:
        """Read both settings. :raises ConfigurationError: naming the key and the rule."""
        sources = layers(None, config, environ)
        timeout = DEFAULT_OPERATION_TIMEOUT
        raw, _ = first(sources, key_for("operation_timeout"))
        if raw is not None:
            try:
                timeout = float(raw.removesuffix("s"))
            except ValueError:
                timeout = math.nan
            if not math.isfinite(timeout) or not 1 <= timeout <= MAX_OPERATION_TIMEOUT:
                raise ConfigurationError(
                    f"{TIMEOUT_KEY[0]} (or {TIMEOUT_KEY[1]}) must be a number of seconds from 1 "
                    f"to {MAX_OPERATION_TIMEOUT:.0f}; got {raw!r}"
                )
        ids: set[str] = set()
        raw, _ = first(sources, key_for("adopt_ids"))
        for item in re.split(r"[\s,]+", (raw or "").strip("[]")):
            item = item.strip().strip("\"'")
            if not item:
                continue
            if not _ID.match(item):
                raise ConfigurationError(
                    f"{ADOPT_IDS_KEY[0]} (or {ADOPT_IDS_KEY[1]}) must list Beyond Identity ids separated "
                    f"by commas; {item!r} is not an id"
                )
            ids.add(item)
        return cls(operation_timeout=timeout, adopt_ids=frozenset(ids))


class Deadline:
    """The end of one operation's time budget (monotonic clock).

    :param seconds: the budget from now.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def sooner(self, reserve: float) -> Deadline:
        """A deadline ``reserve`` seconds before this one, so that a later step of the same
        operation keeps that time (never before now)."""
        earlier = Deadline(self.seconds)
        earlier.end = max(self.end - reserve, time.monotonic())
        return earlier

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(self.end - time.monotonic(), 0.0)

    def expired(self) -> bool:
        """Whether no time is left."""
        return time.monotonic() >= self.end

    def exceeded(self, what: str, *, reached_server: bool) -> DeadlineExceededError:
        """The error to raise when ``what`` did not finish in time."""
        return DeadlineExceededError(
            f"{what}: no complete answer within the operation's {self.seconds:g} s budget "
            f"(set {TIMEOUT_KEY[0]} to allow more)",
            reached_server=reached_server,
        )
