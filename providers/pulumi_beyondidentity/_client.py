"""``BeyondIdentityClient``: typed CRUD over the v1 management API.

Envelopes, pagination, retries, deadlines, answer validation and
duplicate-safe creates live here so that providers only say *what* to change.

Every public call runs under one deadline (``RetryPolicy.total_timeout``,
``beyondidentity:operationTimeout`` in the providers): requests, retry waits
and recovery lookups all fit in it, and a response body must arrive completely
before it ends, so a server that trickles bytes cannot hold an operation open.
"""

from __future__ import annotations

import builtins
import email.utils
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar, cast

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception

from ._auth import BearerAuth, TokenSource, token_source_for
from ._errors import (
    AlreadyExistsError,
    APIError,
    BeyondIdentityError,
    ConflictError,
    CreateRecoveryError,
    InvalidInputError,
    MalformedResponseError,
    NotFoundError,
    TransportError,
    error_class_for,
    parse_error_body,
)
from ._http import MAX_RESPONSE_BYTES, BodyTooLarge, BodyTooSlow, read_body, shared_http_client
from ._models import (
    ApplicationData,
    AuthenticatorConfigData,
    RealmData,
    ResourceServerData,
    TenantData,
)
from ._operation import Deadline
from ._retry import (
    RetryPolicy,
    is_retryable,
    is_safe_to_resend_post,
    outcome_unknown,
    parse_retry_after,
)
from ._settings import Settings
from ._shapes import object_problem, page_problem

logger = logging.getLogger("pulumi_beyondidentity")

T = TypeVar("T", RealmData, ResourceServerData, ApplicationData, AuthenticatorConfigData)
NaturalKey = Callable[[Mapping[str, Any]], tuple[Any, ...]]

#: Longest a single request may wait for the next bytes (connect: 5 s).
READ_TIMEOUT = 30.0
#: Longest one complete response may take, however the bytes trickle in.
RESPONSE_DEADLINE = 60.0
#: Slack for comparing a server-set create_time (millisecond precision) with our send time.
#: The server clock estimate from ``Date`` is a lower bound, so no more is needed.
CLOCK_SLACK = 0.01
_MUTATIONS = frozenset({"POST", "PATCH", "DELETE", "PUT"})


@dataclass(frozen=True)
class Reply:
    """One decoded success answer.

    :param body: the JSON body (None when the body was empty).
    :param server_offset: the server clock minus ours (seconds, lower bound) from the
        ``Date`` header, or None without one.
    """

    body: Any
    server_offset: float | None


