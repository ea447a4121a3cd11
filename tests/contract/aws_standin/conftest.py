"""Fixtures for the aws stand-in tests: a boto3 client on the session's moto server.

``import aws_standin`` finds the plugin package installed from ``local/`` (the launcher puts
``local`` on ``PYTHONPATH``); the moto server fixtures (``moto_url``, ``moto``) live in ``tests/conftest.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers.aws import moto_client

REGION = "us-east-1"


@pytest.fixture
def cognito(moto: str) -> Any:
    """A boto3 ``cognito-idp`` client on the moto server, to check what the provider did."""
    return moto_client("cognito-idp", moto, REGION)
