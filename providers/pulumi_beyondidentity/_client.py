"""``BeyondIdentityClient``: typed CRUD over the v1 management API.

Envelopes, pagination, retries and duplicate-safe creates live here so that
providers only say *what* to change.
"""

from __future__ import annotations

import builtins
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar, cast

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
)

from ._auth import BearerAuth, TokenSource, token_source_for
from ._errors import (
    APIError,
    BeyondIdentityError,
    CreateRecoveryError,
    NotFoundError,
    TransportError,
    error_class_for,
    parse_error_body,
)
from ._http import shared_http_client
from ._models import (
    ApplicationData,
    AuthenticatorConfigData,
    RealmData,
    ResourceServerData,
    TenantData,
)
from ._retry import (
    RetryPolicy,
    is_retryable,
    is_safe_to_resend_post,
    outcome_unknown,
    parse_retry_after,
)
from ._settings import Settings

logger = logging.getLogger("pulumi_beyondidentity")

T = TypeVar("T", RealmData, ResourceServerData, ApplicationData, AuthenticatorConfigData)
NaturalKey = Callable[[Mapping[str, Any]], tuple[Any, ...]]


class BeyondIdentityClient:
    """A client for one Beyond Identity tenant.

    Thread-safe: share one instance between threads. Create it with
    :meth:`from_settings` or directly.

    :param settings: where the tenant is and how to authenticate.
    :param http: the HTTP client; defaults to the process-wide pooled one.
    :param retry: retry bounds; defaults to :class:`RetryPolicy` defaults.
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
        self.realms = Collection[RealmData](
            self,
            prefix + "/realms",
            "realm",
            "realms",
            page_size=200,
            natural_key=lambda o: (o.get("display_name"),),
            realm_scoped=False,
        )
        self.resource_servers = Collection[ResourceServerData](
            self,
            prefix + "/realms/{realm_id}/resource-servers",
            "resource_server",
            "resource_servers",
            natural_key=lambda o: (o.get("identifier"),),
        )
        self.applications = Collection[ApplicationData](
            self,
            prefix + "/realms/{realm_id}/applications",
            "application",
            "applications",
            natural_key=lambda o: (o.get("display_name"), o.get("resource_server_id") or None),
        )
        self.authenticator_configs = Collection[AuthenticatorConfigData](
            self,
            prefix + "/realms/{realm_id}/authenticator-configs",
            "authenticator_config",
            "authenticator_configs",
            natural_key=lambda o: (o.get("display_name"),),
        )

    def __repr__(self) -> str:
        return (
            f"<BeyondIdentityClient tenant={self.settings.tenant_id} api={self.settings.api_url}>"
        )

    def __getstate__(self) -> None:
        raise TypeError("BeyondIdentityClient holds credentials and cannot be pickled")

    def _http(self) -> httpx.Client:
        return self._http_override or shared_http_client()

    # -- tenant -------------------------------------------------------------

    def get_tenant(self) -> TenantData:
        """The tenant the settings point at."""
        return cast(TenantData, self.request("GET", self._tenant_path))

    def issuer(self, realm_id: str, application_id: str) -> str:
        """The OIDC issuer URL of an application."""
        return self.settings.issuer(realm_id, application_id)

    # -- transport ----------------------------------------------------------

    def send(
        self, method: str, path: str, *, json: Any = None, params: Mapping[str, Any] | None = None
    ) -> Any:
        """Send one request (no retry); return the decoded JSON body or None.

        :raises APIError: a subclass matching the error status.
        :raises TransportError: when no usable response arrived.
        """
        url = self.settings.api_url + path
        started = time.monotonic()
        try:
            response = self._http().request(method, url, json=json, params=params, auth=self._auth)
        except httpx.TransportError as exc:
            never_sent = isinstance(
                exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
            )
            raise TransportError(
                f"{method} {path}: no response from Beyond Identity ({type(exc).__name__}: {exc})",
                reached_server=not never_sent,
            ) from None
        logger.debug(
            "%s %s -> %s (%.0f ms)",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        body: Any = None
        if response.content:
            try:
                body = response.json()
            except ValueError:
                body = None
        if response.is_success:
            return body
        code, message, violations, info = parse_error_body(body)
        raise error_class_for(response.status_code)(
            status_code=response.status_code,
            code=code or response.reason_phrase.lower().replace(" ", "_"),
            api_message=message or response.reason_phrase,
            method=method,
            path=path,
            field_violations=violations,
            resource_info=info,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )

    def request(
        self, method: str, path: str, *, json: Any = None, params: Mapping[str, Any] | None = None
    ) -> Any:
        """Send an idempotent request (GET, PATCH with a full body, DELETE), retrying per policy."""
        history: list[str] = []
        retrying = self._retrying(retry_if_exception(is_retryable), history)
        try:
            for attempt in retrying:
                with attempt:
                    return self.send(method, path, json=json, params=params)
        except BeyondIdentityError as exc:
            exc.attempts = [*history, _describe(exc)]
            raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _retrying(self, predicate: Any, history: list[str]) -> Retrying:
        policy = self.retry

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            return policy.backoff(state.attempt_number, error)

        def before_sleep(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            history.append(_describe(error))
            delay = state.next_action.sleep if state.next_action else 0.0
            logger.warning(
                "Beyond Identity call failed (%s); retrying in %.1f s (attempt %d of %d)",
                _describe(error),
                delay,
                state.attempt_number + 1,
                policy.max_attempts,
            )

        return Retrying(
            stop=stop_after_attempt(policy.max_attempts) | stop_before_delay(policy.total_timeout),
            wait=wait,
            retry=predicate,
            sleep=policy.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )

    def paginate(self, path: str, plural: str, page_size: int) -> Iterator[dict[str, Any]]:
        """Every object of a collection, following ``next_page_token`` to the end."""
        token: str | None = None
        while True:
            params: dict[str, Any] = {"page_size": page_size}
            if token:
                params["page_token"] = token
            body = self.request("GET", path, params=params) or {}
            yield from body.get(plural) or []
            token = body.get("next_page_token")
            if not token:
                return


class Collection(Generic[T]):
    """CRUD for one collection: realms, or a realm's resource servers, applications
    or authenticator configs. Realm-scoped methods take ``realm_id`` first."""

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
    ) -> None:
        self._client = client
        self._path = path
        self.envelope = envelope
        self.plural = plural
        self.natural_key = natural_key
        self.page_size = page_size
        self.realm_scoped = realm_scoped

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

    def get(self, object_id: str, *, realm_id: str | None = None) -> T:
        """One object by id. :raises NotFoundError: when it (or its realm) is gone."""
        return cast(T, self._client.request("GET", self._item(realm_id, object_id)))

    def find(self, object_id: str, *, realm_id: str | None = None) -> T | None:
        """One object by id, or None when it does not exist."""
        try:
            return self.get(object_id, realm_id=realm_id)
        except NotFoundError:
            return None

    def list(self, *, realm_id: str | None = None) -> builtins.list[T]:
        """Every object of the collection (all pages)."""
        path = self._collection(realm_id)
        return [cast(T, o) for o in self._client.paginate(path, self.plural, self.page_size)]

    def update(self, object_id: str, body: Mapping[str, Any], *, realm_id: str | None = None) -> T:
        """PATCH the given fields (send nested objects whole); returns the updated object."""
        payload = {self.envelope: dict(body)}
        return cast(T, self._client.request("PATCH", self._item(realm_id, object_id), json=payload))

    def delete(
        self, object_id: str, *, realm_id: str | None = None, missing_ok: bool = True
    ) -> bool:
        """Delete an object; returns False when it was already gone (and ``missing_ok``)."""
        try:
            self._client.request("DELETE", self._item(realm_id, object_id))
        except NotFoundError:
            if missing_ok:
                return False
            raise
        return True

    def create(self, body: Mapping[str, Any], *, realm_id: str | None = None) -> T:
        """Create an object with one POST, recovering safely when the outcome is unknown.

        Beyond Identity has no idempotency keys, so a POST is never resent
        blindly. When the answer is lost (read timeout, dropped connection,
        5xx), the collection is listed and the object matching the natural key
        (and absent before the POST) is adopted. No match: the POST is sent
        again. Several: :class:`CreateRecoveryError` lists them.
        """
        client = self._client
        path = self._collection(realm_id)
        payload = {self.envelope: dict(body)}
        wanted = self.natural_key(body)
        before = self._snapshot(realm_id, wanted)
        history: list[str] = []
        adopted: builtins.list[T] = []

        def should_retry(error: BaseException) -> bool:
            if is_safe_to_resend_post(error):
                return True
            if not outcome_unknown(error):
                return False
            found = self._matches(realm_id, wanted, exclude=before)
            if len(found) == 1:
                adopted.append(found[0])
                return False
            if len(found) > 1:
                ids = [str(o.get("id")) for o in found]
                raise CreateRecoveryError(
                    f"POST {path}: the outcome of the create was unknown ({_describe(error)}) and "
                    f"{len(found)} {self.plural} now match {_key_text(wanted)}: {', '.join(ids)}. "
                    "Delete the extra ones (or adopt one explicitly), then run again.",
                    candidates=ids,
                ) from None
            return True  # nothing was created: sending it again is safe

        try:
            for attempt in client._retrying(retry_if_exception(should_retry), history):
                with attempt:
                    try:
                        return cast(T, client.send("POST", path, json=payload))
                    except BeyondIdentityError:
                        if adopted:
                            break
                        raise
        except CreateRecoveryError:
            raise
        except BeyondIdentityError as exc:
            if adopted:
                return self._adopt(adopted[0], path, exc)
            exc.attempts = [*history, _describe(exc)]
            if outcome_unknown(exc):
                raise CreateRecoveryError(
                    f"POST {path}: could not create {_key_text(wanted)}: the outcome of the "
                    f"last attempt is unknown ({_describe(exc)}) and no matching object was found. "
                    "Run again; nothing was recorded as created.",
                ) from exc
            raise
        if adopted:
            return self._adopt(adopted[0], path, None)
        raise AssertionError("unreachable")  # pragma: no cover

    def _adopt(self, found: T, path: str, error: BaseException | None) -> T:
        logger.warning(
            "POST %s: the response was lost but the object was created; using %s %s",
            path,
            self.envelope,
            found.get("id"),
        )
        return found

    def _snapshot(self, realm_id: str | None, wanted: tuple[Any, ...]) -> set[str] | None:
        # Ids that already match before we POST, so recovery never adopts an
        # object someone else made. Best effort: without it, recovery still
        # refuses to guess between several matches.
        try:
            return {str(o.get("id")) for o in self._matches(realm_id, wanted, exclude=None)}
        except APIError as exc:
            logger.debug("could not list %s before create: %s", self.plural, exc)
            return None

    def _matches(
        self, realm_id: str | None, wanted: tuple[Any, ...], exclude: set[str] | None
    ) -> builtins.list[T]:
        return [
            o
            for o in self.list(realm_id=realm_id)
            if self.natural_key(o) == wanted
            and (exclude is None or str(o.get("id")) not in exclude)
        ]


def _key_text(key: tuple[Any, ...]) -> str:
    return "(" + ", ".join(repr(k) for k in key) + ")"


def _describe(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, APIError):
        return f"{error.status_code} {error.code}"
    text = Exception.__str__(error)
    return text.split(": ", 1)[-1] if isinstance(error, TransportError) else text
