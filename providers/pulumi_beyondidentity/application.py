"""``Application``: an OAuth2/OIDC client of Beyond Identity, e.g. a Cognito user pool."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

import pulumi
import pulumi.dynamic

from ._client import BeyondIdentityClient, Collection
from ._inputs import Checker, contains_unknown, is_unknown
from ._provider import BeyondIdentityProvider
from ._resource import resource_props
from ._settings import Settings
from .resource_server import check_realm_id
from .rules import UINT32_MAX, UUID_RE, display_name_problem, scope_problem

PROTOCOLS = ("oidc", "oauth2")
CONFIDENTIALITY = ("confidential", "public")
GRANT_TYPES = ("authorization_code", "client_credentials")
PKCE = ("disabled", "plain", "s256")
TOKEN_FORMATS = ("self_contained", "referential")
SUBJECT_FIELDS = ("id", "email", "username", "external_id")
SIGNING_ALGORITHMS = ("RS256",)
_PROTOCOL_KEYS = (
    "type",
    "confidentiality",
    "grant_type",
    "redirect_uris",
    "allowed_scopes",
    "pkce",
    "token_format",
    "token_configuration",
)
_TOKEN_KEYS = ("expires_after", "subject_field", "token_signing_algorithm")

#: Output properties derived from the issuer, with the path each adds to it.
ENDPOINTS = {
    "discovery_url": "/.well-known/openid-configuration",
    "authorize_url": "/authorize",
    "token_url": "/token",
    "userinfo_url": "/userinfo",
    "jwks_url": "/.well-known/jwks.json",
}


def credential_outputs(obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """An application's client id, client secret, issuer and issuer-derived endpoint URLs."""
    pc: Mapping[str, Any] = obj.get("protocol_config") or {}
    issuer = settings.issuer(str(obj.get("realm_id")), str(obj.get("id")))
    return {
        "client_id": pc.get("client_id"),
        "client_secret": pc.get("client_secret") or None,
        "issuer": issuer,
        **{name: issuer + suffix for name, suffix in ENDPOINTS.items()},
    }


class TokenConfigurationArgs(TypedDict, total=False):
    """Lifetime, subject and signing of the application's tokens."""

    expires_after: pulumi.Input[int]
    """Token lifetime in seconds (required), e.g. ``86400``."""
    subject_field: pulumi.Input[Literal["id", "email", "username", "external_id"]]
    """What fills the ``sub`` claim: ``id`` (default), ``email``, ``username``, ``external_id``.
    Cognito federation maps ``email`` from ``sub``, so use ``email`` there."""
    token_signing_algorithm: pulumi.Input[Literal["RS256"]]
    """Only ``RS256`` (the default)."""


