"""Retry policy: Retry-After parsing, backoff bounds, which failures are retried."""

from __future__ import annotations

import email.utils

import pytest

from pulumi_beyondidentity import RetryPolicy
from pulumi_beyondidentity._errors import (
    InvalidInputError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from pulumi_beyondidentity._operation import Deadline
from pulumi_beyondidentity._retry import (
    is_retryable,
    is_safe_to_resend_post,
    outcome_unknown,
    parse_retry_after,
)


def api_error(cls: type, status: int, retry_after: float | None = None):  # type: ignore[no-untyped-def]
    return cls(
        status_code=status,
        code="x",
        api_message="m",
        method="GET",
        path="/p",
        retry_after=retry_after,
    )


def test_retry_after_seconds_and_http_date() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    date = email.utils.formatdate(1_000_010.0, usegmt=True)
    assert parse_retry_after(date, now=lambda: 1_000_000.0) == pytest.approx(10.0)
    past = email.utils.formatdate(999_000.0, usegmt=True)
    assert parse_retry_after(past, now=lambda: 1_000_000.0) == 0.0


def test_backoff_honours_retry_after_with_a_cap() -> None:
    policy = RetryPolicy(max_retry_after=5.0, jitter=lambda: 1.0)
    assert policy.backoff(1, api_error(RateLimitedError, 429, 2.0)) == 2.0
    assert policy.backoff(1, api_error(RateLimitedError, 429, 3600.0)) == 5.0


def test_exponential_backoff_is_capped_and_jittered() -> None:
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=4.0, jitter=lambda: 0.5)
    assert [policy.backoff(n, None) for n in (1, 2, 3, 4, 5)] == [0.25, 0.5, 1.0, 2.0, 2.0]


def test_which_failures_are_retried() -> None:
    assert is_retryable(api_error(ServerError, 503))
    assert not is_retryable(api_error(ServerError, 501))
    assert is_retryable(api_error(RateLimitedError, 429))
    assert not is_retryable(api_error(InvalidInputError, 400))
    assert is_retryable(TransportError("x", reached_server=True))


def test_posts_are_resent_only_when_nothing_can_have_been_created() -> None:
    assert is_safe_to_resend_post(TransportError("connect", reached_server=False))
    assert is_safe_to_resend_post(api_error(RateLimitedError, 429))
    assert not is_safe_to_resend_post(TransportError("read timeout", reached_server=True))
    assert not is_safe_to_resend_post(api_error(ServerError, 503))
    assert outcome_unknown(TransportError("read timeout", reached_server=True))
    assert outcome_unknown(api_error(ServerError, 502))
    assert not outcome_unknown(api_error(InvalidInputError, 400))


@pytest.mark.parametrize(
    "value",
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "-1",
        "-0.5",
        "junk",
        "",
        "   ",
        "1,5",
        "Mon, 99 Foo",
    ],
)
def test_unusable_retry_after_values_are_ignored(value: str) -> None:
    # Why: "Retry-After: nan" crashed in time.sleep.
    assert parse_retry_after(value) is None


def test_huge_and_dated_retry_after_values_are_bounded() -> None:
    policy = RetryPolicy(jitter=lambda: 1.0)
    huge = RateLimitedError(
        status_code=429, code="x", api_message="x", method="GET", path="/", retry_after=1e308
    )
    assert policy.backoff(1, huge) == policy.max_retry_after
    assert parse_retry_after("9" * 400) is None  # overflows to inf: ignored, backoff applies
    zoneless = "Wed, 21 Oct 2015 07:28:00 -0000"
    assert parse_retry_after(zoneless, now=lambda: 1_445_412_470.0) == pytest.approx(10.0)
    assert policy.backoff(10_000, None) == policy.max_backoff  # no overflow


def test_a_retry_budget_waits_until_the_tries_or_the_deadline_run_out() -> None:
    waits: list[float] = []
    policy = RetryPolicy(max_attempts=3, sleep=waits.append, jitter=lambda: 1.0)
    budget = policy.budget(Deadline(60))
    error = api_error(ServerError, 503)
    assert [budget.wait_for_another(error) for _ in range(3)] == [True, True, False]
    assert waits == [0.5, 1.0]  # no wait after the last try
    short = policy.budget(Deadline(0.7))
    assert short.wait_for_another(error) is True  # 0.5 s fits in 0.7 s
    assert short.wait_for_another(error) is False  # 1 s would end past the deadline


def test_the_tenacity_loop_stops_at_the_deadline_and_reports_each_retry() -> None:
    waits: list[float] = []
    seen: list[tuple[str, float, int]] = []
    policy = RetryPolicy(max_attempts=5, sleep=waits.append, jitter=lambda: 1.0)
    loop = policy.retrying(Deadline(2), lambda e, d, n: seen.append((type(e).__name__, d, n)))
    tries: list[int] = []

    def run() -> None:
        for attempt in loop:
            with attempt:
                tries.append(1)
                raise api_error(ServerError, 503)

    with pytest.raises(ServerError):
        run()
    assert len(tries) == 3  # waits of 0.5 and 1 s fit in 2 s, the next one (2 s) does not
    assert seen == [("ServerError", 0.5, 2), ("ServerError", 1.0, 3)]
