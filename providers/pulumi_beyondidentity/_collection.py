"""``Collection``: CRUD for one kind of Beyond Identity object, with duplicate-safe creates.

Beyond Identity has no idempotency keys, so a POST whose outcome is unknown (answer lost,
unreadable, 5xx) is never resent blindly. A create instead:

1. checks that nothing holds its natural key (the name, plus the fields that cannot change
   in place). Realms need no check: their names are unique on the server (409) and they
   carry a ``create_time``. Resource servers and applications are checked against the
   realm's :class:`~._snapshots.Snapshot` (no request once the process knows the realm),
   authenticator configs with one server-filtered lookup when it does not. A holder means
   :class:`AlreadyExistsError`: nothing is created.
2. POSTs. After an unknown outcome it recovers the lost create
   (:meth:`Collection.recover_lost_create`): it looks the key up, and a holder is this
   create's object, because the key was free before the POST (realms: because the holder's
   ``create_time`` is not before the send time on the server's clock; an older realm is
   :class:`AlreadyExistsError`). No holder: the POST did not happen and is sent again.
   A lookup that keeps failing gives :class:`CreateRecoveryError`, which names the key and
   never claims nothing was created.
"""

from __future__ import annotations

import builtins
import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from ._errors import (
    AlreadyExistsError,
    BeyondIdentityError,
    ConflictError,
    CreateRecoveryError,
    InvalidInputError,
    MalformedResponseError,
    NotFoundError,
    describe_error,
)
from ._models import ApplicationData, AuthenticatorConfigData, RealmData, ResourceServerData
from ._operation import Deadline
from ._read_back import read_back_reserve, settle_lost_update
from ._retry import is_safe_to_resend_patch, is_safe_to_resend_post, outcome_unknown
from ._shapes import instant, object_problem, page_problem, require_shape
from ._snapshots import Snapshot

if TYPE_CHECKING:
    from ._client import BeyondIdentityClient

logger = logging.getLogger("pulumi_beyondidentity")

T = TypeVar("T", RealmData, ResourceServerData, ApplicationData, AuthenticatorConfigData)
NaturalKey = Callable[[Mapping[str, Any]], tuple[Any, ...]]
Key = tuple[Any, ...]

#: Slack for comparing a server-set create_time (millisecond precision) with our send time.
#: The server clock estimate from ``Date`` is a lower bound, so no more is needed.
CLOCK_SLACK = 0.01


