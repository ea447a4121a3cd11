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

_TYPE_NAMES: Mapping[type, str] = {str: "a string", bool: "a boolean", dict: "an object"}


@dataclass(frozen=True)
class Members:
    """The members of one request object; a violation names a member ``<prefix>.<key>``."""

    obj: Mapping[str, Any]
    prefix: str
    v: Violations

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}"

    def add(self, key: str, description: str) -> None:
        self.v.add(self.path(key), description)

    def unknown(self, allowed: Collection[str]) -> None:
        """Report every member not in ``allowed``."""
        for key in self.obj:
            if key not in allowed:
                self.add(key, "unknown field")

    def present(self, key: str, *, required: bool) -> Any:
        """``obj[key]``, or MISSING (reported as "missing" when the member is required)."""
        value = self.obj.get(key, MISSING)
        if value is MISSING and required:
            self.add(key, "missing")
        return value

    def typed(self, key: str, expected: type, *, required: bool) -> Any:
        """``obj[key]`` if it is an ``expected``; MISSING when absent or (reported) not one."""
        value = self.present(key, required=required)
        if value is not MISSING and not isinstance(value, expected):
            self.add(key, f"must be {_TYPE_NAMES[expected]}")
            return MISSING
        return value

    def string(self, key: str, *, required: bool) -> str | None:
        value = self.typed(key, str, required=required)
        if value is MISSING:
            return None
        if not value:
            self.add(key, "empty string")
            return None
        return str(value)

    def boolean(self, key: str) -> bool | None:
        value = self.typed(key, bool, required=True)
        return None if value is MISSING else bool(value)

    def nested(self, key: str, *, required: bool) -> Members | None:
        """The members of the object at ``key``, or None when it is absent or not an object."""
        value = self.typed(key, dict, required=required)
        return None if value is MISSING else Members(value, self.path(key), self.v)

    def enum(
        self, key: str, allowed: tuple[str, ...], *, required: bool, default: str | None = None
    ) -> str | None:
        value = self.obj.get(key, MISSING)
        if value is MISSING or value == "":
            if required:
                self.add(key, "missing")
            return default
        if not isinstance(value, str) or value not in allowed:
            self.add(key, "must be one of: " + ", ".join(allowed))
            return None
        return value

    def strings(
        self,
        key: str,
        *,
        required: bool,
        unique: bool = False,
        item_check: Callable[[str], str | None] | None = None,
    ) -> list[str] | None:
        """An array of strings: unique when asked, each passing ``item_check`` (first failure)."""
        value = self.present(key, required=required)
        if value is MISSING:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.add(key, "must be an array of strings")
            return None
        ok = True
        if unique and len(set(value)) != len(value):
            self.add(key, "must not contain duplicate values")
            ok = False
        problem = (
            next((p for p in map(item_check, value) if p is not None), None) if item_check else None
        )
        if problem is not None:
            self.add(key, problem)
            ok = False
        return list(value) if ok else None

    def reference(self, key: str) -> str | None:
        """An optional id: ``""``, ``null`` and absent all mean "none"."""
        value = self.obj.get(key, MISSING)
        if value is MISSING or value is None or value == "":
            return None
        if not isinstance(value, str):
            self.add(key, "must be a string")
            return None
        return value


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
    realm = Members(candidate, "realm", v)
    name = realm.string("display_name", required=True)
    if name is not None:
        if len(name) > REALM_NAME_MAX:
            realm.add("display_name", f"must be at most {REALM_NAME_MAX} characters")
        elif not REALM_NAME_RE.match(name):
            realm.add("display_name", "contains characters that are not allowed")
    classification = realm.enum(
        "classification",
        REALM_CLASSIFICATIONS,
        required=False,
        default=DEFAULT_REALM_CLASSIFICATION,
    )
    return {"display_name": name, "classification": classification}


# --- resource servers ---------------------------------------------------------------


def normalize_resource_server(candidate: Mapping[str, Any], v: Violations) -> dict[str, Any]:
    """Validate a resource-server candidate; return its writable fields."""
    rs = Members(candidate, "resource_server", v)
    name = rs.string("display_name", required=True)
    identifier = rs.string("identifier", required=True)
    if identifier == RESERVED_RESOURCE_SERVER_IDENTIFIER:
        rs.add("identifier", f"{identifier!r} is reserved for the Beyond Identity Management API")
    scopes = rs.strings("scopes", required=False, unique=True, item_check=_scope_problem)
    return {"display_name": name, "identifier": identifier, "scopes": scopes or []}


# --- applications -------------------------------------------------------------------


@dataclass(frozen=True)
class RealmLookups:
    """Realm-scoped lookups the application rules need (return ``None`` if absent)."""

    resource_server: Callable[[str], Mapping[str, Any] | None]
    authenticator_config: Callable[[str], Mapping[str, Any] | None]


