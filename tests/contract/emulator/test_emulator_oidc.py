"""Per-application OIDC endpoints: discovery, JWKS, token, authorize, userinfo."""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from helpers import builders as p
from joserfc import jwt
from joserfc.jwk import KeySet

from beyondidentity_emulator import Emulator

KID = re.compile(r"^[0-9A-F]{65}$")
CALLBACK = "https://app.example.com/callback"


def _create_app(api: httpx.Client, realm_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return p.ok(api.post(f"/realms/{realm_id}/applications", json=body))


def _discover(emulator: Emulator, app: dict[str, Any]) -> dict[str, Any]:
    issuer = emulator.issuer(app["realm_id"], app["id"])
    response = httpx.get(f"{issuer}/.well-known/openid-configuration")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _verify(token: str, jwks_uri: str) -> jwt.Token:
    keys = KeySet.import_key_set(httpx.get(jwks_uri).json())
    return jwt.decode(token, keys, algorithms=["RS256"])


def _authorize(emulator: Emulator, app: dict[str, Any], **params: str) -> httpx.Response:
    query = {
        "response_type": "code",
        "client_id": app["protocol_config"]["client_id"],
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "state": "st-1",
        **params,
    }
    query = {k: v for k, v in query.items() if v != ""}
    return httpx.get(f"{emulator.issuer(app['realm_id'], app['id'])}/authorize", params=query)


def _redirect_params(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(CALLBACK)
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def pkce_app(
    api: httpx.Client, realm_id: str, rs: dict[str, Any], ac: dict[str, Any]
) -> dict[str, Any]:
    return _create_app(
        api,
        realm_id,
        p.oidc_app(
            rs["id"],
            ac["id"],
            pkce="s256",
            token_configuration={"expires_after": 3600, "subject_field": "email"},
        ),
    )


def test_discovery_document(emulator: Emulator, pkce_app: dict[str, Any]) -> None:
    doc = _discover(emulator, pkce_app)
    issuer = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{pkce_app['realm_id']}/applications/{pkce_app['id']}"
    assert doc["issuer"] == issuer
    assert not issuer.endswith("/")
    assert doc["authorization_endpoint"] == f"{issuer}/authorize"
    assert doc["token_endpoint"] == f"{issuer}/token"
    assert doc["userinfo_endpoint"] == f"{issuer}/userinfo"
    assert doc["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert doc["revocation_endpoint"] == f"{issuer}/revoke"
    assert doc["introspection_endpoint"].endswith(f"/realms/{pkce_app['realm_id']}/introspect")
    assert doc["response_types_supported"] == ["code"]
    assert doc["subject_types_supported"] == ["public"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert set(doc["token_endpoint_auth_methods_supported"]) == {
        "client_secret_basic",
        "client_secret_post",
        "none",
    }
    assert set(doc["code_challenge_methods_supported"]) == {"plain", "S256"}
    assert "openid" in doc["scopes_supported"]
    assert "pets:read" in doc["scopes_supported"]


def test_jwks_publishes_one_public_rs256_key(emulator: Emulator) -> None:
    jwks = httpx.get(f"{emulator.management_issuer}/.well-known/jwks.json").json()
    (key,) = jwks["keys"]
    assert KID.match(key["kid"])
    assert key["kty"] == "RSA"
    assert key["alg"] == "RS256"
    assert key["use"] == "sig"
    assert "d" not in key
    assert "p" not in key


def test_unknown_application_paths_are_404(emulator: Emulator) -> None:
    base = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{emulator.admin_realm_id}/applications"
    assert (
        httpx.get(
            f"{base}/00000000-0000-4000-8000-000000000000/.well-known/openid-configuration"
        ).status_code
        == 404
    )
    other_tenant = emulator.management_issuer.replace(emulator.tenant_id, "0001aaaaaaaaaaaa")
    assert (
        httpx.post(f"{other_tenant}/token", data={"grant_type": "client_credentials"}).status_code
        == 404
    )


def test_management_client_credentials_token(emulator: Emulator) -> None:
    response = httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"grant_type": "client_credentials"},
    )
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 86400
    assert "realms:create" in body["scope"].split()
    token = _verify(body["access_token"], f"{emulator.management_issuer}/.well-known/jwks.json")
    assert token.header["typ"] == "JWT"
    assert token.header["alg"] == "RS256"
    assert KID.match(token.header["kid"])
    assert token.header["jku"] == f"{emulator.management_issuer}/.well-known/jwks.json"
    claims = token.claims
    app_path = f"tenants/{emulator.tenant_id}/realms/{emulator.admin_realm_id}/applications/{emulator.management_application_id}"
    assert claims["iss"] == emulator.management_issuer
    assert claims["sub"] == emulator.management_client_id
    assert claims["aud"] == ["beyondidentity"]
    assert claims["exp"] - claims["iat"] == 86400
    assert claims["nbf"] == claims["iat"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", claims["jti"])
    assert claims["scope"] == body["scope"]
    assert claims["azp"] == app_path
    assert claims["bi_p"] == app_path
    assert claims["bi_t"] == emulator.tenant_id
    assert claims["bi_r"] == "*"
    assert claims["bi_ty"] == "client_credentials"


def test_client_secret_post_scope_and_lifetime(emulator: Emulator) -> None:
    response = httpx.post(
        emulator.management_token_url,
        data={
            "grant_type": "client_credentials",
            "client_id": emulator.management_client_id,
            "client_secret": emulator.management_client_secret,
            "scope": "realms:read realms:read tenants:read",
            "expiration_time": "60",
            "custom_claims": json.dumps({"team": "infra"}),
        },
    )
    body = response.json()
    assert body["scope"] == "realms:read tenants:read"
    assert body["expires_in"] == 60
    claims = jwt.decode(
        body["access_token"],
        KeySet.import_key_set(
            httpx.get(f"{emulator.management_issuer}/.well-known/jwks.json").json()
        ),
    ).claims
    assert claims["exp"] - claims["iat"] == 60
    assert claims["bi_custom"] == {"team": "infra"}


@pytest.mark.parametrize(
    ("auth", "data", "headers", "status", "error"),
    [
        ("wrong", {"grant_type": "client_credentials"}, {}, 401, "invalid_client"),
        (
            None,
            {"grant_type": "client_credentials", "client_id": "nobody", "client_secret": "x"},
            {},
            401,
            "invalid_client",
        ),
        (None, {"grant_type": "client_credentials"}, {}, 401, "invalid_client"),
        ("ok", {}, {}, 400, "invalid_request"),
        ("ok", {"grant_type": "password"}, {}, 400, "unsupported_grant_type"),
        ("ok", {"grant_type": "authorization_code", "code": "x"}, {}, 400, "unauthorized_client"),
        (
            "ok",
            {"grant_type": "client_credentials", "scope": "pets:read"},
            {},
            400,
            "invalid_scope",
        ),
        (
            "ok",
            {"grant_type": "client_credentials", "expiration_time": "86401"},
            {},
            400,
            "invalid_request",
        ),
        (
            "ok",
            {"grant_type": "client_credentials", "custom_claims": "[1]"},
            {},
            400,
            "invalid_request",
        ),
        (
            "ok",
            {"grant_type": "client_credentials", "client_secret": "dup"},
            {},
            400,
            "invalid_request",
        ),
    ],
)
def test_token_endpoint_errors(
    emulator: Emulator,
    auth: str | None,
    data: dict[str, str],
    headers: dict[str, str],
    status: int,
    error: str,
) -> None:
    basic = None
    if auth == "ok":
        basic = (emulator.management_client_id, emulator.management_client_secret)
    elif auth == "wrong":
        basic = (emulator.management_client_id, "not-the-secret")
    response = httpx.post(emulator.management_token_url, auth=basic, data=data, headers=headers)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert "error_description" in response.json()
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Basic")


def test_token_endpoint_requires_a_form(emulator: Emulator) -> None:
    response = httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        json={"grant_type": "client_credentials"},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_resource_server_audience_for_other_apps(
    api: httpx.Client, emulator: Emulator, realm_id: str, rs: dict[str, Any]
) -> None:
    app = _create_app(api, realm_id, p.client_credentials_app(rs["id"]))
    pc = app["protocol_config"]
    issuer = emulator.issuer(realm_id, app["id"])
    body = _client_credentials(issuer, pc)
    claims = _verify(body["access_token"], f"{issuer}/.well-known/jwks.json").claims
    assert claims["aud"] == [pc["client_id"], rs["identifier"]]
    assert claims["bi_r"] == realm_id
    assert body["scope"] == "pets:read"
    assert body["expires_in"] == 600


def test_authorization_code_with_pkce_s256_end_to_end(
    emulator: Emulator, pkce_app: dict[str, Any]
) -> None:
    """A standard OIDC client: discovery, authorize, token, JWKS check, userinfo."""
    doc = _discover(emulator, pkce_app)
    pc = pkce_app["protocol_config"]
    verifier, challenge = p.pkce_pair()
    authorize = httpx.get(
        doc["authorization_endpoint"],
        params={
            "response_type": "code",
            "client_id": pc["client_id"],
            "redirect_uri": CALLBACK,
            "scope": "openid pets:read",
            "state": "xyz",
            "nonce": "n-0S6",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
    )
    redirect = _redirect_params(authorize)
    assert redirect["state"] == "xyz"
    token_response = _redeem_discovered(doc, pc, code=redirect["code"], code_verifier=verifier)
    assert token_response.status_code == 200, token_response.text
    tokens = token_response.json()
    assert set(tokens) == {"access_token", "id_token", "token_type", "expires_in", "scope"}
    assert tokens["scope"] == "openid pets:read"
    _check_id_token(tokens["id_token"], doc, pc["client_id"])
    _check_access_token(tokens["access_token"], doc, pc["client_id"], emulator, pkce_app)

    userinfo = httpx.get(
        doc["userinfo_endpoint"], headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert userinfo.status_code == 200
    assert userinfo.json()["sub"] == "alice@example.com"
    assert userinfo.json()["email"] == "alice@example.com"
    # The code is single-use.
    again = _redeem_discovered(doc, pc, code=redirect["code"], code_verifier=verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def _redeem_discovered(doc: dict[str, Any], pc: dict[str, Any], **form: str) -> httpx.Response:
    """A confidential client's code exchange at the token endpoint of the discovery document."""
    return httpx.post(
        doc["token_endpoint"],
        auth=(pc["client_id"], pc["client_secret"]),
        data={"grant_type": "authorization_code", "redirect_uri": CALLBACK, **form},
    )


def _check_id_token(token: str, doc: dict[str, Any], client_id: str) -> None:
    claims = _verify(token, doc["jwks_uri"]).claims
    assert claims["iss"] == doc["issuer"]
    assert claims["aud"] == client_id
    assert claims["sub"] == "alice@example.com"  # subject_field: email
    assert claims["email"] == "alice@example.com"
    assert claims["nonce"] == "n-0S6"
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": doc["issuer"]},
        aud={"essential": True, "value": client_id},
        exp={"essential": True},
    ).validate(claims)


def _check_access_token(
    token: str, doc: dict[str, Any], client_id: str, emulator: Emulator, app: dict[str, Any]
) -> None:
    access = _verify(token, doc["jwks_uri"]).claims
    assert access["aud"] == [client_id, "https://api.example.com"]
    assert access["bi_ty"] == "authorization_code"
    assert re.fullmatch(
        rf"tenants/{emulator.tenant_id}/realms/{app['realm_id']}/identities/[0-9a-f]{{16}}",
        access["bi_p"],
    )


def _client_credentials(issuer: str, pc: dict[str, Any]) -> dict[str, Any]:
    """The token answer of an application's client-credentials grant."""
    response = httpx.post(
        f"{issuer}/token",
        auth=(pc["client_id"], pc["client_secret"]),
        data={"grant_type": "client_credentials"},
    )
    return p.ok(response)


def _code(emulator: Emulator, app: dict[str, Any], **params: str) -> str:
    return _redirect_params(_authorize(emulator, app, **params))["code"]


def _redeem(emulator: Emulator, app: dict[str, Any], **form: str) -> httpx.Response:
    pc = app["protocol_config"]
    data = {"grant_type": "authorization_code", "redirect_uri": CALLBACK, **form}
    if pc["confidentiality"] == "public":
        data["client_id"] = pc["client_id"]
        return httpx.post(f"{emulator.issuer(app['realm_id'], app['id'])}/token", data=data)
    return httpx.post(
        f"{emulator.issuer(app['realm_id'], app['id'])}/token",
        auth=(pc["client_id"], pc["client_secret"]),
        data=data,
    )


def test_pkce_failures_are_invalid_grant(emulator: Emulator, pkce_app: dict[str, Any]) -> None:
    verifier, challenge = p.pkce_pair()
    pkce = {"code_challenge": challenge, "code_challenge_method": "S256"}
    wrong = _redeem(
        emulator, pkce_app, code=_code(emulator, pkce_app, **pkce), code_verifier=p.pkce_pair()[0]
    )
    assert wrong.json()["error"] == "invalid_grant"
    missing = _redeem(emulator, pkce_app, code=_code(emulator, pkce_app, **pkce))
    assert missing.json()["error"] == "invalid_grant"
    redirect = _redeem(
        emulator,
        pkce_app,
        code=_code(emulator, pkce_app, **pkce),
        code_verifier=verifier,
        redirect_uri="https://app.example.com/other",
    )
    assert redirect.json()["error"] == "invalid_grant"
    code = _code(emulator, pkce_app, **pkce)
    now = emulator.clock()
    emulator.clock = lambda: now + 61
    expired = _redeem(emulator, pkce_app, code=code, code_verifier=verifier)
    assert expired.json()["error"] == "invalid_grant"


def test_plain_pkce_public_client(
    api: httpx.Client, emulator: Emulator, realm_id: str, ac: dict[str, Any]
) -> None:
    app = _create_app(
        api, realm_id, p.oidc_app(None, ac["id"], confidentiality="public", pkce="plain")
    )
    verifier = p.pkce_pair()[0]
    code = _code(emulator, app, code_challenge=verifier)  # method defaults to plain
    response = _redeem(emulator, app, code=code, code_verifier=verifier)
    assert response.status_code == 200, response.text
    claims = _verify(
        response.json()["id_token"], f"{emulator.issuer(realm_id, app['id'])}/.well-known/jwks.json"
    ).claims
    assert re.fullmatch(r"[0-9a-f]{16}", claims["sub"])  # subject_field id
    # A public client must not present a secret.
    pc = app["protocol_config"]
    code = _code(emulator, app, code_challenge=verifier)
    with_secret = httpx.post(
        f"{emulator.issuer(realm_id, app['id'])}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "code_verifier": verifier,
            "client_id": pc["client_id"],
            "client_secret": "x",
        },
    )
    assert with_secret.status_code == 401


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "pets:read"}, "invalid_scope"),
        ({"scope": "openid pets:write"}, "invalid_scope"),
        ({}, "invalid_request"),  # s256 app without code_challenge
        ({"code_challenge": "a" * 43, "code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": "short", "code_challenge_method": "S256"}, "invalid_request"),
    ],
)
def test_authorize_errors_redirect_with_state(
    emulator: Emulator, pkce_app: dict[str, Any], params: dict[str, str], error: str
) -> None:
    redirect = _redirect_params(_authorize(emulator, pkce_app, **params))
    assert redirect["error"] == error
    assert redirect["state"] == "st-1"
    assert "code" not in redirect


