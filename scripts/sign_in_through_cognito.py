"""The guide's "Test OIDC connection" and "Obtain code and tokens" steps, headless.

Against a deployed stack on the local stack (Beyond Identity emulator + moto): runs the
sample app (examples/sample-app) on its redirect URI's port and Cognito's hosted-UI
endpoints (local/cognito_hosted_ui) unless the local stack runs them, then signs in with an
HTTP client that follows the redirects: app -> Cognito /oauth2/authorize -> Beyond
Identity /authorize -> Cognito /oauth2/idpresponse -> app (code exchanged at Cognito's
/oauth2/token with the PKCE verifier, ID token checked against the pool's JWKS).
Prints the signed-in email and the Cognito user name.

    python scripts/sign_in_through_cognito.py     (in the project folder, dev stack selected)

reads the stack's outputs and its moto endpoint with the Pulumi CLI (or --outputs FILE from
`pulumi stack output --json` and --moto-url).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "local"), str(ROOT / "examples" / "sample-app")]

from beyondidentity_emulator import LoopbackServer  # noqa: E402
from cognito_hosted_ui import CognitoHostedUi, cognito_client  # noqa: E402
from sample_app import SampleApp, Settings  # noqa: E402


def sign_in(http: httpx.Client, app_url: str) -> dict[str, object]:
    """Walk the redirect chain from the app's /login; return the app's verified claims."""
    final = http.get(f"{app_url}/login", follow_redirects=True)
    hops = [str(r.url).split("?")[0] for r in final.history] + [str(final.url).split("?")[0]]
    for hop in hops:
        print(f"  -> {hop}")
    if final.status_code != 200:
        raise RuntimeError(f"sign-in ended with HTTP {final.status_code}: {final.text[:500]}")
    me = http.get(f"{app_url}/me")
    if me.status_code != 200:
        raise RuntimeError(f"the app has no signed-in user: {final.text[:500]}")
    claims: dict[str, object] = me.json()
    return claims


def _pulumi(*args: str) -> str:
    """Run the Pulumi CLI in the current folder (the stack's project) and return its output."""
    pulumi = shutil.which("pulumi")
    if pulumi is None:
        raise RuntimeError("no Pulumi CLI on PATH: pass --outputs and --moto-url")
    done = subprocess.run(  # noqa: S603 (fixed arguments, the CLI found on PATH)
        [pulumi, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"pulumi {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--outputs", help="`pulumi stack output --json` file (default: run it here)"
    )
    parser.add_argument(
        "--moto-url",
        help="the moto server holding the stack (default: the stack's aws:endpoints cognitoidp)",
    )
    parser.add_argument(
        "--cognito-endpoint",
        default=os.environ.get("COGNITO_HOSTED_UI_ENDPOINT"),
        help="a running cognito_hosted_ui, https://127.0.0.1:<port> (default: "
        "$COGNITO_HOSTED_UI_ENDPOINT, set by `local_stack env`; else one is started here)",
    )
    parser.add_argument(
        "--cognito-ca",
        default=os.environ.get("COGNITO_HOSTED_UI_CA"),
        help="that emulator's CA file (default: $COGNITO_HOSTED_UI_CA)",
    )
    parser.add_argument("--redirect-uri", default="http://localhost:3000")
    return parser.parse_args()


def _stack(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """The stack's outputs and its moto server's URL."""
    out = (
        json.loads(Path(args.outputs).read_text())
        if args.outputs
        else json.loads(_pulumi("stack", "output", "--json"))
    )
    moto_url = args.moto_url or _pulumi("config", "get", "--path", "aws:endpoints[0].cognitoidp")
    return out, moto_url


def _hosted_ui(
    args: argparse.Namespace, moto_url: str, region: str, cleanup: contextlib.ExitStack
) -> tuple[str, ssl.SSLContext]:
    """The endpoint and TLS trust of Cognito's hosted UI: the given one, else one started here."""
    if args.cognito_endpoint:
        return args.cognito_endpoint, ssl.create_default_context(cafile=args.cognito_ca)
    ui = CognitoHostedUi(moto_url, regions=(region,)).start()
    cleanup.callback(ui.stop)
    return ui.endpoint, ui.ca_context()


def _serve_sample_app(
    out: dict[str, Any], redirect_uri: str, endpoint: str, ca: ssl.SSLContext, port: int
) -> LoopbackServer:
    settings = Settings(
        domain_url=out["baseUrl"],
        client_id=out["userPoolClientId"],
        issuer=out["userPoolIssuer"],
        redirect_uri=redirect_uri,
        identity_provider=out["identityProviderName"],
    )
    app = SampleApp(settings, lambda: cognito_client(endpoint, ca, timeout=10.0))
    return LoopbackServer(app.app(), "127.0.0.1", port, name="sample app").start()


def main() -> int:
    args = _arguments()
    try:
        out, moto_url = _stack(args)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    with contextlib.ExitStack() as cleanup:
        endpoint, ca = _hosted_ui(args, moto_url, out["region"], cleanup)
        port = urlsplit(args.redirect_uri).port or 80
        try:
            server = _serve_sample_app(out, args.redirect_uri, endpoint, ca, port)
        except OSError as exc:
            print(f"cannot serve the sample app on port {port}: {exc}", file=sys.stderr)
            return 1
        cleanup.callback(server.stop)
        print(f"sign in at {args.redirect_uri} through {out['baseUrl']} (served by {endpoint})")
        try:
            with cognito_client(endpoint, ca, timeout=15.0) as http:
                claims = sign_in(http, args.redirect_uri.rstrip("/"))
        except (RuntimeError, httpx.HTTPError) as exc:
            print(f"sign-in failed: {exc}", file=sys.stderr)
            return 1
    print(f"signed in: email={claims.get('email')} cognito:username={claims['cognito:username']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
