"""Client side: send requests for Cognito's host names to the local emulator.

The deployed stack keeps AWS's real URLs (``https://<prefix>.auth.<region>.amazoncognito.com``
and the pool issuer ``https://cognito-idp.<region>.amazonaws.com/<pool id>``); a client of the
local stack maps those host names to the emulator's loopback port, as ``/etc/hosts`` would,
and verifies TLS against the emulator's CA for the original name (SNI and certificate check
both use it). Any other host goes out unchanged.
"""

from __future__ import annotations

import re
import ssl
from typing import Any
from urllib.parse import urlsplit

import httpx

COGNITO_HOST_RE = re.compile(
    r"^(?:[a-z0-9-]+\.auth(?:-fips)?\.[a-z0-9-]+\.amazoncognito\.com"
    r"|cognito-idp(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com)$"
)


def is_cognito_host(host: str) -> bool:
    """Whether ``host`` is a Cognito prefix domain or a pool-issuer host."""
    return bool(COGNITO_HOST_RE.match(host.lower()))


class CognitoRoutingTransport(httpx.BaseTransport):
    """An httpx transport that connects Cognito host names to ``endpoint`` (the emulator).

    ``endpoint`` is the emulator's ``https://127.0.0.1:<port>``; ``ca`` its CA context.
    """

    def __init__(self, endpoint: str, ca: ssl.SSLContext, **transport_kwargs: Any) -> None:
        parts = urlsplit(endpoint)
        if parts.hostname is None or parts.port is None:
            raise ValueError(f"endpoint {endpoint!r} needs a host and a port")
        self._host = parts.hostname
        self._port = parts.port
        self._mapped = httpx.HTTPTransport(verify=ca, **transport_kwargs)
        self._direct = httpx.HTTPTransport(**transport_kwargs)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if not is_cognito_host(host):
            return self._direct.handle_request(request)
        # A copy, so redirects and cookies still refer to the original URL; the Host header
        # was set from that URL when the request was built.
        mapped = httpx.Request(
            request.method,
            request.url.copy_with(host=self._host, port=self._port),
            headers=request.headers,
            stream=request.stream,
            extensions={**request.extensions, "sni_hostname": host},
        )
        return self._mapped.handle_request(mapped)

    def close(self) -> None:
        self._mapped.close()
        self._direct.close()


def cognito_client(endpoint: str, ca: ssl.SSLContext, **client_kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` whose Cognito requests reach the emulator at ``endpoint``."""
    return httpx.Client(transport=CognitoRoutingTransport(endpoint, ca), **client_kwargs)


def chromium_flags(endpoint: str, spki_sha256: str) -> list[str]:
    """Chromium switches that map Cognito's host names to the emulator and trust its key.

    Only the emulator's certificate (by public key) is accepted beyond the normal trust
    store; other certificate errors still fail.
    """
    parts = urlsplit(endpoint)
    target = f"{parts.hostname}:{parts.port}"
    rules = ", ".join(
        [
            f"MAP *.amazoncognito.com {target}",
            f"MAP cognito-idp.*.amazonaws.com {target}",
            f"MAP cognito-idp-fips.*.amazonaws.com {target}",
        ]
    )
    return [
        f"--host-resolver-rules={rules}",
        f"--ignore-certificate-errors-spki-list={spki_sha256}",
    ]
