"""AWS clients on the moto server of a test, and a moto server with state of its own."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import boto3


def moto_client(service: str, endpoint: str, region: str = "us-east-1") -> Any:
    """A boto3 client of ``service`` on the moto server at ``endpoint`` (moto's test keys)."""
    return boto3.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


# Run in a child process: moto keeps its state per process, so only a server in a process of
# its own has state no other test can reset. It stops when the test process closes its stdin
# (or dies), so it never outlives the tests.
_SERVE = """
import logging, os, sys
from moto.server import ThreadedMotoServer
logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # nobody reads the pipe from here on
sys.stdin.read()
server.stop()
"""


@contextlib.contextmanager
def private_moto_server() -> Iterator[str]:
    """A moto server in a child process, with state of its own; yields its URL.

    The session's ``moto_url`` server shares its state with every moto server of the test
    process, and the ``moto`` fixture of any test empties it: AWS state that must outlive a
    test lives here instead.
    """
    child = subprocess.Popen(
        [sys.executable, "-c", _SERVE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        port = child.stdout.readline().strip()
        if not port.isdigit():
            raise RuntimeError(f"the private moto server did not start (exit {child.poll()})")
        yield f"http://127.0.0.1:{port}"
    finally:
        if child.stdin is not None:
            child.stdin.close()
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
