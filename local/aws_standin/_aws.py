"""boto3 access to the moto server: clients per region, calls off the event loop, clear errors."""

from __future__ import annotations

import asyncio
import functools
import threading
import uuid
from typing import Any

from ._config import ProviderConfig, is_loopback_url

# botocore is imported on the first AWS call, not at start-up: importing it costs about as much
# as the rest of the plugin, and the engine waits for the plugin's port before anything else
# (docs/performance.md, "A quick start"). boto3 is not used: its clients are botocore's, and
# importing it adds s3transfer.


@functools.cache
def _boto_config(service: str) -> Any:
    from botocore.config import Config

    config = Config(
        connect_timeout=5, read_timeout=30, retries={"max_attempts": 2, "mode": "standard"}
    )
    if service == "s3":  # moto serves S3 on the same host and port as everything else
        return config.merge(Config(s3={"addressing_style": "path"}))
    return config


def warm_up() -> None:
    """Import botocore and load its endpoint data ahead of the first call (run in a thread
    once the engine has the plugin's port, so the import overlaps the engine's own work)."""
    from botocore.loaders import create_loader
    from botocore.session import Session

    Session()
    create_loader().load_data("endpoints")


# aws-sdk-go-v2's service IDs, as its errors name the service ("operation error <ID>: <Op>")
SERVICE_IDS = {
    "cognito-idp": "Cognito Identity Provider",
    "route53": "Route 53",
    "s3": "S3",
    "sts": "STS",
}


class AwsError(Exception):
    """A failed (or refused, when ``standin`` is true) AWS call, worded as the real provider's.

    ``str()`` is aws-sdk-go-v2's one line (``operation error Cognito Identity Provider:
    CreateUserPoolDomain, https response error StatusCode: 400, RequestID: …,
    InvalidParameterException: …``); ``action`` adds the Terraform provider's prefix
    (``creating Cognito User Pool Domain (x)``) once the provider knows what was being done.
    """

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        standin: bool = False,
        service: str = "cognito-idp",
        status: int = 400,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.operation = operation
        self.code = code
        self.message = message
        self.standin = standin
        self.service = service
        self.status = status
        self.request_id = request_id if request_id is not None else str(uuid.uuid4())
        self.action: str | None = None

    def __str__(self) -> str:
        origin = " (enforced by the aws stand-in; moto would accept it)" if self.standin else ""
        sdk = (
            f"operation error {SERVICE_IDS.get(self.service, self.service)}: {self.operation}, "
            f"https response error StatusCode: {self.status}, RequestID: {self.request_id}, "
            f"{f'{self.code}: ' if self.code else ''}{self.message}{origin}"
        )
        return one_line(f"{self.action}: {sdk}" if self.action else sdk)

    @property
    def not_found(self) -> bool:
        return self.code == "ResourceNotFoundException"


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of spaces folded into single spaces."""
    return " ".join(text.split())


def _api_name(client: Any, operation: str) -> str:
    """The API's own operation name (``CreateUserPoolDomain``) for a boto3 method name."""
    mapping: dict[str, str] = client.meta.method_to_api_mapping
    return mapping.get(operation, operation)


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
                from botocore.session import Session

                self._clients[key] = Session().create_client(
                    service,
                    region_name=region,
                    endpoint_url=endpoint,
                    aws_access_key_id=self.config.access_key,
                    aws_secret_access_key=self.config.secret_key,
                    aws_session_token=self.config.session_token,
                    config=_boto_config(service),
                )
            return self._clients[key]

    def _call_sync(self, service: str, region: str, operation: str, params: dict[str, Any]) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        client = self._client(service, region)
        try:
            return getattr(client, operation)(**params)
        except ClientError as err:
            error = err.response.get("Error", {})
            meta = err.response.get("ResponseMetadata", {})
            raise AwsError(
                _api_name(client, operation),
                str(error.get("Code", "Unknown")),
                str(error.get("Message", err)),
                service=service,
                status=int(meta.get("HTTPStatusCode") or 400),
                request_id=str(meta.get("RequestId") or ""),
            ) from err
        except BotoCoreError as err:
            # No answer (connection refused, timeout): aws-sdk-go-v2 says "request send failed".
            raise AwsError(
                _api_name(client, operation),
                "",
                f"request send failed, {err}",
                service=service,
                status=0,
                request_id="",
            ) from err

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