class BeyondIdentityClient:
    """A client for one Beyond Identity tenant.

    Thread-safe: share one instance between threads. Create it with
    :meth:`from_settings` or directly.

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
        prefix = f"/v1/tenants/{settings.tenant_id}"
        self._tenant_path = prefix
        # Natural keys: realm names and resource-server identifiers are unique on
        # the server (409); application and authenticator-config names are not,
        # so their creates look for a holder of the key first (see Collection.create).
        # Their keys also hold the fields that cannot change in place, so a replacement
        # (created before the old object is deleted) never meets the old one.
        self.realms = Collection[RealmData](
            self,
            prefix + "/realms",
            "realm",
            "realms",
            page_size=200,
            natural_key=lambda o: (o.get("display_name"),),
            realm_scoped=False,
            server_unique=True,
        )
        self.resource_servers = Collection[ResourceServerData](
            self,
            prefix + "/realms/{realm_id}/resource-servers",
            "resource_server",
            "resource_servers",
            natural_key=lambda o: (o.get("identifier"),),
            server_unique=True,
        )
        self.applications = Collection[ApplicationData](
            self,
            prefix + "/realms/{realm_id}/applications",
            "application",
            "applications",
            natural_key=lambda o: (
                o.get("display_name"),
                o.get("resource_server_id") or None,
                _at(o, "protocol_config", "type"),
                _at(o, "protocol_config", "confidentiality"),
            ),
            exact_parts=2,
        )
        self.authenticator_configs = Collection[AuthenticatorConfigData](
            self,
            prefix + "/realms/{realm_id}/authenticator-configs",
            "authenticator_config",
            "authenticator_configs",
            natural_key=lambda o: (o.get("display_name"), _at(o, "config", "type")),
            exact_parts=1,
            filter_key="display_name",
        )

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
        _require_shape(object_problem("tenant", body), 200, "GET", self._tenant_path, False)
        return cast(TenantData, body)

    def issuer(self, realm_id: str, application_id: str) -> str:
        """The OIDC issuer URL of an application."""
        return self.settings.issuer(realm_id, application_id)

    # -- transport ----------------------------------------------------------

    def send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        deadline: Deadline | None = None,
    ) -> Any:
        """Send one request (no retry); return the decoded JSON body or None.

        :raises APIError: a subclass matching the error status.
        :raises TransportError: when no usable response arrived in time.
        :raises MalformedResponseError: a success status without a JSON body.
        """
        return self.exchange(method, path, json=json, params=params, deadline=deadline).body

    def exchange(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        deadline: Deadline | None = None,
    ) -> Reply:
        """Like :meth:`send`, also returning what the ``Date`` header says about the server clock."""
        deadline = deadline or self.deadline()
        mutation = method.upper() in _MUTATIONS
        left = deadline.remaining()
        if left <= 0:
            raise deadline.exceeded(f"{method} {path}", reached_server=False)
        response_deadline = time.monotonic() + min(left, RESPONSE_DEADLINE)
        timeout = httpx.Timeout(min(READ_TIMEOUT, left), connect=min(5.0, left))
        url = self.settings.api_url + path
        started = time.monotonic()
        http = self._http()
        try:
            request = http.build_request(method, url, json=json, params=params, timeout=timeout)
            response = http.send(request, auth=self._auth, stream=True)
            try:
                content = read_body(response, response_deadline)
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
                may_have_been_applied=mutation and response.is_success,
            ) from None
        except httpx.TransportError as exc:
            never_sent = isinstance(
                exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
            )
            raise TransportError(
                f"{method} {path}: no response from Beyond Identity ({type(exc).__name__})",
                reached_server=not never_sent,
            ) from None
        received_wall = time.time()
        logger.debug(
            "%s %s -> %s (%.0f ms)",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        body: Any = None
        decoded = True
        if content:
            try:
                body = httpx.Response(200, content=content).json()
            except ValueError:
                decoded = False
        if response.is_success:
            if not decoded or (not content and method.upper() not in ("DELETE",)):
                raise MalformedResponseError(
                    status_code=response.status_code,
                    method=method,
                    path=path,
                    problem="the body is not JSON" if content else "the body is empty",
                    may_have_been_applied=mutation,
                )
            return Reply(body, _server_offset(response.headers.get("Date"), received_wall))
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
        error.may_have_been_applied = mutation and outcome_unknown(error)
        raise error

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        deadline: Deadline | None = None,
        shape: Callable[[Any], str | None] | None = None,
        attempts: list[str] | None = None,
    ) -> Any:
        """Send an idempotent request (GET, PATCH with a full body, DELETE), retrying per policy.

        :param shape: returns why a success body is unusable (None when it is fine); an
            unusable body is retried like a 5xx and finally raised as
            :class:`MalformedResponseError`.
        :param attempts: filled with a description of each failed try.
        """
        deadline = deadline or self.deadline()
        history: list[str] = attempts if attempts is not None else []
        mutation = method.upper() in _MUTATIONS
        policy = self.retry

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            return policy.backoff(state.attempt_number, error)

        def stop(state: RetryCallState) -> bool:
            # tenacity computes the wait first: stop when out of tries, or when that wait
            # would end past the operation's deadline.
            if state.attempt_number >= policy.max_attempts:
                return True
            return state.upcoming_sleep >= deadline.remaining()

        def before_sleep(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            history.append(_describe(error))
            logger.warning(
                "Beyond Identity call failed (%s); retrying in %.1f s (attempt %d of %d)",
                _describe(error),
                state.upcoming_sleep,
                state.attempt_number + 1,
                policy.max_attempts,
            )

        retrying = Retrying(
            stop=stop,
            wait=wait,
            retry=retry_if_exception(is_retryable),
            sleep=policy.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    body = self.send(method, path, json=json, params=params, deadline=deadline)
                    if shape is not None:
                        _require_shape(shape(body), 200, method, path, mutation)
                    return body
        except BeyondIdentityError as exc:
            exc.attempts = [*history, _describe(exc)]
            raise
        raise AssertionError("unreachable")  # pragma: no cover

    def paginate(
        self,
        path: str,
        plural: str,
        page_size: int,
        *,
        envelope: str = "",
        params: Mapping[str, Any] | None = None,
        deadline: Deadline | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every object of a collection, following ``next_page_token`` to the end.

        :raises MalformedResponseError: when a page is unusable or a page token repeats
            (a server stuck on one page would otherwise be followed forever).
        """
        deadline = deadline or self.deadline()
        token: str | None = None
        seen: set[str] = set()
        while True:
            query: dict[str, Any] = {**(params or {}), "page_size": page_size}
            if token:
                query["page_token"] = token
            body = self.request(
                "GET",
                path,
                params=query,
                deadline=deadline,
                shape=lambda b: page_problem(envelope, plural, b) if envelope else None,
            )
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


