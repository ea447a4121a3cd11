"""Validation and normalisation of management request bodies.

Each resource goes through two steps:

1. :func:`prepare` takes the object inside the request envelope, drops read-only
   fields (the spec: "Values in the request body for read-only fields will be
   ignored"), reports unknown top-level fields, and for PATCH refuses changed
   immutable fields (reported alone) and deep-merges the request into the
   current object (objects merge recursively, arrays and scalars replace).
2. ``normalize_<resource>`` validates the complete candidate and returns its
   writable fields with server defaults filled in. PATCH re-validates the merged
   object, so cross-field rules hold after every update.

All problems found in one request are reported together as FieldViolations whose
paths start with the envelope key (``application.protocol_config.pkce``).

Choices on points the contract marks [inferred] or leaves open:

* Realm ``classification`` is optional and defaults to ``SECURE_CUSTOMER``; it is
  immutable (a PATCH with a different value is a 400 FieldViolation).
* ``display_name`` is required for every resource; only realm names have a length
  limit and character pattern (the spec sets none for the others).
* Application ``protocol_config.confidentiality``, ``grant_type`` (non-empty) and
  ``token_configuration.expires_after`` are required.
* Authorization-code applications need an authenticator config (also when they
  additionally allow client credentials); applications whose only grant is
  ``client_credentials`` must not have one. OIDC applications must use exactly
  ``["authorization_code"]``. Public clients cannot use client credentials.
* ``resource_server_id`` / ``authenticator_config_id`` set to ``""`` or ``null``
  mean "none" (on PATCH: clear the reference).
* Arrays documented as sets (scopes, grant types, authentication methods) must
  not contain duplicates; scopes must be non-empty and contain no whitespace
  (RFC 6749 scope tokens); redirect URIs must be absolute and fragment-free.
* ``token_endpoint_auth_method`` is deprecated and ignored on input; responses
  carry ``client_secret_basic`` (confidential) or ``none`` (public).
* ``subject_field`` also accepts ``external_id`` (listed by the ``SubjectField``
  schema, contract §5.3).
* Authenticator configs: ``authentication_methods`` must be non-empty when given;
  ``trusted_origins`` may be empty. Console configs need
  ``onboarding_configuration.verification_method`` of type ``idp`` (with a UUID
  ``idp_id``) or ``none``.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from ._errors import FieldViolation, invalid_parameters

MISSING: Final = object()

REALM_NAME_MAX = 64
REALM_NAME_RE = re.compile(r"^[^{}\[\]<>;:?\\/|*^%$#=~`!]*$")
REALM_CLASSIFICATIONS = ("SECURE_CUSTOMER", "SECURE_WORKFORCE")
DEFAULT_REALM_CLASSIFICATION = "SECURE_CUSTOMER"

RESERVED_RESOURCE_SERVER_IDENTIFIER = "beyondidentity"

PROTOCOL_TYPES = ("oauth2", "oidc")
CONFIDENTIALITIES = ("confidential", "public")
GRANT_TYPES = ("authorization_code", "client_credentials")
PKCE_MODES = ("disabled", "plain", "s256")
TOKEN_FORMATS = ("self_contained", "referential")
SUBJECT_FIELDS = ("id", "email", "username", "external_id")
SIGNING_ALGORITHMS = ("RS256",)
UINT32_MAX = 2**32 - 1

AUTHENTICATOR_TYPES = ("embedded", "hosted_web", "platform", "console")
AUTHENTICATION_METHODS = ("email_one_time_password", "software_passkey", "webauthn_passkey")
INVOCATION_TYPES = ("automatic", "manual")
VERIFICATION_METHODS = ("idp", "none")

REALM_FIELDS = frozenset(
    {"id", "tenant_id", "display_name", "classification", "create_time", "update_time"}
)
REALM_READ_ONLY = frozenset({"id", "tenant_id", "create_time", "update_time"})
RESOURCE_SERVER_FIELDS = frozenset(
    {"id", "realm_id", "tenant_id", "display_name", "is_managed", "identifier", "scopes"}
)
RESOURCE_SERVER_READ_ONLY = frozenset({"id", "realm_id", "tenant_id", "is_managed"})
APPLICATION_FIELDS = frozenset(
    {
        "id",
        "realm_id",
        "tenant_id",
        "resource_server_id",
        "authenticator_config_id",
        "display_name",
        "is_managed",
        "protocol_config",
        "classification",
    }
)
# ``classification`` is undocumented but returned by the real API; treat it as
# server-owned so clients that echo a fetched object back are not rejected.
APPLICATION_READ_ONLY = frozenset({"id", "realm_id", "tenant_id", "is_managed", "classification"})
PROTOCOL_CONFIG_FIELDS = frozenset(
    {
        "type",
        "allowed_scopes",
        "client_id",
        "client_secret",
        "confidentiality",
        "token_endpoint_auth_method",
        "grant_type",
        "redirect_uris",
        "token_configuration",
        "pkce",
        "token_format",
    }
)
PROTOCOL_CONFIG_READ_ONLY = frozenset({"client_id", "client_secret", "token_endpoint_auth_method"})
TOKEN_CONFIGURATION_FIELDS = frozenset(
    {"expires_after", "token_signing_algorithm", "subject_field"}
)
AUTHENTICATOR_CONFIG_FIELDS = frozenset({"id", "realm_id", "tenant_id", "display_name", "config"})
AUTHENTICATOR_CONFIG_READ_ONLY = frozenset({"id", "realm_id", "tenant_id"})
CONFIG_FIELDS_BY_TYPE: Mapping[str, frozenset[str]] = {
    "embedded": frozenset(
        {"type", "invoke_url", "trusted_origins", "invocation_type", "authentication_methods"}
    ),
    "hosted_web": frozenset({"type", "authentication_methods", "trusted_origins"}),
    "platform": frozenset({"type", "trusted_origins", "roaming_auth_config"}),
    "console": frozenset({"type", "onboarding_configuration"}),
}
ROAMING_AUTH_FIELDS = frozenset(
    {
        "enabled",
        "allow_unknown_user",
        "allowed_source_ips",
        "allowed_user_group_ids",
        "allowed_user_ids",
    }
)


@dataclass(frozen=True)
class ResourceRules:
    """Field sets and immutable paths of one resource, as :func:`prepare` needs them."""

    envelope: str
    fields: frozenset[str]
    read_only: frozenset[str]
    nested_read_only: Mapping[str, frozenset[str]]
    immutable: tuple[tuple[str, ...], ...]


REALM_RULES = ResourceRules("realm", REALM_FIELDS, REALM_READ_ONLY, {}, (("classification",),))
RESOURCE_SERVER_RULES = ResourceRules(
    "resource_server",
    RESOURCE_SERVER_FIELDS,
    RESOURCE_SERVER_READ_ONLY,
    {},
    (("identifier",),),
)
APPLICATION_RULES = ResourceRules(
    "application",
    APPLICATION_FIELDS,
    APPLICATION_READ_ONLY,
    {"protocol_config": PROTOCOL_CONFIG_READ_ONLY},
    (("protocol_config", "type"), ("protocol_config", "confidentiality")),
)
AUTHENTICATOR_CONFIG_RULES = ResourceRules(
    "authenticator_config",
    AUTHENTICATOR_CONFIG_FIELDS,
    AUTHENTICATOR_CONFIG_READ_ONLY,
    {},
    (("config", "type"),),
)


class Violations:
    """Collects FieldViolations so one response reports every problem."""

    def __init__(self) -> None:
        self.items: list[FieldViolation] = []

    def add(self, field: str, description: str) -> None:
        """Record one violation."""
        self.items.append(FieldViolation(field, description))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise the 400 "invalid parameters" error if anything was recorded."""
        if self.items:
            raise invalid_parameters(self.items)


