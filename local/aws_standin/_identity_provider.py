"""``aws:cognito/identityProvider:IdentityProvider`` on moto's Cognito.

Where moto is laxer than AWS the stand-in enforces AWS's name syntax, social types named after the
type, the OIDC details, and ``DuplicateProviderException`` instead of moto's silent overwrite.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._aws import AwsError
from ._base import Ctx, Property, Resource
from ._checks import at_most, length, pattern
from ._common import VAL, refuse, str_of
from ._values import (
    Plain,
    Str,
    StrList,
    StrMap,
)

PROVIDER_TYPES = ("SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC")
SOCIAL_TYPES = ("Facebook", "Google", "LoginWithAmazon", "SignInWithApple")
PROVIDER_NAME = re.compile(r"^[^_\s][^\s][^_\s]+$")  # botocore ProviderNameTypeV2, simplified
OIDC_REQUIRED_DETAILS = ("client_id", "authorize_scopes", "oidc_issuer")
IDP = "identity_provider.go"


class IdentityProvider(Resource):
    token = "aws:cognito/identityProvider:IdentityProvider"
    label = "Cognito Identity Provider"
    fields = (
        Property(
            "userPoolId",
            Str(),
            api="UserPoolId",
            replace=True,
            required=True,
            source=f"{IDP} `user_pool_id`: Required, ForceNew",
        ),
        Property(
            "providerName",
            Str(checks=(length(1, 32, "cognito"),)),
            api="ProviderName",
            replace=True,
            required=True,
            source=f"{IDP} `provider_name`: Required, ForceNew, {VAL} validIdentityProviderName",
        ),
        Property(
            "providerType",
            Str(PROVIDER_TYPES),
            api="ProviderType",
            replace=True,
            required=True,
            create_only=True,
            source=f"{IDP} `provider_type`: Required, ForceNew, enum IdentityProviderTypeType",
        ),
        Property(
            "providerDetails",
            StrMap(),
            api="ProviderDetails",
            required=True,
            source=f"{IDP} `provider_details`: Required map, updatable (DiffSuppressFunc for "
            "Google defaults and SAML read-only keys: not modelled, we serve OIDC)",
        ),
        Property(
            "attributeMapping",
            StrMap(),
            api="AttributeMapping",
            computed=True,
            source=f"{IDP} `attribute_mapping`: Optional+Computed map",
        ),
        Property(
            "idpIdentifiers",
            StrList(
                ordered=True,
                checks=(at_most(50),),
                item_checks=(
                    length(1, 40),
                    pattern(
                        r"^[\w\s+=.@-]+$",
                        r"^[\w\s+=.@-]+$",
                        "invalid value for {path} (see https://docs.aws.amazon.com/cognito-user-"
                        "identity-pools/latest/APIReference/API_CreateIdentityProvider.html"
                        "#API_CreateIdentityProvider_RequestSyntax)",
                    ),
                ),
            ),
            api="IdpIdentifiers",
            source=f"{IDP} `idp_identifiers`: Optional list, MaxItems 50, each "
            "StringLenBetween(1, 40) and ^[\\w\\s+=.@-]+$",
        ),
        Property(
            "region",
            Str(),
            replace=True,
            computed=True,
            source="provider v6 forceNewIfRegionChanges (unset = the provider's region)",
        ),
    )

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        return resource_id or f"{str_of(inputs, 'userPoolId')}:{str_of(inputs, 'providerName')}"

    @staticmethod
    def _check_api_rules(inputs: Mapping[str, Plain], operation: str) -> None:
        name, kind = str_of(inputs, "providerName"), str_of(inputs, "providerType")
        if len(name) > 32 or not PROVIDER_NAME.match(name):
            raise refuse(
                operation,
                f"1 validation error detected: Value '{name}' at 'providerName' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: "
                "[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+ (and length 1-32)",
            )
        if kind in SOCIAL_TYPES and name != kind:
            raise refuse(operation, f"Provider name for type {kind} must be {kind}")
        details = inputs.get("providerDetails")
        details = details if isinstance(details, dict) else {}
        if kind == "OIDC":
            missing = [key for key in OIDC_REQUIRED_DETAILS if not details.get(key)]
            if missing:
                raise refuse(operation, f"OIDC provider details missing: {', '.join(missing)}")
            scopes = str(details.get("authorize_scopes") or "").split()
            if "openid" not in scopes:
                raise refuse(operation, "authorize_scopes must include openid for an OIDC provider")

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        self._check_api_rules(inputs, "CreateIdentityProvider")
        pool_id, name = str_of(inputs, "userPoolId"), str_of(inputs, "providerName")
        try:
            await ctx.call("describe_identity_provider", UserPoolId=pool_id, ProviderName=name)
        except AwsError as err:
            if not err.not_found:
                raise
        else:  # moto would silently overwrite the existing provider
            raise refuse(
                "CreateIdentityProvider",
                f"{name} already exists in user pool {pool_id}",
                code="DuplicateProviderException",
            )
        await ctx.call("create_identity_provider", **self.api_params(inputs))
        resource_id = f"{pool_id}:{name}"
        return resource_id, await self.fetch_written(ctx, resource_id, inputs)

    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        pool_id, name = self.split_id(resource_id, ":", "<user pool id>:<identity provider name>")
        answer = await ctx.call("describe_identity_provider", UserPoolId=pool_id, ProviderName=name)
        provider = answer["IdentityProvider"]
        live: dict[str, Plain] = {
            f.name: f.kind.from_api(provider.get(f.api)) for f in self.fields if f.api
        }
        live["region"] = ctx.region
        return live

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        self._check_api_rules(news, "UpdateIdentityProvider")
        await ctx.call("update_identity_provider", **self.api_params(news, update=True, olds=olds))
        return await self.fetch_written(ctx, resource_id, news)

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        pool_id, _, name = resource_id.partition(":")
        await ctx.call("delete_identity_provider", UserPoolId=pool_id, ProviderName=name)