class Collection(Generic[T]):
    """CRUD for one collection: realms, or a realm's resource servers, applications
    or authenticator configs. Realm-scoped methods take ``realm_id``.

    :param natural_key: the fields that identify an object to people (its name), then
        the fields that cannot change in place.
    :param key_fields: the names of those fields, for messages.
    :param exact_parts: how many leading key parts must match exactly; a later part that
        the request leaves out (None) matches anything.
    :param server_unique: Beyond Identity refuses a second object with the same key (409).
    :param filter_key: the field the list endpoint can filter on server-side, if any.
    :param created_at: the server-set creation time field, when the objects carry one:
        a lost create is then told apart from an older holder by time.
    """

    def __init__(
        self,
        client: BeyondIdentityClient,
        path: str,
        envelope: str,
        plural: str,
        *,
        natural_key: NaturalKey,
        key_fields: tuple[str, ...] = (),
        page_size: int = 100,
        realm_scoped: bool = True,
        server_unique: bool = False,
        filter_key: str | None = None,
        exact_parts: int | None = None,
        created_at: str | None = None,
    ) -> None:
        self._client = client
        self._path = path
        self.envelope = envelope
        self.plural = plural
        self.natural_key = natural_key
        self.key_fields = key_fields
        self.page_size = page_size
        self.realm_scoped = realm_scoped
        self.server_unique = server_unique
        self.filter_key = filter_key
        self.exact_parts = exact_parts
        self.created_at = created_at

    # -- addressing ------------------------------------------------------------------

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

    # -- read, update, delete ----------------------------------------------------------

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
        """PATCH the given fields (send nested objects whole); returns the updated object.

        Resent only when no earlier copy can still run on the server; after a lost, late or
        unusable answer the object is read back instead (see :mod:`._read_back`).

        :raises UpdateOutcomeUnknownError: the answer was lost and the object, read back,
            does not hold what was sent.
        """
        payload = {self.envelope: dict(body)}
        path = self._item(realm_id, object_id)
        deadline = self._client.deadline()
        try:
            updated = self._client.request(
                "PATCH",
                path,
                json=payload,
                shape=self._shape(object_id),
                retryable=is_safe_to_resend_patch,
                deadline=deadline.sooner(read_back_reserve(deadline)),
            )
        except BeyondIdentityError as exc:
            if not outcome_unknown(exc):
                raise
            updated = settle_lost_update(
                path,
                body,
                exc,
                lambda: self._client.request(
                    "GET", path, shape=self._shape(object_id), deadline=deadline
                ),
            )
        self._snapshot_put(realm_id, updated)
        return cast(T, updated)

    def delete(
        self, object_id: str, *, realm_id: str | None = None, missing_ok: bool = True
    ) -> bool:
        """Delete an object; returns False when it was already gone (and ``missing_ok``).

        A 404 after a try whose answer was lost or failed counts as done (True): that
        try deleted it.
        """
        history: builtins.list[str] = []
        try:
            self._client.request("DELETE", self._item(realm_id, object_id), attempts=history)
        except NotFoundError:
            self._snapshot_drop(realm_id, object_id)
            if history:
                return True
            if missing_ok:
                return False
            raise
        self._snapshot_drop(realm_id, object_id)
        return True

    # -- natural keys ----------------------------------------------------------------

    def find_by_key(
        self, key: Key, *, realm_id: str | None = None, deadline: Deadline | None = None
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

    def holds(self, key: Key, obj: Mapping[str, Any]) -> bool:
        """Whether ``obj`` holds the natural key ``key`` (taken from a request body)."""
        exact = len(key) if self.exact_parts is None else self.exact_parts
        return all(
            wanted == got or (index >= exact and wanted is None)
            for index, (wanted, got) in enumerate(zip(key, self.natural_key(obj), strict=True))
        )

    def _key_filter(self, key: Key) -> dict[str, Any]:
        if self.filter_key is None or not isinstance(key[0], str):
            return {}
        escaped = key[0].replace("\\", "\\\\").replace('"', '\\"')
        return {"filter": f'{self.filter_key} eq "{escaped}"'}

    def _key_words(self, key: Key) -> str:
        parts = [f"{n} {v!r}" for n, v in zip(self.key_fields, key, strict=False) if v is not None]
        return " and ".join(parts) or _key_text(key)

    def _where(self, realm_id: str | None) -> str:
        return f" in realm {realm_id}" if realm_id else ""

    # -- create ----------------------------------------------------------------------

    def create(self, body: Mapping[str, Any], *, realm_id: str | None = None) -> T:
        """Create an object, never a duplicate, and never hand back one that existed before
        (see the module documentation for how).

        :raises AlreadyExistsError: an object holds the natural key; nothing was created.
        :raises CreateRecoveryError: the outcome is unknown and could not be settled.
        """
        deadline = self._client.deadline()
        key = self.natural_key(body)
        holders = self._holders_before_create(key, realm_id, deadline)
        if holders:
            raise self._taken(key, realm_id, holders[0])
        try:
            made = self._post_until_settled({self.envelope: dict(body)}, key, realm_id, deadline)
        except BeyondIdentityError as exc:
            if exc.may_have_been_applied and realm_id:
                # The realm may now hold an object nobody recorded: list it again next time.
                self._client.snapshots.forget(self.plural, realm_id)
            raise
        self._remember_created(realm_id, made)
        return made

    def _holders_before_create(
        self, key: Key, realm_id: str | None, deadline: Deadline
    ) -> builtins.list[Mapping[str, Any]]:
        if self.created_at is not None or not realm_id:
            return []  # the server keeps the key unique, and its clock settles a lost answer
        snapshot = self._client.snapshots.known(self.plural, realm_id)
        if snapshot is None and self.filter_key is not None:
            return [*self.find_by_key(key, realm_id=realm_id, deadline=deadline)]
        if snapshot is None:
            snapshot = self._client.snapshots.take(
                self.plural, realm_id, lambda: [*self.list(realm_id=realm_id, deadline=deadline)]
            )
        return self._still_holding(key, realm_id, snapshot)

    def _still_holding(
        self, key: Key, realm_id: str, snapshot: Snapshot
    ) -> builtins.list[Mapping[str, Any]]:
        # A holder known from earlier in the run is read again before it refuses a create:
        # it may have been renamed or deleted since (failure path only).
        holders: builtins.list[Mapping[str, Any]] = []
        for known in snapshot.holders(lambda o: self.holds(key, o)):
            current = self.find(str(known.get("id")), realm_id=realm_id)
            if current is None:
                snapshot.drop(str(known.get("id")))
                continue
            snapshot.put(current)
            if self.holds(key, current):
                holders.append(current)
        return holders

    def _remember_created(self, realm_id: str | None, made: Mapping[str, Any]) -> None:
        if self.created_at is not None and not self.realm_scoped:
            self._client.snapshots.realm_created(str(made["id"]))
        self._snapshot_put(realm_id, made)

    def _snapshot_put(self, realm_id: str | None, obj: Mapping[str, Any]) -> None:
        snapshot = self._client.snapshots.known(self.plural, realm_id) if realm_id else None
        if snapshot is not None:
            snapshot.put(obj)

    def _snapshot_drop(self, realm_id: str | None, object_id: str) -> None:
        snapshot = self._client.snapshots.known(self.plural, realm_id) if realm_id else None
        if snapshot is not None:
            snapshot.drop(object_id)

    def _post_until_settled(
        self, payload: Mapping[str, Any], key: Key, realm_id: str | None, deadline: Deadline
    ) -> T:
        """POST until the outcome is known: an explicit loop, since what follows a failed try
        (wait and resend, recover the lost create, or give up) depends on the failure."""
        path = self._collection(realm_id)
        budget = self._client.retry.budget(deadline)
        history: builtins.list[str] = []
        first_unknown_sent: float | None = None
        while True:
            sent_at = time.time()
            try:
                reply = self._client.exchange("POST", path, json=payload, deadline=deadline)
                require_shape(object_problem(self.envelope, reply.body), 200, "POST", path, True)
                return cast(T, reply.body)
            except ConflictError as exc:
                if not self.server_unique or first_unknown_sent is None:
                    raise self._refused_as_taken(key, realm_id, deadline, exc) from None
                history.append(describe_error(exc))
                failure: BeyondIdentityError = exc  # maybe our own earlier try, committed late
            except BeyondIdentityError as exc:
                history.append(describe_error(exc))
                if not outcome_unknown(exc):
                    if is_safe_to_resend_post(exc) and budget.wait_for_another(exc):
                        continue
                    exc.attempts = list(history)
                    raise
                failure = exc
                first_unknown_sent = first_unknown_sent or sent_at
            found = self.recover_lost_create(key, realm_id, deadline, first_unknown_sent, failure)
            if found is not None:
                return found
            if not budget.wait_for_another(failure):
                raise self._unsettled(key, realm_id, failure, history) from None

    def _refused_as_taken(
        self, key: Key, realm_id: str | None, deadline: Deadline, conflict: ConflictError
    ) -> BeyondIdentityError:
        if not self.server_unique:
            return conflict
        try:
            holders = self.find_by_key(key, realm_id=realm_id, deadline=deadline)
        except BeyondIdentityError as exc:
            logger.debug("could not look up %s %s: %s", self.plural, _key_text(key), exc)
            return conflict
        return self._taken(key, realm_id, holders[0]) if holders else conflict

    def _unsettled(
        self,
        key: Key,
        realm_id: str | None,
        error: BeyondIdentityError,
        history: builtins.list[str],
    ) -> BeyondIdentityError:
        if not outcome_unknown(error) and not isinstance(error, ConflictError):
            error.attempts = list(history)
            return error
        # A lookup after the last try found no holder of the key; a server still
        # working on that request could commit it later, so do not claim otherwise.
        failure = CreateRecoveryError(
            f"POST {self._collection(realm_id)}: could not create the {self.envelope} with "
            f"{self._key_words(key)}{self._where(realm_id)}: the last try failed "
            f"({describe_error(error)}) and a lookup right after found no such object. If one "
            "appears later, adopt it with adopt_id or delete it",
            natural_key=self._key_words(key),
        )
        failure.attempts = list(history)
        return failure

    # -- recovery of a lost create -----------------------------------------------------

    def recover_lost_create(
        self,
        key: Key,
        realm_id: str | None,
        deadline: Deadline,
        sent_at: float | None,
        unknown: BeyondIdentityError,
    ) -> T | None:
        """The object a POST with an unknown outcome made, or None when nothing holds its key.

        Looks the key up (retrying within the operation's budget) and decides from the
        holders; raises :class:`CreateRecoveryError` when the lookup keeps failing or the
        holders do not settle it, :class:`AlreadyExistsError` for a realm that is older
        than the POST.
        """
        budget = self._client.retry.budget(deadline)
        while True:
            try:
                holders, offset = self._holders_with_clock(key, realm_id, deadline)
            except BeyondIdentityError as exc:
                if isinstance(exc, InvalidInputError) or not budget.wait_for_another(exc):
                    raise self._lookup_failed(key, realm_id, unknown, exc) from None
                continue
            found = self._made_by_this_create(holders, key, realm_id, sent_at, offset, unknown)
            if found is not None:
                logger.warning(
                    "POST %s: the answer was lost or unusable (%s) but the %s was created; "
                    "using id %s",
                    self._collection(realm_id),
                    describe_error(unknown),
                    self.envelope,
                    found.get("id"),
                )
            return found

    def _made_by_this_create(
        self,
        holders: builtins.list[T],
        key: Key,
        realm_id: str | None,
        sent_at: float | None,
        offset: float | None,
        unknown: BeyondIdentityError,
    ) -> T | None:
        holders = [h for h in holders if not h.get("is_managed")]  # never one of ours
        if not holders:
            return None
        if len(holders) > 1:
            raise self._several_holders(key, realm_id, holders, unknown)
        holder = holders[0]
        if self.created_at is None:
            return holder  # the key was free just before the POST
        created = instant(holder.get(self.created_at))
        if created is not None and offset is not None and sent_at is not None:
            if created.timestamp() >= sent_at + offset - CLOCK_SLACK:
                return holder
            raise self._taken(key, realm_id, holder)
        raise CreateRecoveryError(
            f"POST {self._collection(realm_id)}: the outcome of creating "
            f"{self._described(key, realm_id)} was unknown ({describe_error(unknown)}); "
            f"{self.envelope} {holder.get('id')} holds that key but whether this run created "
            "it cannot be told (no create_time or Date). Adopt it with adopt_id or delete it, "
            "then run again.",
            candidates=[str(holder.get("id"))],
            natural_key=_key_text(key),
        )

    def _holders_with_clock(
        self, key: Key, realm_id: str | None, deadline: Deadline
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
            require_shape(
                page_problem(self.envelope, self.plural, reply.body), 200, "GET", path, False
            )
            if reply.server_offset is not None:
                offset = reply.server_offset if offset is None else max(offset, reply.server_offset)
            page = reply.body.get(self.plural) or []
            found.extend(cast(T, o) for o in page if self.holds(key, o))
            token = reply.body.get("next_page_token") or None
            if not token:
                return found, offset
            if token in seen:
                raise MalformedResponseError(
                    status_code=200, method="GET", path=path, problem="next_page_token repeats"
                )
            seen.add(token)

    # -- errors ------------------------------------------------------------------------

    def _described(self, key: Key, realm_id: str | None) -> str:
        return f"{self.envelope} {_key_text(key)}{self._where(realm_id)}"

    def _lookup_failed(
        self, key: Key, realm_id: str | None, unknown: BeyondIdentityError, error: Exception
    ) -> CreateRecoveryError:
        return CreateRecoveryError(
            f"POST {self._collection(realm_id)}: the outcome of creating "
            f"{self._described(key, realm_id)} is unknown ({describe_error(unknown)}), and "
            f"looking it up failed too ({describe_error(error)}). It may exist: look for a "
            f"{self.envelope} with {self._key_words(key)}{self._where(realm_id)} and delete or "
            "adopt it before running again.",
            natural_key=_key_text(key),
        )

    def _several_holders(
        self,
        key: Key,
        realm_id: str | None,
        holders: builtins.list[T],
        unknown: BeyondIdentityError,
    ) -> CreateRecoveryError:
        ids = [str(o.get("id")) for o in holders]
        return CreateRecoveryError(
            f"POST {self._collection(realm_id)}: the outcome of creating "
            f"{self._described(key, realm_id)} was unknown ({describe_error(unknown)}) and "
            f"{len(holders)} {self.plural} now hold that key: {', '.join(ids)}. Delete the extra "
            "ones (or adopt one with adopt_id), then run again.",
            candidates=ids,
            natural_key=_key_text(key),
        )

    def _taken(
        self, key: Key, realm_id: str | None, holder: Mapping[str, Any]
    ) -> AlreadyExistsError:
        holder_id = str(holder.get("id"))
        return AlreadyExistsError(
            f"a {self.envelope} with {self._key_words(key)} already exists{self._where(realm_id)} "
            f"(id {holder_id}); nothing was created",
            existing_id=holder_id,
            natural_key=self._key_words(key),
            collection=self.plural,
            realm_id=realm_id,
        )


def _key_text(key: Key) -> str:
    return "(" + ", ".join(repr(k) for k in key) + ")"
