"""Synchronous helpers to drive the stand-in provider's async methods like the engine would.

Every answer is marshalled to protobuf as the gRPC server would do it, so a value the wire cannot
carry (an ``int``, a ``Computed``) fails the test that produced it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.provider.experimental.provider import (
    CheckRequest,
    CheckResponse,
    ConfigureRequest,
    CreateRequest,
    DeleteRequest,
    DiffRequest,
    DiffResponse,
    InvokeRequest,
    ReadRequest,
    ReadResponse,
    UpdateRequest,
)

from aws_standin import AwsStandinProvider
from aws_standin._values import Plain, from_plain, plain_map

POOL = "aws:cognito/userPool:UserPool"
DOMAIN = "aws:cognito/userPoolDomain:UserPoolDomain"
IDP = "aws:cognito/identityProvider:IdentityProvider"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"

Props = dict[str, PropertyValue]


def props(values: Mapping[str, Any]) -> Props:
    """Property values from plain values; PropertyValues (e.g. secrets) pass through."""
    return {
        key: value if isinstance(value, PropertyValue) else from_plain(value)
        for key, value in values.items()
    }


def urn(type_token: str, name: str) -> str:
    return f"urn:pulumi:test::standin::{type_token}::{name}"


def wire(values: Props) -> Props:
    """Round-trip through protobuf, as the engine would see the values."""
    return PropertyValue.unmarshal_map(PropertyValue.marshal_map(values))


@dataclass
class Created:
    type: str
    name: str
    id: str
    inputs: Props
    outputs: Props

    @property
    def plain(self) -> dict[str, Plain]:
        return plain_map(self.outputs)


class Harness:
    def __init__(self, moto_url: str, region: str = "us-east-1") -> None:
        self.provider = AwsStandinProvider()
        self.configure({"region": region, "endpoints": [{"cognitoidp": moto_url, "sts": moto_url}]})

    def configure(
        self, args: Mapping[str, Any], variables: Mapping[str, str] | None = None
    ) -> None:
        asyncio.run(
            self.provider.configure(
                ConfigureRequest(dict(variables or {}), props(args), True, True)
            )
        )

    def check(
        self, type_token: str, name: str, inputs: Mapping[str, Any], olds: Props | None = None
    ) -> CheckResponse:
        request = CheckRequest(urn(type_token, name), olds or {}, props(inputs), b"seed")
        response = asyncio.run(self.provider.check(request))
        wire(response.inputs or {})
        return response

    def checked(self, type_token: str, name: str, inputs: Mapping[str, Any]) -> Props:
        response = self.check(type_token, name, inputs)
        assert not response.failures, [(f.property, f.reason) for f in response.failures or []]
        assert response.inputs is not None
        return response.inputs

    def create(
        self, type_token: str, name: str, inputs: Props, *, preview: bool = False
    ) -> Created:
        request = CreateRequest(urn(type_token, name), inputs, 60.0, preview)
        response = asyncio.run(self.provider.create(request))
        outputs = wire(response.properties)
        return Created(type_token, name, response.resource_id or "", inputs, outputs)

    def up(self, type_token: str, name: str, inputs: Mapping[str, Any]) -> Created:
        return self.create(type_token, name, self.checked(type_token, name, inputs))

    def diff(
        self, res: Created, news: Mapping[str, Any], ignore: list[str] | None = None
    ) -> DiffResponse:
        checked = self.check(res.type, res.name, news, olds=res.inputs).inputs or {}
        request = DiffRequest(urn(res.type, res.name), res.id, res.outputs, checked, ignore or [])
        return asyncio.run(self.provider.diff(request))

    def update(self, res: Created, news: Mapping[str, Any], *, preview: bool = False) -> Created:
        checked = self.check(res.type, res.name, news, olds=res.inputs).inputs or {}
        request = UpdateRequest(
            urn(res.type, res.name), res.id, res.outputs, checked, 60.0, [], preview
        )
        response = asyncio.run(self.provider.update(request))
        return Created(res.type, res.name, res.id, checked, wire(response.properties))

    def read(self, res: Created, *, resource_id: str | None = None) -> ReadResponse:
        request = ReadRequest(
            urn(res.type, res.name), resource_id or res.id, res.outputs, res.inputs
        )
        response = asyncio.run(self.provider.read(request))
        wire(response.properties)
        wire(response.inputs)
        return response

    def import_(self, type_token: str, name: str, resource_id: str) -> ReadResponse:
        request = ReadRequest(urn(type_token, name), resource_id, {}, {})
        return asyncio.run(self.provider.read(request))

    def delete(self, res: Created) -> None:
        request = DeleteRequest(urn(res.type, res.name), res.id, res.outputs, 60.0)
        asyncio.run(self.provider.delete(request))

    def invoke(self, token: str, args: Mapping[str, Any] | None = None) -> dict[str, Plain]:
        response = asyncio.run(self.provider.invoke(InvokeRequest(token, props(args or {}))))
        return plain_map(wire(response.return_value or {}))


def diff_kinds(response: DiffResponse) -> dict[str, str]:
    return {key: value.kind.name for key, value in response.detailed_diff.items()}
