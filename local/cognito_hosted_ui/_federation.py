"""Cognito's side of an OIDC identity provider: the redirect out and the code exchange.

Following AWS's OIDC identity-provider documentation: the user is sent to the provider's
``authorize_url`` with the provider's ``client_id``, ``authorize_scopes``, Cognito's
``/oauth2/idpresponse`` as ``redirect_uri``, a ``state`` and a ``nonce``. The code that comes
back is redeemed at ``token_url`` with the ``client_id`` and ``client_secret`` from the
provider details; the ID token is verified with the keys at ``jwks_uri`` (signature,
``iss`` = ``oidc_issuer``, ``aud`` contains ``client_id``, ``exp``, ``nonce``); the
attributes come from the ID token and ``attributes_url`` (userInfo), then the attribute
mapping applies.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from ._errors import ConfigurationError, RedirectError
from ._pool import IdentityProvider

ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]
# Clock skew allowed on the provider's exp/iat (Cognito's own figure is not published).
LEEWAY = 60


@dataclass(frozen=True)
class Endpoints:
    """The provider's endpoints: from the details, else from its discovery document."""

    authorize: str
    token: str
    attributes: str | None
    jwks: str
    auth_method: str  # client_secret_post or client_secret_basic


def _discover(http: httpx.Client, issuer: str) -> dict[str, Any]:
    try:
        answer = http.get(f"{issuer}/.well-known/openid-configuration")
        answer.raise_for_status()
        body = answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise ConfigurationError(f"OIDC discovery at {issuer} failed: {exc}") from None
    if not isinstance(body, dict):
        raise ConfigurationError(f"OIDC discovery at {issuer} is not a JSON object")
    return body


def endpoints(http: httpx.Client, idp: IdentityProvider) -> Endpoints:
    """Resolve the provider's endpoints the way Cognito does."""
    d = idp.details
    issuer = d.get("oidc_issuer", "")
    explicit = all(d.get(k) for k in ("authorize_url", "token_url", "jwks_uri"))
    discovery = {} if explicit else _discover(http, issuer)
    authorize = d.get("authorize_url") or discovery.get("authorization_endpoint")
    token = d.get("token_url") or discovery.get("token_endpoint")
    jwks = d.get("jwks_uri") or discovery.get("jwks_uri")
    attributes = d.get("attributes_url") or discovery.get("userinfo_endpoint")
    if not (authorize and token and jwks):
        raise ConfigurationError(
            f"identity provider {idp.name} has no authorize, token or JWKS endpoint"
        )
    # AWS documents client_secret_post; use Basic only for a provider whose discovery
    # document says it does not take post (uncertain on AWS; see the README).
    methods = discovery.get("token_endpoint_auth_methods_supported") or []
    method = (
        "client_secret_basic"
        if methods and "client_secret_post" not in methods and "client_secret_basic" in methods
        else "client_secret_post"
    )
    return Endpoints(str(authorize), str(token), attributes and str(attributes), str(jwks), method)


def authorize_redirect(
    ep: Endpoints, idp: IdentityProvider, idp_response_url: str, state: str, nonce: str
) -> str:
    """Where the browser goes to sign in at the provider."""
    query = urlencode(
        {
            "client_id": idp.details.get("client_id", ""),
            "redirect_uri": idp_response_url,
            "response_type": "code",
            "scope": idp.details.get("authorize_scopes", "openid"),
            "state": state,
            "nonce": nonce,
        }
    )
    separator = "&" if "?" in ep.authorize else "?"
    return f"{ep.authorize}{separator}{query}"


