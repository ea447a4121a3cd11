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
from urllib.parse import parse_qs, urlsplit

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet


def main() -> int:
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
    args = parser.parse_args()

    with httpx.Client(timeout=10.0) as http:
        discovery = (
            http.get(f"{args.issuer}/.well-known/openid-configuration").raise_for_status().json()
        )
        if discovery["issuer"] != args.issuer:
            print(
                f"discovery names issuer {discovery['issuer']!r}, expected {args.issuer!r}",
                file=sys.stderr,
            )
            return 1
        # issuer = {base}/v1/tenants/{t}/realms/{r}/applications/{a}
        base, _, path = args.issuer.partition("/v1/")
        app = (
            http.get(f"{base}/v1/{path}", headers={"Authorization": f"Bearer {args.api_token}"})
            .raise_for_status()
            .json()
        )
        client_id = app["protocol_config"]["client_id"]
        client_secret = app["protocol_config"]["client_secret"]
        state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        scope = " ".join(["openid", *app["protocol_config"].get("allowed_scopes", [])])
        answer = http.get(
            discovery["authorization_endpoint"],
            params={
                "response_type": "code",
                "client_id": client_id,
                "redirect_uri": args.redirect_uri,
                "scope": scope,
                "state": state,
                "nonce": nonce,
            },
        )
        if answer.status_code != 302:
            print(f"/authorize answered {answer.status_code}: {answer.text}", file=sys.stderr)
            return 1
        location = answer.headers["location"]
        query = parse_qs(urlsplit(location).query)
        if query.get("state") != [state] or "code" not in query:
            print(f"unexpected redirect: {location}", file=sys.stderr)
            return 1
        print(f"authorize -> {location.split('?')[0]}?code=…&state=… (state matches)")
        tokens = (
            http.post(
                discovery["token_endpoint"],
                data={
                    "grant_type": "authorization_code",
                    "code": query["code"][0],
                    "redirect_uri": args.redirect_uri,
                    "client_id": client_id,
                    "client_secret": client_secret,
                },
            )
            .raise_for_status()
            .json()
        )
        keys = KeySet.import_key_set(http.get(discovery["jwks_uri"]).raise_for_status().json())
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