@pytest.mark.parametrize(
    "params",
    [
        {"redirect_uri": "https://evil.example.com/cb"},
        {"client_id": "someone-else"},
        {"client_id": ""},
    ],
)
def test_authorize_without_trusted_redirect_is_400(
    emulator: Emulator, pkce_app: dict[str, Any], params: dict[str, str]
) -> None:
    response = _authorize(emulator, pkce_app, **params)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"


def test_authorize_uses_the_only_registered_redirect(
    emulator: Emulator, pkce_app: dict[str, Any]
) -> None:
    verifier, challenge = p.pkce_pair()
    code = _code(
        emulator, pkce_app, redirect_uri="", code_challenge=challenge, code_challenge_method="S256"
    )
    response = _redeem(emulator, pkce_app, code=code, code_verifier=verifier, redirect_uri="")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("subject_field", "identity", "expected"),
    [
        ("username", {}, "alice"),
        ("external_id", {"external_id": "ext-42"}, "ext-42"),
        ("email", {"email": "alice@example.com", "username": "al"}, "alice@example.com"),
    ],
)
def test_subject_field_chooses_the_sub_claim(
    api: httpx.Client,
    emulator: Emulator,
    realm_id: str,
    ac: dict[str, Any],
    subject_field: str,
    identity: dict[str, str],
    expected: str,
) -> None:
    if identity:
        emulator.add_identity(
            realm_id,
            email="alice@example.com",
            **{k: v for k, v in identity.items() if k != "email"},
        )
    app = _create_app(
        api,
        realm_id,
        p.oidc_app(
            None,
            ac["id"],
            token_configuration={"expires_after": 300, "subject_field": subject_field},
        ),
    )
    response = _redeem(emulator, app, code=_code(emulator, app))
    claims = _verify(
        response.json()["id_token"], f"{emulator.issuer(realm_id, app['id'])}/.well-known/jwks.json"
    ).claims
    assert claims["sub"] == expected


