"""What each realm held before this process's creates: the evidence of safe creates.

Beyond Identity has no idempotency keys, no server-side filter on applications or
resource servers, and neither carries a ``create_time``. So the only sound way to tell
"this create made it" from "it was there before" after a lost answer is to know what
held the key before the POST. A :class:`Snapshot` is that knowledge for one collection
of one realm, taken once per process and kept current with the process's own creates,
updates and deletes:

* a realm this process created starts empty (no request at all);
* any other realm is listed once, at the first create of that kind in it, and every
  later create in the run reuses the listing (a 250-application stack lists once).

A create whose outcome stays unknown drops the snapshot (the realm may now hold an
object nobody recorded), so the next create lists again. An object someone else makes
in the realm during the run is not in the snapshot; see docs/reliability.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

Holds = Callable[[Mapping[str, Any]], bool]


class Snapshot:
    """The objects of one collection in one realm, as this process knows them."""

    def __init__(self, objects: Iterable[Mapping[str, Any]], lock: threading.Lock) -> None:
        self._objects = {str(o.get("id")): o for o in objects}
        self._lock = lock

    def holders(self, holds: Holds) -> list[Mapping[str, Any]]:
        """The known objects ``holds`` accepts (those holding a natural key)."""
        with self._lock:
            return [o for o in self._objects.values() if holds(o)]

    def ids(self) -> frozenset[str]:
        """The ids of every known object."""
        with self._lock:
            return frozenset(self._objects)

    def put(self, obj: Mapping[str, Any]) -> None:
        """Record an object this process created, updated or took over."""
        with self._lock:
            self._objects[str(obj.get("id"))] = obj

    def drop(self, object_id: str) -> None:
        """Forget an object that is gone."""
        with self._lock:
            self._objects.pop(object_id, None)


class Snapshots:
    """Every snapshot of one client (thread-safe: the provider's four workers share it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._taken: dict[tuple[str, str], Snapshot] = {}
        self._listing: dict[tuple[str, str], threading.Lock] = {}
        self._born: set[str] = set()

    def realm_created(self, realm_id: str) -> None:
        """This process created ``realm_id``: it held nothing before."""
        with self._lock:
            self._born.add(realm_id)

    def known(self, plural: str, realm_id: str) -> Snapshot | None:
        """The snapshot of ``plural`` in ``realm_id``, or None until one is taken."""
        with self._lock:
            snapshot = self._taken.get((plural, realm_id))
            if snapshot is None and realm_id in self._born:
                snapshot = self._taken[(plural, realm_id)] = Snapshot((), self._lock)
            return snapshot

    def take(
        self, plural: str, realm_id: str, list_all: Callable[[], list[Mapping[str, Any]]]
    ) -> Snapshot:
        """The snapshot, listing the collection when none is known yet (once: threads
        creating in the same realm at the same time wait for the first one's listing)."""
        with self._lock:
            listing = self._listing.setdefault((plural, realm_id), threading.Lock())
        with listing:
            known = self.known(plural, realm_id)
            if known is not None:
                return known
            snapshot = Snapshot(list_all(), self._lock)
            with self._lock:
                self._taken[(plural, realm_id)] = snapshot
            return snapshot

    def forget(self, plural: str, realm_id: str) -> None:
        """Drop the snapshot: a create's outcome stayed unknown, so it may be incomplete."""
        with self._lock:
            self._taken.pop((plural, realm_id), None)
            self._born.discard(realm_id)
