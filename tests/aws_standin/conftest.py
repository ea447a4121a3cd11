"""Fixtures for the aws stand-in tests: a moto server per module and a configured provider.

``tests/aws_standin`` is put on ``sys.path`` here so that ``import aws_standin`` finds the plugin
package (the launcher does the same with ``PYTHONPATH``).
"""

from __future__ import annotations

import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

STANDIN_ROOT = Path(__file__).resolve().parent
if str(STANDIN_ROOT) not in sys.path:
    sys.path.insert(0, str(STANDIN_ROOT))

REGION = "us-east-1"


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    """A moto server on a free loopback port, shared by the tests of one module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def moto(moto_url: str) -> str:
    """The module's moto server, emptied before the test."""
    request = urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:  # loopback only
        assert response.status == 200
    return moto_url


@pytest.fixture
def cognito(moto: str) -> Any:
    """A boto3 ``cognito-idp`` client on the moto server, to check what the provider did."""
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=moto,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
