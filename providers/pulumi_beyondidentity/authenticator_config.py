"""``AuthenticatorConfig``: how identities authenticate (hosted web, embedded SDK, platform)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, TypedDict

import pulumi

from ._declarations import ADOPT_ID, DISPLAY_NAME, REALM_ID, TenantOutput
from ._fields import ByType, Field, Keys, Strings, Text, ValueType, declare, declared
from ._inputs import Checker, is_unknown
from ._provider import BeyondIdentityProvider
from ._resource import DeclaredResource
from ._shapes import OBJECT, TEXT, AnswerShape, authenticator_settings_problem
from ._spec import KindSpec
from .rules import UUID_RE, url_problem

#: A realm's authenticator configs. Names carry no uniqueness; the key also holds the type,
#: which cannot change in place. ListAuthenticatorConfigs filters on the name.
AUTHENTICATOR_CONFIG = KindSpec(
    label="AuthenticatorConfig",
    envelope="authenticator_config",
    plural="authenticator_configs",
    path="/realms/{realm_id}/authenticator-configs",
    key_fields=("display_name", "config.type"),
    key_evidence="none",
    answer=AnswerShape(
        {"realm_id": TEXT, "tenant_id": TEXT, "display_name": TEXT, "config": OBJECT},
        nested=authenticator_settings_problem,
    ),
    id_pattern=UUID_RE,
    id_wording="must be an authenticator config id (a UUID)",
    exact_parts=1,
    filter_key="display_name",
    blocked_delete_hint=(
        "delete the applications that use authenticator config {id}, or point them at "
        "another one, first"
    ),
)


class AuthenticationMethodArgs(TypedDict):
    """One way to authenticate: ``{"type": "webauthn_passkey"}``."""

    type: Annotated[
        pulumi.Input[Literal["webauthn_passkey", "software_passkey", "email_one_time_password"]],
        Field("The method"),
    ]


AUTHENTICATION_METHODS = declared(AuthenticationMethodArgs)[0].choices
ROAMING_KEYS = (
    "enabled",
    "allow_unknown_user",
    "allowed_source_ips",
    "allowed_user_group_ids",
    "allowed_user_ids",
)


@dataclasses.dataclass(frozen=True)
class Methods(ValueType):
    """Authentication methods, as ``{"type": ...}`` objects or bare names."""

    noun: ClassVar[str] = "list of methods"

    def normalize(self, checker: Checker, raw: Any, path: str, field: Field) -> Any:
        if raw is None:
            return copy.deepcopy(field.default)
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


_ORIGINS = Strings(item_rule=lambda v: url_problem(v, origin=True))


class AuthenticatorSettingsArgs(TypedDict, total=False):
    """The ``config`` of an authenticator config; which keys apply depends on ``type``."""

    type: Annotated[
        pulumi.Input[Literal["hosted_web", "embedded", "platform"]],
        Field(
            "``hosted_web`` (Beyond Identity's hosted pages), ``embedded`` (your app with the "
            "SDK) or ``platform``",
            required=True,
            replaces=True,
        ),
    ]
    authentication_methods: Annotated[
        pulumi.Input[Sequence[pulumi.Input[AuthenticationMethodArgs | str]]],
        Field(
            'Allowed methods, as ``{"type": ...}`` objects or bare names; default: all three '
            "(``webauthn_passkey``, ``software_passkey``, ``email_one_time_password``)",
            Methods(),
            default=[{"type": m} for m in AUTHENTICATION_METHODS],
            unordered=True,
            only=("hosted_web", "embedded"),
        ),
    ]
    trusted_origins: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]],
        Field(
            "Origins allowed to invoke the authenticator (https; the list may be empty, as the "
            "contract allows); hosted web uses "
            "``https://auth-<region>.beyondidentity.com/authenticator/``",
            _ORIGINS,
            unordered=True,
            only=("hosted_web", "embedded", "platform"),
            required_for=("hosted_web", "embedded"),
        ),
    ]
    invoke_url: Annotated[
        pulumi.Input[str],
        Field(
            "The URL of your app that handles authentication requests",
            Text(lambda v: url_problem(v, custom_scheme=True)),
            only=("embedded",),
            required_for=("embedded",),
        ),
    ]
    invocation_type: Annotated[
        pulumi.Input[Literal["automatic", "manual"]],
        Field("How the authenticator is invoked", default="automatic", only=("embedded",)),
    ]
    roaming_auth_config: Annotated[
        pulumi.Input[Mapping[str, Any]],
        Field(
            "Roaming authentication settings (``enabled``, ``allow_unknown_user``, ...)",
            Keys(ROAMING_KEYS),
            only=("platform",),
        ),
    ]


@dataclass
class AuthenticatorConfigArgs:
    """The arguments for constructing an :class:`AuthenticatorConfig`."""

    realm_id: Annotated[pulumi.Input[str], REALM_ID]
    display_name: Annotated[pulumi.Input[str], DISPLAY_NAME]
    config: Annotated[
        pulumi.Input[AuthenticatorSettingsArgs],
        Field("The authenticator type and its settings", ByType(AuthenticatorSettingsArgs)),
    ]
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class AuthenticatorConfig(
    DeclaredResource, TenantOutput, module="beyondidentity", name="AuthenticatorConfig"
):
    """A Beyond Identity authenticator configuration, referenced by applications.

    The Pulumi id is the authenticator config id (a UUID).

    ## Example Usage

    .. code-block:: python

        hosted = AuthenticatorConfig("hosted", realm_id=realm.id, display_name="Hosted Web",
            config={"type": "hosted_web",
                    "trusted_origins": ["https://auth-us.beyondidentity.com/authenticator/"]})
    """

    realm_id: pulumi.Output[str]
    display_name: pulumi.Output[str]
    config: pulumi.Output[dict[str, Any]]
    adopt_id: pulumi.Output[str | None]

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
        """Create an AuthenticatorConfig."""
        self._declare(AuthenticatorConfigProvider(), resource_name, args, opts, locals())


class AuthenticatorConfigProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`AuthenticatorConfig`."""

    fields = declare("AuthenticatorConfig", AuthenticatorConfigArgs, AuthenticatorConfig)
    spec = AUTHENTICATOR_CONFIG


CONFIG_TYPES = AuthenticatorConfigProvider.fields.field("config.type").choices
INVOCATION_TYPES = AuthenticatorConfigProvider.fields.field("config.invocation_type").choices
