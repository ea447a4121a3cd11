"""The four pulumi-aws Cognito resources, mapped onto the Cognito API served by moto.

Wire names are pulumi-aws 7.51.1's (``@pulumi.getter(name=...)`` of the SDK classes); replacement
rules are the Terraform AWS provider's ``ForceNew`` flags. Where moto is laxer than AWS, a few cheap
AWS rules are enforced here (errors say "enforced by the aws stand-in"):

* user pool: no delete while deletion protection is ACTIVE or a domain is attached;
* domain: prefix syntax and reserved words, one prefix domain per pool, globally unique names;
* identity provider: name syntax, social types named after the type, OIDC details present,
  ``DuplicateProviderException`` instead of moto's silent overwrite;
* app client: every supported identity provider must exist, callback/logout URL rules, OAuth flags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ._aws import AwsError
from ._base import Ctx, Field, Resource
from ._branding import ManagedLoginBranding
from ._route53 import Record
from ._values import (
    Attr,
    Bool,
    Num,
    Obj,
    ObjList,
    Plain,
    Str,
    StrList,
    StrMap,
    attrs,
    is_empty,
)

DEFAULT_ACCOUNT_ID = "123456789012"  # moto's account
CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"  # the fixed Route 53 zone of every CloudFront distribution


def _timestamp(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None if value is None else str(value)


def _account_from_arn(arn: Any) -> str:
    parts = str(arn or "").split(":")
    return parts[4] if len(parts) > 4 and parts[4].isdigit() else DEFAULT_ACCOUNT_ID


def _str(values: Mapping[str, Plain], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def _strs(values: Mapping[str, Plain], key: str) -> list[str]:
    value = values.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _refuse(operation: str, message: str, code: str = "InvalidParameterException") -> AwsError:
    return AwsError(operation, code, message, standin=True)


# ---------------------------------------------------------------------------------------------
# UserPool
# ---------------------------------------------------------------------------------------------

USERNAME_CONFIGURATION = Obj(attrs(Attr("caseSensitive", "CaseSensitive", Bool(), required=True)))
SOFTWARE_TOKEN_MFA = Obj(attrs(Attr("enabled", "Enabled", Bool(), required=True)))
PASSWORD_POLICY = Obj(
    attrs(
        ("minimumLength", "MinimumLength", Num()),
        ("passwordHistorySize", "PasswordHistorySize", Num()),
        ("requireLowercase", "RequireLowercase", Bool()),
        ("requireNumbers", "RequireNumbers", Bool()),
        ("requireSymbols", "RequireSymbols", Bool()),
        ("requireUppercase", "RequireUppercase", Bool()),
        ("temporaryPasswordValidityDays", "TemporaryPasswordValidityDays", Num()),
    )
)
SIGN_IN_POLICY = Obj(attrs(("allowedFirstAuthFactors", "AllowedFirstAuthFactors", StrList())))
ACCOUNT_RECOVERY = Obj(
    attrs(
        (
            "recoveryMechanisms",
            "RecoveryMechanisms",
            ObjList(
                Obj(
                    attrs(
                        Attr(
                            "name",
                            "Name",
                            Str(("verified_email", "verified_phone_number", "admin_only")),
                            required=True,
                        ),
                        Attr("priority", "Priority", Num(), required=True),
                    )
                )
            ),
        )
    )
)
ADMIN_CREATE_USER = Obj(
    attrs(
        ("allowAdminCreateUserOnly", "AllowAdminCreateUserOnly", Bool()),
        (
            "inviteMessageTemplate",
            "InviteMessageTemplate",
            Obj(
                attrs(
                    ("emailMessage", "EmailMessage", Str()),
                    ("emailSubject", "EmailSubject", Str()),
                    ("smsMessage", "SMSMessage", Str()),
                )
            ),
        ),
    )
)
EMAIL_CONFIGURATION = Obj(
    attrs(
        ("configurationSet", "ConfigurationSet", Str()),
        ("emailSendingAccount", "EmailSendingAccount", Str(("COGNITO_DEFAULT", "DEVELOPER"))),
        ("fromEmailAddress", "From", Str()),
        ("replyToEmailAddress", "ReplyToEmailAddress", Str()),
        ("sourceArn", "SourceArn", Str()),
    )
)
VERIFICATION_MESSAGE_TEMPLATE = Obj(
    attrs(
        (
            "defaultEmailOption",
            "DefaultEmailOption",
            Str(("CONFIRM_WITH_LINK", "CONFIRM_WITH_CODE")),
        ),
        ("emailMessage", "EmailMessage", Str()),
        ("emailMessageByLink", "EmailMessageByLink", Str()),
        ("emailSubject", "EmailSubject", Str()),
        ("emailSubjectByLink", "EmailSubjectByLink", Str()),
        ("smsMessage", "SmsMessage", Str()),
    )
)
DEVICE_CONFIGURATION = Obj(
    attrs(
        ("challengeRequiredOnNewDevice", "ChallengeRequiredOnNewDevice", Bool()),
        ("deviceOnlyRememberedOnUserPrompt", "DeviceOnlyRememberedOnUserPrompt", Bool()),
    )
)
USER_ATTRIBUTE_UPDATE_SETTINGS = Obj(
    attrs(
        Attr(
            "attributesRequireVerificationBeforeUpdates",
            "AttributesRequireVerificationBeforeUpdate",
            StrList(choices=("email", "phone_number")),
            required=True,
        )
    )
)
USER_POOL_ADD_ONS = Obj(
    attrs(
        Attr(
            "advancedSecurityMode",
            "AdvancedSecurityMode",
            Str(("OFF", "AUDIT", "ENFORCED")),
            required=True,
        )
    )
)
SCHEMA_ATTRIBUTE = Obj(
    attrs(
        Attr("name", "Name", Str(), required=True),
        Attr(
            "attributeDataType",
            "AttributeDataType",
            Str(("String", "Number", "DateTime", "Boolean")),
            required=True,
        ),
        ("developerOnlyAttribute", "DeveloperOnlyAttribute", Bool()),
        ("mutable", "Mutable", Bool()),
        ("required", "Required", Bool()),
        (
            "numberAttributeConstraints",
            "NumberAttributeConstraints",
            Obj(attrs(("maxValue", "MaxValue", Str()), ("minValue", "MinValue", Str()))),
        ),
        (
            "stringAttributeConstraints",
            "StringAttributeConstraints",
            Obj(attrs(("maxLength", "MaxLength", Str()), ("minLength", "MinLength", Str()))),
        ),
    )
)
SCHEMAS = ObjList(SCHEMA_ATTRIBUTE)


def _configured_schemas(configured: Plain, live: Any) -> Plain:
    """The live schema entries the program configured, restricted to the keys it set.

    Cognito returns every standard attribute and prefixes custom ones with ``custom:``; like the
    Terraform provider, report only what was configured, so defaults never show up as drift.
    """
    if not isinstance(configured, list):
        return None
    by_name = {str(a.get("Name")): a for a in live or []}
    result: list[Plain] = []
    for entry in configured:
        if not isinstance(entry, dict):
            continue
        name = str(entry.get("name"))
        found = by_name.get(name) or by_name.get(f"custom:{name}")
        if found is None:
            continue
        item = SCHEMA_ATTRIBUTE.from_api(found)
        if isinstance(item, dict):
            kept: dict[str, Plain] = {k: item[k] for k in entry if k in item}
            for key in ("numberAttributeConstraints", "stringAttributeConstraints"):
                wanted, got = entry.get(key), kept.get(key)
                if isinstance(wanted, dict) and isinstance(got, dict):
                    kept[key] = {k: got[k] for k in wanted if k in got}
            kept["name"] = name
            result.append(kept)
    return result


def _schema_by_name(value: Plain) -> dict[str, Plain]:
    entries = value if isinstance(value, list) else []
    return {str(e.get("name")): e for e in entries if isinstance(e, dict)}


class UserPool(Resource):
    token = "aws:cognito/userPool:UserPool"
    autoname = True
    fields = (
        Field("name", Str(), replace=True),
        Field(
            "usernameAttributes",
            StrList(choices=("email", "phone_number")),
            api="UsernameAttributes",
            replace=True,
            create_only=True,
            sticky=True,
        ),
        Field(
            "aliasAttributes",
            StrList(choices=("email", "phone_number", "preferred_username")),
            api="AliasAttributes",
            replace=True,
            create_only=True,
            sticky=True,
        ),
        Field(
            "usernameConfiguration",
            USERNAME_CONFIGURATION,
            api="UsernameConfiguration",
            replace=True,
            create_only=True,
            sticky=True,
        ),
        Field(
            "autoVerifiedAttributes",
            StrList(choices=("email", "phone_number")),
            api="AutoVerifiedAttributes",
        ),
        Field(
            "deletionProtection",
            Str(("ACTIVE", "INACTIVE")),
            api="DeletionProtection",
            default="INACTIVE",
        ),
        Field("mfaConfiguration", Str(("OFF", "ON", "OPTIONAL")), default="OFF"),
        Field("softwareTokenMfaConfiguration", SOFTWARE_TOKEN_MFA, sticky=True),
        Field("passwordPolicy", PASSWORD_POLICY, computed=True),
        Field("signInPolicy", SIGN_IN_POLICY, computed=True),
        Field(
            "accountRecoverySetting",
            ACCOUNT_RECOVERY,
            api="AccountRecoverySetting",
            computed=True,
        ),
        Field(
            "adminCreateUserConfig",
            ADMIN_CREATE_USER,
            api="AdminCreateUserConfig",
            computed=True,
        ),
        Field("emailConfiguration", EMAIL_CONFIGURATION, api="EmailConfiguration", computed=True),
        Field(
            "verificationMessageTemplate",
            VERIFICATION_MESSAGE_TEMPLATE,
            api="VerificationMessageTemplate",
            computed=True,
        ),
        Field("emailVerificationMessage", Str(), api="EmailVerificationMessage", computed=True),
        Field("emailVerificationSubject", Str(), api="EmailVerificationSubject", computed=True),
        Field("smsVerificationMessage", Str(), api="SmsVerificationMessage", computed=True),
        Field("smsAuthenticationMessage", Str(), api="SmsAuthenticationMessage"),
        Field("deviceConfiguration", DEVICE_CONFIGURATION, api="DeviceConfiguration"),
        Field(
            "userAttributeUpdateSettings",
            USER_ATTRIBUTE_UPDATE_SETTINGS,
            api="UserAttributeUpdateSettings",
        ),
        Field("userPoolAddOns", USER_POOL_ADD_ONS, api="UserPoolAddOns"),
        Field(
            "userPoolTier",
            Str(("LITE", "ESSENTIALS", "PLUS")),
            api="UserPoolTier",
            computed=True,
        ),
        Field("schemas", SCHEMAS),
        Field("tags", StrMap()),
        Field("region", Str(), replace=True, computed=True),
    )
    outputs = (
        "arn",
        "endpoint",
        "domain",
        "customDomain",
        "creationDate",
        "lastModifiedDate",
        "estimatedNumberOfUsers",
        "tagsAll",
    )

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        if (
            inputs.get("usernameAttributes") is not None
            and inputs.get("aliasAttributes") is not None
        ):
            return [
                ("aliasAttributes", '"aliasAttributes": conflicts with usernameAttributes'),
            ]
        return []

    @staticmethod
    def _policies(inputs: Mapping[str, Plain]) -> dict[str, Any] | None:
        policies: dict[str, Any] = {}
        if inputs.get("passwordPolicy") is not None:
            policies["PasswordPolicy"] = PASSWORD_POLICY.to_api(inputs["passwordPolicy"])
        if inputs.get("signInPolicy") is not None:
            policies["SignInPolicy"] = SIGN_IN_POLICY.to_api(inputs["signInPolicy"])
        return policies or None

    @staticmethod
    async def _set_mfa(ctx: Ctx, pool_id: str, inputs: Mapping[str, Plain]) -> None:
        mode = _str(inputs, "mfaConfiguration") or "OFF"
        params: dict[str, Any] = {"UserPoolId": pool_id, "MfaConfiguration": mode}
        if mode != "OFF" and inputs.get("softwareTokenMfaConfiguration") is not None:
            params["SoftwareTokenMfaConfiguration"] = SOFTWARE_TOKEN_MFA.to_api(
                inputs["softwareTokenMfaConfiguration"]
            )
        await ctx.call("set_user_pool_mfa_config", **params)

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        params = self.api_params(inputs)
        params["PoolName"] = _str(inputs, "name")
        params["Policies"] = self._policies(inputs)
        if not is_empty(inputs.get("schemas")):
            params["Schema"] = SCHEMAS.to_api(inputs["schemas"])
        if not is_empty(inputs.get("tags")):
            params["UserPoolTags"] = inputs["tags"]
        pool_id = str((await ctx.call("create_user_pool", **params))["UserPool"]["Id"])
        try:
            if (_str(inputs, "mfaConfiguration") or "OFF") != "OFF":
                await self._set_mfa(ctx, pool_id, inputs)
            live = await self.fetch(ctx, pool_id, inputs)
        except Exception:
            # Do not leak a half-configured pool: AWS-side failures after creation roll back.
            await ctx.call("delete_user_pool", UserPoolId=pool_id)
            raise
        assert live is not None
        return pool_id, live

    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        pool = (await ctx.call("describe_user_pool", UserPoolId=resource_id))["UserPool"]
        mfa = await ctx.call("get_user_pool_mfa_config", UserPoolId=resource_id)
        live: dict[str, Plain] = {
            f.name: f.kind.from_api(pool.get(f.api)) for f in self.fields if f.api
        }
        policies = pool.get("Policies") or {}
        tags = StrMap().from_api(pool.get("UserPoolTags"))
        arn = pool.get("Arn") or (
            f"arn:aws:cognito-idp:{ctx.region}:{DEFAULT_ACCOUNT_ID}:userpool/{resource_id}"
        )
        users = pool.get("EstimatedNumberOfUsers")
        live.update(
            {
                "name": pool.get("Name"),
                "passwordPolicy": PASSWORD_POLICY.from_api(policies.get("PasswordPolicy")),
                "signInPolicy": SIGN_IN_POLICY.from_api(policies.get("SignInPolicy")),
                "mfaConfiguration": mfa.get("MfaConfiguration") or "OFF",
                "softwareTokenMfaConfiguration": SOFTWARE_TOKEN_MFA.from_api(
                    mfa.get("SoftwareTokenMfaConfiguration")
                ),
                "schemas": _configured_schemas(state.get("schemas"), pool.get("SchemaAttributes")),
                "tags": tags,
                "region": ctx.region,
                "arn": str(arn),
                "endpoint": f"cognito-idp.{ctx.region}.amazonaws.com/{resource_id}",
                "domain": pool.get("Domain") or "",
                "customDomain": pool.get("CustomDomain") or "",
                "creationDate": _timestamp(pool.get("CreationDate")),
                "lastModifiedDate": _timestamp(pool.get("LastModifiedDate")),
                "estimatedNumberOfUsers": float(users) if users is not None else 0.0,
                "tagsAll": tags or {},
            }
        )
        return live

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        old_schema = _schema_by_name(olds.get("schemas"))
        new_schema = _schema_by_name(news.get("schemas"))
        altered = sorted(
            name
            for name, entry in old_schema.items()
            if name not in new_schema
            or SCHEMA_ATTRIBUTE.normalize(new_schema[name]) != SCHEMA_ATTRIBUTE.normalize(entry)
        )
        if altered:
            raise _refuse(
                "UpdateUserPool",
                f"schema attributes cannot be modified or removed once created: {', '.join(altered)}",
            )
        params = self.api_params(news, update=True, olds=olds)
        merged = {
            k: news.get(k) if news.get(k) is not None else olds.get(k)
            for k in ("passwordPolicy", "signInPolicy")
        }
        params["Policies"] = self._policies(merged)
        params["UserPoolTags"] = news.get("tags") or {}
        await ctx.call("update_user_pool", UserPoolId=resource_id, **params)
        await self._set_mfa(ctx, resource_id, news)
        added: list[Plain] = [entry for name, entry in new_schema.items() if name not in old_schema]
        if added:
            await ctx.call(
                "add_custom_attributes",
                UserPoolId=resource_id,
                CustomAttributes=SCHEMAS.to_api(added),
            )
        return await self.fetch_written(ctx, resource_id, news)

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        pool = (await ctx.call("describe_user_pool", UserPoolId=resource_id))["UserPool"]
        if pool.get("DeletionProtection") == "ACTIVE":
            raise _refuse(
                "DeleteUserPool",
                "The user pool cannot be deleted because deletion protection is activated. "
                "Deletion protection must be inactivated first.",
            )
        if pool.get("Domain") or pool.get("CustomDomain"):
            raise _refuse(
                "DeleteUserPool",
                "User pool cannot be deleted. It has a domain configured that should be deleted first.",
            )
        await ctx.call("delete_user_pool", UserPoolId=resource_id)


# ---------------------------------------------------------------------------------------------
# UserPoolDomain
# ---------------------------------------------------------------------------------------------

DOMAIN_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")


class UserPoolDomain(Resource):
    token = "aws:cognito/userPoolDomain:UserPoolDomain"
    fields = (
        Field("domain", Str(), api="Domain", replace=True, required=True),
        Field("userPoolId", Str(), api="UserPoolId", replace=True, required=True),
        Field("certificateArn", Str(), replace=True, sticky=True),
        Field("managedLoginVersion", Num(), api="ManagedLoginVersion", computed=True),
        Field("region", Str(), replace=True, computed=True),
    )
    outputs = (
        "awsAccountId",
        "cloudfrontDistribution",
        "cloudfrontDistributionArn",
        "cloudfrontDistributionZoneId",
        "s3Bucket",
        "version",
    )

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        version = inputs.get("managedLoginVersion")
        if version is not None and version not in (1.0, 2.0):
            return [("managedLoginVersion", "expected 1 (hosted UI) or 2 (managed login)")]
        return []

    def preview_known(self, inputs: Mapping[str, Plain], region: str) -> dict[str, Plain]:
        return {"region": region, "cloudfrontDistributionZoneId": CLOUDFRONT_ZONE_ID}

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        domain, pool_id = _str(inputs, "domain"), _str(inputs, "userPoolId")
        certificate = _str(inputs, "certificateArn")
        operation = "CreateUserPoolDomain"
        if not certificate:
            if not DOMAIN_PREFIX.match(domain):
                raise _refuse(
                    operation,
                    f"1 validation error detected: Value '{domain}' at 'domain' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: "
                    "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
                )
            for word in RESERVED_DOMAIN_WORDS:
                if word in domain:
                    raise _refuse(operation, f"Domain cannot contain reserved word: {word}")
        pool = (await ctx.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        if pool.get("CustomDomain" if certificate else "Domain"):
            raise _refuse(operation, "User pool already has a domain configured.")
        self._check_tier(pool, inputs, operation)
        existing = await ctx.call("describe_user_pool_domain", Domain=domain)
        if existing.get("DomainDescription"):
            raise _refuse(operation, "Domain already associated with another user pool.")
        params = self.api_params(inputs)
        if certificate:
            params["CustomDomainConfig"] = {"CertificateArn": certificate}
        await ctx.call("create_user_pool_domain", **params)
        live = await self.fetch(ctx, domain, inputs)
        if live is None:
            raise AwsError(operation, "NotFound", f"domain {domain} not found after creation")
        return domain, live

    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        answer = await ctx.call("describe_user_pool_domain", Domain=resource_id)
        description: dict[str, Any] = answer.get("DomainDescription") or {}
        if not description.get("Status"):
            return None  # AWS and moto answer an unknown domain with an empty description
        pool_id = str(description.get("UserPoolId") or "")
        try:
            pool = (await ctx.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        except AwsError as err:
            if err.not_found:
                return None  # moto keeps domains of pools deleted out of band; AWS cannot
            raise
        account = str(description.get("AWSAccountId") or "")
        if not (len(account) == 12 and account.isdigit()):
            account = _account_from_arn(pool.get("Arn"))  # moto returns a random UUID
        cloudfront = str(description.get("CloudFrontDistribution") or "")
        version = description.get("ManagedLoginVersion")
        if version is None:  # moto drops ManagedLoginVersion: keep the declared one
            declared = state.get("managedLoginVersion")
            version = declared if isinstance(declared, float) else 1.0
        certificate = (description.get("CustomDomainConfig") or {}).get("CertificateArn")
        return {
            "domain": str(description.get("Domain") or resource_id),
            "userPoolId": pool_id,
            "certificateArn": certificate,
            "managedLoginVersion": float(version),
            "region": ctx.region,
            "awsAccountId": account,
            "cloudfrontDistribution": cloudfront,
            "cloudfrontDistributionArn": cloudfront,  # as the Terraform provider fills it
            "cloudfrontDistributionZoneId": CLOUDFRONT_ZONE_ID,
            "s3Bucket": str(description.get("S3Bucket") or ""),
            "version": str(description.get("Version") or ""),
        }

    @staticmethod
    def _check_tier(pool: Mapping[str, Any], inputs: Mapping[str, Plain], operation: str) -> None:
        if inputs.get("managedLoginVersion") == 2.0 and pool.get("UserPoolTier") == "LITE":
            raise _refuse(
                operation,
                "Managed login (version 2) is not available on the LITE feature plan",
                code="FeatureUnavailableInTierException",
            )

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        pool_id = _str(news, "userPoolId")
        pool = (await ctx.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        self._check_tier(pool, news, "UpdateUserPoolDomain")
        params = self.api_params(news, update=True, olds=olds)
        certificate = _str(news, "certificateArn") or _str(olds, "certificateArn")
        if certificate:
            # moto's UpdateUserPoolDomain drops a custom domain's certificate (and with it the
            # CloudFront target) unless it is sent again; AWS keeps it.
            params["CustomDomainConfig"] = {"CertificateArn": certificate}
        await ctx.call("update_user_pool_domain", **params)
        live = await self.fetch(ctx, resource_id, news)
        if live is None:
            raise AwsError("UpdateUserPoolDomain", "ResourceNotFoundException", resource_id)
        return live

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        pool_id = _str(state, "userPoolId")
        if not pool_id:
            live = await self.fetch(ctx, resource_id, state)
            if live is None:
                return
            pool_id = _str(live, "userPoolId")
        await ctx.call("delete_user_pool_domain", Domain=resource_id, UserPoolId=pool_id)


# ---------------------------------------------------------------------------------------------
# IdentityProvider
# ---------------------------------------------------------------------------------------------

PROVIDER_TYPES = ("SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC")
SOCIAL_TYPES = ("Facebook", "Google", "LoginWithAmazon", "SignInWithApple")
PROVIDER_NAME = re.compile(r"^[^_\s][^\s][^_\s]+$")  # botocore ProviderNameTypeV2, simplified
OIDC_REQUIRED_DETAILS = ("client_id", "authorize_scopes", "oidc_issuer")


class IdentityProvider(Resource):
    token = "aws:cognito/identityProvider:IdentityProvider"
    fields = (
        Field("userPoolId", Str(), api="UserPoolId", replace=True, required=True),
        Field("providerName", Str(), api="ProviderName", replace=True, required=True),
        Field(
            "providerType",
            Str(PROVIDER_TYPES),
            api="ProviderType",
            replace=True,
            required=True,
            create_only=True,
        ),
        Field("providerDetails", StrMap(), api="ProviderDetails", required=True),
        Field("attributeMapping", StrMap(), api="AttributeMapping", computed=True),
        Field("idpIdentifiers", StrList(ordered=True), api="IdpIdentifiers"),
        Field("region", Str(), replace=True, computed=True),
    )

    @staticmethod
    def _check_api_rules(inputs: Mapping[str, Plain], operation: str) -> None:
        name, kind = _str(inputs, "providerName"), _str(inputs, "providerType")
        if len(name) > 32 or not PROVIDER_NAME.match(name):
            raise _refuse(
                operation,
                f"1 validation error detected: Value '{name}' at 'providerName' failed to satisfy "
                "constraint: Member must satisfy regular expression pattern: "
                "[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+ (and length 1-32)",
            )
        if kind in SOCIAL_TYPES and name != kind:
            raise _refuse(operation, f"Provider name for type {kind} must be {kind}")
        details = inputs.get("providerDetails")
        details = details if isinstance(details, dict) else {}
        if kind == "OIDC":
            missing = [key for key in OIDC_REQUIRED_DETAILS if not details.get(key)]
            if missing:
                raise _refuse(operation, f"OIDC provider details missing: {', '.join(missing)}")
            scopes = str(details.get("authorize_scopes") or "").split()
            if "openid" not in scopes:
                raise _refuse(
                    operation, "authorize_scopes must include openid for an OIDC provider"
                )

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        self._check_api_rules(inputs, "CreateIdentityProvider")
        pool_id, name = _str(inputs, "userPoolId"), _str(inputs, "providerName")
        try:
            await ctx.call("describe_identity_provider", UserPoolId=pool_id, ProviderName=name)
        except AwsError as err:
            if not err.not_found:
                raise
        else:  # moto would silently overwrite the existing provider
            raise _refuse(
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


# ---------------------------------------------------------------------------------------------
# UserPoolClient
# ---------------------------------------------------------------------------------------------

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
)
BUILTIN_PROVIDERS = ("COGNITO",)
# AWS's own exception to https (narrower than the project's loopback rule: 127.0.0.1 only, not
# 127.0.0.0/8); the stand-in models what Cognito accepts, not what our checks accept.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
TOKEN_VALIDITY_UNITS = Obj(
    attrs(
        ("accessToken", "AccessToken", Str(("seconds", "minutes", "hours", "days"))),
        ("idToken", "IdToken", Str(("seconds", "minutes", "hours", "days"))),
        ("refreshToken", "RefreshToken", Str(("seconds", "minutes", "hours", "days"))),
    )
)
REFRESH_TOKEN_ROTATION = Obj(
    attrs(
        Attr("feature", "Feature", Str(("ENABLED", "DISABLED")), required=True),
        ("retryGracePeriodSeconds", "RetryGracePeriodSeconds", Num()),
    )
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
    fields = (
        Field("name", Str(), api="ClientName"),
        Field("userPoolId", Str(), api="UserPoolId", replace=True, required=True),
        Field(
            "generateSecret",
            Bool(),
            api="GenerateSecret",
            replace=True,
            create_only=True,
            sticky=True,
        ),
        Field("allowedOauthFlows", StrList(choices=OAUTH_FLOWS), api="AllowedOAuthFlows"),
        Field("allowedOauthFlowsUserPoolClient", Bool(), api="AllowedOAuthFlowsUserPoolClient"),
        Field("allowedOauthScopes", StrList(), api="AllowedOAuthScopes"),
        Field("callbackUrls", StrList(), api="CallbackURLs"),
        Field("logoutUrls", StrList(), api="LogoutURLs"),
        Field("defaultRedirectUri", Str(), api="DefaultRedirectURI"),
        Field("supportedIdentityProviders", StrList(), api="SupportedIdentityProviders"),
        Field(
            "explicitAuthFlows",
            StrList(choices=AUTH_FLOWS),
            api="ExplicitAuthFlows",
            computed=True,
        ),
        Field(
            "preventUserExistenceErrors",
            Str(("ENABLED", "LEGACY")),
            api="PreventUserExistenceErrors",
            computed=True,
        ),
        Field("readAttributes", StrList(), api="ReadAttributes", computed=True),
        Field("writeAttributes", StrList(), api="WriteAttributes", computed=True),
        Field("accessTokenValidity", Num(), api="AccessTokenValidity", computed=True),
        Field("idTokenValidity", Num(), api="IdTokenValidity", computed=True),
        Field("refreshTokenValidity", Num(), api="RefreshTokenValidity", computed=True),
        Field("authSessionValidity", Num(), api="AuthSessionValidity", computed=True),
        Field("tokenValidityUnits", TOKEN_VALIDITY_UNITS, api="TokenValidityUnits", computed=True),
        Field("enableTokenRevocation", Bool(), api="EnableTokenRevocation", computed=True),
        Field(
            "enablePropagateAdditionalUserContextData",
            Bool(),
            api="EnablePropagateAdditionalUserContextData",
            computed=True,
        ),
        Field(
            "refreshTokenRotation",
            REFRESH_TOKEN_ROTATION,
            api="RefreshTokenRotation",
            computed=True,
        ),
        Field("region", Str(), replace=True, computed=True),
    )
    outputs = ("clientSecret",)
    secret_outputs: ClassVar[frozenset[str]] = frozenset({"clientSecret"})

    def resolve_id(self, resource_id: str) -> str:
        return resource_id.rpartition("/")[2]

    async def _check_api_rules(self, ctx: Ctx, inputs: Mapping[str, Plain], operation: str) -> None:
        for key in ("callbackUrls", "logoutUrls"):
            for url in _strs(inputs, key):
                problem = _url_problem(url)
                if problem:
                    raise _refuse(operation, f"Invalid {key} entry {url!r}: {problem}")
        default = _str(inputs, "defaultRedirectUri")
        if default and default not in _strs(inputs, "callbackUrls"):
            raise _refuse(operation, "DefaultRedirectURI must be one of the CallbackURLs")
        flows, scopes = _strs(inputs, "allowedOauthFlows"), _strs(inputs, "allowedOauthScopes")
        if inputs.get("allowedOauthFlowsUserPoolClient") is True:
            if not flows or not scopes:
                raise _refuse(
                    operation,
                    "AllowedOAuthFlows and AllowedOAuthScopes are required when "
                    "AllowedOAuthFlowsUserPoolClient is true",
                )
        elif flows or scopes:
            raise _refuse(
                operation,
                "AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows or "
                "AllowedOAuthScopes",
            )
        if "client_credentials" in flows and len(set(flows)) > 1:
            raise _refuse(operation, "client_credentials flow cannot be combined with other flows")
        pool_id = _str(inputs, "userPoolId")
        for name in _strs(inputs, "supportedIdentityProviders"):
            if name in BUILTIN_PROVIDERS:
                continue
            try:
                await ctx.call("describe_identity_provider", UserPoolId=pool_id, ProviderName=name)
            except AwsError as err:
                if not err.not_found:
                    raise
                raise _refuse(
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
        pool_id = _str(state, "userPoolId")
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
        await self._check_api_rules(ctx, news, "UpdateUserPoolClient")
        params = self.api_params(news, update=True, olds=olds)
        await ctx.call("update_user_pool_client", ClientId=resource_id, **params)
        return await self.fetch_written(ctx, resource_id, news)

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        await ctx.call(
            "delete_user_pool_client", UserPoolId=_str(state, "userPoolId"), ClientId=resource_id
        )


RESOURCES: dict[str, Resource] = {
    r.token: r
    for r in (
        UserPool(),
        UserPoolDomain(),
        IdentityProvider(),
        UserPoolClient(),
        ManagedLoginBranding(),
        Record(),
    )
}
