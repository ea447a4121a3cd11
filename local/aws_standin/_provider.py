"""The provider: configuration, dispatch by resource type token, invokes, a minimal schema."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import grpc
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import (
    CheckFailure,
    CheckRequest,
    CheckResponse,
    ConfigureRequest,
    ConfigureResponse,
    CreateRequest,
    CreateResponse,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    GetSchemaRequest,
    GetSchemaResponse,
    InvokeRequest,
    InvokeResponse,
    Provider,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
    UpdateResponse,
)
from pulumi.runtime.proto import provider_pb2_grpc

from ._aws import AwsApi, AwsError, warm_up
from ._base import Ctx, Resource, region_of
from ._config import ConfigError, ProviderConfig, config_failures, parse_config
from ._errors import OneLineServicer, StandinError, describe
from ._values import from_plain, plain_map, to_plain

PLUGIN_NAME = "aws"
# As the SDK's server (pulumi.runtime._grpc_settings): 400 MiB messages (branding assets travel
# inline), and an idle engine connection kept for half an hour.
_GRPC_CHANNEL_OPTIONS = [
    ("grpc.max_receive_message_length", 400 * 1024 * 1024),
    ("grpc.server_max_unrequested_time_in_server", 30 * 60),
]
PLUGIN_VERSION = "7.51.1"  # the version the pulumi-aws Python SDK asks the engine for

TRACE_ENV = "AWS_STANDIN_TRACE"
"""If set, a file the provider appends one line per call to (``<method> <token or type>``)."""


class NotConfiguredError(RuntimeError):
    pass


class AwsStandinProvider(Provider):
    """pulumi-aws's Cognito subset, backed by a moto server on a loopback address."""

    def __init__(self, trace_path: str | None = None) -> None:
        self._config: ProviderConfig | None = None
        self._api: AwsApi | None = None
        self._trace = Path(trace_path) if trace_path else None

    def _log(self, method: str, what: str = "") -> None:
        if self._trace is not None:
            with self._trace.open("a", encoding="utf-8") as handle:
                handle.write(f"{method} {what}".rstrip() + "\n")

    @property
    def config(self) -> ProviderConfig:
        if self._config is None:
            raise NotConfiguredError("the aws stand-in provider was used before being configured")
        return self._config

    @property
    def api(self) -> AwsApi:
        if self._api is None:
            self._api = AwsApi(self.config)
        return self._api

    @staticmethod
    def _resource(type_token: str) -> Resource:
        # The SDK's request.type is the URN's qualified type: a child of a component reads
        # "<parent type>$<type>"; only the last part names the resource.
        type_token = type_token.rsplit("$", 1)[-1]
        from ._resources import RESOURCES  # loaded after the port is out: see _warm_up

        resource = RESOURCES.get(type_token)
        if resource is None:
            supported = ", ".join(sorted(RESOURCES))
            raise NotImplementedError(
                f"{type_token} is not implemented by the aws stand-in plugin (test/demo only); "
                f"supported: {supported}"
            )
        return resource

    # ---- configuration ----

    async def check_config(self, request: CheckRequest) -> CheckResponse:
        self._log("check_config")
        failures = [
            CheckFailure(key, reason) for key, reason in config_failures(request.new_inputs)
        ]
        return CheckResponse(inputs=request.new_inputs, failures=failures)

    async def configure(self, request: ConfigureRequest) -> ConfigureResponse:
        # Key names and value kinds only (never values: they include credentials).
        kinds = ",".join(
            f"{k}:{type(to_plain(v)).__name__}" for k, v in sorted(request.args.items())
        )
        self._log("configure", kinds)
        try:
            self._config = parse_config(request.args, request.variables)
        except ConfigError as err:
            raise ConfigError(
                err.key, f"{err.reason} (aws stand-in plugin refuses to run)"
            ) from err
        self._api = None
        # accept_outputs stays off: the SDK cannot unmarshal unknown output values (no "value").
        return ConfigureResponse(
            accept_secrets=True, supports_preview=True, accept_resources=False, accept_outputs=False
        )

    async def get_schema(self, request: GetSchemaRequest) -> GetSchemaResponse:
        self._log("get_schema")
        schema = {
            "name": PLUGIN_NAME,
            "version": PLUGIN_VERSION,
            "description": "Stand-in for pulumi-aws (Cognito subset, moto backend): tests only.",
            "resources": {},
            "functions": {},
        }
        return GetSchemaResponse(schema=json.dumps(schema))

    # ---- invokes ----

    async def invoke(self, request: InvokeRequest) -> InvokeResponse:
        self._log("invoke", request.tok)
        from . import _invokes as fn  # loaded after the port is out: see _warm_up

        args = plain_map(request.args)
        if request.tok == fn.GET_REGION:
            result = fn.get_region(args, self.config.region)
        elif request.tok == fn.GET_CALLER_IDENTITY:
            result = await fn.get_caller_identity(self.api, self.config.region)
        elif request.tok == fn.GET_PARTITION:
            result = fn.get_partition(self.config.region)
        elif request.tok in fn.POOL_LOOKUPS:
            region = args.get("region")
            region = region if isinstance(region, str) and region else self.config.region
            result = await fn.POOL_LOOKUPS[request.tok](self.api, region, args)
        else:
            supported = ", ".join(
                (fn.GET_REGION, fn.GET_CALLER_IDENTITY, fn.GET_PARTITION, *fn.POOL_LOOKUPS)
            )
            raise NotImplementedError(
                f"function {request.tok} is not implemented by the aws stand-in plugin; "
                f"supported: {supported}"
            )
        return InvokeResponse(return_value={k: from_plain(v) for k, v in result.items()})

    # ---- resources ----

    def _ctx(self, *sources: Mapping[str, PropertyValue]) -> Ctx:
        """The context of a resource call: its ``region`` input, else the provider's region."""
        region = self.config.region
        for values in reversed(sources):
            region = region_of(values, region)
        return Ctx(self.api, region)

    async def check(self, request: CheckRequest) -> CheckResponse:
        self._log("check", request.type)
        return self._resource(request.type).check(request)

    async def diff(self, request: DiffRequest) -> DiffResponse:
        self._log("diff", request.type)
        return self._resource(request.type).diff(request)

    async def create(self, request: CreateRequest) -> CreateResponse:
        self._log("create", request.type)
        resource = self._resource(request.type)
        with self._failures(resource, "creating", request.properties, None):
            return await resource.create(self._ctx(request.properties), request)

    async def read(self, request: ReadRequest) -> ReadResponse:
        self._log("read", request.type)
        resource = self._resource(request.type)
        ctx = self._ctx(request.inputs, request.properties)
        with self._failures(resource, "reading", request.properties, request.resource_id):
            return await resource.read(ctx, request)

    async def update(self, request: UpdateRequest) -> UpdateResponse:
        self._log("update", request.type)
        resource = self._resource(request.type)
        with self._failures(resource, "updating", request.news, request.resource_id):
            return await resource.update(self._ctx(request.news), request)

    async def delete(self, request: DeleteRequest) -> None:
        self._log("delete", request.type)
        resource = self._resource(request.type)
        with self._failures(resource, "deleting", request.properties, request.resource_id):
            await resource.delete(self._ctx(request.properties), request)

    @contextlib.contextmanager
    def _failures(
        self,
        resource: Resource,
        verb: str,
        values: Mapping[str, PropertyValue],
        resource_id: str | None,
    ) -> Iterator[None]:
        """Put the real provider's action in front of any failure: an AwsError keeps its type
        (callers still see its code), anything else becomes a one-line StandinError."""
        try:
            yield
        except Exception as err:
            action = resource.action(verb, resource.subject(plain_map(values), resource_id))
            line = describe(err, action)
            self._log("failed", line)
            if isinstance(err, AwsError):
                raise
            raise StandinError(line) from err


