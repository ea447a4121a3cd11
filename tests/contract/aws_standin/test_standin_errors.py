"""Every failure of the stand-in is one line in the real provider's form, per error path: moto's
own errors, the stand-in's refusals, no answer at all, a fault of the stand-in itself, and what
the gRPC server sends the engine (no Python stack trace, no ``Unexpected <class …>``)."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import grpc
import pytest
from helpers.standin_harness import CLIENT, DOMAIN, POOL, Harness, props, urn
from pulumi.provider.experimental.property_value import PropertyValue
from pulumi.runtime.proto import provider_pb2

from aws_standin._aws import AwsError
from aws_standin._errors import OneLineServicer, StandinError
from aws_standin._provider import PLUGIN_VERSION
from aws_standin._resources import UserPool

SDK_ERROR = re.compile(
    r"operation error Cognito Identity Provider: (?P<op>\w+), https response error "
    r"StatusCode: (?P<status>\d+), RequestID: (?P<id>[^,]*), (?P<rest>.*)$"
)


def one_line(text: str) -> str:
    assert "\n" not in text
    for trace in ("Traceback", 'File "', "Unexpected <class"):
        assert trace not in text
    return text


@pytest.fixture
def harness(moto: str) -> Harness:
    return Harness(moto)


def test_motos_own_error(harness: Harness) -> None:
    with pytest.raises(AwsError) as caught:
        harness.up(CLIENT, "c", {"userPoolId": "us-east-1_nosuchpool", "name": "web"})
    text = one_line(str(caught.value))
    assert text.startswith("creating Cognito User Pool Client (web): operation error")
    match = SDK_ERROR.search(text)
    assert match is not None, text
    assert match["op"] == "CreateUserPoolClient"
    assert match["status"] == "400"
    assert match["id"]  # moto's request ID
    assert match["rest"].startswith("ResourceNotFoundException: ")


def test_the_standins_own_refusal(harness: Harness) -> None:
    # The measured failure: a second prefix domain on a pool (a kill during the domain's create).
    pool = harness.up(POOL, "p", {"name": "p"})
    harness.up(DOMAIN, "d", {"domain": "bi-first", "userPoolId": pool.id})
    with pytest.raises(AwsError) as caught:
        harness.up(DOMAIN, "d2", {"domain": "bi-second", "userPoolId": pool.id})
    text = one_line(str(caught.value))
    assert text.startswith(
        "creating Cognito User Pool Domain (bi-second): operation error Cognito Identity "
        "Provider: CreateUserPoolDomain, https response error StatusCode: 400, RequestID: "
    )
    assert text.endswith(
        "InvalidParameterException: User pool already has a domain configured. "
        "(enforced by the aws stand-in; moto would accept it)"
    )


def test_no_answer_at_all() -> None:
    harness = Harness("http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(AwsError) as caught:
        harness.up(POOL, "p", {"name": "p"})
    text = one_line(str(caught.value))
    assert text.startswith(
        "creating Cognito User Pool (p): operation error Cognito Identity Provider: "
        "CreateUserPool, https response error StatusCode: 0, RequestID: , request send failed, "
    )


def test_a_fault_of_the_standin_itself(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: Any) -> Any:
        raise KeyError("Id")

    monkeypatch.setattr(UserPool, "create_live", broken)
    with pytest.raises(StandinError) as caught:
        harness.up(POOL, "p", {"name": "p"})
    assert one_line(str(caught.value)) == (
        "creating Cognito User Pool (p): aws stand-in internal error: KeyError: 'Id'"
    )


def test_update_and_delete_name_the_object_by_its_id(harness: Harness) -> None:
    pool = harness.up(POOL, "p", {"name": "p", "deletionProtection": "ACTIVE"})
    with pytest.raises(AwsError) as caught:
        harness.delete(pool)
    assert one_line(str(caught.value)).startswith(
        f"deleting Cognito User Pool ({pool.id}): operation error Cognito Identity Provider: "
        "DeleteUserPool, https response error StatusCode: 400"
    )


class _Aborted(Exception):
    pass


class _Context:
    """The part of a gRPC servicer context the server uses on failure."""

    def __init__(self) -> None:
        self.code: grpc.StatusCode | None = None
        self.details = ""

    async def abort(self, code: grpc.StatusCode, details: str) -> None:
        self.code, self.details = code, details
        raise _Aborted(details)


def test_the_engine_gets_one_line_and_no_stack(harness: Harness) -> None:
    pool = harness.up(POOL, "p", {"name": "p"})
    harness.up(DOMAIN, "d", {"domain": "bi-first", "userPoolId": pool.id})
    servicer = OneLineServicer([], PLUGIN_VERSION, harness.provider, engine_address="127.0.0.1:1")
    inputs: dict[str, PropertyValue] = props({"domain": "bi-second", "userPoolId": pool.id})
    request = provider_pb2.CreateRequest(
        urn=urn(DOMAIN, "d2"),
        properties=PropertyValue.marshal_map(inputs),
        timeout=60,
    )
    context = _Context()
    with pytest.raises(_Aborted):
        asyncio.run(servicer.Create(request, context))
    assert context.code == grpc.StatusCode.UNKNOWN
    assert one_line(context.details).startswith("creating Cognito User Pool Domain (bi-second): ")
    assert "User pool already has a domain configured" in context.details
