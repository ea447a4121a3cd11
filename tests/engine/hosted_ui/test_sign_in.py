"""The guide's "Test OIDC connection" and "Obtain code and tokens" against the deployed dev
stack, headless: Cognito's endpoints (local/cognito_hosted_ui) read the deployed wiring from
moto, and a mis-wired stack fails with Cognito's errors."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from helpers.hosted_ui_harness import (
    TEST_USER,
    SignedInStack,
    explain,
    provider_link,
    query,
    sign_in_walk,
    walk,
)
from joserfc import jwt
from joserfc.jwk import KeySet

from sample_app import Settings, SignInError, verify_id_token

pytestmark = pytest.mark.engine


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_url(s: SignedInStack, challenge: str, **overrides: str) -> str:
    params = {
        "response_type": "code",
        "client_id": s.outputs["userPoolClientId"],
        "redirect_uri": s.app_url,
        "scope": "openid email profile",
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "identity_provider": s.outputs["identityProviderName"],
        **overrides,
    }
    return f"{s.outputs['baseUrl']}/oauth2/authorize?{urlencode(params)}"


def code_for(s: SignedInStack, http: httpx.Client, challenge: str) -> str:
    """Sign in up to the redirect back to the app; return the code."""
    hops = walk(http, authorize_url(s, challenge), stop_at_app=s.app_url)
    back = query(hops[-1].headers["location"])
    assert "code" in back, explain(hops)
    assert back.get("state") == "st-1", explain(hops)
    return back["code"]


def token(s: SignedInStack, http: httpx.Client, **form: str) -> httpx.Response:
    return http.post(f"{s.outputs['baseUrl']}/oauth2/token", data=form)


def pool_keys(s: SignedInStack, http: httpx.Client) -> KeySet:
    jwks = http.get(f"{s.outputs['userPoolIssuer']}/.well-known/jwks.json").raise_for_status()
    return KeySet.import_key_set(jwks.json())


def test_sample_app_signs_in_through_cognito_and_beyond_identity(
    signed_in_stack: SignedInStack,
) -> None:
    s = signed_in_stack
    with s.http() as http:
        final = http.get(f"{s.app_url}/login", follow_redirects=True)
        assert final.status_code == 200, explain([*final.history, final])
        hops = [urlsplit(str(r.url)) for r in [*final.history, final]]
        base = urlsplit(s.outputs["baseUrl"]).netloc
        bi = urlsplit(s.emulator.url).netloc
        assert [(h.netloc, h.path) for h in hops] == [
            (urlsplit(s.app_url).netloc, "/login"),
            (base, "/oauth2/authorize"),
            (base, "/login"),  # no identity_provider: Cognito's page; its button is a link
        ]
        # Cognito's hosted page lists the provider enabled on the client; follow its button.
        final = http.get(provider_link(final), follow_redirects=True)
        assert final.status_code == 200, explain([*final.history, final])
        path = [(urlsplit(str(r.url)).netloc, urlsplit(str(r.url)).path) for r in final.history]
        assert path[0] == (base, "/oauth2/authorize")
        assert path[1][0] == bi
        assert path[1][1].endswith("/authorize")
        assert path[2] == (base, "/oauth2/idpresponse")
        assert path[3][0] == urlsplit(s.app_url).netloc  # the callback with ?code=
        assert "id=email>alice@example.com<" in final.text
        me = http.get(f"{s.app_url}/me").json()
    assert me["email"] == TEST_USER
    assert me["cognito:username"] == f"BeyondIdentity_{TEST_USER}"
    assert me["identities"][0]["providerName"] == "BeyondIdentity"
    assert me["identities"][0]["providerType"] == "OIDC"
    # The federated user exists in the pool, with the mapped email.
    users = s.cognito().list_users(UserPoolId=s.outputs["userPoolId"])["Users"]
    emails = [{a["Name"]: a["Value"] for a in u["Attributes"]}.get("email") for u in users]
    assert TEST_USER in emails


def exchange_code_once(
    s: SignedInStack, http: httpx.Client, verifier: str, code: str
) -> dict[str, Any]:
    """Trade the code for tokens; the same code a second time is refused."""
    form = {
        "grant_type": "authorization_code",
        "client_id": s.outputs["userPoolClientId"],
        "code": code,
        "redirect_uri": s.app_url,
        "code_verifier": verifier,
    }
    answer = token(s, http, **form)
    assert answer.status_code == 200, answer.text
    tokens: dict[str, Any] = answer.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] == 3600
    # the code is single-use
    again = token(s, http, **form)
    assert (again.status_code, again.json()) == (400, {"error": "invalid_grant"})
    return tokens


def check_claims(
    s: SignedInStack, discovery: dict[str, Any], id_claims: dict[str, Any], access: dict[str, Any]
) -> None:
    """The ID and access tokens come from the pool's issuer, for the client and the user."""
    client_id = s.outputs["userPoolClientId"]
    issuer = s.outputs["userPoolIssuer"]
    assert issuer == f"https://cognito-idp.us-east-1.amazonaws.com/{s.outputs['userPoolId']}"
    assert discovery["issuer"] == issuer
    assert id_claims["iss"] == issuer
    assert access["iss"] == issuer
    assert id_claims["aud"] == client_id
    assert access["client_id"] == client_id
    assert (id_claims["token_use"], access["token_use"]) == ("id", "access")
    assert id_claims["nonce"] == "n-1"
    assert id_claims["cognito:username"] == f"BeyondIdentity_{TEST_USER}"
    assert id_claims["email"] == TEST_USER
    assert id_claims["identities"][0]["userId"] == TEST_USER
    assert access["scope"] == "openid email profile"
    assert access["username"] == id_claims["cognito:username"]


