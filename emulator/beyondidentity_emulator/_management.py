"""Routes of the management API under ``/v1/tenants/{tenant_id}``.

Tenant GET plus create/list/get/patch/delete for realms, resource servers,
applications and authenticator configs, following contract §2, §4-§8:

* create and PATCH take the singular envelope (``{"realm": {...}}``) and answer
  200 with the bare object; delete answers 200 with an empty body; lists answer
  ``{"<plural>": [...], "total_size": N[, "next_page_token": "..."]}``.
* Checks run in this order: bearer token (401), tenant and scope (403), realm
  and object existence (404), managed-object protection (403), body syntax
  (400 "invalid request"), field rules (400 "invalid parameters" +
  FieldViolations), then conflicts with other objects (409).
* 404s for a missing realm under a realm-scoped path use the generic message
  "The requested resource was not found." without details; a missing object in
  an existing realm (or a missing realm on ``/realms/{realm_id}``) is
  "<noun> not found" with a ResourceInfo detail.
* 409 ``conflict`` (choices where the contract says [inferred]): realm create or
  rename to an existing ``display_name`` (exact, case-sensitive match); resource
  server ``identifier`` already used in the realm (both unless ``accept_repeated_keys``:
  the contract documents no 409 on any create, ListRealms has no filter and identifiers
  only "should be unique", so a real tenant may accept repeats; clients must not rely on
  the refusal, and tests run both ways); deleting a realm that still
  has identities or groups ("realm has children", DeleteRealm — applications, resource servers and
  authenticator configs do not block it and are deleted with the realm);
  deleting a resource server or authenticator config an application references.
* Managed objects (``is_managed: true``) answer 403 ``forbidden`` to PATCH and
  DELETE with a message saying so.
* Removing scopes from a resource server does not touch applications whose
  ``allowed_scopes`` still list them; tokens are only ever issued for scopes the
  resource server still defines.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import _ids
from ._auth import BearerAuthenticator
from ._clock import Clock, rfc3339
from ._errors import ApiError, conflict, forbidden, invalid_request, not_found, not_found_generic
from ._paging import AUTHENTICATOR_CONFIG_FILTER, paginate
from ._store import Collection, Store
from ._validation import (
    APPLICATION_RULES,
    AUTHENTICATOR_CONFIG_RULES,
    REALM_RULES,
    RESOURCE_SERVER_RULES,
    RealmLookups,
    ResourceRules,
    Violations,
    normalize_application,
    normalize_authenticator_config,
    normalize_realm,
    normalize_resource_server,
    prepare,
)

TENANT_PATH = "/v1/tenants/{tenant_id}"
REALMS_PATH = TENANT_PATH + "/realms"
REALM_PATH = REALMS_PATH + "/{realm_id}"

Endpoint = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class CollectionKind:
    """Naming and paging facts of one realm-scoped collection."""

    collection: Collection
    segment: str
    envelope: str
    noun: str
    resource_type: str
    id_param: str
    scope: str
    rules: ResourceRules


RESOURCE_SERVERS = CollectionKind(
    "resource_servers",
    "resource-servers",
    "resource_server",
    "resource server",
    "ResourceServer",
    "resource_server_id",
    "resource-servers",
    RESOURCE_SERVER_RULES,
)
APPLICATIONS = CollectionKind(
    "applications",
    "applications",
    "application",
    "application",
    "Application",
    "application_id",
    "applications",
    APPLICATION_RULES,
)
AUTHENTICATOR_CONFIGS = CollectionKind(
    "authenticator_configs",
    "authenticator-configs",
    "authenticator_config",
    "authenticator config",
    "AuthenticatorConfig",
    "authenticator_config_id",
    "authenticator-configs",
    AUTHENTICATOR_CONFIG_RULES,
)
REALM_SCOPED_KINDS = (RESOURCE_SERVERS, APPLICATIONS, AUTHENTICATOR_CONFIGS)

REALM_PAGE_DEFAULT, REALM_PAGE_MAX = 20, 200
OBJECT_PAGE_DEFAULT, OBJECT_PAGE_MAX = 100, 100


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


async def read_json(request: Request) -> Any:
    """Parse the body as strict JSON (no NaN or Infinity); 400 "invalid request" if it is not."""
    raw = await request.body()
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError):
        raise invalid_request() from None


async def read_envelope(request: Request, key: str) -> dict[str, Any]:
    """Parse a ``{"<key>": {...}}`` body; return the inner object or raise 400."""
    data = await read_json(request)
    if not isinstance(data, dict):
        raise invalid_request()
    violations = Violations()
    for name in data:
        if name != key:
            violations.add(name, "unknown field")
    if key not in data:
        violations.add(key, "missing")
    elif not isinstance(data[key], dict):
        violations.add(key, "must be an object")
    violations.raise_if_any()
    inner: dict[str, Any] = data[key]
    return inner


def _managed_error(kind: CollectionKind, verb: str) -> ApiError:
    return forbidden(f"the {kind.noun} is managed by Beyond Identity and cannot be {verb}")


class ManagementApi:
    """Builds the management API routes over a :class:`Store`."""

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
        """Return the Starlette routes (templates use the spec's parameter names)."""
        routes: list[BaseRoute] = [
            Route(TENANT_PATH, self._get_tenant, methods=["GET"]),
            Route(REALMS_PATH, self._create_realm, methods=["POST"]),
            Route(REALMS_PATH, self._list_realms, methods=["GET"]),
            Route(REALM_PATH, self._get_realm, methods=["GET"]),
            Route(REALM_PATH, self._update_realm, methods=["PATCH"]),
            Route(REALM_PATH, self._delete_realm, methods=["DELETE"]),
        ]
        for kind in REALM_SCOPED_KINDS:
            collection_path = f"{REALM_PATH}/{kind.segment}"
            item_path = f"{collection_path}/{{{kind.id_param}}}"
            routes += [
                Route(collection_path, self._create(kind), methods=["POST"]),
                Route(collection_path, self._list(kind), methods=["GET"]),
                Route(item_path, self._get(kind), methods=["GET"]),
                Route(item_path, self._update(kind), methods=["PATCH"]),
                Route(item_path, self._delete(kind), methods=["DELETE"]),
            ]
        return routes

    # --- shared steps ------------------------------------------------------------------

    def _check_access(self, request: Request, scope: str) -> None:
        principal = self._auth.authenticate(request.headers)
        self._auth.authorize(principal, request.path_params["tenant_id"], scope)

    def _open_realm(self, request: Request, kind: CollectionKind, verb: str) -> str:
        """Check the caller may ``verb`` the realm's ``kind`` objects; return the realm's id."""
        self._check_access(request, f"{kind.scope}:{verb}")
        realm_id: str = request.path_params["realm_id"]
        self._require_realm(realm_id)
        return realm_id

    def _require_realm(self, realm_id: str) -> dict[str, Any]:
        realm = self._store.get("realms", realm_id)
        if realm is None:
            raise not_found_generic()
        return realm

    def _require_object(
        self, kind: CollectionKind, realm_id: str, object_id: str
    ) -> dict[str, Any]:
        obj = self._store.get(kind.collection, object_id, realm_id=realm_id)
        if obj is None:
            raise not_found(kind.resource_type, object_id, f"{kind.noun} not found")
        return obj

    def _now(self) -> str:
        return rfc3339(self._clock())

    # --- tenant ------------------------------------------------------------------------

    async def _get_tenant(self, request: Request) -> Response:
        self._check_access(request, "tenants:read")
        return JSONResponse(self._store.tenant())

    # --- realms ------------------------------------------------------------------------

    def _check_realm_name_free(self, name: str, except_id: str | None) -> None:
        if self._accept_repeated_keys:
            return
        for realm in self._store.list("realms"):
            if realm["display_name"] == name and realm["id"] != except_id:
                raise conflict("a realm with the same name already exists")

    async def _create_realm(self, request: Request) -> Response:
        self._check_access(request, "realms:create")
        body = await read_envelope(request, "realm")
        violations = Violations()
        fields = normalize_realm(prepare(REALM_RULES, body, None, violations), violations)
        violations.raise_if_any()
        with self._store.transaction():
            self._check_realm_name_free(fields["display_name"], None)
            now = self._now()
            realm = self._store.insert(
                "realms",
                {
                    "id": _ids.new_realm_id(),
                    "tenant_id": self._store.tenant_id,
                    "display_name": fields["display_name"],
                    "classification": fields["classification"],
                    "create_time": now,
                    "update_time": now,
                },
            )
        return JSONResponse(realm)

    async def _list_realms(self, request: Request) -> Response:
        self._check_access(request, "realms:read")
        page = paginate(
            self._store.entries("realms"),
            request.query_params,
            scope="realms",
            default_size=REALM_PAGE_DEFAULT,
            max_size=REALM_PAGE_MAX,
            allow_skip=True,
        )
        return self._list_response("realms", page.items, page.total_size, page.next_page_token)

    async def _get_realm(self, request: Request) -> Response:
        self._check_access(request, "realms:read")
        realm_id = request.path_params["realm_id"]
        realm = self._store.get("realms", realm_id)
        if realm is None:
            raise not_found("Realm", realm_id, "realm not found")
        return JSONResponse(realm)

    async def _update_realm(self, request: Request) -> Response:
        self._check_access(request, "realms:update")
        realm_id = request.path_params["realm_id"]
        if self._store.get("realms", realm_id) is None:
            raise not_found("Realm", realm_id, "realm not found")
        body = await read_envelope(request, "realm")
        with self._store.transaction():
            current = self._store.get("realms", realm_id)
            if current is None:
                raise not_found("Realm", realm_id, "realm not found")
            violations = Violations()
            fields = normalize_realm(prepare(REALM_RULES, body, current, violations), violations)
            violations.raise_if_any()
            self._check_realm_name_free(fields["display_name"], realm_id)
            updated = {**current, **fields, "update_time": self._now()}
            self._store.replace("realms", updated)
        return JSONResponse(updated)

    async def _delete_realm(self, request: Request) -> Response:
        self._check_access(request, "realms:delete")
        realm_id = request.path_params["realm_id"]
        with self._store.transaction():
            if self._store.get("realms", realm_id) is None:
                raise not_found("Realm", realm_id, "realm not found")
            # DeleteRealm: "a realm must not have any identities, groups, or roles"
            # (this emulator has no roles).
            if self._store.list("identities", realm_id=realm_id) or self._store.list(
                "groups", realm_id=realm_id
            ):
                raise conflict("realm has children")
            self._store.delete("realms", realm_id)
        return Response(status_code=200)

    # --- realm-scoped collections ---------------------------------------------------------

    @staticmethod
    def _list_response(
        plural: str, items: list[dict[str, Any]], total: int, token: str | None
    ) -> Response:
        body: dict[str, Any] = {plural: items, "total_size": total}
        if token is not None:
            body["next_page_token"] = token
        return JSONResponse(body)

    def _lookups(self, realm_id: str) -> RealmLookups:
        store = self._store
        return RealmLookups(
            resource_server=lambda i: store.get("resource_servers", i, realm_id=realm_id),
            authenticator_config=lambda i: store.get("authenticator_configs", i, realm_id=realm_id),
        )

    def _normalize(
        self,
        kind: CollectionKind,
        realm_id: str,
        body: dict[str, Any],
        current: dict[str, Any] | None,
    ) -> dict[str, Any]:
        violations = Violations()
        candidate = prepare(kind.rules, body, current, violations)
        if kind is RESOURCE_SERVERS:
            fields = normalize_resource_server(candidate, violations)
        elif kind is APPLICATIONS:
            fields = normalize_application(candidate, violations, self._lookups(realm_id))
        else:
            fields = normalize_authenticator_config(candidate, violations)
        violations.raise_if_any()
        return fields

    def _build(
        self,
        kind: CollectionKind,
        realm_id: str,
        fields: dict[str, Any],
        current: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """Assemble the stored object (read-only fields first, like the real API)."""
        obj: dict[str, Any] = {
            "id": current["id"] if current else _ids.new_uuid(),
            "realm_id": realm_id,
            "tenant_id": self._store.tenant_id,
        }
        if kind is RESOURCE_SERVERS:
            obj["display_name"] = fields["display_name"]
            obj["is_managed"] = bool(current and current.get("is_managed"))
            obj["identifier"] = fields["identifier"]
            obj["scopes"] = fields["scopes"]
        elif kind is APPLICATIONS:
            for key in ("resource_server_id", "authenticator_config_id"):
                if fields[key] is not None:
                    obj[key] = fields[key]
            obj["display_name"] = fields["display_name"]
            obj["is_managed"] = bool(current and current.get("is_managed"))
            if current and "classification" in current:
                obj["classification"] = current["classification"]
            requested = fields["protocol_config"]
            old = current["protocol_config"] if current else {}
            pc: dict[str, Any] = {
                "type": requested["type"],
                "allowed_scopes": requested["allowed_scopes"],
                "client_id": old.get("client_id") or _ids.new_client_id(),
            }
            if requested["confidentiality"] == "confidential":
                pc["client_secret"] = old.get("client_secret") or _ids.new_client_secret()
            # The rest in the order normalize_application returns them.
            pc.update((key, value) for key, value in requested.items() if key not in pc)
            obj["protocol_config"] = pc
        else:
            obj["display_name"] = fields["display_name"]
            obj["config"] = fields["config"]
        return obj

    def _check_conflicts(self, kind: CollectionKind, realm_id: str, obj: dict[str, Any]) -> None:
        if kind is RESOURCE_SERVERS and not self._accept_repeated_keys:
            for other in self._store.list("resource_servers", realm_id=realm_id):
                if other["identifier"] == obj["identifier"] and other["id"] != obj["id"]:
                    raise conflict(
                        "a resource server with the same identifier already exists in this realm"
                    )

    def _check_delete(self, kind: CollectionKind, realm_id: str, obj: dict[str, Any]) -> None:
        if obj.get("is_managed"):
            raise _managed_error(kind, "deleted")
        reference = {
            "resource_servers": "resource_server_id",
            "authenticator_configs": "authenticator_config_id",
        }.get(kind.collection)
        if reference is None:
            return
        for app in self._store.list("applications", realm_id=realm_id):
            if app.get(reference) == obj["id"]:
                raise conflict(
                    f"the {kind.noun} is referenced by one or more applications"
                    f" (for example {app['id']})"
                )

    def _validated(
        self,
        kind: CollectionKind,
        realm_id: str,
        body: dict[str, Any],
        current: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """The object a create (``current`` None) or update stores, after every check."""
        fields = self._normalize(kind, realm_id, body, current)
        obj = self._build(kind, realm_id, fields, current)
        self._check_conflicts(kind, realm_id, obj)
        return obj

    def _create(self, kind: CollectionKind) -> Endpoint:
        async def create(request: Request) -> Response:
            realm_id = self._open_realm(request, kind, "create")
            body = await read_envelope(request, kind.envelope)
            with self._store.transaction():
                self._require_realm(realm_id)
                obj = self._validated(kind, realm_id, body, None)
                self._store.insert(kind.collection, obj)
            return JSONResponse(obj)

        return create

    def _list(self, kind: CollectionKind) -> Endpoint:
        async def list_objects(request: Request) -> Response:
            realm_id = self._open_realm(request, kind, "read")
            page = paginate(
                self._store.entries(kind.collection, realm_id=realm_id),
                request.query_params,
                scope=f"{kind.collection}:{realm_id}",
                default_size=OBJECT_PAGE_DEFAULT,
                max_size=OBJECT_PAGE_MAX,
                filters=AUTHENTICATOR_CONFIG_FILTER if kind is AUTHENTICATOR_CONFIGS else None,
            )
            return self._list_response(
                kind.collection, page.items, page.total_size, page.next_page_token
            )

        return list_objects

    def _get(self, kind: CollectionKind) -> Endpoint:
        async def get(request: Request) -> Response:
            realm_id = self._open_realm(request, kind, "read")
            return JSONResponse(
                self._require_object(kind, realm_id, request.path_params[kind.id_param])
            )

        return get

    def _update(self, kind: CollectionKind) -> Endpoint:
        async def update(request: Request) -> Response:
            realm_id = self._open_realm(request, kind, "update")
            object_id = request.path_params[kind.id_param]
            if self._require_object(kind, realm_id, object_id).get("is_managed"):
                raise _managed_error(kind, "modified")
            body = await read_envelope(request, kind.envelope)
            with self._store.transaction():
                self._require_realm(realm_id)
                current = self._require_object(kind, realm_id, object_id)
                if current.get("is_managed"):
                    raise _managed_error(kind, "modified")
                obj = self._validated(kind, realm_id, body, current)
                self._store.replace(kind.collection, obj)
            return JSONResponse(obj)

        return update

    def _delete(self, kind: CollectionKind) -> Endpoint:
        async def delete(request: Request) -> Response:
            self._check_access(request, f"{kind.scope}:delete")
            realm_id = request.path_params["realm_id"]
            object_id = request.path_params[kind.id_param]
            with self._store.transaction():
                self._require_realm(realm_id)
                current = self._require_object(kind, realm_id, object_id)
                self._check_delete(kind, realm_id, current)
                self._store.delete(kind.collection, object_id, realm_id=realm_id)
            return Response(status_code=200)

        return delete
