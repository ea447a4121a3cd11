"""What a collection needs of the client: requests under one deadline, and the one page iterator.

:class:`Transport` is the narrow face of :class:`~._client.BeyondIdentityClient` that
:class:`~._collection.Collection` (and a group's member listing) talks through: send a
request (retried per policy), send one without retry (a POST, whose resend the caller
decides), a fresh deadline, the retry policy. :func:`pages` follows ``next_page_token``
through every listing of the package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypedDict, Unpack

from ._errors import MalformedResponseError
from ._operation import Deadline
from ._retry import RetryPolicy

__all__ = ["Reply", "RequestOptions", "Transport", "pages"]


class RequestOptions(TypedDict, total=False):
    """What a request may carry besides its method and path.

    :param json: the JSON body.
    :param params: the query parameters.
    :param deadline: the operation's deadline (default: a fresh one).
    """

    json: Any
    params: Mapping[str, Any] | None
    deadline: Deadline | None


@dataclass(frozen=True)
class Reply:
    """One decoded success answer.

    :param body: the JSON body (None when the body was empty).
    """

    body: Any


#: Why a success body is unusable (None when it is fine).
ShapeCheck = Callable[[Any], "str | None"]


class Transport(Protocol):
    """Requests to one tenant's management API (paths start ``/v1/tenants/...``)."""

    retry: RetryPolicy

    def deadline(self) -> Deadline:
        """A fresh deadline for one operation."""
        ...

    def exchange(self, method: str, path: str, **options: Unpack[RequestOptions]) -> Reply:
        """Send one request, no retry."""
        ...

    def request(
        self,
        method: str,
        path: str,
        *,
        shape: ShapeCheck | None = None,
        attempts: list[str] | None = None,
        retryable: Callable[[BaseException], bool] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Any:
        """Send an idempotent request, retrying per policy."""
        ...


def pages(
    transport: Transport,
    path: str,
    plural: str,
    page_size: int,
    *,
    shape: ShapeCheck | None = None,
    params: Mapping[str, Any] | None = None,
    deadline: Deadline | None = None,
) -> Iterator[dict[str, Any]]:
    """Every object of a listing, following ``next_page_token`` to the end.

    :param shape: checks each page (see :func:`~._shapes.page_problem`).
    :raises MalformedResponseError: when a page is unusable or a page token repeats
        (a server stuck on one page would otherwise be followed forever).
    """
    deadline = deadline or transport.deadline()
    token: str | None = None
    seen: set[str] = set()
    while True:
        query: dict[str, Any] = {**(params or {}), "page_size": page_size}
        if token:
            query["page_token"] = token
        body = transport.request("GET", path, params=query, deadline=deadline, shape=shape)
        yield from body.get(plural) or []
        token = body.get("next_page_token") or None
        if not token:
            return
        if token in seen:
            raise MalformedResponseError(
                status_code=200,
                method="GET",
                path=path,
                problem=f"next_page_token repeats after {len(seen) + 1} pages",
            )
        seen.add(token)
