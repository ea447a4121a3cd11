"""The resources the stand-in serves: the user pool and its domain here, the others beside.

Wire names are pulumi-aws 7.51.1's (``@pulumi.getter(name=...)`` of the SDK classes); every
rule (replacement, Optional+Computed, defaults, preview checks) is the Terraform AWS provider's,
and each ``Property`` says where it comes from (``local/aws-rules.md`` is generated from them). Where moto is laxer than AWS, a few cheap
AWS rules are enforced here (errors say "enforced by the aws stand-in"):

* user pool: no delete while deletion protection is ACTIVE or a domain is attached;
* domain: prefix syntax and reserved words, one prefix domain per pool, globally unique names;
(the identity provider's and the app client's are in ``_identity_provider.py``, ``_client.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from ._aws import AwsError
from ._base import Ctx, Property, Resource, Rule
from ._branding import ManagedLoginBranding
from ._checks import arn, at_most, between, length, pattern
from ._client import UserPoolClient
from ._common import BOTO, VAL, refuse, str_of
from ._identity_provider import IdentityProvider
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


# ---------------------------------------------------------------------------------------------
# UserPool
# ---------------------------------------------------------------------------------------------

UP = "user_pool.go"  # terraform-provider-aws internal/service/cognitoidp/, the copy in aws-rules.md

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
        return resource_id or str_of(inputs, "name")

    autoname = True
    fields = (
        Property("name", Str(), replace=True, source=f"{UP} `name`: Required, ForceNew"),
        Property(
            "usernameAttributes",
            StrList(choices=("email", "phone_number")),
            api="UsernameAttributes",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{UP} `username_attributes`: ForceNew, enum, ConflictsWith alias_attributes",
        ),
        Property(
            "aliasAttributes",
            StrList(choices=("email", "phone_number", "preferred_username")),
            api="AliasAttributes",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{UP} `alias_attributes`: ForceNew, enum, ConflictsWith username_attributes",
        ),
        Property(
            "usernameConfiguration",
            USERNAME_CONFIGURATION,
            api="UsernameConfiguration",
            replace=True,
            create_only=True,
            sticky=True,
            source=f"{UP} `username_configuration.case_sensitive`: Required, ForceNew",
        ),
        Property(
            "autoVerifiedAttributes",
            StrList(choices=("email", "phone_number")),
            api="AutoVerifiedAttributes",
            source=f"{UP} `auto_verified_attributes`: Optional set, enum",
        ),
        Property(
            "deletionProtection",
            Str(("ACTIVE", "INACTIVE")),
            api="DeletionProtection",
            default="INACTIVE",
            source=f"{UP} `deletion_protection`: Default INACTIVE (not in the copy read)",
            verified=False,
        ),
        Property(
            "mfaConfiguration",
            Str(("OFF", "ON", "OPTIONAL")),
            default="OFF",
            source=f"{UP} `mfa_configuration`: Default OFF, enum",
        ),
        Property(
            "softwareTokenMfaConfiguration",
            SOFTWARE_TOKEN_MFA,
            sticky=True,
            source=f"{UP} `software_token_mfa_configuration.enabled`: Required",
        ),
        Property(
            "passwordPolicy",
            PASSWORD_POLICY,
            computed=True,
            source=f"{UP} `password_policy`: Optional+Computed; minimum_length IntBetween(6, 99), "
            "temporary_password_validity_days IntBetween(0, 365); password_history_size is not in "
            f"the copy read, its 0-24 is {BOTO} PasswordHistorySizeType",
        ),
        Property(
            "signInPolicy",
            SIGN_IN_POLICY,
            computed=True,
            source=f"not in the copy of {UP} read; enum from {BOTO} AuthFactorType",
            verified=False,
        ),
        Property(
            "accountRecoverySetting",
            ACCOUNT_RECOVERY,
            api="AccountRecoverySetting",
            computed=True,
            source=f"{UP} `account_recovery_setting`: Optional + SuppressMissingOptionalConfigurationBlock",
        ),
        Property(
            "adminCreateUserConfig",
            ADMIN_CREATE_USER,
            api="AdminCreateUserConfig",
            computed=True,
            source=f"{UP} `admin_create_user_config`: Optional+Computed; invite_message_template "
            f"{VAL} validUserPoolInviteTemplate*, validUserPoolTemplateEmailSubject",
        ),
        Property(
            "emailConfiguration",
            EMAIL_CONFIGURATION,
            api="EmailConfiguration",
            computed=True,
            source=f"{UP} `email_configuration`: SuppressMissingOptionalConfigurationBlock; "
            "email_sending_account Default COGNITO_DEFAULT; reply_to_email_address StringMatch; "
            "source_arn ValidARN",
        ),
        Property(
            "verificationMessageTemplate",
            VERIFICATION_MESSAGE_TEMPLATE,
            api="VerificationMessageTemplate",
            computed=True,
            source=f"{UP} `verification_message_template`: Optional+Computed; default_email_option "
            f"Default CONFIRM_WITH_CODE; texts {VAL} validUserPoolTemplate*",
        ),
        Property(
            "emailVerificationMessage",
            Str(checks=_EMAIL_TEXT),
            api="EmailVerificationMessage",
            computed=True,
            source=f"{UP} `email_verification_message`: Optional+Computed, {VAL} "
            "validUserPoolEmailVerificationMessage",
        ),
        Property(
            "emailVerificationSubject",
            Str(checks=_SUBJECT),
            api="EmailVerificationSubject",
            computed=True,
            source=f"{UP} `email_verification_subject`: Optional+Computed, {VAL} "
            "validUserPoolEmailVerificationSubject",
        ),
        Property(
            "smsVerificationMessage",
            Str(checks=_SMS_TEXT),
            api="SmsVerificationMessage",
            computed=True,
            source=f"{UP} `sms_verification_message`: Optional+Computed, {VAL} "
            "validUserPoolSMSVerificationMessage",
        ),
        Property(
            "smsAuthenticationMessage",
            Str(checks=_SMS_TEXT),
            api="SmsAuthenticationMessage",
            source=f"{UP} `sms_authentication_message`: {VAL} validUserPoolSMSAuthenticationMessage",
        ),
        Property(
            "deviceConfiguration",
            DEVICE_CONFIGURATION,
            api="DeviceConfiguration",
            source=f"{UP} `device_configuration`: Optional block",
        ),
        Property(
            "userAttributeUpdateSettings",
            USER_ATTRIBUTE_UPDATE_SETTINGS,
            api="UserAttributeUpdateSettings",
            source=f"not in the copy of {UP} read; enum from {BOTO} VerifiedAttributeType",
            verified=False,
        ),
        Property(
            "userPoolAddOns",
            USER_POOL_ADD_ONS,
            api="UserPoolAddOns",
            source=f"{UP} `user_pool_add_ons.advanced_security_mode`: Required, enum",
        ),
        Property(
            "userPoolTier",
            Str(("LITE", "ESSENTIALS", "PLUS")),
            api="UserPoolTier",
            computed=True,
            source=f"not in the copy of {UP} read; enum from {BOTO} UserPoolTierType",
            verified=False,
        ),
        Property(
            "schemas",
            SCHEMAS,
            source=f"{UP} `schema`: Set, MaxItems 50, not ForceNew; name {VAL} validUserPoolSchemaName",
        ),
        Property("tags", StrMap(), source="tags.TagsSchema(): Optional map"),
        Property(
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
        mode = str_of(inputs, "mfaConfiguration") or "OFF"
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
        params["PoolName"] = str_of(inputs, "name")
        params["Policies"] = self._policies(inputs)
        if not is_empty(inputs.get("schemas")):
            params["Schema"] = SCHEMAS.to_api(inputs["schemas"])
        if not is_empty(inputs.get("tags")):
            params["UserPoolTags"] = inputs["tags"]
        pool_id = str((await ctx.call("create_user_pool", **params))["UserPool"]["Id"])
        try:
            if (str_of(inputs, "mfaConfiguration") or "OFF") != "OFF":
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
            raise refuse(
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
            raise refuse(
                "DeleteUserPool",
                "The user pool cannot be deleted because deletion protection is activated. "
                "Deletion protection must be inactivated first.",
            )
        if pool.get("Domain") or pool.get("CustomDomain"):
            raise refuse(
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
        Property(
            "domain",
            Str(checks=(length(1, 63),)),
            api="Domain",
            replace=True,
            required=True,
            source=f"{DOM} `domain`: Required, ForceNew, StringLenBetween(1, 63)",
        ),
        Property(
            "userPoolId",
            Str(),
            api="UserPoolId",
            replace=True,
            required=True,
            source=f"{DOM} `user_pool_id`: Required, ForceNew",
        ),
        Property(
            "certificateArn",
            Str(checks=(arn(),)),
            replace_if=_prefix_custom_switch,
            sticky=True,
            source=f"{DOM} `certificate_arn`: Optional, ValidARN; CustomizeDiff "
            "ForceNewIfChange unless old and new are both set (UpdateUserPoolDomain)",
        ),
        Property(
            "managedLoginVersion",
            Num(),
            api="ManagedLoginVersion",
            computed=True,
            source=f"not in the copies of {DOM} found (the newest had no managed_login_version); "
            "Optional+Computed per the provider's schema dump and the 2026 acceptance test "
            "(2 -> 1 in place)",
            verified=False,
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
        return resource_id or str_of(inputs, "domain")

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
        domain, pool_id = str_of(inputs, "domain"), str_of(inputs, "userPoolId")
        certificate = str_of(inputs, "certificateArn")
        operation = "CreateUserPoolDomain"
        if not certificate:
            if not DOMAIN_PREFIX.match(domain):
                raise refuse(
                    operation,
                    f"1 validation error detected: Value '{domain}' at 'domain' failed to satisfy "
                    "constraint: Member must satisfy regular expression pattern: "
                    "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
                )
            for word in RESERVED_DOMAIN_WORDS:
                if word in domain:
                    raise refuse(operation, f"Domain cannot contain reserved word: {word}")
        pool = (await ctx.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        if pool.get("CustomDomain" if certificate else "Domain"):
            raise refuse(operation, "User pool already has a domain configured.")
        self._check_tier(pool, inputs, operation)
        existing = await ctx.call("describe_user_pool_domain", Domain=domain)
        if existing.get("DomainDescription"):
            raise refuse(operation, "Domain already associated with another user pool.")
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
            raise refuse(
                operation,
                "Managed login (version 2) is not available on the LITE feature plan",
                code="FeatureUnavailableInTierException",
            )

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        pool_id = str_of(news, "userPoolId")
        pool = (await ctx.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        self._check_tier(pool, news, "UpdateUserPoolDomain")
        params = self.api_params(news, update=True, olds=olds)
        certificate = str_of(news, "certificateArn") or str_of(olds, "certificateArn")
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
        pool_id = str_of(state, "userPoolId")
        if not pool_id:
            live = await self.fetch(ctx, resource_id, state)
            if live is None:
                return
            pool_id = str_of(live, "userPoolId")
        await ctx.call("delete_user_pool_domain", Domain=resource_id, UserPoolId=pool_id)


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