def test_userinfo_errors(emulator: Emulator, pkce_app: dict[str, Any]) -> None:
    url = f"{emulator.issuer(pkce_app['realm_id'], pkce_app['id'])}/userinfo"
    anonymous = httpx.get(url)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")
    machine = httpx.post(
        emulator.management_token_url,
        auth=(emulator.management_client_id, emulator.management_client_secret),
        data={"grant_type": "client_credentials"},
    ).json()["access_token"]
    assert httpx.get(url, headers={"Authorization": f"Bearer {machine}"}).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def test_userinfo_needs_openid_scope(
    api: httpx.Client, emulator: Emulator, realm_id: str, rs: dict[str, Any], ac: dict[str, Any]
) -> None:
    app = _create_app(api, realm_id, p.oidc_app(rs["id"], ac["id"], type="oauth2"))
    tokens = _redeem(emulator, app, code=_code(emulator, app, scope="pets:read")).json()
    assert "id_token" not in tokens
    url = f"{emulator.issuer(realm_id, app['id'])}/userinfo"
    response = httpx.get(url, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert response.status_code == 403
    assert response.json()["error"] == "insufficient_scope"


def test_referential_tokens_are_opaque(
    api: httpx.Client, emulator: Emulator, realm_id: str, ac: dict[str, Any]
) -> None:
    app = _create_app(api, realm_id, p.oidc_app(None, ac["id"], token_format="referential"))
    tokens = _redeem(emulator, app, code=_code(emulator, app)).json()
    assert tokens["access_token"].count(".") == 0
    url = f"{emulator.issuer(realm_id, app['id'])}/userinfo"
    response = httpx.get(url, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert response.json()["email"] == "alice@example.com"


def test_introspection(
    api: httpx.Client, emulator: Emulator, realm_id: str, rs: dict[str, Any]
) -> None:
    app = _create_app(api, realm_id, p.client_credentials_app(rs["id"]))
    pc = app["protocol_config"]
    issuer = emulator.issuer(realm_id, app["id"])
    token = _client_credentials(issuer, pc)["access_token"]
    url = f"{emulator.url}/v1/tenants/{emulator.tenant_id}/realms/{realm_id}/introspect"
    active = httpx.post(
        url, auth=(pc["client_id"], pc["client_secret"]), data={"token": token}
    ).json()
    assert active["active"] is True
    assert active["sub"] == pc["client_id"]
    inactive = httpx.post(
        url, auth=(pc["client_id"], pc["client_secret"]), data={"token": "nope"}
    ).json()
    assert inactive == {"active": False}
    denied = httpx.post(url, auth=(pc["client_id"], "wrong"), data={"token": token})
    assert denied.status_code == 401


def test_basic_credentials_are_form_decoded(api: httpx.Client, emulator: Emulator) -> None:
    # RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
    raw = f"{emulator.management_client_id}:{emulator.management_client_secret}".replace("-", "%2D")
    header = "Basic " + base64.b64encode(raw.encode()).decode()
    response = httpx.post(
        emulator.management_token_url,
        headers={"Authorization": header},
        data={"grant_type": "client_credentials"},
    )
    assert response.status_code == 200


def test_browser_sees_the_sign_in_page_and_its_button_signs_in(
    emulator: Emulator, pkce_app: dict[str, Any]
) -> None:
    challenge = base64.urlsafe_b64encode(b"v" * 32).rstrip(b"=").decode()
    params = {"code_challenge": challenge, "code_challenge_method": "S256", "nonce": "n-1"}
    page = _authorize(emulator, pkce_app, **params)
    assert page.status_code == 302  # no Accept: text/html -> signed in at once (API clients)
    issuer = emulator.issuer(pkce_app["realm_id"], pkce_app["id"])
    query = {
        "response_type": "code",
        "client_id": pkce_app["protocol_config"]["client_id"],
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "state": "st-1",
        **params,
    }
    html = httpx.get(f"{issuer}/authorize", params=query, headers={"Accept": "text/html"})
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "id=identity>alice@example.com<" in html.text
    assert "id=passkey type=submit" in html.text
    fields = dict(re.findall(r'<input type=hidden name="([^"]+)" value="([^"]*)">', html.text))
    assert fields == query
    # The button: a form POST of the same parameters to /authorize.
    signed_in = httpx.post(f"{issuer}/authorize", data=fields)
    back = _redirect_params(signed_in)
    assert back["state"] == "st-1"
    assert "code" in back


def test_sign_in_page_is_not_shown_for_an_invalid_request(
    emulator: Emulator, pkce_app: dict[str, Any]
) -> None:
    issuer = emulator.issuer(pkce_app["realm_id"], pkce_app["id"])
    query = {
        "response_type": "code",
        "client_id": pkce_app["protocol_config"]["client_id"],
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "state": "st-1",
    }  # no PKCE, which this app requires
    answer = httpx.get(f"{issuer}/authorize", params=query, headers={"Accept": "text/html"})
    assert _redirect_params(answer)["error"] == "invalid_request"
    repeated = httpx.post(
        f"{issuer}/authorize",
        content="state=a&state=b",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert repeated.status_code == 400
    assert repeated.json()["error"] == "invalid_request"
