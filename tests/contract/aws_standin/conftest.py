"""Fixtures for the aws stand-in tests: a boto3 client on the session's moto server.

``import aws_standin`` finds the plugin package installed from ``local/`` (the launcher puts
``local`` on ``PYTHONPATH``); the moto server fixtures (``moto_url``, ``moto``) live in ``tests/conftest.py``.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest

REGION = "us-east-1"


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