def deep_merge(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``patch`` into a copy of ``base``: objects recurse, everything else replaces."""
    merged = copy.deepcopy(dict(base))
    for key, value in patch.items():
        current = merged.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def writable_view(rules: ResourceRules, obj: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``obj`` without its read-only fields (the base a PATCH merges into)."""
    view = {k: copy.deepcopy(v) for k, v in obj.items() if k not in rules.read_only}
    for key, nested in rules.nested_read_only.items():
        inner = view.get(key)
        if isinstance(inner, dict):
            view[key] = {k: v for k, v in inner.items() if k not in nested}
    return view


def _get_path(obj: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = obj
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            return MISSING
        node = node[part]
    return node


def prepare(
    rules: ResourceRules,
    request: Mapping[str, Any],
    current: Mapping[str, Any] | None,
    violations: Violations,
) -> dict[str, Any]:
    """Turn the enveloped request object into a complete candidate object.

    ``current`` is ``None`` for create; for PATCH it is the stored object.
    """
    prefix = rules.envelope
    stripped: dict[str, Any] = {}
    for key, value in request.items():
        if key in rules.read_only:
            continue
        if key not in rules.fields:
            violations.add(f"{prefix}.{key}", "unknown field")
            continue
        nested_ro = rules.nested_read_only.get(key)
        if nested_ro is not None and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k not in nested_ro}
        stripped[key] = value
    if current is None:
        return stripped
    changed_immutable = False
    for path in rules.immutable:
        requested = _get_path(stripped, path)
        if requested is not MISSING and requested != _get_path(current, path):
            violations.add(".".join((prefix, *path)), "field is immutable")
            changed_immutable = True
    if changed_immutable:
        # Validating the merged object would only add follow-on noise (a new
        # config type "misses" that type's fields), so stop here.
        violations.raise_if_any()
    return deep_merge(writable_view(rules, current), stripped)


# --- primitive checks -----------------------------------------------------------


def _type_name(expected: type) -> str:
    return {str: "a string", bool: "a boolean", list: "an array", dict: "an object"}[expected]


def _present(obj: Mapping[str, Any], key: str, field: str, v: Violations, *, required: bool) -> Any:
    """Return ``obj[key]``, or MISSING (recording "missing" when the field is required)."""
    value = obj.get(key, MISSING)
    if value is MISSING and required:
        v.add(field, "missing")
    return value


def _string(
    obj: Mapping[str, Any],
    key: str,
    field: str,
    v: Violations,
    *,
    required: bool,
    allow_empty: bool = False,
) -> str | None:
    value = _present(obj, key, field, v, required=required)
    if value is MISSING:
        return None
    if not isinstance(value, str):
        v.add(field, "must be a string")
        return None
    if not value and not allow_empty:
        v.add(field, "empty string")
        return None
    return value


def _enum(
    obj: Mapping[str, Any],
    key: str,
    field: str,
    allowed: tuple[str, ...],
    v: Violations,
    *,
    required: bool,
    default: str | None = None,
) -> str | None:
    value = obj.get(key, MISSING)
    if value is MISSING or value == "":
        if required:
            v.add(field, "missing")
        return default
    if not isinstance(value, str) or value not in allowed:
        v.add(field, "must be one of: " + ", ".join(allowed))
        return None
    return value


def _bool(obj: Mapping[str, Any], key: str, field: str, v: Violations) -> bool | None:
    value = _present(obj, key, field, v, required=True)
    if value is MISSING:
        return None
    if not isinstance(value, bool):
        v.add(field, "must be a boolean")
        return None
    return value


def _string_list(
    obj: Mapping[str, Any],
    key: str,
    field: str,
    v: Violations,
    *,
    required: bool,
    unique: bool = False,
    item_check: Callable[[str], str | None] | None = None,
) -> list[str] | None:
    value = _present(obj, key, field, v, required=required)
    if value is MISSING:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        v.add(field, "must be an array of strings")
        return None
    ok = True
    if unique and len(set(value)) != len(value):
        v.add(field, "must not contain duplicate values")
        ok = False
    if item_check is not None:
        for item in value:
            problem = item_check(item)
            if problem is not None:
                v.add(field, problem)
                ok = False
                break
    return list(value) if ok else None


def _object(
    obj: Mapping[str, Any], key: str, field: str, v: Violations, *, required: bool
) -> dict[str, Any] | None:
    value = _present(obj, key, field, v, required=required)
    if value is MISSING:
        return None
    if not isinstance(value, dict):
        v.add(field, "must be an object")
        return None
    return value


def _unknown(obj: Mapping[str, Any], allowed: Collection[str], prefix: str, v: Violations) -> None:
    for key in obj:
        if key not in allowed:
            v.add(f"{prefix}.{key}", "unknown field")


def _scope_problem(scope: str) -> str | None:
    if not scope or any(ch.isspace() for ch in scope):
        return f"invalid scope {scope!r}: scopes must be non-empty and contain no whitespace"
    return None


def _absolute_uri_problem(uri: str) -> str | None:
    try:
        parts = urlsplit(uri)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        return f"invalid URI {uri!r}: not a valid URI"
    if (
        not parts.scheme
        or parts.fragment
        or (parts.scheme in ("http", "https") and not parts.netloc)
    ):
        return f"invalid URI {uri!r}: must be an absolute URI without a fragment"
    return None


# --- realms -------------------------------------------------------------------------


def normalize_realm(candidate: Mapping[str, Any], v: Violations) -> dict[str, Any]:
    """Validate a realm candidate; return ``display_name`` and ``classification``."""
    name = _string(candidate, "display_name", "realm.display_name", v, required=True)
    if name is not None:
        if len(name) > REALM_NAME_MAX:
            v.add("realm.display_name", f"must be at most {REALM_NAME_MAX} characters")
        elif not REALM_NAME_RE.match(name):
            v.add("realm.display_name", "contains characters that are not allowed")
    classification = _enum(
        candidate,
        "classification",
        "realm.classification",
        REALM_CLASSIFICATIONS,
        v,
        required=False,
        default=DEFAULT_REALM_CLASSIFICATION,
    )
    return {"display_name": name, "classification": classification}


# --- resource servers ---------------------------------------------------------------


def normalize_resource_server(candidate: Mapping[str, Any], v: Violations) -> dict[str, Any]:
    """Validate a resource-server candidate; return its writable fields."""
    p = "resource_server"
    name = _string(candidate, "display_name", f"{p}.display_name", v, required=True)
    identifier = _string(candidate, "identifier", f"{p}.identifier", v, required=True)
    if identifier == RESERVED_RESOURCE_SERVER_IDENTIFIER:
        v.add(
            f"{p}.identifier", f"{identifier!r} is reserved for the Beyond Identity Management API"
        )
    scopes = _string_list(
        candidate,
        "scopes",
        f"{p}.scopes",
        v,
        required=False,
        unique=True,
        item_check=_scope_problem,
    )
    return {"display_name": name, "identifier": identifier, "scopes": scopes or []}


# --- applications -------------------------------------------------------------------


@dataclass(frozen=True)
class RealmLookups:
    """Realm-scoped lookups the application rules need (return ``None`` if absent)."""

    resource_server: Callable[[str], Mapping[str, Any] | None]
    authenticator_config: Callable[[str], Mapping[str, Any] | None]


def _reference(candidate: Mapping[str, Any], key: str, field: str, v: Violations) -> str | None:
    value = candidate.get(key, MISSING)
    if value is MISSING or value is None or value == "":
        return None
    if not isinstance(value, str):
        v.add(field, "must be a string")
        return None
    return value


def _token_configuration(pc: Mapping[str, Any], v: Violations) -> dict[str, Any] | None:
    field = "application.protocol_config.token_configuration"
    tc = _object(pc, "token_configuration", field, v, required=False)
    if tc is None:
        if "token_configuration" not in pc:
            v.add(f"{field}.expires_after", "missing")
        return None
    _unknown(tc, TOKEN_CONFIGURATION_FIELDS, field, v)
    expires = tc.get("expires_after", MISSING)
    if expires is MISSING:
        v.add(f"{field}.expires_after", "missing")
    elif (
        isinstance(expires, bool) or not isinstance(expires, int) or not 0 <= expires <= UINT32_MAX
    ):
        v.add(f"{field}.expires_after", f"must be an integer between 0 and {UINT32_MAX}")
    algorithm = _enum(
        tc,
        "token_signing_algorithm",
        f"{field}.token_signing_algorithm",
        SIGNING_ALGORITHMS,
        v,
        required=False,
        default="RS256",
    )
    subject = _enum(
        tc,
        "subject_field",
        f"{field}.subject_field",
        SUBJECT_FIELDS,
        v,
        required=False,
        default="id",
    )
    return {
        "expires_after": expires,
        "token_signing_algorithm": algorithm,
        "subject_field": subject,
    }


def _application_references(
    candidate: Mapping[str, Any], v: Violations, lookups: RealmLookups
) -> tuple[str | None, str | None, Mapping[str, Any] | None]:
    """The resource-server and authenticator-config ids, checked against the realm."""
    rs_id = _reference(candidate, "resource_server_id", "application.resource_server_id", v)
    ac_id = _reference(
        candidate, "authenticator_config_id", "application.authenticator_config_id", v
    )
    resource_server = lookups.resource_server(rs_id) if rs_id else None
    if rs_id and resource_server is None:
        v.add("application.resource_server_id", "resource server not found in this realm")
    if ac_id and lookups.authenticator_config(ac_id) is None:
        v.add("application.authenticator_config_id", "authenticator config not found in this realm")
    return rs_id, ac_id, resource_server


def _grant_types(pc: Mapping[str, Any], p: str, v: Violations) -> list[str] | None:
    grants = _string_list(pc, "grant_type", f"{p}.grant_type", v, required=True, unique=True)
    if grants is not None:
        bad = [g for g in grants if g not in GRANT_TYPES]
        if bad or not grants:
            v.add(f"{p}.grant_type", "must be a non-empty array of: " + ", ".join(GRANT_TYPES))
            return None
    return grants


def _protocol_config_fields(pc: Mapping[str, Any], p: str, v: Violations) -> dict[str, Any]:
    """Each protocol_config field checked on its own, in the order they are reported."""
    _unknown(pc, PROTOCOL_CONFIG_FIELDS - PROTOCOL_CONFIG_READ_ONLY, p, v)
    fields: dict[str, Any] = {
        "type": _enum(pc, "type", f"{p}.type", PROTOCOL_TYPES, v, required=True),
        "confidentiality": _enum(
            pc, "confidentiality", f"{p}.confidentiality", CONFIDENTIALITIES, v, required=True
        ),
        "grant_type": _grant_types(pc, p, v),
        "redirect_uris": _string_list(
            pc,
            "redirect_uris",
            f"{p}.redirect_uris",
            v,
            required=False,
            item_check=_absolute_uri_problem,
        ),
        "allowed_scopes": _string_list(
            pc, "allowed_scopes", f"{p}.allowed_scopes", v, required=False, unique=True
        ),
        "pkce": _enum(pc, "pkce", f"{p}.pkce", PKCE_MODES, v, required=False, default="disabled"),
        "token_format": _enum(
            pc,
            "token_format",
            f"{p}.token_format",
            TOKEN_FORMATS,
            v,
            required=False,
            default="self_contained",
        ),
    }
    fields["token_configuration"] = _token_configuration(pc, v)
    return fields


def _check_allowed_scopes(
    fields: Mapping[str, Any],
    p: str,
    rs_id: str | None,
    resource_server: Mapping[str, Any] | None,
    v: Violations,
) -> None:
    allowed_scopes = fields["allowed_scopes"]
    if not allowed_scopes:
        return
    if rs_id is None:
        v.add(f"{p}.allowed_scopes", "must be empty when the application has no resource_server_id")
    elif resource_server is not None:
        defined = set(resource_server.get("scopes") or [])
        undefined = [s for s in allowed_scopes if s not in defined]
        if undefined:
            v.add(
                f"{p}.allowed_scopes",
                "scopes not defined on the resource server: " + ", ".join(undefined),
            )


def _check_grant_rules(fields: Mapping[str, Any], p: str, ac_id: str | None, v: Violations) -> None:
    grants = fields["grant_type"]
    if grants is None:
        return
    ac_field = "application.authenticator_config_id"
    if "authorization_code" in grants and ac_id is None:
        v.add(ac_field, "required for applications using the authorization_code grant type")
    if grants == ["client_credentials"] and ac_id is not None:
        v.add(
            ac_field, "must be empty for applications using only the client_credentials grant type"
        )
    if fields["type"] == "oidc" and grants != ["authorization_code"]:
        v.add(f"{p}.grant_type", "oidc applications must use the authorization_code grant type")
    if fields["confidentiality"] == "public" and "client_credentials" in grants:
        v.add(f"{p}.grant_type", "public applications cannot use the client_credentials grant type")


def normalize_application(
    candidate: Mapping[str, Any], v: Violations, lookups: RealmLookups
) -> dict[str, Any]:
    """Validate an application candidate; return writable fields with defaults.

    The returned ``protocol_config`` lacks ``client_id``/``client_secret``, which
    the caller owns (generated on create, kept on PATCH).
    """
    name = _string(candidate, "display_name", "application.display_name", v, required=True)
    rs_id, ac_id, resource_server = _application_references(candidate, v, lookups)
    result: dict[str, Any] = {
        "display_name": name,
        "resource_server_id": rs_id,
        "authenticator_config_id": ac_id,
        "protocol_config": None,
    }
    p = "application.protocol_config"
    pc = _object(candidate, "protocol_config", p, v, required=True)
    if pc is None:
        return result
    fields = _protocol_config_fields(pc, p, v)
    # Cross-field rules (contract §6), checked only on well-formed inputs so one
    # mistake does not cascade into several messages.
    _check_allowed_scopes(fields, p, rs_id, resource_server, v)
    _check_grant_rules(fields, p, ac_id, v)
    public = fields["confidentiality"] == "public"
    if public and fields["pkce"] == "disabled":
        v.add(f"{p}.pkce", "public applications must enable PKCE (plain or s256)")
    result["protocol_config"] = {
        "type": fields["type"],
        "allowed_scopes": fields["allowed_scopes"] or [],
        "confidentiality": fields["confidentiality"],
        "token_endpoint_auth_method": "none" if public else "client_secret_basic",
        "grant_type": fields["grant_type"],
        "redirect_uris": fields["redirect_uris"] or [],
        "token_configuration": fields["token_configuration"],
        "pkce": fields["pkce"],
        "token_format": fields["token_format"],
    }
    return result


# --- authenticator configs ------------------------------------------------------------


def _authentication_methods(
    config: Mapping[str, Any], field: str, v: Violations, *, required: bool
) -> list[dict[str, str]] | None:
    value = _present(config, "authentication_methods", field, v, required=required)
    if value is MISSING:
        return None
    if not isinstance(value, list) or not value:
        v.add(field, "must be a non-empty array of authentication methods")
        return None
    methods: list[dict[str, str]] = []
    for index, item in enumerate(value):
        item_field = f"{field}[{index}]"
        if not isinstance(item, dict):
            v.add(item_field, "must be an object")
            return None
        _unknown(item, ("type",), item_field, v)
        mtype = _enum(item, "type", f"{item_field}.type", AUTHENTICATION_METHODS, v, required=True)
        if mtype is None:
            return None
        methods.append({"type": mtype})
    if len({m["type"] for m in methods}) != len(methods):
        v.add(field, "must not contain duplicate values")
        return None
    return methods


def _roaming_auth_config(
    config: Mapping[str, Any], field: str, v: Violations
) -> dict[str, Any] | None:
    rac = _object(config, "roaming_auth_config", field, v, required=False)
    if rac is None:
        return None
    _unknown(rac, ROAMING_AUTH_FIELDS, field, v)
    out: dict[str, Any] = {
        "enabled": _bool(rac, "enabled", f"{field}.enabled", v),
        "allow_unknown_user": _bool(rac, "allow_unknown_user", f"{field}.allow_unknown_user", v),
    }
    for key in ("allowed_source_ips", "allowed_user_group_ids", "allowed_user_ids"):
        values = _string_list(rac, key, f"{field}.{key}", v, required=False)
        if values is not None:
            out[key] = values
    return out


def _onboarding_configuration(
    config: Mapping[str, Any], field: str, v: Violations
) -> dict[str, Any] | None:
    onboarding = _object(config, "onboarding_configuration", field, v, required=True)
    if onboarding is None:
        return None
    _unknown(onboarding, ("verification_method",), field, v)
    vm_field = f"{field}.verification_method"
    method = _object(onboarding, "verification_method", vm_field, v, required=True)
    if method is None:
        return None
    vm_type = _enum(method, "type", f"{vm_field}.type", VERIFICATION_METHODS, v, required=True)
    if vm_type == "idp":
        _unknown(method, ("type", "idp_id"), vm_field, v)
        idp_id = _string(method, "idp_id", f"{vm_field}.idp_id", v, required=True)
        if idp_id is not None:
            try:
                uuid.UUID(idp_id)
            except ValueError:
                v.add(f"{vm_field}.idp_id", "must be a UUID")
        return {"verification_method": {"type": "idp", "idp_id": idp_id}}
    if vm_type == "none":
        _unknown(method, ("type",), vm_field, v)
        return {"verification_method": {"type": "none"}}
    return None


def _embedded_config(config: Mapping[str, Any], cf: str, v: Violations) -> dict[str, Any]:
    out: dict[str, Any] = {}
    invoke_url = _string(config, "invoke_url", f"{cf}.invoke_url", v, required=True)
    if invoke_url is not None and (problem := _absolute_uri_problem(invoke_url)):
        v.add(f"{cf}.invoke_url", problem)
    out["invoke_url"] = invoke_url
    out["invocation_type"] = _enum(
        config,
        "invocation_type",
        f"{cf}.invocation_type",
        INVOCATION_TYPES,
        v,
        required=False,
        default="automatic",
    )
    out["trusted_origins"] = _string_list(
        config, "trusted_origins", f"{cf}.trusted_origins", v, required=True
    )
    methods = _authentication_methods(config, f"{cf}.authentication_methods", v, required=False)
    if methods is None and "authentication_methods" not in config:
        methods = [{"type": t} for t in AUTHENTICATION_METHODS]
    out["authentication_methods"] = methods
    return out


def _hosted_web_config(config: Mapping[str, Any], cf: str, v: Violations) -> dict[str, Any]:
    return {
        "authentication_methods": _authentication_methods(
            config, f"{cf}.authentication_methods", v, required=True
        ),
        "trusted_origins": _string_list(
            config, "trusted_origins", f"{cf}.trusted_origins", v, required=True
        ),
    }


def _platform_config(config: Mapping[str, Any], cf: str, v: Violations) -> dict[str, Any]:
    out: dict[str, Any] = {}
    origins = config.get("trusted_origins", MISSING)
    if origins is None:
        out["trusted_origins"] = None
    elif origins is not MISSING:
        out["trusted_origins"] = _string_list(
            config, "trusted_origins", f"{cf}.trusted_origins", v, required=False
        )
    roaming = _roaming_auth_config(config, f"{cf}.roaming_auth_config", v)
    if roaming is not None:
        out["roaming_auth_config"] = roaming
    return out


def _console_config(config: Mapping[str, Any], cf: str, v: Violations) -> dict[str, Any]:
    return {
        "onboarding_configuration": _onboarding_configuration(
            config, f"{cf}.onboarding_configuration", v
        )
    }


_CONFIG_BY_TYPE: Mapping[str, Callable[[Mapping[str, Any], str, Violations], dict[str, Any]]] = {
    "embedded": _embedded_config,
    "hosted_web": _hosted_web_config,
    "platform": _platform_config,
    "console": _console_config,
}


def normalize_authenticator_config(candidate: Mapping[str, Any], v: Violations) -> dict[str, Any]:
    """Validate an authenticator-config candidate; return writable fields with defaults."""
    p = "authenticator_config"
    name = _string(candidate, "display_name", f"{p}.display_name", v, required=True)
    result: dict[str, Any] = {"display_name": name, "config": None}
    cf = f"{p}.config"
    config = _object(candidate, "config", cf, v, required=True)
    if config is None:
        return result
    ctype = _enum(config, "type", f"{cf}.type", AUTHENTICATOR_TYPES, v, required=True)
    if ctype is None:
        return result
    _unknown(config, CONFIG_FIELDS_BY_TYPE[ctype], cf, v)
    result["config"] = {"type": ctype, **_CONFIG_BY_TYPE[ctype](config, cf, v)}
    return result
