"""The provider serving ``CognitoFederation`` to other Pulumi languages (``Construct``).

Why a small ``pulumi.provider.Provider`` rather than Pulumi's ``component_provider_host``: the
host infers the schema from a ``TypedDict`` of the arguments, in a module without
``from __future__ import annotations``, and reads the descriptions from that class's source.
Our arguments are a frozen dataclass whose fields the stack settings map, so the host would
need a second, hand-kept class (or a generated, committed one). Built at run time from
``STACK_SETTINGS`` and the docstrings, the schema cannot drift from the Python API; and
``construct`` is ours, so the inputs go through the stack settings' own conversion and errors
leave as input-property errors instead of the host's traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from collections.abc import Sequence
from typing import Any

import grpc.aio
import pulumi
from pulumi.provider import ConstructResult, Provider
from pulumi.provider.server import ProviderServicer
from pulumi.runtime.proto import provider_pb2_grpc

from beyondidentity_cognito import (
    FEDERATION_OUTPUTS,
    TYPE_TOKEN,
    CognitoFederation,
    args_from_settings,
    setting_names,
)

from ._errors import input_error
from ._schema import output_name, schema_json


class CognitoFederationProvider(Provider):
    """Constructs ``beyondidentity:index:CognitoFederation`` from its settings."""

    def __init__(self) -> None:
        schema = schema_json()
        super().__init__(json.loads(schema)["version"], schema)

    def construct(
        self,
        name: str,
        resource_type: str,
        inputs: pulumi.Inputs,
        options: pulumi.ResourceOptions | None = None,
    ) -> ConstructResult:
        """A ``CognitoFederation`` named ``name``; its outputs under their property names.

        The inputs are stack settings by name: ``args_from_settings`` turns them into
        arguments exactly as for a Python stack (integral floats as integers, ``Output``s
        passed on, files read), and the component checks them with its own rules.

        :raises pulumi.InputPropertiesError: an input is not a setting, or a setting is
            invalid (every problem, each under its setting's name).
        """
        if resource_type != TYPE_TOKEN:
            raise ValueError(
                f"unknown resource type {resource_type}; this package has {TYPE_TOKEN}"
            )
        try:
            federation = CognitoFederation(
                name, args_from_settings(inputs), options, argument_names=setting_names()
            )
        except pulumi.RunError as error:
            raise (input_error(name, error) or error) from None
        state = {
            output_name(o.attribute): getattr(federation, o.attribute) for o in FEDERATION_OUTPUTS
        }
        return ConstructResult(federation.urn, state)


class _Servicer(ProviderServicer):
    """The SDK's servicer, with errors that surface after ``construct`` returned (a check of
    an ``Output``'s value once known) reported as input-property errors too."""

    async def _construct(self, request: Any, context: Any) -> Any:
        try:
            return await super()._construct(request, context)
        except Exception as error:
            converted = input_error(request.name, error)
            if converted is None:
                raise
            raise converted from None


def serve(argv: Sequence[str] | None = None) -> None:
    """Serve the provider as a Pulumi plugin: print the port, answer until stopped.

    The engine's address is the last positional argument (whoever runs the plugin may put
    its directory first).
    """
    parser = argparse.ArgumentParser(description="beyondidentity component provider")
    parser.add_argument("positionals", nargs="+")
    known, _ = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    engine_address: str = known.positionals[-1]
    provider = CognitoFederationProvider()

    async def run() -> None:
        server = grpc.aio.server()
        servicer = _Servicer(provider, list(known.positionals), engine_address=engine_address)
        provider_pb2_grpc.add_ResourceProviderServicer_to_server(servicer, server)
        port = server.add_insecure_port(address="127.0.0.1:0")
        await server.start()
        sys.stdout.buffer.write(f"{port}\n".encode())
        sys.stdout.buffer.flush()
        await server.wait_for_termination()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
