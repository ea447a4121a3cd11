"""boto3 access to the moto server: clients per region, calls off the event loop, clear errors."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from ._config import ProviderConfig, is_loopback_url

_BOTO_CONFIG = BotoConfig(
    connect_timeout=5,
    read_timeout=30,
    retries={"max_attempts": 2, "mode": "standard"},
)
# moto serves S3 on the same host and port as everything else: path-style addressing.
_S3_CONFIG = _BOTO_CONFIG.merge(BotoConfig(s3={"addressing_style": "path"}))


class AwsError(Exception):
    """A failed (or refused, when ``standin`` is true) Cognito/STS call, phrased like AWS's errors."""

    def __init__(self, operation: str, code: str, message: str, *, standin: bool = False) -> None:
        origin = " (enforced by the aws stand-in; moto would accept it)" if standin else ""
        super().__init__(f"{operation}: {code}: {message}{origin}")
        self.operation = operation
        self.code = code
        self.message = message

    @property
    def not_found(self) -> bool:
        return self.code == "ResourceNotFoundException"


class AwsApi:
    """Thread-safe, lazily built boto3 clients bound to the configured loopback endpoints."""

    def __init__(self, config: ProviderConfig) -> None:
        for url in (config.cognito_endpoint, config.sts_endpoint, config.route53_endpoint):
            if not is_loopback_url(url):  # defence in depth: parse_config already refuses these
                raise ValueError(f"refusing non-loopback endpoint {url!r}")
        self.config = config
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def _client(self, service: str, region: str) -> Any:
        with self._lock:
            key = (service, region)
            if key not in self._clients:
                endpoint = {
                    "sts": self.config.sts_endpoint,
                    "route53": self.config.route53_endpoint,
                    "s3": self.config.state_endpoint,
                }.get(service, self.config.cognito_endpoint)
                self._clients[key] = boto3.session.Session().client(
                    service,
                    region_name=region,
                    endpoint_url=endpoint,
                    aws_access_key_id=self.config.access_key,
                    aws_secret_access_key=self.config.secret_key,
                    aws_session_token=self.config.session_token,
                    config=_S3_CONFIG if service == "s3" else _BOTO_CONFIG,
                )
            return self._clients[key]

    def _call_sync(self, service: str, region: str, operation: str, params: dict[str, Any]) -> Any:
        client = self._client(service, region)
        try:
            return getattr(client, operation)(**params)
        except ClientError as err:
            error = err.response.get("Error", {})
            raise AwsError(
                operation, str(error.get("Code", "Unknown")), str(error.get("Message", err))
            ) from err
        except BotoCoreError as err:
            raise AwsError(operation, type(err).__name__, str(err)) from err

    async def cognito(self, region: str, operation: str, **params: Any) -> dict[str, Any]:
        """Call ``cognito-idp`` ``operation`` (snake_case boto3 name) with non-None ``params``."""
        clean = {k: v for k, v in params.items() if v is not None}
        result = await asyncio.to_thread(self._call_sync, "cognito-idp", region, operation, clean)
        return dict(result)

    async def call(
        self, service: str, region: str, operation: str, **params: Any
    ) -> dict[str, Any]:
        """Call ``operation`` of ``service`` (``route53``, ``s3``) with non-None ``params``."""
        clean = {k: v for k, v in params.items() if v is not None}
        result = await asyncio.to_thread(self._call_sync, service, region, operation, clean)
        return dict(result)

    async def sts(self, region: str, operation: str, **params: Any) -> dict[str, Any]:
        result = await asyncio.to_thread(self._call_sync, "sts", region, operation, params)
        return dict(result)
