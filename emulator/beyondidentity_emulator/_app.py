"""Assembly of the ASGI application: routes, error handlers and the gateway."""

from __future__ import annotations

from http import HTTPStatus

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from ._clock import Clock
from ._errors import NOT_FOUND_GENERIC, ApiError
from ._faults import FaultSet
from ._middleware import Gateway
from ._oidc import OAuthError
from ._recording import Counters, RequestLog


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def _oauth_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OAuthError)
    return exc.response()


async def _http_error(request: Request, exc: Exception) -> Response:
    # Unknown paths and methods answer in the API's error shape, not Starlette's text.
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        body = {"code": "not_found", "message": NOT_FOUND_GENERIC}
    else:
        phrase = HTTPStatus(exc.status_code).phrase
        body = {"code": phrase.lower().replace(" ", "_"), "message": phrase.lower()}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _internal_error(request: Request, exc: Exception) -> Response:
    # Bugs answer like the real API's 500 (the traceback still reaches the log).
    return JSONResponse(
        {"code": "internal_server_error", "message": "internal server error"}, status_code=500
    )


def build_app(
    routes: list[BaseRoute],
    *,
    faults: FaultSet,
    log: RequestLog,
    counters: Counters,
    clock: Clock,
) -> ASGIApp:
    """Return the emulator's ASGI app: Starlette routes behind the :class:`Gateway`."""
    app = Starlette(
        routes=routes,
        exception_handlers={
            ApiError: _api_error,
            OAuthError: _oauth_error,
            HTTPException: _http_error,
            Exception: _internal_error,
        },
    )
    # The real API does not redirect "/x/" to "/x"; unknown paths are plain 404s.
    app.router.redirect_slashes = False
    return Gateway(app, routes=routes, faults=faults, log=log, counters=counters, clock=clock)