def _token_configuration(pc: Members) -> dict[str, Any] | None:
    tc = pc.nested("token_configuration", required=False)
    if tc is None:
        if "token_configuration" not in pc.obj:
            pc.add("token_configuration.expires_after", "missing")
        return None
    tc.unknown(TOKEN_CONFIGURATION_FIELDS)
    expires = tc.present("expires_after", required=True)
    if expires is not MISSING and (
        isinstance(expires, bool) or not isinstance(expires, int) or not 0 <= expires <= UINT32_MAX
    ):
        tc.add("expires_after", f"must be an integer between 0 and {UINT32_MAX}")
    algorithm = tc.enum(
        "token_signing_algorithm", SIGNING_ALGORITHMS, required=False, default="RS256"
    )
    subject = tc.enum("subject_field", SUBJECT_FIELDS, required=False, default="id")
    return {
        "expires_after": expires,
        "token_signing_algorithm": algorithm,
        "subject_field": subject,
    }


def _application_references(
    app: Members, lookups: RealmLookups
) -> tuple[str | None, str | None, Mapping[str, Any] | None]:
    """The resource-server and authenticator-config ids, checked against the realm."""
    rs_id = app.reference("resource_server_id")
    ac_id = app.reference("authenticator_config_id")
    resource_server = lookups.resource_server(rs_id) if rs_id else None
    if rs_id and resource_server is None:
        app.add("resource_server_id", "resource server not found in this realm")
    if ac_id and lookups.authenticator_config(ac_id) is None:
        app.add("authenticator_config_id", "authenticator config not found in this realm")
    return rs_id, ac_id, resource_server


def _grant_types(pc: Members) -> list[str] | None:
    grants = pc.strings("grant_type", required=True, unique=True)
    if grants is not None:
        bad = [g for g in grants if g not in GRANT_TYPES]
        if bad or not grants:
            pc.add("grant_type", "must be a non-empty array of: " + ", ".join(GRANT_TYPES))
            return None
    return grants


def _protocol_config_fields(pc: Members) -> dict[str, Any]:
    """Each protocol_config field checked on its own, in the order they are reported."""
    pc.unknown(PROTOCOL_CONFIG_FIELDS - PROTOCOL_CONFIG_READ_ONLY)
    fields: dict[str, Any] = {
        "type": pc.enum("type", PROTOCOL_TYPES, required=True),
        "confidentiality": pc.enum("confidentiality", CONFIDENTIALITIES, required=True),
        "grant_type": _grant_types(pc),
        "redirect_uris": pc.strings(
            "redirect_uris", required=False, item_check=_absolute_uri_problem
        ),
        "allowed_scopes": pc.strings("allowed_scopes", required=False, unique=True),
        "pkce": pc.enum("pkce", PKCE_MODES, required=False, default="disabled"),
        "token_format": pc.enum(
            "token_format", TOKEN_FORMATS, required=False, default="self_contained"
        ),
    }
    fields["token_configuration"] = _token_configuration(pc)
    return fields


def _check_allowed_scopes(
    fields: Mapping[str, Any],
    pc: Members,
    rs_id: str | None,
    resource_server: Mapping[str, Any] | None,
) -> None:
    allowed_scopes = fields["allowed_scopes"]
    if not allowed_scopes:
        return
    if rs_id is None:
        pc.add("allowed_scopes", "must be empty when the application has no resource_server_id")
    elif resource_server is not None:
        defined = set(resource_server.get("scopes") or [])
        undefined = [s for s in allowed_scopes if s not in defined]
        if undefined:
            pc.add(
                "allowed_scopes",
                "scopes not defined on the resource server: " + ", ".join(undefined),
            )


def _check_grant_rules(fields: Mapping[str, Any], pc: Members, ac_id: str | None) -> None:
    grants = fields["grant_type"]
    if grants is None:
        return
    ac_field = "application.authenticator_config_id"
    if "authorization_code" in grants and ac_id is None:
        pc.v.add(ac_field, "required for applications using the authorization_code grant type")
    if grants == ["client_credentials"] and ac_id is not None:
        pc.v.add(
            ac_field, "must be empty for applications using only the client_credentials grant type"
        )
    if fields["type"] == "oidc" and grants != ["authorization_code"]:
        pc.add("grant_type", "oidc applications must use the authorization_code grant type")
    if fields["confidentiality"] == "public" and "client_credentials" in grants:
        pc.add("grant_type", "public applications cannot use the client_credentials grant type")


def normalize_application(
    candidate: Mapping[str, Any], v: Violations, lookups: RealmLookups
) -> dict[str, Any]:
    """Validate an application candidate; return writable fields with defaults.

    The returned ``protocol_config`` lacks ``client_id``/``client_secret``, which
    the caller owns (generated on create, kept on PATCH).
    """
    app = Members(candidate, "application", v)
    name = app.string("display_name", required=True)
    rs_id, ac_id, resource_server = _application_references(app, lookups)
    result: dict[str, Any] = {
        "display_name": name,
        "resource_server_id": rs_id,
        "authenticator_config_id": ac_id,
        "protocol_config": None,
    }
    pc = app.nested("protocol_config", required=True)
    if pc is None:
        return result
    fields = _protocol_config_fields(pc)
    # Cross-field rules (contract §6), checked only on well-formed inputs so one
    # mistake does not cascade into several messages.
    _check_allowed_scopes(fields, pc, rs_id, resource_server)
    _check_grant_rules(fields, pc, ac_id)
    public = fields["confidentiality"] == "public"
    if public and fields["pkce"] == "disabled":
        pc.add("pkce", "public applications must enable PKCE (plain or s256)")
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


