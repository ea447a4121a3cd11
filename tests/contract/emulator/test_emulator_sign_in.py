"""Who signs in at ``/authorize``: the realm's identities, ``login_hint``, suspended
identities and the virtual test identity (browser-free: the page is read as HTML)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from helpers import builders as p
from helpers.directory_bodies import identity_body
from joserfc import jwt
from joserfc.jwk import KeySet

from beyondidentity_emulator import Emulator
from beyondidentity_emulator.__main__ import _parser

CALLBACK = "https://app.example.com/callback"
TEST_USER = "alice@example.com"  # the suite's test user (tests/conftest.py)


@pytest.fixture
def app(api: httpx.Client, realm_id: str, ac: dict[str, Any]) -> dict[str, Any]:
    """A confidential OIDC app without PKCE whose `sub` is the identity ID."""
    return p.ok(
        api.post(
            f"/realms/{realm_id}/applications",
            json=p.oidc_app(
                None, ac["id"], token_configuration={"expires_after": 300, "subject_field": "id"}
            ),
        )
    )


def _person(
    api: httpx.Client, realm_id: str, username: str, email: str, **extra: Any
) -> dict[str, Any]:
    created = p.ok(
        api.post(
            f"/realms/{realm_id}/identities",
            json=identity_body(
                username, display_name=username.title(), primary_email_address=email
            ),
        )
    )
    if extra:
        url = f"/realms/{realm_id}/identities/{created['id']}"
        created = p.ok(api.patch(url, json={"identity": extra}))
    return created


def _query(app: dict[str, Any], **params: str) -> dict[str, str]:
    return {
        "response_type": "code",
        "client_id": app["protocol_config"]["client_id"],
        "redirect_uri": CALLBACK,
        "scope": "openid",
        "state": "st-1",
        **params,
    }


def _issuer(emulator: Emulator, app: dict[str, Any]) -> str:
    return emulator.issuer(app["realm_id"], app["id"])


def _page(emulator: Emulator, app: dict[str, Any], **params: str) -> httpx.Response:
    return httpx.get(
        f"{_issuer(emulator, app)}/authorize",
        params=_query(app, **params),
        headers={"Accept": "text/html"},
    )


def _back(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 302, response.text
    assert response.headers["location"].startswith(CALLBACK)
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["location"]).query).items()}


def _id_token(emulator: Emulator, app: dict[str, Any], code: str) -> dict[str, Any]:
    pc = app["protocol_config"]
    tokens = p.ok(
        httpx.post(
            f"{_issuer(emulator, app)}/token",
            auth=(pc["client_id"], pc["client_secret"]),
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK},
        )
    )
    keys = KeySet.import_key_set(
        httpx.get(f"{_issuer(emulator, app)}/.well-known/jwks.json").json()
    )
    claims: dict[str, Any] = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"]).claims
    return claims


def _press(emulator: Emulator, app: dict[str, Any], page: httpx.Response, button: str) -> str:
    """Submit the page's form with the button ``button`` (an element id); return the code."""
    fields = dict(re.findall(r'<input type=hidden name="([^"]+)" value="([^"]*)">', page.text))
    match = re.search(
        rf'<button id="?{re.escape(button)}"? type=submit name=identity_id value="([^"]+)"',
        page.text,
    )
    assert match, page.text
    signed_in = httpx.post(
        f"{_issuer(emulator, app)}/authorize", data={**fields, "identity_id": match.group(1)}
    )
    return _back(signed_in)["code"]


def test_the_page_offers_each_identity_and_its_button_signs_that_one_in(
    emulator: Emulator, api: httpx.Client, app: dict[str, Any]
) -> None:
    realm_id = app["realm_id"]
    bob = _person(api, realm_id, "bob", "bob@example.com")
    carol = _person(api, realm_id, "carol", "carol@example.com")
    page = _page(emulator, app)
    assert page.status_code == 200
    assert f'id="identity-{bob["id"]}">bob@example.com<' in page.text
    assert f'id="identity-{carol["id"]}">carol@example.com<' in page.text
    assert TEST_USER not in page.text  # the virtual identity is only a fallback
    claims = _id_token(emulator, app, _press(emulator, app, page, f"passkey-{carol['id']}"))
    assert claims["sub"] == carol["id"]
    assert claims["email"] == "carol@example.com"
    assert claims["preferred_username"] == "carol"
    assert claims["name"] == "Carol"


def test_one_identity_keeps_the_single_button_page(
    emulator: Emulator, api: httpx.Client, app: dict[str, Any]
) -> None:
    dave = _person(api, app["realm_id"], "dave", "dave@example.com")
    page = _page(emulator, app)
    assert "id=identity>dave@example.com<" in page.text
    claims = _id_token(emulator, app, _press(emulator, app, page, "passkey"))
    assert claims["sub"] == dave["id"]


def test_login_hint_selects_the_identity(
    emulator: Emulator, api: httpx.Client, app: dict[str, Any]
) -> None:
    realm_id = app["realm_id"]
    _person(api, realm_id, "erin", "erin@example.com")
    frank = _person(api, realm_id, "frank", "frank@example.com")
    for hint in ("FRANK", "Frank@Example.com", frank["id"]):
        page = _page(emulator, app, login_hint=hint)
        assert "id=identity>frank@example.com<" in page.text, hint
        code = _back(
            httpx.get(f"{_issuer(emulator, app)}/authorize", params=_query(app, login_hint=hint))
        )
        assert _id_token(emulator, app, code["code"])["sub"] == frank["id"]
    nobody = _back(_page(emulator, app, login_hint="nobody"))
    assert nobody["error"] == "access_denied"
    assert nobody["state"] == "st-1"


