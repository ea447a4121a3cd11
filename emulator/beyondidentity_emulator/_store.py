"""The emulator's state: tenant, objects, identities, signing key; lock and persistence.

One :class:`Store` holds everything a tenant has. All methods are thread-safe
(the server thread and a test thread may call them concurrently) and return deep
copies, so callers can never mutate stored state by accident.

Objects are stored exactly as the API returns them. Each also gets a private,
monotonically increasing sequence number that gives lists a stable order
(creation order) and lets page tokens act as cursors that survive deletes.

Persistence: with a ``state_file`` the whole state (objects, sequence numbers,
identities, signing key, managed credentials and seed IDs) is written after every
mutation, atomically (temporary file in the same directory + ``os.replace``), and
loaded by the next ``Store`` for the same file. Group several mutations with
:meth:`Store.transaction` to lock once and write once. Authorization codes and
referential tokens live in memory only (they are short-lived).
"""

from __future__ import annotations

import builtins
import copy
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from . import _ids
from ._clock import Clock, rfc3339
from ._identities import from_legacy, identity_object
from ._validation import deep_merge

Collection = Literal[
    "realms", "resource_servers", "applications", "authenticator_configs", "identities", "groups"
]
"""Names of the stored collections (realms are tenant-level, the rest realm-scoped)."""

COLLECTIONS: tuple[Collection, ...] = get_args(Collection)
STATE_VERSION = 2
#: Version 1 kept identities in a list of their own, in a shape older than the OpenAPI's.
READABLE_STATE_VERSIONS = (1, 2)

ADMIN_REALM_NAME = "Beyond Identity Admin"
MANAGEMENT_API_NAME = "Beyond Identity Management API"
MANAGEMENT_AUDIENCE = "beyondidentity"
MANAGEMENT_TOKEN_LIFETIME = 86400
TENANT_DISPLAY_NAME = "Emulated Tenant"
ADMIN_IDENTITY_EMAIL = "admin@example.com"

MANAGEMENT_SCOPES: tuple[str, ...] = (
    *(
        f"{collection}:{verb}"
        for collection in (
            "realms",
            "resource-servers",
            "applications",
            "authenticator-configs",
            "identities",
            "groups",
        )
        for verb in ("create", "read", "update", "delete")
    ),
    "tenants:read",
)


class StateFileError(RuntimeError):
    """The state file cannot be used (unreadable, wrong version or another tenant)."""


@dataclass(frozen=True)
class Seed:
    """IDs and credentials of the seeded objects; kept across :meth:`Store.reset`."""

    tenant_create_time: str
    admin_realm_id: str
    management_resource_server_id: str
    management_application_id: str
    management_client_id: str
    management_client_secret: str
    admin_identity_id: str


def _new_seed(now: float) -> Seed:
    return Seed(
        tenant_create_time=rfc3339(now),
        admin_realm_id=_ids.new_realm_id(),
        management_resource_server_id=_ids.new_uuid(),
        management_application_id=_ids.new_uuid(),
        management_client_id=_ids.new_client_id(),
        management_client_secret=_ids.new_client_secret(),
        admin_identity_id=_ids.new_realm_id(),
    )


def _seeded_objects(seed: Seed, t: str) -> list[tuple[Collection, dict[str, Any]]]:
    """The admin realm and the Management API's resource server and application."""
    realm = {
        "id": seed.admin_realm_id,
        "tenant_id": t,
        "display_name": ADMIN_REALM_NAME,
        "classification": "SECURE_WORKFORCE",
        "create_time": seed.tenant_create_time,
        "update_time": seed.tenant_create_time,
    }
    resource_server = {
        "id": seed.management_resource_server_id,
        "realm_id": seed.admin_realm_id,
        "tenant_id": t,
        "display_name": MANAGEMENT_API_NAME,
        "is_managed": True,
        "identifier": MANAGEMENT_AUDIENCE,
        "scopes": list(MANAGEMENT_SCOPES),
    }
    return [
        ("realms", realm),
        ("resource_servers", resource_server),
        ("applications", _management_application(seed, t)),
    ]