def redeem(
    http: httpx.Client,
    ep: Endpoints,
    idp: IdentityProvider,
    code: str,
    idp_response_url: str,
    nonce: str,
) -> dict[str, Any]:
    """Exchange the provider's code, verify its ID token, return the merged claims.

    Failures raise :class:`RedirectError` (``invalid_request``), sent back to the app.
    """
    client_id = idp.details.get("client_id", "")
    secret = idp.details.get("client_secret", "")
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": idp_response_url,
        "client_id": client_id,
    }
    headers: dict[str, str] = {}
    if ep.auth_method == "client_secret_basic":
        basic = httpx.BasicAuth(client_id, secret)
        headers["Authorization"] = next(basic.auth_flow(httpx.Request("POST", ep.token))).headers[
            "Authorization"
        ]
    elif secret:
        form["client_secret"] = secret
    try:
        answer = http.post(ep.token, data=form, headers=headers)
    except httpx.HTTPError as exc:
        raise RedirectError("invalid_request", f"token endpoint unreachable: {exc}") from None
    body = _json(answer)
    if answer.status_code != 200 or "id_token" not in body:
        error = body.get("error") or f"HTTP {answer.status_code}"
        raise RedirectError("invalid_request", str(error))
    claims = verify_id_token(http, ep, idp, str(body["id_token"]), nonce)
    if ep.attributes and body.get("access_token"):
        claims = {**claims, **_user_info(http, ep, idp, str(body["access_token"]), claims)}
    return claims


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def verify_id_token(
    http: httpx.Client, ep: Endpoints, idp: IdentityProvider, token: str, nonce: str
) -> dict[str, Any]:
    """Signature via ``jwks_uri``, then ``iss``, ``aud``, ``exp`` and ``nonce``."""
    try:
        keys = KeySet.import_key_set(http.get(ep.jwks).raise_for_status().json())
    except (httpx.HTTPError, ValueError, JoseError) as exc:
        raise RedirectError(
            "invalid_request", f"cannot read the JWKS at {ep.jwks}: {exc}"
        ) from None
    try:
        decoded = jwt.decode(token, keys, algorithms=ID_TOKEN_ALGORITHMS)
    except (JoseError, ValueError) as exc:
        raise RedirectError("invalid_request", f"Invalid id_token signature: {exc}") from None
    claims = dict(decoded.claims)
    issuer = idp.details.get("oidc_issuer", "")
    if claims.get("iss") != issuer:
        raise RedirectError("invalid_request", f"Bad id_token issuer {claims.get('iss')}")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if idp.details.get("client_id") not in audiences:
        raise RedirectError("invalid_request", f"Bad id_token audience {audience}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp + LEEWAY < time.time():
        raise RedirectError("invalid_request", "id_token expired")
    if claims.get("nonce") is not None and claims.get("nonce") != nonce:
        raise RedirectError("invalid_request", "Bad id_token nonce")
    if not claims.get("sub"):
        raise RedirectError("invalid_request", "id_token without sub")
    return claims


def _user_info(
    http: httpx.Client,
    ep: Endpoints,
    idp: IdentityProvider,
    access_token: str,
    id_claims: dict[str, Any],
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {access_token}"}
    url = ep.attributes or ""
    try:
        if idp.details.get("attributes_request_method", "GET").upper() == "POST":
            answer = http.post(url, headers=headers)
        else:
            answer = http.get(url, headers=headers)
    except httpx.HTTPError as exc:
        raise RedirectError("invalid_request", f"userInfo unreachable: {exc}") from None
    body = _json(answer)
    if answer.status_code != 200:
        raise RedirectError("invalid_request", f"userInfo answered {answer.status_code}")
    if body.get("sub") not in (None, id_claims.get("sub")):
        raise RedirectError("invalid_request", "userInfo sub differs from the id_token sub")
    return body


def map_attributes(idp: IdentityProvider, claims: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Apply the attribute mapping: the user-name part and the pool attributes.

    The user is ``<ProviderName>_<value of the claim mapped to username>`` (``sub`` by
    default). Claims missing from the provider's answer are skipped.
    """
    mapping = dict(idp.attribute_mapping) or {"username": "sub"}
    username_claim = mapping.pop("username", "sub")
    identifier = claims.get(username_claim)
    if identifier in (None, ""):
        raise RedirectError(
            "invalid_request", f"the provider sent no {username_claim!r} for the user name"
        )
    attributes: dict[str, str] = {}
    for pool_attribute, claim in mapping.items():
        value = claims.get(claim)
        if value is None:
            continue
        if isinstance(value, bool):
            attributes[pool_attribute] = "true" if value else "false"
        elif isinstance(value, str | int | float):
            attributes[pool_attribute] = str(value)
        else:
            attributes[pool_attribute] = json.dumps(value)
    return f"{idp.name}_{identifier}", attributes
