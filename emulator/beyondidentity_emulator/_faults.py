"""Fault injection: make chosen requests fail, slow down or lose their response.

A fault matches on HTTP method (``"*"`` = any, case-insensitive) and URL path
(``fnmatch`` pattern, case-sensitive, matched against the path without the query;
note that ``*`` also matches ``/``). Faults apply to management, OIDC and token
requests, never to the ``/__emulator/`` admin surface. Kinds:

``status``
    Answer ``status`` at once with the API's error body
    (``{"code": "<snake_case reason>", "message": "<reason>"}``) without handling
    the request.
``rate_limit``
    Answer 429 ``too_many_requests`` without handling the request; the
    ``Retry-After`` header carries ``retry_after`` verbatim (seconds or an HTTP
    date) and is omitted when ``retry_after`` is ``None``.
``latency``
    Sleep ``delay`` seconds, then handle the request normally (it can still meet
    a terminal fault below).
``drop_after_commit``
    Handle the request completely (a mutation is committed and persisted), then
    send the status line and headers with part of the body and close the
    connection, so the client sees a transport error (httpx
    ``RemoteProtocolError``) instead of a response.
``error_after_commit``
    Handle the request completely, then answer ``status`` (5xx) with the API's
    error body instead of a successful (2xx) answer: the change happened, the
    client is told it failed.
``bad_body``
    Handle the request completely, then replace a successful (2xx) answer's body
    (status kept) with an unusable one, chosen by ``body``: ``html`` (a proxy's error page,
    ``text/html``), ``truncated`` (the first half of the JSON, complete HTTP
    message), ``empty``, ``null``, ``list`` (the real body inside a JSON array),
    ``wrong_types`` (string fields other than ``id`` turned into numbers, lists
    into objects) or ``missing_id`` (``id`` removed, from list items too).
``trickle``
    Handle the request completely, then send the real answer one byte at a time,
    ``delay`` seconds apart.
``hold_after_commit``
    Handle the request completely, then hold the answer until
    :meth:`FaultSet.release` is called, the client disconnects, or ``delay``
    seconds pass (default 600); ``Fault.held`` counts requests that reached the
    hold, so a test can act (e.g. kill the client) while the change is committed
    and its answer is in flight.
``repeat_page_token``
    For list requests: the first successful listing that matches is answered
    with ``next_page_token`` set to a token of the fault's own (``"repeat-<n>"``);
    later requests for the same path that follow that token get the same page
    again, token included, without being handled, so with ``times=None`` a
    client that does not notice the repeating token never finishes. While that
    first listing is being handled, and once its page is kept, other requests
    pass the fault by (a real server repeats a page only to the client that
    asked for it).

What a fault may change depends on the answer, as on a real server:
``error_after_commit``, ``bad_body`` and ``repeat_page_token`` change a
successful answer only (a refused request committed nothing and has no resource
or page to spoil or repeat; a 400 answered 200 with its error body is no answer
any server gives). When the handler answers an error instead, that answer goes
out as it is, unrecorded as a fault, and the fault stays armed: the use is given
back (``hits`` and ``remaining`` as before) for the next matching request. The
transport faults (``drop_after_commit``, ``trickle``, ``hold_after_commit``,
``latency``) apply to any answer, errors included, as a network can break or
slow any of them; ``status`` and ``rate_limit`` answer before the request is
handled.

``times`` is how many matching requests a fault affects (``None`` = all of them);
``skip`` lets that many matching requests through unaffected first (to hit, say,
the third GET of a route).
Faults are consulted in the order they were added: every matching latency fault
applies, then the first matching terminal fault (every other kind).
Faults that change the answer after the request was handled record the real
answer in the request log (``fault`` names the kind), so contract checks see
what the emulator actually did.
"""

from __future__ import annotations

import builtins
import fnmatch
import itertools
import json
import threading
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard, get_args

FaultKind = Literal[
    "status",
    "rate_limit",
    "latency",
    "drop_after_commit",
    "error_after_commit",
    "bad_body",
    "trickle",
    "hold_after_commit",
    "repeat_page_token",
]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)
BadBody = Literal["html", "truncated", "empty", "null", "list", "wrong_types", "missing_id"]
BAD_BODIES: tuple[str, ...] = get_args(BadBody)


@dataclass
class Fault:
    """One fault rule; ``remaining`` counts down (``None`` = unlimited), ``hits`` up."""

    kind: FaultKind
    method: str = "*"
    path: str = "*"
    status: int | None = None
    times: int | None = 1
    retry_after: str | None = None
    delay: float = 0.0
    body: str | None = None
    skip: int = 0
    remaining: int | None = field(init=False)
    hits: int = field(default=0, init=False)
    held: int = field(default=0, init=False)
    released: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    # repeat_page_token: the kept page, the path it answered and its token; ``in_flight``
    # while the first listing is being handled (no second request may take that role).
    repeated_page: bytes | None = field(default=None, init=False, repr=False)
    repeat_path: str | None = field(default=None, init=False, repr=False)
    repeat_token: str | None = field(default=None, init=False, repr=False)
    in_flight: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        self.remaining = self.times

    def matches(self, method: str, path: str, page_token: str | None = None) -> bool:
        """Whether this fault applies to ``method`` + ``path`` and has uses left.

        ``page_token`` is the request's ``page_token`` query value: a
        ``repeat_page_token`` fault that keeps a page matches only the request for
        the same path that follows its token.
        """
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method != "*" and self.method.upper() != method.upper():
            return False
        if self.repeated_page is not None:
            return path == self.repeat_path and page_token == self.repeat_token
        if self.in_flight:
            return False
        return fnmatch.fnmatchcase(path, self.path)

    @property
    def repeats(self) -> bool:
        """Whether a match gets the kept page again (a ``repeat_page_token`` replay)."""
        return self.repeated_page is not None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-compatible description (as the admin API shows it)."""
        return {
            "kind": self.kind,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "times": self.times,
            "retry_after": self.retry_after,
            "delay": self.delay,
            "body": self.body,
            "skip": self.skip,
            "remaining": self.remaining,
            "hits": self.hits,
            "held": self.held,
        }


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked_status(kind: str, status: int | None) -> int | None:
    """The fault's status (defaults filled in), or ValueError for one that does not fit."""
    if kind == "status":
        if not _is_int(status) or not 400 <= status <= 599:
            raise ValueError("a 'status' fault needs status between 400 and 599")
    elif kind == "error_after_commit":
        if status is None:
            status = 500
        if not _is_int(status) or not 500 <= status <= 599:
            raise ValueError("an 'error_after_commit' fault needs status between 500 and 599")
    elif status is not None and not (kind == "rate_limit" and status == 429):
        raise ValueError(f"status is only meaningful for 'status' faults, not {kind!r}")
    return 429 if kind == "rate_limit" else status