def _management_application(seed: Seed, t: str) -> dict[str, Any]:
    return {
        "id": seed.management_application_id,
        "realm_id": seed.admin_realm_id,
        "tenant_id": t,
        "resource_server_id": seed.management_resource_server_id,
        "display_name": MANAGEMENT_API_NAME,
        "is_managed": True,
        "classification": "management_api",
        "protocol_config": {
            "type": "oauth2",
            "allowed_scopes": list(MANAGEMENT_SCOPES),
            "client_id": seed.management_client_id,
            "client_secret": seed.management_client_secret,
            "confidentiality": "confidential",
            "token_endpoint_auth_method": "client_secret_basic",
            "grant_type": ["client_credentials"],
            "redirect_uris": [],
            "token_configuration": {
                "expires_after": MANAGEMENT_TOKEN_LIFETIME,
                "token_signing_algorithm": "RS256",
                "subject_field": "id",
            },
            "pkce": "disabled",
            "token_format": "self_contained",
        },
    }


def _admin_identity(seed: Seed, t: str) -> dict[str, Any]:
    return identity_object(
        identity_id=seed.admin_identity_id,
        realm_id=seed.admin_realm_id,
        tenant_id=t,
        now=seed.tenant_create_time,
        display_name="Tenant Administrator",
        traits={"username": "admin", "primary_email_address": ADMIN_IDENTITY_EMAIL},
    )


