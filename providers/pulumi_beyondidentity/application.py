"""``Application``: an OAuth2/OIDC client of Beyond Identity, e.g. a Cognito user pool."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypedDict

import pulumi
import pulumi.dynamic

from ._declarations import (
    ADOPT_ID,
    DISPLAY_NAME,
    REALM_ID,
    CredentialOutputs,
    ManagedOutput,
    TenantOutput,
    protocol_value,
)
from ._fields import Field, Nested, Out, Strings, Text, Whole, declare
from ._inputs import Checker, contains_unknown, is_unknown
from ._provider import BeyondIdentityProvider
from ._resource import DeclaredResource
from ._shapes import (
    OBJECT,
    OPTIONAL_FLAG,
    OPTIONAL_TEXT,
    TEXT,
    AnswerShape,
    protocol_config_problem,
)
from ._spec import KindSpec
from .rules import UINT32_MAX, UUID_RE, scope_problem, url_problem

#: A realm's applications. Names carry no uniqueness; the key also holds the fields that
#: cannot change in place, so a replacement (created before the old one is deleted) never
#: meets the old one. The protocol type and confidentiality match anything when left out.
APPLICATION = KindSpec(
    label="Application",
    envelope="application",
    plural="applications",
    path="/realms/{realm_id}/applications",
    key_fields=(
        "display_name",
        "resource_server_id",
        "protocol_config.type",
        "protocol_config.confidentiality",
    ),
    key_evidence="none",
    answer=AnswerShape(
        {
            "realm_id": TEXT,
            "tenant_id": TEXT,
            "display_name": TEXT,
            "resource_server_id": OPTIONAL_TEXT,
            "authenticator_config_id": OPTIONAL_TEXT,
            "is_managed": OPTIONAL_FLAG,
            "protocol_config": OBJECT,
        },
        nested=protocol_config_problem,
    ),
    id_pattern=UUID_RE,
    id_wording="must be an application id (a UUID)",
    exact_parts=2,
)


class TokenConfigurationArgs(TypedDict, total=False):
    """Lifetime, subject and signing of the application's tokens."""

    expires_after: Annotated[
        pulumi.Input[int],
        Field("Token lifetime in seconds, e.g. ``86400``", Whole(UINT32_MAX), required=True),
    ]
    subject_field: Annotated[
        pulumi.Input[Literal["id", "email", "username", "external_id"]],
        Field(
            "What fills the ``sub`` claim; "
            "Cognito federation maps ``email`` from ``sub``, so use ``email`` there",
            default="id",
        ),
    ]
    token_signing_algorithm: Annotated[
        pulumi.Input[Literal["RS256"]], Field("How tokens are signed", default="RS256")
    ]


class ProtocolConfigArgs(TypedDict, total=False):
    """OAuth2/OIDC settings of an application."""

    type: Annotated[
        pulumi.Input[Literal["oidc", "oauth2"]],
        Field("The protocol; OIDC needs ``authorization_code``", required=True, replaces=True),
    ]
    confidentiality: Annotated[
        pulumi.Input[Literal["confidential", "public"]],
        Field(
            "``confidential`` gets a client secret; ``public`` must use PKCE",
            required=True,
            replaces=True,
        ),
    ]
    grant_type: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]],
        Field(
            "The OAuth grants the application uses",
            Strings(non_empty=True),
            required=True,
            unordered=True,
            choices=("authorization_code", "client_credentials"),
        ),
    ]
    redirect_uris: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]],
        Field(
            "Where authorization codes may be sent: https (http only for loopback hosts) or an "
            "app scheme; required for ``authorization_code``",
            Strings(item_rule=lambda v: url_problem(v, custom_scheme=True)),
            default=[],
            unordered=True,
        ),
    ]
    allowed_scopes: Annotated[
        pulumi.Input[Sequence[pulumi.Input[str]]],
        Field(
            "Scopes of the resource server the app may request: a subset of its ``scopes``, "
            "needs ``resource_server_id``; never ``openid`` (always allowed)",
            Strings(item_rule=scope_problem),
            default=[],
            unordered=True,
        ),
    ]
    pkce: Annotated[
        pulumi.Input[Literal["disabled", "plain", "s256"]],
        Field(
            "PKCE; public clients need ``plain`` or ``s256``",
            default="disabled",
        ),
    ]
    token_format: Annotated[
        pulumi.Input[Literal["self_contained", "referential"]],
        Field(
            "``self_contained`` is a JWT; ``referential`` needs introspection",
            default="self_contained",
        ),
    ]
    token_configuration: Annotated[
        pulumi.Input[TokenConfigurationArgs],
        Field(
            "Token lifetime, subject and signing (``expires_after`` is required)",
            Nested(
                TokenConfigurationArgs,
                when_absent=(
                    "expires_after",
                    "is required (token lifetime in seconds, e.g. 86400)",
                ),
            ),
        ),
    ]


_UUID = Text(pattern=UUID_RE, wording="must be an id (a UUID)")


@dataclass
class ApplicationArgs:
    """The arguments for constructing an :class:`Application`."""

    realm_id: Annotated[pulumi.Input[str], REALM_ID]
    display_name: Annotated[pulumi.Input[str], DISPLAY_NAME]
    protocol_config: Annotated[
        pulumi.Input[ProtocolConfigArgs],
        Field(
            "The OAuth2/OIDC settings",
            # Deprecated and ignored by the API; accepting it would suggest it does something.
            Nested(ProtocolConfigArgs, deprecated=("token_endpoint_auth_method",)),
        ),
    ]
    resource_server_id: Annotated[
        pulumi.Input[str] | None,
        Field(
            "The resource server whose scopes the app may request (needed for ``allowed_scopes``)",
            _UUID,
            blank_is_unset=True,
        ),
    ] = None
    authenticator_config_id: Annotated[
        pulumi.Input[str] | None,
        Field(
            "How users authenticate: required for ``authorization_code``, not allowed for "
            "``client_credentials``",
            _UUID,
            blank_is_unset=True,
        ),
    ] = None
    adopt_id: Annotated[pulumi.Input[str] | None, ADOPT_ID] = None


