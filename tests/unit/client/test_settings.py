"""Settings resolution: explicit values, then stack config, then environment."""

from __future__ import annotations

import base64
import json
import pickle

import pytest

from pulumi_beyondidentity import ConfigurationError, Settings

TENANT = "000176d94fd7b4d1"


def config_from(values: dict[str, str]):  # type: ignore[no-untyped-def]
    return values.get


def jwt_with(claims: dict[str, str]) -> str:
    def part(obj: dict[str, str]) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2ln"


def test_defaults_to_the_us_region_hosts() -> None:
    s = Settings.resolve(
        environ={"BEYOND_IDENTITY_TENANT_ID": TENANT, "BEYOND_IDENTITY_API_TOKEN": "t"}
    )
    assert s.api_url == "https://api-us.beyondidentity.com"
    assert s.auth_url == "https://auth-us.beyondidentity.com"
    assert s.auth_mode == "token"
    assert s.issuer("19a95130480dfa79", "app") == (
        f"https://auth-us.beyondidentity.com/v1/tenants/{TENANT}/realms/19a95130480dfa79/applications/app"
    )


@pytest.mark.parametrize(
    ("region", "api", "auth"),
    [
        ("eu", "https://api-eu.beyondidentity.com", "https://auth-eu.beyondidentity.com"),
        (
            "us-gov",
            "https://api.us1.beyondidentity-gov.com",
            "https://auth.us1.beyondidentity-gov.com",
        ),
    ],
)
def test_region_picks_hosts(region: str, api: str, auth: str) -> None:
    s = Settings.resolve(
        config=config_from(
            {
                "beyondidentity:region": region,
                "beyondidentity:tenantId": TENANT,
                "beyondidentity:apiToken": "t",
            }
        ),
        environ={},
    )
    assert (s.api_url, s.auth_url) == (api, auth)


def test_precedence_explicit_then_config_then_environment() -> None:
    env = {
        "BEYOND_IDENTITY_TENANT_ID": "0001aaaaaaaaaaaa",
        "BEYOND_IDENTITY_API_TOKEN": "env",
        "BEYOND_IDENTITY_REGION": "eu",
    }
    cfg = config_from({"beyondidentity:tenantId": "0001bbbbbbbbbbbb"})
    s = Settings.resolve(explicit={"tenant_id": "0001cccccccccccc"}, config=cfg, environ=env)
    assert s.tenant_id == "0001cccccccccccc"
    assert s.region == "eu"  # only the environment sets it
    assert s.api_token == "env"
    s = Settings.resolve(config=cfg, environ=env)
    assert s.tenant_id == "0001bbbbbbbbbbbb"


def test_credentials_come_from_one_source_as_a_unit() -> None:
    # A token in the stack config wins over client credentials left in the environment.
    env = {
        "BEYOND_IDENTITY_CLIENT_ID": "cid",
        "BEYOND_IDENTITY_CLIENT_SECRET": "cs",
        "BEYOND_IDENTITY_TOKEN_URL": "https://auth-us.beyondidentity.com/t",
    }
    s = Settings.resolve(
        config=config_from({"beyondidentity:apiToken": "tok", "beyondidentity:tenantId": TENANT}),
        environ=env,
    )
    assert s.auth_mode == "token"
    assert s.client_id is None


def test_client_credentials_mode() -> None:
    env = {
        "BEYOND_IDENTITY_TENANT_ID": TENANT,
        "BEYOND_IDENTITY_CLIENT_ID": "cid",
        "BEYOND_IDENTITY_CLIENT_SECRET": "cs",
        "BEYOND_IDENTITY_TOKEN_URL": "https://auth-us.beyondidentity.com/v1/tenants/x/realms/y/applications/z/token",
    }
    assert Settings.resolve(environ=env).auth_mode == "client_credentials"


def test_tenant_is_read_from_a_jwt_token() -> None:
    s = Settings.resolve(environ={"BEYOND_IDENTITY_API_TOKEN": jwt_with({"bi_t": TENANT})})
    assert s.tenant_id == TENANT


@pytest.mark.parametrize(
    ("environ", "names"),
    [
        ({}, ["beyondidentity:apiToken", "BEYOND_IDENTITY_API_TOKEN", "beyondidentity:clientId"]),
        (
            {"BEYOND_IDENTITY_API_TOKEN": "opaque"},
            ["beyondidentity:tenantId", "BEYOND_IDENTITY_TENANT_ID"],
        ),
        (
            {
                "BEYOND_IDENTITY_TENANT_ID": TENANT,
                "BEYOND_IDENTITY_API_TOKEN": "t",
                "BEYOND_IDENTITY_CLIENT_ID": "c",
            },
            ["contradictory", "beyondidentity:apiToken", "beyondidentity:clientId"],
        ),
        (
            {"BEYOND_IDENTITY_TENANT_ID": TENANT, "BEYOND_IDENTITY_CLIENT_ID": "c"},
            ["incomplete", "beyondidentity:clientSecret", "beyondidentity:tokenUrl"],
        ),
        (
            {
                "BEYOND_IDENTITY_TENANT_ID": TENANT,
                "BEYOND_IDENTITY_API_TOKEN": "t",
                "BEYOND_IDENTITY_REGION": "mars",
            },
            ["beyondidentity:region", "us, eu, us-gov"],
        ),
        (
            {
                "BEYOND_IDENTITY_TENANT_ID": TENANT,
                "BEYOND_IDENTITY_API_TOKEN": "t",
                "BEYOND_IDENTITY_API_URL": "http://api.example.com",
            },
            ["beyondidentity:apiUrl", "https"],
        ),
        (
            {"BEYOND_IDENTITY_TENANT_ID": "not-hex!", "BEYOND_IDENTITY_API_TOKEN": "t"},
            ["beyondidentity:tenantId", "hexadecimal"],
        ),
    ],
)
def test_bad_settings_name_the_keys_to_set(environ: dict[str, str], names: list[str]) -> None:
    with pytest.raises(ConfigurationError) as info:
        Settings.resolve(environ=environ)
    for name in names:
        assert name in str(info.value)


def test_loopback_http_is_allowed_for_the_emulator() -> None:
    s = Settings.resolve(
        environ={
            "BEYOND_IDENTITY_TENANT_ID": TENANT,
            "BEYOND_IDENTITY_API_TOKEN": "t",
            "BEYOND_IDENTITY_API_URL": "http://127.0.0.1:8787/",
        }
    )
    assert s.api_url == "http://127.0.0.1:8787"


def test_secrets_stay_out_of_repr_errors_and_pickles() -> None:
    s = Settings.resolve(
        environ={"BEYOND_IDENTITY_TENANT_ID": TENANT, "BEYOND_IDENTITY_API_TOKEN": "tok-SECRET-123"}
    )
    assert "tok-SECRET-123" not in repr(s)
    with pytest.raises(TypeError):
        pickle.dumps(s)
    with pytest.raises(ConfigurationError) as info:
        Settings.resolve(
            environ={
                "BEYOND_IDENTITY_API_TOKEN": "tok-SECRET-123",
                "BEYOND_IDENTITY_CLIENT_ID": "c",
            }
        )
    assert "tok-SECRET-123" not in str(info.value)
