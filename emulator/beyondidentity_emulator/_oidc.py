"""Per-application OAuth 2.0 / OpenID Connect endpoints.

The issuer of application ``a`` in realm ``r`` is
``{url}/v1/tenants/{t}/realms/{r}/applications/{a}`` (no trailing slash); under
it: ``/.well-known/openid-configuration``, ``/.well-known/jwks.json``,
``/authorize``, ``/token``, ``/userinfo`` and ``/revoke``. Token introspection is
realm-level: ``/v1/tenants/{t}/realms/{r}/introspect``.

Behaviour and the choices made where the contract is silent:

* Unknown tenant, realm or application in an OIDC path: 404 with the management
  API's generic not-found body.
* ``/token`` accepts ``application/x-www-form-urlencoded`` only. Confidential
  clients authenticate with ``client_secret_basic`` or ``client_secret_post``
  (not both at once); public clients send ``client_id`` alone (``none``; a Basic
  header with an empty password is also accepted). Errors follow RFC 6749 §5.2:
  ``invalid_client`` (401, with ``WWW-Authenticate: Basic``), ``invalid_request``,
  ``invalid_grant``, ``invalid_scope``, ``unauthorized_client`` (grant not
  enabled for the app) and ``unsupported_grant_type``, all 400 otherwise.
* Client credentials: ``scope`` omitted → every allowed scope the resource server
  still defines; ``expiration_time`` (1..``expires_after``) shortens the token;
  ``custom_claims`` (a JSON object) is returned as ``bi_custom``. Tokens of apps
  whose resource server is the Management API have ``aud ["beyondidentity"]`` and
  ``bi_r "*"``; others ``aud [client_id, <identifier>]`` (just ``[client_id]``
  without a resource server).
* ``/authorize`` in a browser (``Accept: text/html``) shows the hosted-web
  authenticator's sign-in page offering the realm's identities, one button each;
  a button POSTs the same parameters (plus ``identity_id``) back to ``/authorize``,
  which signs that identity in (no passkey is involved). Other clients are signed
  in at once, without a page. Who may sign in, ``login_hint``, suspended
  identities and the virtual test identity: see ``_sign_in``; a refusal redirects
  with ``access_denied``.
* ``client_id`` must be the app's and ``redirect_uri`` one of its registered URIs
  (it may be omitted when exactly one is registered); otherwise the answer is a
  400 JSON error and no redirect. All other errors redirect with ``error``,
  ``error_description`` and ``state``. OIDC apps require the ``openid`` scope;
  other scopes must be allowed for the app. PKCE: ``code_challenge_method``
  defaults to ``plain`` (RFC 7636); apps with ``pkce: s256`` require ``S256``,
  apps with ``pkce: plain`` require a challenge (``plain`` or ``S256``), apps
  with PKCE disabled verify a challenge if the client sends one anyway.
* Codes are single-use, bound to client, redirect URI and PKCE challenge, and
  expire after 60 seconds.
* Authorization-code tokens: ``sub`` follows the app's ``subject_field`` (``id``,
  ``email``, ``username`` or ``external_id``, read from the identity's ``traits`` —
  falling back to the ID when the identity has none); the ID token (only when
  ``openid`` was granted) has ``aud`` = client_id, ``email`` (the primary email
  address), ``email_verified``, ``name`` (display name), ``preferred_username``
  (username), ``auth_time`` and ``nonce`` if one was sent.
* ``token_format: referential`` apps get opaque access tokens, held in memory
  (``/userinfo`` and ``/introspect`` understand them; the management API accepts
  only JWTs).
* ``/userinfo`` needs a user access token from the same issuer with the
  ``openid`` scope: 401 ``invalid_token`` otherwise (403 ``insufficient_scope``
  without ``openid``), per RFC 6750.
* ``/revoke`` (RFC 7009) needs the same client authentication as ``/token`` and
  always answers 200; revoked JWTs stop working on the management API and
  ``/userinfo``.
* ``expires_after: 0`` yields tokens that expire at issuance.
"""

