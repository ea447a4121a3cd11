"""The emulator's own guards: an over-large body is refused before it is read, and tokens
sent in a query string never reach the request log."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import httpx

from beyondidentity_emulator import Emulator
from beyondidentity_emulator._middleware import MAX_BODY_BYTES


def _raw_request(emulator: Emulator, head: str, body: bytes) -> tuple[str, float]:
    """Send ``head`` and ``body`` on a raw connection; the status line and the wait for it."""
    parts = urlsplit(emulator.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        started = time.monotonic()
        conn.sendall(head.encode("latin-1") + body)
        answer = b""
        while b"\r\n" not in answer:
            chunk = conn.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer.split(b"\r\n", 1)[0].decode("latin-1"), time.monotonic() - started


def _head(emulator: Emulator, extra: str) -> str:
    return (
        f"POST /v1/tenants/{emulator.tenant_id}/realms HTTP/1.1\r\n"
        f"Host: 127.0.0.1\r\nAuthorization: Bearer {emulator.api_token}\r\n"
        f"Content-Type: application/json\r\n{extra}\r\n"
    )


def test_a_declared_oversize_body_is_refused_before_it_is_read(
    emulator: Emulator, api: httpx.Client
) -> None:
    # 100 MB announced, 1 byte sent: only an answer given without reading the body arrives.
    realms = api.get("/realms").json()["total_size"]
    emulator.clear_requests()
    status, waited = _raw_request(emulator, _head(emulator, "Content-Length: 104857600\r\n"), b"{")
    assert status == "HTTP/1.1 413 Request Entity Too Large"
    assert waited < 5
    (exchange,) = emulator.requests
    assert (exchange.status, exchange.fault) == (413, "body_limit")
    assert exchange.response_body["code"] == "payload_too_large"
    assert api.get("/realms").json()["total_size"] == realms


def test_a_streamed_body_is_cut_off_at_the_limit(emulator: Emulator) -> None:
    # Chunked, no length: the server stops at the limit and answers before the body ends.
    chunk = b"x" * (MAX_BODY_BYTES + 1)
    body = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"  # the final 0-chunk never comes
    status, _ = _raw_request(emulator, _head(emulator, "Transfer-Encoding: chunked\r\n"), body)
    assert status == "HTTP/1.1 413 Request Entity Too Large"


def test_a_body_within_the_limit_is_served(api: httpx.Client) -> None:
    name = "x" * 60
    response = api.post(
        "/realms", json={"realm": {"display_name": name}}, headers={"X-Pad": "y" * 1000}
    )
    assert response.status_code == 200


def test_tokens_in_query_strings_are_not_logged(api: httpx.Client, emulator: Emulator) -> None:
    emulator.clear_requests()
    api.get("/realms", params={"access_token": "qs-secret-1", "page_size": "5"})
    api.get("/realms", params={"token": "qs-secret-2", "id_token": "qs-secret-3"})
    first, second = emulator.requests
    assert first.query == {"access_token": "[redacted]", "page_size": "5"}
    assert second.query == {"token": "[redacted]", "id_token": "[redacted]"}
    logged = repr([e.to_dict() for e in emulator.requests])
    assert "qs-secret" not in logged