class Store:
    """Thread-safe state of one emulated tenant, optionally persisted to a JSON file.

    ``signing_key_factory`` returns a private JWK (dict) and is called only when no
    state file provides a key.
    """

    def __init__(
        self,
        tenant_id: str,
        *,
        clock: Clock,
        signing_key_factory: Callable[[], dict[str, Any]],
        state_file: str | os.PathLike[str] | None = None,
    ) -> None:
        self._tenant_id = tenant_id
        self._clock = clock
        self._state_file = Path(state_file) if state_file is not None else None
        self._lock = threading.RLock()
        self._depth = 0
        self._dirty = False
        self._objects: dict[Collection, dict[str, dict[str, Any]]] = {c: {} for c in COLLECTIONS}
        self._seq_of: dict[str, int] = {}
        self._next_seq = 1
        # Group id -> ids of its member identities, in the order they were added.
        self._members: dict[str, list[str]] = {}
        if self._state_file is not None and self._state_file.exists():
            self._load(self._state_file)
        else:
            self._seed = _new_seed(clock())
            self._signing_key = signing_key_factory()
            self._populate_seed()
            self._write()

    # --- locking and persistence ------------------------------------------------------

    @property
    def lock(self) -> threading.RLock:
        """The re-entrant lock guarding all state (hold it for multi-step reads)."""
        return self._lock

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock for a group of operations and persist once at the end."""
        with self._lock:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
                if self._depth == 0 and self._dirty:
                    self._write()

    def _changed(self) -> None:
        self._dirty = True
        if self._depth == 0:
            self._write()

    def _write(self) -> None:
        self._dirty = False
        if self._state_file is None:
            return
        data = json.dumps(self.snapshot(), indent=1, sort_keys=True)
        directory = self._state_file.parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self._state_file.name}.", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self._state_file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def snapshot(self) -> dict[str, Any]:
        """Return the complete persistable state as JSON-compatible data."""
        with self._lock:
            return {
                "version": STATE_VERSION,
                "tenant_id": self._tenant_id,
                "seed": asdict(self._seed),
                "signing_key": copy.deepcopy(self._signing_key),
                "next_seq": self._next_seq,
                "collections": {
                    c: [
                        {"seq": self._seq_of[oid], "object": copy.deepcopy(obj)}
                        for oid, obj in self._objects[c].items()
                    ]
                    for c in COLLECTIONS
                },
                "memberships": copy.deepcopy(self._members),
            }

    def _load(self, path: Path) -> None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") not in READABLE_STATE_VERSIONS:
                raise StateFileError(
                    f"state file {path} has version {data.get('version')!r}, expected {STATE_VERSION}"
                )
            if data["tenant_id"] != self._tenant_id:
                raise StateFileError(
                    f"state file {path} belongs to tenant {data['tenant_id']}, not {self._tenant_id}"
                )
            self._seed = Seed(**data["seed"])
            self._signing_key = dict(data["signing_key"])
            self._next_seq = int(data["next_seq"])
            for collection in COLLECTIONS:
                for entry in data["collections"].get(collection, []):
                    obj = entry["object"]
                    self._objects[collection][obj["id"]] = obj
                    self._seq_of[obj["id"]] = int(entry["seq"])
            self._members = {g: list(ids) for g, ids in data.get("memberships", {}).items()}
            for old in data.get("identities", []):  # version 1
                self._insert("identities", from_legacy(old))
        except StateFileError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StateFileError(f"cannot load state file {path}: {exc}") from exc

    # --- seed ---------------------------------------------------------------------------

    @property
    def tenant_id(self) -> str:
        """The emulated tenant's ID."""
        return self._tenant_id

    @property
    def seed(self) -> Seed:
        """IDs and credentials of the seeded admin realm and Management API objects."""
        return self._seed

    @property
    def signing_key(self) -> dict[str, Any]:
        """The private RS256 signing key as a JWK dict."""
        with self._lock:
            return copy.deepcopy(self._signing_key)

    def _populate_seed(self) -> None:
        self._objects = {c: {} for c in COLLECTIONS}
        self._seq_of.clear()
        self._members.clear()
        for collection, obj in _seeded_objects(self._seed, self._tenant_id):
            self._insert(collection, obj)
        # A real tenant's admin realm always holds the console administrator, which
        # is also why deleting the admin realm answers 409 "realm has children".
        self._insert("identities", _admin_identity(self._seed, self._tenant_id))

    def tenant(self) -> dict[str, Any]:
        """Return the tenant object as ``GET /v1/tenants/{tenant_id}`` answers it."""
        return {
            "id": self._tenant_id,
            "display_name": TENANT_DISPLAY_NAME,
            "create_time": self._seed.tenant_create_time,
            "update_time": self._seed.tenant_create_time,
        }

    def reset(self) -> None:
        """Drop everything except the seeded tenant (same IDs, credentials and key)."""
        with self._lock:
            self._next_seq = 1
            self._populate_seed()
            self._changed()

    # --- objects ------------------------------------------------------------------------

    def _insert(self, collection: Collection, obj: Mapping[str, Any]) -> None:
        stored = copy.deepcopy(dict(obj))
        self._objects[collection][stored["id"]] = stored
        self._seq_of[stored["id"]] = self._next_seq
        self._next_seq += 1

    def _find(
        self, collection: Collection, object_id: str, realm_id: str | None
    ) -> dict[str, Any] | None:
        obj = self._objects[collection].get(object_id)
        if obj is None or (realm_id is not None and obj.get("realm_id") != realm_id):
            return None
        return obj

    def get(
        self, collection: Collection, object_id: str, *, realm_id: str | None = None
    ) -> dict[str, Any] | None:
        """Return a copy of one object, or ``None``; ``realm_id`` also checks its realm."""
        with self._lock:
            obj = self._find(collection, object_id, realm_id)
            return copy.deepcopy(obj) if obj is not None else None

    def entries(
        self, collection: Collection, *, realm_id: str | None = None
    ) -> list[tuple[int, dict[str, Any]]]:
        """Return ``(sequence, object)`` pairs in creation order (for cursors)."""
        with self._lock:
            items = [
                (self._seq_of[oid], copy.deepcopy(obj))
                for oid, obj in self._objects[collection].items()
                if realm_id is None or obj.get("realm_id") == realm_id
            ]
        items.sort(key=lambda pair: pair[0])
        return items

    def list(self, collection: Collection, *, realm_id: str | None = None) -> list[dict[str, Any]]:
        """Return copies of all objects of a collection (optionally one realm's), oldest first."""
        return [obj for _, obj in self.entries(collection, realm_id=realm_id)]

    def insert(self, collection: Collection, obj: Mapping[str, Any]) -> dict[str, Any]:
        """Store a new object (must carry a fresh ``id``) without validation; return a copy."""
        with self._lock:
            if obj["id"] in self._objects[collection]:
                raise KeyError(f"{collection} already holds {obj['id']}")
            self._insert(collection, obj)
            self._changed()
            return copy.deepcopy(dict(obj))

    def replace(self, collection: Collection, obj: Mapping[str, Any]) -> dict[str, Any]:
        """Replace a stored object wholesale (same ``id``) without validation."""
        with self._lock:
            if obj["id"] not in self._objects[collection]:
                raise KeyError(f"{collection} has no object {obj['id']}")
            self._objects[collection][obj["id"]] = copy.deepcopy(dict(obj))
            self._changed()
            return copy.deepcopy(dict(obj))

    def update(
        self,
        collection: Collection,
        object_id: str,
        changes: Mapping[str, Any],
        *,
        realm_id: str | None = None,
    ) -> dict[str, Any]:
        """Deep-merge ``changes`` into an object, bypassing validation (out-of-band edits).

        Meant for tests simulating console edits or drift. Objects with an
        ``update_time`` (realms, identities, groups) get a new one. Raises ``KeyError`` if the object does not exist.
        """
        with self._lock:
            current = self._find(collection, object_id, realm_id)
            if current is None:
                raise KeyError(f"{collection} has no object {object_id}")
            merged = deep_merge(current, changes)
            if "update_time" in merged:
                merged["update_time"] = rfc3339(self._clock())
            self._objects[collection][object_id] = merged
            self._changed()
            return copy.deepcopy(merged)

    def delete(
        self, collection: Collection, object_id: str, *, realm_id: str | None = None
    ) -> bool:
        """Delete an object without any checks; return whether it existed.

        Deleting a realm also deletes everything stored in it; deleting an identity
        or a group also deletes its memberships.
        """
        with self._lock:
            if self._find(collection, object_id, realm_id) is None:
                return False
            self._drop(collection, object_id)
            if collection == "realms":
                for child in COLLECTIONS[1:]:
                    for oid in [
                        oid for oid, o in self._objects[child].items() if o["realm_id"] == object_id
                    ]:
                        self._drop(child, oid)
            self._changed()
            return True

    def _drop(self, collection: Collection, object_id: str) -> None:
        del self._objects[collection][object_id]
        del self._seq_of[object_id]
        if collection == "groups":
            self._members.pop(object_id, None)
        elif collection == "identities":
            for group_id, ids in self._members.items():
                if object_id in ids:
                    self._members[group_id] = [i for i in ids if i != object_id]

    def find_application_by_client_id(self, client_id: str) -> dict[str, Any] | None:
        """Return the application with this ``client_id``, or ``None``."""
        with self._lock:
            for app in self._objects["applications"].values():
                if app["protocol_config"].get("client_id") == client_id:
                    return copy.deepcopy(app)
        return None

    # --- identities and group memberships ---------------------------------------------------

    def add_identity(
        self,
        realm_id: str,
        *,
        email: str | None = None,
        username: str | None = None,
        display_name: str | None = None,
        external_id: str | None = None,
        status: str = "active",
    ) -> dict[str, Any]:
        """Create an identity in a realm without validation and return it (OpenAPI shape).

        ``username`` defaults to the email's local part, ``email`` to
        ``user-<id>@example.com``. Identities block realm deletion (409 "realm has
        children") and are the people the OIDC sign-in offers. Raises ``KeyError``
        for an unknown realm.
        """
        with self._lock:
            if realm_id not in self._objects["realms"]:
                raise KeyError(f"no realm {realm_id}")
            identity_id = _ids.new_realm_id()
            email = email or f"user-{identity_id}@example.com"
            traits = {"username": username or email.split("@", 1)[0]}
            traits["primary_email_address"] = email
            if external_id:
                traits["external_id"] = external_id
            identity = identity_object(
                identity_id=identity_id,
                realm_id=realm_id,
                tenant_id=self._tenant_id,
                now=rfc3339(self._clock()),
                display_name=display_name or email.split("@", 1)[0],
                traits=traits,
                status=status,
            )
            self._insert("identities", identity)
            self._changed()
            return copy.deepcopy(identity)

    def identities(self, realm_id: str | None = None) -> builtins.list[dict[str, Any]]:
        """Return copies of all identities (optionally of one realm), oldest first."""
        return self.list("identities", realm_id=realm_id)

    def delete_identity(self, identity_id: str) -> bool:
        """Delete an identity (and its group memberships); return whether it existed."""
        return self.delete("identities", identity_id)

    def members(self, group_id: str) -> builtins.list[str]:
        """IDs of a group's member identities, in the order they were added."""
        with self._lock:
            return list(self._members.get(group_id, []))

    def groups_of(self, identity_id: str) -> builtins.list[str]:
        """IDs of the groups an identity belongs to."""
        with self._lock:
            return [g for g, ids in self._members.items() if identity_id in ids]

    def set_members(self, group_id: str, identity_ids: builtins.list[str]) -> None:
        """Replace a stored group's members (the caller checked group and identities)."""
        with self._lock:
            if group_id not in self._objects["groups"]:
                raise KeyError(f"groups has no object {group_id}")
            self._members[group_id] = list(dict.fromkeys(identity_ids))
            self._changed()
