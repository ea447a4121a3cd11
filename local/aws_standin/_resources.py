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
from ._base import Ctx, Field, Resource, Rule
from ._branding import ManagedLoginBranding
from ._checks import arn, at_most, between, go_duration, length, pattern
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

UP = "user_pool.go"  # terraform-provider-aws internal/service/cognitoidp/, the copy in aws-rules.md
VAL = "validate.go"
BOTO = "botocore cognito-idp model"

USERNAME_CONFIGURATION = Obj(attrs(Attr("caseSensitive", "CaseSensitive", Bool(), required=True)))
SOFTWARE_TOKEN_MFA = Obj(attrs(Attr("enabled", "Enabled", Bool(), required=True)))
PASSWORD_POLICY = Obj(
    attrs(
        ("minimumLength", "MinimumLength", Num((between(6, 99),))),
        ("passwordHistorySize", "PasswordHistorySize", Num((between(0, 24),))),
        ("requireLowercase", "RequireLowercase", Bool()),
        ("requireNumbers", "RequireNumbers", Bool()),
        ("requireSymbols", "RequireSymbols", Bool()),
        ("requireUppercase", "RequireUppercase", Bool()),
        ("temporaryPasswordValidityDays", "TemporaryPasswordValidityDays", Num((between(0, 365),))),
    )
)
SIGN_IN_POLICY = Obj(
    attrs(
        (
            "allowedFirstAuthFactors",
            "AllowedFirstAuthFactors",
            StrList(choices=("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "SOFTWARE_TOKEN")),
        )
    )
)
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
# validate.go: the {####} / {username} placeholders and the lengths of each template
_CODE = pattern(r"\{####\}", "contains {####}", '"{path}" does not contain {{####}}')
_USERNAME = pattern(
    r"\{username\}", "contains {username}", '"{path}" does not contain {{username}}'
)
_EMAIL_TEXT = (length(6, 20000, "cognito"), _CODE)
_SMS_TEXT = (length(6, 140, "cognito"), _CODE)
_SUBJECT = (length(1, 140, "cognito"),)
ADMIN_CREATE_USER = Obj(
    attrs(
        ("allowAdminCreateUserOnly", "AllowAdminCreateUserOnly", Bool()),
        (
            "inviteMessageTemplate",
            "InviteMessageTemplate",
            Obj(
                attrs(
                    (
                        "emailMessage",
                        "EmailMessage",
                        Str(checks=(length(6, 20000, "cognito"), _USERNAME)),
                    ),
                    ("emailSubject", "EmailSubject", Str(checks=_SUBJECT)),
                    (
                        "smsMessage",
                        "SMSMessage",
                        Str(checks=(length(6, 140, "cognito"), _USERNAME)),
                    ),
                )
            ),
        ),
    )
)
EMAIL_CONFIGURATION = Obj(
    attrs(
        ("configurationSet", "ConfigurationSet", Str()),
        Attr(
            "emailSendingAccount",
            "EmailSendingAccount",
            Str(("COGNITO_DEFAULT", "DEVELOPER")),
            default="COGNITO_DEFAULT",
        ),
        ("fromEmailAddress", "From", Str()),
        (
            "replyToEmailAddress",
            "ReplyToEmailAddress",
            Str(
                checks=(
                    pattern(
                        r"^$|[\w\-.+]+@[\w\-.]+",
                        "an email address",
                        "invalid value for {path} (must satisfy regular expression pattern: "
                        r"[\p{{L}}\p{{M}}\p{{S}}\p{{N}}\p{{P}}]+@[\p{{L}}\p{{M}}\p{{S}}\p{{N}}\p{{P}}]+)",
                    ),
                )
            ),
        ),
        ("sourceArn", "SourceArn", Str(checks=(arn(),))),
    )
)
VERIFICATION_MESSAGE_TEMPLATE = Obj(
    attrs(
        Attr(
            "defaultEmailOption",
            "DefaultEmailOption",
            Str(("CONFIRM_WITH_LINK", "CONFIRM_WITH_CODE")),
            default="CONFIRM_WITH_CODE",
        ),
        ("emailMessage", "EmailMessage", Str(checks=_EMAIL_TEXT)),
        (
            "emailMessageByLink",
            "EmailMessageByLink",
            Str(
                checks=(
                    length(6, 20000, "cognito"),
                    pattern(r"\{##.*##\}", "contains {##…##}"),
                )
            ),
        ),
        ("emailSubject", "EmailSubject", Str(checks=_SUBJECT)),
        ("emailSubjectByLink", "EmailSubjectByLink", Str(checks=_SUBJECT)),
        ("smsMessage", "SmsMessage", Str(checks=_SMS_TEXT)),
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
        Attr(
            "name",
            "Name",
            Str(checks=(length(1, 20, "cognito"),)),
            required=True,
        ),
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
SCHEMAS = ObjList(SCHEMA_ATTRIBUTE, checks=(at_most(50),))
# (top-level field, verificationMessageTemplate member, and their Terraform names)
_TEMPLATE_CONFLICTS = (
    ("emailVerificationMessage", "emailMessage", "email_verification_message", "email_message"),
    ("emailVerificationSubject", "emailSubject", "email_verification_subject", "email_subject"),
    ("smsVerificationMessage", "smsMessage", "sms_verification_message", "sms_message"),
)


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
    label = "Cognito User Pool"

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        return resource_id or _str(inputs, "name")

    autoname = True
    fields = (
        Field("name", Str(), replace=True, source=f"{UP} `name`: Required, ForceNew"),
        Field(
            "usernameAttributes",
            StrList(choices=("email", "phone_number")),
            api="UsernameAttributes",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{UP} `username_attributes`: ForceNew, enum, ConflictsWith alias_attributes",
        ),
        Field(
            "aliasAttributes",
            StrList(choices=("email", "phone_number", "preferred_username")),
            api="AliasAttributes",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{UP} `alias_attributes`: ForceNew, enum, ConflictsWith username_attributes",
        ),
        Field(
            "usernameConfiguration",
            USERNAME_CONFIGURATION,
            api="UsernameConfiguration",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{UP} `username_configuration.case_sensitive`: Required, ForceNew",
        ),
        Field(
            "autoVerifiedAttributes",
            StrList(choices=("email", "phone_number")),
            api="AutoVerifiedAttributes",
            source=f"{UP} `auto_verified_attributes`: Optional set, enum",
        ),
        Field(
            "deletionProtection",
            Str(("ACTIVE", "INACTIVE")),
            api="DeletionProtection",
            default="INACTIVE",
            source=f"{UP} `deletion_protection`: Default INACTIVE (not in the copy read)",
            verified=False,
        ),
        Field(
            "mfaConfiguration",
            Str(("OFF", "ON", "OPTIONAL")),
            default="OFF",
            source=f"{UP} `mfa_configuration`: Default OFF, enum",
        ),
        Field(
            "softwareTokenMfaConfiguration",
            SOFTWARE_TOKEN_MFA,
            sticky=True,
            source=f"{UP} `software_token_mfa_configuration.enabled`: Required",
        ),
        Field(
            "passwordPolicy",
            PASSWORD_POLICY,
            computed=True,
            source=f"{UP} `password_policy`: Optional+Computed; minimum_length IntBetween(6, 99), "
            "temporary_password_validity_days IntBetween(0, 365); password_history_size is not in "
            f"the copy read, its 0-24 is {BOTO} PasswordHistorySizeType",
        ),
        Field(
            "signInPolicy",
            SIGN_IN_POLICY,
            computed=True,
            source=f"not in the copy of {UP} read; enum from {BOTO} AuthFactorType",
            verified=False,
        ),
        Field(
            "accountRecoverySetting",
            ACCOUNT_RECOVERY,
            api="AccountRecoverySetting",
            computed=True,
            source=f"{UP} `account_recovery_setting`: Optional + SuppressMissingOptionalConfigurationBlock",
        ),
        Field(
            "adminCreateUserConfig",
            ADMIN_CREATE_USER,
            api="AdminCreateUserConfig",
            computed=True,
            source=f"{UP} `admin_create_user_config`: Optional+Computed; invite_message_template "
            f"{VAL} validUserPoolInviteTemplate*, validUserPoolTemplateEmailSubject",
        ),
        Field(
            "emailConfiguration",
            EMAIL_CONFIGURATION,
            api="EmailConfiguration",
            computed=True,
            source=f"{UP} `email_configuration`: SuppressMissingOptionalConfigurationBlock; "
            "email_sending_account Default COGNITO_DEFAULT; reply_to_email_address StringMatch; "
            "source_arn ValidARN",
        ),
        Field(
            "verificationMessageTemplate",
            VERIFICATION_MESSAGE_TEMPLATE,
            api="VerificationMessageTemplate",
            computed=True,
            source=f"{UP} `verification_message_template`: Optional+Computed; default_email_option "
            f"Default CONFIRM_WITH_CODE; texts {VAL} validUserPoolTemplate*",
        ),
        Field(
            "emailVerificationMessage",
            Str(checks=_EMAIL_TEXT),
            api="EmailVerificationMessage",
            computed=True,
            source=f"{UP} `email_verification_message`: Optional+Computed, {VAL} "
            "validUserPoolEmailVerificationMessage",
        ),
        Field(
            "emailVerificationSubject",
            Str(checks=_SUBJECT),
            api="EmailVerificationSubject",
            computed=True,
            source=f"{UP} `email_verification_subject`: Optional+Computed, {VAL} "
            "validUserPoolEmailVerificationSubject",
        ),
        Field(
            "smsVerificationMessage",
            Str(checks=_SMS_TEXT),
            api="SmsVerificationMessage",
            computed=True,
            source=f"{UP} `sms_verification_message`: Optional+Computed, {VAL} "
            "validUserPoolSMSVerificationMessage",
        ),
        Field(
            "smsAuthenticationMessage",
            Str(checks=_SMS_TEXT),
            api="SmsAuthenticationMessage",
            source=f"{UP} `sms_authentication_message`: {VAL} validUserPoolSMSAuthenticationMessage",
        ),
        Field(
            "deviceConfiguration",
            DEVICE_CONFIGURATION,
            api="DeviceConfiguration",
            source=f"{UP} `device_configuration`: Optional block",
        ),
        Field(
            "userAttributeUpdateSettings",
            USER_ATTRIBUTE_UPDATE_SETTINGS,
            api="UserAttributeUpdateSettings",
            source=f"not in the copy of {UP} read; enum from {BOTO} VerifiedAttributeType",
            verified=False,
        ),
        Field(
            "userPoolAddOns",
            USER_POOL_ADD_ONS,
            api="UserPoolAddOns",
            source=f"{UP} `user_pool_add_ons.advanced_security_mode`: Required, enum",
        ),
        Field(
            "userPoolTier",
            Str(("LITE", "ESSENTIALS", "PLUS")),
            api="UserPoolTier",
            computed=True,
            source=f"not in the copy of {UP} read; enum from {BOTO} UserPoolTierType",
            verified=False,
        ),
        Field(
            "schemas",
            SCHEMAS,
            source=f"{UP} `schema`: Set, MaxItems 50, not ForceNew; name {VAL} validUserPoolSchemaName",
        ),
        Field("tags", StrMap(), source="tags.TagsSchema(): Optional map"),
        Field(
            "region",
            Str(),
            replace=True,
            computed=True,
            source="provider v6 forceNewIfRegionChanges (unset = the provider's region)",
        ),
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

    rules = (
        Rule(
            "`usernameAttributes` conflicts with `aliasAttributes`",
            f"{UP} `username_attributes`/`alias_attributes` ConflictsWith",
        ),
        *(
            Rule(
                f"`{top}` conflicts with `verificationMessageTemplate.{nested}`",
                f"{UP} `{tf}` ConflictsWith verification_message_template.0.{tf_nested} (and back)",
            )
            for top, nested, tf, tf_nested in _TEMPLATE_CONFLICTS
        ),
    )

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if (
            inputs.get("usernameAttributes") is not None
            and inputs.get("aliasAttributes") is not None
        ):
            problems.append(
                ("aliasAttributes", '"aliasAttributes": conflicts with usernameAttributes')
            )
        template = inputs.get("verificationMessageTemplate")
        template = template if isinstance(template, dict) else {}
        for top, nested, _, _ in _TEMPLATE_CONFLICTS:
            if inputs.get(top) is not None and template.get(nested) is not None:
                problems.append(
                    (top, f'"{top}": conflicts with verificationMessageTemplate.{nested}')
                )
        return problems

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

DOM = "user_pool_domain.go"


def _prefix_custom_switch(old: Plain, new: Plain) -> bool:
    """Replaces only when a prefix domain becomes a custom one or back (old or new unset);
    a new certificate for a custom domain is an update."""
    return not (bool(old) and bool(new))


DOMAIN_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")


class UserPoolDomain(Resource):
    token = "aws:cognito/userPoolDomain:UserPoolDomain"
    label = "Cognito User Pool Domain"
    fields = (
        Field(
            "domain",
            Str(checks=(length(1, 63),)),
            api="Domain",
            replace=True,
            required=True,
            source=f"{DOM} `domain`: Required, ForceNew, StringLenBetween(1, 63)",
        ),
        Field(
            "userPoolId",
            Str(),
            api="UserPoolId",
            replace=True,
            required=True,
            source=f"{DOM} `user_pool_id`: Required, ForceNew",
        ),
        Field(
            "certificateArn",
            Str(checks=(arn(),)),
            replace_if=_prefix_custom_switch,
            sticky=True,
            source=f"{DOM} `certificate_arn`: Optional, ValidARN; CustomizeDiff "
            "ForceNewIfChange unless old and new are both set (UpdateUserPoolDomain)",
        ),
        Field(
            "managedLoginVersion",
            Num(),
            api="ManagedLoginVersion",
            computed=True,
            source=f"not in the copies of {DOM} found (the newest had no managed_login_version); "
            "Optional+Computed per the provider's schema dump and the 2026 acceptance test "
            "(2 -> 1 in place)",
            verified=False,
        ),
        Field(
            "region",
            Str(),
            replace=True,
            computed=True,
            source="provider v6 forceNewIfRegionChanges (unset = the provider's region)",
        ),
    )

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        return resource_id or _str(inputs, "domain")

    outputs = (
        "awsAccountId",
        "cloudfrontDistribution",
        "cloudfrontDistributionArn",
        "cloudfrontDistributionZoneId",
        "s3Bucket",
        "version",
    )

    rules = (
        Rule(
            "`managedLoginVersion` is 1 (hosted UI) or 2 (managed login)",
            "the stand-in's reading of the Cognito docs; botocore's model has no range",
            verified=False,
        ),
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
IDP = "identity_provider.go"


class IdentityProvider(Resource):
    token = "aws:cognito/identityProvider:IdentityProvider"
    label = "Cognito Identity Provider"
    fields = (
        Field(
            "userPoolId",
            Str(),
            api="UserPoolId",
            replace=True,
            required=True,
            source=f"{IDP} `user_pool_id`: Required, ForceNew",
        ),
        Field(
            "providerName",
            Str(checks=(length(1, 32, "cognito"),)),
            api="ProviderName",
            replace=True,
            required=True,
            source=f"{IDP} `provider_name`: Required, ForceNew, {VAL} validIdentityProviderName",
        ),
        Field(
            "providerType",
            Str(PROVIDER_TYPES),
            api="ProviderType",
            replace=True,
            required=True,
            create_only=True,
            source=f"{IDP} `provider_type`: Required, ForceNew, enum IdentityProviderTypeType",
        ),
        Field(
            "providerDetails",
            StrMap(),
            api="ProviderDetails",
            required=True,
            source=f"{IDP} `provider_details`: Required map, updatable (DiffSuppressFunc for "
            "Google defaults and SAML read-only keys: not modelled, we serve OIDC)",
        ),
        Field(
            "attributeMapping",
            StrMap(),
            api="AttributeMapping",
            computed=True,
            source=f"{IDP} `attribute_mapping`: Optional+Computed map",
        ),
        Field(
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
        Field(
            "region",
            Str(),
            replace=True,
            computed=True,
            source="provider v6 forceNewIfRegionChanges (unset = the provider's region)",
        ),
    )

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        return resource_id or f"{_str(inputs, 'userPoolId')}:{_str(inputs, 'providerName')}"

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
        Field(
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
        Field(
            "userPoolId",
            Str(),
            api="UserPoolId",
            replace=True,
            required=True,
            source=f"{CLIENT} `user_pool_id`: Required, RequiresReplace",
        ),
        Field(
            "generateSecret",
            Bool(),
            api="GenerateSecret",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{CLIENT} `generate_secret`: Optional, RequiresReplace",
        ),
        Field(
            "allowedOauthFlows",
            StrList(choices=OAUTH_FLOWS, checks=(at_most(3, "framework"),)),
            api="AllowedOAuthFlows",
            computed=True,
            source=f"{CLIENT} `allowed_oauth_flows`: Optional+Computed, UseStateForUnknown, SizeAtMost(3), enum OAuthFlowType",
        ),
        Field(
            "allowedOauthFlowsUserPoolClient",
            Bool(),
            api="AllowedOAuthFlowsUserPoolClient",
            computed=True,
            source=f"{CLIENT} `allowed_oauth_flows_user_pool_client`: Optional+Computed, UseStateForUnknown",
        ),
        Field(
            "allowedOauthScopes",
            StrList(checks=(at_most(50, "framework"),)),
            api="AllowedOAuthScopes",
            computed=True,
            source=f"{CLIENT} `allowed_oauth_scopes`: Optional+Computed, UseStateForUnknown, SizeAtMost(50)",
        ),
        Field(
            "callbackUrls",
            StrList(checks=(at_most(100, "framework"),), item_checks=(*_URL, _PRINTABLE)),
            api="CallbackURLs",
            computed=True,
            source=f"{CLIENT} `callback_urls`: Optional+Computed, UseStateForUnknown, SizeAtMost(100), each userPoolClientURLValidator",
        ),
        Field(
            "logoutUrls",
            StrList(checks=(at_most(100, "framework"),), item_checks=(*_URL, _PRINTABLE)),
            api="LogoutURLs",
            computed=True,
            source=f"{CLIENT} `logout_urls`: Optional+Computed, UseStateForUnknown, SizeAtMost(100), each userPoolClientURLValidator",
        ),
        Field(
            "defaultRedirectUri",
            Str(checks=(*_URL, _PRINTABLE)),
            api="DefaultRedirectURI",
            computed=True,
            source=f"{CLIENT} `default_redirect_uri`: Optional+Computed, UseStateForUnknown, userPoolClientURLValidator",
        ),
        Field(
            "supportedIdentityProviders",
            StrList(item_checks=(length(1, 32, "framework"), _PRINTABLE)),
            api="SupportedIdentityProviders",
            computed=True,
            source=f"{CLIENT} `supported_identity_providers`: Optional+Computed, UseStateForUnknown, each userPoolClientIdentityProviderValidator",
        ),
        Field(
            "explicitAuthFlows",
            StrList(choices=AUTH_FLOWS),
            api="ExplicitAuthFlows",
            computed=True,
            source=f"{CLIENT} `explicit_auth_flows`: Optional+Computed, UseStateForUnknown, enum "
            "ExplicitAuthFlowsType (values: botocore's, incl. the two token-exchange flows; the "
            "aws-sdk-go-v2 version behind TF was not checked)",
            verified=False,
        ),
        Field(
            "preventUserExistenceErrors",
            Str(("ENABLED", "LEGACY")),
            api="PreventUserExistenceErrors",
            computed=True,
            source=f"{CLIENT} `prevent_user_existence_errors`: Optional+Computed, UseStateForUnknown, enum",
        ),
        Field(
            "readAttributes",
            StrList(),
            api="ReadAttributes",
            computed=True,
            source=f"{CLIENT} `read_attributes`: Optional+Computed, UseStateForUnknown",
        ),
        Field(
            "writeAttributes",
            StrList(),
            api="WriteAttributes",
            computed=True,
            source=f"{CLIENT} `write_attributes`: Optional+Computed, UseStateForUnknown",
        ),
        Field(
            "accessTokenValidity",
            Num(),
            api="AccessTokenValidity",
            computed=True,
            source=f"{CLIENT} `access_token_validity`: Optional+Computed, UseStateForUnknown, ConfigValidators 5 min-24 h in its unit",
        ),
        Field(
            "idTokenValidity",
            Num(),
            api="IdTokenValidity",
            computed=True,
            source=f"{CLIENT} `id_token_validity`: Optional+Computed, UseStateForUnknown, ConfigValidators 5 min-24 h in its unit",
        ),
        Field(
            "refreshTokenValidity",
            Num(),
            api="RefreshTokenValidity",
            computed=True,
            source=f"{CLIENT} `refresh_token_validity`: Optional+Computed, UseStateForUnknown, ConfigValidators 60 min-315360000 s in its unit",
        ),
        Field(
            "authSessionValidity",
            Num((between(3, 15, "framework"),)),
            api="AuthSessionValidity",
            computed=True,
            source=f"{CLIENT} `auth_session_validity`: Optional+Computed, UseStateForUnknown, Between(3, 15)",
        ),
        Field(
            "tokenValidityUnits",
            TOKEN_VALIDITY_UNITS,
            api="TokenValidityUnits",
            reset=DEFAULT_TOKEN_UNITS,
            source=f"{CLIENT} `token_validity_units`: ListNestedBlock (not computed), members "
            "Default hours/hours/days; Update resets a removed block to hours/hours/days",
        ),
        Field(
            "enableTokenRevocation",
            Bool(),
            api="EnableTokenRevocation",
            computed=True,
            source=f"{CLIENT} `enable_token_revocation`: Optional+Computed, UseStateForUnknown",
        ),
        Field(
            "enablePropagateAdditionalUserContextData",
            Bool(),
            api="EnablePropagateAdditionalUserContextData",
            computed=True,
            source=f"{CLIENT} `enable_propagate_additional_user_context_data`: Optional+Computed, UseStateForUnknown",
        ),
        Field(
            "refreshTokenRotation",
            REFRESH_TOKEN_ROTATION,
            api="RefreshTokenRotation",
            reset={"feature": "DISABLED"},
            source=f"{CLIENT} `refresh_token_rotation`: ListNestedBlock (not computed), feature "
            "Required enum, retry_grace_period_seconds Int32 Between(0, 60); a removed block is "
            "left out of UpdateUserPoolClient, which AWS reads as the default (DISABLED)",
        ),
        Field(
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
        return resource_id or _str(inputs, "name")

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
        # The API rules see what the client will hold: omitted computed values stay as they are.
        await self._check_api_rules(ctx, self.effective(news, olds), "UpdateUserPoolClient")
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
