"""A web app that signs users in through Amazon Cognito (federated to Beyond Identity).

The guide's last two steps as code: "Test OIDC connection" (Cognito returns an authorization
code to ``http://localhost:3000/?code=...``) and "Obtain code and tokens in your app" (the app
exchanges the code at Cognito's ``/oauth2/token`` with its PKCE verifier). Then it validates
the ID token against the user pool's JWKS and shows who signed in.

Run it against a deployed stack (values from ``pulumi stack output``)::

    python sample_app.py --domain-url "$(pulumi stack output baseUrl)" \
        --client-id "$(pulumi stack output userPoolClientId)" \
        --issuer "$(pulumi stack output userPoolIssuer)" \
        --redirect-uri http://localhost:3000

and open http://localhost:3000. The app client is public (no secret), so PKCE (S256)
protects the code. Needs starlette, uvicorn, httpx and joserfc.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

SESSION_COOKIE = "sample_session"
STATE_COOKIE = "sample_sign_in"


@dataclass(frozen=True)
class Settings:
    """Where the user pool lives and who this app is (all from the stack's outputs).

    ``domain_url``: the user pool domain (output ``baseUrl``); ``client_id``: the app client
    (``userPoolClientId``); ``issuer``: the pool issuer (``userPoolIssuer``);
    ``redirect_uri``: this app's callback, registered on the app client;
    ``identity_provider``: skip Cognito's sign-in page and go straight to this provider;
    ``logout_uri``: where Cognito's ``/logout`` sends the user back (registered too).
    """

    domain_url: str
    client_id: str
    issuer: str
    redirect_uri: str
    scopes: tuple[str, ...] = ("openid", "email", "profile")
    identity_provider: str | None = None
    logout_uri: str | None = None


@dataclass
class _Pending:
    verifier: str
    nonce: str
    created: float = field(default_factory=time.time)


class SampleApp:
    """The app: ``/`` (home and callback), ``/login``, ``/logout``, ``/me``, ``/signed-out``.

    ``http`` makes the server-side calls to Cognito (token endpoint, JWKS); pass a client
    with your own TLS or proxy settings, or leave the default.
    """

    def __init__(self, settings: Settings, http: Callable[[], httpx.Client] | None = None) -> None:
        self.settings = settings
        self._http = http or (lambda: httpx.Client(timeout=10.0))
        self._pending: dict[str, _Pending] = {}
        self._sessions: dict[str, dict[str, Any]] = {}

    def app(self) -> Starlette:
        """The ASGI application."""
        return Starlette(
            routes=[
                Route("/", self.home),
                Route("/login", self.login),
                Route("/logout", self.logout),
                Route("/me", self.me),
                Route("/signed-out", self.signed_out),
            ]
        )

    # Sign-in step 1: send the browser to Cognito with a fresh state, nonce and PKCE pair.
    async def login(self, request: Request) -> Response:
        s = self.settings
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        self._pending[state] = _Pending(verifier, nonce)
        params = {
            "response_type": "code",
            "client_id": s.client_id,
            "redirect_uri": s.redirect_uri,
            "scope": " ".join(s.scopes),
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge.rstrip(b"=").decode(),
            "code_challenge_method": "S256",
        }
        if s.identity_provider:
            params["identity_provider"] = s.identity_provider
        response = RedirectResponse(f"{s.domain_url}/oauth2/authorize?{urlencode(params)}", 302)
        # Binds the sign-in to this browser: a code arriving in another browser is refused.
        response.set_cookie(STATE_COOKIE, state, httponly=True, samesite="lax", max_age=600)
        return response

    # Sign-in step 2: Cognito redirects back to the callback (here "/") with code and state.
    # A plain function: Starlette runs it in a worker thread, so the blocking calls to
    # Cognito in the callback do not stall other requests.
    def home(self, request: Request) -> Response:
        q = request.query_params
        if "code" in q or "error" in q:
            return self._callback(request)
        claims = self._sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        if claims is None:
            return _page(
                "Sample app",
                '<p>Not signed in.</p><p><a id=sign-in href="/login">Sign in</a></p>',
            )
        identities = claims.get("identities") or [{}]
        return _page(
            "Signed in",
            "<h1>Signed in</h1><dl>"
            f"<dt>Email</dt><dd id=email>{escape(str(claims.get('email', '')))}</dd>"
            f"<dt>Cognito user name</dt><dd id=username>{escape(str(claims['cognito:username']))}</dd>"
            f"<dt>Signed in with</dt><dd id=provider>{escape(str(identities[0].get('providerName', 'Cognito')))}</dd>"
            f"<dt>User pool</dt><dd id=issuer>{escape(str(claims['iss']))}</dd>"
            "</dl><p>The ID token's signature, issuer, audience, expiry and nonce were verified "
            'against the user pool\'s JWKS.</p><p><a id=sign-out href="/logout">Sign out</a></p>',
        )

    def _callback(self, request: Request) -> Response:
        q = request.query_params
        state = q.get("state") or ""
        pending = self._pending.pop(state, None)
        if "error" in q:
            return _page(
                "Sign-in failed",
                f"<h1>Sign-in failed</h1><p id=error>{escape(q['error'])}: "
                f"{escape(q.get('error_description', ''))}</p>",
                status=400,
            )
        if pending is None or request.cookies.get(STATE_COOKIE) != state:
            return _page("Sign-in failed", "<p id=error>unknown or replayed state</p>", status=400)
        try:
            claims = self._exchange(q["code"], pending)
        except SignInError as exc:
            return _page("Sign-in failed", f"<p id=error>{escape(str(exc))}</p>", status=400)
        session = secrets.token_urlsafe(24)
        self._sessions[session] = claims
        # Drop the code from the address bar.
        response = RedirectResponse("/", status_code=302)
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="lax")
        response.delete_cookie(STATE_COOKIE)
        return response

    def _exchange(self, code: str, pending: _Pending) -> dict[str, Any]:
        """Redeem the code at Cognito's token endpoint, then validate the ID token."""
        s = self.settings
        with self._http() as http:
            answer = http.post(
                f"{s.domain_url}/oauth2/token",
                data={
                    "grant_type": "authorization_code",
                    "client_id": s.client_id,
                    "code": code,
                    "redirect_uri": s.redirect_uri,
                    "code_verifier": pending.verifier,
                },
            )
            if answer.status_code != 200:
                raise SignInError(f"token endpoint answered {answer.status_code}: {answer.text}")
            tokens = answer.json()
            jwks = http.get(f"{s.issuer}/.well-known/jwks.json").raise_for_status().json()
        return verify_id_token(tokens["id_token"], jwks, s, pending.nonce)

    async def me(self, request: Request) -> Response:
        """The signed-in user's verified ID-token claims as JSON (401 when signed out)."""
        claims = self._sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        if claims is None:
            return JSONResponse({"error": "not signed in"}, status_code=401)
        return JSONResponse(claims)

    async def logout(self, request: Request) -> Response:
        self._sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
        s = self.settings
        target = "/signed-out"
        if s.logout_uri:
            query = urlencode({"client_id": s.client_id, "logout_uri": s.logout_uri})
            target = f"{s.domain_url}/logout?{query}"
        response = RedirectResponse(target, status_code=302)
        response.delete_cookie(SESSION_COOKIE)
        return response

    async def signed_out(self, request: Request) -> Response:
        return _page("Signed out", '<p id=signed-out>Signed out.</p><p><a href="/">Home</a></p>')


class SignInError(Exception):
    """The code exchange or the ID token check failed."""


def verify_id_token(token: str, jwks: Any, settings: Settings, nonce: str) -> dict[str, Any]:
    """Check a Cognito ID token: signature (pool JWKS), iss, aud, token_use, exp, nonce."""
    try:
        decoded = jwt.decode(token, KeySet.import_key_set(jwks), algorithms=["RS256"])
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": settings.issuer},
            aud={"essential": True, "value": settings.client_id},
            token_use={"essential": True, "value": "id"},
            nonce={"essential": True, "value": nonce},
            exp={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError) as exc:
        raise SignInError(f"ID token rejected: {exc}") from None
    return dict(decoded.claims)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto}"
        "dt{font-weight:bold}</style></head><body>" + body + "</body></html>",
        status_code=status,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain-url", required=True, help="stack output baseUrl")
    parser.add_argument("--client-id", required=True, help="stack output userPoolClientId")
    parser.add_argument("--issuer", required=True, help="stack output userPoolIssuer")
    parser.add_argument("--redirect-uri", default="http://localhost:3000")
    parser.add_argument("--logout-uri", default=None, help="e.g. http://localhost:3000/signed-out")
    parser.add_argument("--identity-provider", default=None, help="skip Cognito's sign-in page")
    parser.add_argument(
        "--local-cognito",
        default=None,
        metavar="URL",
        help="local stack only: the cognito_hosted_ui emulator's https://127.0.0.1:<port>",
    )
    parser.add_argument("--local-cognito-ca", default=None, help="local stack only: its CA file")
    args = parser.parse_args()
    settings = Settings(
        domain_url=args.domain_url.rstrip("/"),
        client_id=args.client_id,
        issuer=args.issuer,
        redirect_uri=args.redirect_uri,
        identity_provider=args.identity_provider,
        logout_uri=args.logout_uri,
    )
    http: Callable[[], httpx.Client] | None = None
    if args.local_cognito:
        import ssl

        from cognito_hosted_ui import cognito_client  # the offline stack's host mapping

        ca = ssl.create_default_context(cafile=args.local_cognito_ca)
        http = lambda: cognito_client(args.local_cognito, ca, timeout=10.0)  # noqa: E731
    import uvicorn

    port = urlsplit(args.redirect_uri).port or 3000
    print(json.dumps({"listening": f"http://localhost:{port}"}), flush=True)
    uvicorn.run(SampleApp(settings, http).app(), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
