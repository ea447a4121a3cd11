"""``AuthenticatorConfig``: how identities authenticate (hosted web, embedded SDK, platform)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

import pulumi
import pulumi.dynamic

from ._client import BeyondIdentityClient, Collection
from ._inputs import Checker, is_unknown
from ._provider import BeyondIdentityProvider
from ._resource import resource_props
from ._settings import Settings
from .resource_server import check_realm_id
from .rules import UUID_RE, display_name_problem, url_problem

CONFIG_TYPES = ("hosted_web", "embedded", "platform")
AUTHENTICATION_METHODS = ("webauthn_passkey", "software_passkey", "email_one_time_password")
INVOCATION_TYPES = ("automatic", "manual")
ROAMING_KEYS = (
    "enabled",
    "allow_unknown_user",
    "allowed_source_ips",
    "allowed_user_group_ids",
    "allowed_user_ids",
)
_KEYS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "hosted_web": ("type", "authentication_methods", "trusted_origins"),
    "embedded": (
        "type",
        "invoke_url",
        "trusted_origins",
        "invocation_type",
        "authentication_methods",
    ),
    "platform": ("type", "trusted_origins", "roaming_auth_config"),
}
_ALL_KEYS = sorted({k for keys in _KEYS_BY_TYPE.values() for k in keys})


class AuthenticationMethodArgs(TypedDict):
    """One way to authenticate: ``{"type": "webauthn_passkey"}``."""

    type: pulumi.Input[Literal["webauthn_passkey", "software_passkey", "email_one_time_password"]]
    """``webauthn_passkey``, ``software_passkey`` or ``email_one_time_password``."""


class AuthenticatorSettingsArgs(TypedDict, total=False):
    """The ``config`` of an authenticator config; which keys apply depends on ``type``."""

    type: pulumi.Input[Literal["hosted_web", "embedded", "platform"]]
    """``hosted_web`` (Beyond Identity's hosted pages), ``embedded`` (your app with the SDK) or
    ``platform``. Required; changing it replaces the authenticator config."""
    authentication_methods: pulumi.Input[Sequence[pulumi.Input[AuthenticationMethodArgs | str]]]
    """hosted_web, embedded: allowed methods, as ``{"type": ...}`` objects or bare names.
    Default: all three. Unordered."""
    trusted_origins: pulumi.Input[Sequence[pulumi.Input[str]]]
    """hosted_web, embedded (required, may be empty), platform: origins allowed to invoke the
    authenticator. Unordered. For hosted web this is ``https://auth-<region>.beyondidentity.com/authenticator/``."""
    invoke_url: pulumi.Input[str]
    """embedded (required): the URL of your app that handles authentication requests."""
    invocation_type: pulumi.Input[Literal["automatic", "manual"]]
    """embedded: ``automatic`` (default) or ``manual``."""
    roaming_auth_config: pulumi.Input[Mapping[str, Any]]
    """platform: roaming authentication settings (``enabled``, ``allow_unknown_user``, ...)."""


def _methods(checker: Checker, raw: Any, path: str, default: bool) -> Any:
    if raw is None:
        return [{"type": m} for m in AUTHENTICATION_METHODS] if default else None
    if is_unknown(raw):
        return raw
    if not isinstance(raw, list | tuple):
        checker.fail(path, "must be a list of methods")
        return None
    names = [m.get("type") if isinstance(m, Mapping) else m for m in raw]
    checked = checker.string_list(
        names, path, required=True, non_empty=True, choices=AUTHENTICATION_METHODS
    )
    if not isinstance(checked, list):
        return checked
    return [v if is_unknown(v) else {"type": v} for v in checked]


def normalize_settings(checker: Checker, raw: Any) -> Any:
    """The normal form of ``config`` for its type, with documented defaults filled."""
    cfg = checker.mapping(raw, "config", required=True, allowed=_ALL_KEYS)
    if cfg is None or is_unknown(cfg):
        return cfg
    kind = checker.string(cfg.get("type"), "config.type", required=True, choices=CONFIG_TYPES)
    if kind is None or is_unknown(kind):
        return {"type": kind}
    for key in cfg:
        if key in _ALL_KEYS and key not in _KEYS_BY_TYPE[kind]:
            checker.fail(f"config.{key}", f"does not apply to type {kind}; remove it")
    out: dict[str, Any] = {"type": kind}

    def origins(required: bool) -> Any:
        # The contract requires the key for hosted_web and embedded, but the list may be empty.
        return checker.string_list(
            cfg.get("trusted_origins"),
            "config.trusted_origins",
            required=required,
            item=lambda p, v: checker.url(p, v, origin_only=True),
        )

    if kind == "hosted_web":
        out["authentication_methods"] = _methods(
            checker, cfg.get("authentication_methods"), "config.authentication_methods", True
        )
        out["trusted_origins"] = origins(required=True)
    elif kind == "embedded":
        out["invoke_url"] = checker.rule(
            cfg.get("invoke_url"),
            "config.invoke_url",
            lambda v: url_problem(v, custom_scheme=True),
        )
        out["trusted_origins"] = origins(required=True)
        out["invocation_type"] = checker.string(
            cfg.get("invocation_type"),
            "config.invocation_type",
            default="automatic",
            choices=INVOCATION_TYPES,
        )
        out["authentication_methods"] = _methods(
            checker, cfg.get("authentication_methods"), "config.authentication_methods", True
        )
    else:
        out["trusted_origins"] = origins(required=False)
        roaming = checker.mapping(
            cfg.get("roaming_auth_config"), "config.roaming_auth_config", allowed=ROAMING_KEYS
        )
        if roaming is not None:
            out["roaming_auth_config"] = dict(roaming) if isinstance(roaming, Mapping) else roaming
    return out


class AuthenticatorConfigProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`AuthenticatorConfig`."""

    label = "AuthenticatorConfig"
    input_fields = ("realm_id", "display_name", "config")
    replace_paths = ("realm_id", "config.type")
    set_paths = frozenset({"config.trusted_origins", "config.authentication_methods"})
    id_rule = (UUID_RE, "must be an authenticator config id (a UUID)")

    def normalize(self, raw: Mapping[str, Any], checker: Checker) -> dict[str, Any]:
        return {
            "realm_id": check_realm_id(checker, raw.get("realm_id")),
            "display_name": checker.rule(
                raw.get("display_name"), "display_name", display_name_problem
            ),
            "config": normalize_settings(checker, raw.get("config")),
        }

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        return client.authenticator_configs

    def outputs(self, obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
        return {
            "realm_id": obj.get("realm_id"),
            "display_name": obj.get("display_name"),
            "config": normalize_settings(Checker(), obj.get("config") or {}),
            "tenant_id": obj.get("tenant_id"),
        }

    def blocked_delete_hint(self, obj_id: str) -> str:
        return f"delete the applications that use authenticator config {obj_id}, or point them at another one, first"


@dataclass
class AuthenticatorConfigArgs:
    """The arguments for constructing an :class:`AuthenticatorConfig`."""

    realm_id: pulumi.Input[str]
    """The realm to create it in. Changing it replaces the authenticator config."""
    display_name: pulumi.Input[str]
    """Name shown in the console."""
    config: pulumi.Input[AuthenticatorSettingsArgs]
    """The authenticator type and its settings."""
    adopt_id: pulumi.Input[str] | None = None
    """Id of an existing authenticator config to bring under management instead of creating one."""


class AuthenticatorConfig(
    pulumi.dynamic.Resource, module="beyondidentity", name="AuthenticatorConfig"
):
    """A Beyond Identity authenticator configuration, referenced by applications.

    The Pulumi id is the authenticator config id (a UUID).

    Replaces on change of: ``realm_id``, ``config.type``.

    ## Example Usage

    .. code-block:: python

        hosted = AuthenticatorConfig("hosted", realm_id=realm.id, display_name="Hosted Web",
            config={"type": "hosted_web",
                    "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"]})
    """

    realm_id: pulumi.Output[str]
    """The realm holding the authenticator config."""
    display_name: pulumi.Output[str]
    """Name shown in the console."""
    config: pulumi.Output[dict[str, Any]]
    """The type and settings, with defaults filled in."""
    tenant_id: pulumi.Output[str]
    """The tenant holding it."""
    adopt_id: pulumi.Output[str | None]
    """The adopted object's id, when it was adopted rather than created."""

    def __init__(
        self,
        resource_name: str,
        args: AuthenticatorConfigArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        display_name: pulumi.Input[str] | None = None,
        config: pulumi.Input[AuthenticatorSettingsArgs] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create an AuthenticatorConfig.

        :param resource_name: the Pulumi name of the resource.
        :param args: the arguments, as an :class:`AuthenticatorConfigArgs` (or pass them as keywords).
        :param opts: options for the resource.
        :param realm_id: the realm to create it in (required).
        :param display_name: name shown in the console (required).
        :param config: type and settings (required).
        :param adopt_id: an existing authenticator config's id, to adopt instead of creating.
        """
        props = resource_props(
            "AuthenticatorConfig",
            args,
            {
                "realm_id": realm_id,
                "display_name": display_name,
                "config": config,
                "adopt_id": adopt_id,
            },
            required=("realm_id", "display_name", "config"),
            outputs=("tenant_id",),
        )
        super().__init__(AuthenticatorConfigProvider(), resource_name, props, opts)
