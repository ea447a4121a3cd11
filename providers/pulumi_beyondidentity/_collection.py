"""``Collection``: CRUD for one kind of Beyond Identity object, with duplicate-safe creates.

Beyond Identity has no idempotency keys, so a POST whose outcome is unknown (answer lost,
unreadable, 5xx) is never resent blindly. A create instead:

1. holds its own evidence that nothing holds its natural key (the name, plus the fields
   that cannot change in place), whatever the server does with repeats (the contract
   documents no 409 on any create). Realms and resource servers, whose repeats the server
   may refuse (so a lost answer may hide a refusal): one listing just before the POST
   (realms: of every realm, at the largest page size the contract allows). Applications:
   the realm's :class:`~._snapshots.Snapshot` (no request once the process knows the
   realm); authenticator configs: the snapshot, or one server-filtered lookup. A holder
   means :class:`AlreadyExistsError`: nothing is created.
2. POSTs. After an unknown outcome it recovers the lost create
   (:meth:`Collection.recover_lost_create`): it looks the key up, and a single holder is
   this create's object, because the key was free just before the POST. No holder: the
   POST did not happen and is sent again. Several holders, or a lookup that keeps
   failing, give :class:`CreateRecoveryError`, which names the key and never claims
   nothing was created.
"""

from __future__ import annotations

import builtins
import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar, cast

from ._errors import (
    AlreadyExistsError,
    BeyondIdentityError,
    ConflictError,
    CreateRecoveryError,
    InvalidInputError,
    NotFoundError,
    describe_error,
)
from ._operation import Deadline
from ._read_back import read_back_reserve, settle_lost_update
from ._retry import is_safe_to_resend_patch, is_safe_to_resend_post, outcome_unknown
from ._shapes import object_problem, page_problem, require_shape
from ._snapshots import Snapshot, Snapshots
from ._spec import KindSpec
from ._transport import Transport, pages

logger = logging.getLogger("pulumi_beyondidentity")

#: The answer type of a kind (a ``TypedDict`` of :mod:`._models`, or ``dict[str, Any]``).
T = TypeVar("T", bound=Mapping[str, Any])
Key = tuple[Any, ...]


