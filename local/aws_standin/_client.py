"""``aws:cognito/userPoolClient:UserPoolClient`` on moto's Cognito.

Where moto is laxer than AWS the stand-in enforces: every supported identity provider must exist,
Cognito's callback and logout URL rules, and the OAuth flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar
from urllib.parse import urlsplit

from ._aws import AwsError
from ._base import Ctx, Property, Resource, Rule
from ._checks import at_most, between, go_duration, length, pattern
from ._common import VAL, refuse, str_of, strs_of
from ._values import (
    Attr,
    Bool,
    Num,
    Obj,
    Plain,
    Str,
    StrList,
    attrs,
)

OAUTH_FLOWS = ("code", "implicit", "client_credentials")
AUTH_FLOWS = (
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
    "ALLOW_TOKEN_EXCHANGE_DELEGATION",
    "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
)
BUILTIN_PROVIDERS = ("COGNITO",)
# AWS's own exception to https (narrower than the project's loopback rule: 127.0.0.1 only, not
# 127.0.0.0/8); the stand-in models what Cognito accepts, not what our checks accept.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
TIME_UNITS = ("seconds", "minutes", "hours", "days")
TOKEN_VALIDITY_UNITS = Obj(
    attrs(
        Attr("accessToken", "AccessToken", Str(TIME_UNITS), default="hours"),
        Attr("idToken", "IdToken", Str(TIME_UNITS), default="hours"),
        Attr("refreshToken", "RefreshToken", Str(TIME_UNITS), default="days"),
    )
)
DEFAULT_TOKEN_UNITS: dict[str, Plain] = {
    "accessToken": "hours",
    "idToken": "hours",
    "refreshToken": "days",
}
REFRESH_TOKEN_ROTATION = Obj(
    attrs(
        Attr("feature", "Feature", Str(("ENABLED", "DISABLED")), required=True),
        (
            "retryGracePeriodSeconds",
            "RetryGracePeriodSeconds",
            Num((between(0, 60, "framework"),)),
        ),
    )
)
CLIENT = "user_pool_client.go"
# validate.go userPoolClientURLValidator / userPoolClientIdentityProviderValidator: a length and
# [\p{L}\p{M}\p{S}\p{N}\p{P}]+ (any printable text; not modelled beyond non-blank)
_URL = (length(1, 1024, "framework"),)
_PRINTABLE = pattern(
    r"\S",
    "printable",
    "Attribute {path} can include any valid Unicode letter, combining character, "
    "symbol, number, or punctuation, got: {value}",
)
# user_pool_client.go ConfigValidators: each validity against its unit (seconds per unit when
# tokenValidityUnits is not set: hours for access and ID tokens, days for refresh tokens)
_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
_VALIDITY = (
    ("accessTokenValidity", "accessToken", 3600, 5 * 60, 24 * 3600),
    ("idTokenValidity", "idToken", 3600, 5 * 60, 24 * 3600),
    ("refreshTokenValidity", "refreshToken", 86400, 60 * 60, 315360000),
)


def _url_problem(url: str) -> str | None:
    """Cognito's rules for callback and logout URLs (botocore ``CallbackURLs`` and the docs)."""
    if not 1 <= len(url) <= 1024:
        return "must be 1-1024 characters"
    parts = urlsplit(url)
    if not parts.scheme:
        return "must be an absolute URI"
    if parts.fragment or "#" in url:
        return "must not contain a fragment"
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        return "must use HTTPS (http is allowed only for localhost, 127.0.0.1 and [::1])"
    return None


