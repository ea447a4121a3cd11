"""Cognito's endpoints on a pool made with boto3 (no engine): host mapping, TLS, the hosted
page and the checks that need no identity provider. Region eu-west-1 keeps these pools apart
from the dev stack the engine tests deploy (us-east-1) on the same moto server."""

from __future__ import annotations

import json
import os
import secrets
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3
import httpx
import pytest
from helpers.hosted_ui_harness import query

from cognito_hosted_ui import (
    CognitoHostedUi,
    CognitoRoutingTransport,
    cognito_client,
    is_cognito_host,
)

REGION = "eu-west-1"
CALLBACK = "http://localhost:3000"


@dataclass
class Pool:
    base: str
    pool_id: str
    client_id: str
    http: httpx.Client
    idp: Any

    def authorize(self, **params: str) -> httpx.Response:
        q = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": CALLBACK,
            "scope": "openid email",
            "state": "st",
            **params,
        }
        return self.http.get(f"{self.base}/oauth2/authorize", params=q)


@pytest.fixture(scope="module")
def pool(moto_url: str) -> Iterator[Pool]:
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=moto_url,
        region_name=REGION,
        aws_access_key_id="t",
        aws_secret_access_key="t-secret",
    )
    pool_id = idp.create_user_pool(PoolName="hosted-ui")["UserPool"]["Id"]
    prefix = f"hosted-ui-{secrets.token_hex(4)}"
    idp.create_user_pool_domain(Domain=prefix, UserPoolId=pool_id)
    idp.create_identity_provider(
        UserPoolId=pool_id,
        ProviderName="BeyondIdentity",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": "bi-client",
            "client_secret": "bi-secret",
            "authorize_scopes": "openid email",
            "oidc_issuer": "http://127.0.0.1:9/issuer",
            "authorize_url": "http://127.0.0.1:9/issuer/authorize",
            "token_url": "http://127.0.0.1:9/issuer/token",
            "jwks_uri": "http://127.0.0.1:9/issuer/.well-known/jwks.json",
        },
    )
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="app",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["BeyondIdentity", "COGNITO"],
    )["UserPoolClient"]["ClientId"]
    with (
        CognitoHostedUi(moto_url, regions=(REGION,)) as ui,
        ui.client(timeout=10.0) as http,
    ):
        yield Pool(
            f"https://{prefix}.auth.{REGION}.amazoncognito.com", pool_id, client_id, http, idp
        )


def test_only_cognito_host_names_are_mapped() -> None:
    assert is_cognito_host("bi-dev-local.auth.us-east-1.amazoncognito.com")
    assert is_cognito_host("cognito-idp.eu-west-1.amazonaws.com")
    assert not is_cognito_host("127.0.0.1")
    assert not is_cognito_host("amazoncognito.com.example.org")
    assert not is_cognito_host("s3.us-east-1.amazonaws.com")


def test_authorize_without_provider_shows_the_hosted_page(pool: Pool) -> None:
    to_login = pool.authorize()
    assert to_login.status_code == 302
    assert urlsplit(to_login.headers["location"]).path == "/login"
    page = pool.http.get(to_login.headers["location"])
    assert page.status_code == 200
    assert 'id="idp-BeyondIdentity"' in page.text
    assert "does not offer" in page.text  # COGNITO is enabled but not emulated


def test_authorize_with_provider_redirects_to_it(pool: Pool) -> None:
    out = pool.authorize(identity_provider="BeyondIdentity", nonce="n")
    assert out.status_code == 302
    target = out.headers["location"]
    assert target.startswith("http://127.0.0.1:9/issuer/authorize?")
    q = query(target)
    assert q["client_id"] == "bi-client"
    assert q["scope"] == "openid email"
    assert q["redirect_uri"] == f"{pool.base}/oauth2/idpresponse"
    assert q["state"] != "st"  # Cognito's own state, not the app's


def test_authorize_errors(pool: Pool) -> None:
    mismatch = pool.authorize(redirect_uri="http://localhost:3000/")  # trailing slash differs
    assert query(mismatch.headers["location"]) == {
        "error": "redirect_mismatch",
        "client_id": pool.client_id,
    }
    scope = pool.authorize(scope="openid profile", identity_provider="BeyondIdentity")
    assert query(scope.headers["location"]) == {
        "error": "invalid_scope",
        "error_description": "invalid_scope",
        "state": "st",
    }
    unknown = pool.authorize(identity_provider="Nobody")
    assert query(unknown.headers["location"])["error"] == "invalid_request"
    implicit = pool.authorize(response_type="token")
    assert query(implicit.headers["location"])["error"] == "unauthorized_client"


def test_unknown_domain_and_pool(pool: Pool) -> None:
    page = pool.http.get(
        f"https://no-such-prefix.auth.{REGION}.amazoncognito.com/login", follow_redirects=True
    )
    assert page.status_code == 400
    assert "An error was encountered" in page.text
    issuer = f"https://cognito-idp.{REGION}.amazonaws.com"
    assert pool.http.get(f"{issuer}/{REGION}_nope/.well-known/jwks.json").status_code == 404
    keys = pool.http.get(f"{issuer}/{pool.pool_id}/.well-known/jwks.json").json()["keys"]
    assert [(k["kty"], k["alg"], k["use"]) for k in keys] == [("RSA", "RS256", "sig")]
    discovery = pool.http.get(f"{issuer}/{pool.pool_id}/.well-known/openid-configuration")
    assert discovery.json()["issuer"] == f"{issuer}/{pool.pool_id}"
    assert discovery.json()["token_endpoint"] == f"{pool.base}/oauth2/token"


def test_tls_is_verified_against_the_emulator_ca(pool: Pool, moto_url: str) -> None:
    # The emulator's certificate is not trusted by a default client: no silent TLS bypass.
    with (
        CognitoHostedUi(moto_url, regions=(REGION,)) as other,
        httpx.Client(
            transport=CognitoRoutingTransport(other.endpoint, httpx.create_ssl_context())
        ) as untrusting,
        pytest.raises(httpx.ConnectError),
    ):
        untrusting.get(f"{pool.base}/login")


def test_command_line_serves_and_prints_how_to_reach_it(pool: Pool, moto_url: str) -> None:
    command = [sys.executable, "-m", "cognito_hosted_ui", "--moto-url", moto_url]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3] / "local")}
    with subprocess.Popen(
        [*command, "--region", REGION], stdout=subprocess.PIPE, text=True, env=env
    ) as process:
        try:
            assert process.stdout is not None
            started = json.loads(process.stdout.readline())
            ca = ssl.create_default_context(cafile=started["ca_file"])
            with cognito_client(started["endpoint"], ca) as http:
                page = http.get(f"{pool.base}/login", params={"client_id": pool.client_id})
            assert page.status_code == 302  # no redirect_uri: the error page
            assert query(page.headers["location"])["error"] == "redirect_mismatch"
            rules, spki = started["chromium_flags"]
            assert rules.startswith("--host-resolver-rules=MAP *.amazoncognito.com 127.0.0.1:")
            assert spki.startswith("--ignore-certificate-errors-spki-list=")
        finally:
            process.terminate()
    assert process.returncode == 0
    refused = subprocess.run(
        [*command, "--host", "0.0.0.0"], capture_output=True, text=True, env=env, check=False
    )
    assert refused.returncode == 2
    assert "loopback addresses only" in refused.stderr
