"""The ASGI layer in front of the routes: counting, fault injection, recording.

It buffers each request (up to :data:`MAX_BODY_BYTES`; a larger one is answered 413
before it is read) and response completely (all bodies here are small), so
it can record both sides, answer injected faults, and change the answer after
the handler committed its work (``drop_after_commit``, ``error_after_commit``,
``bad_body``, ``trickle``, ``hold_after_commit``, ``repeat_page_token``). A fault
that cannot shape what the handler answered (an error answer for the faults that
change a successful one) is given back unused: see "What a fault may change" in
``_faults``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._clock import Clock
from ._faults import Fault, FaultSet
from ._recording import Counters, Exchange, RequestLog, redact_form, redact_headers

ADMIN_PREFIX = "/__emulator/"
#: Request bodies above this size get a 413 without being read; the API's bodies are a few KB.
MAX_BODY_BYTES = 1 << 20
_TOO_LARGE = b"<too large>"  # a marker compared by identity, never a real body
logger = logging.getLogger("beyondidentity_emulator")


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in raw:
        name = key.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[name] = f"{headers[name]}, {text}" if name in headers else text
    return headers


def _parse_json(body: bytes) -> tuple[bool, Any]:
    try:
        return True, json.loads(body)
    except ValueError:
        return False, None


def _request_content(
    headers: dict[str, str], body: bytes
) -> tuple[Any, dict[str, str] | None, str | None]:
    """A recorded request body as (JSON, redacted form, text): at most one is set."""
    if not body:
        return None, None, None
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        return None, redact_form(dict(pairs)), None
    ok, parsed = _parse_json(body)
    return (parsed, None, None) if ok else (None, None, body.decode("utf-8", "replace"))


def error_body(status: int) -> dict[str, str]:
    """The API error body for a bare status (used by injected faults)."""
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    return {"code": phrase.lower().replace(" ", "_").replace("-", "_"), "message": phrase.lower()}


def _listing(status: int, body: bytes) -> dict[str, Any] | None:
    """A successful list answer's page, else None.

    The OpenAPI's list operations answer "a JSON object with keys for <collection> and
    ``total_size``"; a single object (whose fields may be lists) has no ``total_size``.
    """
    ok, parsed = _parse_json(body)
    if status != 200 or not ok or not isinstance(parsed, dict) or "total_size" not in parsed:
        return None
    return parsed if any(isinstance(v, list) for v in parsed.values()) else None


def _fits(fault: Fault, status: int, body: bytes) -> bool:
    """Whether ``fault`` can shape this answer (see "What a fault may change" in _faults)."""
    if fault.kind == "repeat_page_token":
        return _listing(status, body) is not None
    if fault.kind in ("bad_body", "error_after_commit"):
        return 200 <= status < 300
    return True


def _spoil(value: Any, depth: int = 0) -> Any:
    # Same keys, wrong types: strings (but ids) become numbers, lists become objects.
    if isinstance(value, dict):
        return {k: (v if k == "id" else _spoil(v, depth + 1)) for k, v in value.items()}
    if isinstance(value, list):
        return {"items": value} if depth > 0 else [_spoil(v, depth + 1) for v in value]
    if isinstance(value, str):
        return len(value)
    return value


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _bad_body(
    kind: str, headers: list[tuple[bytes, bytes]], body: bytes
) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """Headers and body of an unusable answer of ``kind`` made from the real ``body``."""
    json_headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
    json_headers.append((b"content-type", b"application/json"))
    if kind == "html":
        page = b"<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>"
        return [(b"content-type", b"text/html")], page
    if kind == "truncated":
        return json_headers, body[: len(body) // 2]
    if kind == "empty":
        return json_headers, b""
    if kind == "null":
        return json_headers, b"null"
    _, parsed = _parse_json(body)
    if kind == "list":
        return json_headers, json.dumps([parsed]).encode()
    if kind == "wrong_types":
        return json_headers, json.dumps(_spoil(parsed)).encode()
    return json_headers, json.dumps(_without_ids(parsed)).encode()  # missing_id


def _after_commit(
    fault: Fault | None, captured: _CapturedResponse, body: bytes
) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """Status, headers and body to send once the handler has committed its work."""
    status, headers = captured.status, captured.headers
    kind = fault.kind if fault is not None else None
    if fault is not None and kind == "error_after_commit":
        status = fault.status or 500
        body = json.dumps(error_body(status)).encode()
        headers = [(b"content-type", b"application/json")]
    elif fault is not None and kind == "bad_body":
        headers, body = _bad_body(fault.body or "empty", headers, body)
    headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    headers.append((b"content-length", str(len(body)).encode()))
    return status, headers, body


async def _trickle(body: bytes, delay: float, send: Send) -> None:
    """Send ``body`` one byte at a time, ``delay`` seconds apart."""
    for index in range(len(body)):
        await send(
            {"type": "http.response.body", "body": body[index : index + 1], "more_body": True}
        )
        await asyncio.sleep(delay)
    await send({"type": "http.response.body", "body": b"", "more_body": False})


class _CapturedResponse:
    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.started = False
        self.complete = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            self.status = int(message["status"])
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")
            if not message.get("more_body", False):
                self.complete = True


class Gateway:
    """ASGI middleware: per-route counters, faults and the request log."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        routes: list[BaseRoute],
        faults: FaultSet,
        log: RequestLog,
        counters: Counters,
        clock: Clock,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self._routes = routes
        self._faults = faults
        self._log = log
        self._counters = counters
        self._clock = clock

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The request body, :data:`_TOO_LARGE`, or None if the client went away.

        A declared Content-Length over the limit is refused before a byte of the body is
        read; a body without one is read only until it passes the limit.
        """
        declared = _headers(scope.get("headers", [])).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return _TOO_LARGE
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                return _TOO_LARGE
            if not message.get("more_body", False):
                return bytes(body)

    async def _too_large(self, scope: Scope, route: str | None, send: Send) -> None:
        payload = json.dumps(
            {
                "code": "payload_too_large",
                "message": f"request body larger than {self.max_body_bytes} bytes",
            }
        ).encode()
        # Unread body bytes are left on the connection: ask the client to drop it.
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"connection", b"close"),
        ]
        self._record(scope, route, b"", 413, headers, payload, "body_limit")
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": payload, "more_body": False})

    def _route_template(self, scope: Scope) -> str | None:
        for route in self._routes:
            match, _ = route.matches(scope)
            if match is not Match.NONE:
                path = getattr(route, "path", None)
                return path if isinstance(path, str) else None
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        route = self._route_template(scope)
        body = await self._read_body(scope, receive)
        if body is None:
            return
        if body is _TOO_LARGE:
            await self._too_large(scope, route, send)
            return
        request_body = bytes(body)
        if route is not None:
            self._counters.increment(f"{scope['method']} {route}")

        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        latencies, fault = self._faults.take(
            scope["method"], scope["path"], query.get("page_token")
        )
        for latency in latencies:
            await asyncio.sleep(latency.delay)

        if fault is not None and fault.kind in ("status", "rate_limit"):
            await self._answer_fault(scope, route, request_body, fault, send)
            return
        if fault is not None and fault.repeats:
            await self._repeat_page(scope, route, request_body, fault, send)
            return

        captured, fault = await self._handle(scope, receive, request_body, fault)
        response_body = bytes(captured.body)
        kind = fault.kind if fault is not None else None
        self._record(
            scope, route, request_body, captured.status, captured.headers, response_body, kind
        )
        if kind == "drop_after_commit":
            await self._drop(captured, response_body, send)
            return
        if fault is not None and kind == "repeat_page_token":
            page = _listing(captured.status, response_body) or {}
            response_body = self._faults.keep_page(fault, scope["path"], page)
        status, headers, response_body = _after_commit(fault, captured, response_body)
        if (
            fault is not None
            and kind == "hold_after_commit"
            and not await self._hold(fault, receive)
        ):
            return  # the client went away; its connection is closed
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if fault is not None and kind == "trickle":
            await _trickle(response_body, fault.delay, send)
            return
        await send({"type": "http.response.body", "body": response_body, "more_body": False})

    async def _handle(
        self, scope: Scope, receive: Receive, request_body: bytes, fault: Fault | None
    ) -> tuple[_CapturedResponse, Fault | None]:
        """Run the routes; the fault back, or None (its use given back) if it cannot
        shape what they answered."""
        try:
            captured = await self._run_app(scope, receive, request_body)
        except BaseException:
            if fault is not None:
                self._faults.give_back(fault)
            raise
        if fault is not None and not _fits(fault, captured.status, bytes(captured.body)):
            self._faults.give_back(fault)
            return captured, None
        return captured, fault

    async def _run_app(
        self, scope: Scope, receive: Receive, request_body: bytes
    ) -> _CapturedResponse:
        """Run the routes on the buffered request and capture their whole answer."""
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": request_body, "more_body": False}
            return await receive()

        captured = _CapturedResponse()
        try:
            await self.app(scope, replay, captured.send)
        except Exception:
            if not captured.complete:
                raise
            # Starlette already produced the 500 response; send it and keep the
            # traceback visible in the log.
            logger.exception("unhandled error while handling %s %s", scope["method"], scope["path"])
        return captured

    @staticmethod
    async def _hold(fault: Fault, receive: Receive) -> bool:
        """Wait for a release, a disconnect or the time limit; False when the client left."""
        fault.held += 1  # read by tests from other threads; only this loop writes it
        disconnect = asyncio.ensure_future(receive())
        loop = asyncio.get_running_loop()
        until = loop.time() + fault.delay
        try:
            while loop.time() < until and not fault.released.is_set():
                done, _ = await asyncio.wait({disconnect}, timeout=0.05)
                if done:
                    return False
            return True
        finally:
            if not disconnect.done():
                disconnect.cancel()

    async def _repeat_page(
        self, scope: Scope, route: str | None, request_body: bytes, fault: Fault, send: Send
    ) -> None:
        payload = fault.repeated_page or b""
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
        ]
        self._record(scope, route, request_body, 200, headers, payload, fault.kind)
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": payload, "more_body": False})

    async def _answer_fault(
        self, scope: Scope, route: str | None, request_body: bytes, fault: Fault, send: Send
    ) -> None:
        status = fault.status or 500
        payload = json.dumps(error_body(status)).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
        ]
        if fault.kind == "rate_limit" and fault.retry_after is not None:
            headers.append((b"retry-after", fault.retry_after.encode("latin-1")))
        self._record(scope, route, request_body, status, headers, payload, fault.kind)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload, "more_body": False})

    @staticmethod
    async def _drop(captured: _CapturedResponse, body: bytes, send: Send) -> None:
        # Promise more bytes than are sent, then return without finishing: the
        # server closes the connection and the client sees a truncated response.
        # Declaring at least one byte keeps this true for empty bodies too.
        declared = max(len(body), 1)
        headers = [(k, v) for k, v in captured.headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(declared).encode()))
        await send({"type": "http.response.start", "status": captured.status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True}
        )

    def _record(
        self,
        scope: Scope,
        route: str | None,
        request_body: bytes,
        status: int,
        response_headers: list[tuple[bytes, bytes]],
        response_body: bytes,
        fault: str | None,
    ) -> None:
        request_headers = _headers(scope.get("headers", []))
        parsed_json, form, text = _request_content(request_headers, request_body)
        response_header_map = _headers(response_headers)
        response_json: Any = None
        if response_body and "json" in response_header_map.get("content-type", ""):
            _, response_json = _parse_json(response_body)
        query_string = scope.get("query_string", b"").decode("latin-1")
        self._log.record(
            Exchange(
                method=scope["method"],
                path=scope["path"],
                # Tokens in a query string (access_token=...) are credentials too.
                query=redact_form(dict(parse_qsl(query_string, keep_blank_values=True))),
                route=route,
                request_headers=redact_headers(request_headers),
                request_body=parsed_json,
                request_form=form,
                request_text=text,
                status=status,
                response_headers=response_header_map,
                response_body=response_json,
                fault=fault,
                time=self._clock(),
            )
        )
