"""When and how long to wait before trying a Beyond Identity call again.

Policy: GET, PATCH (always the complete body) and DELETE are retried on
429, on 5xx except 501, and on transport errors. A POST is resent only when it
provably never reached the server (connect failures) or was refused with 429;
any other failure leaves its outcome unknown and is settled by the client's
create recovery, never by a blind resend.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ._errors import RateLimitedError, ServerError, TransportError


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds for retries.

    :param max_attempts: tries per call, the first included.
    :param total_timeout: seconds after which no further sleep is started.
    :param initial_backoff: first exponential backoff step, in seconds.
    :param max_backoff: cap of one exponential backoff step.
    :param max_retry_after: cap on a server's ``Retry-After`` hint.
    :param sleep: the sleep function (replaceable in tests).
    :param jitter: returns a random factor in [0.5, 1.0]; isolated for tests.
    """

    max_attempts: int = 5
    total_timeout: float = 120.0
    initial_backoff: float = 0.5
    max_backoff: float = 10.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    jitter: Callable[[], float] = field(default=lambda: random.uniform(0.5, 1.0), repr=False)

    def backoff(self, attempt: int, error: BaseException | None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based)."""
        if isinstance(error, RateLimitedError) and error.retry_after is not None:
            return min(max(error.retry_after, 0.0), self.max_retry_after)
        step = min(self.initial_backoff * (2 ** (attempt - 1)), self.max_backoff)
        return float(step * self.jitter())


def is_retryable(error: BaseException) -> bool:
    """Whether an idempotent call that failed with ``error`` may be tried again."""
    if isinstance(error, TransportError | RateLimitedError):
        return True
    return isinstance(error, ServerError) and error.status_code != 501


def is_safe_to_resend_post(error: BaseException) -> bool:
    """Whether a POST that failed with ``error`` certainly created nothing."""
    if isinstance(error, TransportError):
        return not error.reached_server
    return isinstance(error, RateLimitedError)


def outcome_unknown(error: BaseException) -> bool:
    """Whether a POST that failed with ``error`` may have been carried out anyway."""
    if isinstance(error, TransportError):
        return error.reached_server
    return isinstance(error, ServerError) and error.status_code != 501


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now(), 0.0)
