"""The process-wide pooled HTTP client.

One ``httpx.Client`` per process, created on first use: the provider process
serves every resource from four threads, and a shared pool keeps connections
warm. It is never pickled (``httpx.Client`` holds an SSL context) because it
lives here, not on provider instances.
"""

from __future__ import annotations

import os
import threading

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