class ProtocolConfigArgs(TypedDict, total=False):
    """OAuth2/OIDC settings of an application."""

    type: pulumi.Input[Literal["oidc", "oauth2"]]
    """``oidc`` or ``oauth2`` (required). Changing it replaces the application."""
    confidentiality: pulumi.Input[Literal["confidential", "public"]]
    """``confidential`` (gets a client secret) or ``public`` (required; must use PKCE).
    Changing it replaces the application."""
    grant_type: pulumi.Input[Sequence[pulumi.Input[str]]]
    """``authorization_code`` and/or ``client_credentials`` (required; OIDC needs
    ``authorization_code``). Unordered."""
    redirect_uris: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Where authorization codes may be sent (required for ``authorization_code``). Unordered."""
    allowed_scopes: pulumi.Input[Sequence[pulumi.Input[str]]]
    """Scopes of the resource server the app may request (a subset of its ``scopes``; needs
    ``resource_server_id``; ``openid`` is implicit). Unordered."""
    pkce: pulumi.Input[Literal["disabled", "plain", "s256"]]
    """``disabled`` (default), ``plain`` or ``s256``. Public clients need ``plain`` or ``s256``."""
    token_format: pulumi.Input[Literal["self_contained", "referential"]]
    """``self_contained`` (default, JWT) or ``referential`` (needs introspection)."""
    token_configuration: pulumi.Input[TokenConfigurationArgs]
    """Token lifetime, subject and signing (``expires_after`` is required)."""


def normalize_protocol(checker: Checker, raw: Any) -> Any:
    """The normal form of ``protocol_config`` with documented defaults filled."""
    if isinstance(raw, Mapping) and "token_endpoint_auth_method" in raw:
        # Deprecated and ignored by the API; accepting it would suggest it does something.
        raw = {k: v for k, v in raw.items() if k != "token_endpoint_auth_method"}
        checker.fail(
            "protocol_config.token_endpoint_auth_method",
            "is deprecated and ignored by Beyond Identity; remove it",
        )
    pc = checker.mapping(raw, "protocol_config", required=True, allowed=_PROTOCOL_KEYS)
    if pc is None or is_unknown(pc):
        return pc
    p = "protocol_config"
    grants = checker.string_list(
        pc.get("grant_type"), f"{p}.grant_type", required=True, non_empty=True, choices=GRANT_TYPES
    )
    token = checker.mapping(
        pc.get("token_configuration"), f"{p}.token_configuration", allowed=_TOKEN_KEYS
    )
    token_out: Any
    if token is None:
        checker.fail(
            f"{p}.token_configuration.expires_after",
            "is required (token lifetime in seconds, e.g. 86400)",
        )
        token_out = None
    elif is_unknown(token):
        token_out = token
    else:
        t = f"{p}.token_configuration"
        token_out = {
            "expires_after": checker.integer(
                token.get("expires_after"), f"{t}.expires_after", required=True, maximum=UINT32_MAX
            ),
            "subject_field": checker.string(
                token.get("subject_field"),
                f"{t}.subject_field",
                default="id",
                choices=SUBJECT_FIELDS,
            ),
            "token_signing_algorithm": checker.string(
                token.get("token_signing_algorithm"),
                f"{t}.token_signing_algorithm",
                default="RS256",
                choices=SIGNING_ALGORITHMS,
            ),
        }
    return {
        "type": checker.string(pc.get("type"), f"{p}.type", required=True, choices=PROTOCOLS),
        "confidentiality": checker.string(
            pc.get("confidentiality"),
            f"{p}.confidentiality",
            required=True,
            choices=CONFIDENTIALITY,
        ),
        "grant_type": grants,
        "redirect_uris": checker.string_list(
            pc.get("redirect_uris"),
            f"{p}.redirect_uris",
            default=[],
            item=lambda path, v: checker.url(path, v, allow_custom_scheme=True),
        ),
        "allowed_scopes": checker.string_list(
            pc.get("allowed_scopes"), f"{p}.allowed_scopes", default=[], item_rule=scope_problem
        ),
        "pkce": checker.string(pc.get("pkce"), f"{p}.pkce", default="disabled", choices=PKCE),
        "token_format": checker.string(
            pc.get("token_format"),
            f"{p}.token_format",
            default="self_contained",
            choices=TOKEN_FORMATS,
        ),
        "token_configuration": token_out,
    }


def check_rules(checker: Checker, app: Mapping[str, Any]) -> None:
    """Beyond Identity's cross-field rules; a rule is skipped while its operands are unknown."""
    pc = app.get("protocol_config")
    if not isinstance(pc, Mapping):
        return
    p = "protocol_config"

    def known(*values: Any) -> bool:
        return not any(v is None or contains_unknown(v) for v in values)

    grants: Any = pc.get("grant_type")
    scopes: Any = pc.get("allowed_scopes")
    kind: Any = pc.get("type")
    rs_id, ac_id = app.get("resource_server_id"), app.get("authenticator_config_id")
    if known(scopes) and "openid" in scopes:
        checker.fail(
            f"{p}.allowed_scopes", "must not list 'openid': it is always allowed; remove it"
        )
    if known(scopes) and scopes and not rs_id and not is_unknown(rs_id):
        checker.fail(
            f"{p}.allowed_scopes",
            "needs resource_server_id: scopes come from a resource server; set it or remove the scopes",
        )
    if (
        known(pc.get("confidentiality"), pc.get("pkce"))
        and pc["confidentiality"] == "public"
        and pc["pkce"] == "disabled"
    ):
        checker.fail(
            f"{p}.pkce",
            "must be 'plain' or 's256' for a public client (public clients must use PKCE)",
        )
    if known(grants):
        if known(kind) and kind == "oidc" and "authorization_code" not in grants:
            checker.fail(
                f"{p}.grant_type", "must include 'authorization_code' for an OIDC application"
            )
        if "client_credentials" in grants and ac_id and not is_unknown(ac_id):
            checker.fail(
                "authenticator_config_id",
                "must not be set for a client_credentials application; remove it",
            )
        if "authorization_code" in grants and not ac_id:
            checker.fail(
                "authenticator_config_id",
                "is required for an authorization_code application: set the id of an AuthenticatorConfig",
            )
        if (
            "authorization_code" in grants
            and known(pc.get("redirect_uris"))
            and not pc.get("redirect_uris")
        ):
            checker.fail(
                f"{p}.redirect_uris",
                "must list at least one URI for an authorization_code application",
            )


