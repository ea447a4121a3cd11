"""Moto servers and AWS clients on them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto.server import ThreadedMotoServer


@contextmanager
def own_moto_server() -> Iterator[str]:
    """A moto server on a free loopback port, for the caller alone; yields its URL.

    A fixture whose moto state must outlive one test (module or package scope) needs its own:
    with parallel test processes (pytest-xdist work stealing) a worker may run other tests in
    between, and the function-scoped ``moto`` fixture empties the session's server.
    """
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def moto_client(service: str, endpoint: str, region: str = "us-east-1") -> Any:
    """A boto3 client of ``service`` on the moto server at ``endpoint`` (moto's test keys)."""
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