def _server_offset(date: str | None, received_wall: float) -> float | None:
    # The server stamped Date (whole seconds, rounded down) before we received the
    # answer, so server clock - our clock >= Date - receive time.
    if not date:
        return None
    try:
        when = email.utils.parsedate_to_datetime(date)
        return when.timestamp() - received_wall
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _require_shape(
    problem: str | None, status: int, method: str, path: str, mutation: bool
) -> None:
    if problem:
        raise MalformedResponseError(
            status_code=status,
            method=method,
            path=path,
            problem=problem,
            may_have_been_applied=mutation,
        )


def _parse_time(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


class Collection(Generic[T]):
    """CRUD for one collection: realms, or a realm's resource servers, applications
    or authenticator configs. Realm-scoped methods take ``realm_id`` first.

    :param natural_key: the fields that identify an object to people (its name), then
        the fields that cannot change in place.
    :param exact_parts: how many leading key parts must match exactly; a later part that
        the request leaves out (None) matches anything.
    :param server_unique: Beyond Identity refuses a second object with the same key (409).
    :param filter_key: the field the list endpoint can filter on server-side, if any.
    """

    def __init__(
        self,
        client: BeyondIdentityClient,
        path: str,
        envelope: str,
        plural: str,
        *,
        natural_key: NaturalKey,
        page_size: int = 100,
        realm_scoped: bool = True,
        server_unique: bool = False,
        filter_key: str | None = None,
        exact_parts: int | None = None,
    ) -> None:
        self._client = client
        self.exact_parts = exact_parts
        self._path = path
        self.envelope = envelope
        self.plural = plural
        self.natural_key = natural_key
        self.page_size = page_size
        self.realm_scoped = realm_scoped
        self.server_unique = server_unique
        self.filter_key = filter_key

    def _collection(self, realm_id: str | None) -> str:
        if self.realm_scoped:
            if not realm_id:
                raise ValueError(f"realm_id is required for {self.plural}")
            return self._path.format(realm_id=realm_id)
        return self._path

    def _item(self, realm_id: str | None, object_id: str) -> str:
        if not object_id:
            raise ValueError(f"an id is required to address one of the {self.plural}")
        return f"{self._collection(realm_id)}/{object_id}"

    def _shape(self, expected_id: str | None = None) -> Callable[[Any], str | None]:
        return lambda body: object_problem(self.envelope, body, expected_id)

    def get(self, object_id: str, *, realm_id: str | None = None) -> T:
        """One object by id, validated.

        :raises NotFoundError: when it (or its realm) is gone: the only answer that means so.
        """
        path = self._item(realm_id, object_id)
        return cast(T, self._client.request("GET", path, shape=self._shape(object_id)))

    def find(self, object_id: str, *, realm_id: str | None = None) -> T | None:
        """One object by id, or None when Beyond Identity answers 404; anything else raises."""
        try:
            return self.get(object_id, realm_id=realm_id)
        except NotFoundError:
            return None

    def list(
        self, *, realm_id: str | None = None, deadline: Deadline | None = None
    ) -> builtins.list[T]:
        """Every object of the collection (all pages)."""
        path = self._collection(realm_id)
        return [
            cast(T, o)
            for o in self._client.paginate(
                path, self.plural, self.page_size, envelope=self.envelope, deadline=deadline
            )
        ]

    def update(self, object_id: str, body: Mapping[str, Any], *, realm_id: str | None = None) -> T:
        """PATCH the given fields (send nested objects whole); returns the updated object."""
        payload = {self.envelope: dict(body)}
        path = self._item(realm_id, object_id)
        return cast(
            T, self._client.request("PATCH", path, json=payload, shape=self._shape(object_id))
        )

    def delete(
        self, object_id: str, *, realm_id: str | None = None, missing_ok: bool = True
    ) -> bool:
        """Delete an object; returns False when it was already gone (and ``missing_ok``).

        A 404 after a try whose answer was lost or failed counts as done (True): that
        try deleted it.
        """
        history: list[str] = []
        try:
            self._client.request("DELETE", self._item(realm_id, object_id), attempts=history)
        except NotFoundError:
            if history:
                return True
            if missing_ok:
                return False
            raise
        return True

    def find_by_key(
        self, key: tuple[Any, ...], *, realm_id: str | None = None, deadline: Deadline | None = None
    ) -> builtins.list[T]:
        """Every object whose natural key is ``key`` (server-filtered where the API can)."""
        objects = self._client.paginate(
            self._collection(realm_id),
            self.plural,
            self.page_size,
            envelope=self.envelope,
            params=self._key_filter(key),
            deadline=deadline,
        )
        return [cast(T, o) for o in objects if self.holds(key, o)]

    def holds(self, key: tuple[Any, ...], obj: Mapping[str, Any]) -> bool:
        """Whether ``obj`` holds the natural key ``key`` (taken from a request body)."""
        exact = len(key) if self.exact_parts is None else self.exact_parts
        return all(
            wanted == got or (index >= exact and wanted is None)
            for index, (wanted, got) in enumerate(zip(key, self.natural_key(obj), strict=True))
        )

    def _key_filter(self, key: tuple[Any, ...]) -> dict[str, Any]:
        if self.filter_key is None or not isinstance(key[0], str):
            return {}
        escaped = key[0].replace("\\", "\\\\").replace('"', '\\"')
        return {"filter": f'{self.filter_key} eq "{escaped}"'}

    def create(self, body: Mapping[str, Any], *, realm_id: str | None = None) -> T:
        """Create an object, never a duplicate, and never hand back one that existed before.

        Beyond Identity has no idempotency keys, so a POST whose outcome is unknown
        (answer lost, unreadable, 5xx) is never resent blindly. How "this create made
        it" is told apart from "it was there before" depends on the collection:

        * keys the server keeps unique (realm names, resource-server identifiers):
          no lookup before the POST. A 409 means the key is taken: the holder is
          looked up and :class:`AlreadyExistsError` names it. After an unknown outcome,
          the holder of the key is ours when it was created after our POST was sent:
          realms carry a server ``create_time``, compared with our send time on the
          server's clock (from the ``Date`` header). Resource servers carry no time, so
          their creates do one key lookup before the POST, like the next kind.
        * keys the server does not keep unique (application and authenticator-config
          names): one lookup of the key before the POST (server-filtered for
          authenticator configs). A holder means :class:`AlreadyExistsError`, nothing
          is created; otherwise any holder found after an unknown outcome was made by
          this create.

        No holder after an unknown outcome: the POST did not happen and is sent again.
        When the lookup itself keeps failing, :class:`CreateRecoveryError` says the
        outcome is unknown and names the key; it never claims nothing was created.
        """
        client = self._client
        deadline = client.deadline()
        path = self._collection(realm_id)
        payload = {self.envelope: dict(body)}
        key = self.natural_key(body)
        attributable_by_time = self.server_unique and self.envelope == "realm"
        if not attributable_by_time:
            holders = self.find_by_key(key, realm_id=realm_id, deadline=deadline)
            if holders:
                raise self._taken(key, realm_id, holders[0])
        history: list[str] = []
        attempt = 0
        while True:
            attempt += 1
            sent_at = time.time()
            try:
                reply = client.exchange("POST", path, json=payload, deadline=deadline)
                _require_shape(object_problem(self.envelope, reply.body), 200, "POST", path, True)
                return cast(T, reply.body)
            except ConflictError:
                if not self.server_unique:
                    raise
                holders = self._lookup_quietly(key, realm_id, deadline)
                if holders:
                    raise self._taken(key, realm_id, holders[0]) from None
                raise
            except BeyondIdentityError as exc:
                history.append(_describe(exc))
                if is_safe_to_resend_post(exc):
                    self._wait_or_raise(exc, attempt, deadline, history, key, realm_id)
                    continue
                if not outcome_unknown(exc):
                    exc.attempts = list(history)
                    raise
                unknown = exc
            # The outcome is unknown: find out whether this create made the object.
            found = self._recover(key, realm_id, deadline, sent_at, unknown, history)
            if found is not None:
                logger.warning(
                    "POST %s: the answer was lost or unusable (%s) but the %s was created; "
                    "using id %s",
                    path,
                    _describe(unknown),
                    self.envelope,
                    found.get("id"),
                )
                return found
            # Nothing holds the key: the POST did not happen; sending it again is safe.
            self._wait_or_raise(unknown, attempt, deadline, history, key, realm_id)

    def _wait_or_raise(
        self,
        error: BeyondIdentityError,
        attempt: int,
        deadline: Deadline,
        history: builtins.list[str],
        key: tuple[Any, ...],
        realm_id: str | None,
    ) -> None:
        delay = self._client.retry.backoff(attempt, error)
        if attempt < self._client.retry.max_attempts and delay < deadline.remaining():
            self._client.retry.sleep(delay)
            return
        if not outcome_unknown(error):
            error.attempts = list(history)
            raise error
        # A lookup after the last try found no holder of the key; a server still
        # working on that request could commit it later, so do not claim otherwise.
        where = f" in realm {realm_id}" if realm_id else ""
        failure = CreateRecoveryError(
            f"POST {self._collection(realm_id)}: could not create the {self.envelope} with "
            f"{self._key_words(key)}{where}: the last try failed ({_describe(error)}) and a "
            "lookup right after found no such object. If one appears later, adopt it with "
            "adopt_id or delete it",
            natural_key=self._key_words(key),
        )
        failure.attempts = list(history)
        raise failure from None

    def _lookup_quietly(
        self, key: tuple[Any, ...], realm_id: str | None, deadline: Deadline
    ) -> builtins.list[T]:
        try:
            return self.find_by_key(key, realm_id=realm_id, deadline=deadline)
        except BeyondIdentityError as exc:
            logger.debug("could not look up %s %s: %s", self.plural, _key_text(key), exc)
            return []

    def _recover(
        self,
        key: tuple[Any, ...],
        realm_id: str | None,
        deadline: Deadline,
        sent_at: float,
        unknown: BeyondIdentityError,
        history: builtins.list[str],
    ) -> T | None:
        """The object this create made, None when nothing holds the key; raises otherwise."""
        where = f" in realm {realm_id}" if realm_id else ""
        described = f"{self.envelope} {_key_text(key)}{where}"
        lookups = 0
        while True:
            lookups += 1
            try:
                holders, offset = self._holders_with_clock(key, realm_id, deadline)
                break
            except BeyondIdentityError as exc:
                history.append(f"lookup: {_describe(exc)}")
                delay = self._client.retry.backoff(lookups, exc)
                if (
                    lookups >= self._client.retry.max_attempts
                    or delay >= deadline.remaining()
                    or isinstance(exc, InvalidInputError)
                ):
                    raise CreateRecoveryError(
                        f"POST {self._collection(realm_id)}: the outcome of creating {described} "
                        f"is unknown ({_describe(unknown)}), and looking it up failed too "
                        f"({_describe(exc)}). It may exist: look for a {self.envelope} with "
                        f"{self._key_words(key)}{where} and delete or adopt it before running "
                        "again.",
                        natural_key=_key_text(key),
                    ) from None
                self._client.retry.sleep(delay)
        if not holders:
            return None
        if len(holders) > 1:
            ids = [str(o.get("id")) for o in holders]
            raise CreateRecoveryError(
                f"POST {self._collection(realm_id)}: the outcome of creating {described} was "
                f"unknown ({_describe(unknown)}) and {len(holders)} {self.plural} now hold that "
                f"key: {', '.join(ids)}. Delete the extra ones (or adopt one with adopt_id), "
                "then run again.",
                candidates=ids,
                natural_key=_key_text(key),
            )
        holder = holders[0]
        if self.envelope != "realm":
            return holder  # the key was free just before the POST
        created = _parse_time(holder.get("create_time"))
        if created is not None and offset is not None:
            if created >= sent_at + offset - CLOCK_SLACK:
                return holder
            raise self._taken(key, realm_id, holder)
        raise CreateRecoveryError(
            f"POST {self._collection(realm_id)}: the outcome of creating {described} was unknown "
            f"({_describe(unknown)}); {self.envelope} {holder.get('id')} holds that key but "
            "whether this run created it cannot be told (no create_time or Date). Adopt it with "
            "adopt_id or delete it, then run again.",
            candidates=[str(holder.get("id"))],
            natural_key=_key_text(key),
        )

    def _holders_with_clock(
        self, key: tuple[Any, ...], realm_id: str | None, deadline: Deadline
    ) -> tuple[builtins.list[T], float | None]:
        # One page at a time through exchange() so the Date header of the lookup
        # gives the server clock; the recovery path may cost pages, the happy path never.
        path = self._collection(realm_id)
        token: str | None = None
        seen: set[str] = set()
        offset: float | None = None
        found: builtins.list[T] = []
        while True:
            params: dict[str, Any] = {**self._key_filter(key), "page_size": self.page_size}
            if token:
                params["page_token"] = token
            reply = self._client.exchange("GET", path, params=params, deadline=deadline)
            _require_shape(
                page_problem(self.envelope, self.plural, reply.body), 200, "GET", path, False
            )
            if reply.server_offset is not None:
                offset = reply.server_offset if offset is None else max(offset, reply.server_offset)
            found.extend(
                cast(T, o) for o in reply.body.get(self.plural) or [] if self.holds(key, o)
            )
            token = reply.body.get("next_page_token") or None
            if not token:
                return found, offset
            if token in seen:
                raise MalformedResponseError(
                    status_code=200, method="GET", path=path, problem="next_page_token repeats"
                )
            seen.add(token)

    def _key_words(self, key: tuple[Any, ...]) -> str:
        names = {
            "realm": ("display_name",),
            "resource_server": ("identifier",),
            "application": (
                "display_name",
                "resource_server_id",
                "protocol_config.type",
                "protocol_config.confidentiality",
            ),
            "authenticator_config": ("display_name", "config.type"),
        }.get(self.envelope, ())
        parts = [f"{n} {v!r}" for n, v in zip(names, key, strict=False) if v is not None]
        return " and ".join(parts) or _key_text(key)

    def _taken(
        self, key: tuple[Any, ...], realm_id: str | None, holder: Mapping[str, Any]
    ) -> AlreadyExistsError:
        where = f" in realm {realm_id}" if realm_id else ""
        holder_id = str(holder.get("id"))
        return AlreadyExistsError(
            f"a {self.envelope} with {self._key_words(key)} already exists{where} "
            f"(id {holder_id}); nothing was created",
            existing_id=holder_id,
            natural_key=self._key_words(key),
            collection=self.plural,
            realm_id=realm_id,
        )


def _at(obj: Mapping[str, Any], *path: str) -> Any:
    node: Any = obj
    for part in path:
        node = node.get(part) if isinstance(node, Mapping) else None
    return node


def _key_text(key: tuple[Any, ...]) -> str:
    return "(" + ", ".join(repr(k) for k in key) + ")"


def _describe(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, APIError):
        return f"{error.status_code} {error.code}"
    text = Exception.__str__(error)
    return text.split(": ", 1)[-1] if isinstance(error, TransportError) else text