class UserPoolClient(Resource):
    token = "aws:cognito/userPoolClient:UserPoolClient"
    autoname = True
    label = "Cognito User Pool Client"
    fields = (
        Property(
            "name",
            Str(
                checks=(
                    length(1, 128, "framework"),
                    pattern(
                        r"[\w\s+=,.@-]",
                        "[\\w\\s+=,.@-]+",
                        "Attribute {path} can include any letter, number, space, tab, or one of "
                        '"+=,.@-", got: {value}',
                    ),
                )
            ),
            api="ClientName",
            source=f"{CLIENT} `name`: Required (pulumi-aws autonames it), updatable, {VAL} "
            "userPoolClientNameValidator",
        ),
        Property(
            "userPoolId",
            Str(),
            api="UserPoolId",
            replace=True,
            required=True,
            source=f"{CLIENT} `user_pool_id`: Required, RequiresReplace",
        ),
        Property(
            "generateSecret",
            Bool(),
            api="GenerateSecret",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{CLIENT} `generate_secret`: Optional, RequiresReplace",
        ),
        Property(
            "allowedOauthFlows",
            StrList(choices=OAUTH_FLOWS, checks=(at_most(3, "framework"),)),
            api="AllowedOAuthFlows",
            computed=True,
            source=f"{CLIENT} `allowed_oauth_flows`: Optional+Computed, UseStateForUnknown, SizeAtMost(3), enum OAuthFlowType",
        ),
        Property(
            "allowedOauthFlowsUserPoolClient",
            Bool(),
            api="AllowedOAuthFlowsUserPoolClient",
            computed=True,
            source=f"{CLIENT} `allowed_oauth_flows_user_pool_client`: Optional+Computed, UseStateForUnknown",
        ),
        Property(
            "allowedOauthScopes",
            StrList(checks=(at_most(50, "framework"),)),
            api="AllowedOAuthScopes",
            computed=True,
            source=f"{CLIENT} `allowed_oauth_scopes`: Optional+Computed, UseStateForUnknown, SizeAtMost(50)",
        ),
        Property(
            "callbackUrls",
            StrList(checks=(at_most(100, "framework"),), item_checks=(*_URL, _PRINTABLE)),
            api="CallbackURLs",
            computed=True,
            source=f"{CLIENT} `callback_urls`: Optional+Computed, UseStateForUnknown, SizeAtMost(100), each userPoolClientURLValidator",
        ),
        Property(
            "logoutUrls",
            StrList(checks=(at_most(100, "framework"),), item_checks=(*_URL, _PRINTABLE)),
            api="LogoutURLs",
            computed=True,
            source=f"{CLIENT} `logout_urls`: Optional+Computed, UseStateForUnknown, SizeAtMost(100), each userPoolClientURLValidator",
        ),
        Property(
            "defaultRedirectUri",
            Str(checks=(*_URL, _PRINTABLE)),
            api="DefaultRedirectURI",
            computed=True,
            source=f"{CLIENT} `default_redirect_uri`: Optional+Computed, UseStateForUnknown, userPoolClientURLValidator",
        ),
        Property(
            "supportedIdentityProviders",
            StrList(item_checks=(length(1, 32, "framework"), _PRINTABLE)),
            api="SupportedIdentityProviders",
            computed=True,
            source=f"{CLIENT} `supported_identity_providers`: Optional+Computed, UseStateForUnknown, each userPoolClientIdentityProviderValidator",
        ),
        Property(
            "explicitAuthFlows",
            StrList(choices=AUTH_FLOWS),
            api="ExplicitAuthFlows",
            computed=True,
            source=f"{CLIENT} `explicit_auth_flows`: Optional+Computed, UseStateForUnknown, enum "
            "ExplicitAuthFlowsType (values: botocore's, incl. the two token-exchange flows; the "
            "aws-sdk-go-v2 version behind TF was not checked)",
            verified=False,
        ),
        Property(
            "preventUserExistenceErrors",
            Str(("ENABLED", "LEGACY")),
            api="PreventUserExistenceErrors",
            computed=True,
            source=f"{CLIENT} `prevent_user_existence_errors`: Optional+Computed, UseStateForUnknown, enum",
        ),
        Property(
            "readAttributes",
            StrList(),
            api="ReadAttributes",
            computed=True,
            source=f"{CLIENT} `read_attributes`: Optional+Computed, UseStateForUnknown",
        ),
        Property(
            "writeAttributes",
            StrList(),
            api="WriteAttributes",
            computed=True,
            source=f"{CLIENT} `write_attributes`: Optional+Computed, UseStateForUnknown",
        ),
        Property(
            "accessTokenValidity",
            Num(),
            api="AccessTokenValidity",
            computed=True,
            source=f"{CLIENT} `access_token_validity`: Optional+Computed, UseStateForUnknown, ConfigValidators 5 min-24 h in its unit",
        ),
        Property(
            "idTokenValidity",
            Num(),
            api="IdTokenValidity",
            computed=True,
            source=f"{CLIENT} `id_token_validity`: Optional+Computed, UseStateForUnknown, ConfigValidators 5 min-24 h in its unit",
        ),
        Property(
            "refreshTokenValidity",
            Num(),
            api="RefreshTokenValidity",
            computed=True,
            source=f"{CLIENT} `refresh_token_validity`: Optional+Computed, UseStateForUnknown, ConfigValidators 60 min-315360000 s in its unit",
        ),
        Property(
            "authSessionValidity",
            Num((between(3, 15, "framework"),)),
            api="AuthSessionValidity",
            computed=True,
            source=f"{CLIENT} `auth_session_validity`: Optional+Computed, UseStateForUnknown, Between(3, 15)",
        ),
        Property(
            "tokenValidityUnits",
            TOKEN_VALIDITY_UNITS,
            api="TokenValidityUnits",
            reset=DEFAULT_TOKEN_UNITS,
            source=f"{CLIENT} `token_validity_units`: ListNestedBlock (not computed), members "
            "Default hours/hours/days; Update resets a removed block to hours/hours/days",
        ),
        Property(
            "enableTokenRevocation",
            Bool(),
            api="EnableTokenRevocation",
            computed=True,
            source=f"{CLIENT} `enable_token_revocation`: Optional+Computed, UseStateForUnknown",
        ),
        Property(
            "enablePropagateAdditionalUserContextData",
            Bool(),
            api="EnablePropagateAdditionalUserContextData",
            computed=True,
            source=f"{CLIENT} `enable_propagate_additional_user_context_data`: Optional+Computed, UseStateForUnknown",
        ),
        Property(
            "refreshTokenRotation",
            REFRESH_TOKEN_ROTATION,
            api="RefreshTokenRotation",
            reset={"feature": "DISABLED"},
            source=f"{CLIENT} `refresh_token_rotation`: ListNestedBlock (not computed), feature "
            "Required enum, retry_grace_period_seconds Int32 Between(0, 60); a removed block is "
            "left out of UpdateUserPoolClient, which AWS reads as the default (DISABLED)",
        ),
        Property(
            "region",
            Str(),
            replace=True,
            computed=True,
            source="provider v6 forceNewIfRegionChanges (unset = the provider's region)",
        ),
    )
    rules = (
        Rule(
            "`accessTokenValidity` and `idTokenValidity` are 5 minutes to 24 hours, "
            "`refreshTokenValidity` 60 minutes to 315360000 seconds, each in its "
            "`tokenValidityUnits` unit (hours, hours, days when the block is not set)",
            f"{CLIENT} ConfigValidators resourceUserPoolClient*TokenValidityValidator",
        ),
    )

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        return resource_id or str_of(inputs, "name")

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        units = inputs.get("tokenValidityUnits")
        units = units if isinstance(units, dict) else None
        problems: list[tuple[str, str]] = []
        for name, unit_key, default_unit, low, high in _VALIDITY:
            value = inputs.get(name)
            if not isinstance(value, float):
                continue
            unit = units.get(unit_key) if units is not None else None
            seconds = int(value) * (
                _UNIT_SECONDS.get(str(unit), default_unit) if units is not None else default_unit
            )
            if not low <= seconds <= high:
                problems.append(
                    (
                        name,
                        f"Attribute {name} must have a duration between {go_duration(low)} and "
                        f"{go_duration(high)}, got: {go_duration(seconds)}",
                    )
                )
        return problems

    outputs = ("clientSecret",)
    secret_outputs: ClassVar[frozenset[str]] = frozenset({"clientSecret"})

    def resolve_id(self, resource_id: str) -> str:
        return resource_id.rpartition("/")[2]

    async def _check_api_rules(self, ctx: Ctx, inputs: Mapping[str, Plain], operation: str) -> None:
        for key in ("callbackUrls", "logoutUrls"):
            for url in strs_of(inputs, key):
                problem = _url_problem(url)
                if problem:
                    raise refuse(operation, f"Invalid {key} entry {url!r}: {problem}")
        default = str_of(inputs, "defaultRedirectUri")
        if default and default not in strs_of(inputs, "callbackUrls"):
            raise refuse(operation, "DefaultRedirectURI must be one of the CallbackURLs")
        flows, scopes = strs_of(inputs, "allowedOauthFlows"), strs_of(inputs, "allowedOauthScopes")
        if inputs.get("allowedOauthFlowsUserPoolClient") is True:
            if not flows or not scopes:
                raise refuse(
                    operation,
                    "AllowedOAuthFlows and AllowedOAuthScopes are required when "
                    "AllowedOAuthFlowsUserPoolClient is true",
                )
        elif flows or scopes:
            raise refuse(
                operation,
                "AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows or "
                "AllowedOAuthScopes",
            )
        if "client_credentials" in flows and len(set(flows)) > 1:
            raise refuse(operation, "client_credentials flow cannot be combined with other flows")
        pool_id = str_of(inputs, "userPoolId")
        for name in strs_of(inputs, "supportedIdentityProviders"):
            if name in BUILTIN_PROVIDERS:
                continue
            try:
                await ctx.call("describe_identity_provider", UserPoolId=pool_id, ProviderName=name)
            except AwsError as err:
                if not err.not_found:
                    raise
                raise refuse(
                    operation, f"The provider {name} does not exist for User Pool {pool_id}"
                ) from err

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        await self._check_api_rules(ctx, inputs, "CreateUserPoolClient")
        answer = await ctx.call("create_user_pool_client", **self.api_params(inputs))
        client_id = str(answer["UserPoolClient"]["ClientId"])
        return client_id, await self.fetch_written(ctx, client_id, inputs)

    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        pool_id = str_of(state, "userPoolId")
        client_id = resource_id
        if not pool_id:  # import ID: <user pool id>/<client id>
            pool_id, _, client_id = resource_id.rpartition("/")
            if not pool_id:
                raise ValueError(f"import ID {resource_id!r} is not <user pool id>/<client id>")
        answer = await ctx.call("describe_user_pool_client", UserPoolId=pool_id, ClientId=client_id)
        client = answer["UserPoolClient"]
        live: dict[str, Plain] = {
            f.name: f.kind.from_api(client.get(f.api)) for f in self.fields if f.api
        }
        live["generateSecret"] = bool(client.get("ClientSecret")) or None
        live["region"] = ctx.region
        live["clientSecret"] = str(client.get("ClientSecret") or "")
        return live

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        # The API rules see what the client will hold: omitted computed values stay as they are.
        await self._check_api_rules(ctx, self.effective(news, olds), "UpdateUserPoolClient")
        params = self.api_params(news, update=True, olds=olds)
        await ctx.call("update_user_pool_client", ClientId=resource_id, **params)
        return await self.fetch_written(ctx, resource_id, news)

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        await ctx.call(
            "delete_user_pool_client", UserPoolId=str_of(state, "userPoolId"), ClientId=resource_id
        )
