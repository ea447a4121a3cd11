"""``BeyondIdentityClient``: typed CRUD over the v1 management API.

Envelopes, retries, deadlines and answer validation live here, listings in
:func:`._transport.pages`, and duplicate-safe creates in :mod:`._collection` (one
collection per kind, built from the kind's :class:`~._spec.KindSpec`), so that providers
only say *what* to change.

Every public call runs under one deadline (``RetryPolicy.total_timeout``,
``beyondidentity:operationTimeout`` in the providers): requests, retry waits
and recovery lookups all fit in it, and a response body must arrive completely
before it ends, so a server that trickles bytes cannot hold an operation open.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Unpack, cast

import httpx

from ._auth import BearerAuth, TokenSource, token_source_for
from ._collection import Collection
from ._errors import (
    BeyondIdentityError,
    MalformedResponseError,
    TransportError,
    describe_error,
    error_class_for,
    parse_error_body,
)
from ._http import MAX_RESPONSE_BYTES, BodyTooLarge, BodyTooSlow, read_body, shared_http_client
from ._models import TenantData
from ._operation import Deadline
from ._retry import RetryPolicy, outcome_unknown, parse_retry_after
from ._settings import Settings
from ._shapes import TEXT, AnswerShape, object_problem, require_shape
from ._snapshots import Snapshots
from ._spec import KindSpec
from ._transport import Reply, RequestOptions

__all__ = ["BeyondIdentityClient", "Collection", "Reply"]

logger = logging.getLogger("pulumi_beyondidentity")

#: Longest a single request may wait for the next bytes (connect: 5 s).
READ_TIMEOUT = 30.0
#: Longest one complete response may take, however the bytes trickle in.
RESPONSE_DEADLINE = 60.0
_MUTATIONS = frozenset({"POST", "PATCH", "DELETE", "PUT"})


_TENANT = AnswerShape({"display_name": TEXT, "create_time": TEXT})


class BeyondIdentityClient:
    """A client for one Beyond Identity tenant.

    Thread-safe: share one instance between threads. Each kind's
    :class:`~._collection.Collection` comes from its spec: ``client.collection(REALM)``
    (the specs are listed in :data:`~._registry.ALL_KINDS`).

    :param settings: where the tenant is and how to authenticate.
    :param http: the HTTP client; defaults to the process-wide pooled one.
    :param retry: retry bounds and the operation deadline; defaults to :class:`RetryPolicy`.
    :param token_source: overrides the token source derived from ``settings``.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        http: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        token_source: TokenSource | None = None,
    ) -> None:
        self.settings = settings
        self._http_override = http
        self.retry = retry or RetryPolicy()
        self.token_source = token_source or token_source_for(settings, self._http)
        self._auth = BearerAuth(self.token_source)
        self._tenant_path = f"/v1/tenants/{settings.tenant_id}"
        #: What each realm held before this client's creates (see :mod:`._snapshots`).
        self.snapshots = Snapshots()
        self._collections: dict[str, Collection[Any]] = {}
        self._collections_lock = threading.Lock()

    def collection(self, spec: KindSpec) -> Collection[Any]:
        """The collection of one kind (one per kind and client, made on first use)."""
        with self._collections_lock:
            found = self._collections.get(spec.plural)
            if found is None or found.spec is not spec:
                found = Collection(spec, self, self._tenant_path, self.snapshots)
                self._collections[spec.plural] = found
            return found

    def __repr__(self) -> str:
        return (
            f"<BeyondIdentityClient tenant={self.settings.tenant_id} api={self.settings.api_url}>"
        )

    def __getstate__(self) -> None:
        raise TypeError("BeyondIdentityClient holds credentials and cannot be pickled")

    def _http(self) -> httpx.Client:
        return self._http_override or shared_http_client()

    def deadline(self) -> Deadline:
        """A fresh deadline for one operation."""
        return Deadline(self.retry.total_timeout)

    # -- tenant -------------------------------------------------------------

    def get_tenant(self) -> TenantData:
        """The tenant the settings point at."""
        body = self.request("GET", self._tenant_path)
        require_shape(object_problem(_TENANT, body), 200, "GET", self._tenant_path, False)
        return cast(TenantData, body)

    # -- transport ----------------------------------------------------------

    def send(self, method: str, path: str, **options: Unpack[RequestOptions]) -> Any:
        """Send one request (no retry); return the decoded JSON body or None.

        :raises APIError: a subclass matching the error status.
        :raises TransportError: when no usable response arrived in time.
        :raises MalformedResponseError: a success status without a JSON body.
        """
        return self.exchange(method, path, **options).body

    def exchange(self, method: str, path: str, **options: Unpack[RequestOptions]) -> Reply:
        """Like :meth:`send`, also returning what the ``Date`` header says about the server clock."""
        deadline = options.get("deadline") or self.deadline()
        started = time.monotonic()
        response, content = self._transmit(
            method, path, options.get("json"), options.get("params"), deadline
        )
        logger.debug(
            "%s %s -> %s (%.0f ms)",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return self._decode(method, path, response, content)

    def _transmit(
        self,
        method: str,
        path: str,
        json: Any,
        params: Mapping[str, Any] | None,
        deadline: Deadline,
    ) -> tuple[httpx.Response, bytes]:
        """Send the request and read the whole answer within the deadlines."""
        left = deadline.remaining()
        if left <= 0:
            raise deadline.exceeded(f"{method} {path}", reached_server=False)
        response_deadline = time.monotonic() + min(left, RESPONSE_DEADLINE)
        timeout = httpx.Timeout(min(READ_TIMEOUT, left), connect=min(5.0, left))
        http = self._http()
        url = self.settings.api_url + path
        try:
            request = http.build_request(method, url, json=json, params=params, timeout=timeout)
            response = http.send(request, auth=self._auth, stream=True)
            try:
                return response, read_body(response, response_deadline)
            finally:
                response.close()
        except BodyTooSlow:
            if time.monotonic() >= deadline.end:
                raise deadline.exceeded(f"{method} {path}", reached_server=True) from None
            raise TransportError(
                f"{method} {path}: the answer did not arrive completely within "
                f"{RESPONSE_DEADLINE:g} s",
                reached_server=True,
            ) from None
        except BodyTooLarge:
            raise MalformedResponseError(
                status_code=response.status_code,
                method=method,
                path=path,
                problem=f"the body is larger than {MAX_RESPONSE_BYTES} bytes",
                may_have_been_applied=_is_mutation(method) and response.is_success,
            ) from None
        except httpx.TransportError as exc:
            never_sent = isinstance(
                exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
            )
            raise TransportError(
                f"{method} {path}: no response from Beyond Identity ({type(exc).__name__})",
                reached_server=not never_sent,
            ) from None

    def _decode(
        self,
        method: str,
        path: str,
        response: httpx.Response,
        content: bytes,
    ) -> Reply:
        """The success body as a :class:`Reply`; an error status as its typed error."""
        body: Any = None
        decoded = True
        if content:
            try:
                body = httpx.Response(200, content=content).json()
            except ValueError:
                decoded = False
        if response.is_success:
            if not decoded or (not content and method.upper() != "DELETE"):
                raise MalformedResponseError(
                    status_code=response.status_code,
                    method=method,
                    path=path,
                    problem="the body is not JSON" if content else "the body is empty",
                    may_have_been_applied=_is_mutation(method),
                )
            return Reply(body)
        code, message, violations, info = parse_error_body(body)
        error = error_class_for(response.status_code)(
            status_code=response.status_code,
            code=code or response.reason_phrase.lower().replace(" ", "_") or "error",
            api_message=message or response.reason_phrase or "error",
            method=method,
            path=path,
            field_violations=violations,
            resource_info=info,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
        error.may_have_been_applied = _is_mutation(method) and outcome_unknown(error)
        raise error

    def request(
        self,
        method: str,
        path: str,
        *,
        shape: Callable[[Any], str | None] | None = None,
        attempts: list[str] | None = None,
        retryable: Callable[[BaseException], bool] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Any:
        """Send an idempotent request (GET, PATCH with a full body, DELETE), retrying per policy.

        :param shape: returns why a success body is unusable (None when it is fine); an
            unusable body is retried like a 5xx and finally raised as
            :class:`MalformedResponseError`.
        :param attempts: filled with a description of each failed try.
        :param retryable: which failures are tried again (default: the policy's
            :func:`~._retry.is_retryable`).
        """
        deadline = options["deadline"] = options.get("deadline") or self.deadline()
        history: list[str] = attempts if attempts is not None else []

        def on_retry(error: BaseException, delay: float, next_try: int) -> None:
            history.append(describe_error(error))
            logger.warning(
                "Beyond Identity call failed (%s); retrying in %.1f s (attempt %d of %d)",
                describe_error(error),
                delay,
                next_try,
                self.retry.max_attempts,
            )

        try:
            for attempt in self.retry.retrying(deadline, on_retry, retryable):
                with attempt:
                    body = self.send(method, path, **options)
                    if shape is not None:
                        require_shape(shape(body), 200, method, path, _is_mutation(method))
                    return body
        except BeyondIdentityError as exc:
            exc.attempts = [*history, describe_error(exc)]
            raise
        raise AssertionError("unreachable")  # pragma: no cover


def _is_mutation(method: str) -> bool:
    return method.upper() in _MUTATIONS
