"""Routes of the realm's directory: identities, groups and group membership.

Under ``/v1/tenants/{tenant_id}/realms/{realm_id}``, as the OpenAPI 1.7.0 defines
them (operation ids in brackets):

* ``identities`` [CreateIdentity, ListIdentities], ``identities/{identity_id}``
  [GetIdentity, UpdateIdentity (PATCH), DeleteIdentity],
  ``identities:batchDelete`` [BatchDeleteIdentities],
  ``identities/{identity_id}:listGroups`` [ListIdentityGroups];
* ``groups`` [CreateGroup, ListGroups], ``groups/{group_id}`` [GetGroup,
  UpdateGroup, DeleteGroup], ``groups/{group_id}:addMembers`` [AddGroupMembers],
  ``:deleteMembers`` [DeleteGroupMembers], ``:listMembers`` [ListGroupMembers].

Envelopes, check order, error shapes and the 404 forms follow ``_management``;
body rules are in ``_directory_rules``. Rules and their sources:

* Lists: default 20, at most 200 items, ``skip`` supported, no defined order (the
  emulator's is creation order) [every list operation above]. ListIdentities
  filters on ``traits.username eq "..."`` only (see ``_paging``).
* Usernames are unique in the realm, case-insensitively (Traits_v0.username: "A
  required, unique, case-insensitive username"): a create or PATCH that repeats one
  is 409 ``username already exists`` [CreateIdentity, UpdateIdentity 409 example].
  Documented, so ``accept_repeated_keys`` does not relax it.
* Group ``display_name`` repeated in the realm: 409 ``a group with the same name
  already exists`` unless ``accept_repeated_keys`` [unverified: CreateGroup documents
  no 409 and the spec no uniqueness; the same choice as realm names].
* DeleteGroup of a group with members: 409 ``group has children`` [DeleteGroup: "To
  be deleted, a group must not have any members", example "Group Has Members"].
* DeleteIdentity of a group member succeeds and ends its memberships [unverified:
  DeleteIdentity documents no 409].
* AddGroupMembers / DeleteGroupMembers: IDs that are not identities of the realm are
  a 404 ``identities not found`` naming them, and nothing changes [unverified: the
  spec is silent; the strict reading, in BatchDeleteIdentities' documented 404
  shape]. Adding a member again or removing a non-member is not an error
  [unverified]. Both answer the group (their 200 schema is ``Group``) and leave its
  ``update_time`` alone [unverified].
* BatchDeleteIdentities: repeated IDs are a 400; unknown IDs a 404 that names them,
  and "no identities will be deleted" [BatchDeleteIdentities]; 200 with an empty body.
* Scopes: ``identities:<verb>`` and ``groups:<verb>``; the member operations also
  need ``identities:read`` and ListIdentityGroups ``groups:read`` (each operation's
  ``security``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import _ids
from ._auth import BearerAuthenticator
from ._clock import Clock, rfc3339
from ._directory_rules import (
    GROUP_RULES,
    IDENTITY_RULES,
    id_list,
    normalize_group,
    normalize_identity,
)
from ._errors import batch_not_found, conflict, not_found, not_found_generic
from ._identities import identity_object, same_username
from ._management import REALM_PATH, read_envelope, read_json
from ._paging import FilterSpec, paginate
from ._store import Collection, Store
from ._validation import ResourceRules, Violations, prepare

Endpoint = Callable[[Request], Awaitable[Response]]
PAGE_DEFAULT, PAGE_MAX = 20, 200
USERNAME_FILTER = FilterSpec(
    ("traits.username",), case_insensitive=frozenset({"traits.username"}), kept_by_token=True
)


@dataclass(frozen=True)
class DirectoryKind:
    """Naming facts of identities or groups."""

    collection: Collection
    envelope: str
    noun: str
    resource_type: str
    id_param: str
    rules: ResourceRules

    @property
    def collection_path(self) -> str:
        """The route template of the collection."""
        return f"{REALM_PATH}/{self.collection}"

    @property
    def item_path(self) -> str:
        """The route template of one object."""
        return f"{self.collection_path}/{{{self.id_param}}}"


IDENTITIES = DirectoryKind(
    "identities", "identity", "identity", "Identity", "identity_id", IDENTITY_RULES
)
GROUPS = DirectoryKind("groups", "group", "group", "Group", "group_id", GROUP_RULES)


def _list_response(
    plural: str, items: list[dict[str, Any]], total: int, token: str | None
) -> Response:
    body: dict[str, Any] = {plural: items, "total_size": total}
    if token is not None:
        body["next_page_token"] = token
    return JSONResponse(body)


class DirectoryApi:
    """Builds the identity, group and membership routes over a :class:`Store`."""

    def __init__(
        self,
        store: Store,
        auth: BearerAuthenticator,
        clock: Clock,
        *,
        accept_repeated_keys: bool = False,
    ) -> None:
        self._store = store
        self._auth = auth
        self._clock = clock
        self._accept_repeated_keys = accept_repeated_keys

    def routes(self) -> list[BaseRoute]:
        """The routes; custom methods (``:verb``) come first, as ``{id}`` would match them."""
        identity, group = IDENTITIES.item_path, GROUPS.item_path
        routes: list[BaseRoute] = [
            Route(
                IDENTITIES.collection_path + ":batchDelete", self._batch_delete, methods=["POST"]
            ),
            Route(identity + ":listGroups", self._list_identity_groups, methods=["GET"]),
            Route(group + ":addMembers", self._change_members(add=True), methods=["POST"]),
            Route(group + ":deleteMembers", self._change_members(add=False), methods=["POST"]),
            Route(group + ":listMembers", self._list_members, methods=["GET"]),
        ]
        for kind in (IDENTITIES, GROUPS):
            routes += [
                Route(kind.collection_path, self._create(kind), methods=["POST"]),
                Route(kind.collection_path, self._list(kind), methods=["GET"]),
                Route(kind.item_path, self._get(kind), methods=["GET"]),
                Route(kind.item_path, self._update(kind), methods=["PATCH"]),
                Route(kind.item_path, self._delete(kind), methods=["DELETE"]),
            ]
        return routes

    # --- shared steps ------------------------------------------------------------------

    def _open_realm(self, request: Request, *scopes: str) -> str:
        """Check the caller holds every scope and the realm exists; return its id."""
        principal = self._auth.authenticate(request.headers)
        for scope in scopes:
            self._auth.authorize(principal, request.path_params["tenant_id"], scope)
        realm_id: str = request.path_params["realm_id"]
        self._require_realm(realm_id)
        return realm_id

    def _require_realm(self, realm_id: str) -> None:
        if self._store.get("realms", realm_id) is None:
            raise not_found_generic()

    def _require(self, kind: DirectoryKind, realm_id: str, object_id: str) -> dict[str, Any]:
        obj = self._store.get(kind.collection, object_id, realm_id=realm_id)
        if obj is None:
            raise not_found(kind.resource_type, object_id, f"{kind.noun} not found")
        return obj

    @staticmethod
    def _page(
        request: Request,
        entries: list[tuple[int, dict[str, Any]]],
        scope: str,
        filters: FilterSpec | None = None,
    ) -> tuple[list[dict[str, Any]], int, str | None]:
        page = paginate(
            entries,
            request.query_params,
            scope=scope,
            default_size=PAGE_DEFAULT,
            max_size=PAGE_MAX,
            allow_skip=True,
            filters=filters,
        )
        return page.items, page.total_size, page.next_page_token

    # --- objects -----------------------------------------------------------------------

    def _validated(
        self,
        kind: DirectoryKind,
        realm_id: str,
        body: dict[str, Any],
        current: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """The object a create (``current`` None) or PATCH stores, after every check."""
        v = Violations()
        candidate = prepare(kind.rules, body, current, v)
        if kind is IDENTITIES:
            fields = normalize_identity(candidate, v, body)
        else:
            fields = normalize_group(candidate, v)
        v.raise_if_any()
        now = rfc3339(self._clock())
        if current is not None:
            obj = {**current, **fields, "update_time": now}
        elif kind is IDENTITIES:
            obj = identity_object(
                identity_id=_ids.new_realm_id(),
                realm_id=realm_id,
                tenant_id=self._store.tenant_id,
                now=now,
                display_name=fields["display_name"],
                traits=fields["traits"],
                status=fields["status"],
            )
        else:
            obj = self._new_group(realm_id, fields, now)
        self._check_conflicts(kind, realm_id, obj)
        return obj

    def _new_group(self, realm_id: str, fields: dict[str, Any], now: str) -> dict[str, Any]:
        return {
            "id": _ids.new_realm_id(),  # 16 hex like realm and identity ids (Group example)
            "realm_id": realm_id,
            "tenant_id": self._store.tenant_id,
            **fields,
            "create_time": now,
            "update_time": now,
        }

    def _check_conflicts(self, kind: DirectoryKind, realm_id: str, obj: dict[str, Any]) -> None:
        others = [
            o for o in self._store.list(kind.collection, realm_id=realm_id) if o["id"] != obj["id"]
        ]
        if kind is IDENTITIES:
            username = obj["traits"]["username"]
            if any(same_username(o["traits"]["username"], username) for o in others):
                raise conflict("username already exists")
        elif not self._accept_repeated_keys and any(
            o["display_name"] == obj["display_name"] for o in others
        ):
            raise conflict("a group with the same name already exists")

    def _create(self, kind: DirectoryKind) -> Endpoint:
        async def create(request: Request) -> Response:
            realm_id = self._open_realm(request, f"{kind.collection}:create")
            body = await read_envelope(request, kind.envelope)
            with self._store.transaction():
                self._require_realm(realm_id)
                obj = self._validated(kind, realm_id, body, None)
                self._store.insert(kind.collection, obj)
            return JSONResponse(obj)

        return create

    def _list(self, kind: DirectoryKind) -> Endpoint:
        async def list_objects(request: Request) -> Response:
            realm_id = self._open_realm(request, f"{kind.collection}:read")
            entries = self._store.entries(kind.collection, realm_id=realm_id)
            filters = USERNAME_FILTER if kind is IDENTITIES else None
            scope = f"{kind.collection}:{realm_id}"
            return _list_response(kind.collection, *self._page(request, entries, scope, filters))

        return list_objects

    def _get(self, kind: DirectoryKind) -> Endpoint:
        async def get(request: Request) -> Response:
            realm_id = self._open_realm(request, f"{kind.collection}:read")
            return JSONResponse(self._require(kind, realm_id, request.path_params[kind.id_param]))

        return get

    def _update(self, kind: DirectoryKind) -> Endpoint:
        async def update(request: Request) -> Response:
            realm_id = self._open_realm(request, f"{kind.collection}:update")
            object_id = request.path_params[kind.id_param]
            self._require(kind, realm_id, object_id)
            body = await read_envelope(request, kind.envelope)
            with self._store.transaction():
                self._require_realm(realm_id)
                current = self._require(kind, realm_id, object_id)
                obj = self._validated(kind, realm_id, body, current)
                self._store.replace(kind.collection, obj)
            return JSONResponse(obj)

        return update

    def _delete(self, kind: DirectoryKind) -> Endpoint:
        async def delete(request: Request) -> Response:
            realm_id = self._open_realm(request, f"{kind.collection}:delete")
            object_id = request.path_params[kind.id_param]
            with self._store.transaction():
                self._require_realm(realm_id)
                self._require(kind, realm_id, object_id)
                if kind is GROUPS and self._store.members(object_id):
                    raise conflict("group has children")
                self._store.delete(kind.collection, object_id, realm_id=realm_id)
            return Response(status_code=200)

        return delete

    # --- membership and batches ------------------------------------------------------------

    def _unknown_identities(self, realm_id: str, ids: list[str]) -> None:
        known = {i["id"] for i in self._store.list("identities", realm_id=realm_id)}
        missing = [i for i in ids if i not in known]
        if missing:
            raise batch_not_found("Identity", missing, "identities not found")

    def _change_members(self, *, add: bool) -> Endpoint:
        async def change(request: Request) -> Response:
            realm_id = self._open_realm(request, "groups:update", "identities:read")
            group_id = request.path_params["group_id"]
            self._require(GROUPS, realm_id, group_id)
            ids = id_list(await read_json(request), "identity_ids")
            with self._store.transaction():
                self._require_realm(realm_id)
                group = self._require(GROUPS, realm_id, group_id)
                self._unknown_identities(realm_id, ids)
                current = self._store.members(group_id)
                gone = set(ids)
                members = current + ids if add else [i for i in current if i not in gone]
                self._store.set_members(group_id, members)
            return JSONResponse(group)

        return change

    async def _list_members(self, request: Request) -> Response:
        realm_id = self._open_realm(request, "groups:read", "identities:read")
        group_id = request.path_params["group_id"]
        self._require(GROUPS, realm_id, group_id)
        members = set(self._store.members(group_id))
        entries = [
            e for e in self._store.entries("identities", realm_id=realm_id) if e[1]["id"] in members
        ]
        return _list_response("identities", *self._page(request, entries, f"members:{group_id}"))

    async def _list_identity_groups(self, request: Request) -> Response:
        realm_id = self._open_realm(request, "identities:read", "groups:read")
        identity_id = request.path_params["identity_id"]
        self._require(IDENTITIES, realm_id, identity_id)
        groups = set(self._store.groups_of(identity_id))
        entries = [
            e for e in self._store.entries("groups", realm_id=realm_id) if e[1]["id"] in groups
        ]
        return _list_response("groups", *self._page(request, entries, f"groups-of:{identity_id}"))

    async def _batch_delete(self, request: Request) -> Response:
        realm_id = self._open_realm(request, "identities:delete")
        ids = id_list(await read_json(request), "ids")
        with self._store.transaction():
            self._require_realm(realm_id)
            self._unknown_identities(realm_id, ids)
            for identity_id in ids:
                self._store.delete("identities", identity_id, realm_id=realm_id)
        return Response(status_code=200)