class ApplicationProvider(BeyondIdentityProvider):
    """Dynamic provider for :class:`Application`."""

    label = "Application"
    input_fields = (
        "realm_id",
        "display_name",
        "resource_server_id",
        "authenticator_config_id",
        "protocol_config",
    )
    replace_paths = ("realm_id", "protocol_config.type", "protocol_config.confidentiality")
    set_paths = frozenset(
        {
            "protocol_config.grant_type",
            "protocol_config.redirect_uris",
            "protocol_config.allowed_scopes",
        }
    )
    id_rule = (UUID_RE, "must be an application id (a UUID)")

    def normalize(self, raw: Mapping[str, Any], checker: Checker) -> dict[str, Any]:
        uuid_rule = "must be an id (a UUID)"
        app = {
            "realm_id": check_realm_id(checker, raw.get("realm_id")),
            "display_name": checker.rule(
                raw.get("display_name"), "display_name", display_name_problem
            ),
            "resource_server_id": checker.string(
                raw.get("resource_server_id") or None,
                "resource_server_id",
                pattern=UUID_RE,
                rule=uuid_rule,
            ),
            "authenticator_config_id": checker.string(
                raw.get("authenticator_config_id") or None,
                "authenticator_config_id",
                pattern=UUID_RE,
                rule=uuid_rule,
            ),
            "protocol_config": normalize_protocol(checker, raw.get("protocol_config")),
        }
        check_rules(checker, app)
        return app

    def collection(self, client: BeyondIdentityClient) -> Collection[Any]:
        return client.applications

    def outputs(self, obj: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
        pc: Mapping[str, Any] = obj.get("protocol_config") or {}
        api_view = {k: v for k, v in pc.items() if k in _PROTOCOL_KEYS}
        return {
            "realm_id": obj.get("realm_id"),
            "display_name": obj.get("display_name"),
            "resource_server_id": obj.get("resource_server_id") or None,
            "authenticator_config_id": obj.get("authenticator_config_id") or None,
            # Only the declared shape: the client secret must stay in its own, secret, output.
            "protocol_config": normalize_protocol(Checker(), api_view),
            "tenant_id": obj.get("tenant_id"),
            "is_managed": bool(obj.get("is_managed", False)),
            "token_endpoint_auth_method": pc.get("token_endpoint_auth_method"),
            **credential_outputs(obj, settings),
        }

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


@dataclass
class ApplicationArgs:
    """The arguments for constructing an :class:`Application`."""

    realm_id: pulumi.Input[str]
    """The realm to create it in. Changing it replaces the application."""
    display_name: pulumi.Input[str]
    """Name shown in the console."""
    protocol_config: pulumi.Input[ProtocolConfigArgs]
    """The OAuth2/OIDC settings."""
    resource_server_id: pulumi.Input[str] | None = None
    """The resource server whose scopes the app may request (needed for ``allowed_scopes``)."""
    authenticator_config_id: pulumi.Input[str] | None = None
    """How users authenticate (required for ``authorization_code``, not allowed for
    ``client_credentials``)."""
    adopt_id: pulumi.Input[str] | None = None
    """Id of an existing application to bring under management instead of creating one."""


class Application(pulumi.dynamic.Resource, module="beyondidentity", name="Application"):
    """A Beyond Identity OAuth2/OIDC application.

    The Pulumi id is the application id (a UUID). ``client_secret`` is stored
    in the state only encrypted (a secret output).

    Replaces on change of: ``realm_id``, ``protocol_config.type``,
    ``protocol_config.confidentiality``.

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
    """The realm holding the application."""
    display_name: pulumi.Output[str]
    """Name shown in the console."""
    resource_server_id: pulumi.Output[str | None]
    """The resource server it may request scopes of."""
    authenticator_config_id: pulumi.Output[str | None]
    """How its users authenticate."""
    protocol_config: pulumi.Output[dict[str, Any]]
    """The OAuth2/OIDC settings, defaults filled in (without credentials)."""
    tenant_id: pulumi.Output[str]
    """The tenant holding it."""
    is_managed: pulumi.Output[bool]
    """True only for Beyond Identity's own applications."""
    client_id: pulumi.Output[str]
    """The OAuth client id."""
    client_secret: pulumi.Output[str | None]
    """The OAuth client secret (a secret; none for public clients)."""
    token_endpoint_auth_method: pulumi.Output[str]
    """As reported by Beyond Identity (``client_secret_basic`` or ``none``); both basic and
    post work for confidential clients."""
    issuer: pulumi.Output[str]
    """The OIDC issuer: ``{auth}/v1/tenants/{t}/realms/{r}/applications/{id}``."""
    discovery_url: pulumi.Output[str]
    """``{issuer}/.well-known/openid-configuration``."""
    authorize_url: pulumi.Output[str]
    """``{issuer}/authorize``."""
    token_url: pulumi.Output[str]
    """``{issuer}/token``."""
    userinfo_url: pulumi.Output[str]
    """``{issuer}/userinfo``."""
    jwks_url: pulumi.Output[str]
    """``{issuer}/.well-known/jwks.json``."""
    adopt_id: pulumi.Output[str | None]
    """The adopted object's id, when it was adopted rather than created."""

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
        """Create an Application.

        :param resource_name: the Pulumi name of the resource.
        :param args: the arguments, as an :class:`ApplicationArgs` (or pass them as keywords).
        :param opts: options for the resource.
        :param realm_id: the realm to create it in (required).
        :param display_name: name shown in the console (required).
        :param protocol_config: the OAuth2/OIDC settings (required).
        :param resource_server_id: the resource server for ``allowed_scopes``.
        :param authenticator_config_id: the authenticator config (authorization_code apps).
        :param adopt_id: an existing application's id, to adopt instead of creating.
        """
        props = resource_props(
            "Application",
            args,
            {
                "realm_id": realm_id,
                "display_name": display_name,
                "protocol_config": protocol_config,
                "resource_server_id": resource_server_id,
                "authenticator_config_id": authenticator_config_id,
                "adopt_id": adopt_id,
            },
            required=("realm_id", "display_name", "protocol_config"),
            outputs=(
                "tenant_id",
                "is_managed",
                "client_id",
                "client_secret",
                "token_endpoint_auth_method",
                "issuer",
                *ENDPOINTS,
            ),
        )
        secret = pulumi.ResourceOptions(additional_secret_outputs=["client_secret"])
        super().__init__(
            ApplicationProvider(), resource_name, props, pulumi.ResourceOptions.merge(opts, secret)
        )
