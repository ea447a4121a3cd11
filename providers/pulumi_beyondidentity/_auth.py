"""Bearer authentication: a static API token or cached client-credentials tokens.

The dynamic-provider server runs four worker threads that share one provider
instance, so the token source is shared too: one lock guards fetching, and a
token that failed is dropped only if no other thread replaced it already, so
a burst of 401s costs one new token, not four.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

import httpx

from ._connection import Settings
from ._errors import (
    APIError,
    AuthError,
    MalformedResponseError,
    TransportError,
    error_class_for,
    parse_error_body,
)
from ._http import BodyTooLarge, BodyTooSlow, read_body

logger = logging.getLogger("pulumi_beyondidentity")

# Refresh this long before the server-side expiry, so a token never expires in flight.
EXPIRY_MARGIN_SECONDS = 60.0
#: Longest the token endpoint's whole answer may take to arrive.
TOKEN_RESPONSE_DEADLINE = 30.0


class TokenSource:
    """Supplies bearer tokens; ``refreshable`` sources can replace a refused one."""

    refreshable: bool = False

    def token(self) -> str:
        """A currently valid access token."""
        raise NotImplementedError

    def invalidate(self, token: str) -> None:
        """Forget ``token`` if it is still the cached one (it was refused)."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class StaticToken(TokenSource):
    """A fixed management API token."""

    def __init__(self, token: str) -> None:
        self._token = token

    def token(self) -> str:
        return self._token


class ClientCredentialsToken(TokenSource):
    """Tokens from the management application's token endpoint, cached until near expiry.

    :param client_id: the application's client id.
    :param client_secret: its secret, sent with HTTP Basic authentication.
    :param token_url: the application's ``/token`` endpoint.
    :param http: the HTTP client to send token requests with.
    :param clock: monotonic clock, replaceable in tests.
    """

    refreshable = True

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        token_url: str,
        http: Callable[[], httpx.Client],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._token_url = token_url
        self._http = http
        self._clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires_at = 0.0
        self.fetch_count = 0

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._clock() >= self._expires_at:
                self._token, lifetime = self._fetch()
                self._expires_at = self._clock() + max(
                    lifetime - EXPIRY_MARGIN_SECONDS, lifetime / 2
                )
            return self._token

    def invalidate(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token = None

    def _fetch(self) -> tuple[str, float]:
        self.fetch_count += 1
        path = httpx.URL(self._token_url).path
        status, content = self._post_token_request(path)
        try:
            body = json.loads(content) if content else None
        except ValueError:
            body = None
        token = body.get("access_token") if isinstance(body, dict) else None
        if status == 200 and isinstance(token, str) and token:
            assert isinstance(body, dict)
            lifetime = _lifetime(body.get("expires_in"))
            logger.debug("fetched a Beyond Identity access token valid for %.0f s", lifetime)
            return token, lifetime
        if status == 200:
            raise MalformedResponseError(
                status_code=200,
                method="POST",
                path=path,
                problem="the token endpoint's answer holds no access_token",
            )
        raise _refusal(status, body, path)

    def _post_token_request(self, path: str) -> tuple[int, bytes]:
        """The status and whole body of one client-credentials request, within its deadline."""
        http = self._http()
        try:
            request = http.build_request(
                "POST", self._token_url, data={"grant_type": "client_credentials"}
            )
            response = http.send(
                request, auth=httpx.BasicAuth(self._client_id, self._client_secret), stream=True
            )
            try:
                return response.status_code, read_body(
                    response, time.monotonic() + TOKEN_RESPONSE_DEADLINE
                )
            finally:
                response.close()
        except (BodyTooSlow, BodyTooLarge):
            raise TransportError(
                f"POST {path}: the token endpoint's answer did not arrive completely within "
                f"{TOKEN_RESPONSE_DEADLINE:g} s",
                reached_server=True,
            ) from None
        except httpx.TransportError as exc:
            raise TransportError(
                f"POST {path}: could not reach the Beyond Identity token endpoint "
                f"({type(exc).__name__})",
                reached_server=not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout),
            ) from None


def _refusal(status: int, body: Any, path: str) -> APIError:
    """The typed error for a token endpoint that refused (400, 401 and 403 are credentials)."""
    code, message, violations, info = parse_error_body(body)
    cls = AuthError if status in (400, 401, 403) else error_class_for(status)
    return cls(
        status_code=status,
        code=code or "token_request_failed",
        api_message=(message or "the token endpoint refused the client credentials")
        + " (check beyondidentity:clientId, beyondidentity:clientSecret and "
        "beyondidentity:tokenUrl)",
        method="POST",
        path=path,
        field_violations=violations,
        resource_info=info,
    )


def _lifetime(value: object) -> float:
    # A missing, junk, non-finite or non-positive expires_in means the usual hour.
    try:
        seconds = float(value) if isinstance(value, int | float | str) else 3600.0
    except ValueError:
        return 3600.0
    return seconds if math.isfinite(seconds) and seconds > 0 else 3600.0


def token_source_for(settings: Settings, http: Callable[[], httpx.Client]) -> TokenSource:
    """The token source matching the settings' auth mode."""
    if settings.api_token:
        return StaticToken(settings.api_token)
    assert settings.client_id
    assert settings.client_secret
    assert settings.token_url
    return ClientCredentialsToken(
        settings.client_id, settings.client_secret, settings.token_url, http
    )


class BearerAuth(httpx.Auth):
    """httpx auth flow: add the bearer token; on 401 (and once on 403) refresh and resend once."""

    def __init__(self, source: TokenSource) -> None:
        self._source = source

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._source.token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if self._source.refreshable and response.status_code in (401, 403):
            # Some expired tokens are answered with 403; one fresh token settles it.
            self._source.invalidate(token)
            request.headers["Authorization"] = f"Bearer {self._source.token()}"
            yield request

    def __repr__(self) -> str:
        return f"<BearerAuth {self._source!r}>"
