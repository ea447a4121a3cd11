"""Mocks that run the real Beyond Identity dynamic providers and create Cognito objects in moto.

Pulumi mocks never call dynamic providers, so :class:`LiveCloud` does what the engine's
provider process would: it unpickles the ``__provider`` the SDK serialized into the inputs,
runs ``check`` and then ``create`` with the checked inputs, and answers with the real outputs.
The four Cognito types are created through boto3 in a moto server, with the calls the AWS
provider makes for those inputs; anything else falls back to :class:`FakeCloud`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import dill
import pulumi

from helpers.cognito_mocks import (
    CLIENT,
    DOMAIN,
    IDENTITY_PROVIDER,
    MOCK_REGION,
    USER_POOL,
    Answer,
    FakeCloud,
    Registration,
    unwrap,
)

DYNAMIC_BEYOND_IDENTITY = "pulumi-python:dynamic/beyondidentity:"


class LiveCloud(FakeCloud):
    """Beyond Identity through the real providers (into the emulator), Cognito through moto."""

    def __init__(self, cognito: Any) -> None:
        super().__init__()
        self.cognito = cognito
        """A boto3 ``cognito-idp`` client bound to the moto server."""

    def new_resource(
        self, args: pulumi.runtime.MockResourceArgs
    ) -> tuple[str | None, dict[str, Any]]:
        if not args.typ.startswith(DYNAMIC_BEYOND_IDENTITY):
            return super().new_resource(args)
        blob = unwrap(args.inputs["__provider"])
        provider = dill.loads(base64.b64decode(blob))
        inputs = {k: v for k, v in args.inputs.items() if not k.startswith("__")}
        checked = provider.check({}, {**unwrap(inputs), "__provider": blob})
        if checked.failures:
            reasons = "; ".join(f.reason for f in checked.failures)
            raise AssertionError(f"{args.typ} {args.name}: check failed: {reasons}")
        created = provider.create({**checked.inputs, "__provider": blob})
        outputs = {k: v for k, v in (created.outs or {}).items() if not k.startswith("__")}
        self.log.append(Registration(args.typ, args.name, inputs, created.id, outputs))
        return created.id, outputs

    def respond(
        self, typ: str, name: str, inputs: dict[str, Any]
    ) -> tuple[str | None, dict[str, Any]]:
        create = _CREATES.get(typ)
        if create is None:
            return super().respond(typ, name, inputs)
        rid, computed = create(self, unwrap(inputs))
        return rid, {**inputs, **computed}

    def _create_user_pool(self, p: dict[str, Any]) -> Answer:
        pool = self.cognito.create_user_pool(
            PoolName=p["name"],
            UsernameAttributes=p["usernameAttributes"],
            AutoVerifiedAttributes=p["autoVerifiedAttributes"],
            UsernameConfiguration={"CaseSensitive": p["usernameConfiguration"]["caseSensitive"]},
            DeletionProtection=p["deletionProtection"],
        )["UserPool"]
        # Like the AWS provider: MFA (with TOTP) is set after creation.
        mfa: dict[str, Any] = {"UserPoolId": pool["Id"], "MfaConfiguration": p["mfaConfiguration"]}
        if "softwareTokenMfaConfiguration" in p:
            mfa["SoftwareTokenMfaConfiguration"] = {
                "Enabled": p["softwareTokenMfaConfiguration"]["enabled"]
            }
        self.cognito.set_user_pool_mfa_config(**mfa)
        region = p.get("region") or MOCK_REGION
        return pool["Id"], {
            "arn": pool["Arn"],
            "endpoint": f"cognito-idp.{region}.amazonaws.com/{pool['Id']}",
        }

    def _create_domain(self, p: dict[str, Any]) -> Answer:
        self.cognito.create_user_pool_domain(Domain=p["domain"], UserPoolId=p["userPoolId"])
        return p["domain"], {}

    def _create_identity_provider(self, p: dict[str, Any]) -> Answer:
        self.cognito.create_identity_provider(
            UserPoolId=p["userPoolId"],
            ProviderName=p["providerName"],
            ProviderType=p["providerType"],
            ProviderDetails=p["providerDetails"],
            AttributeMapping=p["attributeMapping"],
        )
        return f"{p['userPoolId']}:{p['providerName']}", {}

    def _create_client(self, p: dict[str, Any]) -> Answer:
        request: dict[str, Any] = {
            "UserPoolId": p["userPoolId"],
            "ClientName": p["name"],
            "GenerateSecret": p["generateSecret"],
            "ExplicitAuthFlows": p["explicitAuthFlows"],
            "AllowedOAuthFlowsUserPoolClient": p["allowedOauthFlowsUserPoolClient"],
            "AllowedOAuthFlows": p["allowedOauthFlows"],
            "AllowedOAuthScopes": p["allowedOauthScopes"],
            "CallbackURLs": p["callbackUrls"],
            "SupportedIdentityProviders": p["supportedIdentityProviders"],
            "PreventUserExistenceErrors": p["preventUserExistenceErrors"],
        }
        if p.get("logoutUrls"):
            request["LogoutURLs"] = p["logoutUrls"]
        client = self.cognito.create_user_pool_client(**request)["UserPoolClient"]
        return client["ClientId"], {}


# The Cognito resources created in moto, by type.
_CREATES: dict[str, Callable[[LiveCloud, dict[str, Any]], Answer]] = {
    USER_POOL: LiveCloud._create_user_pool,
    DOMAIN: LiveCloud._create_domain,
    IDENTITY_PROVIDER: LiveCloud._create_identity_provider,
    CLIENT: LiveCloud._create_client,
}