def _warm_up() -> None:
    """Load what the first calls need, once the engine has the port (run in a thread, so the
    loading overlaps the engine's own work): the resources and invokes, and botocore."""
    from . import _invokes  # noqa: F401  (and with it the resource table)

    warm_up()


def main(argv: list[str] | None = None) -> None:
    """Serve the provider over gRPC for the engine (prints the port on stdout).

    As ``pulumi.provider.experimental.server.main``, with ``OneLineServicer``: a failure reaches
    the engine as one line in the real provider's form, never as a Python stack trace.
    """
    args = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description="aws stand-in provider plugin (gRPC server)")
    parser.add_argument("engine", help="Pulumi engine address")
    known, _ = parser.parse_known_args(args)
    provider = AwsStandinProvider(trace_path=os.environ.get(TRACE_ENV))

    async def serve() -> None:
        server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
        servicer = OneLineServicer(args, PLUGIN_VERSION, provider, engine_address=known.engine)
        provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
        port = server.add_insecure_port(address="127.0.0.1:0")
        await server.start()
        sys.stdout.buffer.write(f"{port}\n".encode())
        sys.stdout.buffer.flush()
        # The engine has the port: import botocore while it configures us and starts the others.
        threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
        # The engine stops a plugin with SIGINT: stop the server ourselves rather than let a
        # KeyboardInterrupt cancel grpc's tasks mid-flight (each cancelled task prints a trace).
        interrupted = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, interrupted.set)
        await interrupted.wait()
        await server.stop(grace=None)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())