def test_tokens_refresh_user_info_and_pool_jwks(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    verifier, challenge = pkce()
    with s.http() as http:
        tokens = exchange_code_once(s, http, verifier, code_for(s, http, challenge))
        keys = pool_keys(s, http)
        id_claims = jwt.decode(tokens["id_token"], keys).claims
        access = jwt.decode(tokens["access_token"], keys).claims
        info = http.get(
            f"{s.outputs['baseUrl']}/oauth2/userInfo",
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
        )
        refreshed = token(
            s,
            http,
            grant_type="refresh_token",
            client_id=s.outputs["userPoolClientId"],
            refresh_token=tokens["refresh_token"],
        )
        bad_info = http.get(
            f"{s.outputs['baseUrl']}/oauth2/userInfo", headers={"Authorization": "Bearer nope"}
        )
        discovery = http.get(
            f"{s.outputs['userPoolIssuer']}/.well-known/openid-configuration"
        ).json()
    check_claims(s, discovery, id_claims, access)
    assert info.status_code == 200, info.text
    assert info.json()["email"] == TEST_USER
    assert info.json()["sub"] == id_claims["sub"]
    assert json.loads(info.json()["identities"])[0]["providerName"] == "BeyondIdentity"
    assert refreshed.status_code == 200, refreshed.text
    assert "refresh_token" not in refreshed.json()
    assert jwt.decode(refreshed.json()["id_token"], keys).claims["sub"] == id_claims["sub"]
    assert bad_info.status_code == 401
    assert bad_info.json()["error"] == "invalid_token"
    assert "Bearer" in bad_info.headers["www-authenticate"]


def test_hosted_ui_url_output_is_the_sign_in_page(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    with s.http() as http:
        page = http.get(s.outputs["hostedUiUrl"])
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Sign in with BeyondIdentity" in page.text


def test_logout_returns_to_a_registered_logout_url_only(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    base, client_id = s.outputs["baseUrl"], s.outputs["userPoolClientId"]
    with s.http() as http:
        good = http.get(
            f"{base}/logout",
            params={"client_id": client_id, "logout_uri": f"{s.app_url}/signed-out"},
        )
        bad = http.get(
            f"{base}/logout", params={"client_id": client_id, "logout_uri": f"{s.app_url}/x"}
        )
    assert good.status_code == 302
    assert good.headers["location"] == f"{s.app_url}/signed-out"
    assert bad.status_code == 302
    assert query(bad.headers["location"]) == {"error": "redirect_mismatch", "client_id": client_id}


# --- negative cases: each mis-wiring fails with the error Cognito gives -------------------------


def app_error(s: SignedInStack, *, never_shown: str = "") -> dict[str, str]:
    """Run the sample app's sign-in; return the error Cognito sent back to the callback.

    ``never_shown`` (e.g. a client secret) must not appear in any URL, header or page.
    """
    with s.http() as http:
        hops = sign_in_walk(s, http)
    if never_shown:
        for hop in hops:
            seen = f"{hop.request.url} {hop.headers} {hop.text}"
            assert never_shown not in seen
    final = hops[-1]
    assert final.status_code == 400, explain(hops)
    callbacks = [
        query(r.headers["location"])
        for r in hops
        if r.is_redirect and r.headers["location"].startswith(f"{s.app_url}?")
    ]
    assert callbacks, explain(hops)
    return callbacks[-1]


def test_wrong_client_secret_in_the_identity_provider(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    with s.changed_provider(client_secret="stale-secret-after-a-replacement"):
        error = app_error(s, never_shown="stale-secret-after-a-replacement")
    assert error["error"] == "invalid_request"
    assert error["error_description"] == "invalid_client"
    assert "code" not in error


def test_wrong_issuer_in_the_identity_provider(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    real = s.outputs["issuer"]
    with s.changed_provider(oidc_issuer=real + "0"):
        error = app_error(s)
    assert error == {
        "error": "invalid_request",
        "error_description": f"Bad id_token issuer {real}",
        "state": error["state"],
    }


def test_identity_provider_not_enabled_on_the_client(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    with s.changed_client(SupportedIdentityProviders=["COGNITO"]), s.http() as http:
        hops = walk(http, authorize_url(s, pkce()[1]), stop_at_app=s.app_url)
    error = query(hops[-1].headers["location"])
    assert error["error"] == "invalid_request"
    assert error["error_description"] == "Login option is not available. Please try another one"


def test_scope_the_client_may_not_request(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    with s.changed_client(AllowedOAuthScopes=["openid", "email"]):
        error = app_error(s)  # the sample app asks for openid email profile
    assert error["error"] == "invalid_scope"


def test_unregistered_callback(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    with s.changed_client(CallbackURLs=["https://app.example.com/callback"]), s.http() as http:
        hops = walk(http, f"{s.app_url}/login")
    to_error = hops[-2].headers["location"]
    assert urlsplit(to_error).path == "/error"
    assert query(to_error) == {
        "error": "redirect_mismatch",
        "client_id": s.outputs["userPoolClientId"],
    }
    assert hops[-1].status_code == 400
    assert "An error was encountered with the requested page." in hops[-1].text
    # nothing reached the app's callback
    assert not any(
        r.is_redirect and r.headers["location"].startswith(f"{s.app_url}?") for r in hops
    )


def test_pkce_verifier_mismatch(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    _, challenge = pkce()
    other_verifier, _ = pkce()
    with s.http() as http:
        code = code_for(s, http, challenge)
        answer = token(
            s,
            http,
            grant_type="authorization_code",
            client_id=s.outputs["userPoolClientId"],
            code=code,
            redirect_uri=s.app_url,
            code_verifier=other_verifier,
        )
        no_verifier = token(
            s,
            http,
            grant_type="authorization_code",
            client_id=s.outputs["userPoolClientId"],
            code=code_for(s, http, challenge),
            redirect_uri=s.app_url,
        )
    assert (answer.status_code, answer.json()) == (400, {"error": "invalid_grant"})
    assert (no_verifier.status_code, no_verifier.json()) == (400, {"error": "invalid_grant"})


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": "client_credentials"}, "unsupported_grant_type"),
        ({"grant_type": "authorization_code", "client_secret": "x"}, "invalid_client"),
        (
            {"grant_type": "authorization_code", "code": "nope", "redirect_uri": "<app>"},
            "invalid_grant",
        ),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, "invalid_grant"),
    ],
)
def test_token_endpoint_errors(
    signed_in_stack: SignedInStack, form: dict[str, Any], error: str
) -> None:
    s = signed_in_stack
    form = {k: s.app_url if v == "<app>" else v for k, v in form.items()}
    with s.http() as http:
        answer = token(s, http, client_id=s.outputs["userPoolClientId"], **form)
    assert (answer.status_code, answer.json()) == (400, {"error": error})


def test_unknown_client_and_plain_pkce(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    with s.http() as http:
        unknown = http.get(authorize_url(s, pkce()[1], client_id="0" * 26))
        plain = walk(
            http,
            authorize_url(s, pkce()[1], code_challenge_method="plain"),
            stop_at_app=s.app_url,
        )
    assert query(unknown.headers["location"])["error"] == "invalid_request"
    assert urlsplit(unknown.headers["location"]).path == "/error"
    assert query(plain[-1].headers["location"])["error"] == "invalid_request"


def test_token_redirect_uri_must_be_registered_and_match(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    verifier, challenge = pkce()
    with s.http() as http:
        form: dict[str, str] = {
            "grant_type": "authorization_code",
            "client_id": s.outputs["userPoolClientId"],
            "code": code_for(s, http, challenge),
            "code_verifier": verifier,
        }
        slash = token(s, http, **form, redirect_uri=s.app_url + "/")
        # refused before the code was spent: the right redirect_uri still redeems it
        good = token(s, http, **form, redirect_uri=s.app_url)
        form["code"] = code_for(s, http, challenge)
        with s.changed_client(CallbackURLs=[s.app_url, f"{s.app_url}/other"]):
            other = token(s, http, **form, redirect_uri=f"{s.app_url}/other")
    assert (slash.status_code, slash.json()) == (400, {"error": "unauthorized_client"})
    assert good.status_code == 200
    assert (other.status_code, other.json()) == (400, {"error": "invalid_grant"})


def test_attribute_mapping_is_applied(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    mapping = {"email": "email", "username": "sub", "name": "name", "nickname": "no_such_claim"}
    with s.changed_provider(mapping=mapping), s.http() as http:
        hops = sign_in_walk(s, http)
        assert hops[-1].status_code == 200, explain(hops)
        me = http.get(f"{s.app_url}/me").json()
    assert me["email"] == TEST_USER  # now from the email claim
    assert me["name"] == "alice"  # the identity's display name, newly mapped
    assert "nickname" not in me  # a claim the provider does not send is skipped
    users = s.cognito().list_users(UserPoolId=s.outputs["userPoolId"])["Users"]
    names = [{a["Name"]: a["Value"] for a in u["Attributes"]}.get("name") for u in users]
    assert names == ["alice"]


def test_sample_app_refuses_tokens_it_did_not_ask_for(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    verifier, challenge = pkce()
    with s.http() as http:
        tokens = token(
            s,
            http,
            grant_type="authorization_code",
            client_id=s.outputs["userPoolClientId"],
            code=code_for(s, http, challenge),
            redirect_uri=s.app_url,
            code_verifier=verifier,
        ).json()
        jwks = http.get(f"{s.outputs['userPoolIssuer']}/.well-known/jwks.json").json()
        # a callback whose state this browser never started
        replay = http.get(s.app_url, params={"code": "x", "state": "never-started"})
    settings = Settings(
        domain_url=s.outputs["baseUrl"],
        client_id=s.outputs["userPoolClientId"],
        issuer=s.outputs["userPoolIssuer"],
        redirect_uri=s.app_url,
    )
    assert verify_id_token(tokens["id_token"], jwks, settings, "n-1")["token_use"] == "id"
    for wrong, nonce in [
        (replace(settings, client_id="another-client"), "n-1"),
        (replace(settings, issuer=settings.issuer + "x"), "n-1"),
        (settings, "another-nonce"),
    ]:
        with pytest.raises(SignInError):
            verify_id_token(tokens["id_token"], jwks, wrong, nonce)
    with pytest.raises(SignInError):  # an access token is not an ID token
        verify_id_token(tokens["access_token"], jwks, settings, "n-1")
    assert replay.status_code == 400
    assert "unknown or replayed state" in replay.text


def test_token_lifetimes_follow_the_app_client(signed_in_stack: SignedInStack) -> None:
    s = signed_in_stack
    verifier, challenge = pkce()
    policy = {
        "IdTokenValidity": 5,
        "AccessTokenValidity": 2,
        "TokenValidityUnits": {
            "IdToken": "minutes",
            "AccessToken": "hours",
            "RefreshToken": "days",
        },
    }
    with s.changed_client(**policy), s.http() as http:
        answer = token(
            s,
            http,
            grant_type="authorization_code",
            client_id=s.outputs["userPoolClientId"],
            code=code_for(s, http, challenge),
            redirect_uri=s.app_url,
            code_verifier=verifier,
        )
        keys = pool_keys(s, http)
    tokens = answer.json()
    id_claims = jwt.decode(tokens["id_token"], keys).claims
    access = jwt.decode(tokens["access_token"], keys).claims
    assert id_claims["exp"] - id_claims["iat"] == 5 * 60
    assert access["exp"] - access["iat"] == 2 * 3600
    assert tokens["expires_in"] == 2 * 3600


# --- the signed-in stack is this folder's own ---------------------------------------------------


def test_a_moto_reset_elsewhere_leaves_the_signed_in_stack_alone(
    signed_in_stack: SignedInStack, moto: str
) -> None:
    # Why: under xdist a worker ran other folders' engine tests between this folder's tests
    # (the `moto` fixture's reset, a dev stack deployed under the same domain prefix) while
    # the signed-in stack stayed set up; the next sign-in ended on the hosted UI's error page
    # (unknown_domain). `moto` here resets the session's moto server as such a test does.
    s = signed_in_stack
    verifier, challenge = pkce()
    with s.http() as http:
        tokens = exchange_code_once(s, http, verifier, code_for(s, http, challenge))
    assert tokens["id_token"]
    pools = s.cognito().list_user_pools(MaxResults=10)["UserPools"]
    assert [p["Id"] for p in pools] == [s.outputs["userPoolId"]]
