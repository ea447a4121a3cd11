"""``aws:cognito/managedLoginBranding:ManagedLoginBranding``, which moto does not implement.

moto 5.2.5 answers the managed-login-branding API with ``NotImplementedError``, so the stand-in
keeps the branding styles itself: one JSON object per style in a bucket of the same moto server
(``s3://aws-standin-state/managed-login-branding/<region>/<pool>/<id>.json``), so they live and
die with moto's Cognito state (a moto reset or restart forgets both). What is modelled, after
the API reference of CreateManagedLoginBranding / UpdateManagedLoginBranding /
DescribeManagedLoginBranding:

* the pool and the app client must exist (``ResourceNotFoundException``), and a pool on the
  ``LITE`` feature plan has no managed login (``FeatureUnavailableInTierException``);
* one style per app client (``ManagedLoginBrandingExistsException``);
* exactly one of ``settings`` and ``useCognitoProvidedValues`` (the Terraform provider's
  ``ExactlyOneOf``, at preview); ``useCognitoProvidedValues: true`` takes no ``assets`` (AWS, at
  apply); ``settings`` is a JSON object; at most 40 assets, whose category, colour mode and
  extension are Cognito's enumerations; a change of ``assets`` replaces the style (the
  provider's ``RequiresReplace``);
* a style is gone when its pool or client is.

Not modelled, and so never invented: the contents of Cognito's default style. ``settingsAll``
reports the settings as given (``{}`` for the default style) rather than AWS's full document.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

# Cognito's asset enumerations have one home, which the component checks against too.
from pulumi_beyondidentity.rules import (
    MANAGED_LOGIN_ASSET_CATEGORIES,
    MANAGED_LOGIN_ASSET_COLOR_MODES,
    MANAGED_LOGIN_ASSET_EXTENSIONS,
)

from ._aws import AwsError
from ._base import Ctx, Property, Resource, Rule
from ._checks import at_most
from ._values import Attr, Bool, ObjList, Plain, Str, attrs
from ._values import Obj as ObjKind

STATE_BUCKET = "aws-standin-state"
MLB = "managed_login_branding.go"
ASSETS = ObjList(
    ObjKind(
        attrs(
            Attr("category", "Category", Str(MANAGED_LOGIN_ASSET_CATEGORIES), required=True),
            Attr("colorMode", "ColorMode", Str(MANAGED_LOGIN_ASSET_COLOR_MODES), required=True),
            Attr("extension", "Extension", Str(MANAGED_LOGIN_ASSET_EXTENSIONS), required=True),
            ("bytes", "Bytes", Str()),
            ("resourceId", "ResourceId", Str()),
        )
    ),
    checks=(at_most(40, "framework"),),
)
EXACTLY_ONE = (
    "{count} specified when one (and only one) of [settings,useCognitoProvidedValues] is required"
)


def _refuse(operation: str, message: str, code: str = "InvalidParameterException") -> AwsError:
    return AwsError(operation, code, message, standin=True)


def _key(region: str, pool_id: str, branding_id: str) -> str:
    return f"managed-login-branding/{region}/{pool_id}/{branding_id}.json"


class ManagedLoginBranding(Resource):
    token = "aws:cognito/managedLoginBranding:ManagedLoginBranding"
    label = "Cognito Managed Login Branding"
    fields = (
        Property(
            "userPoolId",
            Str(),
            replace=True,
            required=True,
            source=f"{MLB} `user_pool_id`: Required, RequiresReplace",
        ),
        Property(
            "clientId",
            Str(),
            replace=True,
            required=True,
            source=f"{MLB} `client_id`: Required, RequiresReplace",
        ),
        Property(
            "settings",
            Str(),
            source=f"{MLB} `settings`: Optional, SmithyJSON type (whether it compares JSON "
            "semantically was not read: compared as text here)",
            verified=False,
        ),
        Property(
            "assets",
            ASSETS,
            replace=True,
            source=f"{MLB} `asset`: SetNestedBlock, SizeBetween(0, 40), RequiresReplace (and "
            "on every member); enums from AssetCategoryType, ColorSchemeModeType, "
            "AssetExtensionType",
        ),
        Property(
            "useCognitoProvidedValues",
            Bool(),
            computed=True,
            source=f"{MLB} `use_cognito_provided_values`: Optional+Computed, "
            "ExactlyOneOf(settings, use_cognito_provided_values)",
        ),
        Property(
            "region",
            Str(),
            replace=True,
            computed=True,
            source="provider v6 forceNewIfRegionChanges (unset = the provider's region)",
        ),
    )
    outputs = ("managedLoginBrandingId", "settingsAll")
    rules = (
        Rule(
            "exactly one of `settings` and `useCognitoProvidedValues` (a `false` counts as set)",
            f"{MLB} `use_cognito_provided_values` boolvalidator.ExactlyOneOf",
        ),
        Rule(
            "`settings` is a JSON object",
            "Cognito's API (Settings is a JSON document); the stand-in checks it at preview",
            verified=False,
        ),
        Rule(
            "`useCognitoProvidedValues: true` takes no `assets` (refused at apply, as AWS does)",
            "botocore cognito-idp CreateManagedLoginBranding UseCognitoProvidedValues docs",
        ),
    )

    def subject(self, inputs: Mapping[str, Plain], resource_id: str | None) -> str:
        if resource_id:
            return resource_id.partition(",")[2] or resource_id
        return str(inputs.get("clientId") or "")

    def validate(self, inputs: Mapping[str, Plain]) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        settings = inputs.get("settings")
        given = [k for k in ("settings", "useCognitoProvidedValues") if inputs.get(k) is not None]
        if len(given) != 1:
            count = "No attribute" if not given else f"{len(given)} attributes"
            problems.append(("useCognitoProvidedValues", EXACTLY_ONE.format(count=count)))
        if isinstance(settings, str):
            try:
                parsed = json.loads(settings)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                problems.append(("settings", "settings must be a JSON object"))
        return problems

    @staticmethod
    def _check_default_style(inputs: Mapping[str, Plain], operation: str) -> None:
        if inputs.get("useCognitoProvidedValues") is True and inputs.get("assets"):
            raise _refuse(
                operation,
                "When UseCognitoProvidedValues is true, Settings and Assets must be omitted",
            )

    # ---- storage in the moto server's S3 ----

    async def _load(self, ctx: Ctx, pool_id: str, branding_id: str) -> dict[str, Any] | None:
        try:
            answer = await ctx.service(
                "s3", "get_object", Bucket=STATE_BUCKET, Key=_key(ctx.region, pool_id, branding_id)
            )
        except AwsError as err:
            if err.code in ("NoSuchKey", "NoSuchBucket", "404"):
                return None
            raise
        body = answer["Body"].read()
        record: dict[str, Any] = json.loads(body)
        return record

    async def _store(
        self, ctx: Ctx, pool_id: str, branding_id: str, record: Mapping[str, Any]
    ) -> None:
        try:
            await ctx.service("s3", "create_bucket", Bucket=STATE_BUCKET)
        except AwsError as err:
            if err.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise
        await ctx.service(
            "s3",
            "put_object",
            Bucket=STATE_BUCKET,
            Key=_key(ctx.region, pool_id, branding_id),
            Body=json.dumps(record).encode(),
        )

    async def _records(self, ctx: Ctx, pool_id: str) -> list[tuple[str, dict[str, Any]]]:
        try:
            listing = await ctx.service(
                "s3",
                "list_objects_v2",
                Bucket=STATE_BUCKET,
                Prefix=f"managed-login-branding/{ctx.region}/{pool_id}/",
            )
        except AwsError as err:
            if err.code == "NoSuchBucket":
                return []
            raise
        found = []
        for item in listing.get("Contents") or []:
            branding_id = str(item["Key"]).rsplit("/", 1)[-1].removesuffix(".json")
            record = await self._load(ctx, pool_id, branding_id)
            if record is not None:
                found.append((branding_id, record))
        return found

    async def _require_pool_and_client(
        self, ctx: Ctx, pool_id: str, client_id: str, operation: str
    ) -> None:
        pool = (await ctx.call("describe_user_pool", UserPoolId=pool_id))["UserPool"]
        if pool.get("UserPoolTier") == "LITE":
            raise _refuse(
                operation,
                "Managed login branding is not available on the LITE feature plan",
                code="FeatureUnavailableInTierException",
            )
        await ctx.call("describe_user_pool_client", UserPoolId=pool_id, ClientId=client_id)

    @staticmethod
    def _record(inputs: Mapping[str, Plain]) -> dict[str, Any]:
        default_style = inputs.get("useCognitoProvidedValues") is True
        return {
            "clientId": inputs.get("clientId"),
            "settings": None if default_style else inputs.get("settings"),
            "assets": [] if default_style else (inputs.get("assets") or []),
            "useCognitoProvidedValues": default_style,
        }

    # ---- resource hooks ----

    async def create_live(
        self, ctx: Ctx, inputs: Mapping[str, Plain]
    ) -> tuple[str, dict[str, Plain]]:
        operation = "CreateManagedLoginBranding"
        self._check_default_style(inputs, operation)
        pool_id, client_id = str(inputs.get("userPoolId")), str(inputs.get("clientId"))
        await self._require_pool_and_client(ctx, pool_id, client_id, operation)
        for _, record in await self._records(ctx, pool_id):
            if record.get("clientId") == client_id:
                raise _refuse(
                    operation,
                    f"A managed login branding style already exists for app client {client_id}",
                    code="ManagedLoginBrandingExistsException",
                )
        branding_id = str(uuid.uuid4())
        await self._store(ctx, pool_id, branding_id, self._record(inputs))
        resource_id = f"{pool_id},{branding_id}"
        return resource_id, await self.fetch_written(ctx, resource_id, inputs)

    async def fetch(
        self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]
    ) -> dict[str, Plain] | None:
        pool_id, branding_id = self.split_id(
            resource_id, ",", "<user pool id>,<managed login branding id>"
        )
        record = await self._load(ctx, pool_id, branding_id)
        if record is None:
            return None
        try:  # a style goes with its pool and its client
            await ctx.call(
                "describe_user_pool_client", UserPoolId=pool_id, ClientId=str(record["clientId"])
            )
        except AwsError as err:
            if err.not_found:
                return None
            raise
        settings = record.get("settings")
        return {
            "userPoolId": pool_id,
            "clientId": record["clientId"],
            "settings": settings,
            "assets": record.get("assets") or None,
            "useCognitoProvidedValues": bool(record.get("useCognitoProvidedValues")),
            "region": ctx.region,
            "managedLoginBrandingId": branding_id,
            "settingsAll": settings if isinstance(settings, str) else "{}",
        }

    async def update_live(
        self, ctx: Ctx, resource_id: str, olds: Mapping[str, Plain], news: Mapping[str, Plain]
    ) -> dict[str, Plain]:
        pool_id, _, branding_id = resource_id.partition(",")
        self._check_default_style(news, "UpdateManagedLoginBranding")
        await self._require_pool_and_client(
            ctx, pool_id, str(news.get("clientId")), "UpdateManagedLoginBranding"
        )
        if await self._load(ctx, pool_id, branding_id) is None:
            raise AwsError("UpdateManagedLoginBranding", "ResourceNotFoundException", resource_id)
        await self._store(ctx, pool_id, branding_id, self._record(news))
        live = await self.fetch(ctx, resource_id, news)
        if live is None:
            raise AwsError("UpdateManagedLoginBranding", "ResourceNotFoundException", resource_id)
        return live

    async def delete_live(self, ctx: Ctx, resource_id: str, state: Mapping[str, Plain]) -> None:
        pool_id, _, branding_id = resource_id.partition(",")
        try:
            await ctx.service(
                "s3",
                "delete_object",
                Bucket=STATE_BUCKET,
                Key=_key(ctx.region, pool_id, branding_id),
            )
        except AwsError as err:
            if err.code not in ("NoSuchKey", "NoSuchBucket"):
                raise
