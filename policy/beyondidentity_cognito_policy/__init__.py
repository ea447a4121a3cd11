"""Policy pack (Pulumi CrossGuard) for Beyond Identity passwordless federations with Cognito.

``serve()`` runs the pack (the engine starts ``policy/__main__.py``); ``RULES`` lists its rules,
``policy_pack_policies()`` builds the SDK policy objects (used by ``serve`` and by unit tests).
"""

from __future__ import annotations

from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy

from . import _secrets
from ._rules import RULES, Rule
from ._types import BI_APPLICATION, BI_CREDENTIALS, IDENTITY_PROVIDER, USER_POOL, USER_POOL_CLIENT

PACK_NAME = "beyondidentity-cognito"

__all__ = [
    "BI_APPLICATION",
    "BI_CREDENTIALS",
    "IDENTITY_PROVIDER",
    "PACK_NAME",
    "RULES",
    "USER_POOL",
    "USER_POOL_CLIENT",
    "Rule",
    "policy_pack_policies",
    "serve",
]


def policy_pack_policies() -> list[ResourceValidationPolicy]:
    """The SDK policy objects of every rule, at their default enforcement levels."""
    return [rule.policy() for rule in RULES]


def serve() -> None:
    """Serve the pack to the engine (blocks; prints the gRPC port on stdout first)."""
    _secrets.install()
    PolicyPack(
        name=PACK_NAME,
        policies=list(policy_pack_policies()),
        enforcement_level=EnforcementLevel.MANDATORY,
        description="Security posture of a Beyond Identity passwordless federation for Amazon Cognito.",
    )
