"""AWS clients on the moto server of a test."""

from __future__ import annotations

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
