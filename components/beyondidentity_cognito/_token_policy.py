"""The app client's token policy, as pulumi-aws ``UserPoolClient`` arguments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

from ._choices import PreventUserExistenceErrors, TimeUnit
from ._inputs import derived


@dataclass(frozen=True)
class TokenPolicy:
    """Token lifetimes, revocation, rotation and user-existence errors of the app client."""

    access_token_validity: pulumi.Input[int]
    access_token_validity_unit: pulumi.Input[TimeUnit]
    id_token_validity: pulumi.Input[int]
    id_token_validity_unit: pulumi.Input[TimeUnit]
    refresh_token_validity: pulumi.Input[int]
    refresh_token_validity_unit: pulumi.Input[TimeUnit]
    auth_session_validity: pulumi.Input[int]
    enable_token_revocation: pulumi.Input[bool]
    refresh_token_rotation: pulumi.Input[bool]
    refresh_token_rotation_grace_period: pulumi.Input[int]
    prevent_user_existence_errors: pulumi.Input[PreventUserExistenceErrors]

    def client_arguments(self) -> dict[str, Any]:
        """The policy as ``UserPoolClient`` arguments.

        Every value is sent, defaults included: Cognito's UpdateUserPoolClient resets what a
        request leaves out, the real provider plans no change for a removed Optional+Computed
        value (the lifetimes, revocation, user-existence errors) and keeps the old one on AWS,
        and a stack should show the policy it runs with. ``token_validity_units`` and
        ``refresh_token_rotation`` are not computed there; they are sent whole all the same.
        """
        return {
            "access_token_validity": self.access_token_validity,
            "id_token_validity": self.id_token_validity,
            "refresh_token_validity": self.refresh_token_validity,
            "token_validity_units": {
                "access_token": self.access_token_validity_unit,
                "id_token": self.id_token_validity_unit,
                "refresh_token": self.refresh_token_validity_unit,
            },
            "auth_session_validity": self.auth_session_validity,
            "enable_token_revocation": self.enable_token_revocation,
            "refresh_token_rotation": self._rotation(),
            "prevent_user_existence_errors": self.prevent_user_existence_errors,
        }

    def _rotation(self) -> pulumi.Input[dict[str, Any]]:
        def rotation(values: list[Any]) -> dict[str, Any]:
            enabled, grace = values
            if not enabled:
                return {"feature": "DISABLED"}
            return {"feature": "ENABLED", "retry_grace_period_seconds": grace}

        return derived(
            [self.refresh_token_rotation, self.refresh_token_rotation_grace_period], rotation
        )
