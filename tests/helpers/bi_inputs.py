"""Valid inputs for each resource, as a program would declare them."""

from __future__ import annotations

from typing import Any

REALM_ID = "19a95130480dfa79"
RS_ID = "84db69f5-48a8-4c11-8cda-1bae3a73f07e"
AC_ID = "73731b7f-eb76-4143-9b4b-81a720385f5a"
HOSTED_ORIGIN = "https://auth-us.beyondidentity.com/authenticator/"
REDIRECT = "https://demo-pool.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"


def realm() -> dict[str, Any]:
    return {"display_name": "Customers"}


def resource_server(
    realm_id: str = REALM_ID,
    *,
    display_name: str = "AWS Cognito",
    identifier: str = "awsresourceserver",
) -> dict[str, Any]:
    return {
        "realm_id": realm_id,
        "display_name": display_name,
        "identifier": identifier,
        "scopes": ["aws:customclaim"],
    }


def authenticator_config(realm_id: str = REALM_ID) -> dict[str, Any]:
    return {
        "realm_id": realm_id,
        "display_name": "Hosted Web",
        "config": {"type": "hosted_web", "trusted_origins": [HOSTED_ORIGIN]},
    }


def application(
    realm_id: str = REALM_ID,
    resource_server_id: str = RS_ID,
    authenticator_config_id: str = AC_ID,
    *,
    display_name: str = "AWS Cognito",
) -> dict[str, Any]:
    """The dev stack's OIDC application (the one Cognito federates with)."""
    return {
        "realm_id": realm_id,
        "display_name": display_name,
        "resource_server_id": resource_server_id,
        "authenticator_config_id": authenticator_config_id,
        "protocol_config": {
            "type": "oidc",
            "confidentiality": "confidential",
            "grant_type": ["authorization_code"],
            "redirect_uris": [REDIRECT],
            "allowed_scopes": ["aws:customclaim"],
            "token_configuration": {"expires_after": 86400, "subject_field": "email"},
        },
    }


def as_engine_sends(props: dict[str, Any], *, keep_unknowns: bool = True) -> dict[str, Any]:
    """``props`` after the trip the engine gives them: through a protobuf Struct (every number
    becomes a float) and back through the SDK's deserializer, which turns the unknown sentinel
    into ``pulumi.output.Unknown`` objects for ``check`` and ``diff``."""
    from google.protobuf import struct_pb2
    from pulumi.runtime import rpc

    struct = struct_pb2.Struct()
    struct.update(props)
    return dict(rpc.deserialize_properties(struct, keep_unknowns=keep_unknowns))
