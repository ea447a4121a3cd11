"""The app client's token policy, as pulumi-aws ``UserPoolClient`` arguments."""

from __future__ import annotations

from typing import Any

from ._args import CognitoFederationArgs


def client_token_policy(args: CognitoFederationArgs) -> dict[str, Any]:
    """Token lifetimes, revocation, rotation and user-existence errors for the app client.

    Every value is sent, defaults included: Cognito's UpdateUserPoolClient resets what a
    request leaves out, the real provider plans no change for a removed Optional+Computed
    value (the lifetimes, revocation, user-existence errors) and keeps the old one on AWS,
    and a stack should show the policy it runs with. ``token_validity_units`` and
    ``refresh_token_rotation`` are not computed there; they are sent whole all the same.
    """
    rotation: dict[str, Any] = {
        "feature": "ENABLED" if args.refresh_token_rotation else "DISABLED",
    }
    if args.refresh_token_rotation:
        rotation["retry_grace_period_seconds"] = args.refresh_token_rotation_grace_period
    return {
        "access_token_validity": args.access_token_validity,
        "id_token_validity": args.id_token_validity,
        "refresh_token_validity": args.refresh_token_validity,
        "token_validity_units": {
            "access_token": args.access_token_validity_unit,
            "id_token": args.id_token_validity_unit,
            "refresh_token": args.refresh_token_validity_unit,
        },
        "auth_session_validity": args.auth_session_validity,
        "enable_token_revocation": args.enable_token_revocation,
        "refresh_token_rotation": rotation,
        "prevent_user_existence_errors": args.prevent_user_existence_errors,
    }
