"""Request log, counters and exchange listeners.

Every request outside ``/__emulator/`` is recorded as an :class:`Exchange` just
before its response is sent (so a client holding a response can rely on the
exchange being recorded). Secrets stay out of the log: the ``Authorization``
and ``Proxy-Authorization`` request headers are dropped, and form fields that
carry credentials (``client_secret``, ``code_verifier`` and the other names in
:data:`REDACTED_FORM_FIELDS`) are replaced by ``"[redacted]"``, in query strings too
(``?access_token=...``). Response bodies
are kept as sent (they may hold tokens or an application's client secret, which
the real API also returns).

The log keeps the most recent ``max_entries`` exchanges.

Listeners registered with :func:`add_exchange_listener` are called with every
exchange recorded by any emulator in the process (from the server thread); test
suites use this to check each exchange against the OpenAPI contract.
"""

from __future__ import annotations

import collections
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

logger = logging.getLogger("beyondidentity_emulator")

REDACTED = "[redacted]"
REDACTED_HEADERS = frozenset({"authorization", "proxy-authorization"})
REDACTED_FORM_FIELDS = frozenset(
    {
        "client_secret",
        "code_verifier",
        "client_assertion",
        "refresh_token",
        "password",
        "token",
        "access_token",
        "id_token",
        "api_token",
    }
)


@dataclass(frozen=True)
class Exchange:
    """One recorded request/response pair.

    ``route`` is the matched route template (e.g.
    ``/v1/tenants/{tenant_id}/realms/{realm_id}``) or ``None``. ``query`` keeps
    the last value of a repeated parameter; header names are lower-case. ``request_body``
    holds the parsed JSON body, ``request_form`` the (redacted) form fields and
    ``request_text`` a body that was neither. ``response_body`` is the parsed JSON
    response or ``None``. ``fault`` names the fault kind that shaped the
    exchange, if any (``body_limit``: a 413 for a body over the emulator's size
    limit). ``time`` is the emulator clock's Unix time.
    """

    method: str
    path: str
    query: dict[str, str]
    route: str | None
    request_headers: dict[str, str]
    request_body: Any
    request_form: dict[str, str] | None
    request_text: str | None
    status: int
    response_headers: dict[str, str]
    response_body: Any
    fault: str | None
    time: float

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-compatible dict (the admin API's representation)."""
        return asdict(self)


ExchangeListener = Callable[[Exchange], None]

_listeners_lock = threading.Lock()
_listeners: list[ExchangeListener] = []


def add_exchange_listener(listener: ExchangeListener) -> None:
    """Call ``listener`` with every exchange any emulator in this process records."""
    with _listeners_lock:
        _listeners.append(listener)


def remove_exchange_listener(listener: ExchangeListener) -> None:
    """Stop calling a listener added with :func:`add_exchange_listener`."""
    with _listeners_lock:
        if listener in _listeners:
            _listeners.remove(listener)


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Drop credential-bearing headers (names are lower-cased)."""
    return {k.lower(): v for k, v in headers.items() if k.lower() not in REDACTED_HEADERS}


def redact_form(form: Mapping[str, str]) -> dict[str, str]:
    """Replace credential-bearing form fields by ``"[redacted]"``."""
    return {k: (REDACTED if k in REDACTED_FORM_FIELDS else v) for k, v in form.items()}


class RequestLog:
    """Thread-safe bounded log of exchanges."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._entries: collections.deque[Exchange] = collections.deque(maxlen=max_entries)

    def record(self, exchange: Exchange) -> None:
        """Append an exchange and notify the process-wide listeners."""
        with self._lock:
            self._entries.append(exchange)
        with _listeners_lock:
            listeners = list(_listeners)
        for listener in listeners:
            try:
                listener(exchange)
            except Exception:
                # A broken observer must not break the emulated API.
                logger.exception("exchange listener %r failed", listener)

    def entries(self) -> list[Exchange]:
        """Return the recorded exchanges, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> int:
        """Forget all exchanges; return how many there were."""
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            return count


class Counters:
    """Thread-safe named counters.

    Keys are ``"<METHOD> <route template>"`` for every routed request (faulted
    ones included) plus ``"token_requests"``: the number of successful token
    endpoint responses, i.e. tokens issued.
    """

    TOKEN_REQUESTS = "token_requests"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: collections.Counter[str] = collections.Counter()

    def increment(self, key: str, amount: int = 1) -> None:
        """Add ``amount`` to a counter."""
        with self._lock:
            self._counts[key] += amount

    def snapshot(self) -> dict[str, int]:
        """Return a copy of all counters."""
        with self._lock:
            return dict(self._counts)

    def clear(self) -> None:
        """Reset all counters to zero."""
        with self._lock:
            self._counts.clear()