from __future__ import annotations

import hmac
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from . import _ids
from ._clock import Clock
from ._errors import not_found_generic
from ._identities import email_of, subject_of, username_of
from ._oauth import PKCE_VALUE_RE, basic_credentials, pkce_s256
from ._recording import Counters
from ._sign_in import SignInPeople, SignInRefused
from ._sign_in_page import sign_in_page
from ._store import MANAGEMENT_AUDIENCE, Store
from ._tokens import TokenSigner

ISSUER_PATH = "/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}"
INTROSPECT_PATH = "/v1/tenants/{tenant_id}/realms/{realm_id}/introspect"
CODE_LIFETIME = 60
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class OAuthError(Exception):
    """An RFC 6749 error answered as ``{"error", "error_description"}``."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status

    def response(self) -> Response:
        """Return the JSON error response."""
        headers = dict(NO_STORE)
        if self.error == "invalid_client":
            headers["WWW-Authenticate"] = 'Basic realm="beyondidentity"'
        elif self.status in (401, 403):
            headers["WWW-Authenticate"] = f'Bearer error="{self.error}"'
        return JSONResponse(
            {"error": self.error, "error_description": self.description},
            status_code=self.status,
            headers=headers,
        )


@dataclass(frozen=True)
class AuthorizationCode:
    """What a code stands for until it is redeemed."""

    application_id: str
    client_id: str
    redirect_uri: str | None
    scopes: tuple[str, ...]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    identity: dict[str, Any]
    auth_time: int
    expires_at: float


def issuer_url(base_url: str, tenant_id: str, realm_id: str, application_id: str) -> str:
    """Return an application's OIDC issuer URL."""
    return f"{base_url}/v1/tenants/{tenant_id}/realms/{realm_id}/applications/{application_id}"


def _basic(request: Request) -> tuple[str, str | None] | None:
    """The request's HTTP Basic client credentials (see :func:`basic_credentials`)."""
    try:
        return basic_credentials(request.headers.get("authorization", ""))
    except ValueError:
        raise OAuthError("invalid_client", "malformed Basic credentials", 401) from None


