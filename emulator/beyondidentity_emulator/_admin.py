"""The emulator's own admin surface under ``/__emulator/``.

It mirrors the in-process API for tests and tools that talk to an emulator in
another process. Every route requires ``Authorization: Bearer <api token>`` (the
static token only, not a JWT; otherwise 401 with the management API's body).
Bodies are JSON; errors use the management API's error shape. These requests
are neither recorded, counted nor subject to faults.

=======  ===========================  ==============================================
Method   Path                         Effect
=======  ===========================  ==============================================
GET      /__emulator/info             tenant ID, admin realm, Management API app IDs
                                      and credentials, token URL, base URL
GET      /__emulator/requests         ``{"requests": [<exchange>, ...]}`` oldest first
DELETE   /__emulator/requests         forget them (204)
GET      /__emulator/faults           ``{"faults": [<fault>, ...]}``
POST     /__emulator/faults           add one; body = the keyword arguments of
                                      ``FaultSet.add`` (``kind``, ``method``,
                                      ``path``, ``status``, ``times``,
                                      ``retry_after``, ``delay``); 201 + the fault
DELETE   /__emulator/faults           remove all (204)
GET      /__emulator/counters         ``{"counters": {...}}``
DELETE   /__emulator/counters         zero them (204)
POST     /__emulator/identities       ``{"realm_id", "email"?, "username"?,
                                      "display_name"?, "external_id"?, "status"?}``;
                                      201 + the identity in the OpenAPI shape
                                      (404 unknown realm; no validation)
POST     /__emulator/reset            back to the seeded tenant (204)
=======  ===========================  ==============================================
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ._errors import ApiError, invalid_request, unauthorized
from ._faults import FaultSet
from ._recording import Counters, RequestLog
from ._store import Store

PREFIX = "/__emulator"
FAULT_FIELDS = frozenset(
    {"kind", "method", "path", "status", "times", "retry_after", "delay", "body", "skip"}
)
IDENTITY_FIELDS = frozenset(
    {"realm_id", "email", "username", "display_name", "external_id", "status"}
)


class AdminApi:
    """Builds the ``/__emulator/`` routes."""

    def __init__(
        self,
        *,
        api_token: str,
        store: Store,
        faults: FaultSet,
        log: RequestLog,
        counters: Counters,
        info: Callable[[], dict[str, Any]],
        reset: Callable[[], None],
    ) -> None:
        self._api_token = api_token.encode()
        self._store = store
        self._faults = faults
        self._log = log
        self._counters = counters
        self._info = info
        self._reset = reset

    def routes(self) -> list[BaseRoute]:
        """Return the Starlette routes."""
        return [
            Route(f"{PREFIX}/info", self._get_info, methods=["GET"]),
            Route(f"{PREFIX}/requests", self._get_requests, methods=["GET"]),
            Route(f"{PREFIX}/requests", self._delete_requests, methods=["DELETE"]),
            Route(f"{PREFIX}/faults", self._get_faults, methods=["GET"]),
            Route(f"{PREFIX}/faults", self._add_fault, methods=["POST"]),
            Route(f"{PREFIX}/faults", self._delete_faults, methods=["DELETE"]),
            Route(f"{PREFIX}/counters", self._get_counters, methods=["GET"]),
            Route(f"{PREFIX}/counters", self._delete_counters, methods=["DELETE"]),
            Route(f"{PREFIX}/identities", self._add_identity, methods=["POST"]),
            Route(f"{PREFIX}/reset", self._post_reset, methods=["POST"]),
        ]

    def _check(self, request: Request) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), self._api_token
        ):
            raise unauthorized()

    @staticmethod
    async def _json_object(request: Request, allowed: frozenset[str]) -> dict[str, Any]:
        try:
            data = json.loads(await request.body())
        except ValueError:
            raise invalid_request() from None
        if not isinstance(data, dict):
            raise invalid_request()
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ApiError(400, "bad_request", "unknown fields: " + ", ".join(unknown))
        return data

    async def _get_info(self, request: Request) -> Response:
        self._check(request)
        return JSONResponse(self._info())

    async def _get_requests(self, request: Request) -> Response:
        self._check(request)
        return JSONResponse({"requests": [e.to_dict() for e in self._log.entries()]})

    async def _delete_requests(self, request: Request) -> Response:
        self._check(request)
        self._log.clear()
        return Response(status_code=204)

    async def _get_faults(self, request: Request) -> Response:
        self._check(request)
        return JSONResponse({"faults": [f.to_dict() for f in self._faults.list()]})

    async def _add_fault(self, request: Request) -> Response:
        self._check(request)
        data = await self._json_object(request, FAULT_FIELDS)
        if "kind" not in data:
            raise ApiError(400, "bad_request", "kind is required")
        try:
            fault = self._faults.add(**data)
        except (TypeError, ValueError) as exc:
            raise ApiError(400, "bad_request", str(exc)) from None
        return JSONResponse(fault.to_dict(), status_code=201)

    async def _delete_faults(self, request: Request) -> Response:
        self._check(request)
        self._faults.clear()
        return Response(status_code=204)

    async def _get_counters(self, request: Request) -> Response:
        self._check(request)
        return JSONResponse({"counters": self._counters.snapshot()})

    async def _delete_counters(self, request: Request) -> Response:
        self._check(request)
        self._counters.clear()
        return Response(status_code=204)

    async def _add_identity(self, request: Request) -> Response:
        self._check(request)
        data = await self._json_object(request, IDENTITY_FIELDS)
        realm_id = data.pop("realm_id", None)
        if not isinstance(realm_id, str) or not all(isinstance(v, str) for v in data.values()):
            raise ApiError(400, "bad_request", "realm_id and the other fields must be strings")
        try:
            identity = self._store.add_identity(realm_id, **data)
        except KeyError:
            raise ApiError(404, "not_found", "realm not found") from None
        return JSONResponse(identity, status_code=201)

    async def _post_reset(self, request: Request) -> Response:
        self._check(request)
        self._reset()
        return Response(status_code=204)
