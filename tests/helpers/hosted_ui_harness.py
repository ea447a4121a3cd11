"""Handles and helpers for the tests of Cognito's endpoints against the deployed dev stack.

``signed_in_stack`` (session scope, ``tests/engine/hosted_ui/conftest.py``): the real
program (``__main__.py``) through the real engine against a Beyond Identity emulator and a
moto server of its own (``helpers.aws.private_moto_server``), the
``cognito_hosted_ui`` emulator reading that moto, and the sample app on a free
``localhost`` port registered as the app client's callback URL. Tests that mis-wire the
stack change moto with boto3 and put it back (``changed_client``, ``changed_provider``).
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import boto3
import httpx
from starlette.types import Receive, Scope, Send

from beyondidentity_emulator import Emulator
from cognito_hosted_ui import CognitoHostedUi
from helpers.stack_harness import REGION, Deployment

TEST_USER = "alice@example.com"
PROJECT = "beyondidentity-cognito"


class _LateApp:
    """An ASGI app set after the server is listening (the port must be known before deploy)."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


@dataclass
class SignedInStack:
    """Handles on the deployed stack and the services around it."""

    deployment: Deployment
    outputs: dict[str, Any]
    ui: CognitoHostedUi
    app_url: str
    emulator: Emulator

    def http(self) -> httpx.Client:
        """A fresh browser-like client (own cookies) with Cognito's names mapped."""
        return self.ui.client(timeout=15.0)

    def cognito(self) -> Any:
        return boto3.client(
            "cognito-idp",
            endpoint_url=self.deployment.moto_url,
            region_name=REGION,
            aws_access_key_id="e2e",
            aws_secret_access_key="e2e-moto",
        )

    @contextlib.contextmanager
    def changed_client(self, **changes: Any) -> Iterator[None]:
        """Update the app client in moto for the block, then restore the changed fields."""
        idp = self.cognito()
        ids = {
            "UserPoolId": self.outputs["userPoolId"],
            "ClientId": self.outputs["userPoolClientId"],
        }
        before = idp.describe_user_pool_client(**ids)["UserPoolClient"]
        idp.update_user_pool_client(**ids, **changes)
        try:
            yield
        finally:
            # moto merges updates: a field that was not set comes back empty, as far as it can.
            restore = {
                k: before[k] if k in before else type(v)()
                for k, v in changes.items()
                if k in before or isinstance(v, list | dict)
            }
            idp.update_user_pool_client(**ids, **restore)

    @contextlib.contextmanager
    def changed_provider(
        self, mapping: dict[str, str] | None = None, **details: str
    ) -> Iterator[None]:
        """Change details (and the attribute mapping) of the identity provider for the block."""
        idp = self.cognito()
        ids = {
            "UserPoolId": self.outputs["userPoolId"],
            "ProviderName": self.outputs["identityProviderName"],
        }
        before = idp.describe_identity_provider(**ids)["IdentityProvider"]
        idp.update_identity_provider(
            **ids,
            ProviderDetails={**before["ProviderDetails"], **details},
            AttributeMapping=mapping or before["AttributeMapping"],
        )
        try:
            yield
        finally:
            idp.update_identity_provider(
                **ids,
                ProviderDetails=before["ProviderDetails"],
                AttributeMapping=before["AttributeMapping"],
            )


def page_text(response: httpx.Response) -> str:
    """An HTML answer's visible text on one line (styles and tags dropped)."""
    text = re.sub(r"<style>.*?</style>", " ", response.text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def explain(hops: list[httpx.Response]) -> str:
    """The walk, one hop a line, and the message of the error page it ended on, if any.

    A hop reads ``status URL -> location`` (redirects) or ``status URL [type, size]: text``.
    """
    lines = []
    for hop in hops:
        line = f"  {hop.status_code} {hop.request.url}"
        if hop.is_redirect:
            line += f" -> {hop.headers.get('location')}"
        else:
            kind = hop.headers.get("content-type", "?").split(";")[0]
            line += f" [{kind}, {len(hop.content)} bytes]: {page_text(hop)[:300]}"
        lines.append(line)
    last = hops[-1] if hops else None
    if last is not None and urlsplit(str(last.request.url)).path == "/error":
        error = query(str(last.request.url)).get("error", "")
        lines.insert(0, f"the hosted UI's error page: error={error!r}")
    return "\n".join(lines)


def walk(http: httpx.Client, url: str, *, stop_at_app: str | None = None) -> list[httpx.Response]:
    """Follow redirects one by one; stop before requesting ``stop_at_app`` (a URL prefix).

    With ``stop_at_app``, a walk that ends anywhere else (Cognito's ``/error`` page, say)
    fails, saying where it ended and why (:func:`explain`).
    """
    hops: list[httpx.Response] = []
    for _ in range(20):
        response = http.get(url)
        hops.append(response)
        if not response.is_redirect:
            if stop_at_app:
                raise AssertionError(f"the walk ended before {stop_at_app}:\n{explain(hops)}")
            return hops
        url = urljoin(str(response.url), response.headers["location"])
        if stop_at_app and url.startswith(stop_at_app):
            hops.append(httpx.Response(302, headers={"location": url}, request=response.request))
            return hops
    raise AssertionError(f"too many redirects:\n{explain(hops)}")


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def provider_link(page: httpx.Response, provider: str = "BeyondIdentity") -> str:
    """The absolute URL behind a provider's button on Cognito's hosted page."""
    marker = f'id="idp-{provider}" href="'
    assert marker in page.text, page.text
    link = page.text.split(marker, 1)[1].split('"', 1)[0].replace("&amp;", "&")
    return urljoin(str(page.url), link)


def sign_in_walk(s: SignedInStack, http: httpx.Client) -> list[httpx.Response]:
    """The sample app's sign-in as a person does it: app, Cognito's page, its button, onwards."""
    hops = walk(http, f"{s.app_url}/login")
    if urlsplit(str(hops[-1].url)).path == "/login" and hops[-1].status_code == 200:
        hops += walk(http, provider_link(hops[-1]))
    return hops