def test_api_clients_sign_in_the_test_user_else_the_oldest_identity(
    emulator: Emulator, api: httpx.Client, app: dict[str, Any]
) -> None:
    realm_id = app["realm_id"]
    grace = _person(api, realm_id, "grace", "grace@example.com")
    url = f"{_issuer(emulator, app)}/authorize"
    code = _back(httpx.get(url, params=_query(app)))["code"]
    assert _id_token(emulator, app, code)["sub"] == grace["id"]
    alice = _person(api, realm_id, "alice", TEST_USER)
    code = _back(httpx.get(url, params=_query(app)))["code"]
    assert _id_token(emulator, app, code)["sub"] == alice["id"]


def test_a_suspended_identity_cannot_sign_in(
    emulator: Emulator, api: httpx.Client, app: dict[str, Any]
) -> None:
    realm_id = app["realm_id"]
    active = _person(api, realm_id, "henry", "henry@example.com")
    held = _person(api, realm_id, "ivy", "ivy@example.com", status="suspended")
    page = _page(emulator, app)
    assert "id=identity>henry@example.com<" in page.text
    assert "ivy@example.com" not in page.text
    refused = _back(_page(emulator, app, login_hint="ivy"))
    assert refused["error"] == "access_denied"
    assert "suspended" in refused["error_description"]
    # Pressing a button for the suspended identity anyway is refused too.
    fields = dict(re.findall(r'<input type=hidden name="([^"]+)" value="([^"]*)">', page.text))
    forged = httpx.post(
        f"{_issuer(emulator, app)}/authorize", data={**fields, "identity_id": held["id"]}
    )
    assert _back(forged)["error"] == "access_denied"
    p.ok(
        api.patch(
            f"/realms/{realm_id}/identities/{active['id']}",
            json={"identity": {"status": "suspended"}},
        )
    )
    assert _back(_page(emulator, app))["error"] == "access_denied"


def test_virtual_test_identity_is_the_fallback_of_an_empty_realm(
    emulator: Emulator, app: dict[str, Any]
) -> None:
    page = _page(emulator, app)
    assert f"id=identity>{TEST_USER}<" in page.text
    claims = _id_token(emulator, app, _press(emulator, app, page, "passkey"))
    assert claims["email"] == TEST_USER
    assert emulator.store.identities(app["realm_id"]) == []  # never stored


@pytest.fixture
def strict_emulator(emulator_signing_key: dict[str, Any]) -> Iterator[Emulator]:
    emu = Emulator(
        tenant_id="000176d94fd7b4d1",
        api_token="test-api-token",
        test_user_email=TEST_USER,
        signing_key=emulator_signing_key,
        virtual_test_identity=False,
    )
    with emu:
        yield emu


def test_without_the_virtual_identity_an_empty_realm_refuses_sign_in(
    strict_emulator: Emulator,
) -> None:
    emu = strict_emulator
    with httpx.Client(
        base_url=f"{emu.url}/v1/tenants/{emu.tenant_id}",
        headers={"Authorization": f"Bearer {emu.api_token}"},
    ) as api:
        realm_id = p.ok(api.post("/realms", json=p.realm("Strict")))["id"]
        ac = p.ok(api.post(f"/realms/{realm_id}/authenticator-configs", json=p.hosted_web()))
        app = p.ok(api.post(f"/realms/{realm_id}/applications", json=p.oidc_app(None, ac["id"])))
        refused = _back(_page(emu, app))
        assert refused["error"] == "access_denied"
        assert "no identity" in refused["error_description"]
        judy = _person(api, realm_id, "judy", "judy@example.com")
        code = _back(httpx.get(f"{_issuer(emu, app)}/authorize", params=_query(app)))["code"]
        assert _id_token(emu, app, code)["email"] == "judy@example.com"
        userinfo = httpx.get(
            f"{_issuer(emu, app)}/userinfo",
            headers={"Authorization": f"Bearer {_access_token(emu, app, judy)}"},
        )
        assert p.ok(userinfo)["preferred_username"] == "judy"


def _access_token(emulator: Emulator, app: dict[str, Any], identity: dict[str, Any]) -> str:
    code = _back(
        httpx.get(
            f"{_issuer(emulator, app)}/authorize",
            params=_query(app, login_hint=identity["traits"]["username"]),
        )
    )["code"]
    pc = app["protocol_config"]
    tokens = p.ok(
        httpx.post(
            f"{_issuer(emulator, app)}/token",
            auth=(pc["client_id"], pc["client_secret"]),
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK},
        )
    )
    return str(tokens["access_token"])


def test_command_line_switches_the_virtual_identity() -> None:
    base = ["--tenant-id", "000176d94fd7b4d1", "--api-token", "t"]
    assert _parser().parse_args(base).virtual_test_identity is True
    assert (
        _parser().parse_args([*base, "--no-virtual-test-identity"]).virtual_test_identity is False
    )
