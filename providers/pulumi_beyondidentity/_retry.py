"""When and how long to wait before trying a Beyond Identity call again.

Policy: GET and DELETE are retried on 429, on 5xx except 501, and on transport
errors; a success status with an unusable body is retried like a 5xx (a proxy's HTML
page is usually transient). A POST is resent only when it provably never reached the
server (connect failures) or was refused with 429; any other failure leaves its outcome
unknown and is settled by the client's create recovery, never by a blind resend.

A PATCH is resent only when no copy of it can still be running on the server: it never
left (connect failures), was refused (429), or the server itself answered 500 or 503 (it
is done with that copy). After a lost or late answer (timeout, cut connection), a gateway's
502/504 or an unusable success body the earlier copy may still run, later; a resend would
only add another copy that can. The client then reads the object back instead
(:meth:`~._collection.Collection.update`); see docs/reliability.md, "Lost updates".

Every wait is bounded: a ``Retry-After`` hint is used only when it is a finite,
non-negative number of seconds or an HTTP date, capped at ``max_retry_after``;
anything else (``nan``, ``inf``, junk) falls back to exponential backoff. The
client additionally never sleeps past the operation's deadline.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tenacity import RetryCallState, Retrying, retry_if_exception

from ._errors import APIError, MalformedResponseError, RateLimitedError, ServerError, TransportError
from ._operation import Deadline

#: Called before each wait: the error of the failed try, the wait, the number of the next try.
OnRetry = Callable[[BaseException, float, int], None]


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds for retries.

    :param max_attempts: tries per call, the first included.
    :param total_timeout: the default total deadline of one operation, in seconds
        (every request, wait and recovery lookup of a create, read, update or
        delete); ``beyondidentity:operationTimeout`` overrides it.
    :param initial_backoff: first exponential backoff step, in seconds.
    :param max_backoff: cap of one exponential backoff step.
    :param max_retry_after: cap on a server's ``Retry-After`` hint.
    :param sleep: the sleep function (replaceable in tests).
    :param jitter: returns a random factor in [0.5, 1.0]; isolated for tests.
    """

    max_attempts: int = 5
    total_timeout: float = 300.0
    initial_backoff: float = 0.5
    max_backoff: float = 10.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    jitter: Callable[[], float] = field(default=lambda: random.uniform(0.5, 1.0), repr=False)

    def backoff(self, attempt: int, error: BaseException | None) -> float:
        """Seconds to wait after failed try number ``attempt`` (1-based)."""
        hint = error.retry_after if isinstance(error, APIError) else None
        if hint is not None and math.isfinite(hint) and hint >= 0:
            return min(hint, self.max_retry_after)
        step = min(self.initial_backoff * (2 ** min(max(attempt - 1, 0), 32)), self.max_backoff)
        return float(step * self.jitter())

    def retrying(
        self,
        deadline: Deadline,
        on_retry: OnRetry,
        retryable: Callable[[BaseException], bool] | None = None,
    ) -> Retrying:
        """A tenacity loop for an idempotent call: errors that ``retryable`` (default
        :func:`is_retryable`) accepts are tried again while tries are left and the next
        wait ends before ``deadline``."""

        def error_of(state: RetryCallState) -> BaseException | None:
            return state.outcome.exception() if state.outcome else None

        def stop(state: RetryCallState) -> bool:
            # tenacity computes the wait first: stop when out of tries, or when that wait
            # would end past the operation's deadline.
            if state.attempt_number >= self.max_attempts:
                return True
            return state.upcoming_sleep >= deadline.remaining()

        def before_sleep(state: RetryCallState) -> None:
            error = error_of(state)
            assert error is not None
            on_retry(error, state.upcoming_sleep, state.attempt_number + 1)

        return Retrying(
            stop=stop,
            wait=lambda state: self.backoff(state.attempt_number, error_of(state)),
            retry=retry_if_exception(retryable or is_retryable),
            sleep=self.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )

    def budget(self, deadline: Deadline) -> RetryBudget:
        """The tries of one step that decides for itself what to retry (see :class:`RetryBudget`)."""
        return RetryBudget(self, deadline)


class RetryBudget:
    """Counts the failed tries of one step and waits before the next while the policy allows.

    For loops tenacity cannot express: a create whose next move depends on a lookup's
    answer, or the lookups of a lost create's recovery.

    :param policy: the retry bounds.
    :param deadline: the operation's deadline; no wait ends past it.
    """

    def __init__(self, policy: RetryPolicy, deadline: Deadline) -> None:
        self.policy = policy
        self.deadline = deadline
        self.failed = 0

    def wait_for_another(self, error: BaseException) -> bool:
        """Count a failed try; when another fits in the bounds, wait for it and return True."""
        self.failed += 1
        delay = self.policy.backoff(self.failed, error)
        if self.failed < self.policy.max_attempts and delay < self.deadline.remaining():
            self.policy.sleep(delay)
            return True
        return False


def is_retryable(error: BaseException) -> bool:
    """Whether an idempotent call that failed with ``error`` may be tried again."""
    if isinstance(error, TransportError | RateLimitedError | MalformedResponseError):
        return True
    return isinstance(error, ServerError) and error.status_code != 501


def is_safe_to_resend_post(error: BaseException) -> bool:
    """Whether a POST that failed with ``error`` certainly created nothing."""
    if isinstance(error, TransportError):
        return not error.reached_server
    return isinstance(error, RateLimitedError)


#: 5xx answers the server gives when it is done with a request (resending cannot race it);
#: a 502 or 504 comes from a gateway whose backend may still be running the request.
_SERVER_FINISHED = frozenset({500, 503})


def is_safe_to_resend_patch(error: BaseException) -> bool:
    """Whether a PATCH that failed with ``error`` may be sent again: no copy of it can
    still be running on the server, so a resend cannot be overtaken by a stale copy."""
    if is_safe_to_resend_post(error):
        return True
    return isinstance(error, ServerError) and error.status_code in _SERVER_FINISHED


def outcome_unknown(error: BaseException) -> bool:
    """Whether a POST that failed with ``error`` may have been carried out anyway."""
    if isinstance(error, TransportError):
        return error.reached_server
    if isinstance(error, MalformedResponseError):
        return True  # a success status: something was done, we cannot tell what
    return isinstance(error, ServerError) and error.status_code != 501


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), or None.

    None for anything unusable: empty, junk, ``nan``, ``inf``, negative numbers.
    A date in the past means "now" (0.0). Callers cap the result.
    """
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        seconds = None
    if seconds is not None:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    try:
        if when.tzinfo is None:  # "-0000" dates: RFC 5322 says UTC
            when = when.replace(tzinfo=datetime.timezone.utc)
        delta = when.timestamp() - now()
    except (OverflowError, OSError, ValueError):
        return None
    return max(delta, 0.0) if math.isfinite(delta) else None
