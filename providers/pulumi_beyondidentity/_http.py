"""The process-wide pooled HTTP client.

One ``httpx.Client`` per process, created on first use: the provider process
serves every resource from four threads, and a shared pool keeps connections
warm. It is never pickled (``httpx.Client`` holds an SSL context) because it
lives here, not on provider instances.
"""

from __future__ import annotations

import os
import threading
import time

import httpx

from ._version import __version__

USER_AGENT = f"pulumi-beyondidentity/{__version__} (+python-httpx/{httpx.__version__})"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)

_lock = threading.Lock()
_client: httpx.Client | None = None
_client_pid: int | None = None


def new_http_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """A client with the project's timeouts, pool limits and User-Agent."""
    return httpx.Client(
        timeout=DEFAULT_TIMEOUT,
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        headers={"User-Agent": USER_AGENT},
        transport=transport,
        follow_redirects=False,
    )


def shared_http_client() -> httpx.Client:
    """The pooled client of this process (a forked child gets its own)."""
    global _client, _client_pid
    with _lock:
        if _client is None or _client_pid != os.getpid():
            _client = new_http_client()
            _client_pid = os.getpid()
        return _client


#: Largest response body accepted (a page of 100 applications is ~100 KB).
MAX_RESPONSE_BYTES = 16 * 1024 * 1024


class BodyTooSlow(Exception):
    """The body did not arrive completely before the deadline."""


class BodyTooLarge(Exception):
    """The body is larger than :data:`MAX_RESPONSE_BYTES`."""


def read_body(response: httpx.Response, deadline: float) -> bytes:
    """The whole body of a streamed response, by ``deadline`` (``time.monotonic()``).

    httpx's read timeout bounds each wait for bytes; this bounds the whole body, so a
    server that sends a byte every few seconds cannot hold a call open.
    """
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise BodyTooLarge
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise BodyTooSlow
    if time.monotonic() > deadline:
        raise BodyTooSlow
    return b"".join(chunks)
