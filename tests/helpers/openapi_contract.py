"""Check recorded emulator exchanges against the official Beyond Identity OpenAPI spec.

The suite's ``conftest.py`` feeds every exchange any in-process emulator records
into :func:`check_exchanges`; exchanges from an emulator in another process can
be fetched from ``GET /__emulator/requests`` and checked the same way.

Scope: only the operations the project relies on — tenant GET,
create/list/get/update/delete of realms, resource servers, applications,
authenticator configs, identities and groups, and the identity and group custom
methods (``:batchDelete``, ``:listGroups``, ``:addMembers``, ``:deleteMembers``,
``:listMembers``) (:data:`CHECKED_OPERATIONS`). Everything else (OIDC and
token endpoints, ``/__emulator/``, unknown paths) is skipped.

How an exchange is checked (with openapi-core, spec validation off because the
spec's SCIM paths have unresolved path parameters):

* The recorded request is mapped onto the spec's first server URL (the emulator
  listens on loopback) with the matched route template as the path pattern.
* **Responses are always validated.** Statuses the spec does not document for
  the operation fail the check, except

  - the 409s listed in :data:`SPEC_PATCHES` (added to the spec in memory, each
    with its reason), and
  - responses produced by an injected ``status`` or ``rate_limit`` fault: the
    test chose the status, so only the body is checked against ``Error``.

* **Requests are validated only when the emulator accepted them (2xx).** Tests
  deliberately send invalid requests to check the emulator rejects them; an
  accepted request the spec calls invalid means the emulator is too lenient.
  The recorded request has no ``Authorization`` header (the log drops it), so a
  placeholder bearer header is added: the emulator already authenticated it.
* **PATCH bodies are validated as applied to the updated object.** PATCH is
  partial ("Fields that are omitted from the request body will be left
  unchanged"), but the spec reuses the full resource schemas, whose ``required``
  lists and ``oneOf`` variants describe complete objects — the spec's own
  UpdateAuthenticatorConfig example (``config`` with only ``invoke_url``) fails
  them. So an accepted PATCH body is deep-merged onto the response (the updated
  object) and that is validated: every field the client sent is still checked
  for type and enum in the context of the full object, and required fields come
  from the object.
* **Read-only fields in request bodies are allowed.** The spec's prose says
  "Values in the request body for read-only fields will be ignored", but OAS 3.0
  ``readOnly`` makes openapi-core's write-mode validator reject them (clients
  that echo ``id`` or ``client_id`` back would fail). Request bodies are
  therefore validated with the read-mode schema validator, which differs from
  write mode only in how ``readOnly``/``writeOnly`` are treated (no schema used
  here has ``writeOnly`` fields).

Spec problems found and handled (see :data:`SPEC_PATCHES`): ``TokenConfiguration.
subject_field`` lacks ``external_id`` although ``SubjectField`` lists it (contract
§13.4); the platform authenticator's ``roaming_auth_config`` requires the
misspelt ``allow_unknow_user`` (§13.3), so no correct object validates; several
409 responses the contract relies on are undocumented.

Cost: the spec is parsed once per process, lazily (libyaml's C loader when
available), and validation uses the route template as path pattern so no path
search over the 100+ spec paths is needed. :func:`load_seconds` reports the
measured load time.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request.validators import V30RequestValidator
from openapi_core.validation.schemas import oas30_read_schema_validators_factory
from werkzeug.datastructures import Headers, ImmutableMultiDict

SPEC_ENV = "BEYONDIDENTITY_OPENAPI_SPEC"
_REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_CANDIDATES = (
    _REPO_ROOT / "tests" / "helpers" / "beyond-identity-openapi.yaml",
    _REPO_ROOT.parent / "shared" / "reference" / "beyond-identity-openapi.yaml",
    Path("/work/shared/reference/beyond-identity-openapi.yaml"),
)
SPEC_SERVER = "https://api-us.beyondidentity.com"

_T = "/v1/tenants/{tenant_id}"
_R = _T + "/realms/{realm_id}"
CHECKED_OPERATIONS: Mapping[tuple[str, str], str] = {
    ("GET", _T): "GetTenant",
    ("POST", _T + "/realms"): "CreateRealm",
    ("GET", _T + "/realms"): "ListRealms",
    ("GET", _R): "GetRealm",
    ("PATCH", _R): "UpdateRealm",
    ("DELETE", _R): "DeleteRealm",
    ("POST", _R + "/resource-servers"): "CreateResourceServer",
    ("GET", _R + "/resource-servers"): "ListResourceServers",
    ("GET", _R + "/resource-servers/{resource_server_id}"): "GetResourceServer",
    ("PATCH", _R + "/resource-servers/{resource_server_id}"): "UpdateResourceServer",
    ("DELETE", _R + "/resource-servers/{resource_server_id}"): "DeleteResourceServer",
    ("POST", _R + "/applications"): "CreateApplication",
    ("GET", _R + "/applications"): "ListApplications",
    ("GET", _R + "/applications/{application_id}"): "GetApplication",
    ("PATCH", _R + "/applications/{application_id}"): "UpdateApplication",
    ("DELETE", _R + "/applications/{application_id}"): "DeleteApplication",
    ("POST", _R + "/authenticator-configs"): "CreateAuthenticatorConfig",
    ("GET", _R + "/authenticator-configs"): "ListAuthenticatorConfigs",
    ("GET", _R + "/authenticator-configs/{authenticator_config_id}"): "GetAuthenticatorConfig",
    ("PATCH", _R + "/authenticator-configs/{authenticator_config_id}"): "UpdateAuthenticatorConfig",
    (
        "DELETE",
        _R + "/authenticator-configs/{authenticator_config_id}",
    ): "DeleteAuthenticatorConfig",
    ("POST", _R + "/identities"): "CreateIdentity",
    ("GET", _R + "/identities"): "ListIdentities",
    ("POST", _R + "/identities:batchDelete"): "BatchDeleteIdentities",
    ("GET", _R + "/identities/{identity_id}"): "GetIdentity",
    ("PATCH", _R + "/identities/{identity_id}"): "UpdateIdentity",
    ("DELETE", _R + "/identities/{identity_id}"): "DeleteIdentity",
    ("GET", _R + "/identities/{identity_id}:listGroups"): "ListIdentityGroups",
    ("POST", _R + "/groups"): "CreateGroup",
    ("GET", _R + "/groups"): "ListGroups",
    ("GET", _R + "/groups/{group_id}"): "GetGroup",
    ("PATCH", _R + "/groups/{group_id}"): "UpdateGroup",
    ("DELETE", _R + "/groups/{group_id}"): "DeleteGroup",
    ("POST", _R + "/groups/{group_id}:addMembers"): "AddGroupMembers",
    ("POST", _R + "/groups/{group_id}:deleteMembers"): "DeleteGroupMembers",
    ("GET", _R + "/groups/{group_id}:listMembers"): "ListGroupMembers",
}
# "body_limit": the emulator's 413 for an over-large body, a guard of its own, not the contract's.
FAULT_KINDS_WITH_CHOSEN_STATUS = frozenset({"status", "rate_limit", "body_limit"})


@dataclass(frozen=True)
class SpecPatch:
    """One documented, in-memory correction of the official spec."""

    where: str
    reason: str
    apply: Callable[[dict[str, Any]], None]


def _add_subject_field_external_id(spec: dict[str, Any]) -> None:
    enum = spec["components"]["schemas"]["TokenConfiguration"]["properties"]["subject_field"][
        "enum"
    ]
    if "external_id" not in enum:
        enum.append("external_id")


def _fix_roaming_auth_required(spec: dict[str, Any]) -> None:
    for variant in spec["components"]["schemas"]["AuthenticatorConfig"]["properties"]["config"][
        "oneOf"
    ]:
        roaming = variant.get("properties", {}).get("roaming_auth_config")
        if roaming is not None:
            roaming["required"] = [
                "allow_unknown_user" if name == "allow_unknow_user" else name
                for name in roaming.get("required", [])
            ]


def _add_error_response(
    path: str, method: str, status: str = "409"
) -> Callable[[dict[str, Any]], None]:
    def apply(spec: dict[str, Any]) -> None:
        spec["paths"][path][method]["responses"].setdefault(
            status,
            {
                "description": "Added by tests/helpers/openapi_contract.py.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        )

    return apply


SPEC_PATCHES: tuple[SpecPatch, ...] = (
    SpecPatch(
        "components.schemas.TokenConfiguration.properties.subject_field.enum",
        "add 'external_id': the SubjectField schema lists it and the contract (§5.3, §13.4) "
        "accepts it, but TokenConfiguration's own enum omits it",
        _add_subject_field_external_id,
    ),
    SpecPatch(
        "AuthenticatorConfig platform config.roaming_auth_config.required",
        "replace the misspelt 'allow_unknow_user' by the property's real name "
        "'allow_unknown_user' (contract §13.3); as published, no valid roaming_auth_config "
        "can satisfy the schema",
        _fix_roaming_auth_required,
    ),
    SpecPatch(
        "CreateRealm responses",
        "add 409: duplicate realm display_name (contract §5.1, from bi-mcp; not in the spec)",
        _add_error_response(_T + "/realms", "post"),
    ),
    SpecPatch(
        "UpdateRealm responses",
        "add 409: renaming a realm to an existing display_name (same rule as create)",
        _add_error_response(_R, "patch"),
    ),
    SpecPatch(
        "CreateResourceServer responses",
        "add 409: resource server identifier already used in the realm ([inferred] status)",
        _add_error_response(_R + "/resource-servers", "post"),
    ),
    SpecPatch(
        "DeleteResourceServer responses",
        "add 409: resource server still referenced by an application ([inferred] status)",
        _add_error_response(_R + "/resource-servers/{resource_server_id}", "delete"),
    ),
    SpecPatch(
        "DeleteAuthenticatorConfig responses",
        "add 409: authenticator config still referenced by an application (contract §5.4, "
        "from bi-mcp; status [inferred])",
        _add_error_response(_R + "/authenticator-configs/{authenticator_config_id}", "delete"),
    ),
    SpecPatch(
        "CreateGroup responses",
        "add 409: group display_name already used in the realm (an emulator choice like realm "
        "names, off with accept_repeated_keys; not in the spec)",
        _add_error_response(_R + "/groups", "post"),
    ),
    SpecPatch(
        "UpdateGroup responses",
        "add 409: renaming a group to a name another group of the realm has (same rule)",
        _add_error_response(_R + "/groups/{group_id}", "patch"),
    ),
    SpecPatch(
        "BatchDeleteIdentities responses",
        "add 400: its text says a request with repeated identity IDs 'will fail' and it takes "
        "a body with minItems/maxItems, but it documents no 400",
        _add_error_response(_R + "/identities:batchDelete", "post", "400"),
    ),
)


class _ReadOnlyTolerantRequestValidator(V30RequestValidator):
    """Request validation that lets read-only fields through (see the module docstring)."""

    schema_validators_factory = oas30_read_schema_validators_factory


@dataclass
class _RecordedRequest:
    """An exchange's request in the shape openapi-core's ``Request`` protocol wants."""

    host_url: str
    path: str
    path_pattern: str
    method: str
    parameters: RequestParameters
    content_type: str
    body: bytes | None


@dataclass(frozen=True)
class _RecordedResponse:
    """An exchange's response in the shape openapi-core's ``Response`` protocol wants."""

    status_code: int
    content_type: str
    headers: Headers
    data: bytes | None


@dataclass
class _Contract:
    app: OpenAPI
    raw: dict[str, Any]
    load_seconds: float
    error_validator: Any = field(default=None)


def spec_path() -> Path:
    """Return the spec file to use (``$BEYONDIDENTITY_OPENAPI_SPEC`` or a known location)."""
    override = os.environ.get(SPEC_ENV)
    if override:
        return Path(override)
    for candidate in SPEC_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        "the Beyond Identity OpenAPI spec was not found; set "
        f"{SPEC_ENV} or place it at {SPEC_CANDIDATES[0]}"
    )


@functools.cache
def _contract() -> _Contract:
    started = time.perf_counter()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec_path().open("rb") as handle:
        raw: dict[str, Any] = yaml.load(handle, Loader=loader)
    for patch in SPEC_PATCHES:
        patch.apply(raw)
    app = OpenAPI.from_dict(
        raw,
        config=Config(
            spec_validator_cls=None,
            request_validator_cls=_ReadOnlyTolerantRequestValidator,
        ),
    )
    error_schema = app.spec / "components" / "schemas" / "Error"
    error_validator = oas30_read_schema_validators_factory.create(app.spec, error_schema)
    return _Contract(app, raw, time.perf_counter() - started, error_validator)


def load_seconds() -> float:
    """Load the spec if needed and return how long loading took."""
    return _contract().load_seconds


def _path_params(template: str, path: str) -> dict[str, str]:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    match = re.fullmatch(pattern, path)
    return dict(match.groupdict()) if match else {}


def _merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = _merge(base.get(key), value)
        return merged
    return patch


def _patched_view(request_body: Any, response_body: Any) -> Any:
    """The PATCH request applied to the updated object (see the module docstring)."""
    if not (isinstance(request_body, dict) and len(request_body) == 1):
        return request_body
    ((envelope, partial),) = request_body.items()
    if not isinstance(response_body, dict):
        return request_body
    return {envelope: _merge(response_body, partial)}


def _describe(exchange: Mapping[str, Any]) -> str:
    return f"{exchange['method']} {exchange['path']} -> {exchange['status']}"


def _error_text(exc: BaseException) -> str:
    parts = [f"{type(exc).__name__}: {exc}"]
    cause = exc.__cause__
    while cause is not None:
        errors = getattr(cause, "schema_errors", None)
        if errors:
            parts += [f"  - {getattr(e, 'message', e)}" for e in errors]
        else:
            parts.append(f"  caused by {type(cause).__name__}: {cause}")
        cause = cause.__cause__
    return "\n".join(parts)


def _as_dict(exchange: Any) -> dict[str, Any]:
    if isinstance(exchange, Mapping):
        return dict(exchange)
    to_dict = getattr(exchange, "to_dict", None)
    if callable(to_dict):
        result = to_dict()
        if isinstance(result, dict):
            return result
    raise TypeError(f"cannot read exchange {exchange!r}")


def is_checked(exchange: Mapping[str, Any]) -> bool:
    """Whether the exchange belongs to an operation this module checks."""
    return (str(exchange.get("method")), str(exchange.get("route"))) in CHECKED_OPERATIONS


def check_exchange(exchange: Any) -> list[str]:
    """Return contract problems of one exchange (empty if fine or out of scope).

    ``exchange`` is an ``Exchange`` or its ``to_dict()`` form (as the admin API
    returns it).
    """
    ex = _as_dict(exchange)
    if not is_checked(ex):
        return []
    contract = _contract()
    operation = CHECKED_OPERATIONS[(ex["method"], str(ex["route"]))]
    request, response = _recorded_request(ex, operation), _recorded_response(ex)
    problems = _response_problems(contract, ex, operation, request, response)
    status = int(ex["status"])
    if 200 <= status < 300 and ex.get("fault") not in FAULT_KINDS_WITH_CHOSEN_STATUS:
        try:
            contract.app.validate_request(request)
        except Exception as exc:
            problems.append(f"{operation}: accepted an invalid request: {_error_text(exc)}")
    return [f"{_describe(ex)}\n  {p}" for p in problems]


def _recorded_request(ex: dict[str, Any], operation: str) -> _RecordedRequest:
    template = str(ex["route"])
    headers = Headers({k: v for k, v in ex["request_headers"].items() if k != "authorization"})
    headers["Authorization"] = "Bearer recorded-request"
    body = ex.get("request_body")
    if operation.startswith("Update") and 200 <= int(ex["status"]) < 300:
        body = _patched_view(body, ex.get("response_body"))
    return _RecordedRequest(
        host_url=SPEC_SERVER,
        path=ex["path"],
        path_pattern=template,
        method=str(ex["method"]).lower(),
        parameters=RequestParameters(
            query=ImmutableMultiDict(ex.get("query") or {}),
            header=headers,
            path=_path_params(template, ex["path"]),
        ),
        content_type=str(ex["request_headers"].get("content-type", "application/json")).lower(),
        body=None if body is None else json.dumps(body).encode(),
    )


def _recorded_response(ex: dict[str, Any]) -> _RecordedResponse:
    response_body = ex.get("response_body")
    response_headers = Headers(ex.get("response_headers") or {})
    return _RecordedResponse(
        status_code=int(ex["status"]),
        content_type=str(response_headers.get("content-type", "")).lower(),
        headers=response_headers,
        data=b"" if response_body is None else json.dumps(response_body).encode(),
    )


def _response_problems(
    contract: _Contract,
    ex: dict[str, Any],
    operation: str,
    request: _RecordedRequest,
    response: _RecordedResponse,
) -> list[str]:
    """An injected fault's body must be an Error; any other answer a documented response."""
    status = int(ex["status"])
    documented = contract.raw["paths"][str(ex["route"])][request.method]["responses"]
    if ex.get("fault") in FAULT_KINDS_WITH_CHOSEN_STATUS:
        try:
            contract.error_validator.validate(ex.get("response_body"))
        except Exception as exc:
            return [f"{operation}: injected-fault body is not an Error: {_error_text(exc)}"]
    elif str(status) not in documented and "default" not in documented:
        return [
            f"{operation}: status {status} is not documented (documented: {sorted(documented)})"
        ]
    else:
        try:
            contract.app.validate_response(request, response)
        except Exception as exc:
            return [f"{operation}: invalid response: {_error_text(exc)}"]
    return []


def check_exchanges(exchanges: Iterable[Any]) -> list[str]:
    """Return the contract problems of many exchanges."""
    problems: list[str] = []
    for exchange in exchanges:
        problems += check_exchange(exchange)
    return problems


def patched_spec_copy() -> dict[str, Any]:
    """Return a deep copy of the (patched) spec as loaded, for inspection in tests."""
    return copy.deepcopy(_contract().raw)
