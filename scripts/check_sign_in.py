"""The guide's "Obtain code and tokens" step, against the deployed Beyond Identity application.

Plays Cognito's part of the federation: discovers the application's endpoints from its
issuer, sends the test user through ``/authorize`` (the emulator signs them in without a
browser), exchanges the code at ``/token`` with the client secret (``client_secret_post``,
the method Cognito uses), verifies the ID token against the JWKS and prints its claims.
The client secret is read from the management API, as you would copy it from the console.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet


class _Failed(Exception):
    """A step met an answer the guide's flow does not expect (printed, exit 1)."""


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--issuer", required=True, help="the application's issuer (stack output `issuer`)"
    )
    parser.add_argument(
        "--redirect-uri",
        required=True,
        help="Cognito's idpresponse URL (stack output `idpRedirectUri`)",
    )
    parser.add_argument(
        "--api-token", required=True, help="management API token, to read the client secret"
    )
    return parser.parse_args()


def _discover(http: httpx.Client, issuer: str) -> dict[str, Any]:
    discovery: dict[str, Any] = (
        http.get(f"{issuer}/.well-known/openid-configuration").raise_for_status().json()
    )
    if discovery["issuer"] != issuer:
        raise _Failed(f"discovery names issuer {discovery['issuer']!r}, expected {issuer!r}")
    return discovery


def _protocol_config(http: httpx.Client, issuer: str, api_token: str) -> dict[str, Any]:
    """The application's protocol_config (client id and secret), read from the management API."""
    # issuer = {base}/v1/tenants/{t}/realms/{r}/applications/{a}
    base, _, path = issuer.partition("/v1/")
    app = (
        http.get(f"{base}/v1/{path}", headers={"Authorization": f"Bearer {api_token}"})
        .raise_for_status()
        .json()
    )
    config: dict[str, Any] = app["protocol_config"]
    return config


def _authorize(
    http: httpx.Client, endpoint: str, pc: dict[str, Any], redirect_uri: str, nonce: str
) -> str:
    """Send the test user through /authorize; return the code."""
    state = secrets.token_urlsafe(16)
    scope = " ".join(["openid", *pc.get("allowed_scopes", [])])
    answer = http.get(
        endpoint,
        params={
            "response_type": "code",
            "client_id": pc["client_id"],
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": state,
            "nonce": nonce,
        },
    )
    if answer.status_code != 302:
        raise _Failed(f"/authorize answered {answer.status_code}: {answer.text}")
    location = answer.headers["location"]
    query = parse_qs(urlsplit(location).query)
    if query.get("state") != [state] or "code" not in query:
        raise _Failed(f"unexpected redirect: {location}")
    print(f"authorize -> {location.split('?')[0]}?code=…&state=… (state matches)")
    return query["code"][0]


def _sign_in(
    http: httpx.Client, args: argparse.Namespace, nonce: str
) -> tuple[dict[str, Any], str, KeySet]:
    """The token answer, the client id and the JWKS of one sign-in of the test user."""
    discovery = _discover(http, args.issuer)
    pc = _protocol_config(http, args.issuer, args.api_token)
    code = _authorize(http, discovery["authorization_endpoint"], pc, args.redirect_uri, nonce)
    tokens: dict[str, Any] = (
        http.post(
            discovery["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": args.redirect_uri,
                "client_id": pc["client_id"],
                "client_secret": pc["client_secret"],
            },
        )
        .raise_for_status()
        .json()
    )
    keys = KeySet.import_key_set(http.get(discovery["jwks_uri"]).raise_for_status().json())
    return tokens, pc["client_id"], keys


def main() -> int:
    args = _arguments()
    nonce = secrets.token_urlsafe(16)
    try:
        with httpx.Client(timeout=10.0) as http:
            tokens, client_id, keys = _sign_in(http, args, nonce)
    except _Failed as exc:
        print(exc, file=sys.stderr)
        return 1
    token = jwt.decode(tokens["id_token"], keys)
    claims = token.claims
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": args.issuer},
        aud={"essential": True, "value": client_id},
        nonce={"essential": True, "value": nonce},
    ).validate(claims)
    print(
        f"token  -> id_token signed by {token.header.get('kid', '?')[:12]}…, verified against the JWKS"
    )
    print(
        f"signed in: sub={claims['sub']} (Cognito maps email <- sub), scope={tokens.get('scope', '')!r}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
