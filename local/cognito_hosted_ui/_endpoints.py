"""The user pool domain's endpoints and the pool issuer's discovery documents.

One Starlette app answers for every Cognito host name that is mapped to it; the ``Host``
header says which: ``<prefix>.auth.<region>.amazoncognito.com`` (domain endpoints) or
``cognito-idp.<region>.amazonaws.com`` (``/<pool id>/.well-known/...``).
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from botocore.exceptions import BotoCoreError, ClientError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from beyondidentity_emulator import PKCE_VALUE_RE, basic_credentials, pkce_s256

from . import _federation, _pages
from ._errors import ConfigurationError, ErrorPage, OAuthError, RedirectError
from ._pool import AppClient, IdentityProvider, PoolDirectory, PoolUser
from ._tokens import PoolKeys, id_and_access_claims, pool_issuer

DOMAIN_HOST_RE = re.compile(
    r"^(?P<prefix>[a-z0-9-]+)\.auth(?:-fips)?\.(?P<region>[a-z0-9-]+)\.amazoncognito\.com$"
)
ISSUER_HOST_RE = re.compile(r"^cognito-idp(?:-fips)?\.(?P<region>[a-z0-9-]+)\.amazonaws\.com$")
CODE_LIFETIME = 300  # Cognito's authorization codes last five minutes
SIGN_IN_LIFETIME = 600  # how long a sign-in at the identity provider may take
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@dataclass(frozen=True)
class Site:
    """What the ``Host`` header resolved to."""

    region: str
    pool_id: str
    host: str

    @property
    def base(self) -> str:
        return f"https://{self.host}"

    @property
    def idp_response(self) -> str:
        return f"{self.base}/oauth2/idpresponse"


@dataclass(frozen=True)
class PendingSignIn:
    """A validated authorize request, kept while the user signs in at the provider."""

    site: Site
    client_id: str
    redirect_uri: str
    state: str | None
    scopes: tuple[str, ...]
    nonce: str | None
    code_challenge: str | None
    provider: str
    idp_nonce: str
    expires_at: float


@dataclass
class Grant:
    """What a code or a refresh token stands for."""

    site: Site
    client_id: str
    redirect_uri: str
    scopes: tuple[str, ...]
    nonce: str | None
    code_challenge: str | None
    username: str
    user_key: str
    identity: dict[str, Any]
    auth_time: int
    expires_at: float


class HostedUi:
    """The routes and the in-memory sign-in, code and refresh-token tables."""

    def __init__(self, pools: PoolDirectory, keys: PoolKeys, http: httpx.Client) -> None:
        self.pools = pools
        self.keys = keys
        self.http = http
        self._lock = threading.Lock()
        self._pending: dict[str, PendingSignIn] = {}
        self._codes: dict[str, Grant] = {}
        self._refresh: dict[str, Grant] = {}
        # (pool id, Cognito user name) -> (moto's key for the user, the identities entry)
        self._federated: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}

    def app(self) -> Starlette:
        """The Starlette application."""
        routes = [
            Route("/oauth2/authorize", self._guard(self.authorize), methods=["GET"]),
            Route("/login", self._guard(self.login), methods=["GET"]),
            Route("/oauth2/idpresponse", self._guard(self.idp_response), methods=["GET"]),
            Route("/oauth2/token", self._guard(self.token), methods=["POST"]),
            Route("/oauth2/userInfo", self._guard(self.user_info), methods=["GET", "POST"]),
            Route("/logout", self._guard(self.logout), methods=["GET"]),
            Route("/error", self._guard(self.error), methods=["GET"]),
            Route("/{pool_id}/.well-known/jwks.json", self._guard(self.jwks), methods=["GET"]),
            Route(
                "/{pool_id}/.well-known/openid-configuration",
                self._guard(self.discovery),
                methods=["GET"],
            ),
        ]
        return Starlette(routes=routes)

    # --- plumbing ------------------------------------------------------------------------

    def _guard(
        self, handler: Callable[[Request, bytes], Response]
    ) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            body = await request.body()
            try:
                # The handlers block on boto3 and httpx: run them off the event loop.
                return await run_in_threadpool(handler, request, body)
            except OAuthError as exc:
                return _oauth_error(exc)
            except ErrorPage as exc:
                return self._to_error_page(request, exc)
            except (ConfigurationError, ClientError, BotoCoreError) as exc:
                return JSONResponse(
                    {"error": "server_error", "error_description": str(exc)},
                    status_code=500,
                    headers=NO_STORE,
                )

        return wrapped

    def _to_error_page(self, request: Request, exc: ErrorPage) -> Response:
        query = {"error": exc.error}
        if exc.client_id:
            query["client_id"] = exc.client_id
        return RedirectResponse(
            f"https://{_host(request)}/error?{urlencode(query)}", status_code=302
        )

    def _site(self, request: Request) -> Site:
        host = _host(request)
        match = DOMAIN_HOST_RE.match(host)
        if match is None:
            raise ErrorPage("unknown_host")
        region = match["region"]
        pool_id = self.pools.pool_of_domain(region, match["prefix"])
        if pool_id is None:
            raise ErrorPage("unknown_domain")
        return Site(region=region, pool_id=pool_id, host=host)

    def _client(self, site: Site, client_id: str | None) -> AppClient:
        client = self.pools.app_client(site.region, site.pool_id, client_id) if client_id else None
        if client is None:
            raise ErrorPage("invalid_request", client_id)
        return client

    # --- /oauth2/authorize and /login ----------------------------------------------------

    def _validate_authorize(self, request: Request) -> tuple[Site, AppClient, str, dict[str, str]]:
        site = self._site(request)
        q = request.query_params
        client = self._client(site, q.get("client_id"))
        redirect_uri = q.get("redirect_uri")
        if not redirect_uri or redirect_uri not in client.callback_urls:
            raise ErrorPage("redirect_mismatch", client.client_id)
        params = {k: v for k, v in q.items() if k not in ("identity_provider", "idp_identifier")}
        return site, client, redirect_uri, params

    def _check_request(self, client: AppClient, q: Any) -> tuple[tuple[str, ...], str | None]:
        response_type = q.get("response_type")
        if response_type not in ("code", "token"):
            raise RedirectError("unsupported_response_type", "response_type must be code or token")
        flow = "code" if response_type == "code" else "implicit"
        if not client.oauth_enabled or flow not in client.flows:
            raise RedirectError("unauthorized_client", f"the client does not allow the {flow} flow")
        if flow == "implicit":
            raise RedirectError("unsupported_response_type", "the implicit grant is not emulated")
        requested = tuple(dict.fromkeys((q.get("scope") or "").split()))
        if requested:
            not_allowed = [s for s in requested if s not in client.scopes]
            if not_allowed:
                raise RedirectError("invalid_scope", "invalid_scope")
            scopes = requested
        else:
            scopes = client.scopes
        challenge = q.get("code_challenge")
        method = q.get("code_challenge_method")
        if challenge is not None or method is not None:
            if method != "S256":
                raise RedirectError("invalid_request", "code_challenge_method must be S256")
            if challenge is None or not PKCE_VALUE_RE.match(challenge):
                raise RedirectError("invalid_request", "invalid code_challenge")
        return scopes, challenge

    def authorize(self, request: Request, raw: bytes) -> Response:
        site, client, redirect_uri, params = self._validate_authorize(request)
        q = request.query_params
        state = q.get("state")
        try:
            scopes, challenge = self._check_request(client, q)
            provider = q.get("identity_provider")
            identifier = q.get("idp_identifier")
            if provider is None and identifier is None:
                # No provider named: Cognito shows its sign-in page with the same parameters.
                return RedirectResponse(f"{site.base}/login?{urlencode(params)}", status_code=302)
            if provider is None and identifier is not None:
                provider = self.pools.provider_by_identifier(site.region, site.pool_id, identifier)
            if not provider or provider not in client.identity_providers or provider == "COGNITO":
                raise RedirectError(
                    "invalid_request", "Login option is not available. Please try another one"
                )
            idp = self.pools.identity_provider(site.region, site.pool_id, provider)
            if idp is None:
                raise RedirectError(
                    "invalid_request", "Login option is not available. Please try another one"
                )
            if idp.type != "OIDC":
                raise RedirectError("invalid_request", f"{idp.type} providers are not emulated")
            endpoints = _federation.endpoints(self.http, idp)
        except RedirectError as exc:
            return _error_redirect(redirect_uri, exc, state)
        idp_state = secrets.token_urlsafe(24)
        idp_nonce = secrets.token_urlsafe(24)
        pending = PendingSignIn(
            site=site,
            client_id=client.client_id,
            redirect_uri=redirect_uri,
            state=state,
            scopes=scopes,
            nonce=q.get("nonce"),
            code_challenge=challenge,
            provider=idp.name,
            idp_nonce=idp_nonce,
            expires_at=time.time() + SIGN_IN_LIFETIME,
        )
        with self._lock:
            _drop_expired(self._pending)
            self._pending[idp_state] = pending
        target = _federation.authorize_redirect(
            endpoints, idp, site.idp_response, idp_state, idp_nonce
        )
        return RedirectResponse(target, status_code=302, headers=NO_STORE)

    def login(self, request: Request, raw: bytes) -> Response:
        _site, client, redirect_uri, params = self._validate_authorize(request)
        try:
            self._check_request(client, request.query_params)
        except RedirectError as exc:
            return _error_redirect(redirect_uri, exc, request.query_params.get("state"))
        providers = [p for p in client.identity_providers if p != "COGNITO"]
        html = _pages.login_page(providers, params, "COGNITO" in client.identity_providers)
        return HTMLResponse(html, headers=NO_STORE)

    def error(self, request: Request, raw: bytes) -> Response:
        return HTMLResponse(
            _pages.error_page(request.query_params.get("error", "")), status_code=400
        )

    # --- /oauth2/idpresponse ---------------------------------------------------------------

    def idp_response(self, request: Request, raw: bytes) -> Response:
        site = self._site(request)
        q = request.query_params
        with self._lock:
            pending = self._pending.pop(q.get("state") or "", None)
        if pending is None or pending.expires_at < time.time() or pending.site != site:
            raise ErrorPage("invalid_request")
        try:
            idp, username, user = self._federated_user(site, pending, q)
        except RedirectError as exc:
            return _error_redirect(pending.redirect_uri, exc, pending.state)
        grant = _grant(pending, idp, username, user.username)
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._federated[(site.pool_id, username)] = (grant.user_key, grant.identity)
            _drop_expired(self._codes)
            self._codes[code] = grant
        return _redirect(pending.redirect_uri, {"code": code}, pending.state)

    def _federated_user(
        self, site: Site, pending: PendingSignIn, q: Mapping[str, str]
    ) -> tuple[IdentityProvider, str, PoolUser]:
        """Redeem the provider's code and create or update the pool's federated user."""
        if q.get("error"):
            raise RedirectError(
                "invalid_request", q.get("error_description") or q.get("error") or ""
            )
        code = q.get("code")
        if not code:
            raise RedirectError("invalid_request", "the identity provider sent no code")
        idp = self.pools.identity_provider(site.region, site.pool_id, pending.provider)
        if idp is None:
            raise RedirectError("invalid_request", "the identity provider no longer exists")
        endpoints = _federation.endpoints(self.http, idp)
        claims = _federation.redeem(
            self.http, endpoints, idp, code, site.idp_response, pending.idp_nonce
        )
        username, attributes = _federation.map_attributes(idp, claims)
        user = self.pools.upsert_federated_user(site.region, site.pool_id, username, attributes)
        return idp, username, user

    # --- /oauth2/token -------------------------------------------------------------------------

    def token(self, request: Request, raw: bytes) -> Response:
        site = self._site(request)
        if request.headers.get("content-type", "").split(";")[0].strip() != (
            "application/x-www-form-urlencoded"
        ):
            raise OAuthError("invalid_request")
        form = dict(parse_qsl(raw.decode("utf-8", "replace")))
        client = self._authenticate(request, site, form)
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            if not client.oauth_enabled or "code" not in client.flows:
                raise OAuthError("unauthorized_client")
            grant = self._redeem_code(client, form)
            refresh = secrets.token_urlsafe(48)
            body = self._tokens(grant, client)
            body["refresh_token"] = refresh
            with self._lock:
                _drop_expired(self._refresh)
                grant.expires_at = time.time() + client.refresh_token_days * 86400
                self._refresh[refresh] = grant
        elif grant_type == "refresh_token":
            with self._lock:
                grant_ = self._refresh.get(form.get("refresh_token") or "")
            if (
                grant_ is None
                or grant_.expires_at < time.time()
                or grant_.client_id != client.client_id
            ):
                raise OAuthError("invalid_grant")
            body = self._tokens(grant_, client, with_nonce=False)
        elif not grant_type:
            raise OAuthError("invalid_request")
        else:
            raise OAuthError("unsupported_grant_type")
        return JSONResponse(body, headers=NO_STORE)

    def _authenticate(self, request: Request, site: Site, form: dict[str, str]) -> AppClient:
        client_id = form.get("client_id")
        secret = form.get("client_secret")
        try:
            basic = basic_credentials(request.headers.get("authorization", ""))
        except ValueError:
            raise OAuthError("invalid_client") from None
        if basic is not None:
            client_id, secret = basic[0], basic[1] or ""
        if not client_id:
            raise OAuthError("invalid_request")
        client = self.pools.app_client(site.region, site.pool_id, client_id)
        if client is None:
            raise OAuthError("invalid_client")
        if client.client_secret is not None:
            if not secret or not hmac.compare_digest(
                secret.encode(), client.client_secret.encode()
            ):
                raise OAuthError("invalid_client")
        elif secret:
            raise OAuthError("invalid_client")
        return client

    def _redeem_code(self, client: AppClient, form: dict[str, str]) -> Grant:
        code = form.get("code")
        if not code:
            raise OAuthError("invalid_request")
        redirect_uri = form.get("redirect_uri")
        if redirect_uri not in client.callback_urls:
            # What users report from AWS for a redirect_uri that is not registered (e.g. a
            # missing trailing slash), misleading as it is.
            raise OAuthError("unauthorized_client")
        with self._lock:
            grant = self._codes.pop(code, None)
        if grant is None or grant.expires_at < time.time() or grant.client_id != client.client_id:
            raise OAuthError("invalid_grant")
        if redirect_uri != grant.redirect_uri:
            raise OAuthError("invalid_grant")
        verifier = form.get("code_verifier")
        if grant.code_challenge is not None:
            if not verifier or not PKCE_VALUE_RE.match(verifier):
                raise OAuthError("invalid_grant")
            if not hmac.compare_digest(pkce_s256(verifier), grant.code_challenge):
                raise OAuthError("invalid_grant")
        return grant

    def _tokens(
        self, grant: Grant, client: AppClient, *, with_nonce: bool = True
    ) -> dict[str, Any]:
        site = grant.site
        user = self.pools.get_user(site.region, site.pool_id, grant.user_key)
        if user is None:
            raise OAuthError("invalid_grant")
        attributes = {k: v for k, v in user.attributes.items() if k != "sub"}
        id_claims, access_claims = id_and_access_claims(
            issuer=pool_issuer(site.region, site.pool_id),
            client_id=client.client_id,
            sub=user.sub,
            username=grant.username,
            attributes=attributes,
            identities=[grant.identity],
            groups=[f"{site.pool_id}_{grant.identity['providerName']}"],
            scopes=list(grant.scopes),
            auth_time=grant.auth_time,
            nonce=grant.nonce if with_nonce else None,
            id_minutes=client.id_token_minutes,
            access_minutes=client.access_token_minutes,
        )
        body: dict[str, Any] = {
            "access_token": self.keys.sign(site.pool_id, access_claims),
            "expires_in": client.access_token_minutes * 60,
            "token_type": "Bearer",
        }
        if "openid" in grant.scopes:
            body["id_token"] = self.keys.sign(site.pool_id, id_claims)
        return body

    # --- /oauth2/userInfo and /logout --------------------------------------------------------

    def user_info(self, request: Request, raw: bytes) -> Response:
        site = self._site(request)
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        claims = (
            self.keys.verify(site.pool_id, token.strip()) if scheme.lower() == "bearer" else None
        )
        if (
            claims is None
            or claims.get("token_use") != "access"
            or claims.get("iss") != pool_issuer(site.region, site.pool_id)
        ):
            raise OAuthError(
                "invalid_token",
                "Access token is expired, disabled, or deleted, or the user has globally signed out.",
                401,
            )
        if "openid" not in str(claims.get("scope", "")).split():
            raise OAuthError("invalid_token", "Access token does not contain openid scope", 401)
        username = str(claims.get("username", ""))
        with self._lock:
            known = self._federated.get((site.pool_id, username))
        user = self.pools.get_user(site.region, site.pool_id, known[0] if known else username)
        if user is None:
            raise OAuthError("invalid_token", "User does not exist.", 401)
        body: dict[str, Any] = dict(user.attributes)
        body["sub"] = user.sub
        body["username"] = username
        if known:
            body["identities"] = json.dumps([known[1]])
        return JSONResponse(body, headers=NO_STORE)

    def logout(self, request: Request, raw: bytes) -> Response:
        site = self._site(request)
        q = request.query_params
        client = self._client(site, q.get("client_id"))
        logout_uri = q.get("logout_uri")
        if logout_uri is not None:
            if logout_uri not in client.logout_urls:
                raise ErrorPage("redirect_mismatch", client.client_id)
            return RedirectResponse(logout_uri, status_code=302)
        # The other documented form signs the user in again: /logout?...&redirect_uri=&response_type=
        params = {k: v for k, v in q.items() if k != "logout_uri"}
        return RedirectResponse(f"{site.base}/login?{urlencode(params)}", status_code=302)

    # --- the pool issuer's documents ------------------------------------------------------------

    def _issuer_pool(self, request: Request) -> tuple[str, str]:
        match = ISSUER_HOST_RE.match(_host(request))
        pool_id = request.path_params["pool_id"]
        if match is None or not self.pools.pool_exists(match["region"], pool_id):
            raise OAuthError(
                "ResourceNotFoundException", f"User pool {pool_id} does not exist.", 404
            )
        return match["region"], pool_id

    def jwks(self, request: Request, raw: bytes) -> Response:
        _, pool_id = self._issuer_pool(request)
        return JSONResponse(self.keys.jwks(pool_id))

    def discovery(self, request: Request, raw: bytes) -> Response:
        region, pool_id = self._issuer_pool(request)
        issuer = pool_issuer(region, pool_id)
        document: dict[str, Any] = {
            "issuer": issuer,
            "jwks_uri": f"{issuer}/.well-known/jwks.json",
            "response_types_supported": ["code", "token"],
            "scopes_supported": ["openid", "email", "phone", "profile"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }
        prefix = self.pools.pool_domain(region, pool_id)
        if prefix:
            # As on AWS, the OAuth endpoints are listed once the pool has a domain.
            base = f"https://{prefix}.auth.{region}.amazoncognito.com"
            document["authorization_endpoint"] = f"{base}/oauth2/authorize"
            document["token_endpoint"] = f"{base}/oauth2/token"
            document["userinfo_endpoint"] = f"{base}/oauth2/userInfo"
        return JSONResponse(document)


def _host(request: Request) -> str:
    return request.headers.get("host", "").split(":")[0].lower()


def _oauth_error(exc: OAuthError) -> Response:
    body = {"error": exc.error}
    headers = dict(NO_STORE)
    if exc.status == 401:
        body["error_description"] = exc.description
        headers["WWW-Authenticate"] = (
            f'Bearer error="{exc.error}", error_description="{exc.description}"'
        )
    elif exc.status == 404:
        body = {"message": exc.description}
    return JSONResponse(body, status_code=exc.status, headers=headers)


def _redirect(target: str, params: dict[str, str], state: str | None) -> Response:
    if state is not None:
        params = {**params, "state": state}
    parts = urlsplit(target)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return RedirectResponse(
        urlunsplit(parts._replace(query=urlencode(query))), status_code=302, headers=NO_STORE
    )


def _error_redirect(target: str, exc: RedirectError, state: str | None) -> Response:
    """Send the browser back to the app with the OAuth error, as Cognito does."""
    return _redirect(target, {"error_description": exc.description, "error": exc.error}, state)


def _grant(pending: PendingSignIn, idp: IdentityProvider, username: str, user_key: str) -> Grant:
    """The grant a federated sign-in's code stands for; ``user_key`` is moto's user name."""
    now = time.time()
    identity = {
        "dateCreated": str(int(now * 1000)),
        "userId": str(username.split("_", 1)[1]),
        "providerName": idp.name,
        "providerType": idp.type,
        "issuer": None,
        "primary": "true",
    }
    return Grant(
        site=pending.site,
        client_id=pending.client_id,
        redirect_uri=pending.redirect_uri,
        scopes=pending.scopes,
        nonce=pending.nonce,
        code_challenge=pending.code_challenge,
        username=username,
        # moto's own name for the user (its generated ID in email-username pools).
        user_key=user_key,
        identity=identity,
        auth_time=int(now),
        expires_at=now + CODE_LIFETIME,
    )


def _drop_expired(table: dict[str, Any]) -> None:
    now = time.time()
    for key in [k for k, v in table.items() if v.expires_at < now]:
        del table[key]
