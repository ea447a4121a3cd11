"""Provider configuration (loopback-only endpoints, JSON-encoded values) and invokes."""

from __future__ import annotations

import asyncio
import json

import pytest
from helpers.standin_harness import Harness, props
from pulumi.provider.experimental.provider import (
    CheckRequest,
    ConfigureRequest,
    GetSchemaRequest,
    InvokeRequest,
)

from aws_standin import (
    PLUGIN_VERSION,
    AwsStandinProvider,
    ConfigError,
    is_loopback_url,
    parse_config,
)
from aws_standin._values import from_plain

NO_ENV: dict[str, str] = {}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:5000", True),
        ("http://localhost:5000/", True),
        ("http://[::1]:5000", True),
        ("https://127.0.0.2", True),
        ("http://10.0.0.1:5000", False),
        ("https://cognito-idp.us-east-1.amazonaws.com", False),
        ("http://127.0.0.1.example.com", False),
        ("ftp://127.0.0.1", False),
        ("127.0.0.1:5000", False),
        ("http://localhost:notaport", False),
    ],
)
def test_loopback_detection(url: str, expected: bool) -> None:
    assert is_loopback_url(url) is expected


def test_endpoints_as_list_json_string_or_legacy_variables() -> None:
    url = "http://127.0.0.1:5000"
    typed = parse_config(
        props({"region": "eu-west-1", "endpoints": [{"cognitoidp": url}]}), env=NO_ENV
    )
    encoded = parse_config(
        props(
            {
                "region": "eu-west-1",
                "endpoints": json.dumps([{"cognitoidp": url, "sts": url + "/"}]),
                "skipCredentialsValidation": "true",
                "accessKey": "AKIDTEST",
            }
        ),
        env=NO_ENV,
    )
    legacy = parse_config(
        {},
        {
            "aws:config:region": "eu-west-1",
            "aws:config:endpoints": json.dumps([{"cognitoidp": url}]),
        },
        env=NO_ENV,
    )
    for config in (typed, encoded, legacy):
        assert (config.region, config.cognito_endpoint, config.sts_endpoint) == (
            "eu-west-1",
            url,
            url,
        )
    assert encoded.access_key == "AKIDTEST"
    assert typed.access_key == "standin"  # never real credentials from the environment


@pytest.mark.parametrize(
    "endpoints",
    [
        [{"cognitoidp": "https://cognito-idp.us-east-1.amazonaws.com"}],
        [{"cognitoidp": "http://127.0.0.1:5000", "sts": "https://sts.amazonaws.com"}],
        [{"cognitoidp": "http://192.168.1.10:5000"}],
        [],
    ],
)
def test_refuses_without_a_loopback_cognito_endpoint(endpoints: list[dict[str, str]]) -> None:
    with pytest.raises(ConfigError, match="endpoints"):
        parse_config(props({"region": "us-east-1", "endpoints": endpoints}), env=NO_ENV)


def test_environment_endpoint_must_be_loopback_too() -> None:
    args = props({"region": "us-east-1"})
    env = {"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "http://127.0.0.1:9999"}
    assert parse_config(args, env=env).cognito_endpoint == "http://127.0.0.1:9999"
    with pytest.raises(ConfigError, match="loopback"):
        parse_config(args, env={"AWS_ENDPOINT_URL": "https://example.com"})


def test_region_is_required() -> None:
    with pytest.raises(ConfigError, match="region"):
        parse_config(props({"endpoints": [{"cognitoidp": "http://127.0.0.1:1"}]}), env=NO_ENV)


def test_configure_and_check_config_refuse_remote_endpoints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"):
        monkeypatch.delenv(name, raising=False)
    provider = AwsStandinProvider()
    remote = props(
        {
            "region": "us-east-1",
            "endpoints": '[{"cognitoidp": "https://cognito-idp.amazonaws.com"}]',
        }
    )
    with pytest.raises(ConfigError, match="refuses to run"):
        asyncio.run(provider.configure(ConfigureRequest({}, remote, True, True)))
    checked = asyncio.run(
        provider.check_config(
            CheckRequest("urn:pulumi:s::p::pulumi:providers:aws::default", {}, remote, b"")
        )
    )
    assert [f.property for f in checked.failures or []] == ["endpoints"]
    # Unknown config (preview) is not a failure.
    unknown = props(
        {"region": "us-east-1", "endpoints": from_plain("04da6b54-80e4-46f7-96ec-b56ff0331ba9")}
    )
    checked = asyncio.run(provider.check_config(CheckRequest("urn:x::y", {}, unknown, b"")))
    assert not checked.failures


def test_configure_answers_capabilities(moto_url: str) -> None:
    provider = AwsStandinProvider()
    args = props({"region": "us-east-1", "endpoints": [{"cognitoidp": moto_url}]})
    response = asyncio.run(provider.configure(ConfigureRequest({}, args, True, True)))
    assert response.accept_secrets
    assert response.supports_preview
    assert not response.accept_outputs  # the SDK cannot unmarshal unknown output values


def test_get_region(moto_url: str) -> None:
    harness = Harness(moto_url, region="eu-west-1")
    result = harness.invoke("aws:index/getRegion:getRegion")
    assert result == {
        "region": "eu-west-1",
        "name": "eu-west-1",
        "id": "eu-west-1",
        "description": "Europe (Ireland)",
        "endpoint": "ec2.eu-west-1.amazonaws.com",
    }
    assert (
        harness.invoke("aws:index/getRegion:getRegion", {"region": "us-east-1"})["region"]
        == "us-east-1"
    )


def test_get_caller_identity_and_partition(moto: str) -> None:
    harness = Harness(moto)
    identity = harness.invoke("aws:index/getCallerIdentity:getCallerIdentity")
    assert identity["accountId"] == identity["id"] == "123456789012"
    assert str(identity["arn"]).startswith("arn:aws:sts::123456789012:")
    partition = harness.invoke("aws:index/getPartition:getPartition")
    assert partition["partition"] == "aws"
    assert partition["dnsSuffix"] == "amazonaws.com"


def test_other_invokes_and_types_are_refused(moto_url: str) -> None:
    harness = Harness(moto_url)
    with pytest.raises(NotImplementedError, match="getAvailabilityZones"):
        asyncio.run(
            harness.provider.invoke(
                InvokeRequest("aws:index/getAvailabilityZones:getAvailabilityZones", {})
            )
        )
    with pytest.raises(NotImplementedError, match="not implemented by the aws stand-in"):
        harness.check("aws:s3/bucket:Bucket", "b", {})


def test_minimal_schema_names_the_plugin() -> None:
    schema = asyncio.run(AwsStandinProvider().get_schema(GetSchemaRequest(0)))
    data = json.loads(schema.schema or "")
    assert (data["name"], data["version"]) == ("aws", PLUGIN_VERSION)