def _authentication_methods(config: Members, *, required: bool) -> list[dict[str, str]] | None:
    key = "authentication_methods"
    value = config.present(key, required=required)
    if value is MISSING:
        return None
    if not isinstance(value, list) or not value:
        config.add(key, "must be a non-empty array of authentication methods")
        return None
    methods: list[dict[str, str]] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            config.add(f"{key}[{index}]", "must be an object")
            return None
        method = Members(item, config.path(f"{key}[{index}]"), config.v)
        method.unknown(("type",))
        mtype = method.enum("type", AUTHENTICATION_METHODS, required=True)
        if mtype is None:
            return None
        methods.append({"type": mtype})
    if len({m["type"] for m in methods}) != len(methods):
        config.add(key, "must not contain duplicate values")
        return None
    return methods


def _roaming_auth_config(config: Members) -> dict[str, Any] | None:
    rac = config.nested("roaming_auth_config", required=False)
    if rac is None:
        return None
    rac.unknown(ROAMING_AUTH_FIELDS)
    out: dict[str, Any] = {
        "enabled": rac.boolean("enabled"),
        "allow_unknown_user": rac.boolean("allow_unknown_user"),
    }
    for key in ("allowed_source_ips", "allowed_user_group_ids", "allowed_user_ids"):
        values = rac.strings(key, required=False)
        if values is not None:
            out[key] = values
    return out


def _onboarding_configuration(config: Members) -> dict[str, Any] | None:
    onboarding = config.nested("onboarding_configuration", required=True)
    if onboarding is None:
        return None
    onboarding.unknown(("verification_method",))
    method = onboarding.nested("verification_method", required=True)
    if method is None:
        return None
    vm_type = method.enum("type", VERIFICATION_METHODS, required=True)
    if vm_type == "idp":
        method.unknown(("type", "idp_id"))
        idp_id = method.string("idp_id", required=True)
        if idp_id is not None:
            try:
                uuid.UUID(idp_id)
            except ValueError:
                method.add("idp_id", "must be a UUID")
        return {"verification_method": {"type": "idp", "idp_id": idp_id}}
    if vm_type == "none":
        method.unknown(("type",))
        return {"verification_method": {"type": "none"}}
    return None


def _embedded_config(config: Members) -> dict[str, Any]:
    out: dict[str, Any] = {}
    invoke_url = config.string("invoke_url", required=True)
    if invoke_url is not None and (problem := _absolute_uri_problem(invoke_url)):
        config.add("invoke_url", problem)
    out["invoke_url"] = invoke_url
    out["invocation_type"] = config.enum(
        "invocation_type", INVOCATION_TYPES, required=False, default="automatic"
    )
    out["trusted_origins"] = config.strings("trusted_origins", required=True)
    methods = _authentication_methods(config, required=False)
    if methods is None and "authentication_methods" not in config.obj:
        methods = [{"type": t} for t in AUTHENTICATION_METHODS]
    out["authentication_methods"] = methods
    return out


def _hosted_web_config(config: Members) -> dict[str, Any]:
    return {
        "authentication_methods": _authentication_methods(config, required=True),
        "trusted_origins": config.strings("trusted_origins", required=True),
    }


def _platform_config(config: Members) -> dict[str, Any]:
    out: dict[str, Any] = {}
    origins = config.obj.get("trusted_origins", MISSING)
    if origins is None:
        out["trusted_origins"] = None
    elif origins is not MISSING:
        out["trusted_origins"] = config.strings("trusted_origins", required=False)
    roaming = _roaming_auth_config(config)
    if roaming is not None:
        out["roaming_auth_config"] = roaming
    return out


def _console_config(config: Members) -> dict[str, Any]:
    return {"onboarding_configuration": _onboarding_configuration(config)}


_CONFIG_BY_TYPE: Mapping[str, Callable[[Members], dict[str, Any]]] = {
    "embedded": _embedded_config,
    "hosted_web": _hosted_web_config,
    "platform": _platform_config,
    "console": _console_config,
}


def normalize_authenticator_config(candidate: Mapping[str, Any], v: Violations) -> dict[str, Any]:
    """Validate an authenticator-config candidate; return writable fields with defaults."""
    ac = Members(candidate, "authenticator_config", v)
    name = ac.string("display_name", required=True)
    result: dict[str, Any] = {"display_name": name, "config": None}
    config = ac.nested("config", required=True)
    if config is None:
        return result
    ctype = config.enum("type", AUTHENTICATOR_TYPES, required=True)
    if ctype is None:
        return result
    config.unknown(CONFIG_FIELDS_BY_TYPE[ctype])
    result["config"] = {"type": ctype, **_CONFIG_BY_TYPE[ctype](config)}
    return result
