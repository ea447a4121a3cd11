"""Shared fixtures: a fresh emulator per test and OpenAPI checks of every exchange.

* ``emulator``: a started :class:`beyondidentity_emulator.Emulator` on a random
  loopback port (tenant :data:`TENANT_ID`, token :data:`API_TOKEN`, test user
  ``alice@example.com``), stopped after the test. All emulators of a session
  share one pre-generated signing key (RSA key generation is the slowest part
  of start-up); each still has exactly one key.
* ``api``: an ``httpx.Client`` whose base URL is the tenant prefix
  ``{emulator.url}/v1/tenants/{tenant_id}`` and which sends the API token.
* ``emulator_signing_key`` / ``tls_context`` (session): shared so per-test
  emulators and clients start in milliseconds.
* ``moto_url``: one in-process moto server (AWS emulation) on a free loopback port for the
  whole session; ``moto``: the same URL, emptied before the test. moto keeps its backends
  per process, not per server, so one server with a reset per test is all there is to have.
* Hypothesis runs under the ``bounded`` profile (see below).
* Contract check (autouse): every exchange recorded by any in-process emulator
  during a test — including in fixtures — is validated against the official
  OpenAPI spec (``tests/helpers/openapi_contract.py``); a violation fails that
  test at teardown with the offending exchanges listed.
"""

from __future__ import annotations

import os
import ssl
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from helpers.openapi_contract import check_exchanges
from helpers.subjects import is_standin
from hypothesis import HealthCheck, settings
from moto.server import ThreadedMotoServer

from beyondidentity_emulator import (
    Emulator,
    Exchange,
    add_exchange_listener,
    generate_signing_key,
    remove_exchange_listener,
)

# Property-based tests: bounded, reproducible (the same examples on every run, no example
# database written into the checkout), a few seconds each. HYPOTHESIS_PROFILE=deep for more.
settings.register_profile(
    "bounded",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("deep", parent=settings.get_profile("bounded"), max_examples=5_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "bounded"))

TESTS = os.path.dirname(os.path.abspath(__file__))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the stand-ins' tests ``standin`` (``helpers.subjects`` says which they are)."""
    for item in items:
        relative = os.path.relpath(str(item.path), TESTS).replace(os.sep, "/")
        if is_standin(relative):
            item.add_marker(pytest.mark.standin)


TENANT_ID = "000176d94fd7b4d1"
API_TOKEN = "test-api-token"
TEST_USER_EMAIL = "alice@example.com"


class _ExchangeCollector:
    """Receives exchanges from emulator server threads until the next drain."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[Exchange] = []

    def __call__(self, exchange: Exchange) -> None:
        with self._lock:
            self._items.append(exchange)

    def drain(self) -> list[Exchange]:
        with self._lock:
            items, self._items = self._items, []
        return items


@pytest.fixture(scope="session")
def _exchange_collector() -> Iterator[_ExchangeCollector]:
    collector = _ExchangeCollector()
    add_exchange_listener(collector)
    yield collector
    remove_exchange_listener(collector)
    problems = check_exchanges(collector.drain())
    if problems:
        pytest.fail("OpenAPI contract violations after the last test:\n" + "\n".join(problems))


@pytest.fixture(autouse=True)
def _openapi_contract(_exchange_collector: _ExchangeCollector) -> Iterator[None]:
    # Exchanges are attributed to the test during (or before) which they happened;
    # teardown order makes this run after the test's other fixtures finished.
    yield
    problems = check_exchanges(_exchange_collector.drain())
    if problems:
        pytest.fail("OpenAPI contract violations:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture(scope="session")
def tls_context() -> ssl.SSLContext:
    """One TLS context for all test clients (building one per client costs ~25 ms)."""
    return httpx.create_ssl_context()


@pytest.fixture(scope="session")
def emulator_signing_key() -> dict[str, Any]:
    """One private signing JWK shared by the session's emulators."""
    return generate_signing_key()


@pytest.fixture
def emulator(
    request: pytest.FixtureRequest, emulator_signing_key: dict[str, Any]
) -> Iterator[Emulator]:
    """A fresh emulator on a random loopback port, stopped after the test.

    Parametrized indirectly (``helpers.client_support.BOTH_MODES``), its parameter is
    ``accept_repeated_keys``: whether it accepts repeated realm names and identifiers.
    """
    emu = Emulator(
        tenant_id=TENANT_ID,
        api_token=API_TOKEN,
        test_user_email=TEST_USER_EMAIL,
        signing_key=emulator_signing_key,
        accept_repeated_keys=bool(getattr(request, "param", False)),
    )
    emu.start()
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def api(emulator: Emulator, tls_context: ssl.SSLContext) -> Iterator[httpx.Client]:
    """HTTP client for the emulator's tenant: base URL ``{url}/v1/tenants/{tenant_id}``."""
    with httpx.Client(
        base_url=f"{emulator.url}/v1/tenants/{emulator.tenant_id}",
        headers={"Authorization": f"Bearer {emulator.api_token}"},
        timeout=10.0,
        verify=tls_context,
    ) as client:
        yield client


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """The session's moto server (its state is shared; use ``moto`` for a clean one)."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def moto(moto_url: str) -> str:
    """The moto server, emptied before the test."""
    httpx.post(f"{moto_url}/moto-api/reset", timeout=10).raise_for_status()
    return moto_url