def _checked_delay(kind: str, delay: float | None) -> float:
    """The fault's delay in seconds (defaults filled in), or ValueError."""
    if kind in ("latency", "trickle"):
        if delay is None or isinstance(delay, bool) or delay < 0:
            raise ValueError(f"a {kind!r} fault needs a non-negative delay")
    elif kind == "hold_after_commit":
        if delay is None:
            delay = 600.0
        if isinstance(delay, bool) or delay < 0:
            raise ValueError("a 'hold_after_commit' delay must be non-negative")
    elif delay is not None:
        raise ValueError(
            f"delay is only meaningful for latency, trickle and hold faults, not {kind!r}"
        )
    return float(delay or 0.0)


def _check_extras(kind: str, body: str | None, retry_after: str | None) -> None:
    """``body`` belongs to bad_body faults only, ``retry_after`` to rate_limit ones."""
    if kind == "bad_body":
        if body not in BAD_BODIES:
            raise ValueError(f"a 'bad_body' fault needs body, one of {BAD_BODIES}")
    elif body is not None:
        raise ValueError("body is only meaningful for 'bad_body' faults")
    if retry_after is not None and kind != "rate_limit":
        raise ValueError("retry_after is only meaningful for 'rate_limit' faults")


class FaultSet:
    """The emulator's active faults (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._tokens = itertools.count(1)

    def add(
        self,
        *,
        kind: FaultKind,
        method: str = "*",
        path: str = "*",
        status: int | None = None,
        times: int | None = 1,
        retry_after: str | None = None,
        delay: float | None = None,
        body: str | None = None,
        skip: int = 0,
    ) -> Fault:
        """Add a fault and return it (see the module docstring for the kinds).

        Raises ``ValueError`` for inconsistent arguments: ``status`` needs a
        ``status`` of 400-599 (``error_after_commit``: 500-599), ``latency`` and
        ``trickle`` a non-negative ``delay``, ``bad_body`` one of the ``body``
        choices, and ``times`` must be ``None`` or positive.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        if times is not None and (not _is_int(times) or times < 1):
            raise ValueError("times must be a positive integer or None (unlimited)")
        status = _checked_status(kind, status)
        seconds = _checked_delay(kind, delay)
        if not _is_int(skip) or skip < 0:
            raise ValueError("skip must be a non-negative integer")
        _check_extras(kind, body, retry_after)
        fault = Fault(
            kind=kind,
            method=method,
            path=path,
            status=status,
            times=times,
            retry_after=None if retry_after is None else str(retry_after),
            delay=seconds,
            body=body,
            skip=skip,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault (answers held by ``hold_after_commit`` are released)."""
        with self._lock:
            for fault in self._faults:
                fault.released.set()
            self._faults.clear()

    def release(self) -> None:
        """Let every answer held by a ``hold_after_commit`` fault go."""
        with self._lock:
            for fault in self._faults:
                fault.released.set()

    def list(self) -> list[Fault]:
        """Return the faults in the order they were added (including used-up ones)."""
        with self._lock:
            return list(self._faults)

    def take(
        self, method: str, path: str, page_token: str | None = None
    ) -> tuple[builtins.list[Fault], Fault | None]:
        """Consume the faults for one request: (latency faults, terminal fault or None).

        A ``repeat_page_token`` fault taken for its first listing is in flight until
        :meth:`keep_page` or :meth:`give_back`.
        """
        latencies: builtins.list[Fault] = []
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, path, page_token):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fault.kind == "latency":
                    latencies.append(self._use(fault))
                    continue
                if fault.kind == "repeat_page_token" and not fault.repeats:
                    fault.in_flight = True
                return latencies, self._use(fault)
        return latencies, None

    def give_back(self, fault: Fault) -> None:
        """Undo :meth:`take` for a fault that did not fit the answer: it stays armed."""
        with self._lock:
            fault.hits -= 1
            if fault.remaining is not None:
                fault.remaining += 1
            fault.in_flight = False

    def keep_page(self, fault: Fault, path: str, page: dict[str, Any]) -> bytes:
        """Give a listing of ``path`` the fault's own repeating token; return the page kept."""
        with self._lock:
            if fault.repeat_token is None:
                fault.repeat_token = f"repeat-{next(self._tokens)}"
            body = json.dumps({**page, "next_page_token": fault.repeat_token}).encode()
            fault.repeated_page, fault.repeat_path = body, path
            fault.in_flight = False
            return body

    @staticmethod
    def _use(fault: Fault) -> Fault:
        fault.hits += 1
        if fault.remaining is not None:
            fault.remaining = max(fault.remaining - 1, 0)
        return fault