class Application(
    DeclaredResource,
    TenantOutput,
    ManagedOutput,
    CredentialOutputs,
    module="beyondidentity",
    name="Application",
):
    """A Beyond Identity OAuth2/OIDC application.

    The Pulumi id is the application id (a UUID). ``client_secret`` is stored
    in the state only encrypted (a secret output).

    ## Example Usage

    .. code-block:: python

        app = Application("cognito", realm_id=realm.id, display_name="AWS Cognito",
            resource_server_id=api.id, authenticator_config_id=hosted.id,
            protocol_config={"type": "oidc", "confidentiality": "confidential",
                "grant_type": ["authorization_code"],
                "redirect_uris": ["https://example.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"],
                "allowed_scopes": ["aws:customclaim"],
                "token_configuration": {"expires_after": 86400, "subject_field": "email"}})
    """

    realm_id: pulumi.Output[str]
    display_name: pulumi.Output[str]
    resource_server_id: pulumi.Output[str | None]
    authenticator_config_id: pulumi.Output[str | None]
    protocol_config: pulumi.Output[dict[str, Any]]
    token_endpoint_auth_method: Annotated[
        pulumi.Output[str],
        Out(
            "As reported by Beyond Identity (``client_secret_basic`` or ``none``); both basic "
            "and post work for confidential clients",
            protocol_value("token_endpoint_auth_method"),
        ),
    ]
    adopt_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: ApplicationArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        realm_id: pulumi.Input[str] | None = None,
        display_name: pulumi.Input[str] | None = None,
        protocol_config: pulumi.Input[ProtocolConfigArgs] | None = None,
        resource_server_id: pulumi.Input[str] | None = None,
        authenticator_config_id: pulumi.Input[str] | None = None,
        adopt_id: pulumi.Input[str] | None = None,
    ) -> None:
        """Create an Application."""
        self._declare(ApplicationProvider(), resource_name, args, opts, locals())


class ApplicationProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Application`."""

    fields = declare("Application", ApplicationArgs, Application)
    spec = APPLICATION

    def check_together(self, values: Mapping[str, Any], checker: Checker) -> None:
        """Beyond Identity's cross-field rules; a rule is skipped while its operands are unknown."""
        pc = values.get("protocol_config")
        if isinstance(pc, Mapping):
            _scope_rules(checker, pc, values.get("resource_server_id"))
            _pkce_rule(checker, pc)
            _grant_rules(checker, pc, values.get("authenticator_config_id"))

    def update(
        self, id_: str, olds: dict[str, Any], news: dict[str, Any]
    ) -> pulumi.dynamic.UpdateResult:
        result = super().update(id_, olds, news)
        if (
            result.outs is not None
            and not result.outs.get("client_secret")
            and olds.get("client_secret")
        ):
            # The secret never changes on PATCH; keep it if a response leaves it out.
            result.outs["client_secret"] = olds["client_secret"]
        return result


def _known(*values: Any) -> bool:
    return not any(v is None or contains_unknown(v) for v in values)


def _scope_rules(checker: Checker, pc: Mapping[str, Any], rs_id: Any) -> None:
    scopes: Any = pc.get("allowed_scopes")
    path = "protocol_config.allowed_scopes"
    if _known(scopes) and "openid" in scopes:
        checker.fail(path, "must not list 'openid': it is always allowed; remove it")
    if _known(scopes) and scopes and not rs_id and not is_unknown(rs_id):
        checker.fail(
            path,
            "needs resource_server_id: scopes come from a resource server; set it or remove the scopes",
        )


def _pkce_rule(checker: Checker, pc: Mapping[str, Any]) -> None:
    if _known(pc.get("confidentiality"), pc.get("pkce")) and (
        pc["confidentiality"] == "public" and pc["pkce"] == "disabled"
    ):
        checker.fail(
            "protocol_config.pkce",
            "must be 'plain' or 's256' for a public client (public clients must use PKCE)",
        )


def _grant_rules(checker: Checker, pc: Mapping[str, Any], ac_id: Any) -> None:
    grants: Any = pc.get("grant_type")
    kind = pc.get("type")
    if not _known(grants):
        return
    if _known(kind) and kind == "oidc" and "authorization_code" not in grants:
        checker.fail(
            "protocol_config.grant_type",
            "must include 'authorization_code' for an OIDC application",
        )
    if "client_credentials" in grants and ac_id and not is_unknown(ac_id):
        checker.fail(
            "authenticator_config_id",
            "must not be set for a client_credentials application; remove it",
        )
    if "authorization_code" not in grants:
        return
    if not ac_id:
        checker.fail(
            "authenticator_config_id",
            "is required for an authorization_code application: set the id of an AuthenticatorConfig",
        )
    if _known(pc.get("redirect_uris")) and not pc.get("redirect_uris"):
        checker.fail(
            "protocol_config.redirect_uris",
            "must list at least one URI for an authorization_code application",
        )


#: Values of ``protocol_config.token_configuration.subject_field``.
SUBJECT_FIELDS = ApplicationProvider.fields.field(
    "protocol_config.token_configuration.subject_field"
).choices