def _pkce_challenge(pc: Mapping[str, Any], q: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The authorize request's PKCE ``(code_challenge, method)``, checked against the app's rule."""
    challenge = q.get("code_challenge")
    method = q.get("code_challenge_method") or ("plain" if challenge else None)
    if challenge is not None:
        if method not in ("plain", "S256"):
            raise OAuthError("invalid_request", "code_challenge_method must be plain or S256")
        if not PKCE_VALUE_RE.match(challenge):
            raise OAuthError("invalid_request", "malformed code_challenge")
    elif q.get("code_challenge_method"):
        raise OAuthError("invalid_request", "code_challenge_method without code_challenge")
    if pc["pkce"] == "s256" and (challenge is None or method != "S256"):
        raise OAuthError("invalid_request", "PKCE with code_challenge_method=S256 is required")
    if pc["pkce"] == "plain" and challenge is None:
        raise OAuthError("invalid_request", "PKCE (code_challenge) is required")
    return challenge, method


def _required(form: Mapping[str, str], key: str) -> str:
    """A form parameter the request must carry (``invalid_request`` when absent or empty)."""
    value = form.get(key)
    if not value:
        raise OAuthError("invalid_request", f"{key} is required")
    return value


def _form(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise OAuthError("invalid_request", "the body is not valid UTF-8") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise OAuthError("invalid_request", f"parameter {key!r} is repeated")
        form[key] = value
    return form


class OidcApi:
    """Builds the OIDC routes; holds codes, referential tokens and revocations in memory."""

    def __init__(
        self,
        *,
        store: Store,
        signer: TokenSigner,
        clock: Clock,
        counters: Counters,
        base_url: Callable[[], str],
        test_user_email: str,
        virtual_test_identity: bool = True,
    ) -> None:
        self._store = store
        self._signer = signer
        self._clock = clock
        self._counters = counters
        self._base_url = base_url
        self._people = SignInPeople(
            store, test_user_email=test_user_email, virtual_test_identity=virtual_test_identity
        )
        self._lock = threading.Lock()
        self._codes: dict[str, AuthorizationCode] = {}
        self._referential: dict[str, dict[str, Any]] = {}
        self._revoked: set[str] = set()

    def routes(self) -> list[BaseRoute]:
        """Return the Starlette routes."""
        return [
            Route(
                ISSUER_PATH + "/.well-known/openid-configuration", self._discovery, methods=["GET"]
            ),
            Route(ISSUER_PATH + "/.well-known/jwks.json", self._jwks, methods=["GET"]),
            Route(ISSUER_PATH + "/authorize", self._authorize, methods=["GET", "POST"]),
            Route(ISSUER_PATH + "/token", self._token, methods=["POST"]),
            Route(ISSUER_PATH + "/userinfo", self._userinfo, methods=["GET", "POST"]),
            Route(ISSUER_PATH + "/revoke", self._revoke, methods=["POST"]),
            Route(INTROSPECT_PATH, self._introspect, methods=["POST"]),
        ]

    def is_revoked(self, jti: str) -> bool:
        """Whether a token ID was revoked through ``/revoke``."""
        with self._lock:
            return jti in self._revoked

    def clear(self) -> None:
        """Forget codes, referential tokens and revocations (used by reset)."""
        with self._lock:
            self._codes.clear()
            self._referential.clear()
            self._revoked.clear()

    # --- lookups -------------------------------------------------------------------------

    def _application(self, request: Request) -> dict[str, Any]:
        params = request.path_params
        if params["tenant_id"] != self._store.tenant_id:
            raise not_found_generic()
        app = self._store.get("applications", params["application_id"], realm_id=params["realm_id"])
        if app is None:
            raise not_found_generic()
        return app

    def _issuer(self, app: Mapping[str, Any]) -> str:
        return issuer_url(self._base_url(), app["tenant_id"], app["realm_id"], app["id"])

    def _allowed_scopes(self, app: Mapping[str, Any]) -> list[str]:
        rs_id = app.get("resource_server_id")
        rs = self._store.get("resource_servers", rs_id, realm_id=app["realm_id"]) if rs_id else None
        if rs is None:
            return []
        defined = set(rs["scopes"])
        return [s for s in app["protocol_config"]["allowed_scopes"] if s in defined]

    def _resource_server(self, app: Mapping[str, Any]) -> dict[str, Any] | None:
        rs_id = app.get("resource_server_id")
        return (
            self._store.get("resource_servers", rs_id, realm_id=app["realm_id"]) if rs_id else None
        )

    # --- discovery -------------------------------------------------------------------------

    async def _discovery(self, request: Request) -> Response:
        app = self._application(request)
        issuer = self._issuer(app)
        base = self._base_url()
        return JSONResponse(
            {
                "issuer": issuer,
                "authorization_endpoint": f"{issuer}/authorize",
                "token_endpoint": f"{issuer}/token",
                "userinfo_endpoint": f"{issuer}/userinfo",
                "jwks_uri": f"{issuer}/.well-known/jwks.json",
                "revocation_endpoint": f"{issuer}/revoke",
                "introspection_endpoint": (
                    f"{base}/v1/tenants/{app['tenant_id']}/realms/{app['realm_id']}/introspect"
                ),
                "response_types_supported": ["code"],
                "response_modes_supported": ["query"],
                "grant_types_supported": ["authorization_code", "client_credentials"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                    "none",
                ],
                "code_challenge_methods_supported": ["plain", "S256"],
                "scopes_supported": ["openid", *self._allowed_scopes(app)],
                "claims_supported": [
                    "iss",
                    "sub",
                    "aud",
                    "exp",
                    "iat",
                    "auth_time",
                    "nonce",
                    "email",
                    "email_verified",
                    "name",
                    "preferred_username",
                ],
            }
        )

    async def _jwks(self, request: Request) -> Response:
        self._application(request)
        return JSONResponse(self._signer.public_jwks(), headers={"Cache-Control": "max-age=300"})

    # --- authorize ---------------------------------------------------------------------------

    async def _authorize(self, request: Request) -> Response:
        app = self._application(request)
        pc = app["protocol_config"]
        q: Mapping[str, str] = request.query_params
        if request.method == "POST":
            # The sign-in page's form: the original authorize parameters, resent.
            try:
                q = _form(await request.body())
            except OAuthError as exc:
                return exc.response()
        if q.get("client_id") != pc["client_id"]:
            return OAuthError("invalid_request", "unknown or missing client_id").response()
        registered: list[str] = pc["redirect_uris"]
        redirect_uri = q.get("redirect_uri")
        if redirect_uri is None:
            if len(registered) != 1:
                return OAuthError(
                    "invalid_request", "redirect_uri is required (the app has several or none)"
                ).response()
            target = registered[0]
        elif redirect_uri in registered:
            target = redirect_uri
        else:
            return OAuthError("invalid_request", "redirect_uri is not registered").response()
        state = q.get("state")
        # A browser (it asks for HTML) first sees the hosted-web authenticator's page and
        # signs in with its button, a POST back here; other clients are signed in at once.
        show_page = request.method == "GET" and "text/html" in request.headers.get("accept", "")
        try:
            code = self._issue_code(app, q, redirect_uri, store=not show_page)
            offered = self._people.offered(app["realm_id"], q) if show_page else []
        except SignInRefused as refused:
            return self._redirect(
                target, {"error": "access_denied", "error_description": str(refused)}, state
            )
        except OAuthError as exc:
            return self._redirect(
                target, {"error": exc.error, "error_description": exc.description}, state
            )
        if show_page:
            return HTMLResponse(
                sign_in_page(app, offered, q), headers={"Cache-Control": "no-store"}
            )
        return self._redirect(target, {"code": code}, state)

    @staticmethod
    def _redirect(target: str, params: dict[str, str], state: str | None) -> Response:
        if state is not None:
            params["state"] = state
        parts = urlsplit(target)
        query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
        location = urlunsplit(parts._replace(query=urlencode(query)))
        return RedirectResponse(location, status_code=302, headers={"Cache-Control": "no-store"})

    def _issue_code(
        self,
        app: dict[str, Any],
        q: Mapping[str, str],
        redirect_uri: str | None,
        *,
        store: bool = True,
    ) -> str:
        """Validate an authorize request; issue and keep a code (``""`` when not ``store``)."""
        pc = app["protocol_config"]
        if q.get("response_type") != "code":
            raise OAuthError("unsupported_response_type", "only response_type=code is supported")
        if "authorization_code" not in pc["grant_type"]:
            raise OAuthError(
                "unauthorized_client", "the application does not allow authorization_code"
            )
        scopes = self._requested_scopes(app, q)
        challenge, method = _pkce_challenge(pc, q)
        if not store:
            return ""
        now = self._clock()
        entry = AuthorizationCode(
            application_id=app["id"],
            client_id=pc["client_id"],
            redirect_uri=redirect_uri,
            scopes=tuple(scopes),
            nonce=q.get("nonce"),
            code_challenge=challenge,
            code_challenge_method=method,
            identity=self._people.chosen(app["realm_id"], q),
            auth_time=int(now),
            expires_at=now + CODE_LIFETIME,
        )
        code = _ids.new_opaque_token()
        with self._lock:
            # Expired codes are useless; drop them so the table cannot grow forever.
            for stale in [c for c, e in self._codes.items() if e.expires_at <= now]:
                del self._codes[stale]
            self._codes[code] = entry
        return code

    def _requested_scopes(self, app: Mapping[str, Any], q: Mapping[str, str]) -> list[str]:
        """The authorize request's scopes, once each; refused unless the application allows them."""
        scopes = list(dict.fromkeys((q.get("scope") or "").split()))
        if app["protocol_config"]["type"] == "oidc" and "openid" not in scopes:
            raise OAuthError("invalid_scope", "the openid scope is required")
        allowed = set(self._allowed_scopes(app))
        unknown = [s for s in scopes if s != "openid" and s not in allowed]
        if unknown:
            raise OAuthError("invalid_scope", "scopes not allowed: " + " ".join(unknown))
        return scopes

    # --- token ---------------------------------------------------------------------------------

    def _authenticate_client(
        self, request: Request, form: Mapping[str, str], app: Mapping[str, Any]
    ) -> None:
        pc = app["protocol_config"]
        basic = _basic(request)
        if basic is not None:
            if basic[1] is None:
                raise OAuthError("invalid_client", "malformed Basic credentials", 401)
            if "client_secret" in form:
                raise OAuthError("invalid_request", "use one client authentication method, not two")
            if "client_id" in form and form["client_id"] != basic[0]:
                raise OAuthError("invalid_request", "client_id differs from the Basic credentials")
        client_id, secret = basic or (form.get("client_id"), form.get("client_secret"))
        if not client_id or not hmac.compare_digest(client_id.encode(), pc["client_id"].encode()):
            raise OAuthError("invalid_client", "client authentication failed", 401)
        if pc["confidentiality"] == "confidential":
            expected = pc.get("client_secret", "")
            if not secret or not hmac.compare_digest(secret.encode(), expected.encode()):
                raise OAuthError("invalid_client", "client authentication failed", 401)
        elif secret:
            raise OAuthError("invalid_client", "public clients must not send a client secret", 401)

    async def _read_form(self, request: Request) -> dict[str, str]:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/x-www-form-urlencoded":
            raise OAuthError(
                "invalid_request", "the body must be application/x-www-form-urlencoded"
            )
        return _form(await request.body())

    async def _client_form(self, request: Request, app: Mapping[str, Any]) -> dict[str, str]:
        """The form of a request ``app``'s client sent, once the client is authenticated."""
        form = await self._read_form(request)
        self._authenticate_client(request, form, app)
        return form

    async def _token(self, request: Request) -> Response:
        app = self._application(request)
        try:
            form = await self._client_form(request, app)
            grant = _required(form, "grant_type")
            if grant not in ("client_credentials", "authorization_code"):
                raise OAuthError("unsupported_grant_type", f"grant_type {grant!r} is not supported")
            if grant not in app["protocol_config"]["grant_type"]:
                raise OAuthError("unauthorized_client", f"the application does not allow {grant}")
            if grant == "client_credentials":
                body = self._client_credentials(app, form)
            else:
                body = self._authorization_code(app, form)
        except OAuthError as exc:
            return exc.response()
        self._counters.increment(Counters.TOKEN_REQUESTS)
        return JSONResponse(body, headers=NO_STORE)

    def _lifetime(self, app: Mapping[str, Any], form: Mapping[str, str]) -> int:
        maximum = int(app["protocol_config"]["token_configuration"]["expires_after"])
        raw = form.get("expiration_time")
        if raw is None or raw == "":
            return maximum
        if not raw.isdigit() or not 0 < int(raw) <= maximum:
            raise OAuthError(
                "invalid_request", f"expiration_time must be an integer from 1 to {maximum}"
            )
        return int(raw)

    def _access_token(self, app: Mapping[str, Any], claims: dict[str, Any]) -> str:
        if app["protocol_config"]["token_format"] == "referential":
            token = _ids.new_opaque_token()
            now = self._clock()
            with self._lock:
                for stale in [t for t, c in self._referential.items() if c["exp"] <= now]:
                    del self._referential[stale]
                self._referential[token] = claims
            return token
        return self._signer.sign(claims, jku=f"{self._issuer(app)}/.well-known/jwks.json")

    def _base_claims(self, app: Mapping[str, Any], lifetime: int, grant: str) -> dict[str, Any]:
        now = int(self._clock())
        t, r, a = app["tenant_id"], app["realm_id"], app["id"]
        return {
            "iss": self._issuer(app),
            "iat": now,
            "nbf": now,
            "exp": now + lifetime,
            "jti": _ids.new_token_id(),
            "azp": f"tenants/{t}/realms/{r}/applications/{a}",
            "bi_t": t,
            "bi_r": r,
            "bi_ty": grant,
        }

    def _client_credentials(self, app: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
        pc = app["protocol_config"]
        allowed = self._allowed_scopes(app)
        requested = form.get("scope")
        if requested is None:
            granted = allowed
        else:
            granted = list(dict.fromkeys(requested.split()))
            unknown = [s for s in granted if s not in allowed]
            if unknown:
                raise OAuthError("invalid_scope", "scopes not allowed: " + " ".join(unknown))
        lifetime = self._lifetime(app, form)
        claims = self._base_claims(app, lifetime, "client_credentials")
        rs = self._resource_server(app)
        claims["sub"] = pc["client_id"]
        claims["scope"] = " ".join(granted)
        claims["bi_p"] = claims["azp"]
        if rs is not None and rs["identifier"] == MANAGEMENT_AUDIENCE:
            claims["aud"] = [MANAGEMENT_AUDIENCE]
            claims["bi_r"] = "*"
        else:
            claims["aud"] = [pc["client_id"]] + ([rs["identifier"]] if rs else [])
        custom = form.get("custom_claims")
        if custom:
            try:
                parsed = json.loads(custom)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                raise OAuthError("invalid_request", "custom_claims must be a JSON object")
            claims["bi_custom"] = parsed
        return {
            "access_token": self._access_token(app, claims),
            "token_type": "Bearer",
            "expires_in": lifetime,
            "scope": claims["scope"],
        }

    def _redeem(self, app: Mapping[str, Any], form: Mapping[str, str]) -> AuthorizationCode:
        code = _required(form, "code")
        with self._lock:
            entry = self._codes.pop(code, None)
        if entry is None or entry.expires_at <= self._clock():
            raise OAuthError("invalid_grant", "the code is invalid, expired or already used")
        if (
            entry.application_id != app["id"]
            or entry.client_id != app["protocol_config"]["client_id"]
        ):
            raise OAuthError("invalid_grant", "the code was issued to another client")
        if entry.redirect_uri is not None and form.get("redirect_uri") != entry.redirect_uri:
            raise OAuthError(
                "invalid_grant", "redirect_uri does not match the authorization request"
            )
        verifier = form.get("code_verifier")
        if entry.code_challenge is None:
            if verifier is not None:
                raise OAuthError(
                    "invalid_grant", "code_verifier sent but no code_challenge was used"
                )
            return entry
        if verifier is None or not PKCE_VALUE_RE.match(verifier):
            raise OAuthError("invalid_grant", "a valid code_verifier is required")
        derived = pkce_s256(verifier) if entry.code_challenge_method == "S256" else verifier
        if not hmac.compare_digest(derived.encode(), entry.code_challenge.encode()):
            raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge")
        return entry

    def _authorization_code(self, app: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
        entry = self._redeem(app, form)
        pc = app["protocol_config"]
        lifetime = self._lifetime(app, form)
        identity = entry.identity
        field = pc["token_configuration"]["subject_field"]
        subject = subject_of(identity, field)
        claims = self._base_claims(app, lifetime, "authorization_code")
        rs = self._resource_server(app)
        claims["sub"] = subject
        claims["aud"] = [pc["client_id"]] + ([rs["identifier"]] if rs else [])
        claims["scope"] = " ".join(entry.scopes)
        claims["bi_p"] = (
            f"tenants/{app['tenant_id']}/realms/{app['realm_id']}/identities/{identity['id']}"
        )
        body: dict[str, Any] = {
            "access_token": self._access_token(app, claims),
            "token_type": "Bearer",
            "expires_in": lifetime,
            "scope": claims["scope"],
        }
        if "openid" in entry.scopes:
            id_claims: dict[str, Any] = {
                "iss": claims["iss"],
                "sub": subject,
                "aud": pc["client_id"],
                "iat": claims["iat"],
                "exp": claims["exp"],
                "auth_time": entry.auth_time,
                "email": email_of(identity),
                "email_verified": True,
                "name": identity.get("display_name"),
                "preferred_username": username_of(identity),
            }
            if entry.nonce is not None:
                id_claims["nonce"] = entry.nonce
            body["id_token"] = self._signer.sign(
                id_claims, jku=f"{self._issuer(app)}/.well-known/jwks.json"
            )
        return body

    # --- userinfo, revoke, introspect -------------------------------------------------------------

    def _token_claims(self, token: str) -> dict[str, Any] | None:
        with self._lock:
            referential = self._referential.get(token)
        if referential is not None:
            exp = referential.get("exp")
            if isinstance(exp, int) and exp <= self._clock():
                return None
            claims: dict[str, Any] | None = dict(referential)
        else:
            claims = self._signer.verify(token)
        if claims is None or self.is_revoked(str(claims.get("jti"))):
            return None
        return claims

    async def _userinfo(self, request: Request) -> Response:
        app = self._application(request)
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        claims = self._token_claims(token.strip()) if scheme.lower() == "bearer" else None
        bi_p = str(claims.get("bi_p", "")) if claims else ""
        if claims is None or claims.get("iss") != self._issuer(app) or "/identities/" not in bi_p:
            return OAuthError(
                "invalid_token", "a valid user access token is required", 401
            ).response()
        if "openid" not in str(claims.get("scope", "")).split():
            return OAuthError("insufficient_scope", "the openid scope is required", 403).response()
        identity = self._people.by_id(app["realm_id"], bi_p.rsplit("/", 1)[-1])
        if identity is None:
            return OAuthError("invalid_token", "the identity no longer exists", 401).response()
        return JSONResponse(
            {
                "sub": claims["sub"],
                "email": email_of(identity),
                "email_verified": True,
                "name": identity.get("display_name"),
                "preferred_username": username_of(identity),
            },
            headers={"Cache-Control": "no-store"},
        )

    async def _revoke(self, request: Request) -> Response:
        app = self._application(request)
        try:
            form = await self._client_form(request, app)
            token = _required(form, "token")
        except OAuthError as exc:
            return exc.response()
        claims = self._token_claims(token)
        with self._lock:
            self._referential.pop(token, None)
            if claims is not None and isinstance(claims.get("jti"), str):
                self._revoked.add(claims["jti"])
        return Response(status_code=200)

    async def _introspect(self, request: Request) -> Response:
        params = request.path_params
        if (
            params["tenant_id"] != self._store.tenant_id
            or self._store.get("realms", params["realm_id"]) is None
        ):
            raise not_found_generic()
        try:
            form = await self._read_form(request)
            caller = self._introspection_caller(request, form, params["realm_id"])
            self._authenticate_client(request, form, caller)
            token = _required(form, "token")
        except OAuthError as exc:
            return exc.response()
        claims = self._token_claims(token)
        if claims is None or claims.get("bi_r") not in (params["realm_id"], "*"):
            return JSONResponse({"active": False}, headers=NO_STORE)
        return JSONResponse({"active": True, **claims}, headers=NO_STORE)

    def _introspection_caller(
        self, request: Request, form: Mapping[str, str], realm_id: str
    ) -> dict[str, Any]:
        basic = _basic(request)
        client_id = basic[0] if basic is not None else form.get("client_id")
        app = self._store.find_application_by_client_id(client_id or "")
        if app is None or app["realm_id"] != realm_id:
            raise OAuthError("invalid_client", "client authentication failed", 401)
        return app