class Collection(Generic[T]):
    """CRUD for one collection: realms, or a realm's objects of one kind (its
    :class:`~._spec.KindSpec` says which). Realm-scoped methods take ``realm_id``.

    :param spec: the kind (path, envelope, natural key and its evidence, page size...).
    :param transport: how requests reach the tenant.
    :param tenant_path: ``/v1/tenants/<tenant id>``, the prefix of every path.
    :param snapshots: what each realm held before this client's creates.
    """

    def __init__(
        self, spec: KindSpec, transport: Transport, tenant_path: str, snapshots: Snapshots
    ) -> None:
        self.spec = spec
        self._transport = transport
        self._snapshots = snapshots
        self._path = tenant_path + spec.path
        self.envelope = spec.envelope
        self.plural = spec.plural
        self.natural_key = spec.natural_key
        self.comparable = spec.comparable
        self.key_fields = spec.key_fields
        self.page_size = spec.page_size
        self.realm_scoped = spec.realm_scoped
        # Beyond Identity may refuse a second object with the same key (409; documented for
        # identities only, so never relied on: a 409 is only ever read as "taken", or, after
        # an earlier try whose outcome was unknown, as that try committed late).
        self.server_unique = spec.server_unique
        self.filter_key = spec.filter_key
        self.exact_parts = spec.exact_parts
        self.created_at = spec.created_at

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

    def path_of(self, object_id: str, *, realm_id: str | None = None) -> str:
        """The path of one object (its custom methods append to it: ``:addMembers``)."""
        return self._item(realm_id, object_id)

    def _shape(self, expected_id: str | None = None) -> Callable[[Any], str | None]:
        return lambda body: object_problem(self.spec.answer, body, expected_id)

    def _pages(
        self, realm_id: str | None, deadline: Deadline | None, params: Mapping[str, Any] | None
    ) -> Iterator[dict[str, Any]]:
        return pages(
            self._transport,
            self._collection(realm_id),
            self.plural,
            self.page_size,
            shape=lambda body: page_problem(self.spec.answer, self.plural, body),
            params=params,
            deadline=deadline,
        )

    # -- read, update, delete ----------------------------------------------------------

    def get(self, object_id: str, *, realm_id: str | None = None) -> T:
        """One object by id, validated.

        :raises NotFoundError: when it (or its realm) is gone: the only answer that means so.
        """
        path = self._item(realm_id, object_id)
        return cast(T, self._transport.request("GET", path, shape=self._shape(object_id)))

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
        return [cast(T, o) for o in self._pages(realm_id, deadline, None)]

    def update(self, object_id: str, body: Mapping[str, Any], *, realm_id: str | None = None) -> T:
        """PATCH the given fields (send nested objects whole); returns the updated object.

        Resent only when no earlier copy can still run on the server; after a lost, late or
        unusable answer the object is read back instead (see :mod:`._read_back`).

        :raises UpdateOutcomeUnknownError: the answer was lost and the object, read back,
            does not hold what was sent.
        """
        payload = {self.envelope: dict(body)}
        path = self._item(realm_id, object_id)
        deadline = self._transport.deadline()
        try:
            updated = self._transport.request(
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
                lambda: self._transport.request(
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
            self._transport.request("DELETE", self._item(realm_id, object_id), attempts=history)
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
        objects = self._pages(realm_id, deadline, self._key_filter(key))
        return [cast(T, o) for o in objects if self.holds(key, o)]

    def holds(self, key: Key, obj: Mapping[str, Any]) -> bool:
        """Whether ``obj`` holds the natural key ``key`` (taken from a request body)."""
        exact = len(key) if self.exact_parts is None else self.exact_parts
        wanted_key, got_key = self.comparable(key), self.comparable(self.natural_key(obj))
        return all(
            wanted == got or (index >= exact and wanted is None)
            for index, (wanted, got) in enumerate(zip(wanted_key, got_key, strict=True))
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
        deadline = self._transport.deadline()
        key = self.natural_key(body)
        holders = self._holders_before_create(key, realm_id, deadline)
        if holders:
            raise self._taken(key, realm_id, holders[0])
        try:
            made = self._post_until_settled({self.envelope: dict(body)}, key, realm_id, deadline)
        except BeyondIdentityError as exc:
            if exc.may_have_been_applied and realm_id:
                # The realm may now hold an object nobody recorded: list it again next time.
                self._snapshots.forget(self.plural, realm_id)
            raise
        self._remember_created(realm_id, made)
        return made

    def _holders_before_create(
        self, key: Key, realm_id: str | None, deadline: Deadline
    ) -> builtins.list[Mapping[str, Any]]:
        if self.server_unique:
            # The server may refuse a repeat (409, undocumented), and a lost 409 looks like a
            # lost success: only a listing just before the POST tells a holder made since
            # apart from ours. Realms: ListRealms has no filter; one listing of every realm at
            # the largest page the contract allows.
            return [*self.find_by_key(key, realm_id=realm_id, deadline=deadline)]
        if not realm_id:
            raise ValueError(f"realm_id is required for {self.plural}")
        snapshot = self._snapshots.known(self.plural, realm_id)
        if snapshot is None and self.filter_key is not None:
            return [*self.find_by_key(key, realm_id=realm_id, deadline=deadline)]
        if snapshot is None:
            snapshot = self._snapshots.take(
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
            self._snapshots.realm_created(str(made["id"]))
        self._snapshot_put(realm_id, made)

    def _snapshot_put(self, realm_id: str | None, obj: Mapping[str, Any]) -> None:
        snapshot = self._snapshots.known(self.plural, realm_id) if realm_id else None
        if snapshot is not None:
            snapshot.put(obj)

    def _snapshot_drop(self, realm_id: str | None, object_id: str) -> None:
        snapshot = self._snapshots.known(self.plural, realm_id) if realm_id else None
        if snapshot is not None:
            snapshot.drop(object_id)

    def _post_until_settled(
        self, payload: Mapping[str, Any], key: Key, realm_id: str | None, deadline: Deadline
    ) -> T:
        """POST until the outcome is known: an explicit loop, since what follows a failed try
        (wait and resend, recover the lost create, or give up) depends on the failure."""
        path = self._collection(realm_id)
        budget = self._transport.retry.budget(deadline)
        history: builtins.list[str] = []
        unknown_before = False  # an earlier try may have committed
        while True:
            try:
                reply = self._transport.exchange("POST", path, json=payload, deadline=deadline)
                require_shape(object_problem(self.spec.answer, reply.body), 200, "POST", path, True)
                return cast(T, reply.body)
            except ConflictError as exc:
                if not self.server_unique or not unknown_before:
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
                unknown_before = True
            found = self.recover_lost_create(key, realm_id, deadline, failure)
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
        unknown: BeyondIdentityError,
    ) -> T | None:
        """The object a POST with an unknown outcome made, or None when nothing holds its key.

        The key was free just before the POST (the create checked), so a single holder now
        is this create's. Looks the key up (retrying within the operation's budget); raises
        :class:`CreateRecoveryError` when the lookup keeps failing or several objects hold
        the key.
        """
        budget = self._transport.retry.budget(deadline)
        while True:
            try:
                holders = self.find_by_key(key, realm_id=realm_id, deadline=deadline)
            except BeyondIdentityError as exc:
                if isinstance(exc, InvalidInputError) or not budget.wait_for_another(exc):
                    raise self._lookup_failed(key, realm_id, unknown, exc) from None
                continue
            holders = [h for h in holders if not h.get("is_managed")]  # never one of ours
            if len(holders) > 1:
                raise self._several_holders(key, realm_id, holders, unknown)
            if not holders:
                return None
            logger.warning(
                "POST %s: the answer was lost or unusable (%s) but the %s was created; using id %s",
                self._collection(realm_id),
                describe_error(unknown),
                self.envelope,
                holders[0].get("id"),
            )
            return holders[0]

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
        created = holder.get(self.created_at) if self.created_at else None
        return AlreadyExistsError(
            f"a {self.envelope} with {self._key_words(key)} already exists{self._where(realm_id)} "
            f"(id {holder_id}); nothing was created",
            existing_id=holder_id,
            natural_key=self._key_words(key),
            collection=self.plural,
            realm_id=realm_id,
            created=created if isinstance(created, str) else None,
        )


def _key_text(key: Key) -> str:
    return "(" + ", ".join(repr(k) for k in key) + ")"
